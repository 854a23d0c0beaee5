// hardening.server_busy: heard-server answers 429 (too many attempts) or 503 (busy) with a
// "retryAfter" in seconds. The tablet says so in words, waits at least that long before trying
// again (on top of its own backoff), keeps its outbox, and never crashes; a locked tablet's
// command poll (sync/device_command.h) reads the same wait. A fake server on plain loopback HTTP.
#include "sync/device_command.h"
#include "sync/sync_client.h"
#include "sync/sync_service.h"
#include "tests/sync/sync_test_support.h"

#include <doctest/doctest.h>
#include <httplib.h>

#include <thread>

using namespace heard;
using namespace heard::synctest;

namespace {

// Answers every POST with the given status and {"ok":false,"error":...,"retryAfter":wait}.
class BusyServer {
public:
    BusyServer(int status, int wait) {
        m_http.Post(R"(/v1/.*)", [status, wait](const httplib::Request&, httplib::Response& res) {
            res.status = status;
            res.set_header("Retry-After", std::to_string(wait));
            res.set_content(nlohmann::json{{"ok", false},
                                           {"error", status == 429 ? "too_many_attempts" : "server_busy"},
                                           {"message", "try again later"},
                                           {"retryAfter", wait}}
                                .dump(),
                            "application/json");
        });
        m_port = m_http.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_http.listen_after_bind(); }); // already listening: no race
    }
    ~BusyServer() {
        m_http.stop();
        m_thread.join();
    }
    sync::ServerEndpoint endpoint() const {
        sync::ServerEndpoint e;
        e.host = "127.0.0.1";
        e.port = m_port;
        e.plainHttpForDevelopment = true;
        e.connectTimeout = std::chrono::milliseconds(2000);
        e.readTimeout = std::chrono::milliseconds(5000);
        return e;
    }
    int port() const { return m_port; }

private:
    httplib::Server m_http;
    int m_port = 0;
    std::thread m_thread;
};

} // namespace

TEST_CASE("a busy server (503 retryAfter 40): readable status, no retry before 40 s, outbox kept") {
    TempDir dir;
    BusyServer busy(503, 40);
    auto device = makeDeviceStore(dir.path());
    device->setSetting(sync::setting::kDeviceId, "dev-busy");
    device->setSetting(sync::setting::kDeviceSecret, "secret-for-tests");
    device->putCase(storage::Case{"case-a1", "TEST/001", "TEST/001", {}, false, ""});
    device->putChild(storage::Child{"child-a1", "case-a1", "Pip Invented 1", "2016-01-01", {}});
    signVisit(*device, "case-a1", "child-a1");
    const auto pending = device->outboxPendingCount();
    REQUIRE(pending > 0);

    sync::SyncClient client(*device, busy.endpoint());
    auto pushed = client.push();
    CHECK(pushed.failure == sync::SyncFailure::ServerError);
    CHECK(pushed.retryAfter == std::chrono::seconds(40));
    CHECK(pushed.message.find("busy") != std::string::npos);
    CHECK(device->outboxPendingCount() == pending);

    sync::BackoffPolicy policy;
    policy.base = std::chrono::milliseconds(100); // the service's own backoff alone would retry at once
    sync::SyncService service(*device, busy.endpoint(), {}, policy);
    service.start();
    service.syncNow();
    sync::SyncStatus status;
    for (int i = 0; i < 200; ++i) { // at most 10 s
        status = service.status();
        if (status.state == sync::SyncState::WaitingRetry) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE(status.state == sync::SyncState::WaitingRetry);
    CHECK(status.nextAttemptIn >= std::chrono::seconds(40));
    CHECK(status.lastError.find("busy") != std::string::npos);
    CHECK(status.lastError.find("40 s") != std::string::npos);
    const auto cycles = service.cyclesCompleted();
    std::this_thread::sleep_for(std::chrono::milliseconds(500)); // the base backoff has long passed
    CHECK(service.cyclesCompleted() == cycles);
    service.stop();
    CHECK(device->outboxPendingCount() == pending);
}

TEST_CASE("too many sign-in attempts (429): the enrolment error says so; a silly wait is bounded") {
    TempDir dir;
    BusyServer limited(429, 1000000);
    auto device = makeDeviceStore(dir.path());
    sync::SyncClient client(*device, limited.endpoint());
    auto enrolled = client.enrol(kPractitioner, kPassword, "tablet");
    CHECK(enrolled.failure == sync::SyncFailure::ServerError);
    CHECK(enrolled.message.find("too many attempts") != std::string::npos);
    CHECK(enrolled.retryAfter == std::chrono::seconds(3600));
    CHECK_FALSE(client.enrolled());
}

TEST_CASE("the locked tablet's command poll reads the server's wait") {
    BusyServer busy(503, 120);
    sync::DeviceCommandCredential credential;
    credential.deviceId = "dev-busy";
    credential.token = std::string(64, 'a');
    credential.server = "127.0.0.1";
    credential.port = busy.port();
    credential.plainHttpForDevelopment = true;
    const auto answer = sync::askForDeviceCommand(credential);
    CHECK_FALSE(answer.ok);
    CHECK(answer.retryAfterSeconds == 120);
}
