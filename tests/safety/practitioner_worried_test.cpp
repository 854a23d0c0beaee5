// safety.practitioner_worried (issue 14): the practitioner's own "the child has told me
// something worrying" control is on every practitioner screen about a child and never in child
// mode. Tapped during a visit it opens the safety alert at once; the child's words are written
// as heard, it is signed there, heads the outbox and reaches a real heard-server before the
// visit and before records queued earlier.
#include "safety_world.h"

#include "platform/ui_tags.h"
#include "tests/support/headless_window.h"
#include "storage/record_kinds.h"

#include <doctest/doctest.h>

using namespace heard;

TEST_CASE(
    "the practitioner's 'told me something worrying': an alert signed at once, sent before everything") {
    safetytest::SafetyWorld w;
    w.serverDown();
    const std::vector<std::string> earlier = w.queueEarlierRecords();

    // Not on the caseload (no child), on the child's page and the visit.
    w.app->show(ui::ScreenId::Caseload);
    w.driver->frames(2);
    CHECK_FALSE(w.driver->has("safety.worried"));
    w.driver->tap("caseload.child.child-a1");
    CHECK(w.driver->has("safety.worried"));
    const std::string visitId = w.startVisit("child-a1");
    CHECK(w.driver->has("safety.worried"));

    // Not while the child has the tablet.
    w.driver->tap("visit.activity.three_wishes");
    w.driver->tap("handover.start"); // after its guidance (issue 18.5)
    REQUIRE((w.app->screen() == ui::ScreenId::ChildMode));
    CHECK_FALSE(w.driver->has("safety.worried"));
    w.driver->tap("activity.stop");
    w.driver->tap("activity.stop.yes");
    w.driver->tap("activity.done");
    CHECK_FALSE(w.driver->has("safety.worried"));
    w.tapAndType("childmode.passphrase", synctest::kDevicePassphrase);
    w.driver->tap("childmode.leave");
    w.settleChildModeCheck();
    REQUIRE((w.app->screen() == ui::ScreenId::Visit)); // nothing unsafe: back to the visit

    // Tapped by mistake: an empty practitioner's alert can be discarded (its draft goes).
    w.driver->tap("safety.worried");
    REQUIRE((w.app->screen() == ui::ScreenId::SafetyAlert));
    REQUIRE(test::framesUntil(*w.driver,
                              [&] { return !w.app->editors().safetyAlert.items.front().recordId.empty(); }));
    const std::string mistakeId = w.app->editors().safetyAlert.items.front().recordId;
    w.driver->tap("safety.discard");
    CHECK((w.app->screen() == ui::ScreenId::Visit));
    CHECK_FALSE(w.store().recordById(mistakeId));
    CHECK(w.app->editors().safetyAlert.items.empty());

    // The practitioner's control.
    w.driver->tap("safety.worried");
    REQUIRE((w.app->screen() == ui::ScreenId::SafetyAlert));
    CHECK(w.driver->has("safety.steps"));
    CHECK(w.driver->has("safety.when_where"));
    REQUIRE(w.app->editors().safetyAlert.items.size() == 1);
    // The alert is in the store at once, before anything is typed.
    REQUIRE(test::framesUntil(*w.driver,
                              [&] { return !w.app->editors().safetyAlert.items.front().recordId.empty(); }));
    const std::string alertId = w.app->editors().safetyAlert.items.front().recordId;

    // The child's words are needed to sign.
    w.tapAndType("safety.signature_name", synctest::kPractitionerName);
    w.signOnPad("safety.signature_pad");
    w.driver->tap("safety.sign");
    CHECK((w.store().recordById(alertId)->status == storage::RecordStatus::Draft));
    const std::string words = "He said \u201cdon't tell Mum, he hits me when she's out\u201d (fictional)";
    w.tapAndType("safety.child_words", words);
    w.driver->tap("safety.sign");
    const auto signedAlert = w.store().recordById(alertId);
    REQUIRE(signedAlert);
    CHECK((signedAlert->status == storage::RecordStatus::Signed));
    CHECK(signedAlert->payload["child_words"] == words);
    CHECK(signedAlert->payload["source"] == "practitioner");
    CHECK(signedAlert->payload["visit_record_id"] == visitId);
    CHECK(signedAlert->parentId.empty());
    CHECK(signedAlert->highRisk);
    CHECK(w.store().outboxPending(100).front().itemId == alertId);

    // Done: back to the visit, which is signed later.
    w.driver->tap("safety.done");
    REQUIRE((w.app->screen() == ui::ScreenId::Visit));
    w.signVisit();
    w.serverUp();
    w.syncUntilEmpty();
    const std::vector<std::string> order = w.receivedRecordOrder();
    const size_t alertAt = safetytest::positionOf(order, alertId);
    REQUIRE(alertAt < order.size());
    CHECK(alertAt < safetytest::positionOf(order, visitId));
    CHECK(safetytest::positionOf(order, visitId) < order.size());
    for (const std::string& id : earlier) {
        CHECK(safetytest::positionOf(order, id) < order.size());
        CHECK(alertAt < safetytest::positionOf(order, id));
    }
    REQUIRE(w.serverStore->safetyAlerts(10).size() == 1);
    CHECK(w.serverStore->safetyAlerts(10)[0].itemId == alertId);
}
