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
#include "app/model/safeguarding_content.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace heard::model {

// Every time on a concern is kept twice (issue 13 item 4, SF 2.95): when it happened (`at`,
// which the practitioner may set) and when it was written (`writtenAt`, set by the app).
struct ConcernAction {
    std::string what;
    std::string at;        // ISO-8601 UTC: when it was done
    std::string writtenAt; // when it was written on the tablet
};

// A referral by one of the routes in safeguarding content (phone, written confirmation,
// police, children's services). Its deadlines count from `at`.
struct Referral {
    std::string route; // ReferralRoute::id
    std::string at;
    std::string writtenAt;
    std::string note; // to whom, reference, what was agreed
};

struct Concern {
    nlohmann::json fields = nlohmann::json::object(); // keys of concernTextFields()
    std::string identifiedAt;                         // when the concern was identified
    std::string identifiedWrittenAt;                  // when that was written
    std::vector<ConcernAction> actions;
    std::vector<Referral> referrals;
    std::string parentsInformed; // "yes", "no" (with the reason in fields.parents_note), "" unknown
    std::string parentsAgreed;   // to the referral: "yes", "no", "" not answered (SF 2.99)
    bool managerInformed = false;
    std::string managerInformedAt;
    std::string skinMapRecordId; // the skin map of the injuries, when one was made
    std::string signatureName;
    std::vector<std::vector<float>> signatureStrokes;
};

// The free-text fields, in the order SF 2.93 lists them.
const std::vector<FieldSpec>& concernTextFields();

// What stops signing (msgids). With a time now, a time in the future is refused too.
std::vector<std::string> concernSigningProblems(const Concern& concern);
std::vector<std::string> concernSigningProblems(const Concern& concern, TimePoint now);
// The times of the concern that are in the future (msgids), empty when none.
std::vector<std::string> concernTimeProblems(const Concern& concern, TimePoint now);
// True when any time on the concern was written more than kLateEntryAfter after it happened.
bool isLateEntry(const Concern& concern);

nlohmann::json toJson(const Concern& concern);
Concern concernFromJson(const nlohmann::json& json); // throws std::invalid_argument

// A follow-up with a deadline, from a referral's route (safeguarding content). Completion is
// recorded later by an addendum, whose payload carries "follow_ups_done": {"<id>": "<ISO time>"}.
struct FollowUp {
    std::string id;      // the deadline's id ("confirm_in_writing"...), with "_2", "_3" when repeated
    LocalText text;      // what to do, in both languages
    std::string route;   // the referral route it comes from
    size_t referral = 0; // index in Concern::referrals
    std::string dueAt;   // counted in working days from when the referral was made
    std::string doneAt;  // "" while open
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
