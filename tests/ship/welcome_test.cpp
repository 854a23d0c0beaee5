// ship.welcome (issue 21.4): the first run of Heard for real (no --demo) explains in the window,
// before anything is set up, that it is about to make a real encrypted store and how to look
// around with fictional children instead (heard --demo). In English and Welsh; dismissed with
// one tap; not shown again on that tablet; never in the demo or once a store exists. Driven
// through the app's own test driver, headless.
#include "app/i18n/i18n.h"
#include "app/ui/app.h"
#include "app/ui/tour.h"
#include "app/ui/welcome.h"
#include "platform/test_driver.h"
#include "tests/support/headless_window.h"
#include "tests/support/temp_dir.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <cstring>
#include <fstream>
#include <memory>

using namespace heard;

namespace {

struct FirstRun {
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<ui::App> app;
    std::unique_ptr<platform::TestDriver> driver;

    FirstRun(const std::string& dataDir, bool demo = false) : window(test::headlessWindow(1280, 800)) {
        ui::AppOptions options;
        options.dataDir = dataDir;
        options.demo = demo;
        options.offerWelcome = true; // as heard does when started without --demo or --tour
        options.fastKeyDerivationForTests = true;
        app = std::make_unique<ui::App>(*window, options);
        driver = std::make_unique<platform::TestDriver>(*window, [this] { app->runOneFrame(); });
        driver->frames(2);
    }
};

unsigned modeOf(const std::string& path) {
    struct stat info {};
    REQUIRE_MESSAGE(::stat(path.c_str(), &info) == 0, path);
    return info.st_mode & 0777;
}

} // namespace

TEST_CASE("first run for real: the window explains demo and real store, once, then sets up the store") {
    test::TempDir dir{"heard-welcome"};
    const std::string data = dir.file("heard");
    {
        FirstRun run(data);
        CHECK((run.app->screen() == ui::ScreenId::Welcome));
        CHECK(run.driver->has("welcome.title"));
        CHECK(run.driver->has("welcome.demo")); // how to look around with fictional children
        CHECK_FALSE(run.driver->has("unlock.name"));
        CHECK_FALSE(run.app->storeExists()); // nothing is set up behind the note
        CHECK(run.driver->rect("welcome.continue").height() >= 48.0f);

        run.driver->tap("welcome.continue");
        run.driver->frames(2);
        CHECK((run.app->screen() == ui::ScreenId::Unlock));
        CHECK(run.driver->has("unlock.name")); // the store's set-up form, as before
        CHECK(run.app->notice.text.empty());
        REQUIRE(ui::welcomeDismissed(data));
        CHECK(modeOf(ui::welcomeMarkerPath(data)) == 0600);
        CHECK(modeOf(data) == 0700);
        CHECK_FALSE(run.app->storeExists()); // dismissing sets nothing up by itself
    }
    {
        FirstRun again(data); // not shown again on this tablet
        CHECK((again.app->screen() == ui::ScreenId::Unlock));
        CHECK_FALSE(again.driver->has("welcome.title"));
    }
}

TEST_CASE("never in the demo, never once a store exists, never unless heard asks for it") {
    test::TempDir dir{"heard-welcome"};
    {
        FirstRun demo(dir.file("demo"), true);
        CHECK((demo.app->screen() == ui::ScreenId::Unlock));
        CHECK(demo.driver->has("unlock.fill_demo"));
    }
    {
        FirstRun made(dir.file("real"));
        REQUIRE((made.app->screen() == ui::ScreenId::Welcome));
        made.app->createStore("Sam Invented", "Family Court Adviser", "a long enough passphrase 1");
        REQUIRE(made.app->unlocked());
        made.app->lock();
    }
    CHECK_FALSE(ui::welcomeDismissed(dir.file("real"))); // the store was made without the tap
    {
        FirstRun existing(dir.file("real"));
        CHECK((existing.app->screen() == ui::ScreenId::Unlock));
    }

    // Tests and tools that build an App without offerWelcome see the set-up form directly.
    auto window = test::headlessWindow(1280, 800);
    ui::AppOptions plain;
    plain.dataDir = dir.file("plain");
    ui::App app(*window, plain);
    CHECK((app.screen() == ui::ScreenId::Unlock));
}

TEST_CASE("a dismissal that cannot be remembered still lets the practitioner set up, and says so") {
    test::TempDir dir{"heard-welcome"};
    const std::string blocker = dir.file("not-a-folder");
    { std::ofstream(blocker) << "a file where the data folder should be\n"; }
    FirstRun run(blocker + "/heard");
    REQUIRE((run.app->screen() == ui::ScreenId::Welcome));
    run.driver->tap("welcome.continue");
    run.driver->frames(2);
    CHECK((run.app->screen() == ui::ScreenId::Unlock));
    CHECK(run.app->notice.error);
    CHECK_FALSE(run.app->notice.text.empty());
    CHECK_FALSE(ui::welcomeDismissed(blocker + "/heard")); // shown again next time
}

TEST_CASE("the welcome is in Welsh too, and in the tour in both languages") {
    const char* msgids[] = {"Welcome to Heard", "Just looking around?", "Setting up for real work?",
                            "Set up my store for real work", "This note is not shown again on this tablet."};
    for (const char* msgid : msgids) {
        INFO(msgid);
        CHECK(std::strcmp(i18n::trIn("cy", msgid), msgid) != 0);
    }
    bool en = false, cy = false;
    for (const auto& stop : ui::tourStops()) {
        en = en || stop.name == "welcome-en";
        cy = cy || stop.name == "welcome-cy";
    }
    CHECK(en);
    CHECK(cy);

    // The tour's stop shows the welcome even though the tour runs on its demo store.
    test::TempDir dir{"heard-welcome"};
    FirstRun tour(dir.file("tour"), true);
    for (const auto& stop : ui::tourStops())
        if (stop.name == "welcome-cy") stop.prepare(*tour.app);
    tour.driver->frames(3);
    CHECK((tour.app->screen() == ui::ScreenId::Welcome));
    CHECK(tour.driver->has("welcome.continue"));
    CHECK(i18n::language() == "cy");
    i18n::setLanguage("en");
}
