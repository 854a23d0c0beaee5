// Issue 18.9: the hand-back PIN. Set by the practitioner after unlocking (only its Argon2id hash
// kept), tapped on a keypad whose digits move for every hand-back; five wrong PINs and only the
// passphrase leaves child mode. Auto-lock in child mode shows nothing of anyone's.
#include "child_harness.h"

#include "app/model/demo_caseload.h"
#include "platform/ui_tags.h"
#include "storage/hand_back_pin.h"

#include <doctest/doctest.h>

using namespace heard;

namespace {
const std::string kPin = "493817";
const std::string kWrong = "111111";
} // namespace

TEST_CASE("the PIN module: six digits only, hashed with Argon2id, never kept in the clear") {
    const auto params = storage::KdfParams::fastForTests();
    CHECK(storage::handBackPinWellFormed("012345"));
    for (const char* bad : {"", "12345", "1234567", "12a456", "12 456", "\xd9\xa1\xd9\xa2\xd9\xa3"})
        CHECK_FALSE(storage::handBackPinWellFormed(bad));
    CHECK_THROWS_AS(storage::hashHandBackPin("12345", params), storage::StoreError);
    const std::string hash = storage::hashHandBackPin(kPin, params);
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find(kPin) == std::string::npos);
    CHECK(storage::hashHandBackPin(kPin, params) != hash); // salted
    CHECK(storage::handBackPinMatches(hash, kPin));
    CHECK_FALSE(storage::handBackPinMatches(hash, kWrong));
    CHECK_FALSE(storage::handBackPinMatches("not a hash", kPin));
    CHECK_FALSE(storage::handBackPinMatches(hash, "49381"));
}

TEST_CASE("the practitioner sets a PIN; bad ones are refused with a reason and change nothing") {
    test::WorkflowApp w(0, 1280, 1600);
    w.unlockDemo();
    setPinInSettings(w, "12345", "12345");
    CHECK(w.driver->has("settings.pin.message"));
    CHECK(w.app->editors().childMode.pinFormError);
    CHECK_FALSE(storage::handBackPinState(w.store()).set);
    setPinInSettings(w, kPin, "493818");
    CHECK(w.app->editors().childMode.pinFormError);
    CHECK_FALSE(storage::handBackPinState(w.store()).set);
    setPinInSettings(w, kPin, kPin);
    CHECK_FALSE(w.app->editors().childMode.pinFormError);
    REQUIRE(storage::handBackPinState(w.store()).set);
    const std::string kept = w.store().setting(storage::kHandBackPinSetting).value_or("");
    CHECK(kept.rfind("$argon2id$", 0) == 0);
    CHECK(kept.find(kPin) == std::string::npos);
    // The form forgets the digits once they are hashed.
    CHECK(w.app->editors().childMode.newPin.empty());
    CHECK(w.app->editors().childMode.newPinRepeat.empty());
}

