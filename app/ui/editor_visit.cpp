// The visit record being written (SF 2.47): start, activities, write-up, sign.
#include "app/i18n/i18n.h"
#include "app/model/record_fields.h"
#include "app/ui/app.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/editors.h"
#include "storage/record_kinds.h"

namespace heard::ui {

std::string createDraftForChild(App& app, const char* kind, const nlohmann::json& payload, bool highRisk) {
    auto child = app.currentChild();
    if (!app.store() || !child) return "";
    storage::NewRecord record;
    record.caseId = child->caseId;
    record.childId = child->id;
    record.kind = kind;
    record.author = app.author();
    record.highRisk = highRisk;
    record.payload = payload;
    const std::string id = app.store()->createDraft(record).id;
    app.nav().setRecord(id);
    return id;
}

void saveDraftRecord(storage::Store& store, const std::string& recordId, const nlohmann::json& payload,
                     bool highRisk) {
    store.saveDraft(recordId, payload);
    const auto record = store.recordById(recordId);
    if (record && record->highRisk != highRisk) store.setHighRisk(recordId, highRisk);
}

const char* VisitEditor::what() const {
    return _("the visit");
}

void VisitEditor::saveTo(storage::Store& store) {
    if (draft.recordId.empty()) return; // not begun: nothing is in the store yet
    saveDraftRecord(store, draft.recordId, model::toJson(visit), false);
}

void VisitEditor::start(App& app) {
    clear();
    visit.startedAt = app.now();
    app.nav().setRecord("");
    app.show(ScreenId::Visit);
}

void VisitEditor::confirmStart(App& app) {
    if (!visit.confidentialityExplained) return;
    draft.recordId = createDraftForChild(app, storage::kinds::kVisit, model::toJson(visit), false);
    started = !draft.recordId.empty();
}

void VisitEditor::open(const storage::Record& record) {
    clear();
    draft.recordId = record.id;
    visit = model::visitFromJson(record.payload);
    started = true;
}

void VisitEditor::sign(App& app) {
    draft.signProblems.set(model::visitSigningProblems(visit));
    storage::Store* store = app.store();
    if (!draft.signProblems.empty() || !store) return;
    markEdited();
    save(*store);
    // Activities done in the visit are signed with it: they are part of the same record. The
    // parental conflict analysis is not: it is the practitioner's own record, complete and
    // signed on its own, often after the visit.
    for (const auto& record : store->recordsForChild(app.childId()))
        if (record.parentId == draft.recordId && record.status == storage::RecordStatus::Draft &&
            record.kind != storage::kinds::kConflictAnalysis)
            store->sign(record.id, visit.signatureName);
    store->sign(draft.recordId, visit.signatureName);
    app.notice = catalogueNotice(N_("Visit signed. It will sync when there is a connection."));
    const std::string id = draft.recordId;
    clear();
    app.openRecord(id);
}

} // namespace heard::ui
