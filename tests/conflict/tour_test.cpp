// The analysis in the screenshot tour, in English and Welsh, being written and signed: each stop
// opens the real screen on the demo store, and its pictures are written for people to look at:
// <build>/tests/conflict/tour/<stop>-<size>.png.
#include "../workflow/workflow_harness.h"

#include "app/i18n/i18n.h"
#include "app/tools/parental_conflict/model/conflict_analysis.h"
#include "app/ui/tour.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace fs = std::filesystem;
using namespace heard;

namespace {

std::string fileBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const ui::TourStop* findStop(const std::vector<ui::TourStop>& stops, const std::string& name) {
    for (const ui::TourStop& stop : stops)
        if (stop.name == name) return &stop;
    return nullptr;
}

} // namespace

TEST_CASE("tour: the analysis being written and signed, in English and Welsh, landscape and portrait") {
    const fs::path dir = fs::path(HEARD_TEST_BINARY_DIR) / "tour";
    fs::create_directories(dir);
    test::WorkflowApp w(0, 1280, 800);
    const std::vector<ui::TourStop> stops = ui::tourStops();
    for (auto [sizeName, width, height] :
         {std::tuple{"landscape", 1280, 800}, std::tuple{"portrait", 800, 1280}}) {
        w.window->setSize(width, height);
        for (const char* name : {"conflict-analysis-en", "conflict-analysis-cy",
                                 "conflict-analysis-signed-cy", "conflict-analysis-signed-en"}) {
            CAPTURE(name);
            const char* shape = sizeName; // CAPTURE's lambda cannot take a structured binding (clang, C++17)
            CAPTURE(shape);
            const ui::TourStop* stop = findStop(stops, name);
            REQUIRE(stop);
            stop->prepare(*w.app);
            w.driver->frames(3);
            REQUIRE((w.app->screen() == ui::ScreenId::ConflictAnalysis));
            const std::string stopName = name;
            CHECK(i18n::language() == stopName.substr(stopName.size() - 2));
            const tools::ConflictAnalysisScreen& screen = w.app->editors().conflict.screen;
            CHECK_FALSE(screen.activityRecordId.empty());
            if (stopName.find("signed") == std::string::npos) {
                // Being written: the child's answers to cite, a chosen one ready, skipped ones absent.
                CHECK_FALSE(screen.isSigned);
                CHECK(w.driver->has("conflict.answer.how_often"));
                CHECK(w.driver->has("conflict.cite.exposure"));
                CHECK_FALSE(w.driver->has("conflict.answer.how_big"));
                CHECK(w.driver->has("conflict.uncite.exposure.see_hear"));
            } else {
                // Signed: read-only, with its addendum and the way to add another.
                CHECK(screen.isSigned);
                CHECK(w.driver->has("conflict.signed"));
                CHECK(w.driver->has("record.addendum"));
                CHECK(w.driver->has("conflict.add_addendum"));
                CHECK_FALSE(w.driver->has("conflict.text.conclusion"));
            }
            const fs::path path = dir / (stopName + "-" + sizeName + ".png");
            fs::remove(path);
            w.window->queueScreenshot(path.string());
            w.driver->frames(1);
            REQUIRE(w.window->lastScreenshotOk());
            CHECK(fs::file_size(path) > 20000);
        }
        // The same screen in the other language is a different picture.
        CHECK(fileBytes(dir / (std::string("conflict-analysis-en-") + sizeName + ".png")) !=
              fileBytes(dir / (std::string("conflict-analysis-cy-") + sizeName + ".png")));
        CHECK(fileBytes(dir / (std::string("conflict-analysis-signed-en-") + sizeName + ".png")) !=
              fileBytes(dir / (std::string("conflict-analysis-signed-cy-") + sizeName + ".png")));
    }
    i18n::setLanguage("en");
}
