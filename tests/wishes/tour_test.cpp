// Tour PNGs of every activity in English and Welsh, landscape and portrait, for people to look
// at: <build>/tests/wishes/tour/<activity>-<language>-<size>.png. Each shot is a step part-way
// through with an answer given, so the pictures show the activity in use; plus the summary.
#include "app/tools/framework/view/activity_drawing.h"
#include "app/tools/framework/view/step_views.h"
#include "tests/wishes/child_harness.h"

#include <stb_image.h>

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;
using heard::test::ChildHarness;

namespace {

// Puts the activity on a representative screen with an answer or two. Through the model, not
// taps: the scenario tests cover the touch path, and the tour has 40 pictures to take.
void prepare(ChildHarness& h, const std::string& id) {
    heard::tools::ActivityRun& run = *h.run;
    if (id == "feelings_faces") {
        run.chooseFace("happy");
        run.setStrength(3);
    } else if (id == "three_houses") {
        // The chooser itself is the screen to show.
    } else if (id == "my_world") {
        // People the child added and named (issue 18.2: no fixed list of one of each).
        run.addPerson("Mum", "woman", 0.3f, -0.2f);
        run.addPerson("Biscuit", "dog", -0.25f, 0.3f);
        run.addPerson("Mr Jones", "teacher", -0.8f, -0.75f);
    } else if (id == "scaling") {
        run.setScale(7);
    } else if (id == "two_homes") {
        run.skip();
        run.skip();
        run.chooseOption("sometimes");
    } else if (id == "drawing") {
        run.addStroke({{0.1f, 0.6f, 0.3f, 0.2f, 0.5f, 0.6f}, IM_COL32(220, 60, 60, 255), 0.012f});
        run.addStroke({{0.5f, 0.6f, 0.7f, 0.2f, 0.9f, 0.6f}, IM_COL32(60, 120, 220, 255), 0.012f});
    } else {
        run.setWords("A trampoline", false);
    }
    h.driver->frames(2);
}

} // namespace

TEST_CASE("tour: every activity in English and Welsh, landscape and portrait") {
    const fs::path dir = fs::path(HEARD_TEST_BINARY_DIR) / "tour";
    fs::create_directories(dir);
    int written = 0;
    ChildHarness h("drawing");
    for (const auto& content : heard::test::shippedContent().activities) {
        for (const char* language : {"en", "cy"}) {
            for (auto [sizeName, w, hgt] :
                 {std::tuple{"landscape", 1280, 800}, std::tuple{"portrait", 800, 1280}}) {
                h.window->setSize(w, hgt);
                h.restart(content.id, language);
                prepare(h, content.id);
                const fs::path path = dir / (content.id + "-" + language + "-" + sizeName + ".png");
                fs::remove(path);
                h.window->queueScreenshot(path.string());
                h.driver->frames(1);
                CHECK_MESSAGE(h.window->lastScreenshotOk(), path);
                REQUIRE(fs::exists(path));
                CHECK(fs::file_size(path) > 5000); // a real picture, not an empty frame
                ++written;
            }
        }
        // The practitioner's summary of a finished run, in English.
        h.window->setSize(1280, 800);
        h.restart(content.id, "cy");
        prepare(h, content.id);
        if (h.run->choosingStart()) h.run->startWith(content.steps[0].id);
        h.run->setInterpretation("Example interpretation written by the practitioner.");
        while (!h.run->finished())
            h.run->next();
        const fs::path path = dir / (content.id + "-summary.png");
        h.window->beginFrame();
        heard::ui::setFrameContext(h.window->scale(), h.window->fonts());
        heard::ui::beginScreen("##summary");
        heard::tools::drawSummary(h.result(), &content);
        heard::ui::endScreen();
        h.window->queueScreenshot(path.string());
        h.window->endFrame();
        CHECK(h.window->lastScreenshotOk());
        ++written;
    }
    // Per activity of the catalogue: two languages x two shapes, and the summary.
    CHECK(written == int(heard::test::shippedContent().activities.size()) * 5);
    MESSAGE("tour written to " << dir.string());
}

TEST_CASE("tour: every scale step, its two end pictures and words on screen, in both languages and shapes") {
    const fs::path dir = fs::path(HEARD_TEST_BINARY_DIR) / "tour";
    fs::create_directories(dir);
    ChildHarness h("scaling");
    int written = 0;
    for (const auto& content : heard::test::shippedContent().activities) {
        for (const auto& step : content.steps) {
            if (step.kind != heard::tools::StepKind::Scale) continue;
            for (const char* language : {"en", "cy"}) {
                for (auto [sizeName, w, hgt] :
                     {std::tuple{"landscape", 1280, 800}, std::tuple{"portrait", 800, 1280}}) {
                    h.window->setSize(w, hgt);
                    h.restart(content.id, language);
                    while (h.currentStepId() != step.id)
                        h.run->skip();
                    h.run->setScale(8);
                    h.driver->frames(2);
                    // Everything the child needs is inside the window: the eleven steps, and
                    // under them a picture and the words at each end, low on the left.
                    const auto zero = h.driver->rect("scale.0"), ten = h.driver->rect("scale.10");
                    const auto low = h.driver->rect("scale.low"), high = h.driver->rect("scale.high");
                    const std::string where = content.id + "/" + step.id + " " + language + " " + sizeName;
                    CHECK_MESSAGE(zero.x0 >= 0, where);
                    CHECK_MESSAGE(ten.x1 <= float(w), where);
                    CHECK_MESSAGE(low.y0 >= zero.y1, where);
                    CHECK_MESSAGE(high.y0 >= ten.y1, where);
                    CHECK_MESSAGE(low.x1 <= high.x0, where);
                    CHECK_MESSAGE(high.x1 <= float(w), where);
                    CHECK_MESSAGE(std::max(low.y1, high.y1) <= h.driver->rect("activity.next").y0, where);
                    CHECK_MESSAGE(low.height() >= heard::ui::touchTarget(), where);
                    const fs::path path = dir / ("scale-" + content.id + "-" + step.id + "-" + language +
                                                 "-" + sizeName + ".png");
                    fs::remove(path);
                    h.window->queueScreenshot(path.string());
                    h.driver->frames(1);
                    CHECK_MESSAGE(h.window->lastScreenshotOk(), path);
                    ++written;
                }
            }
        }
    }
    CHECK(written == 5 * 4); // three scales in scaling, two in parental conflict
}

