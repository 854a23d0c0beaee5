// A welfare (protection) concern (SF 2.88-2.97).
//
// Records what the child said in their own words, any explanation, injuries observed (with a
// link to a skin map), who else could have witnessed it, when the concern was identified and
// each action with its time, whether parents and the manager were informed, and the referral
// follow-ups whose deadlines the app tracks (SF 2.103, 2.104, 2.108). Once suspicion of
// significant harm is reached the practitioner stops questioning (SF 2.89): nothing in this
// form prompts for more questions to the child.
#pragma once

#include "app/model/calendar.h"
#include "app/model/record_fields.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace heard::model {

struct ConcernAction {
    std::string what;
    std::string at; // ISO-8601 UTC
};

struct Concern {
    nlohmann::json fields = nlohmann::json::object(); // keys of concernTextFields()
    std::string identifiedAt;                         // when the concern was identified
    std::vector<ConcernAction> actions;
    std::string parentsInformed; // "yes", "no" (with the reason in fields.parents_note), "" unknown
    bool managerInformed = false;
    std::string managerInformedAt;
    std::string skinMapRecordId;   // the skin map of the injuries, when one was made
    std::string referralByPhoneAt; // when a referral was made by telephone ("" none)
    std::string signatureName;
    std::vector<std::vector<float>> signatureStrokes;
};

// The free-text fields, in the order SF 2.93 lists them.
const std::vector<FieldSpec>& concernTextFields();

std::vector<std::string> concernSigningProblems(const Concern& concern);

nlohmann::json toJson(const Concern& concern);
Concern concernFromJson(const nlohmann::json& json); // throws std::invalid_argument

// A follow-up with a deadline. Completion is recorded later by an addendum, whose payload
// carries "follow_ups_done": {"<id>": "<ISO time>"}.
struct FollowUp {
    std::string id;    // "confirm_in_writing", "chase_reply", "manager_copy"
    std::string label; // msgid
    std::string dueAt;
    std::string doneAt; // "" while open
};

enum class DueState {
    Done,   // completed
    NotDue, // open, due after today
    DueToday,
    Overdue,
};

// The follow-ups a signed concern creates, with completion merged from its addenda.
std::vector<FollowUp> concernFollowUps(const Concern& concern,
                                       const std::vector<nlohmann::json>& addendumPayloads);
DueState dueState(const FollowUp& followUp, TimePoint now);

} // namespace heard::model
