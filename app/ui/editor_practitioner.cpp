// The practitioner's interpretation of each activity and the record of a message to the judge
// being sent (issue 18.5; editors_practitioner.h).
#include "app/i18n/i18n.h"
#include "app/ui/app.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/editors.h"
#include "storage/record_kinds.h"

#include <stdexcept>

namespace heard::ui {

const char* InterpretationEditor::what() const {
    return _("your interpretation of the activity");
}

std::string& InterpretationEditor::textFor(const std::string& recordId, const tools::ActivityResult& result) {
    auto found = m_texts.find(recordId);
    if (found == m_texts.end()) found = m_texts.emplace(recordId, result.interpretation).first;
    return found->second;
}

void InterpretationEditor::edited(const std::string& recordId) {
    m_pending.insert(recordId);
    markEdited();
}

void InterpretationEditor::saveTo(storage::Store& store) {
    // Each record on its own; one that fails stays pending (every character kept) and the
    // failure is reported after the others are saved.
    std::string failure;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const std::string id = *it;
        try {
            const auto record = store.recordById(id);
            if (!record || record->status != storage::RecordStatus::Draft) {
                it = m_pending.erase(it); // gone or signed: nothing here may change it
                continue;
            }
            tools::ActivityResult result;
            std::string error;
            if (!tools::resultFromJson(record->payload, result, error)) throw std::runtime_error(error);
            result.interpretation = m_texts[id];
            // The payload as stored, with only the practitioner's object replaced: the child's
            // answers and any type-specific state go back exactly as they were.
            nlohmann::json payload = record->payload;
            payload["practitioner"]["interpretation"] = result.interpretation;
            store.saveDraft(id, payload);
            it = m_pending.erase(it);
        } catch (const std::exception& e) {
            if (failure.empty()) failure = e.what();
            ++it;
        }
    }
    if (!failure.empty()) throw std::runtime_error(failure);
}

void InterpretationEditor::clearState() {
    for (auto& [id, text] : m_texts)
        wipeText(text);
    m_texts.clear();
    m_pending.clear();
    justBack.clear();
    revealJustBack = false;
}

const char* JudgeSendingEditor::what() const {
    return _("the record of sending the message to the judge");
}

void JudgeSendingEditor::open(const std::string& recordId) {
    clear();
    activityRecordId = recordId;
}

void JudgeSendingEditor::record(App& app) {
    storage::Store* store = app.store();
    if (!store || activityRecordId.empty()) return;
    const auto activity = store->recordById(activityRecordId);
    tools::ActivityResult result;
    std::string error;
    if (!activity || activity->kind != storage::kinds::kActivity ||
        !tools::resultFromJson(activity->payload, result, error) ||
        result.type != tools::kJudgeActivityType) {
        problems = {N_("This message is not on this tablet.")};
        return;
    }
    problems = tools::sendingProblems(sending, result, app.now().substr(0, 10));
    if (!problems.empty()) return;
    sending.recordedAt = app.now();
    sending.recordedBy = app.author();
    storage::NewRecord record;
    record.caseId = activity->caseId;
    record.childId = activity->childId;
    record.kind = storage::kinds::kJudgeMessageSent;
    record.author = app.author();
    record.parentId = activity->id;
    record.payload = tools::sendingToJson(sending);
    const std::string id = store->createDraft(record).id;
    store->sign(id, app.author());
    clear();
    app.notice = catalogueNotice(N_("Recorded: when and how the message was sent."));
}

void JudgeSendingEditor::clearState() {
    activityRecordId.clear();
    wipeText(sending.howOther);
    wipeText(sending.note);
    sending = {};
    problems.clear();
}

} // namespace heard::ui
