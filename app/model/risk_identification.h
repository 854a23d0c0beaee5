// Risk identification (SF 2.13-2.33): each risk factor of SF 2.14 (safeguarding content) marked
// present, not present or not known, with the source and the evidence; other factors in the
// practitioner's words; the practitioner's own judgement of the likelihood and the seriousness
// of harm (never calculated or scored); the safety plan; and a review date.
//
// It is signed, then changed only by a dated review: a new risk identification record that
// names the one it reviews (`reviews`) and why, so every version is kept and listed
// (riskHistory). The latest signed version's review date shows on the caseload.
#pragma once

#include "app/model/calendar.h"
#include "storage/records.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace heard::model {

// A factor's answer; "" until the practitioner chooses (no answer is chosen for them).
inline constexpr const char* kFactorPresent = "present";
inline constexpr const char* kFactorAbsent = "not_present";
inline constexpr const char* kFactorUnknown = "not_known";

struct FactorAnswer {
    std::string state;    // kFactorPresent, kFactorAbsent, kFactorUnknown or ""
    std::string source;   // where the information came from (screening, police check, the mother...)
    std::string evidence; // what it rests on
};

struct RiskIdentification {
    std::map<std::string, FactorAnswer> factors; // by ContentItem::id of safeguardingContent().riskFactors
    std::string otherFactors;                    // anything else, in the practitioner's words
    std::string likelihood;                      // of harm: the practitioner's judgement in words
    std::string seriousness;                     // of harm: the practitioner's judgement in words
    std::string safetyPlan;
    std::string reviewDate;   // "YYYY-MM-DD"
    std::string reviews;      // the record id of the version this one reviews, "" for the first
    std::string reviewReason; // why it was reviewed (required on a review)
    int contentVersion = 0;   // of the safeguarding content the factor list came from
    std::string signatureName;
    std::vector<std::vector<float>> signatureStrokes;
};

// What stops signing (msgids): every factor answered, source and evidence for each present
// factor, the judgements, the safety plan, a review date that is a real date after today, the
// reason for a review, name and signature.
std::vector<std::string> riskSigningProblems(const RiskIdentification& risk, const std::string& today);

nlohmann::json toJson(const RiskIdentification& risk);
RiskIdentification riskFromJson(const nlohmann::json& json); // throws std::invalid_argument

// A review of a signed version: a copy of its answers that names it, unsigned and with no review
// reason or date yet.
RiskIdentification startReview(const RiskIdentification& signedVersion, const std::string& signedRecordId);

// The versions of one child's risk identification, oldest first: signed records of the kind,
// each with the id of the version that replaced it ("" for the current one).
struct RiskVersion {
    std::string recordId, signedAt, signedBy, reviewDate, reviews, replacedBy;
};
std::vector<RiskVersion> riskHistory(const std::vector<storage::Record>& records);
// The versions of the chain recordId belongs to (its first version and every review of it),
// oldest first.
std::vector<RiskVersion> riskChain(const std::vector<RiskVersion>& history, const std::string& recordId);

// The review date of the current (latest signed) version among signed risk identification
// payloads, oldest first; "" when there is none.
std::string currentReviewDate(const std::vector<nlohmann::json>& signedPayloads);

enum class ReviewState {
    None,    // no review date
    NotDue,  // more than kReviewDueSoonDays ahead
    Due,     // today or within kReviewDueSoonDays
    Overdue, // the date has passed
};
inline constexpr int kReviewDueSoonDays = 7;
// today: "YYYY-MM-DD".
ReviewState reviewState(const std::string& reviewDate, const std::string& today);

} // namespace heard::model
