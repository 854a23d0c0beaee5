// arch.sync_stop_trickle (issue 12.5): stopping the sync service, as the app's lock does, returns in
// well under 100 ms whatever the network is doing, here a server that trickles one header byte
// every 5 s for as long as it is allowed to (the test's fake server, on 127.0.0.1). Before
// cancellation existed, stop() waited for the request: minutes with this server.
#include "tests/sync/hostile_server.h"
#include "tests/sync/sync_test_support.h"

#include "sync/sync_service.h"

#include <doctest/doctest.h>

#include <chrono>
#include <future>

using namespace heard;
using namespace heard::synctest;

namespace {

double msSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

struct Trickled {
    TempDir dir;
    std::unique_ptr<storage::Store> device = makeDeviceStore(dir.path());
    std::unique_ptr<HostileServer> server =
        std::make_unique<HostileServer>(HostileServer::Mode::Trickle, std::chrono::seconds(5));
    std::size_t pending = 0;
    std::unique_ptr<sync::SyncService> service;

    Trickled() {
        device->putCase(storage::Case{"case-a1", "A1", "A1", {}, false, ""});
        device->putChild(storage::Child{"child-a1", "case-a1", "Pip Invented", "", {}});
        signVisit(*device, "case-a1", "child-a1");
        device->setSetting(sync::setting::kDeviceId, "dev-test");
        device->setSetting(sync::setting::kDeviceSecret, "secret");
        pending = device->outboxPendingCount();
        sync::ServerEndpoint endpoint;
        endpoint.port = server->port();
        endpoint.plainHttpForDevelopment = true;
        service = std::make_unique<sync::SyncService>(*device, endpoint);
        service->start();
        REQUIRE_MESSAGE(server->waitForRequest(std::chrono::seconds(10)),
                        "the sync never reached the server");
        std::this_thread::sleep_for(std::chrono::milliseconds(300)); // well into the trickle
    }

    // Runs `stopping` on another thread and returns how long it took; if it has not returned
    // after 3 s the server is closed so the test ends (and fails) instead of hanging.
    template <typename F> double timed(F stopping) {
        auto start = std::chrono::steady_clock::now();
        auto done = std::async(std::launch::async, [&] {
            stopping();
            return msSince(start);
        });
        if (done.wait_for(std::chrono::seconds(3)) != std::future_status::ready) server.reset();
        return done.get();
    }
};

} // namespace

TEST_CASE("stop() returns in under 100 ms while a request trickles, and nothing was acknowledged") {
    Trickled t;
    const double ms = t.timed([&] { t.service->stop(); });
    MESSAGE("stop() took " << ms << " ms");
    CHECK(ms < 100.0);
    CHECK(t.service->status().state == sync::SyncState::Stopped);
    CHECK(t.device->outboxPendingCount() == t.pending);
    t.service.reset();
    t.device.reset(); // the store may go once the service has stopped
}

TEST_CASE("requestStop() returns at once and join() completes promptly") {
    Trickled t;
    double requestMs = 0;
    const double totalMs = t.timed([&] {
        auto start = std::chrono::steady_clock::now();
        t.service->requestStop();
        requestMs = msSince(start);
        t.service->join();
    });
    MESSAGE("requestStop() " << requestMs << " ms, with join() " << totalMs << " ms");
    CHECK(requestMs < 100.0);
    CHECK(totalMs < 100.0);
    CHECK(t.device->outboxPendingCount() == t.pending);
}
