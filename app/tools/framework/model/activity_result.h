// What a child did in one activity: the record payload (kind "activity", parentId = the visit).
//
// The child's answers are kept exactly as given (words byte for byte, never trimmed or
// corrected; choices by id; strokes and placements as numbers), and kept apart from the
// practitioner's interpretation, which lives in its own object and is never shown in child mode.
//
// Payload JSON (resultToJson):
//   { "activity": {"type","contentId","contentVersion","language",
//                  "ageBand": the content's age band the child was given ("" or absent: none)},
//     "child": {"answers": [...], "order": [step ids as done], "stopped": bool,
//               "stoppedAt": step id or "", "skipped": [step ids]},
//     "practitioner": {"interpretation": "..."},
//     "unsafeDisclosed": bool,   // the child said they are not safe: the record is highRisk
//     "extra": {} }              // type-specific state for activity types that need more
#pragma once

#include "app/model/child_people.h"
#include "app/tools/framework/model/activity_content.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace heard::tools {

// A finger stroke in canvas coordinates normalised to 0..1 (so it redraws at any size).
struct Stroke {
    std::vector<float> points;    // x0, y0, x1, y1, ...
    uint32_t colour = 0xff000000; // 0xAABBGGRR, as ImGui packs colours
    float width = 0.01f;          // fraction of the canvas width
    bool operator==(const Stroke& o) const {
        return points == o.points && colour == o.colour && width == o.width;
    }
};

// A person or pet placed on "my world": (x, y) relative to the child at the centre, each in
// -1..1; distance() says how near the child put them.
struct Placement {
    std::string tokenId; // the content's people id ("pet"), "person.<id>" for one of the child's
                         // people set by the practitioner, "child.<n>" for one the child added
    std::string name;    // the child's own name for them, exactly as given (may be empty)
    float x = 0, y = 0;
    std::string figure; // the picture (model::figures()) of a person the child added; "" otherwise
    float distance() const;
    bool operator==(const Placement& o) const {
        return tokenId == o.tokenId && name == o.name && x == o.x && y == o.y && figure == o.figure;
    }
};

enum class AnswerStatus {
    NotReached, // the activity stopped before this step
    Answered,   // the child gave an answer
    Skipped,    // the child chose to skip (or moved on without answering)
    DontKnow,   // the child tapped "I don't know": an answer of its own, never counted as a skip
};
const char* answerStatusName(AnswerStatus status);

struct Answer {
    std::string stepId;
    AnswerStatus status = AnswerStatus::NotReached;
    std::string faceId;             // face: the face chosen
    std::vector<std::string> faces; // face with "multiple": every feeling chosen, in the order chosen
    int strength = 0;               // face: 1 a little, 2 quite, 3 very (0: not given)
    int scale = -1; // scale: the position chosen on scaleForm, 0..10 or 0..2 or 0..4 (-1: not given)
    ScaleForm scaleForm = ScaleForm::Numbers; // the form the scale was shown in (JSON "scaleForm")
    int scaleOnTen() const { return tools::scaleOnTen(scaleForm, scale); } // -1 when not given
    std::string choiceId;                                                  // choice
    std::string words;     // the child's own words, exactly as given
    bool dictated = false; // typed by the practitioner as the child said them (still the child's words)
    std::vector<Placement> placements; // place
    std::vector<Stroke> strokes;       // drawing, or words with drawing
    bool hasContent() const;
    bool operator==(const Answer& o) const;
};

struct ActivityResult {
    std::string type;
    std::string contentId;
    int contentVersion = 0;
    std::string language = "en";
    std::string ageBand;            // the content's age band used (activity_content.h), "" for none
    std::vector<Answer> answers;    // one per content step, in content order
    std::vector<std::string> order; // step ids in the order the child did them
    bool stopped = false;           // the child stopped the activity
    std::string stoppedAt;          // the step shown when they stopped
    bool unsafeDisclosed = false;
    std::string interpretation; // the practitioner's, never the child's
    nlohmann::json extra = nlohmann::json::object();

    const Answer* answerFor(const std::string& stepId) const;
    Answer* answerFor(const std::string& stepId);
    // The answer the child actually gave at a step, or null when it was skipped, not reached,
    // left empty or is not a step of this activity. The one test of "the child said this": the
    // conflict analysis and the child impact analysis cite only such answers, and the reports
    // quote only them.
    const Answer* givenAnswer(const std::string& stepId) const;
    std::vector<std::string> skipped() const; // ids of skipped steps (never the "I don't know" ones)
};

// The child's people as the prompts named them when the record was made (extra["people"], the
// practitioner's names, issue 18.2); empty when none were set or they cannot be read.
model::ChildPeople peopleUsed(const ActivityResult& result);
// A content string as the child read it: translated into the current language, names put in.
std::string childText(const ActivityResult& result, const std::string& msgid);

// A fresh result for content: one NotReached answer per step.
ActivityResult newResult(const ActivityContent& content, const std::string& language);

nlohmann::json resultToJson(const ActivityResult& result);
// Reads a payload back; returns false with a message naming the field on malformed input.
bool resultFromJson(const nlohmann::json& payload, ActivityResult& out, std::string& error);

// True when any answer says the child is not safe: an unsafe choice, or a safety scale at or
// below its threshold (whatever the answer's status: a child who said it has said it).
bool answersDiscloseUnsafe(const ActivityResult& result, const ActivityContent& content);
// The steps whose answers say so, in content order (for the safety alert: which question, and
// what the child chose there). A type's own extra rule may flag a result with none listed here.
std::vector<std::string> unsafeAnswerSteps(const ActivityResult& result, const ActivityContent& content);

} // namespace heard::tools
