// One activity in progress with a child: the content, the answers so far, and where the child
// is. Child views read and change it; the practitioner's interpretation is added afterwards.
//
// Flow: (if content.childChoosesOrder) the child picks the step to start with, then each step
// in turn; on every step the child can answer and go on, skip, go back, or stop. Stopping keeps
// what was answered and marks the rest as not reached.
#pragma once

#include "app/tools/framework/model/activity_content.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/model/child_people.h"

#include <string>
#include <vector>

namespace heard::tools {

class ActivityRun {
public:
    // childAge (from the child's date of birth; -1 unknown) picks the content's age band: a
    // short version, pictures-only scales. The record names the band (result().ageBand).
    ActivityRun(const ActivityContent& content, const std::string& language, int childAge = -1);
    // Resumes a saved result (e.g. a draft after a crash) on the same content, in the band it
    // was begun in.
    ActivityRun(const ActivityContent& content, ActivityResult result);

    const ActivityContent& content() const { return m_content; }
    const ActivityResult& result() const { return m_result; }
    const std::string& language() const { return m_result.language; }
    // The child may change language mid-activity; the record keeps the last one used.
    void setLanguage(const std::string& code) { m_result.language = code; }

    // True while the child has still to pick where to start (childChoosesOrder content).
    bool choosingStart() const {
        return m_content.childChoosesOrder && m_result.order.empty() && !finished();
    }
    // Starts with stepId; the others follow in content order. False for an unknown id.
    bool startWith(const std::string& stepId);

    bool finished() const { return m_finished; }
    // Position within the child's order (0-based) and the count of steps.
    size_t position() const { return m_position; }
    size_t stepCount() const { return m_content.steps.size(); }
    // The content as this child does it (contentForBand): the band's steps and scale form.
    // The step on screen now, or nullptr when finished or choosing where to start.
    const Step* currentStep() const;
    Answer* currentAnswer();
    const Answer* currentAnswer() const;

    // Edits to the current answer (ignored when there is no current step or kind mismatches).
    // On a "multiple" face step a tap adds the feeling, or takes it away again when chosen.
    void chooseFace(const std::string& faceId);
    void setStrength(int strength); // 1..3
    void setScale(int value);       // a position on the step's form: 0..10, 0..2 or 0..4
    void chooseOption(const std::string& choiceId);
    void setWords(const std::string& words, bool dictated);
    void addStroke(Stroke stroke);
    void undoStroke();
    void place(const std::string& tokenId, const std::string& name, float x, float y); // adds or moves
    void removePlacement(const std::string& tokenId);
    // My world (issue 18.2): a person the child added and named, placed at (x, y). The name is
    // the child's own words, kept exactly as typed (empty is allowed: a picture with no name).
    // Returns the new token id ("child.1", "child.2", ...), or "" when this is not a place step.
    std::string addPerson(const std::string& name, const std::string& figure, float x, float y);

    // The child's people as the practitioner set them (model/child_people.h): the prompts name
    // them and My world offers them as "person.<id>" tokens. Kept in the record's
    // extra["people"], apart from the child's answers: they are the practitioner's words.
    void setPeople(const model::ChildPeople& people);
    const model::ChildPeople& people() const { return m_people; }
    // A content string as the child sees it: translated into the current language, then the
    // people's names put in (model::personalise).
    std::string text(const std::string& msgid) const;

    // Moves on: Answered when the answer holds something, otherwise Skipped.
    void next();
    void skip();
    // The child says "I don't know": kept as that answer (not a skip), and the child moves on.
    // Anything picked on the step before it is cleared, so the record says one thing.
    void dontKnow();
    void back();
    // The child stops: answered steps stay, the current and later ones are not reached.
    void stop();

    // Whether the answers so far say the child is not safe (flags the record highRisk).
    bool unsafeDisclosed() const { return m_result.unsafeDisclosed; }
    void setInterpretation(const std::string& text) { m_result.interpretation = text; }

    // Counts a change, so a view can autosave when it moves (drafts: lose at most seconds).
    uint64_t revision() const { return m_revision; }

private:
    void advance(AnswerStatus status);
    void changed();
    ActivityContent m_content; // a copy: content may be reloaded (a sync update) while a child works
    ActivityResult m_result;
    model::ChildPeople m_people;
    std::vector<std::string> m_plan; // step ids in the order they will be shown
    size_t m_position = 0;
    bool m_finished = false;
    uint64_t m_revision = 0;
};

} // namespace heard::tools
