// The complete welfare concern by touch (issue 14 item 4, issue 13 items 3 and 4): a new concern
// flags nobody; a telephone and a written referral each show their deadlines, counted in working
// days across Christmas bank holidays; a concern written up on Monday about Sunday 16:00 counts
// from Sunday and shows as a late entry; a time in the future is refused with the reason.
#include "tests/workflow/workflow_harness.h"

#include "app/model/concern.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace heard;

namespace {

const model::CaseloadRow& rowFor(ui::App& app, const std::string& childId) {
    for (const auto& row : app.caseload())
        if (row.childId == childId) return row;
    FAIL("no caseload row for " << childId);
    throw std::logic_error("unreachable");
}

std::string dueOf(const std::vector<model::FollowUp>& followUps, const std::string& id) {
    for (const auto& f : followUps)
        if (f.id == id) return f.dueAt;
    return "(none)";
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

// Every field but the times, by touch, then signed.
void completeAndSign(test::WorkflowApp& w) {
    w.tapAndType("concern.action_text", "Wrote up the concern");
    w.driver->tap("concern.add_action");
    w.tapAndType("concern.child_words", "\"He said he would take me away\" (fictional)");
    w.tapAndType("concern.explanation", "none given");
    w.tapAndType("concern.injuries", "none seen");
    w.tapAndType("concern.witnesses", "no one");
    w.tapAndType("concern.third_party", "none");
    w.tapAndType("concern.child_views",
                 "The child was worried about the referral; support offered (fictional).");
    w.tapAndType("concern.parents_note", "The mother was told of the referral (fictional).");
    w.tapAndType("concern.manager_discussion", "Agreed: referral today, the court told (fictional).");
    w.driver->tap("concern.parents_yes");
    w.driver->tap("concern.parents_agreed_no");
    w.driver->tap("concern.manager_informed");
    w.tapAndType("concern.signature_name", "Sam Demo-Practitioner");
    w.sign("concern.signature_pad");
    w.driver->tap("concern.sign");
}

} // namespace

TEST_CASE("a new concern has high risk unticked and no answer chosen") {
    test::WorkflowApp w;
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-4");
    w.driver->tap("child.concern");
    REQUIRE((w.app->screen() == ui::ScreenId::Concern));
    const std::string id = w.app->editors().concern.draft.recordId;
    CHECK_FALSE(w.app->editors().concern.highRisk);
    CHECK_FALSE(w.store().recordById(id)->highRisk);
    CHECK(w.app->editors().concern.concern.parentsInformed.empty());
    CHECK(w.app->editors().concern.concern.parentsAgreed.empty());
    CHECK(w.app->editors().concern.newReferralRoute.empty());
    // An abandoned concern does not flag the child on the caseload.
    w.app->back();
    w.driver->frames(2);
    CHECK_FALSE(rowFor(*w.app, "child-demo-4").highRisk);
}

TEST_CASE("a phone and a written referral show both deadlines, counted across the Christmas bank holidays") {
    test::WorkflowApp w;
    w.now = model::fromIsoUtc("2026-12-24T10:00:00Z"); // Thursday, Christmas Eve
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-4");
    w.driver->tap("child.concern");
    ui::ConcernEditor& form = w.app->editors().concern;

    // A referral needs its route: none is chosen for the practitioner.
    w.driver->tap("concern.add_referral");
    CHECK(form.concern.referrals.empty());
    CHECK(form.timeError == "Choose how the referral was made");

    w.driver->tap("concern.route.phone");
    w.tapAndType("concern.referral_note", "Duty desk (fictional)");
    w.driver->tap("concern.add_referral");
    w.driver->tap("concern.route.written");
    w.driver->tap("concern.add_referral");
    REQUIRE(form.concern.referrals.size() == 2);
    CHECK(form.concern.referrals[0].route == "phone");
    CHECK(form.concern.referrals[1].route == "written");
    w.driver->frames(2);
    // Both referrals' deadlines are on the screen.
    for (const char* id :
         {"confirm_in_writing", "manager_copy", "chase_reply", "manager_copy_2", "chase_reply_2"})
        CHECK_MESSAGE(w.driver->has(std::string("concern.deadline.") + id), id);
    // Friday 25 (Christmas), the weekend and Monday 28 (Boxing Day substitute) do not count.
    const auto followUps = model::concernFollowUps(form.concern, {});
    CHECK(dueOf(followUps, "confirm_in_writing") == "2026-12-29T23:59:59Z");
    CHECK(dueOf(followUps, "manager_copy_2") == "2026-12-29T23:59:59Z");
    CHECK(dueOf(followUps, "chase_reply") == "2026-12-31T23:59:59Z");
    CHECK(dueOf(followUps, "chase_reply_2") == "2026-12-31T23:59:59Z");

    const std::string id = form.draft.recordId;
    completeAndSign(w);
    const auto record = w.store().recordById(id);
    REQUIRE((record->status == storage::RecordStatus::Signed));
    CHECK(record->payload["referrals"].size() == 2);
    CHECK(record->payload["parents_agreed"] == "no");
    CHECK(record->payload["fields"]["third_party"] == "none");
    // The signed concern shows its referrals and their follow-ups.
    REQUIRE((w.app->screen() == ui::ScreenId::Record));
    w.driver->frames(2);
    CHECK(w.driver->has("record.referral.0"));
    CHECK(w.driver->has("record.referral.1"));
    CHECK(w.driver->has("record.follow_up.confirm_in_writing"));
    CHECK(w.driver->has("record.follow_up.chase_reply_2"));
    CHECK_FALSE(w.driver->has("record.late_entry"));

    // On the caseload: nothing due over Christmas; three due on Tuesday 29; overdue on Wednesday.
    w.now = model::fromIsoUtc("2026-12-28T09:00:00Z");
    w.store().setSetting("test.touch", "1");
    CHECK(rowFor(*w.app, "child-demo-4").followUpsDueToday == 0);
    CHECK(rowFor(*w.app, "child-demo-4").followUpsOverdue == 0);
    w.now = model::fromIsoUtc("2026-12-29T09:00:00Z");
    w.store().setSetting("test.touch", "2");
    CHECK(rowFor(*w.app, "child-demo-4").followUpsDueToday == 3);
    w.now = model::fromIsoUtc("2026-12-30T09:00:00Z");
    w.store().setSetting("test.touch", "3");
    CHECK(rowFor(*w.app, "child-demo-4").followUpsOverdue == 3);
}

TEST_CASE("a concern backdated to yesterday 16:00 counts its deadlines from then and shows as a late entry") {
    test::WorkflowApp w; // Monday 23 November 2026, 10:00
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-4");
    w.driver->tap("child.concern");
    ui::ConcernEditor& form = w.app->editors().concern;
    w.driver->frames(2);
    CHECK_FALSE(w.driver->has("concern.late_entry"));

    w.tapAndType("concern.identified_when", "2026-11-22 16:00");
    w.driver->tap("concern.identified_set");
    CHECK(form.timeError.empty());
    CHECK(form.concern.identifiedAt == "2026-11-22T16:00:00Z");
    CHECK(form.concern.identifiedWrittenAt == "2026-11-23T10:00:00Z");
    w.tapAndType("concern.action_text", "Telephoned children's services");
    w.tapAndType("concern.action_when", "2026-11-22 16:30");
    w.driver->tap("concern.add_action");
    REQUIRE(form.concern.actions.size() == 1);
    CHECK(form.concern.actions[0].at == "2026-11-22T16:30:00Z");
    CHECK(form.concern.actions[0].writtenAt == "2026-11-23T10:00:00Z");
    w.driver->tap("concern.route.phone");
    w.tapAndType("concern.referral_when", "2026-11-22 16:30");
    w.driver->tap("concern.add_referral");
    REQUIRE(form.concern.referrals.size() == 1);
    w.driver->frames(2);
    CHECK(w.driver->has("concern.late_entry"));
    // From Sunday: confirmation due by the end of Monday (from the moment of typing it would be Tuesday).
    const auto followUps = model::concernFollowUps(form.concern, {});
    CHECK(dueOf(followUps, "confirm_in_writing") == "2026-11-23T23:59:59Z");
    CHECK(dueOf(followUps, "chase_reply") == "2026-11-25T23:59:59Z");

    const std::string id = form.draft.recordId;
    completeAndSign(w);
    const auto record = w.store().recordById(id);
    REQUIRE((record->status == storage::RecordStatus::Signed));
    CHECK(record->payload["identified_at"] == "2026-11-22T16:00:00Z");
    CHECK(record->payload["identified_written_at"] == "2026-11-23T10:00:00Z");
    CHECK(record->payload["referrals"][0]["at"] == "2026-11-22T16:30:00Z");
    CHECK(record->payload["referrals"][0]["written_at"] == "2026-11-23T10:00:00Z");
    w.driver->frames(2);
    CHECK(w.driver->has("record.late_entry"));
    // Monday afternoon: the written confirmation and the manager's copy are due today.
    w.now = model::fromIsoUtc("2026-11-23T15:00:00Z");
    w.store().setSetting("test.touch", "1");
    CHECK(rowFor(*w.app, "child-demo-4").followUpsDueToday == 2);
}

TEST_CASE("times in the future are refused with the reason") {
    test::WorkflowApp w;
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-4");
    w.driver->tap("child.concern");
    ui::ConcernEditor& form = w.app->editors().concern;
    const std::string identified = form.concern.identifiedAt;

    w.tapAndType("concern.identified_when", "2026-11-23 12:00"); // two hours from now
    w.driver->tap("concern.identified_set");
    CHECK(form.timeError == "That time is in the future: write when it happened");
    CHECK(form.concern.identifiedAt == identified);

    w.driver->tap("concern.route.phone");
    w.tapAndType("concern.referral_when", "2026-11-24 09:00");
    w.driver->tap("concern.add_referral");
    CHECK(form.concern.referrals.empty());
    CHECK(form.timeError == "That time is in the future: write when it happened");

    w.tapAndType("concern.action_text", "Telephoned the police");
    w.tapAndType("concern.action_when", "not a time");
    w.driver->tap("concern.add_action");
    CHECK(form.concern.actions.empty());
    CHECK(form.timeError == "Write the time as year-month-day hours:minutes, for example 2026-11-22 16:00");

    // A time in the future that reached the record some other way (a clock set wrong) stops signing.
    const std::string id = form.draft.recordId;
    form.concern.identifiedAt = "2026-11-24T10:00:00Z";
    form.markEdited();
    w.driver->tap("concern.sign");
    CHECK((w.store().recordById(id)->status == storage::RecordStatus::Draft));
    CHECK(contains(form.draft.signProblems.items, "The time the concern was identified is in the future"));
}
