// Issue 18.5, the practitioner's side of the child's activities: the interpretation of each
// activity, written after hand-back and kept apart from the child's words, and the record of a
// message to the judge being sent (NS 4.7). Both go through the one autosave path (EditorSet).
#pragma once

#include "app/tools/framework/model/activity_result.h"
#include "app/tools/wishes_feelings/model/judge_message.h"
#include "app/ui/record_editor.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace heard::ui {

class App;

// The practitioner's interpretation of the activities of the visit being written. Each is kept
// in its activity record's "practitioner" object, never among the child's answers; only the
// interpretation is ever written here (the child's answers are read back from the store and
// written again as they were). A signed activity is not changed: an addendum is the way.
class InterpretationEditor : public RecordEditor {
public:
    // The interpretation being written for an activity record (read from the record at first).
    std::string& textFor(const std::string& recordId, const tools::ActivityResult& result);
    void edited(const std::string& recordId);
    // The activity just handed back: the visit opens it, scrolled into view, once.
    std::string justBack;
    bool revealJustBack = false;

    const char* what() const override;

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override;

private:
    std::map<std::string, std::string> m_texts;
    std::set<std::string> m_pending; // ids whose text is not yet in the store
};

// "When and how it was sent" for a message to the judge: recorded signed, at once, as a record
// of its own under the activity, and only once the child has said yes (judge_message.h). Until
// then the form's few fields (a date, a choice, a line) are kept here; lock wipes them.
class JudgeSendingEditor : public RecordEditor {
public:
    std::string activityRecordId; // the message whose form is open ("" none)
    tools::JudgeSending sending;
    std::vector<std::string> problems; // msgids, after a refused attempt

    void open(const std::string& activityRecordId);
    // Records it (created and signed) when sendingProblems() has none; else keeps them in problems.
    void record(App& app);

    const char* what() const override;
    bool dirty() const override { return false; } // nothing half-saved: it is recorded whole or not at all

protected:
    void saveTo(storage::Store& /*store*/) override {}
    void clearState() override;
};

} // namespace heard::ui
