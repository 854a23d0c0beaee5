// Issue 13.8, measured from the pixels the app draws (a PNG of the screen, read back):
//   - text of named parts at least 4.5:1 against what is behind it, field and check-box edges
//     at least 3:1 against the paper and the field (WCAG 2.2 relative luminance);
//   - every named tappable part at least 48 dp tall and wide (from its tag rectangle and the
//     display scale);
//   - a disabled control says why.
// The same on every tour screen, landscape and portrait: each screen's PNG, read back, and its
// tag rectangles (which widgets are fields, which take a tap, which are disabled); and the
// safety control over screens about a child covers no other widget (its own bar).
#include "app/ui/tour.h"
#include "platform/ui_tags.h"
#include "tests/support/temp_dir.h"
#include "tests/workflow/workflow_harness.h"

#include <doctest/doctest.h>
#include <stb_image.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <sstream>
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
    // The inside is read above the middle row: a ticked box's tick starts at its left edge on
    // that row (ImGui's check mark), and a tick is not the field's background.
    againstInside = ratio(edge, image.luminance(int(r.x0) + 8, int(r.y0 + r.height() * 0.3f)));
    return ratio(edge, image.luminance(int(r.x0) - 6, y));
}

struct Rgb {
    unsigned char r, g, b;
};

Rgb pixel(const Image& image, int x, int y) {
    const unsigned char* p = image.pixels.get() + (size_t(y) * size_t(image.width) + size_t(x)) * 4;
    return {p[0], p[1], p[2]};
}

double luminanceOf(Rgb c) {
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

// Text against its actual background: the background is the colour most of the part's
// pixels have; the text is the pixel that stands out from it most (a glyph's core). Returns 0
// for a part with nothing drawn on its background.
double textOnBackground(const Image& image, const platform::TagRect& r) {
    std::map<uint32_t, int> counts;
    const int x0 = int(r.x0) + 2, x1 = int(r.x1) - 2, y0 = int(r.y0) + 2, y1 = int(r.y1) - 2;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const Rgb c = pixel(image, x, y);
            ++counts[uint32_t(c.r) << 16 | uint32_t(c.g) << 8 | c.b];
        }
    if (counts.size() < 2) return 0.0;
    const auto background = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
                                return a.second < b.second;
                            })->first;
    const double paper = luminanceOf(
        {(unsigned char)(background >> 16), (unsigned char)(background >> 8), (unsigned char)background});
    double best = 1.0;
    for (const auto& [colour, count] : counts)
        best =
            std::max(best, ratio(paper, luminanceOf({(unsigned char)(colour >> 16),
                                                     (unsigned char)(colour >> 8), (unsigned char)colour})));
    return best;
}

bool overlaps(const platform::TagRect& a, const platform::TagRect& b) {
    return std::min(a.seenX1, b.seenX1) - std::max(a.seenX0, b.seenX0) > 1.0f &&
           std::min(a.seenY1, b.seenY1) - std::max(a.seenY0, b.seenY0) > 1.0f;
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
    // Each part scrolled into view first (below the safety bar the form scrolls at 800 px).
    for (const char* part : {"nav.back", "child.header", "visit.begin.why"}) {
        w.driver->reveal(part);
        const Image image = screenshot(w, pictures.path() + "/visit-start-" + part + ".png");
        const auto r = w.driver->rect(part);
        INFO(std::string(part) << " at (" << r.x0 << ", " << r.y0 << ")-(" << r.x1 << ", " << r.y1 << ")");
        REQUIRE(r.y1 <= float(image.height));
        CHECK(textContrast(image, r) >= 4.5);
    }
    {
        const Image image = screenshot(w, pictures.path() + "/visit-start.png");
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

TEST_CASE("every tour screen from its PNG: text, field edges, targets, disabled controls, the safety bar") {
    test::TempDir pictures("heard-contrast-tour");
    test::WorkflowApp w(0, 1280, 800);
    const float dp48 = 48.0f * w.window->scale();
    std::ostringstream text, edges, targets, why, covered;
    int screens = 0, texts = 0, fields = 0, tappable = 0, disabled = 0, safetyBars = 0;
    for (const ui::TourSize& shape : ui::kTourSizes) {
        w.window->setSize(shape.width, shape.height);
        for (const ui::TourStop& stop : ui::tourStops()) {
            stop.prepare(*w.app);
            w.driver->frames(3);
            const std::string where = std::string(shape.name) + " " + stop.name;
            const Image image = screenshot(w, pictures.path() + "/" + shape.name + "-" + stop.name + ".png");
            REQUIRE(image.width == shape.width);
            REQUIRE(image.height == shape.height);
            ++screens;
            const auto& tags = platform::TagRegistry::instance();
            const std::vector<std::string> names = tags.visibleTags();
            const platform::TagRect* safety = tags.find("safety.worried");
            if (!safety) safety = tags.find("safety.waiting");
            safetyBars += safety != nullptr;
            for (const std::string& name : names) {
                const platform::TagRect& r = *tags.find(name);
                const bool onImage =
                    r.x0 >= 0 && r.y0 >= 0 && r.x1 <= float(image.width) && r.y1 <= float(image.height);
                // Nothing under the safety control: it has a bar of its own.
                if (safety && name != "safety.worried" && name != "safety.waiting" && overlaps(*safety, r))
                    covered << where << ": " << name << "\n";
                // A disabled control says why, in a tag of its own beside it.
                if (r.tappable && r.disabled) {
                    ++disabled;
                    if (!tags.find(name + ".why")) why << where << ": " << name << "\n";
                }
                if (!r.shown || !onImage || r.disabled) continue; // measured where wholly drawn
                if (r.tappable) {
                    ++tappable;
                    if (r.width() < dp48 - 0.5f || r.height() < dp48 - 0.5f)
                        targets << where << ": " << name << " " << r.width() << "x" << r.height() << "\n";
                }
                if (r.field) {
                    ++fields;
                    double inside = 0;
                    const double outside = edgeContrast(image, r, inside);
                    if (outside < 3.0 || inside < 3.0)
                        edges << where << ": " << name << " " << outside << ":1 outside, " << inside
                              << ":1 inside\n";
                } else if (r.height() < dp48 * 2.5f && name.rfind("canvas.colour.", 0) != 0) {
                    // (A drawing's colour swatches are exempt: a swatch has no words, its colour
                    // is the choice itself, and it is named by its position and a ring.)
                    // Text: a label, a button's words, a line of the record (a part the height
                    // of a few lines; whole panels and pictures are measured by their parts).
                    const double contrast = textOnBackground(image, r);
                    if (contrast == 0.0) continue; // nothing drawn on it (a spacer)
                    ++texts;
                    if (contrast < 4.5) text << where << ": " << name << " " << contrast << ":1\n";
                }
            }
        }
    }
    MESSAGE(screens << " screens: " << texts << " texts, " << fields << " fields, " << tappable
                    << " targets, " << disabled << " disabled controls, " << safetyBars << " safety bars");
    CHECK(screens >= 100);
    CHECK(fields > 100);
    CHECK(tappable > 500);
    CHECK(disabled >= 2);
    CHECK(safetyBars >= 20);
    INFO("text under 4.5:1:\n" << text.str());
    CHECK(text.str().empty());
    INFO("field edges under 3:1:\n" << edges.str());
    CHECK(edges.str().empty());
    INFO("targets under 48 dp:\n" << targets.str());
    CHECK(targets.str().empty());
    INFO("disabled controls that do not say why:\n" << why.str());
    CHECK(why.str().empty());
    INFO("widgets under the safety control:\n" << covered.str());
    CHECK(covered.str().empty());
}
