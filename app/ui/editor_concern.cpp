// A welfare concern being written (SF 2.88-2.108).
#include "app/i18n/i18n.h"
#include "app/model/event_time.h"
#include "app/ui/app.h"
#include "app/ui/editors.h"
#include "storage/record_kinds.h"

namespace heard::ui {

namespace {

// The time typed (blank: now) as ISO UTC; false with error set (a msgid) when refused.
bool resolveWhen(App& app, const std::string& typed, std::string& iso, std::string& error) {
    const std::string now = app.now();
    if (model::isBlank(typed)) {
        iso = now;
        error.clear();
        return true;
    }
    const char* why = nullptr;
    if (!model::parseEventTime(typed, model::fromIsoUtc(now), iso, why)) {
        error = why;
        return false;
    }
    error.clear();
    return true;
}

} // namespace

const char* ConcernEditor::what() const {
    return _("the welfare concern");
}

void ConcernEditor::saveTo(storage::Store& store) {
    if (draft.recordId.empty()) return;
    saveDraftRecord(store, draft.recordId, model::toJson(concern), highRisk);
}

void ConcernEditor::start(App& app) {
    clear();
    concern.identifiedAt = concern.identifiedWrittenAt = app.now();
    // Nothing is ticked for the practitioner: an abandoned concern flags nobody (issue 13).
    draft.recordId = createDraftForChild(app, storage::kinds::kConcern, model::toJson(concern), false);
    if (!draft.recordId.empty()) app.show(ScreenId::Concern);
}

void ConcernEditor::open(const storage::Record& record) {
    clear();
    draft.recordId = record.id;
    concern = model::concernFromJson(record.payload);
    highRisk = record.highRisk;
}

void ConcernEditor::setIdentified(App& app) {
    std::string at;
    timeErrorFor = "identified";
    if (!resolveWhen(app, identifiedWhen, at, timeError)) return;
    concern.identifiedAt = at;
    concern.identifiedWrittenAt = app.now();
    identifiedWhen.clear();
    markEdited();
}

void ConcernEditor::addAction(App& app) {
    if (model::isBlank(newActionWhat)) return;
    std::string at;
    timeErrorFor = "action";
    if (!resolveWhen(app, newActionWhen, at, timeError)) return;
    concern.actions.push_back({newActionWhat, at, app.now()});
    newActionWhat.clear();
    newActionWhen.clear();
    markEdited();
}

void ConcernEditor::addReferral(App& app) {
    timeErrorFor = "referral";
    if (newReferralRoute.empty()) {
        timeError = N_("Choose how the referral was made");
        return;
    }
    std::string at;
    if (!resolveWhen(app, newReferralWhen, at, timeError)) return;
    concern.referrals.push_back({newReferralRoute, at, app.now(), newReferralNote});
    newReferralRoute.clear();
    newReferralWhen.clear();
    newReferralNote.clear();
    markEdited();
}

void ConcernEditor::sign(App& app) {
    draft.signProblems.set(model::concernSigningProblems(concern, model::fromIsoUtc(app.now())));
    storage::Store* store = app.store();
    if (!draft.signProblems.empty() || !store) return;
    markEdited();
    save(*store);
    store->sign(draft.recordId, concern.signatureName);
    app.notice = {highRisk ? _("Concern signed. The manager is flagged and it syncs first.")
                           : _("Concern signed. It syncs with your other records."),
                  false};
    const std::string id = draft.recordId;
    clear();
    app.openRecord(id);
}

} // namespace heard::ui
