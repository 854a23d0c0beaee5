// arch.unlock_worker: the key derivation (Argon2id at the production setting, about a second)
// runs on a worker. While it runs the unlock screen keeps drawing and says "Unlocking"; the
// result arrives on the main thread, and a wrong passphrase comes back as a plain error.
#include "app/ui/app.h"
#include "platform/test_driver.h"
#include "tests/support/headless_window.h"
#include "tests/support/temp_dir.h"

#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <thread>

using namespace heard;

namespace {

constexpr const char* kPassphrase = "a long enough passphrase for tests";

// Frames, 10 ms apart, while `busy()` (at most 30 s); notes whether `tagName` was drawn, runs
// `eachFrame` after each frame, and returns how many frames were drawn.
int framesWhile(platform::TestDriver& driver, const std::function<bool()>& busy, const char* tagName,
                bool& sawTag, const std::function<void()>& eachFrame = {}) {
    int frames = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (busy() && std::chrono::steady_clock::now() < until) {
        driver.frames(1);
        sawTag = sawTag || driver.has(tagName);
        if (eachFrame) eachFrame();
        ++frames;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    driver.frames(2);
    return frames;
}

int framesWhileUnlocking(ui::App& app, platform::TestDriver& driver, bool& sawUnlockingText) {
    return framesWhile(
        driver, [&app] { return app.unlocking(); }, "unlock.unlocking", sawUnlockingText);
}

} // namespace

TEST_CASE("unlocking derives the key on a worker while the screen keeps drawing") {
    test::TempDir dir("heard-arch-unlock");
    auto window = test::headlessWindow();
    ui::AppOptions options;
    options.dataDir = dir.path() + "/data";
    options.watchNetwork = false; // production key derivation: fastKeyDerivationForTests stays off
    ui::App app(*window, options);
    platform::TestDriver driver(*window, [&app] { app.runOneFrame(); });
    app.createStore("Sam Example", "Family Court Adviser", kPassphrase);
    app.lock();
    driver.frames(2);

    // A wrong passphrase: drawn through, then a plain error.
    driver.tap("unlock.passphrase");
    driver.typeText("not the passphrase at all");
    driver.tap("unlock.ok");
    bool sawUnlocking = false;
    framesWhileUnlocking(app, driver, sawUnlocking);
    CHECK_FALSE(app.unlocked());
    CHECK(driver.has("unlock.error"));

    driver.tap("unlock.passphrase");
    driver.typeText(kPassphrase);
    const uint64_t presentedBefore = window->framesPresented();
    driver.tap("unlock.ok");
    sawUnlocking = false;
    const int frames = framesWhileUnlocking(app, driver, sawUnlocking);
    CHECK(frames >= 3); // the derivation took several frames, and they were drawn
    CHECK(window->framesPresented() > presentedBefore + 3);
    CHECK(sawUnlocking);
    REQUIRE(app.unlocked());
    CHECK((app.screen() == ui::ScreenId::Caseload));
}

namespace {

// Opens the demo child's visit and hands the tablet to the child with one activity, stopped
// so the hand-back screen shows.
void handToChildAndStop(ui::App& app, platform::TestDriver& driver) {
    driver.tap("caseload.child.child-demo-1");
    driver.tap("child.start_visit");
    driver.tap("visit.confidentiality");
    driver.tap("visit.begin");
    app.enterChildMode("three_wishes");
    driver.frames(2);
    REQUIRE((app.screen() == ui::ScreenId::ChildMode));
    // Issue 18.4: Stop asks once, then the gentle end screen; its "All done" hands back.
    for (const char* step : {"activity.stop", "activity.stop.yes", "activity.done"})
        if (!app.editors().childMode.askingToLeave && driver.has(step)) driver.tap(step);
    REQUIRE(driver.has("childmode.passphrase"));
}

// Frames while the child-mode passphrase check runs: the child's screen until the answer.
int framesWhileChecking(ui::App& app, platform::TestDriver& driver, bool& sawCheckingText) {
    return framesWhile(
        driver, [&app] { return app.editors().childMode.checking(); }, "childmode.checking", sawCheckingText,
        [&app] {
            if (app.editors().childMode.checking()) CHECK((app.screen() == ui::ScreenId::ChildMode));
        });
}

} // namespace

TEST_CASE("leaving child mode checks the passphrase on a worker while the screen keeps drawing") {
    test::TempDir dir("heard-arch-leave");
    auto window = test::headlessWindow();
    ui::AppOptions options;
    options.dataDir = dir.path() + "/data";
    options.demo = true;
    options.watchNetwork = false; // production key derivation: fastKeyDerivationForTests stays off
    ui::App app(*window, options);
    platform::TestDriver driver(*window, [&app] { app.runOneFrame(); });
    app.createStore("Sam Example", "Family Court Adviser", kPassphrase);
    REQUIRE(app.unlocked());
    driver.frames(2);
    handToChildAndStop(app, driver);

    // A wrong passphrase: the child's screen keeps drawing, then a plain error.
    driver.tap("childmode.passphrase");
    driver.typeText("not the passphrase at all");
    driver.tap("childmode.leave");
    bool sawChecking = false;
    framesWhileChecking(app, driver, sawChecking);
    CHECK((app.screen() == ui::ScreenId::ChildMode));
    CHECK_FALSE(app.editors().childMode.error.empty());

    // One wrong guess brings no delay yet (that is hardening.store_*): the right one is checked now.
    driver.tap("childmode.passphrase");
    driver.typeText(kPassphrase);
    const uint64_t presentedBefore = window->framesPresented();
    driver.tap("childmode.leave");
    sawChecking = false;
    const int frames = framesWhileChecking(app, driver, sawChecking);
    CHECK(frames >= 3); // Argon2id took several frames, and they were drawn
    CHECK(window->framesPresented() > presentedBefore + 3);
    CHECK(sawChecking);
    CHECK((app.screen() == ui::ScreenId::Visit));
}

TEST_CASE("a lock while the child-mode check runs wins: the late answer changes nothing") {
    test::TempDir dir("heard-arch-leave-lock");
    auto window = test::headlessWindow();
    ui::AppOptions options;
    options.dataDir = dir.path() + "/data";
    options.demo = true;
    options.watchNetwork = false;
    ui::App app(*window, options);
    platform::TestDriver driver(*window, [&app] { app.runOneFrame(); });
    app.createStore("Sam Example", "Family Court Adviser", kPassphrase);
    REQUIRE(app.unlocked());
    driver.frames(2);
    handToChildAndStop(app, driver);

    driver.tap("childmode.passphrase");
    driver.typeText(kPassphrase);
    driver.tap("childmode.leave");
    REQUIRE(app.editors().childMode.checking());
    app.lock(); // how fast lock returns is arch.lock_trickle's business
    CHECK_FALSE(app.unlocked());
    CHECK_FALSE(app.editors().childMode.checking());
    // The check finishes on its worker; its answer arrives and must not reopen anything.
    app.session().waitForVerify();
    driver.frames(3);
    CHECK_FALSE(app.unlocked());
    CHECK((app.screen() == ui::ScreenId::Unlock));
}
