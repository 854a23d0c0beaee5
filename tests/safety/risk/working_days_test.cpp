// Working-day deadlines (SF 2.103, 2.104, 2.108) over England-and-Wales bank holidays, the
// published 2025-2028 list checked against the rule the app computes, and the pure rules of the
// safeguarding records: referral deadlines from when it happened, late entries, future times,
// risk identification signing and versions, information-sharing bases, the content file.
#include "app/model/bank_holidays.h"
#include "app/model/calendar.h"
#include "app/model/concern.h"
#include "app/model/event_time.h"
#include "app/model/information_sharing.h"
#include "app/model/risk_identification.h"
#include "app/model/safeguarding_content.h"
#include "storage/record_kinds.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace heard;
using model::fromIsoUtc;
using model::toIsoUtc;

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "cannot open " << path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string due(const char* at, int days) {
    return toIsoUtc(model::addWorkingDays(fromIsoUtc(at), days));
}

model::Concern phonedAndWritten(const std::string& at) {
    model::Concern concern;
    concern.referrals = {{"phone", at, at, ""}, {"written", at, at, ""}};
    return concern;
}

const model::FollowUp* find(const std::vector<model::FollowUp>& followUps, const std::string& id) {
    for (const auto& f : followUps)
        if (f.id == id) return &f;
    return nullptr;
}

} // namespace

TEST_CASE("the published England-and-Wales bank holidays 2025-2028 are the ones the app computes") {
    const auto published = nlohmann::json::parse(
        readFile(std::string(HEARD_SOURCE_DIR) + "/assets/calendar/bank_holidays_england_wales.json"));
    for (int year = 2025; year <= 2028; ++year) {
        const auto& days = published.at(std::to_string(year));
        std::vector<std::string> want;
        for (const auto& day : days)
            want.push_back(day.get<std::string>());
        std::vector<std::string> got;
        for (const model::CivilDate& date : model::bankHolidays(year)) {
            char text[16];
            std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
            got.push_back(text);
        }
        CHECK_MESSAGE(got == want, "year " << year);
        for (const auto& day : want) {
            CHECK(model::isBankHoliday(model::utcDay(fromIsoUtc(day + "T12:00:00Z"))));
            CHECK_FALSE(model::isWorkingDay(fromIsoUtc(day + "T12:00:00Z")));
        }
    }
}

TEST_CASE("working days skip weekends and bank holidays") {
    // A Monday with nothing in the way.
    CHECK(due("2026-11-23T10:00:00Z", 1) == "2026-11-24T23:59:59Z");
    CHECK(due("2026-11-23T10:00:00Z", 3) == "2026-11-26T23:59:59Z");
    // Friday: the next working day is Monday.
    CHECK(due("2026-11-27T16:30:00Z", 1) == "2026-11-30T23:59:59Z");
    // Zero working days: the end of the same day.
    CHECK(due("2026-11-27T16:30:00Z", 0) == "2026-11-27T23:59:59Z");
    // Christmas Eve 2026 (Thursday): Friday 25 is Christmas, Monday 28 the Boxing Day substitute.
    CHECK(due("2026-12-24T10:00:00Z", 1) == "2026-12-29T23:59:59Z");
    CHECK(due("2026-12-24T10:00:00Z", 3) == "2026-12-31T23:59:59Z");
    // Thursday before Easter 2027: Good Friday 26 March and Easter Monday 29 March.
    CHECK(due("2027-03-25T09:00:00Z", 1) == "2027-03-30T23:59:59Z");
    // New Year 2028 falls on a Saturday: Monday 3 January is the holiday.
    CHECK(due("2027-12-31T09:00:00Z", 1) == "2028-01-04T23:59:59Z");
    // Late May 2028: spring bank holiday on Monday 29 May.
    CHECK(due("2028-05-26T09:00:00Z", 1) == "2028-05-30T23:59:59Z");
    // Counting back agrees with counting forward across every day of 2025-2028.
    for (auto t = fromIsoUtc("2025-01-01T12:00:00Z"); t < fromIsoUtc("2028-12-31T12:00:00Z");
         t += std::chrono::hours(24))
        for (int n : {0, 1, 3})
            REQUIRE(model::workingDaysBetween(t, model::addWorkingDays(t, n)) == n);
}

