// The skin map inside the real App: navigation, the notice, a tap that marks, closing back
// to the visit; and the screenshot tour's skin map stops in both orientations.
#include "app/tools/skin_map/model/skin_map_demo.h"
#include "app/ui/app.h"
#include "app/ui/theme.h"
#include "app/ui/tour.h"
#include "platform/test_driver.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace heard;

namespace {

std::unique_ptr<platform::Window> headlessWindow() {
    platform::WindowOptions options;
    options.softwareRenderer = true;
    options.scale = 1.0f;
    options.styleBuilder = ui::buildStyle;
    std::string error;
    auto window = platform::Window::create(options, error);
    REQUIRE_MESSAGE(window, error);
    return window;
}

} // namespace

TEST_CASE("the App shows the skin map: notice first, a tap marks, close goes back to the visit") {
    auto window = headlessWindow();
    ui::App app(*window, ui::AppOptions{});
    platform::TestDriver driver(*window, [&app] { app.runOneFrame(); });

    skinmap::SkinMap empty;
    empty.header.childName = "Alex Demo";
    skinmap::openSkinMapView(app.skinMap(), empty, false);
    app.navigate({ui::ScreenId::SkinMap, "demo-child-1", ""});
    driver.frames(2);
    CHECK(driver.has("skinmap.notice"));
    CHECK_FALSE(driver.has("skinmap.canvas"));
    driver.tap("skinmap.notice.ok");
    REQUIRE(driver.has("skinmap.canvas"));

    float x, y;
    skinmap::screenPointFor(app.skinMap(), {0.575, 0.295}, x, y);
    driver.tapAt(x, y);
    REQUIRE(app.skinMap().map.marks.size() == 1);
    CHECK(app.skinMap().map.marks[0].regionName == "left chest");
    CHECK(driver.has("skinmap.list.1"));

    driver.tap("skinmap.close");
    CHECK((app.navigation().screen == ui::ScreenId::Visit));

    // Opening again shows the notice again.
    skinmap::openSkinMapView(app.skinMap(), app.skinMap().map, false);
    app.navigate({ui::ScreenId::SkinMap, "demo-child-1", ""});
    driver.frames(2);
    CHECK(driver.has("skinmap.notice"));
}

TEST_CASE("the tour renders the skin map stops in landscape and portrait") {
    auto window = headlessWindow();
    ui::App app(*window, ui::AppOptions{});
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
    CHECK(skinMapShots == 6);
}
