// The workflow's rules without a screen: what stops signing, working-day deadlines, the
// caseload's flags and search, confidential addresses, and the passphrase rules.
#include "app/model/calendar.h"
#include "storage/record_kinds.h"
#include "app/model/caseload.h"
#include "app/model/child_details.h"
#include "app/model/concern.h"
#include "app/model/demo_caseload.h"
#include "app/model/passphrase_policy.h"
#include "app/model/visit.h"

#include <doctest/doctest.h>

using namespace heard;
using namespace heard::model;

namespace {
Visit completeVisit() {
    Visit visit;
    visit.where = "Family centre";
    visit.present = "Child";
    visit.purpose = "Wishes and feelings";
    visit.confidentialityExplained = true;
    for (const auto& spec : visitWriteUpFields())
        visit.writeUp[spec.key] = "not applicable: fictional";
    visit.signatureName = "Sam Demo-Practitioner";
    visit.signatureStrokes = {{0.1f, 0.1f, 0.5f, 0.5f}};
    return visit;
}
} // namespace

TEST_CASE("a visit signs only with every SF 2.47 field, confidentiality and a signature") {
    CHECK(visitSigningProblems(completeVisit()).empty());
    CHECK(visitWriteUpFields().size() == 7);
    for (const auto& spec : visitWriteUpFields()) {
        Visit visit = completeVisit();
        visit.writeUp[spec.key] = "   \n ";
        const auto problems = visitSigningProblems(visit);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0] == std::string(spec.label));
    }
    Visit visit = completeVisit();
    visit.confidentialityExplained = false;
    visit.signatureStrokes.clear();
    CHECK(visitSigningProblems(visit).size() == 2);
}

TEST_CASE("visit and concern JSON round-trip exactly and refuse malformed input") {
    const Visit visit = completeVisit();
    CHECK(toJson(visitFromJson(toJson(visit))) == toJson(visit));
    CHECK_THROWS_AS(visitFromJson(nlohmann::json::array()), std::invalid_argument);
    CHECK_THROWS_AS(visitFromJson({{"write_up", {{"impact", 3}}}}), std::invalid_argument);
    CHECK_THROWS_AS(visitFromJson({{"signature_strokes", "scribble"}}), std::invalid_argument);

    Concern concern;
    concern.fields["child_words"] = "\u201cWelsh: dw i\u2019n ofnus\u201d";
    concern.actions = {{"Telephoned", "2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z"}};
    concern.referrals = {{"phone", "2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z", ""}};
    CHECK(toJson(concernFromJson(toJson(concern))) == toJson(concern));
    CHECK_THROWS_AS(concernFromJson({{"actions", {{{"what", "x"}}}}}), std::invalid_argument);
}

TEST_CASE("working days skip weekends") {
    const auto friday = fromIsoUtc("2026-11-27T16:30:00Z");
    CHECK(toIsoUtc(addWorkingDays(friday, 1)) == "2026-11-30T23:59:59Z");
    CHECK(toIsoUtc(addWorkingDays(friday, 3)) == "2026-12-02T23:59:59Z");
    const auto monday = fromIsoUtc("2026-11-23T10:00:00Z");
    CHECK(toIsoUtc(addWorkingDays(monday, 1)) == "2026-11-24T23:59:59Z");
    CHECK_THROWS_AS(fromIsoUtc("23/11/2026"), std::invalid_argument);
    CHECK_THROWS_AS(fromIsoUtc("2026-13-01T00:00:00Z"), std::invalid_argument);
}

