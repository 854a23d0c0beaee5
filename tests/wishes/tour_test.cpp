// Tour PNGs of every activity in English and Welsh, landscape and portrait, for people to look
// at: <build>/tests/wishes/tour/<activity>-<language>-<size>.png. Each shot is a step part-way
// through with an answer given, so the pictures show the activity in use; plus the summary.
#include "tests/wishes/child_harness.h"

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
        run.place("mum", "", 0.3f, -0.2f);
        run.place("pet", "", -0.25f, 0.3f);
        run.place("teacher", "", -0.8f, -0.75f);
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
            for (auto [sizeName, w, hgt] : {std::tuple{"landscape", 1280, 800}, std::tuple{"portrait", 800, 1280}}) {
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
        while (!h.run->finished()) h.run->next();
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
    CHECK(written == 9 * 5); // nine activities, parental conflict included
    MESSAGE("tour written to " << dir.string());
}
