// The activities inside the real App (ScreenId::Activity): a child completes one by touch, the
// App goes back to the visit when they are done, typed text reaches the activity through the
// App's own event path, and the tour has a stop for every activity in English and Welsh.
#include "app/i18n/i18n.h"
#include "app/ui/app.h"
#include "app/ui/theme.h"
#include "app/ui/tour.h"
#include "platform/test_driver.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

using namespace heard;

namespace {

struct HeadlessApp {
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<ui::App> app;
    std::unique_ptr<platform::TestDriver> driver;

    HeadlessApp() {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        i18n::setCatalogueDir(HEARD_LOCALE_DIR);
        platform::WindowOptions options;
        options.scale = 1.0f;
        options.styleBuilder = ui::buildStyle;
        std::string error;
        window = platform::Window::create(options, error);
        REQUIRE_MESSAGE(window, error);
        ui::AppOptions appOptions;
        appOptions.dataDir = (std::filesystem::path(HEARD_TEST_BINARY_DIR) / "app-data").string();
        app = std::make_unique<ui::App>(*window, appOptions);
        driver = std::make_unique<platform::TestDriver>(*window, [this] { app->runOneFrame(); });
        driver->frames(2);
    }

    void openActivity(const std::string& id, const std::string& language) {
        REQUIRE(app->activity().start(id, language));
        ui::Navigation nav = app->navigation();
        nav.screen = ui::ScreenId::Visit;
        app->navigate(nav);
        nav.screen = ui::ScreenId::Activity;
        app->navigate(nav);
        driver->frames(2);
    }
};

} // namespace

TEST_CASE("in the App: three houses by touch, in Welsh, with a skip; done returns to the visit") {
    HeadlessApp h;
    h.openActivity("three_houses", "cy");
    h.driver->tap("activity.start.dreams");
    h.driver->tap("words.input");
    h.driver->typeText("Byw ar fferm \xf0\x9f\x90\x84"); // an emoji, through the App's event path
    h.driver->tap("activity.next");
    h.driver->tap("activity.skip");
    h.driver->tap("words.input");
    h.driver->typeText("Nain");
    h.driver->tap("activity.next");
    const tools::ActivityRun& run = *h.app->activity().run;
    REQUIRE(run.finished());
    CHECK(run.result().language == "cy");
    CHECK(run.result().answerFor("dreams")->words == "Byw ar fferm \xf0\x9f\x90\x84");
    CHECK(run.result().answerFor("worries")->status == tools::AnswerStatus::Skipped);
    CHECK(run.result().answerFor("good_things")->words == "Nain");
    CHECK(i18n::language() == "en"); // the practitioner's language is untouched
    h.driver->tap("activity.done");
    CHECK(h.app->navigation().screen == ui::ScreenId::Visit);
}

TEST_CASE("in the App: unknown content is refused and nothing starts") {
    HeadlessApp h;
    CHECK_FALSE(h.app->activity().start("no_such_activity", "en"));
    CHECK(h.app->activity().run == nullptr);
    CHECK(h.app->activity().library.errors.empty()); // the shipped content all loads
}

TEST_CASE("the tour has every activity in English and Welsh") {
    int found = 0;
    for (const ui::TourStop& stop : ui::tourStops()) {
        if (stop.name.rfind("activity-", 0) == 0) ++found;
    }
    CHECK(found == 16);
}
