// Rendering: outlines and whole skin maps at different sizes, checked by reading pixels back.
#include "app/tools/skin_map/report/skin_map_render.h"
#include "tests/skinmap/png_reader.h"
#include "tests/skinmap/sample_maps.h"

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>

using namespace heard::skinmap;
using heard::skinmap::testing::near;
using heard::skinmap::testing::PngImage;

namespace {

std::string outPath(const std::string& name) {
    const std::string dir = std::string(HEARD_TEST_BINARY_DIR) + "/skinmap_render";
    std::filesystem::create_directories(dir);
    return dir + "/" + name;
}

double opaqueFraction(const PngImage& image) {
    long opaque = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            opaque += image.at(x, y).a > 128 ? 1 : 0;
    return double(opaque) / double(image.width() * image.height());
}

// The share of a mark's disc (its inscribed square) that has the mark's colour: high
// where a disc was drawn, whatever the number in its middle.
double discShare(const PngImage& image, const SkinMapLayout& layout, const Mark& mark) {
    const SkinMapLayout::Panel* panel = layout.panel(mark.view);
    REQUIRE(panel != nullptr);
    double x, y;
    toFrame(panel->frame, mark.position, x, y);
    const bool body = mark.view == ViewId::BodyFront || mark.view == ViewId::BodyBack;
    const double r = markRadius(panel->frame.width * (body ? 1.0 : 0.6)) * 0.7;
    int coloured = 0, total = 0;
    for (int py = int(y - r); py <= int(y + r); ++py)
        for (int px = int(x - r); px <= int(x + r); ++px, ++total)
            coloured += near(image.at(px, py), OutlineColours::mark, 12) ? 1 : 0;
    return double(coloured) / double(total);
}

} // namespace

TEST_CASE("an outline renders at any size and looks the same") {
    std::string error;
    const std::string small = outPath("front_200.png"), large = outPath("front_1000.png");
    REQUIRE(renderOutlinePng(BodyShape::YoungChild, ViewId::BodyFront, 200, small, error));
    REQUIRE(renderOutlinePng(BodyShape::YoungChild, ViewId::BodyFront, 1000, large, error));
    const PngImage a(small), b(large);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a.width() == 200);
    CHECK(a.height() == 440);
    CHECK(b.width() == 1000);
    CHECK(b.height() == 2200);
    // Inside the left chest: the fill colour; the corner: transparent.
    CHECK(near(b.at(575, int(0.295 * 2200)), OutlineColours::fill));
    CHECK(b.at(3, 3).a == 0);
    // The same share of the picture is body at both sizes.
    CHECK(opaqueFraction(a) == doctest::Approx(opaqueFraction(b)).epsilon(0.04));
    CHECK(opaqueFraction(b) > 0.15);
    // The outline stroke is there: a dark pixel on the way out of the body at the waist.
    bool dark = false;
    for (int x = 500; x < 1000; ++x) {
        const auto p = b.at(x, int(0.4 * 2200));
        dark = dark || (p.a > 200 && p.r < 120);
    }
    CHECK(dark);
}

TEST_CASE("a skin map renders its outlines, numbered marks, legend and prompts") {
    SkinMap map = testing::completeMap();
    for (int width : {450, 1200}) {
        CAPTURE(width);
        const SkinMapLayout layout = layoutSkinMap(map, width);
        CHECK(layout.width == width);
        // Body front and back, plus the palm that has a mark; no empty detail views.
        REQUIRE(layout.panels.size() == 3);
        CHECK(layout.panel(ViewId::LeftPalm) != nullptr);
        CHECK(layout.panel(ViewId::HeadFront) == nullptr);
        std::string legend;
        for (const std::string& line : layout.legendLines)
            legend += line + "\n";
        CHECK(legend.find("right forearm, outer") != std::string::npos);
        CHECK(legend.find("right upper back") != std::string::npos);
        CHECK(legend.find("left palm") != std::string::npos);
        CHECK(legend.find("\"I fell off the \"big\" slide\"") != std::string::npos);
        CHECK(layout.concernLines.empty());

        const std::string path = outPath("map_" + std::to_string(width) + ".png");
        std::string error;
        REQUIRE(renderSkinMapPng(map, width, path, error));
        const PngImage image(path);
        REQUIRE(image.ok());
        CHECK(image.width() == width);
        CHECK(image.height() == layout.height);
        for (const Mark& m : map.marks) {
            CAPTURE(m.number);
            CHECK(discShare(image, layout, m) > 0.4);
        }
        // Text in the legend: some dark pixels in its first lines.
        int darkPixels = 0;
        for (int y = int(layout.legend.y); y < int(layout.legend.y + layout.legend.height); ++y)
            for (int x = int(layout.legend.x); x < int(layout.legend.x + layout.legend.width); ++x)
                darkPixels += image.at(x, y).r < 100 ? 1 : 0;
        CHECK(darkPixels > 100);
    }
}

TEST_CASE("the prompts of high concern are printed on the picture") {
    SkinMap map = testing::completeMap();
    map.header.mobility = Mobility::NotIndependentlyMobile;
    const SkinMapLayout layout = layoutSkinMap(map, 800);
    REQUIRE_FALSE(layout.concernLines.empty());
    std::string text;
    for (const std::string& line : layout.concernLines)
        text += line + " ";
    CHECK(text.find("NICE CG89") != std::string::npos);
    std::string error;
    const std::string path = outPath("map_concern.png");
    REQUIRE(renderSkinMapPng(map, 800, path, error));
    const PngImage image(path);
    int markColoured = 0;
    for (int y = int(layout.concerns.y); y < int(layout.concerns.y + layout.concerns.height); ++y)
        for (int x = 0; x < image.width(); ++x)
            markColoured += near(image.at(x, y), OutlineColours::mark, 40) ? 1 : 0;
    CHECK(markColoured > 50);
}

TEST_CASE("rendering failures are reported, not ignored") {
    std::string error;
    CHECK_FALSE(renderSkinMapPng(testing::completeMap(), 800, "/nonexistent-dir/skin.png", error));
    CHECK(error.find("/nonexistent-dir/skin.png") != std::string::npos);
    error.clear();
    CHECK_FALSE(renderSkinMapPng(testing::completeMap(), 10, outPath("tiny.png"), error));
    CHECK_FALSE(error.empty());
    error.clear();
    CHECK_FALSE(renderOutlinePng(BodyShape::Teen, ViewId::HeadBack, 100000, outPath("huge.png"), error));
    CHECK_FALSE(error.empty());
}

TEST_CASE("a mark's words name what was seen") {
    const SkinMap map = testing::completeMap();
    const std::string words = describeMark(map.marks[0]);
    CHECK(words.rfind("1. Bruise on the right forearm, outer (Body, front)", 0) == 0);
    CHECK(words.find("about 3 x 2 cm") != std::string::npos);
    CHECK(words.find("colours: purple, yellow") != std::string::npos);
    CHECK(words.find("skin not broken") != std::string::npos);
    CHECK(words.find("The child (the child) said:") != std::string::npos);
}
