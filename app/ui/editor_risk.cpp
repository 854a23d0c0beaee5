// Risk identification being written, or a review of a signed one (SF 2.26-2.30). A review is
// a new record that names the version it reviews: the signed version is never changed.
#include "app/i18n/i18n.h"
#include "app/model/safeguarding_content.h"
#include "app/ui/app.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/editors.h"
#include "storage/record_kinds.h"

namespace heard::ui {

const char* RiskEditor::what() const {
    return _("the risk identification");
}

void RiskEditor::saveTo(storage::Store& store) {
    if (draft.recordId.empty()) return;
    saveDraftRecord(store, draft.recordId, model::toJson(risk), false);
}

void RiskEditor::start(App& app) {
    clear();
    risk.contentVersion = model::safeguardingContent().version;
    draft.recordId =
        createDraftForChild(app, storage::kinds::kRiskIdentification, model::toJson(risk), false);
    if (!draft.recordId.empty()) app.show(ScreenId::RiskIdentification);
}

void RiskEditor::startReview(App& app, const std::string& signedRecordId) {
    const auto previous = app.store() ? app.store()->recordById(signedRecordId) : std::nullopt;
    if (!previous || previous->status != storage::RecordStatus::Signed) return;
    clear();
    risk = model::startReview(model::riskFromJson(previous->payload), signedRecordId);
    draft.recordId =
        createDraftForChild(app, storage::kinds::kRiskIdentification, model::toJson(risk), false);
    if (!draft.recordId.empty()) app.show(ScreenId::RiskIdentification);
}

void RiskEditor::open(const storage::Record& record) {
    clear();
    draft.recordId = record.id;
    risk = model::riskFromJson(record.payload);
}

void RiskEditor::sign(App& app) {
    draft.signProblems.set(model::riskSigningProblems(risk, app.now().substr(0, 10)));
    storage::Store* store = app.store();
    if (!draft.signProblems.empty() || !store) return;
    markEdited();
    save(*store);
    store->sign(draft.recordId, risk.signatureName);
    app.notice = catalogueNotice(N_("Risk identification signed. Change it only by a review."));
    const std::string id = draft.recordId;
    clear();
    app.openRecord(id);
}

} // namespace heard::ui
