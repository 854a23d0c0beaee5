// arch.unlock_worker: the key derivation (Argon2id at the production setting, about a second)
// runs on a worker. While it runs the unlock screen keeps drawing and says "Unlocking"; the
// result arrives on the main thread, and a wrong passphrase comes back as a plain error.
#include "app/ui/app.h"
#include "platform/test_driver.h"
#include "tests/support/headless_window.h"
#include "tests/support/temp_dir.h"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

using namespace heard;

namespace {

constexpr const char* kPassphrase = "a long enough passphrase for tests";

// Frames, 10 ms apart, while the unlock worker runs (at most 30 s); returns how many.
int framesWhileUnlocking(ui::App& app, platform::TestDriver& driver, bool& sawUnlockingText) {
    int frames = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (app.unlocking() && std::chrono::steady_clock::now() < until) {
        driver.frames(1);
        sawUnlockingText = sawUnlockingText || driver.has("unlock.unlocking");
        ++frames;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    driver.frames(2);
    return frames;
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
