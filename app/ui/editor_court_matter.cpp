// What the court is deciding in the case of the child on screen (issue 16, item 1).
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/model/record_fields.h"
#include "app/report/report_store.h"
#include "app/ui/app.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/editors.h"
#include "storage/record_kinds.h"

namespace heard::ui {

namespace {

std::string lastRecorded(storage::Store& store, const std::string& caseId) {
    std::string at;
    for (const storage::Record& r : store.recordsForCase(caseId))
        if (r.kind == storage::kinds::kCourtMatter && r.status == storage::RecordStatus::Signed)
            at = model::formatForPeople(r.signedAt);
    return at;
}

} // namespace

const char* CourtMatterEditor::what() const {
    return _("what the court is deciding");
}

void CourtMatterEditor::open(App& app) {
    storage::Store* store = app.store();
    const auto child = app.currentChild();
    if (!store || !child) return;
    CourtMatterEditor fresh;
    fresh.caseId = child->caseId;
    if (auto c = store->caseById(child->caseId)) fresh.caseReference = c->reference;
    for (const storage::Child& sibling : store->childrenForCase(child->caseId))
        fresh.children.emplace_back(sibling.id, sibling.displayName);
    if (auto json = store->courtMatter(child->caseId)) {
        std::string problem;
        if (!model::courtMatterFromJson(*json, fresh.matter, problem)) {
            // Never overwrite what cannot be read: say so and stay on the child's page.
            app.notice = {std::string(_("What the court is deciding cannot be read: ")) + problem, true};
            return;
        }
    }
    fresh.recordedAt = lastRecorded(*store, child->caseId);
    clear();
    *this = std::move(fresh);
    app.show(ScreenId::CourtMatter);
}

void CourtMatterEditor::recordForFile(App& app) {
    storage::Store* store = app.store();
    if (!store || caseId.empty()) return;
    save(*store); // what is on screen is what goes on file
    if (report::recordCourtMatter(*store, caseId, app.author())) {
        recordedAt = lastRecorded(*store, caseId);
        app.notice = catalogueNotice(N_("Put on file. It will sync when there is a connection."));
    } else {
        app.notice = catalogueNotice(N_("Nothing new to put on file: write the matter, or change it first."));
    }
}

void CourtMatterEditor::addQuestion() {
    if (model::isBlank(newQuestion)) return;
    matter.questions.push_back(newQuestion);
    newQuestion.clear();
    markEdited();
}

void CourtMatterEditor::addHearing() {
    if (model::isBlank(newHearingDate)) return;
    matter.hearings.push_back({newHearingDate, newHearingPurpose});
    newHearingDate.clear();
    newHearingPurpose.clear();
    markEdited();
}

void CourtMatterEditor::addParty() {
    if (model::isBlank(newPartyName)) return;
    matter.parties.push_back({newPartyName, newPartyRole, {}});
    newPartyName.clear();
    newPartyRole.clear();
    markEdited();
}

void CourtMatterEditor::saveTo(storage::Store& store) {
    if (caseId.empty()) return;
    store.putCourtMatter(caseId, model::courtMatterToJson(matter));
}

} // namespace heard::ui
