// A message to the judge (NS 4.7): it goes to court only with the child's agreement. The child
// agrees, or not, on the activity's own last step ("agree": "yes" or "not_yet", nothing chosen
// for them), after being told that their parents or carers may read it. When and how the
// practitioner sent it is the practitioner's record, made later (often after the visit is
// signed), so it is a record of its own (kind "judge_message_sent", parentId = the activity):
//   { "sentOn": "YYYY-MM-DD", "how": "court_report" | "read_out" | "letter" | "other",
//     "howOther": "..." (when "other"), "note": "...", "childAgreed": "yes",
//     "recordedAt": "YYYY-MM-DDTHH:MM:SSZ", "recordedBy": "..." }
// Refused while the child has not said yes: "not yet", "I don't know", a skip or a stop before
// the question are all not an agreement.
#pragma once

#include "app/tools/framework/model/activity_result.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace heard::tools {

inline constexpr const char* kJudgeActivityType = "words_for_judge";
inline constexpr const char* kJudgeAgreeStep = "agree";
inline constexpr const char* kJudgeAgreeYes = "yes";
inline constexpr const char* kJudgeAgreeNotYet = "not_yet";

enum class JudgeAgreement {
    Yes,      // the child chose "Yes, you can send it"
    NotYet,   // the child chose "Not yet"
    NotGiven, // skipped, "I don't know", stopped before, or never asked
};
JudgeAgreement judgeAgreement(const ActivityResult& result);

// How a message reached the court; none is chosen for the practitioner.
struct SendingWay {
    const char* id;
    const char* label; // msgid
};
const std::vector<SendingWay>& sendingWays();

struct JudgeSending {
    std::string sentOn;   // "YYYY-MM-DD", the day it was sent
    std::string how;      // a SendingWay id
    std::string howOther; // in words, when how == "other"
    std::string note;     // optional
    std::string recordedAt, recordedBy;
};

// Why this sending cannot be recorded, as msgids (empty: it can). `today` is "YYYY-MM-DD":
// a date after it is refused, as is a date that is not a real day.
std::vector<std::string> sendingProblems(const JudgeSending& sending, const ActivityResult& result,
                                         const std::string& today);

nlohmann::json sendingToJson(const JudgeSending& sending);
// Throws std::invalid_argument naming the field on malformed input.
JudgeSending sendingFromJson(const nlohmann::json& payload);

} // namespace heard::tools
