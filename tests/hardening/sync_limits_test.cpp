// hardening.sync_limits (issue 17.7): the sync client bounds what a hostile or broken server can
// make it do. An answer over the size limit is refused with a clear error, from its declared
// length before any of it is read, or as soon as a chunked answer passes the limit (the server
// gets to send only a little more than the limit, so the client's memory stays bounded); a
// server trickling bytes is abandoned at the request's overall deadline. Fake servers below are
// written for the test (tests/sync/hostile_server.h) and listen on 127.0.0.1 only.
#include "tests/sync/hostile_server.h"
#include "tests/sync/sync_test_support.h"

#include "sync/sync_client.h"

#include <doctest/doctest.h>

#include <chrono>

using namespace heard;
using namespace heard::synctest;

namespace {

sync::ServerEndpoint endpointFor(const HostileServer& server) {
    sync::ServerEndpoint endpoint;
    endpoint.port = server.port();
    endpoint.plainHttpForDevelopment = true;
    return endpoint;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// An enrolled device store with one signed visit waiting to be pushed.
std::unique_ptr<storage::Store> deviceWithOneVisit(const std::string& dir) {
    auto device = makeDeviceStore(dir);
    device->putCase(storage::Case{"case-a1", "A1", "A1", {}, false, ""});
    device->putChild(storage::Child{"child-a1", "case-a1", "Pip Invented", "", {}});
    signVisit(*device, "case-a1", "child-a1");
    device->setSetting(sync::setting::kDeviceId, "dev-test");
    device->setSetting(sync::setting::kDeviceSecret, "secret");
    return device;
}

} // namespace

TEST_CASE("an answer declared larger than the limit is refused before it is read") {
    HostileServer server(HostileServer::Mode::HugeDeclared);
    sync::HttpsChannel channel(endpointFor(server));
    auto result = channel.post(sync::kPathPush, "{}");
    CHECK(!result.transportOk);
    CHECK(result.failure == sync::HttpFailure::AnswerTooLarge);
    CHECK(result.error.find("larger than the limit of 16777216 bytes") != std::string::npos);
    CHECK(result.body.empty());
}

TEST_CASE("a chunked answer is cut off at the limit, so memory stays bounded") {
    HostileServer server(HostileServer::Mode::HugeChunked);
    auto endpoint = endpointFor(server);
    endpoint.readTimeout = std::chrono::milliseconds(5000);
    sync::HttpsChannel channel(endpoint);
    auto result = channel.get(sync::kPathHealth);
    CHECK(result.failure == sync::HttpFailure::AnswerTooLarge);
    CHECK(result.body.empty());
    // The client stopped reading just past 16 MiB; the server could not push 256 MiB into it
    // (only what the socket buffers hold beyond what was read).
    INFO("server sent " << server.bytesSent() << " bytes");
    CHECK(server.bytesSent() < 64LL * 1024 * 1024);
}

TEST_CASE("the limit is configurable, and the sync client reports a refused answer and keeps its outbox") {
    TempDir dir;
    auto device = deviceWithOneVisit(dir.path());
    const auto pending = device->outboxPendingCount();
    HostileServer server(HostileServer::Mode::HugeChunked);
    auto endpoint = endpointFor(server);
    endpoint.maxAnswerBytes = 1024 * 1024;
    sync::SyncClient client(*device, endpoint);
    auto result = client.push();
    CHECK(result.failure == sync::SyncFailure::ServerError);
    CHECK(result.message.find("refused the server's answer") != std::string::npos);
    CHECK(result.message.find("1048576") != std::string::npos);
    CHECK(device->outboxPendingCount() == pending);
}

TEST_CASE("a server trickling one byte every 5 s is abandoned at the request deadline") {
    TempDir dir;
    auto device = deviceWithOneVisit(dir.path());
    const auto pending = device->outboxPendingCount();
    HostileServer server(HostileServer::Mode::Trickle, std::chrono::seconds(5));
    auto endpoint = endpointFor(server);
    endpoint.requestDeadline = std::chrono::milliseconds(1500);
    // Each byte comes well within the read timeout, so only the overall deadline can end this.
    endpoint.readTimeout = std::chrono::milliseconds(15000);
    sync::SyncClient client(*device, endpoint);
    auto start = std::chrono::steady_clock::now();
    auto result = client.push();
    const double elapsed = secondsSince(start);
    INFO("returned after " << elapsed << " s");
    CHECK(result.failure == sync::SyncFailure::Offline);
    CHECK(result.message.find("request deadline") != std::string::npos);
    CHECK(elapsed >= 1.4);
    CHECK(elapsed < 5.0); // the server trickles for 60 s: without the deadline this waits for it
    CHECK(device->outboxPendingCount() == pending);
}