TEST_CASE("a telephone referral creates three follow-ups; addenda close them") {
    Concern concern;
    concern.referrals = {{"phone", "2026-11-27T16:30:00Z", "2026-11-27T16:30:00Z", ""}}; // a Friday
    auto followUps = concernFollowUps(concern, {});
    REQUIRE(followUps.size() == 3);
    CHECK(followUps[0].id == "confirm_in_writing");
    CHECK(followUps[0].dueAt == "2026-11-30T23:59:59Z");
    CHECK(followUps[2].dueAt == "2026-12-02T23:59:59Z");
    CHECK((dueState(followUps[0], fromIsoUtc("2026-11-28T09:00:00Z")) == DueState::NotDue));
    CHECK((dueState(followUps[0], fromIsoUtc("2026-11-30T09:00:00Z")) == DueState::DueToday));
    CHECK((dueState(followUps[0], fromIsoUtc("2026-12-01T00:00:01Z")) == DueState::Overdue));
    followUps =
        concernFollowUps(concern, {{{"follow_ups_done", {{"confirm_in_writing", "2026-11-30T09:00:00Z"}}}}});
    CHECK((dueState(followUps[0], fromIsoUtc("2026-12-05T00:00:00Z")) == DueState::Done));
    CHECK(concernFollowUps(Concern{}, {}).empty());
}

TEST_CASE("the caseload shows flags, counts unsynced records, sorts urgent first and searches") {
    const DemoCaseload demo = demoCaseload();
    std::vector<storage::Record> records(3);
    records[0].id = "r1";
    records[0].childId = "child-demo-1";
    records[0].kind = storage::kinds::kVisit; // a draft: not synced
    records[1].id = "r2";
    records[1].childId = "child-demo-4";
    records[1].kind = storage::kinds::kConcern;
    records[1].status = storage::RecordStatus::Signed;
    records[1].highRisk = true;
    Concern concern;
    concern.referrals = {{"phone", "2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z", ""}};
    records[1].payload = toJson(concern);
    records[2].id = "r3";
    records[2].childId = "child-demo-4";
    records[2].kind = storage::kinds::kVisit;
    records[2].status = storage::RecordStatus::Signed; // acknowledged: synced
    const auto rows =
        buildCaseload(demo.children, demo.cases, records, {"r2"}, fromIsoUtc("2026-11-26T10:00:00Z"));
    REQUIRE(rows.size() == demo.children.size());
    CHECK(rows[0].childId == "child-demo-4"); // overdue follow-ups first
    CHECK(rows[0].followUpsOverdue == 2);
    CHECK(rows[0].highRisk);
    CHECK(rows[0].notSynced == 1);
    CHECK(rows[0].interpreterLanguage == "Polish");
    for (const auto& row : rows) {
        if (row.childId == "child-demo-1") CHECK(row.notSynced == 1);
        if (row.childId == "child-demo-3") {
            CHECK(row.confidentialAddress);
            CHECK(row.childProtectionPlan);
        }
    }
    CHECK(matchesSearch(rows[0], "cedar"));
    CHECK(matchesSearch(rows[0], "ZARA demo/0003"));
    CHECK_FALSE(matchesSearch(rows[0], "poppy"));
}

TEST_CASE("a confidential address is never shown where a child or another party could see it") {
    ChildDetails details =
        childDetailsFromJson({{"address", "1 Secret Lane"}, {"addressConfidential", true}});
    CHECK(displayAddress(details, true).empty());
    CHECK(displayAddress(details, false).find("Secret") == std::string::npos);
    details.addressConfidential = false;
    CHECK(displayAddress(details, false) == "1 Secret Lane");
    CHECK(displayAddress(details, true).empty());
    CHECK(childDetailsFromJson("not an object").address.empty());
}

TEST_CASE("passphrase rules are plain and enforced") {
    CHECK(passphraseAcceptable("kitchen table rainbow", "kitchen table rainbow"));
    CHECK_FALSE(passphraseAcceptable("short", "short"));
    CHECK_FALSE(passphraseAcceptable("123456789012345", "123456789012345"));
    CHECK_FALSE(passphraseAcceptable("passwordpassword", "passwordpassword"));
    CHECK_FALSE(passphraseAcceptable("aaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaa"));
    CHECK_FALSE(passphraseAcceptable("kitchen table rainbow", "kitchen table rainbo"));
}

TEST_CASE("ages are whole years on the day") {
    CHECK(ageInYears("2017-03-14", "2026-03-13") == 8);
    CHECK(ageInYears("2017-03-14", "2026-03-14") == 9);
    CHECK(ageInYears("unknown", "2026-03-14") == -1);
}
