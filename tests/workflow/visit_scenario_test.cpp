// A whole visit through the real UI: start, an activity in child mode, write-up, a refused
// sign that names the missing field, a successful sign, and an addendum; then what the
// encrypted store holds.
#include "workflow_harness.h"
#include "storage/record_kinds.h"

#include "app/model/demo_caseload.h"
#include "app/model/visit.h"

#include <optional>
#include <thread>

#include <doctest/doctest.h>

using namespace heard;

namespace {

std::optional<storage::Record> findKind(const std::vector<storage::Record>& records,
                                        const std::string& kind) {
    for (const auto& record : records)
        if (record.kind == kind) return record;
    return std::nullopt;
}

} // namespace

TEST_CASE("a whole visit: start, activity, write-up, refused sign, sign, addendum") {
    test::WorkflowApp w;
    w.unlockDemo();
    CHECK((w.app->screen() == ui::ScreenId::Caseload));
    w.driver->tap("caseload.child.child-demo-1");
    REQUIRE((w.app->screen() == ui::ScreenId::Child));
    w.driver->tap("child.start_visit");
    REQUIRE((w.app->screen() == ui::ScreenId::Visit));

    // The visit cannot begin until confidentiality is confirmed.
    w.tapAndType("visit.where", "At home, in the kitchen");
    w.tapAndType("visit.present", "The child only");
    w.tapAndType("visit.purpose", "Wishes and feelings");
    w.driver->tap("visit.begin");
    CHECK(w.store().recordsForChild("child-demo-1").empty());
    w.driver->tap("visit.confidentiality");
    w.driver->tap("visit.begin");
    auto records = w.store().recordsForChild("child-demo-1");
    REQUIRE(records.size() == 1);
    const std::string visitId = records[0].id;
    CHECK((records[0].status == storage::RecordStatus::Draft));
    CHECK(records[0].payload["confidentiality_explained"] == true);

    // An activity in child mode: the child answers, stops, and the practitioner takes back the tablet.
    w.driver->tap("visit.activity.three_wishes");
    w.driver->tap("handover.start"); // after its guidance (issue 18.5)
    REQUIRE((w.app->screen() == ui::ScreenId::ChildMode));
    w.tapAndType("words.input", "a puppy");
    w.driver->tap("activity.next");
    w.driver->tap("activity.stop");
    w.driver->tap("activity.stop.yes");
    w.driver->tap("activity.done");
    w.tapAndType("childmode.passphrase", "not the passphrase");
    w.driver->tap("childmode.leave");
    w.settleChildModeCheck();
    CHECK((w.app->screen() == ui::ScreenId::ChildMode));
    CHECK_FALSE(w.app->editors().childMode.error.empty());
    w.tapAndType("childmode.passphrase", model::kDemoPassphrase);
    w.driver->tap("childmode.leave");
    w.settleChildModeCheck();
    REQUIRE((w.app->screen() == ui::ScreenId::Visit));
    const auto activity = findKind(w.store().recordsForChild("child-demo-1"), storage::kinds::kActivity);
    REQUIRE(activity);
    CHECK(activity->parentId == visitId);
    CHECK(activity->payload.dump().find("a puppy") != std::string::npos);

    // Part of the write-up, then autosave after the pause.
    w.tapAndType("visit.setting", "Kitchen table, pens and paper");
    w.tapAndType("visit.what_happened", "We did three wishes.");
    w.tapAndType("visit.reasons", "Suits the child's age.");
    w.tapAndType("visit.impact", "Relaxed.");
    w.tapAndType("visit.outcomes", "Wishes recorded.");
    w.tapAndType("visit.carer_feedback", "Told mother how it went.");
    std::this_thread::sleep_for(ui::kAutosaveDelay + std::chrono::milliseconds(100));
    w.driver->frames(2);
    CHECK(w.store().recordById(visitId)->payload["write_up"]["impact"] == "Relaxed.");

    // Signing with "what is planned next" empty is refused, and says so.
    w.tapAndType("visit.signature_name", "Sam Demo-Practitioner");
    w.sign("visit.signature_pad");
    w.driver->tap("visit.sign");
    CHECK((w.store().recordById(visitId)->status == storage::RecordStatus::Draft));
    REQUIRE(w.driver->has("sign.problems"));
    const auto& problems = w.app->editors().visit.draft.signProblems.items;
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == std::string("What is planned next"));

    w.tapAndType("visit.next", "Visit again in two weeks.");
    w.driver->tap("visit.sign");
    auto visit = w.store().recordById(visitId);
    REQUIRE(visit);
    CHECK((visit->status == storage::RecordStatus::Signed));
    CHECK(visit->signedBy == "Sam Demo-Practitioner");
    CHECK(visit->payload["write_up"]["next"] == "Visit again in two weeks.");
    CHECK_FALSE(visit->payload["signature_strokes"].empty());
    CHECK((w.store().recordById(activity->id)->status == storage::RecordStatus::Signed));
    CHECK((w.app->screen() == ui::ScreenId::Record));

    // After signing, only addenda: the original stays exactly as it was.
    const nlohmann::json signedPayload = visit->payload;
    w.driver->tap("record.add_addendum");
    REQUIRE((w.app->screen() == ui::ScreenId::Addendum));
    w.tapAndType("addendum.text", "Mother phoned later to say the child enjoyed it.");
    w.tapAndType("addendum.reason", "Information received after the visit.");
    w.driver->tap("addendum.save");
    const auto addendum = findKind(w.store().recordsForChild("child-demo-1"), storage::kinds::kAddendum);
    REQUIRE(addendum);
    CHECK(addendum->parentId == visitId);
    CHECK((addendum->status == storage::RecordStatus::Signed));
    CHECK(addendum->payload["text"] == "Mother phoned later to say the child enjoyed it.");
    CHECK(w.store().recordById(visitId)->payload == signedPayload);
    CHECK(w.driver->has("record.addendum"));
    CHECK(w.store().verifyCase("case-demo-1").ok);
    CHECK_THROWS_AS(w.store().saveDraft(visitId, nlohmann::json::object()), storage::StoreError);
}

TEST_CASE("a drafted visit survives the app closing, and reopens as it was left") {
    std::string dataDir;
    std::string visitId;
    {
        test::WorkflowApp w;
        w.unlockDemo();
        w.driver->tap("caseload.child.child-demo-2");
        w.driver->tap("child.start_visit");
        w.driver->tap("visit.confidentiality");
        w.driver->tap("visit.begin");
        w.tapAndType("visit.what_happened", "Typed just before the battery died");
        visitId = w.app->editors().visit.draft.recordId;
        // No pause for autosave: leaving (the OS closing the app) saves the draft.
        SDL_Event event{};
        event.type = SDL_APP_TERMINATING;
        w.app->handleEvent(event);
        auto record = w.store().recordById(visitId);
        REQUIRE(record);
        CHECK(record->payload["write_up"]["what_happened"] == "Typed just before the battery died");
    }
}