TEST_CASE(
    "a phone and a written referral each get the deadlines the framework sets, from when they happened") {
    const auto followUps = model::concernFollowUps(phonedAndWritten("2026-12-24T10:00:00Z"), {});
    REQUIRE(followUps.size() == 5);
    // Telephone (SF 2.103, 2.108, 2.104).
    CHECK(find(followUps, "confirm_in_writing")->dueAt == "2026-12-29T23:59:59Z");
    CHECK(find(followUps, "manager_copy")->dueAt == "2026-12-29T23:59:59Z");
    CHECK(find(followUps, "chase_reply")->dueAt == "2026-12-31T23:59:59Z");
    // Written confirmation: its own manager copy and chase, ids made distinct.
    CHECK(find(followUps, "manager_copy_2")->route == "written");
    CHECK(find(followUps, "manager_copy_2")->dueAt == "2026-12-29T23:59:59Z");
    CHECK(find(followUps, "chase_reply_2")->dueAt == "2026-12-31T23:59:59Z");
    // An addendum marks one done by its id.
    const auto done =
        model::concernFollowUps(phonedAndWritten("2026-12-24T10:00:00Z"),
                                {{{"follow_ups_done", {{"manager_copy_2", "2026-12-29T09:00:00Z"}}}}});
    CHECK(find(done, "manager_copy")->doneAt.empty());
    CHECK(find(done, "manager_copy_2")->doneAt == "2026-12-29T09:00:00Z");
}

TEST_CASE("deadlines count from when the referral happened, not when it was written") {
    model::Concern concern;
    concern.referrals = {
        {"phone", "2026-11-22T16:00:00Z", "2026-11-23T10:00:00Z", ""}}; // Sunday, written Monday
    const auto followUps = model::concernFollowUps(concern, {});
    CHECK(find(followUps, "confirm_in_writing")->dueAt == "2026-11-23T23:59:59Z");
    CHECK(model::isLateEntry(concern));
    concern.referrals[0].writtenAt = "2026-11-22T16:30:00Z"; // written half an hour later: not late
    CHECK_FALSE(model::isLateEntry(concern));
}

TEST_CASE("a concern written before referral routes keeps its telephone referral and addenda") {
    const nlohmann::json old = {{"referral_by_phone_at", "2026-11-23T10:00:00Z"},
                                {"identified_at", "2026-11-23T09:00:00Z"}};
    const model::Concern concern = model::concernFromJson(old);
    REQUIRE(concern.referrals.size() == 1);
    CHECK(concern.referrals[0].route == "phone");
    const auto followUps =
        model::concernFollowUps(concern, {{{"follow_ups_done", {{"confirm_in_writing", "x"}}}}});
    CHECK(find(followUps, "confirm_in_writing")->doneAt == "x");
    // Round trip keeps both times.
    model::Concern again = model::concernFromJson(model::toJson(concern));
    CHECK(again.referrals[0].at == "2026-11-23T10:00:00Z");
    CHECK(again.identifiedWrittenAt == "2026-11-23T09:00:00Z");
}

TEST_CASE("times in the future are refused, with the reason") {
    const auto now = fromIsoUtc("2026-11-23T10:00:00Z");
    std::string iso;
    const char* error = nullptr;
    CHECK(model::parseEventTime("2026-11-22 16:00", now, iso, error));
    CHECK(iso == "2026-11-22T16:00:00Z");
    CHECK_FALSE(model::parseEventTime("2026-11-23 10:01", now, iso, error));
    CHECK(std::string(error) == "That time is in the future: write when it happened");
    CHECK_FALSE(model::parseEventTime("yesterday", now, iso, error));
    CHECK_FALSE(model::parseEventTime("2026-02-30 10:00", now, iso, error));

    model::Concern concern;
    concern.identifiedAt = "2026-11-24T10:00:00Z";
    concern.actions = {{"Phoned", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z"}};
    concern.referrals = {{"phone", "2026-11-25T10:00:00Z", "2026-11-23T10:00:00Z", ""}};
    const auto problems = model::concernTimeProblems(concern, now);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] == std::string("The time the concern was identified is in the future"));
    CHECK(problems[1] == std::string("A referral's time is in the future"));
    const auto signing = model::concernSigningProblems(concern, now);
    CHECK(signing.front() == problems.front());
}

