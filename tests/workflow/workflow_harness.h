// The real app, headless, on a fresh fictional demo store in a temporary folder, with a clock
// the test moves and a window tall enough that whole forms are on screen without scrolling.
#pragma once

#include "app/ui/app.h"
#include "platform/test_driver.h"
#include "tests/support/temp_dir.h"

#include <chrono>
#include <memory>
#include <string>

namespace heard::test {

struct WorkflowApp {
    TempDir dataFolder{"heard-workflow"}; // first in, last out: removed after the app has closed
    std::string dataDir = dataFolder.path();
    std::chrono::system_clock::time_point now;
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<ui::App> app;
    std::unique_ptr<platform::TestDriver> driver;

    explicit WorkflowApp(int autoLockSeconds = 0, int width = 1280, int height = 4200, float scale = 1.0f);

    void unlockDemo(); // through the unlock screen
    // Unlocks the demo and begins a visit to childId by touch, with the form's required fields
    // filled and confidentiality confirmed; the visit form is on screen afterwards.
    void beginDemoVisit(const std::string& childId = "child-demo-1", const std::string& where = "At home");
    // Draws frames until an unlock started by a tap has finished (its worker is done).
    void settleUnlock();
    // Draws frames until a passphrase check started by "Leave child mode" has its answer.
    void settleChildModeCheck();
    void tapAndType(const std::string& tagName, const std::string& text);
    void sign(const std::string& padTag); // a finger signature on a pad
    storage::Store& store() { return *app->store(); }
};

// Monday 23 November 2026, 10:00 UTC: fixed so working-day deadlines are predictable.
std::chrono::system_clock::time_point fixedMonday();

} // namespace heard::test
