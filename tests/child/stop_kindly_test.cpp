// Issue 18.4 and 18.8: Stop asks once, sits far from every other button, and always ends on the
// gentle screen that reads back what the child said; a Welsh child's session stays Welsh to the
// end; in portrait no title runs under a button (all measured from tag rectangles).
#include "child_harness.h"

#include "app/i18n/i18n.h"
#include "app/tools/framework/view/activity_views.h"
#include "storage/hand_back_pin.h"

#include <doctest/doctest.h>
#include <tuple>

using namespace heard;

namespace {

void checkStopClearance(test::WorkflowApp& w, const char* where) {
    REQUIRE(w.driver->has("activity.stop"));
    for (const std::string& other : test::childButtons()) {
        if (other == "activity.stop") continue;
        CHECK_MESSAGE(test::gapBetween("activity.stop", other, w) >= tools::kStopClearanceDp,
                      where << ": Stop is " << test::gapBetween("activity.stop", other, w) << " px from "
                            << other);
    }
}

void checkTitleClear(test::WorkflowApp& w, const char* where) {
    REQUIRE(w.driver->has("activity.title"));
    for (const std::string& other : test::childButtons())
        CHECK_MESSAGE(test::gapBetween("activity.title", other, w) > 0.0f,
                      where << ": the title overlaps " << other);
}

} // namespace

TEST_CASE(
    "Stop asks once; Keep going changes nothing; Yes ends on the read-back screen, then the hand-back") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    test::beginChildMode(w, "child-demo-1", "two_homes");
    w.tapAndType("words.input", "Mum and my cat Biscuit");
    w.driver->tap("activity.next");
    const auto* run = w.app->editors().childMode.session->run.get();
    REQUIRE(run->position() == 1);

    w.driver->tap("activity.stop");
    CHECK(w.driver->has("activity.stop.question"));
    CHECK_FALSE(w.driver->has("activity.stop")); // asked once: no second Stop on the question
    CHECK_FALSE(run->finished());
    w.driver->tap("activity.stop.keep_going");
    CHECK(w.driver->has("activity.prompt"));
    CHECK_FALSE(run->finished());
    CHECK(run->position() == 1);

    w.driver->tap("activity.stop");
    w.driver->tap("activity.stop.yes");
    CHECK(run->finished());
    CHECK(run->result().stopped);
    CHECK((w.app->screen() == ui::ScreenId::ChildMode));
    CHECK_FALSE(w.app->editors().childMode.askingToLeave); // not straight to the hand-back
    CHECK(w.driver->has("activity.end"));
    CHECK(w.driver->has("activity.read_back"));
    w.driver->tap("activity.done");
    CHECK(w.app->editors().childMode.askingToLeave);
    CHECK(w.driver->has("childmode.thanks"));
}

TEST_CASE("Stop sits at least 48 dp from every other button, landscape and portrait, English and Welsh") {
    for (auto screen : {std::tuple{1280, 800, "child-demo-1"}, std::tuple{800, 1280, "child-demo-1"},
                        std::tuple{800, 1280, "child-demo-3"}, std::tuple{1280, 800, "child-demo-3"}}) {
        // Plain locals, not a structured binding: CAPTURE is a lambda, and clang refuses a
        // captured binding in C++17.
        const int width = std::get<0>(screen);
        const int height = std::get<1>(screen);
        const char* child = std::get<2>(screen);
        CAPTURE(width);
        CAPTURE(child);
        test::WorkflowApp w(0, width, height);
        w.unlockDemo();
        test::beginChildMode(w, child, "two_homes");
        checkStopClearance(w, "words step");
        checkTitleClear(w, "words step");
        w.tapAndType("words.input", "x");
        w.driver->tap("activity.next"); // a face step
        checkStopClearance(w, "face step");
        checkTitleClear(w, "face step");
        w.driver->tap("activity.skip"); // a choice step, with a speaker under each choice
        REQUIRE(w.driver->has("choice.yes"));
        checkStopClearance(w, "choice step");
        checkTitleClear(w, "choice step");
    }
}

TEST_CASE("portrait: no activity title runs under a button, in any activity") {
    test::WorkflowApp w(0, 800, 1280);
    w.unlockDemo();
    test::beginChildMode(w, "child-demo-3", "two_homes"); // Welsh: the longer words
    for (const char* id : {"three_wishes", "feelings_faces", "my_world", "two_homes", "three_houses",
                           "parental_conflict", "drawing"}) {
        CAPTURE(id);
        w.app->editors().childMode.enter(*w.app, id);
        w.driver->frames(2);
        if (!w.driver->has("activity.title")) continue; // not for this child's age
        checkTitleClear(w, id);
        checkStopClearance(w, id);
    }
}

TEST_CASE("a Welsh child's session is Welsh to the end: the stop question, the end and the hand-back") {
    test::WorkflowApp w(0, 1280, 1000);
    w.unlockDemo();
    w.app->show(ui::ScreenId::Settings);
    w.driver->frames(2);
    test::setPinInSettings(w, "246802", "246802");
    w.app->show(ui::ScreenId::Caseload);
    w.driver->frames(2);
    test::beginChildMode(w, "child-demo-3", "two_homes");
    REQUIRE(w.app->editors().childMode.session->run->language() == "cy");
    CHECK(i18n::language() == "en"); // the practitioner's app stays English
    w.driver->tap("activity.stop");
    CHECK(w.app->editors().childMode.lastDrawnLanguage == "cy");
    w.driver->tap("activity.stop.yes");
    CHECK(w.driver->has("activity.end"));
    CHECK(w.app->editors().childMode.lastDrawnLanguage == "cy");
    w.driver->tap("activity.done");
    REQUIRE(w.driver->has("childmode.pin.digit.0"));
    CHECK(w.app->editors().childMode.lastDrawnLanguage == "cy");
    // A wrong PIN's message is Welsh too.
    test::tapPin(w, "999999");
    {
        i18n::ScopedLanguage welsh("cy");
        CHECK(w.app->editors().childMode.error == i18n::tr("That PIN is not right. Please try again."));
    }
    CHECK(w.app->editors().childMode.error != "That PIN is not right. Please try again.");
    CHECK(i18n::language() == "en");
}
