// The child was not seen: the reason, what happens next, signed (NS 5.1).
#include "app/i18n/i18n.h"
#include "app/model/record_fields.h"
#include "app/ui/app.h"
#include "app/ui/editors.h"
#include "storage/record_kinds.h"

namespace heard::ui {

namespace {
nlohmann::json payloadOf(const NotSeenEditor& editor, bool withSignature) {
    nlohmann::json payload = {{"reason", editor.reason}, {"planned_next", editor.plannedNext}};
    if (withSignature) {
        payload["signature_name"] = editor.signatureName;
        payload["signature_strokes"] = editor.signatureStrokes;
    }
    return payload;
}
} // namespace

const char* NotSeenEditor::what() const {
    return _("the record of a child not seen");
}

void NotSeenEditor::saveTo(storage::Store& store) {
    if (draft.recordId.empty()) return;
    saveDraftRecord(store, draft.recordId, payloadOf(*this, false), false);
}

void NotSeenEditor::start(App& app) {
    clear();
    draft.recordId = createDraftForChild(app, storage::kinds::kNotSeen, payloadOf(*this, false), false);
    if (!draft.recordId.empty()) app.show(ScreenId::NotSeen);
}

void NotSeenEditor::open(const storage::Record& record) {
    clear();
    draft.recordId = record.id;
    reason = record.payload.value("reason", "");
    plannedNext = record.payload.value("planned_next", "");
}

std::vector<std::string> NotSeenEditor::problems() const {
    std::vector<std::string> problems;
    if (model::isBlank(reason)) problems.push_back(N_("Why the child was not seen"));
    if (model::isBlank(plannedNext)) problems.push_back(N_("What happens next"));
    if (model::isBlank(signatureName)) problems.push_back(N_("Your name, typed"));
    if (const char* problem = model::signatureProblem(signatureStrokes)) problems.push_back(problem);
    return problems;
}

void NotSeenEditor::sign(App& app) {
    draft.signProblems.set(problems());
    storage::Store* store = app.store();
    if (!draft.signProblems.empty() || !store) return;
    saveDraftRecord(*store, draft.recordId, payloadOf(*this, true), false);
    markSaved();
    store->sign(draft.recordId, signatureName);
    const std::string id = draft.recordId;
    clear();
    app.openRecord(id);
}

} // namespace heard::ui
