#include "app/ui/screens.h"

#include <stdexcept>

namespace heard::ui {

namespace {

void backToCaseload(App& app) {
    app.show(ScreenId::Caseload);
}

void stayOnCaseload(App&) {}

// From an activity's guidance back to the visit it was chosen in, not handed over.
void backFromHandOver(App& app) {
    app.editors().childMode.handingOver.clear();
    if (!app.editors().visit.draft.recordId.empty())
        app.show(ScreenId::Visit);
    else
        app.show(app.childId().empty() ? ScreenId::Caseload : ScreenId::Child);
}

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

// From a report back to the analysis it was made from when that is open, else the child's page.
void backFromReport(App& app) {
    app.editors().reportViewer.clear();
    app.show(!app.editors().impact.childId.empty() && app.editors().impact.childId == app.childId()
                 ? ScreenId::ChildImpact
                 : ScreenId::Child);
}

void backFromSkinMap(App& app) {
    app.closeSkinMap();
}

// A signed alert is done with; an unsigned one stays waiting (the control over every screen
// about the child says so) while the practitioner goes back where they were.
void backFromSafetyAlert(App& app) {
    SafetyAlertEditor& editor = app.editors().safetyAlert;
    if (editor.current() && editor.current()->isSigned) {
        editor.done(app);
        return;
    }
    const ScreenId to = editor.returnTo;
    if (to == ScreenId::Visit && !app.editors().visit.draft.recordId.empty())
        app.show(ScreenId::Visit);
    else
        app.show(app.childId().empty() ? ScreenId::Caseload : ScreenId::Child);
}

} // namespace

const std::vector<ScreenSpec>& screenTable() {
    static const std::vector<ScreenSpec> s_table = {
        {ScreenId::Unlock, "unlock", drawUnlockScreen, stayOnCaseload, false},
        {ScreenId::Caseload, "caseload", drawCaseloadScreen, stayOnCaseload},
        {ScreenId::Child, "child", drawChildScreen, backToCaseload, true, true},
        {ScreenId::Visit, "visit", drawVisitScreen, nullptr, true, true},
        {ScreenId::Concern, "concern", drawConcernScreen, nullptr, true, true},
        {ScreenId::NotSeen, "not_seen", drawNotSeenScreen, nullptr, true, true},
        {ScreenId::Addendum, "addendum", drawAddendumScreen, nullptr, true, true},
        {ScreenId::Record, "record", drawRecordScreen, nullptr, true, true},
        {ScreenId::ChildMode, "child_mode", drawChildModeScreen, stayOnCaseload, false},
        {ScreenId::Sync, "sync", drawSyncScreen, nullptr},
        {ScreenId::SkinMap, "skin_map", drawSkinMapScreen, backFromSkinMap, true, true},
        {ScreenId::ConflictAnalysis, "conflict_analysis", drawConflictAnalysisScreen,
         backFromConflictAnalysis, true, true},
        {ScreenId::RiskIdentification, "risk_identification", drawRiskScreen, nullptr, true, true},
        {ScreenId::InformationSharing, "information_sharing", drawSharingScreen, nullptr, true, true},
        {ScreenId::SafetyAlert, "safety_alert", drawSafetyAlertScreen, backFromSafetyAlert},
        {ScreenId::Settings, "settings", drawSettingsScreen, backToCaseload},
        {ScreenId::CourtMatter, "court_matter", drawCourtMatterScreen, nullptr, true, true},
        {ScreenId::ChildImpact, "child_impact", drawChildImpactScreen, nullptr, true, true},
        {ScreenId::IdentityNeeds, "identity_needs", drawIdentityScreen, nullptr, true, true},
        {ScreenId::ChildPeople, "child_people", drawChildPeopleScreen, nullptr, true, true},
        {ScreenId::HandOver, "hand_over", drawHandOverScreen, backFromHandOver, true, true},
        {ScreenId::Report, "report", drawReportScreen, backFromReport, true, true},
        {ScreenId::Welcome, "welcome", drawWelcomeScreen, stayOnCaseload, false},
    };
    return s_table;
}

const ScreenSpec& screenSpec(ScreenId id) {
    for (const ScreenSpec& spec : screenTable())
        if (spec.id == id) return spec;
    throw std::logic_error("a screen is missing from screenTable()");
}

} // namespace heard::ui
