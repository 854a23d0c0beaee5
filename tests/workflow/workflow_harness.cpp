#include "workflow_harness.h"

#include "app/model/calendar.h"
#include "tests/support/headless_window.h"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

namespace heard::test {

std::chrono::system_clock::time_point fixedMonday() {
    return model::fromIsoUtc("2026-11-23T10:00:00Z");
}

WorkflowApp::WorkflowApp(int autoLockSeconds, int width, int height, float scale)
    : now(fixedMonday()), window(headlessWindow(width, height, scale)) {
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

void WorkflowApp::unlockDemo() {
    driver->tap("unlock.fill_demo");
    driver->tap("unlock.ok");
    settleUnlock();
    REQUIRE(app->unlocked());
}

void WorkflowApp::beginDemoVisit(const std::string& childId, const std::string& where) {
    unlockDemo();
    driver->tap("caseload.child." + childId);
    driver->tap("child.start_visit");
    tapAndType("visit.where", where);
    tapAndType("visit.present", "The child only");
    tapAndType("visit.purpose", "Wishes and feelings");
    driver->tap("visit.confidentiality");
    driver->tap("visit.begin");
    REQUIRE(app->editors().visit.started);
}

void WorkflowApp::settleChildModeCheck() {
    driver->frames(1);
    for (int i = 0; i < 3000 && app->editors().childMode.checking(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        driver->frames(1);
    }
    driver->frames(2);
}

void WorkflowApp::settleUnlock() {
    // The key derivation runs on a worker while the screen keeps drawing "Unlocking".
    driver->frames(1);
    for (int i = 0; i < 3000 && app->unlocking(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        driver->frames(1);
    }
    driver->frames(2);
}

void WorkflowApp::tapAndType(const std::string& tagName, const std::string& text) {
    driver->tap(tagName);
    driver->typeText(text);
}

void WorkflowApp::sign(const std::string& padTag) {
    const auto pad = driver->reveal(padTag);
    driver->drag(pad.x0 + pad.width() * 0.2f, pad.centreY(), pad.x0 + pad.width() * 0.7f,
                 pad.y0 + pad.height() * 0.3f);
}

} // namespace heard::test
