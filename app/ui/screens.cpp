#include "app/ui/screens.h"

#include <stdexcept>

namespace heard::ui {

namespace {

void backToCaseload(App& app) {
    app.show(ScreenId::Caseload);
}

void stayOnCaseload(App&) {}

// From the analysis back to the visit it belongs to: its editor while the visit is being
// written, its record once signed.
void backFromConflictAnalysis(App& app) {
    ConflictEditor& editor = app.editors().conflict;
    if (editor.dirty()) return; // the save failed (the notice says why): stay, nothing lost
    const std::string visitId = editor.screen.visitId;
    editor.clear();
    if (!visitId.empty() && visitId == app.editors().visit.draft.recordId) {
        app.nav().setRecord(visitId);
        app.show(ScreenId::Visit);
    } else if (!visitId.empty()) {
        app.openRecord(visitId);
    } else {
        app.show(app.childId().empty() ? ScreenId::Caseload : ScreenId::Child);
    }
}

void backFromSkinMap(App& app) {
    app.closeSkinMap();
}

} // namespace

const std::vector<ScreenSpec>& screenTable() {
    static const std::vector<ScreenSpec> s_table = {
        {ScreenId::Unlock, "unlock", drawUnlockScreen, stayOnCaseload, false},
        {ScreenId::Caseload, "caseload", drawCaseloadScreen, stayOnCaseload},
        {ScreenId::Child, "child", drawChildScreen, backToCaseload},
        {ScreenId::Visit, "visit", drawVisitScreen, nullptr},
        {ScreenId::Concern, "concern", drawConcernScreen, nullptr},
        {ScreenId::NotSeen, "not_seen", drawNotSeenScreen, nullptr},
        {ScreenId::Addendum, "addendum", drawAddendumScreen, nullptr},
        {ScreenId::Record, "record", drawRecordScreen, nullptr},
        {ScreenId::ChildMode, "child_mode", drawChildModeScreen, stayOnCaseload, false},
        {ScreenId::Sync, "sync", drawSyncScreen, nullptr},
        {ScreenId::SkinMap, "skin_map", drawSkinMapScreen, backFromSkinMap},
        {ScreenId::ConflictAnalysis, "conflict_analysis", drawConflictAnalysisScreen,
         backFromConflictAnalysis},
        {ScreenId::RiskIdentification, "risk_identification", drawRiskScreen, nullptr},
        {ScreenId::InformationSharing, "information_sharing", drawSharingScreen, nullptr},
    };
    return s_table;
}

const ScreenSpec& screenSpec(ScreenId id) {
    for (const ScreenSpec& spec : screenTable())
        if (spec.id == id) return spec;
    throw std::logic_error("a screen is missing from screenTable()");
}

} // namespace heard::ui