TEST_CASE("the PIN leaves child mode; the keypad moves between hand-backs; five wrong PINs leave only "
          "the passphrase") {
    test::WorkflowApp w(0, 1280, 1200);
    w.unlockDemo();
    setPinInSettings(w, kPin, kPin);
    REQUIRE(storage::handBackPinState(w.store()).set);
    w.app->show(ui::ScreenId::Caseload);
    w.driver->frames(2);

    test::beginChildMode(w, "child-demo-1", "three_wishes");
    test::stopAndHandBack(w);
    REQUIRE(w.driver->has("childmode.pin.digit.0"));
    CHECK_FALSE(w.driver->has("childmode.passphrase")); // no 23 characters in front of the family
    const auto first = test::keypadOrder(w);
    test::tapPin(w, kPin);
    CHECK((w.app->screen() == ui::ScreenId::Visit));

    // A second hand-back: the same ten digits, in another order.
    w.app->enterChildMode("three_wishes");
    w.driver->frames(2);
    test::stopAndHandBack(w);
    const auto second = test::keypadOrder(w);
    CHECK(first != second);
    auto sortedFirst = first, sortedSecond = second;
    std::sort(sortedFirst.begin(), sortedFirst.end());
    std::sort(sortedSecond.begin(), sortedSecond.end());
    CHECK(sortedFirst == sortedSecond);

    // Rub out takes back a digit: five digits and a rub-out check nothing.
    for (char c : kWrong.substr(0, 5))
        w.driver->tap(std::string("childmode.pin.digit.") + c);
    w.driver->tap("childmode.pin.rubout");
    CHECK(w.app->editors().childMode.pin.size() == 4);
    w.driver->tap("childmode.pin.rubout");
    w.driver->tap("childmode.pin.rubout");
    w.driver->tap("childmode.pin.rubout");
    w.driver->tap("childmode.pin.rubout");
    CHECK(w.app->editors().childMode.pin.empty());

    // Five wrong PINs: still the child's screen, and the keypad moves after each.
    for (int i = 0; i < storage::kHandBackPinMaxFailures; ++i) {
        REQUIRE(w.driver->has("childmode.pin.digit.0"));
        const auto before = test::keypadOrder(w);
        test::tapPin(w, kWrong);
        CHECK((w.app->screen() == ui::ScreenId::ChildMode));
        CHECK(w.driver->has("childmode.error"));
        if (i + 1 < storage::kHandBackPinMaxFailures) CHECK(test::keypadOrder(w) != before);
    }
    // Now the PIN no longer works, even the right one: no keypad, and trying it changes nothing.
    CHECK_FALSE(w.driver->has("childmode.pin.digit.0"));
    REQUIRE(w.driver->has("childmode.passphrase"));
    w.app->editors().childMode.leaveWithPin(*w.app, kPin);
    w.driver->frames(3);
    CHECK((w.app->screen() == ui::ScreenId::ChildMode));
    CHECK_FALSE(storage::handBackPinState(w.store()).usable());
    // The passphrase does.
    w.tapAndType("childmode.passphrase", model::kDemoPassphrase);
    w.driver->tap("childmode.leave");
    w.settleChildModeCheck();
    CHECK((w.app->screen() == ui::ScreenId::Visit));
    // ...and gives the PIN back for the next hand-back.
    CHECK(storage::handBackPinState(w.store()).usable());
}

TEST_CASE("with no PIN set, the passphrase leaves child mode as before") {
    test::WorkflowApp w(0, 1280, 1200);
    w.unlockDemo();
    test::beginChildMode(w, "child-demo-1", "three_wishes");
    test::stopAndHandBack(w);
    CHECK_FALSE(w.driver->has("childmode.pin.digit.0"));
    w.tapAndType("childmode.passphrase", model::kDemoPassphrase);
    w.driver->tap("childmode.leave");
    w.settleChildModeCheck();
    CHECK((w.app->screen() == ui::ScreenId::Visit));
}

TEST_CASE("auto-lock in child mode: the store closes and the screen shows nothing of anyone's") {
    auto ticks = std::chrono::steady_clock::now();
    ui::setUiClockForTests([&ticks] { return ticks; });
    struct RestoreClock {
        ~RestoreClock() { ui::setUiClockForTests({}); }
    } restoreClock;
    test::WorkflowApp w(/*autoLockSeconds=*/2, 1280, 1200);
    w.unlockDemo();
    test::beginChildMode(w, "child-demo-1", "three_wishes");
    w.tapAndType("words.input", "a wish typed before the tablet was left");
    ticks += std::chrono::milliseconds(2300);
    w.driver->frames(3);
    CHECK_FALSE(w.app->unlocked());
    CHECK((w.app->screen() == ui::ScreenId::Unlock));
    for (const auto& tag : platform::TagRegistry::instance().visibleTags())
        CHECK_MESSAGE((tag.rfind("unlock.", 0) == 0 || tag.rfind("notice.", 0) == 0), tag);
    CHECK(w.app->editors().childMode.session == nullptr);
    // The child's answer was kept: unlocking again finds it in the activity record.
    w.unlockDemo();
    bool found = false;
    for (const auto& record : w.store().recordsForChild("child-demo-1"))
        if (record.payload.dump().find("a wish typed before the tablet was left") != std::string::npos)
            found = true;
    CHECK(found);
}
