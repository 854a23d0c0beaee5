// safety.child_unsafe_choice (issue 14, items 1-2): in "When grown-ups argue" a child taps
// "Pushing or hitting". The next child screen is the calm screen in the child's language, with
// no follow-up question and no practitioner widget; the child goes on, then stops. When the
// practitioner takes the tablet back the first screen is the safety alert, with the child's
// choice verbatim, when and in which activity; it is signed there, heads the outbox, and
// reaches a real heard-server before the visit and before records queued earlier.
#include "safety_world.h"

#include "app/model/safety_alert.h"
#include "platform/ui_tags.h"
#include "storage/record_kinds.h"
#include "tests/support/headless_window.h"

#include <doctest/doctest.h>

using namespace heard;

namespace {

// While the child has the tablet only child-mode widgets may be on screen.
void checkOnlyChildWidgets() {
    const auto tags = platform::TagRegistry::instance().visibleTags();
    CHECK_FALSE(tags.empty());
    for (const std::string& tag : tags) {
        const bool childs = tag.rfind("childmode.", 0) == 0 || tag.rfind("activity.", 0) == 0 ||
                            tag.rfind("scale.", 0) == 0 || tag.rfind("choice.", 0) == 0 ||
                            tag.rfind("face.", 0) == 0 || tag.rfind("strength.", 0) == 0 ||
                            tag.rfind("words.", 0) == 0 || tag.rfind("canvas", 0) == 0;
        CHECK_MESSAGE(childs, "a practitioner widget in child mode: " << tag);
        CHECK_MESSAGE(tag.rfind("safety.", 0) != 0, tag);
    }
}

} // namespace

TEST_CASE("a child chooses 'Pushing or hitting': calm screen, no more questions, the alert first, signed, "
          "sent before everything") {
    safetytest::SafetyWorld w;
    w.serverDown(); // records queue on the tablet from here on
    const std::vector<std::string> earlier = w.queueEarlierRecords();
    const std::string visitId = w.startVisit("child-a1");

    w.driver->tap("visit.activity.parental_conflict");
    w.driver->tap("handover.start"); // after its guidance (issue 18.5)
    REQUIRE((w.app->screen() == ui::ScreenId::ChildMode));
    w.driver->tap("scale.7"); // how often
    w.driver->tap("activity.next");
    w.driver->tap("activity.skip"); // how big
    w.driver->tap("choice.another_room");
    w.driver->tap("activity.next");
    REQUIRE(w.driver->has("choice.pushing_hitting"));
    w.driver->tap("choice.pushing_hitting");

    // The calm screen, and nothing that asks for more about it.
    CHECK((w.app->screen() == ui::ScreenId::ChildMode));
    CHECK(w.driver->has("childmode.calm"));
    CHECK_FALSE(w.driver->has("words.input"));
    CHECK_FALSE(w.driver->has("activity.prompt"));
    checkOnlyChildWidgets();
    // The alert is in the store already (a draft until the practitioner signs it).
    const auto& alerts = w.app->editors().safetyAlert;
    REQUIRE(alerts.items.size() == 1);
    const std::string alertId = alerts.items.front().recordId;
    REQUIRE_FALSE(alertId.empty());
    CHECK((w.store().recordById(alertId)->status == storage::RecordStatus::Draft));

    // The child goes on: the next question is another one, with no box asking for more.
    w.driver->tap("childmode.calm.go_on");
    CHECK_FALSE(w.driver->has("childmode.calm"));
    REQUIRE(w.app->editors().childMode.session);
    REQUIRE(w.app->editors().childMode.session->run->currentStep());
    CHECK(w.app->editors().childMode.session->run->currentStep()->id == "feel");
    CHECK_FALSE(w.driver->has("words.input"));
    checkOnlyChildWidgets();
    // The answer is kept as given.
    const auto* answer = w.app->editors().childMode.session->run->result().answerFor("see_hear");
    REQUIRE(answer);
    CHECK(answer->choiceId == "pushing_hitting");
    CHECK(answer->words.empty());

    // The child stops; the practitioner takes the tablet back with the passphrase.
    w.driver->tap("activity.stop");
    w.driver->tap("activity.stop.yes");
    w.driver->tap("activity.done");
    checkOnlyChildWidgets();
    w.tapAndType("childmode.passphrase", synctest::kDevicePassphrase);
    w.driver->tap("childmode.leave");
    w.settleChildModeCheck();

    // The first screen is the safety alert, with the child's choice exactly as shown.
    REQUIRE((w.app->screen() == ui::ScreenId::SafetyAlert));
    CHECK(w.driver->has("safety.child_answer"));
    CHECK(w.driver->has("safety.steps"));
    CHECK(w.driver->has("safety.when_where"));
    CHECK(w.driver->has("safety.start_concern"));
    const model::SafetyAlert& shown = w.app->editors().safetyAlert.items.front().alert;
    CHECK(shown.childWords == "Pushing or hitting");
    CHECK(shown.prompt == "What do you see or hear?");
    CHECK(shown.activityContentId == "parental_conflict");
    CHECK(shown.activityTitle == "When grown-ups argue");
    CHECK_FALSE(shown.activityRecordId.empty());
    CHECK_FALSE(shown.disclosedAt.empty());

    // Signing is refused until the practitioner's name and signature are there.
    w.driver->tap("safety.sign");
    CHECK((w.store().recordById(alertId)->status == storage::RecordStatus::Draft));
    w.tapAndType("safety.signature_name", synctest::kPractitionerName);
    w.signOnPad("safety.signature_pad");
    w.driver->tap("safety.sign");
    const auto signedAlert = w.store().recordById(alertId);
    REQUIRE(signedAlert);
    CHECK((signedAlert->status == storage::RecordStatus::Signed));
    CHECK(signedAlert->kind == storage::kinds::kSafetyAlert);
    CHECK(signedAlert->highRisk);
    CHECK(signedAlert->parentId.empty()); // independent of the visit
    CHECK(signedAlert->payload["child_words"] == "Pushing or hitting");
    CHECK(signedAlert->payload["activity_record_id"] == shown.activityRecordId);
    CHECK(w.driver->has("safety.signed"));

    // The head of the outbox, before the records queued earlier.
    const auto pending = w.store().outboxPending(100);
    REQUIRE_FALSE(pending.empty());
    CHECK(pending.front().itemId == alertId);

    // "Start a welfare concern" opens the concern for this child with the child's words.
    w.driver->tap("safety.start_concern");
    REQUIRE((w.app->screen() == ui::ScreenId::Concern));
    CHECK(w.app->editors().concern.concern.fields["child_words"] == "Pushing or hitting");
    w.app->back();
    w.driver->frames(2);

    // The visit is signed afterwards; then the connection comes back.
    w.app->nav().setRecord(visitId);
    w.app->show(ui::ScreenId::Visit);
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
    // The server lists it for managers.
    const auto listed = w.serverStore->safetyAlerts(10);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].itemId == alertId);
}
