#include "workflow_harness.h"

#include "app/model/calendar.h"
#include "app/ui/theme.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

namespace heard::test {

std::chrono::system_clock::time_point fixedMonday() { return model::fromIsoUtc("2026-11-23T10:00:00Z"); }

WorkflowApp::WorkflowApp(int autoLockSeconds, int width, int height, float scale) : now(fixedMonday()) {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    char pattern[] = "/tmp/heard-workflow-XXXXXX";
    REQUIRE(mkdtemp(pattern));
    dataDir = pattern;
    platform::WindowOptions options;
    options.width = width;
    options.height = height;
    options.scale = scale;
    options.styleBuilder = ui::buildStyle;
    std::string error;
    window = platform::Window::create(options, error);
    REQUIRE_MESSAGE(window, error);
    ui::AppOptions appOptions;
    appOptions.dataDir = dataDir;
    appOptions.demo = true;
    appOptions.fastKeyDerivationForTests = true;
    appOptions.autoLockSeconds = autoLockSeconds;
    appOptions.clock = [this] { return now; };
    app = std::make_unique<ui::App>(*window, appOptions);
    driver = std::make_unique<platform::TestDriver>(*window, [this] { app->runOneFrame(); });
    driver->frames(2);
}

WorkflowApp::~WorkflowApp() {
    driver.reset();
    app.reset();
    window.reset();
    std::filesystem::remove_all(dataDir);
}

void WorkflowApp::unlockDemo() {
    driver->tap("unlock.fill_demo");
    driver->tap("unlock.ok");
    driver->frames(2);
    REQUIRE(app->unlocked());
}

void WorkflowApp::tapAndType(const std::string& tagName, const std::string& text) {
    driver->tap(tagName);
    driver->typeText(text);
}

void WorkflowApp::sign(const std::string& padTag) {
    const auto pad = driver->reveal(padTag);
    driver->drag(pad.x0 + pad.width() * 0.2f, pad.centreY(), pad.x0 + pad.width() * 0.7f, pad.y0 + pad.height() * 0.3f);
}

} // namespace heard::test
