// A welfare concern being written (SF 2.88-2.97).
#include "app/i18n/i18n.h"
#include "app/ui/app.h"
#include "app/ui/editors.h"
#include "storage/record_kinds.h"

namespace heard::ui {

const char* ConcernEditor::what() const {
    return _("the welfare concern");
}

void ConcernEditor::saveTo(storage::Store& store) {
    if (draft.recordId.empty()) return;
    saveDraftRecord(store, draft.recordId, model::toJson(concern), highRisk);
}

void ConcernEditor::start(App& app) {
    clear();
    concern.identifiedAt = app.now();
    draft.recordId = createDraftForChild(app, storage::kinds::kConcern, model::toJson(concern), true);
    if (!draft.recordId.empty()) app.show(ScreenId::Concern);
}

void ConcernEditor::open(const storage::Record& record) {
    clear();
    draft.recordId = record.id;
    concern = model::concernFromJson(record.payload);
    highRisk = record.highRisk;
}

void ConcernEditor::sign(App& app) {
    draft.signProblems.set(model::concernSigningProblems(concern));
    storage::Store* store = app.store();
    if (!draft.signProblems.empty() || !store) return;
    markEdited();
    save(*store);
    store->sign(draft.recordId, concern.signatureName);
    app.notice = {_("Concern signed. The manager is flagged and it syncs first."), false};
    const std::string id = draft.recordId;
    clear();
    app.openRecord(id);
}

} // namespace heard::ui
