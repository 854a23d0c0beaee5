#include "tests/support/headless_window.h"

#include "app/ui/kit/theme.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <thread>

namespace heard::test {

std::unique_ptr<platform::Window> headlessWindow(int width, int height, float scale) {
    setenv("SDL_VIDEODRIVER", "dummy", 1); // also when a test binary is run outside ctest
    platform::WindowOptions options;
    options.width = width;
    options.height = height;
    options.scale = scale;
    options.softwareRenderer = true;
    options.styleBuilder = ui::buildStyle;
    std::string error;
    auto window = platform::Window::create(options, error);
    REQUIRE_MESSAGE(window, error);
    return window;
}

bool framesUntil(platform::TestDriver& driver, const std::function<bool()>& done,
                 std::chrono::seconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < until) {
        driver.frames(1);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
}

} // namespace heard::test