namespace {

struct Rgb {
    int r = 0, g = 0, b = 0;
};

Rgb rgbOf(ImU32 colour) {
    return {int((colour >> IM_COL32_R_SHIFT) & 0xFF), int((colour >> IM_COL32_G_SHIFT) & 0xFF),
            int((colour >> IM_COL32_B_SHIFT) & 0xFF)};
}

bool near(Rgb a, Rgb b, int tolerance = 3) {
    return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance &&
           std::abs(a.b - b.b) <= tolerance;
}

// Opens the activity at its first step, writes a PNG and reads back the colour inside the 10
// step, in its upper part (the number is drawn at the bottom).
Rgb colourAtTen(ChildHarness& h, const std::string& id, const fs::path& png) {
    h.restart(id, "en");
    REQUIRE(h.run->currentStep());
    REQUIRE(h.run->currentStep()->kind == heard::tools::StepKind::Scale);
    const heard::platform::TagRect ten = h.driver->rect("scale.10");
    fs::remove(png);
    h.window->queueScreenshot(png.string());
    h.driver->frames(1);
    REQUIRE(h.window->lastScreenshotOk());
    int w = 0, hgt = 0, channels = 0;
    unsigned char* pixels = stbi_load(png.string().c_str(), &w, &hgt, &channels, 4);
    REQUIRE_MESSAGE(pixels, png);
    const int x = int(ten.centreX()), y = int(ten.y0 + ten.height() * 0.25f);
    REQUIRE(x >= 0);
    REQUIRE(y >= 0);
    REQUIRE(x < w);
    REQUIRE(y < hgt);
    const unsigned char* p = pixels + (size_t(y) * size_t(w) + size_t(x)) * 4;
    Rgb out{p[0], p[1], p[2]};
    stbi_image_free(pixels);
    return out;
}

} // namespace

TEST_CASE("tour: a stormy scale is drawn darker at 10 than a warm one") {
    const fs::path dir = fs::path(HEARD_TEST_BINARY_DIR) / "tour";
    fs::create_directories(dir);
    ChildHarness h("scaling");
    // scaling's first step (how happy) is warm; parental conflict's first (how often) is stormy.
    const Rgb warm = colourAtTen(h, "scaling", dir / "scale-warm.png");
    const Rgb stormy = colourAtTen(h, "parental_conflict", dir / "scale-stormy.png");
    using heard::tools::ScaleTone;
    CHECK(near(warm, rgbOf(heard::tools::scaleStepColour(ScaleTone::Warm, 10))));
    CHECK(near(stormy, rgbOf(heard::tools::scaleStepColour(ScaleTone::Stormy, 10))));
    CHECK_FALSE(near(warm, stormy, 40));
    // A storm is dark, sunshine is bright.
    CHECK(stormy.r + stormy.g + stormy.b < 300);
    CHECK(warm.r + warm.g + warm.b > 500);
}

TEST_CASE("every step's number is readable on its colour, in both tones") {
    using heard::tools::ScaleTone;
    for (ScaleTone tone : {ScaleTone::Warm, ScaleTone::Stormy}) {
        for (int value = 0; value <= 10; ++value) {
            const float ratio = heard::tools::contrastRatio(heard::tools::scaleStepColour(tone, value),
                                                            heard::tools::scaleNumberColour(tone, value));
            CHECK_MESSAGE(ratio >= 4.5f, heard::tools::scaleToneName(tone) << " " << value << ": " << ratio);
        }
    }
    // The stormy scale darkens at every step from 0 to 10 (its contrast with white grows).
    float previous = 1.0f;
    for (int value = 0; value <= 10; ++value) {
        const float toWhite = heard::tools::contrastRatio(
            heard::tools::scaleStepColour(ScaleTone::Stormy, value), IM_COL32_WHITE);
        CHECK_MESSAGE(toWhite > previous, value);
        previous = toWhite;
    }
}

TEST_CASE("every icon content may name has its own picture, not the question mark") {
    ChildHarness h("scaling"); // for ImGui's context and font atlas
    auto pointsOf = [](const std::string& name) {
        ImDrawList dl(ImGui::GetDrawListSharedData());
        dl._ResetForNewFrame();
        dl.PushClipRectFullScreen();
        heard::tools::drawIcon(&dl, name, ImVec2(100, 100), 96, IM_COL32(38, 120, 118, 255));
        std::vector<std::pair<float, float>> points;
        for (const ImDrawVert& v : dl.VtxBuffer)
            points.emplace_back(v.pos.x, v.pos.y);
        return points;
    };
    const auto questionMark = pointsOf("question");
    REQUIRE_FALSE(questionMark.empty());
    CHECK(pointsOf("no_such_icon") == questionMark); // the fallback, so the comparison means something
    for (const std::string& name : heard::tools::contentIcons()) {
        if (name == "question") continue;
        const auto points = pointsOf(name);
        CHECK_MESSAGE(!points.empty(), name);
        CHECK_MESSAGE(points != questionMark, name << " is drawn as a question mark: add it to drawIcon()");
    }
}
