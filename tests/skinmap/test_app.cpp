// The skin map inside the real App: navigation, the notice, a tap that marks, closing back
// to the visit; and the screenshot tour's skin map stops in both orientations.
#include "app/tools/skin_map/model/skin_map_demo.h"
#include "storage/record_kinds.h"
#include "app/model/demo_caseload.h"
#include "app/tools/skin_map/view/skin_map_controller.h"
#include "app/ui/app.h"
#include "app/ui/tour.h"
#include "platform/test_driver.h"
#include "tests/support/headless_window.h"
#include "tests/support/temp_dir.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace heard;

using test::headlessWindow;

namespace {

// A fresh data folder for each App, all inside one folder that is removed when the tests end.
ui::AppOptions demoOptions() {
    static test::TempDir s_folder("heard-skinmap-app");
    static int s_apps = 0;
    ui::AppOptions options;
    options.dataDir = s_folder.file(std::to_string(++s_apps));
    options.demo = true;
    options.fastKeyDerivationForTests = true;
    return options;
}

} // namespace

TEST_CASE(
    "the App opens a skin map from a visit: notice first, a tap marks, close goes back, the store has it") {
    auto window = headlessWindow();
    ui::App app(*window, demoOptions());
    window->setSize(1280, 4200); // the whole visit form on screen, no scrolling needed
    platform::TestDriver driver(*window, [&app] { app.runOneFrame(); });
    app.unlock(model::kDemoPassphrase);
    REQUIRE(app.unlocked());
    app.openChild("child-demo-1");
    app.startVisit();
    app.editors().visit.visit.confidentialityExplained = true;
    app.editors().visit.confirmStart(app);
    driver.frames(2);
    driver.tap("visit.skin_map");
    REQUIRE((app.screen() == ui::ScreenId::SkinMap));
    REQUIRE(app.editors().skinMap.controller());
    CHECK(driver.has("skinmap.notice"));
    CHECK_FALSE(driver.has("skinmap.canvas"));
    driver.tap("skinmap.notice.ok");
    REQUIRE(driver.has("skinmap.canvas"));

    float x, y;
    skinmap::screenPointFor(app.editors().skinMap.controller()->state(), {0.575, 0.295}, x, y);
    driver.tapAt(x, y);
    REQUIRE(app.editors().skinMap.controller()->state().map.marks.size() == 1);
    CHECK(app.editors().skinMap.controller()->state().map.marks[0].regionName == "left chest");
    CHECK(driver.has("skinmap.list.1"));
    const std::string skinMapId = app.editors().skinMap.controller()->recordId();

    driver.tap("skinmap.close");
    CHECK((app.screen() == ui::ScreenId::Visit));
    auto record = app.store()->recordById(skinMapId);
    REQUIRE(record);
    CHECK(record->kind == storage::kinds::kSkinMap);
    CHECK(record->parentId == app.editors().visit.draft.recordId);
    CHECK(record->payload.dump().find("left chest") != std::string::npos);

    // Opening it again from the child's page shows the notice again.
    app.openRecord(skinMapId);
    driver.frames(2);
    CHECK((app.screen() == ui::ScreenId::SkinMap));
    CHECK(driver.has("skinmap.notice"));
}

TEST_CASE("the tour renders the skin map stops in landscape and portrait") {
    auto window = headlessWindow();
    ui::App app(*window, demoOptions());
    const std::string dir = std::string(HEARD_TEST_BINARY_DIR) + "/skinmap_app_tour";
    std::filesystem::remove_all(dir);
    std::string error;
    std::vector<std::string> written;
    REQUIRE_MESSAGE(ui::runTour(app, dir, error, &written), error);
    int skinMapShots = 0;
    for (const std::string& path : written) {
        if (path.find("skin-map") == std::string::npos) continue;
        ++skinMapShots;
        CHECK(std::filesystem::file_size(path) > 10000); // a real picture, not an empty file
    }
    CHECK(skinMapShots == 22); // 11 stops (3 of the demo map, 8 of the body sets), each way round
}
