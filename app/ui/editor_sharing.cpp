// A record of information shared, or of a decision not to share (SF 3.62). Saved as a draft
// while written; signing is refused without a basis, with the reason.
#include "app/i18n/i18n.h"
#include "app/model/event_time.h"
#include "app/ui/app.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/editors.h"
#include "storage/record_kinds.h"

namespace heard::ui {

const char* SharingEditor::what() const {
    return _("the record of information shared");
}

void SharingEditor::saveTo(storage::Store& store) {
    if (draft.recordId.empty()) return;
    saveDraftRecord(store, draft.recordId, model::toJson(sharing), false);
}

void SharingEditor::start(App& app) {
    clear();
    sharing.writtenAt = app.now();
    draft.recordId =
        createDraftForChild(app, storage::kinds::kInformationSharing, model::toJson(sharing), false);
    if (!draft.recordId.empty()) app.show(ScreenId::InformationSharing);
}

void SharingEditor::open(const storage::Record& record) {
    clear();
    draft.recordId = record.id;
    sharing = model::sharingFromJson(record.payload);
    decidedWhen = model::eventTimeText(sharing.decidedAt);
}

void SharingEditor::sign(App& app) {
    const std::string now = app.now();
    timeError.clear();
    // The decision time as typed (blank: now); a bad or future time is refused with the reason.
    if (model::isBlank(decidedWhen)) {
        sharing.decidedAt = now;
    } else {
        const char* why = nullptr;
        std::string at;
        if (model::parseEventTime(decidedWhen, model::fromIsoUtc(now), at, why))
            sharing.decidedAt = at;
        else
            timeError = why;
    }
    std::vector<std::string> problems = model::sharingProblems(sharing, model::fromIsoUtc(now));
    if (!timeError.empty()) problems.insert(problems.begin(), timeError);
    draft.signProblems.set(std::move(problems));
    storage::Store* store = app.store();
    if (!draft.signProblems.empty() || !store) return;
    markEdited();
    save(*store);
    store->sign(draft.recordId, sharing.signatureName);
    app.notice =
        catalogueNotice(N_("Information sharing recorded and signed. It syncs with your other records."));
    const std::string id = draft.recordId;
    clear();
    app.openRecord(id);
}

} // namespace heard::ui
