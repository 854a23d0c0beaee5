// The activities inside the real App, in child mode from a visit: a child completes one by
// touch, the App hands back to the practitioner when they are done, the record is in the store, typed text
// reaches the activity through the App's own event path, and the tour has a stop for every activity in
// English and Welsh.
#include "app/i18n/i18n.h"
#include "storage/record_kinds.h"
#include "app/model/demo_caseload.h"
#include "app/tools/framework/model/activity_content.h"
#include "app/ui/app.h"
#include "app/ui/tour.h"
#include "platform/test_driver.h"
#include "tests/support/headless_window.h"
#include "tests/support/temp_dir.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <set>

using namespace heard;

namespace {

struct HeadlessApp {
    test::TempDir dataDir{"heard-wishes-app"};
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<ui::App> app;
    std::unique_ptr<platform::TestDriver> driver;

    HeadlessApp() {
        i18n::setCatalogueDir(HEARD_LOCALE_DIR);
        window = test::headlessWindow();
        ui::AppOptions appOptions;
        appOptions.dataDir = dataDir.path();
        appOptions.demo = true;
        appOptions.fastKeyDerivationForTests = true;
        app = std::make_unique<ui::App>(*window, appOptions);
        driver = std::make_unique<platform::TestDriver>(*window, [this] { app->runOneFrame(); });
        app->unlock(model::kDemoPassphrase);
        REQUIRE(app->unlocked());
        app->openChild("child-demo-1");
        app->startVisit();
        app->editors().visit.visit.confidentialityExplained = true;
        app->editors().visit.confirmStart(*app);
        driver->frames(2);
    }

    void openActivity(const std::string& id, const std::string& language) {
        app->enterChildMode(id);
        REQUIRE(app->editors().childMode.session);
        app->editors().childMode.session->run->setLanguage(language);
        driver->frames(2);
    }
    tools::ActivitySession& activity() { return *app->editors().childMode.session; }
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
    const tools::ActivityRun& run = *h.activity().run;
    REQUIRE(run.finished());
    CHECK(run.result().language == "cy");
    CHECK(run.result().answerFor("dreams")->words == "Byw ar fferm \xf0\x9f\x90\x84");
    CHECK(run.result().answerFor("worries")->status == tools::AnswerStatus::Skipped);
    CHECK(run.result().answerFor("good_things")->words == "Nain");
    CHECK(i18n::language() == "en"); // the practitioner's language is untouched
    h.driver->tap("activity.done");
    CHECK(h.app->editors().childMode.askingToLeave); // hand the tablet back: leaving needs the passphrase
    CHECK(h.driver->has("childmode.passphrase"));
    bool stored = false;
    for (const auto& record : h.app->store()->recordsForChild("child-demo-1"))
        if (record.kind == storage::kinds::kActivity &&
            record.parentId == h.app->editors().visit.draft.recordId)
            stored = record.payload.dump().find("Nain") != std::string::npos;
    CHECK(stored);
}

TEST_CASE("in the App: unknown content is refused and nothing starts") {
    HeadlessApp h;
    h.app->enterChildMode("no_such_activity");
    CHECK((h.app->screen() == ui::ScreenId::Visit));
    CHECK(h.app->editors().childMode.session == nullptr);
    CHECK(h.app->notice.error);
    CHECK(h.app->activityLibrary().errors.empty()); // the shipped content all loads
}

TEST_CASE("the tour has every activity in English and Welsh") {
    // Read from the catalogue, never a count: a new content file must appear in the tour too.
    std::set<std::string> stops;
    for (const ui::TourStop& stop : ui::tourStops()) {
        if (stop.name.rfind("activity-", 0) == 0) stops.insert(stop.name);
    }
    const auto library = tools::loadContentFolders(tools::contentFolders());
    REQUIRE_FALSE(library.activities.empty());
    for (const tools::ActivityContent& content : library.activities) {
        for (const char* language : {"en", "cy"})
            CHECK_MESSAGE(stops.count("activity-" + content.id + "-" + language),
                          content.id << " " << std::string(language));
    }
    CHECK(stops.size() == library.activities.size() * 2);
}
