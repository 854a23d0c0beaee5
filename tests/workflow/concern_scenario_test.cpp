// A whole welfare concern through the real UI: the child's words, actions with times, who was
// told, a telephone referral whose follow-ups appear on the caseload as due and then overdue,
// a refused sign, a signed record flagged for the manager at the head of the outbox, and an
// addendum that marks follow-ups done.
#include "workflow_harness.h"

#include "app/model/concern.h"

#include <algorithm>
#include <doctest/doctest.h>

using namespace heard;

namespace {
const model::CaseloadRow& rowFor(ui::App& app, const std::string& childId) {
    for (const auto& row : app.caseload())
        if (row.childId == childId) return row;
    FAIL("no caseload row for " << childId);
    throw std::logic_error("unreachable");
}
} // namespace

TEST_CASE("a whole concern: record, refused sign, sign, follow-ups due and overdue, addendum") {
    test::WorkflowApp w;
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-4");
    w.driver->tap("child.concern");
    REQUIRE((w.app->screen() == ui::ScreenId::Concern));
    const std::string concernId = w.app->editors().concern.draft.recordId;
    REQUIRE_FALSE(concernId.empty());
    // Only what happened (issue 13): a new concern flags nobody until the practitioner ticks it.
    CHECK_FALSE(w.store().recordById(concernId)->highRisk);
    w.driver->tap("concern.high_risk");

    w.tapAndType("concern.child_words", "\"It hurts when he grabs my arm\" (fictional)");
    w.tapAndType("concern.explanation", "none given");
    w.tapAndType("concern.injuries", "none seen");
    w.tapAndType("concern.witnesses", "no one");
    w.tapAndType("concern.third_party", "none");
    w.tapAndType("concern.child_views", "Not told yet: it would be unsafe today (fictional).");
    w.tapAndType("concern.parents_note", "Not told: it could put the child at risk.");
    w.tapAndType("concern.manager_discussion", "Agreed with the manager: referral today (fictional).");
    w.tapAndType("concern.action_text", "Telephoned children's services");
    w.driver->tap("concern.add_action");
    REQUIRE(w.app->editors().concern.concern.actions.size() == 1);
    CHECK(w.app->editors().concern.concern.actions[0].at == "2026-11-23T10:00:00Z");
    w.driver->tap("concern.parents_no");
    w.driver->tap("concern.route.phone");
    w.driver->tap("concern.add_referral");
    w.tapAndType("concern.signature_name", "Sam Demo-Practitioner");

    // Manager not informed and no signature yet: refused, and says which.
    w.driver->tap("concern.sign");
    CHECK((w.store().recordById(concernId)->status == storage::RecordStatus::Draft));
    const auto& problems = w.app->editors().concern.draft.signProblems.items;
    CHECK(std::find(problems.begin(), problems.end(), std::string("The manager must be informed")) !=
          problems.end());
    CHECK(std::find(problems.begin(), problems.end(), std::string("Your signature")) != problems.end());

    w.driver->tap("concern.manager_informed");
    w.sign("concern.signature_pad");
    w.driver->tap("concern.sign");
    auto concern = w.store().recordById(concernId);
    REQUIRE(concern);
    CHECK((concern->status == storage::RecordStatus::Signed));
    CHECK(concern->highRisk);
    CHECK(concern->payload["fields"]["child_words"] == "\"It hurts when he grabs my arm\" (fictional)");
    CHECK(concern->payload["referrals"][0]["route"] == "phone");
    CHECK(concern->payload["referrals"][0]["at"] == "2026-11-23T10:00:00Z");
    // The high-risk record heads the sync queue (with the audit entries of its creation and
    // signing beside it: only they may come before it).
    const auto outbox = w.store().outboxPending(10);
    REQUIRE_FALSE(outbox.empty());
    auto firstRecord =
        std::find_if(outbox.begin(), outbox.end(), [](const auto& e) { return e.itemType == "record"; });
    REQUIRE(firstRecord != outbox.end());
    CHECK(firstRecord->itemId == concernId);
    for (auto e = outbox.begin(); e != firstRecord; ++e)
        CHECK(e->groupKey == concernId);

    // Telephoned on Monday: written confirmation due by the end of Tuesday.
    CHECK(rowFor(*w.app, "child-demo-4").followUpsOverdue == 0);
    w.now = model::fromIsoUtc("2026-11-24T09:00:00Z");
    w.driver->frames(1);
    w.store().setSetting("test.touch", "1"); // any write: the caseload cache is keyed on the store revision
    CHECK(rowFor(*w.app, "child-demo-4").followUpsDueToday == 2);
    w.now = model::fromIsoUtc("2026-11-25T09:00:00Z");
    w.store().setSetting("test.touch", "2");
    CHECK(rowFor(*w.app, "child-demo-4").followUpsOverdue == 2);
    CHECK(rowFor(*w.app, "child-demo-4").highRisk);

    // An addendum marks the written confirmation done; the original concern is unchanged.
    const nlohmann::json signedPayload = concern->payload;
    w.driver->tap("record.add_addendum");
    w.driver->tap("addendum.done.confirm_in_writing");
    w.driver->tap("addendum.done.manager_copy");
    w.tapAndType("addendum.text", "Referral confirmed in writing; manager copied.");
    w.driver->tap("addendum.save");
    CHECK(rowFor(*w.app, "child-demo-4").followUpsOverdue == 0);
    CHECK(w.store().recordById(concernId)->payload == signedPayload);
    // The chase is due three working days after the call (Thursday): overdue on Friday.
    w.now = model::fromIsoUtc("2026-11-27T09:00:00Z");
    w.store().setSetting("test.touch", "3");
    CHECK(rowFor(*w.app, "child-demo-4").followUpsOverdue == 1);
}

TEST_CASE("the concern form never prompts the practitioner to question the child") {
    for (const auto& spec : model::concernTextFields()) {
        for (const char* text : {spec.label, spec.hint}) {
            const std::string lower = [&] {
                std::string s = text;
                for (auto& c : s)
                    c = char(std::tolower(static_cast<unsigned char>(c)));
                return s;
            }();
            CHECK_MESSAGE(lower.find("ask the child") == std::string::npos, text);
            CHECK_MESSAGE(lower.find("find out") == std::string::npos, text);
            CHECK_MESSAGE(lower.find('?') == std::string::npos, text);
        }
    }
}
