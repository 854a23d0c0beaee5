// A safety alert (issue 14): a child said something that means they may not be safe, by a
// choice or answer in an activity, or in words the practitioner heard. The alert carries what
// the child said or chose exactly as given, when, and where (the activity record it came
// from); the practitioner signs it on the spot, independent of the visit, and it is sent to
// the central system before anything else so a manager is told at once (SF 2.30, 2.88-2.92).
#pragma once

#include "app/model/record_fields.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace heard::model {

enum class AlertSource {
    ChildAnswer,  // an answer in an activity marked unsafe (a choice, a safety scale)
    Practitioner, // the practitioner's "the child has told me something worrying"
};

struct SafetyAlert {
    AlertSource source = AlertSource::ChildAnswer;
    std::string disclosedAt; // ISO-8601 UTC, when the child said or chose it
    // What the child said or chose, verbatim. For an answer: the question and the choice exactly
    // as the child saw them, in the child's language; for the practitioner's alert: the child's
    // words as the practitioner heard them.
    std::string childWords;
    std::string language;         // the language the child used ("en", "cy")
    std::string prompt;           // the question on screen (as shown to the child)
    std::string answer;           // the choice label or scale value as shown to the child
    std::string promptMsgid;      // the same in the content's own words, for the practitioner
    std::string answerMsgid;      //   reading another language
    std::string stepId, choiceId; // where in the content
    int scale = -1;
    std::string activityRecordId; // the activity record it came from ("" when not in an activity)
    std::string activityContentId;
    std::string activityTitle; // msgid of the activity's title
    std::string visitRecordId; // the visit it happened in, for reference only
    std::string note;          // anything else the child said, word for word (optional)
    std::string signatureName;
    std::vector<std::vector<float>> signatureStrokes;
};

// Why it cannot be signed yet (msgids): the child's words, the name, the signature.
std::vector<std::string> safetyAlertSigningProblems(const SafetyAlert& alert);

nlohmann::json toJson(const SafetyAlert& alert);
SafetyAlert safetyAlertFromJson(const nlohmann::json& json); // throws std::invalid_argument

} // namespace heard::model
