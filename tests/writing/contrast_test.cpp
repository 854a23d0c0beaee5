// Issue 13.8, measured from the pixels the app draws (a PNG of the screen, read back):
//   - text of named parts at least 4.5:1 against what is behind it, field and check-box edges
//     at least 3:1 against the paper and the field (WCAG 2.2 relative luminance);
//   - every named tappable part at least 48 dp tall and wide (from its tag rectangle and the
//     display scale);
//   - a disabled control says why.
#include "tests/support/temp_dir.h"
#include "tests/workflow/workflow_harness.h"

#include <doctest/doctest.h>
#include <stb_image.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

using namespace heard;

namespace {

double channel(unsigned char c) {
    const double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

struct Image {
    int width = 0, height = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> pixels{nullptr, stbi_image_free};

    double luminance(int x, int y) const {
        x = std::clamp(x, 0, width - 1);
        y = std::clamp(y, 0, height - 1);
        const unsigned char* p = pixels.get() + (size_t(y) * size_t(width) + size_t(x)) * 4;
        return 0.2126 * channel(p[0]) + 0.7152 * channel(p[1]) + 0.0722 * channel(p[2]);
    }
};

double ratio(double a, double b) {
    return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

Image screenshot(test::WorkflowApp& w, const std::string& path) {
    w.window->queueScreenshot(path);
    w.driver->frames(1);
    REQUIRE(w.window->lastScreenshotOk());
    Image image;
    int channels = 0;
    image.pixels.reset(stbi_load(path.c_str(), &image.width, &image.height, &channels, 4));
    REQUIRE(image.pixels);
    return image;
}

// Text: the darkest and the lightest pixel inside the part (glyph against its background).
double textContrast(const Image& image, const platform::TagRect& r) {
    double darkest = 1.0, lightest = 0.0;
    for (int y = int(r.y0) + 2; y < int(r.y1) - 2; ++y)
        for (int x = int(r.x0) + 2; x < int(r.x1) - 2; ++x) {
            darkest = std::min(darkest, image.luminance(x, y));
            lightest = std::max(lightest, image.luminance(x, y));
        }
    return ratio(darkest, lightest);
}

// An edge: the darkest pixel on the left edge at mid height against the paper outside it and
// the inside of the part.
double edgeContrast(const Image& image, const platform::TagRect& r, double& againstInside) {
    const int y = int(r.centreY());
    double edge = 1.0;
    for (int x = int(r.x0) - 1; x <= int(r.x0) + 2; ++x)
        edge = std::min(edge, image.luminance(x, y));
    againstInside = ratio(edge, image.luminance(int(r.x0) + 8, y));
    return ratio(edge, image.luminance(int(r.x0) - 6, y));
}

void checkTarget(test::WorkflowApp& w, const std::string& tagName) {
    INFO(tagName);
    REQUIRE(w.driver->has(tagName));
    const auto r = w.driver->rect(tagName);
    const float dp48 = 48.0f * w.window->scale();
    CHECK(r.height() >= dp48 - 0.5f);
    CHECK(r.width() >= dp48 - 0.5f);
}

} // namespace

TEST_CASE("text, field edges and targets measured from the pixels drawn; a disabled control says why") {
    test::TempDir pictures("heard-contrast");
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    for (const char* part : {"caseload.settings", "caseload.lock", "caseload.search", "caseload.sync_sign_in",
                             "caseload.child.child-demo-1"})
        checkTarget(w, part);
    {
        const Image image = screenshot(w, pictures.path() + "/caseload.png");
        for (const char* part : {"caseload.settings", "caseload.lock", "caseload.sync_status"}) {
            INFO(part);
            CHECK(textContrast(image, w.driver->rect(part)) >= 4.5);
        }
        double inside = 0;
        CHECK(edgeContrast(image, w.driver->rect("caseload.search"), inside) >= 3.0);
        CHECK(inside >= 3.0);
    }

    w.driver->tap("caseload.child.child-demo-1");
    w.driver->tap("child.start_visit");
    for (const char* part : {"nav.back", "visit.where", "visit.present", "visit.purpose",
                             "visit.confidentiality", "visit.begin"})
        checkTarget(w, part);
    // "Begin the visit" is disabled until the confidentiality box is ticked, and says so.
    REQUIRE(w.driver->has("visit.begin.why"));
    {
        const Image image = screenshot(w, pictures.path() + "/visit-start.png");
        for (const char* part : {"nav.back", "child.header", "visit.begin.why"}) {
            INFO(part);
            CHECK(textContrast(image, w.driver->rect(part)) >= 4.5);
        }
        for (const char* field : {"visit.where", "visit.confidentiality"}) {
            INFO(field);
            double inside = 0;
            CHECK(edgeContrast(image, w.driver->rect(field), inside) >= 3.0);
            CHECK(inside >= 3.0);
        }
    }
    w.driver->tap("visit.confidentiality");
    CHECK_FALSE(w.driver->has("visit.begin.why"));

    // The central system's "Install" is disabled without a code, and says so.
    w.driver->tap("nav.back");
    w.driver->tap("nav.back");
    w.driver->tap("caseload.sync_sign_in");
    REQUIRE(w.driver->has("sync.org_install"));
    CHECK(w.driver->has("sync.org_install.why"));
    checkTarget(w, "sync.org_install");
}
