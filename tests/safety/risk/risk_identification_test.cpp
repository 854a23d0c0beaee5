// Risk identification by touch on the real app (issue 14 item 3): every SF 2.14 factor
// answered, source and evidence for the one present, the practitioner's judgement in words, the
// safety plan and a review date; signed; reviewed once (a new version that names the old one,
// which stays exactly as signed); both versions listed; the review date on the caseload when due
// and when overdue.
#include "tests/workflow/workflow_harness.h"

#include "app/model/safeguarding_content.h"
#include "platform/ui_tags.h"
#include "storage/record_kinds.h"

#include <doctest/doctest.h>

using namespace heard;

namespace {

const model::CaseloadRow& rowFor(ui::App& app, const std::string& childId) {
    for (const auto& row : app.caseload())
        if (row.childId == childId) return row;
    FAIL("no caseload row for " << childId);
    throw std::logic_error("unreachable");
}

std::vector<storage::Record> riskRecords(test::WorkflowApp& w, const std::string& childId) {
    std::vector<storage::Record> out;
    for (const auto& record : w.store().recordsForChild(childId))
        if (record.kind == storage::kinds::kRiskIdentification) out.push_back(record);
    return out;
}

} // namespace

TEST_CASE("a risk identification is completed, signed, reviewed once; both versions kept; review date on the "
          "caseload") {
    test::WorkflowApp w;
    w.unlockDemo();
    const std::string child = "child-demo-3";
    w.driver->tap("caseload.child." + child);
    w.driver->tap("child.risk");
    REQUIRE((w.app->screen() == ui::ScreenId::RiskIdentification));
    const std::string firstId = w.app->editors().risk.draft.recordId;
    REQUIRE_FALSE(firstId.empty());

    // No answer is chosen for the practitioner.
    for (const auto& factor : w.app->editors().risk.risk.factors)
        CHECK_MESSAGE(factor.second.state.empty(), factor.first);

    // Signing with nothing answered is refused, and says why.
    w.driver->tap("risk.sign");
    CHECK((w.store().recordById(firstId)->status == storage::RecordStatus::Draft));
    const auto& refused = w.app->editors().risk.draft.signProblems.items;
    REQUIRE_FALSE(refused.empty());
    CHECK(refused.front() == "Every risk factor: present, not present or not known");

    const auto& factors = model::safeguardingContent().riskFactors;
    REQUIRE(factors.size() == 16);
    for (const auto& factor : factors) {
        const char* state = factor.id == "domestic_abuse" ? "present"
                            : factor.id == "abduction"    ? "not_known"
                                                          : "not_present";
        w.driver->tap("risk.factor." + factor.id + "." + state);
    }
    w.tapAndType("risk.factor.domestic_abuse.source", "Police check and the mother's account (fictional)");
    w.tapAndType("risk.factor.domestic_abuse.evidence", "Two call-outs this year (fictional)");
    w.tapAndType("risk.likelihood", "Possible at handovers while the adults meet (fictional).");
    w.tapAndType("risk.seriousness", "Emotional harm from seeing arguments (fictional).");
    w.tapAndType("risk.safety_plan", "Handovers at school; no direct contact (fictional).");
    w.tapAndType("risk.review_date", "2026-11-26"); // Thursday of this week: due
    w.tapAndType("risk.signature_name", "Sam Demo-Practitioner");
    w.sign("risk.signature_pad");
    w.driver->tap("risk.sign");
    auto first = w.store().recordById(firstId);
    REQUIRE(first);
    REQUIRE((first->status == storage::RecordStatus::Signed));
    CHECK(first->payload["factors"]["domestic_abuse"]["state"] == "present");
    CHECK(first->payload["factors"]["abduction"]["state"] == "not_known");
    CHECK(first->payload["factors"]["previous_harm"]["state"] == "not_present");
    CHECK(first->payload["likelihood"] == "Possible at handovers while the adults meet (fictional).");
    CHECK_FALSE(first->payload.contains("score")); // judgement in words, never scored
    const nlohmann::json firstPayload = first->payload;
    // Signed: read-only, changed only by a review (no addendum button).
    REQUIRE((w.app->screen() == ui::ScreenId::Record));
    w.driver->frames(2);
    CHECK_FALSE(w.driver->has("record.add_addendum"));
    CHECK(w.driver->has("record.risk_version.0"));
    CHECK_FALSE(w.driver->has("record.risk_version.1"));

    // The caseload shows the review as due this week.
    CHECK(rowFor(*w.app, child).riskReviewDate == "2026-11-26");
    CHECK((rowFor(*w.app, child).riskReview == model::ReviewState::Due));
    w.app->show(ui::ScreenId::Caseload);
    w.driver->frames(2);
    CHECK(w.driver->has("caseload.risk_review." + child));
    CHECK_FALSE(w.driver->has("caseload.risk_review.child-demo-1"));

    // A review: from the child's page the button opens the current version, reviewed from there.
    w.driver->tap("caseload.child." + child);
    w.driver->tap("child.risk");
    REQUIRE((w.app->screen() == ui::ScreenId::Record));
    CHECK(w.app->recordId() == firstId);
    w.driver->tap("record.risk_review");
    REQUIRE((w.app->screen() == ui::ScreenId::RiskIdentification));
    const std::string secondId = w.app->editors().risk.draft.recordId;
    REQUIRE(secondId != firstId);
    CHECK(w.app->editors().risk.risk.reviews == firstId);
    // The answers carry over; the review sets its own date and reason.
    CHECK(w.app->editors().risk.risk.factors.at("domestic_abuse").state == "present");
    w.driver->tap("risk.factor.abduction.present");
    w.tapAndType("risk.factor.abduction.source", "The father's text message (fictional)");
    w.tapAndType("risk.factor.abduction.evidence", "Said he would take the child abroad (fictional)");
    w.tapAndType("risk.review_reason", "New information from the mother (fictional).");
    w.tapAndType("risk.review_date", "2026-12-10");
    w.tapAndType("risk.signature_name", "Sam Demo-Practitioner");
    w.sign("risk.signature_pad");
    w.driver->tap("risk.sign");
    auto second = w.store().recordById(secondId);
    REQUIRE(second);
    REQUIRE((second->status == storage::RecordStatus::Signed));
    CHECK(second->payload["reviews"] == firstId);
    CHECK(second->payload["factors"]["abduction"]["state"] == "present");

    // Both versions kept; the first exactly as it was signed.
    const auto versions = riskRecords(w, child);
    REQUIRE(versions.size() == 2);
    CHECK(w.store().recordById(firstId)->payload == firstPayload);
    CHECK(w.store().recordById(firstId)->payload["factors"]["abduction"]["state"] == "not_known");
    w.driver->frames(2);
    CHECK(w.driver->has("record.risk_version.0"));
    CHECK(w.driver->has("record.risk_version.1"));
    CHECK_FALSE(w.driver->has("record.risk_version.2"));
    // Each version is listed on the child's page.
    w.app->back();
    w.driver->frames(2);
    CHECK(w.driver->has("child.record.risk_identification"));

    // The caseload follows the current version: not due, then due, then overdue.
    CHECK(rowFor(*w.app, child).riskReviewDate == "2026-12-10");
    CHECK((rowFor(*w.app, child).riskReview == model::ReviewState::NotDue));
    w.now = model::fromIsoUtc("2026-12-04T09:00:00Z");
    w.store().setSetting("test.touch", "1"); // the caseload cache is keyed on the store revision
    CHECK((rowFor(*w.app, child).riskReview == model::ReviewState::Due));
    w.now = model::fromIsoUtc("2026-12-11T09:00:00Z");
    w.store().setSetting("test.touch", "2");
    CHECK((rowFor(*w.app, child).riskReview == model::ReviewState::Overdue));
    w.app->show(ui::ScreenId::Caseload);
    w.driver->frames(2);
    CHECK(w.driver->has("caseload.risk_review." + child));
}

TEST_CASE("the safeguarding records are never on screen in child mode") {
    test::WorkflowApp w(/*autoLockSeconds=*/0, 1280, 800);
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-3");
    // A risk identification and an information-sharing record being written.
    w.driver->tap("child.risk");
    w.tapAndType("risk.likelihood", "PRACTITIONER-JUDGEMENT-CANARY");
    w.app->back();
    w.driver->frames(2);
    w.driver->tap("child.sharing");
    w.tapAndType("sharing.what", "PRACTITIONER-SHARING-CANARY");
    w.app->back();
    w.driver->frames(2);
    w.driver->tap("child.start_visit");
    w.driver->tap("visit.confidentiality");
    w.driver->tap("visit.begin");
    w.app->enterChildMode("three_wishes");
    w.driver->frames(2);
    REQUIRE((w.app->screen() == ui::ScreenId::ChildMode));
    for (const auto& tag : platform::TagRegistry::instance().visibleTags()) {
        for (const char* prefix : {"risk.", "sharing.", "concern.", "record.", "child.", "caseload."})
            CHECK_MESSAGE(tag.rfind(prefix, 0) != 0, "practitioner widget visible in child mode: " << tag);
    }
}