TEST_CASE(
    "risk identification: every factor answered, judgement in words, review date, reviews as versions") {
    const auto& content = model::safeguardingContent();
    REQUIRE(content.errors.empty());
    REQUIRE(content.riskFactors.size() == 16);
    model::RiskIdentification risk;
    auto problems = model::riskSigningProblems(risk, "2026-11-23");
    CHECK(problems.front() == std::string("Every risk factor: present, not present or not known"));
    for (const auto& factor : content.riskFactors)
        risk.factors[factor.id].state = model::kFactorAbsent;
    risk.factors["domestic_abuse"].state = model::kFactorPresent;
    problems = model::riskSigningProblems(risk, "2026-11-23");
    CHECK(problems.front() == std::string("The source and evidence of every factor that is present"));
    risk.factors["domestic_abuse"] = {model::kFactorPresent, "Police check", "Two call-outs (fictional)"};
    risk.likelihood = "Possible at handovers";
    risk.seriousness = "Emotional harm";
    risk.safetyPlan = "Handovers at school";
    risk.reviewDate = "2026-11-23"; // today: not after today
    risk.signatureName = "Sam";
    risk.signatureStrokes = {{0.1f, 0.1f, 0.9f, 0.9f}};
    problems = model::riskSigningProblems(risk, "2026-11-23");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == std::string("The review date must be after today"));
    risk.reviewDate = "2026-12-01";
    CHECK(model::riskSigningProblems(risk, "2026-11-23").empty());

    model::RiskIdentification review = model::startReview(risk, "risk-1");
    CHECK(review.reviews == "risk-1");
    CHECK(review.signatureName.empty());
    CHECK(review.factors.at("domestic_abuse").evidence == "Two call-outs (fictional)");
    review.reviewDate = "2026-12-20";
    review.signatureName = "Sam";
    review.signatureStrokes = risk.signatureStrokes;
    CHECK(model::riskSigningProblems(review, "2026-11-30").front() ==
          std::string("Why it is being reviewed"));

    storage::Record first, second, other;
    first.id = "risk-1";
    second.id = "risk-2";
    other.id = "risk-9";
    for (auto* r : {&first, &second, &other}) {
        r->kind = storage::kinds::kRiskIdentification;
        r->status = storage::RecordStatus::Signed;
    }
    first.payload = model::toJson(risk);
    review.reviewReason = "New information";
    second.payload = model::toJson(review);
    other.payload = model::toJson(risk);
    const auto history = model::riskHistory({first, second, other});
    REQUIRE(history.size() == 3);
    CHECK(history[0].replacedBy == "risk-2");
    CHECK(history[1].replacedBy.empty());
    const auto chain = model::riskChain(history, "risk-2");
    REQUIRE(chain.size() == 2);
    CHECK(chain[0].recordId == "risk-1");
    CHECK(chain[1].recordId == "risk-2");
    CHECK(model::currentReviewDate({first.payload, second.payload}) == "2026-12-20");

    CHECK(model::reviewState("2026-12-20", "2026-12-01") == model::ReviewState::NotDue);
    CHECK(model::reviewState("2026-12-20", "2026-12-13") == model::ReviewState::Due);
    CHECK(model::reviewState("2026-12-20", "2026-12-20") == model::ReviewState::Due);
    CHECK(model::reviewState("2026-12-20", "2026-12-21") == model::ReviewState::Overdue);
    CHECK(model::reviewState("", "2026-12-21") == model::ReviewState::None);
}

TEST_CASE("information sharing: refused without a basis, and the basis's reason when it needs one") {
    const auto now = fromIsoUtc("2026-11-23T10:00:00Z");
    model::InformationSharing sharing;
    sharing.what = "Dates of two call-outs";
    sharing.withWhom = "School safeguarding lead";
    sharing.why = "Safe handovers";
    sharing.decidedBy = "Sam, with the manager";
    sharing.decidedAt = "2026-11-23T09:00:00Z";
    sharing.signatureName = "Sam";
    sharing.signatureStrokes = {{0.1f, 0.1f, 0.9f, 0.9f}};
    auto problems = model::sharingProblems(sharing, now);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("The basis") == 0);
    sharing.basis = "consent_refused";
    problems = model::sharingProblems(sharing, now);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == std::string("Why, for the basis chosen"));
    sharing.basisReason = "The child's safety overrides the refusal";
    CHECK(model::sharingProblems(sharing, now).empty());
    sharing.basis = "consent_given";
    sharing.basisReason.clear();
    CHECK(model::sharingProblems(sharing, now).empty());
    sharing.decidedAt = "2026-11-24T09:00:00Z";
    CHECK(model::sharingProblems(sharing, now) ==
          std::vector<std::string>{"When it was decided is in the future"});
}

TEST_CASE("safeguarding content: both languages for every entry; a bad file is refused with where and why") {
    const auto& content = model::safeguardingContent();
    REQUIRE(content.errors.empty());
    for (const auto& factor : content.riskFactors)
        CHECK_MESSAGE((!factor.text.en.empty() && !factor.text.cy.empty()), factor.id);
    REQUIRE(content.route("phone"));
    REQUIRE(content.route("written"));
    REQUIRE(content.route("police"));
    REQUIRE(content.route("childrens_services"));
    REQUIRE(content.sharingBases.size() == 4);

    const auto bad = model::parseSafeguardingContent(R"({"format": 1,
        "riskFactors": [{"id": "a", "en": "A"}],
        "referralRoutes": [{"id": "r", "en": "R", "cy": "R", "deadlines": [{"id": "d", "en": "D", "cy": "D", "workingDays": 99}]}],
        "sharingBases": []})");
    REQUIRE(bad.errors.size() == 3);
    CHECK(bad.errors[0] == "/riskFactors/0/cy: must be non-empty text");
    CHECK(bad.errors[1] == "/referralRoutes/0/deadlines/0/workingDays: must be a whole number from 0 to 20");
    CHECK(bad.errors[2] == "/sharingBases: must be a non-empty list");
    CHECK(model::parseSafeguardingContent("not json").errors.size() == 1);
}
