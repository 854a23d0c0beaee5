// The network watch that starts a sync when a connection appears: it fires once per
// appearance (none -> connected), never while the connection simply stays up.
#include "platform/network_watch.h"

#include <doctest/doctest.h>

#include <atomic>
#include <thread>

using namespace std::chrono_literals;

TEST_CASE("a connection appearing calls back once per appearance") {
    std::atomic<bool> up{false};
    std::atomic<int> calls{0};
    {
        heard::platform::NetworkWatch watch([&] { ++calls; }, 10ms, [&] { return up.load(); });
        std::this_thread::sleep_for(60ms);
        CHECK(calls == 0); // no connection: nothing to do
        up = true;
        std::this_thread::sleep_for(80ms);
        CHECK(calls == 1);
        CHECK(watch.connected());
        std::this_thread::sleep_for(60ms);
        CHECK(calls == 1); // still up: no new call
        up = false;
        std::this_thread::sleep_for(60ms);
        CHECK_FALSE(watch.connected());
        up = true;
        std::this_thread::sleep_for(80ms);
        CHECK(calls == 2);
    }
    const int after = calls;
    std::this_thread::sleep_for(40ms);
    CHECK(calls == after); // stopped with the watch
}

TEST_CASE("a connection already there at start is not an appearance") {
    std::atomic<int> calls{0};
    heard::platform::NetworkWatch watch([&] { ++calls; }, 10ms, [] { return true; });
    std::this_thread::sleep_for(60ms);
    CHECK(calls == 0);
    CHECK(watch.connected());
}
