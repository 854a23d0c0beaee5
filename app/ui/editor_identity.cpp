// The child's identity and needs (issue 18.6): a draft, autosaved, then signed.
#include "app/i18n/i18n.h"
#include "app/model/record_fields.h"
#include "app/ui/app.h"
#include "app/ui/editors.h"
#include "storage/record_kinds.h"

#include <stdexcept>

namespace heard::ui {

namespace {
nlohmann::json payloadOf(const IdentityEditor& editor, bool withSignature) {
    nlohmann::json payload = model::toJson(editor.needs);
    if (withSignature) {
        payload["signature_name"] = editor.signatureName;
        payload["signature_strokes"] = editor.signatureStrokes;
    }
    return payload;
}
} // namespace

const char* IdentityEditor::what() const {
    return _("the child's identity and needs");
}

void IdentityEditor::saveTo(storage::Store& store) {
    if (recordId.empty()) return;
    saveDraftRecord(store, recordId, payloadOf(*this, false), false);
}

void IdentityEditor::start(App& app) {
    const storage::Record* draft = nullptr;
    const storage::Record* latest = nullptr;
    for (const storage::Record& record : app.recordsOfCurrentChild()) {
        if (record.kind != storage::kinds::kIdentityNeeds) continue;
        if (record.status == storage::RecordStatus::Draft)
            draft = &record;
        else if (!latest || record.signedAt > latest->signedAt)
            latest = &record;
    }
    if (draft) {
        open(*draft);
        app.nav().setRecord(draft->id);
        app.show(ScreenId::IdentityNeeds);
        return;
    }
    clear();
    if (latest) {
        try {
            needs = model::identityNeedsFromJson(latest->payload);
        } catch (const std::invalid_argument&) {
            needs = {}; // unreadable: start empty rather than guess
        }
    }
    recordId = createDraftForChild(app, storage::kinds::kIdentityNeeds, payloadOf(*this, false), false);
    if (!recordId.empty()) app.show(ScreenId::IdentityNeeds);
}

void IdentityEditor::open(const storage::Record& record) {
    clear();
    recordId = record.id;
    try {
        needs = model::identityNeedsFromJson(record.payload);
    } catch (const std::invalid_argument&) {
        needs = {};
    }
}

std::vector<std::string> IdentityEditor::problems() const {
    std::vector<std::string> problems;
    if (model::isBlank(signatureName)) problems.push_back(N_("Your name, typed"));
    if (const char* problem = model::signatureProblem(signatureStrokes)) problems.push_back(problem);
    return problems;
}

void IdentityEditor::sign(App& app) {
    signProblems.set(problems());
    storage::Store* store = app.store();
    if (!signProblems.empty() || !store || recordId.empty()) return;
    saveDraftRecord(*store, recordId, payloadOf(*this, true), false);
    markSaved();
    store->sign(recordId, signatureName);
    const std::string id = recordId;
    clear();
    app.openRecord(id);
}

} // namespace heard::ui
