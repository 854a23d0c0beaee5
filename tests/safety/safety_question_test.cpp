// safety.safety_question (issue 14): a "no" to a safety question, and a low answer on a safety
// scale, raise the alert as an unsafe choice does: the calm screen in the child's own language
// (Welsh here), no box asking for more, and on hand-back the alert first with the child's answer
// exactly as the child saw it, in their language, and the content's own words beside it.
#include "tests/workflow/workflow_harness.h"

#include "app/i18n/i18n.h"
#include "app/model/demo_caseload.h"
#include "platform/ui_tags.h"
#include "storage/record_kinds.h"

#include <doctest/doctest.h>

using namespace heard;

namespace {

void startVisit(test::WorkflowApp& w, const std::string& childId) {
    w.unlockDemo();
    w.driver->tap("caseload.child." + childId);
    w.driver->tap("child.start_visit");
    w.driver->tap("visit.confidentiality");
    w.driver->tap("visit.begin");
    REQUIRE(w.app->editors().visit.started);
}

void handBack(test::WorkflowApp& w) {
    // Issue 18.4: Stop asks once, then the gentle end screen; its "All done" hands back.
    for (const char* step : {"childmode.calm.stop", "activity.stop", "activity.stop.yes", "activity.done"})
        if (!w.app->editors().childMode.askingToLeave && w.driver->has(step)) w.driver->tap(step);
    w.tapAndType("childmode.passphrase", model::kDemoPassphrase);
    w.driver->tap("childmode.leave");
    w.settleChildModeCheck();
}

} // namespace

TEST_CASE(
    "'No' to feeling safe at home, in Welsh: the calm screen in Welsh, the alert with the child's 'Na'") {
    test::WorkflowApp w;
    startVisit(w, "child-demo-3"); // a child whose language is Welsh
    w.driver->tap("visit.activity.two_homes");
    w.driver->tap("handover.start"); // after its guidance (issue 18.5)
    REQUIRE((w.app->screen() == ui::ScreenId::ChildMode));
    REQUIRE(w.app->editors().childMode.session->run->language() == "cy");
    w.tapAndType("words.input", "Mam a Taid");
    w.driver->tap("activity.next");
    w.driver->tap("activity.skip"); // how they feel
    w.driver->tap("choice.no");
    CHECK(w.driver->has("childmode.calm"));
    CHECK_FALSE(w.driver->has("words.input"));
    // The calm screen speaks Welsh: the words drawn are the Welsh catalogue's.
    {
        i18n::ScopedLanguage welsh("cy");
        CHECK(std::string(_("Thank you for telling me.")) == "Diolch am ddweud wrtha i.");
    }
    w.driver->tap("childmode.calm.go_on");
    REQUIRE(w.app->editors().childMode.session->run->currentStep());
    CHECK(w.app->editors().childMode.session->run->currentStep()->id == "second_home_who");
    handBack(w);
    REQUIRE((w.app->screen() == ui::ScreenId::SafetyAlert));
    const model::SafetyAlert& alert = w.app->editors().safetyAlert.items.front().alert;
    CHECK(alert.language == "cy");
    CHECK(alert.childWords == "Na");
    CHECK(alert.prompt == "Wyt ti'n teimlo'n ddiogel yn un o dy gartrefi?"); // no homes named for this child
    CHECK(alert.promptMsgid == "Do you feel safe in {home_1}?");
    CHECK(alert.answerMsgid == "No");
    CHECK(alert.choiceId == "no");
    CHECK(w.driver->has("safety.child_answer"));
}

TEST_CASE("a low answer on the safety scale raises the alert the same way") {
    test::WorkflowApp w;
    startVisit(w, "child-demo-1");
    w.driver->tap("visit.activity.scaling");
    w.driver->tap("handover.start"); // after its guidance (issue 18.5)
    w.driver->tap("scale.8");
    w.driver->tap("activity.next");
    CHECK_FALSE(w.driver->has("childmode.calm")); // a happy answer is just an answer
    w.driver->tap("scale.2");                     // how safe where you live
    CHECK(w.driver->has("childmode.calm"));
    w.driver->tap("childmode.calm.go_on");
    CHECK(w.app->editors().childMode.session->run->currentStep()->id == "worried_now");
    handBack(w);
    REQUIRE((w.app->screen() == ui::ScreenId::SafetyAlert));
    const model::SafetyAlert& alert = w.app->editors().safetyAlert.items.front().alert;
    CHECK(alert.stepId == "safe_at_home");
    CHECK(alert.scale == 2);
    CHECK(alert.childWords.rfind("2 / 10", 0) == 0);
    CHECK(alert.childWords.find("Not safe at all") != std::string::npos);
    CHECK(w.app->editors().childMode.session == nullptr);
    // A draft in the store already, listed on the child's page until it is signed.
    const std::string alertId = w.app->editors().safetyAlert.items.front().recordId;
    REQUIRE_FALSE(alertId.empty());
    CHECK(w.store().recordById(alertId)->kind == storage::kinds::kSafetyAlert);

    // Locked before it was signed: after unlock the unsigned alert is the first screen again.
    w.app->lock();
    w.driver->frames(2);
    w.unlockDemo();
    REQUIRE((w.app->screen() == ui::ScreenId::SafetyAlert));
    REQUIRE(w.app->editors().safetyAlert.items.size() == 1);
    CHECK(w.app->editors().safetyAlert.items.front().recordId == alertId);
    CHECK(w.app->editors().safetyAlert.items.front().alert.scale == 2);
    w.tapAndType("safety.signature_name", model::kDemoPractitioner);
    w.sign("safety.signature_pad");
    w.driver->tap("safety.sign");
    CHECK((w.store().recordById(alertId)->status == storage::RecordStatus::Signed));
    // Signed: the next unlock opens on the caseload as usual.
    w.app->lock();
    w.driver->frames(2);
    w.unlockDemo();
    CHECK((w.app->screen() == ui::ScreenId::Caseload));
}
