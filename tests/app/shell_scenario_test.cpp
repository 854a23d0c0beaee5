// Drives the real app headless (SDL_VIDEODRIVER=dummy, software renderer) by tapping tagged
// widgets, and checks what the App's state and the tour's PNGs say.
#include "app/ui/app.h"
#include "app/ui/tour.h"
#include "app/ui/kit/widgets.h"
#include "platform/test_driver.h"
#include "tests/support/headless_window.h"
#include "tests/support/temp_dir.h"

#include <doctest/doctest.h>
#include <stb_image.h>

#include <cstring>
#include <filesystem>
#include <memory>

using namespace heard;

namespace {

struct HeadlessApp {
    test::TempDir dataDir{"heard-shell"};
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<ui::App> app;
    std::unique_ptr<platform::TestDriver> driver;

    explicit HeadlessApp(int width = 1280, int height = 800) : window(test::headlessWindow(width, height)) {
        ui::AppOptions appOptions;
        appOptions.dataDir = dataDir.path();
        appOptions.fastKeyDerivationForTests = true;
        app = std::make_unique<ui::App>(*window, appOptions);
        driver = std::make_unique<platform::TestDriver>(*window, [this] { app->runOneFrame(); });
        driver->frames(2);
    }
};

} // namespace

TEST_CASE("first run: the create button waits for the passphrase rules, then opens an empty caseload") {
    HeadlessApp h;
    CHECK((h.app->screen() == ui::ScreenId::Unlock));
    h.driver->tap("unlock.name");
    h.driver->typeText("Sam Test-Practitioner");
    h.driver->tap("unlock.passphrase");
    h.driver->typeText("short");
    h.driver->tap("unlock.create"); // disabled: too short, not confirmed
    CHECK_FALSE(h.app->unlocked());
    h.driver->tap("unlock.passphrase");
    h.driver->typeText(" but now long enough");
    h.driver->tap("unlock.confirmation");
    h.driver->typeText("short but now long enough");
    h.driver->tap("unlock.create");
    // The key is derived on a worker while the screen says "Unlocking"; then the caseload opens.
    REQUIRE(test::framesUntil(*h.driver, [&] { return !h.app->unlocking(); }));
    h.driver->frames(2);
    REQUIRE(h.app->unlocked());
    CHECK((h.app->screen() == ui::ScreenId::Caseload));
    CHECK(h.app->practitioner() == "Sam Test-Practitioner");
    CHECK(h.app->caseload().empty());
    h.driver->tap("caseload.lock");
    CHECK_FALSE(h.app->unlocked());
    CHECK((h.app->screen() == ui::ScreenId::Unlock));
}

TEST_CASE("a widget that is not on screen cannot be tapped, and the error names what is") {
    HeadlessApp h;
    CHECK_FALSE(h.driver->has("child.start_visit"));
    try {
        h.driver->tap("child.start_visit");
        FAIL("tapping an invisible tag must throw");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).find("unlock.passphrase") != std::string::npos);
    }
    CHECK((h.app->screen() == ui::ScreenId::Unlock));
}

TEST_CASE("touch targets are at least 48 dp tall at any scale") {
    HeadlessApp h;
    CHECK(h.driver->rect("unlock.create").height() >= 48.0f);
    h.window->setScale(2.0f);
    h.driver->frames(2);
    CHECK(h.driver->rect("unlock.create").height() >= 96.0f);
}

TEST_CASE("a tap lands only where it is aimed") {
    HeadlessApp h;
    h.driver->tap("unlock.name");
    h.driver->typeText("Sam");
    const auto field = h.driver->rect("unlock.name");
    h.driver->tapAt(field.x1 + 100.0f, field.y1 + 400.0f); // well away from any widget
    h.driver->typeText("X");
    CHECK(h.app->unlockForm.name == "Sam"); // the field lost focus: the tap did not land on it
}

TEST_CASE("the tour renders every screen in landscape and portrait to real PNGs") {
    HeadlessApp h;
    const auto dir = std::filesystem::temp_directory_path() / "heard-tour-test";
    std::filesystem::remove_all(dir);
    std::vector<std::string> written;
    std::string error;
    REQUIRE_MESSAGE(ui::runTour(*h.app, dir.string(), error, &written), error);
    CHECK(written.size() == ui::tourStops().size() * 2);
    for (const auto& path : written) {
        int w = 0, h2 = 0, channels = 0;
        unsigned char* pixels = stbi_load(path.c_str(), &w, &h2, &channels, 4);
        REQUIRE_MESSAGE(pixels, path);
        const bool portrait = path.find("portrait") != std::string::npos;
        CHECK(w == (portrait ? 800 : 1280));
        CHECK(h2 == (portrait ? 1280 : 800));
        // Not a blank frame: some pixels differ from the first one.
        size_t differing = 0;
        for (int i = 1; i < w * h2; ++i)
            if (std::memcmp(pixels, pixels + i * 4, 4) != 0) ++differing;
        CHECK(differing > size_t(w * h2) / 200);
        stbi_image_free(pixels);
    }
}

TEST_CASE("the tour refuses a folder it cannot create") {
    HeadlessApp h;
    std::string error;
    CHECK_FALSE(ui::runTour(*h.app, "/proc/heard-cannot-write-here", error));
    CHECK(error.find("/proc/heard-cannot-write-here") != std::string::npos);
}

TEST_CASE("a finger drag scrolls a long screen, and the button it started on does not fire") {
    HeadlessApp h;
    int pressed = 0;
    float scrollY = 0.0f;
    auto drawLongScreen = [&] {
        h.window->pumpEvents(0, nullptr);
        h.window->beginFrame();
        ui::setFrameContext(h.window->scale(), h.window->fonts());
        ui::beginScreen("##long");
        for (int i = 0; i < 60; ++i) {
            ImGui::PushID(i);
            if (ui::bigButton("Row", i == 3 ? "row.3" : nullptr, -1.0f)) ++pressed;
            ImGui::PopID();
        }
        scrollY = ImGui::GetScrollY();
        ui::endScreen();
        h.window->endFrame();
    };
    platform::TestDriver driver(*h.window, drawLongScreen);
    driver.frames(2);
    const auto row = driver.rect("row.3");
    driver.dragTag("row.3", 0.0f, -300.0f, 10);
    CHECK(scrollY > 200.0f);
    CHECK(pressed == 0);
    // A plain tap still presses.
    driver.tapAt(row.centreX(), driver.rect("row.3").centreY());
    CHECK(pressed == 1);
}
