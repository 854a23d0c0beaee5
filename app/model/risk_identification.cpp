#include "app/model/risk_identification.h"

#include "app/model/record_fields.h"
#include "app/model/safeguarding_content.h"
#include "storage/record_kinds.h"

#include <cstdio>
#include <stdexcept>

namespace heard::model {

namespace {

// "YYYY-MM-DD" -> day number; false when it is not a real date.
bool readDate(const std::string& text, DayNumber& day) {
    CivilDate date;
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &date.year, &date.month, &date.day, &consumed) != 3 ||
        size_t(consumed) != text.size() || text.size() != 10)
        return false;
    if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) return false;
    day = dayNumber(date);
    return civilDate(day) == date; // 31 February is not a date
}

bool isState(const std::string& state) {
    return state == kFactorPresent || state == kFactorAbsent || state == kFactorUnknown;
}

} // namespace

std::vector<std::string> riskSigningProblems(const RiskIdentification& risk, const std::string& today) {
    std::vector<std::string> problems;
    bool unanswered = false, unsupported = false;
    for (const ContentItem& factor : safeguardingContent().riskFactors) {
        const auto it = risk.factors.find(factor.id);
        if (it == risk.factors.end() || !isState(it->second.state)) {
            unanswered = true;
            continue;
        }
        if (it->second.state == kFactorPresent &&
            (isBlank(it->second.source) || isBlank(it->second.evidence)))
            unsupported = true;
    }
    if (unanswered) problems.push_back(N_("Every risk factor: present, not present or not known"));
    if (unsupported) problems.push_back(N_("The source and evidence of every factor that is present"));
    if (isBlank(risk.likelihood)) problems.push_back(N_("Your judgement of how likely harm is"));
    if (isBlank(risk.seriousness)) problems.push_back(N_("Your judgement of how serious the harm would be"));
    if (isBlank(risk.safetyPlan)) problems.push_back(N_("The safety plan"));
    DayNumber review = 0, now = 0;
    if (!readDate(risk.reviewDate, review))
        problems.push_back(N_("A review date (year-month-day)"));
    else if (readDate(today, now) && review <= now)
        problems.push_back(N_("The review date must be after today"));
    if (!risk.reviews.empty() && isBlank(risk.reviewReason))
        problems.push_back(N_("Why it is being reviewed"));
    if (isBlank(risk.signatureName)) problems.push_back(N_("Your name, typed"));
    if (risk.signatureStrokes.empty()) problems.push_back(N_("Your signature"));
    return problems;
}

nlohmann::json toJson(const RiskIdentification& risk) {
    nlohmann::json factors = nlohmann::json::object();
    for (const auto& [id, answer] : risk.factors)
        factors[id] = {{"state", answer.state}, {"source", answer.source}, {"evidence", answer.evidence}};
    return {
        {"factors", factors},
        {"other_factors", risk.otherFactors},
        {"likelihood", risk.likelihood},
        {"seriousness", risk.seriousness},
        {"safety_plan", risk.safetyPlan},
        {"review_date", risk.reviewDate},
        {"reviews", risk.reviews},
        {"review_reason", risk.reviewReason},
        {"content_version", risk.contentVersion},
        {"signature_name", risk.signatureName},
        {"signature_strokes", risk.signatureStrokes},
    };
}

RiskIdentification riskFromJson(const nlohmann::json& json) {
    if (!json.is_object()) throw std::invalid_argument("a risk identification must be a JSON object");
    try {
        RiskIdentification risk;
        const auto factors = json.value("factors", nlohmann::json::object());
        if (!factors.is_object()) throw std::invalid_argument("factors must be an object");
        for (const auto& [id, answer] : factors.items()) {
            if (!answer.is_object()) throw std::invalid_argument("factors." + id + " must be an object");
            risk.factors[id] = {answer.value("state", ""), answer.value("source", ""),
                                answer.value("evidence", "")};
        }
        risk.otherFactors = json.value("other_factors", "");
        risk.likelihood = json.value("likelihood", "");
        risk.seriousness = json.value("seriousness", "");
        risk.safetyPlan = json.value("safety_plan", "");
        risk.reviewDate = json.value("review_date", "");
        risk.reviews = json.value("reviews", "");
        risk.reviewReason = json.value("review_reason", "");
        const auto version = json.find("content_version");
        if (version != json.end() && version->is_number_integer() && version->get<int64_t>() >= 0 &&
            version->get<int64_t>() < 1000000)
            risk.contentVersion = int(version->get<int64_t>());
        risk.signatureName = json.value("signature_name", "");
        risk.signatureStrokes = json.value("signature_strokes", std::vector<std::vector<float>>{});
        return risk;
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("malformed risk identification: ") + e.what());
    }
}

RiskIdentification startReview(const RiskIdentification& signedVersion, const std::string& signedRecordId) {
    RiskIdentification review = signedVersion;
    review.reviews = signedRecordId;
    review.reviewReason.clear();
    review.reviewDate.clear(); // a review sets its own next date
    review.signatureName.clear();
    review.signatureStrokes.clear();
    review.contentVersion = safeguardingContent().version;
    return review;
}

std::vector<RiskVersion> riskHistory(const std::vector<storage::Record>& records) {
    std::vector<RiskVersion> versions;
    for (const auto& record : records) {
        if (record.kind != storage::kinds::kRiskIdentification ||
            record.status != storage::RecordStatus::Signed)
            continue;
        RiskVersion version{record.id, record.signedAt, record.signedBy, "", "", ""};
        if (record.payload.is_object()) {
            version.reviewDate = record.payload.value("review_date", "");
            version.reviews = record.payload.value("reviews", "");
        }
        versions.push_back(std::move(version));
    }
    for (auto& older : versions)
        for (const auto& newer : versions)
            if (newer.reviews == older.recordId) older.replacedBy = newer.recordId;
    return versions;
}

std::vector<RiskVersion> riskChain(const std::vector<RiskVersion>& history, const std::string& recordId) {
    const auto find = [&](const std::string& id) -> const RiskVersion* {
        for (const auto& version : history)
            if (version.recordId == id) return &version;
        return nullptr;
    };
    const RiskVersion* at = find(recordId);
    // Back to the first version, then forward through the reviews; bounded by the history's
    // size so a damaged cycle cannot loop.
    for (size_t steps = 0; at && !at->reviews.empty() && steps < history.size(); ++steps)
        if (const RiskVersion* previous = find(at->reviews))
            at = previous;
        else
            break;
    std::vector<RiskVersion> chain;
    for (size_t steps = 0; at && steps <= history.size(); ++steps) {
        chain.push_back(*at);
        at = at->replacedBy.empty() ? nullptr : find(at->replacedBy);
    }
    return chain;
}

std::string currentReviewDate(const std::vector<nlohmann::json>& signedPayloads) {
    for (auto it = signedPayloads.rbegin(); it != signedPayloads.rend(); ++it)
        if (it->is_object()) {
            const auto date = it->find("review_date");
            if (date != it->end() && date->is_string()) return date->get<std::string>();
        }
    return "";
}

ReviewState reviewState(const std::string& reviewDate, const std::string& today) {
    DayNumber review = 0, now = 0;
    if (reviewDate.empty()) return ReviewState::None;
    if (!readDate(today, now)) return ReviewState::None;
    if (!readDate(reviewDate, review)) return ReviewState::Overdue; // unreadable: the most urgent
    if (review < now) return ReviewState::Overdue;
    if (review - now <= kReviewDueSoonDays) return ReviewState::Due;
    return ReviewState::NotDue;
}

} // namespace heard::model
