// The app's real window without a display, for tests that drive screens: SDL's dummy video
// driver and the software renderer, the app's own style and fonts, at a forced scale.
#pragma once

#include "platform/test_driver.h"
#include "platform/window.h"

#include <chrono>
#include <functional>
#include <memory>

namespace heard::test {

// Fails the current test (REQUIRE) when the window cannot open, with SDL's reason.
std::unique_ptr<platform::Window> headlessWindow(int width = 1280, int height = 800, float scale = 1.0f);

// Draws frames, 20 ms apart, until done() or the time limit (for work on other threads: sync,
// sign-in); returns done().
bool framesUntil(platform::TestDriver& driver, const std::function<bool()>& done,
                 std::chrono::seconds limit = std::chrono::seconds(20));

} // namespace heard::test
