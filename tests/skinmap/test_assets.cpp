// The outline PNGs in assets/body/ must be what the region polygons draw today: rendered
// afresh here and compared pixel by pixel (a small tolerance absorbs anti-aliasing noise).
// After changing a polygon, rebuild them: cmake --build <dir> --target body-outline-pngs
#include "app/tools/skin_map/report/skin_map_render.h"
#include "tests/skinmap/png_reader.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

using namespace heard::skinmap;
using heard::skinmap::testing::PngImage;

TEST_CASE("every committed outline PNG matches the polygons") {
    const std::string assets = std::string(HEARD_SOURCE_DIR) + "/assets/body/";
    const std::string fresh = std::string(HEARD_TEST_BINARY_DIR) + "/skinmap_assets/";
    std::filesystem::create_directories(fresh);
    int compared = 0;
    for (BodyShape shape : allBodyShapes()) {
        for (ViewId view : allViews()) {
            const std::string name = outlinePngName(shape, view);
            CAPTURE(name);
            const PngImage committed(assets + name);
            REQUIRE_MESSAGE(committed.ok(), "missing: build the target body-outline-pngs");
            std::string error;
            REQUIRE(renderOutlinePng(shape, view, committed.width(), fresh + name, error));
            const PngImage now(fresh + name);
            REQUIRE(now.ok());
            REQUIRE(now.width() == committed.width());
            REQUIRE(now.height() == committed.height());
            long differing = 0;
            for (int y = 0; y < now.height(); ++y)
                for (int x = 0; x < now.width(); ++x) {
                    const auto a = now.at(x, y), b = committed.at(x, y);
                    if (std::abs(a.a - b.a) > 24 || std::abs(a.r - b.r) > 24) ++differing;
                }
            CHECK(double(differing) / double(now.width() * now.height()) < 0.002);
            ++compared;
        }
    }
    CHECK(compared == int(allBodyShapes().size() * allViews().size())); // 5 shapes x 14 views
}
