// scale.transport: the sync connection (issue 19.2).
// - TCP_NODELAY is on at both ends of a real heard-server connection (read back with getsockopt:
//   the client's socket through HttpsChannel's socket observer, the server's accepted socket
//   found among this process's descriptors, since the test server runs in-process).
// - A sync cycle (push then pull) uses one keep-alive connection.
// - gzip makes the bytes on the wire smaller both ways (counted by a relay between them).
#include "tests/sync/fault_proxy.h"
#include "tests/sync/sync_test_support.h"

#include "sync/sync_client.h"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <filesystem>
#include <tuple>

using namespace heard;
using namespace heard::synctest;

namespace {

int noDelay(int socket) {
    int value = -1;
    socklen_t length = sizeof value;
    if (::getsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &value, &length) != 0) return -1;
    return value;
}

int portOf(int socket, bool peer) {
    sockaddr_in address{};
    socklen_t length = sizeof address;
    int rc = peer ? ::getpeername(socket, reinterpret_cast<sockaddr*>(&address), &length)
                  : ::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length);
    if (rc != 0 || address.sin_family != AF_INET) return -1;
    return ntohs(address.sin_port);
}

// The server's accepted (connected) sockets on `port` among this process's descriptors.
std::vector<int> acceptedSockets(int port) {
    std::vector<int> out;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
        int fd = -1;
        try {
            fd = std::stoi(entry.path().filename().string());
        } catch (const std::exception&) {
            continue;
        }
        if (portOf(fd, false) == port && portOf(fd, true) > 0) out.push_back(fd);
    }
    return out;
}

struct World {
    TempDir dir;
    TestCert cert = makeCert(dir.path(), "server");
    std::unique_ptr<server::ServerStore> serverStore = server::openSqliteServerStore(dir.file("server.db"));
    std::unique_ptr<ServerHarness> harness;
    World() {
        seedOrganisation(*serverStore);
        harness = std::make_unique<ServerHarness>(*serverStore, cert);
    }
};

} // namespace

TEST_CASE("TCP_NODELAY is on at both ends of a sync connection") {
    World w;
    sync::HttpsChannel channel(w.harness->endpoint());
    int clientSocket = -1;
    channel.setSocketObserver([&](int socket) { clientSocket = socket; });
    auto result = channel.get(sync::kPathHealth);
    REQUIRE_MESSAGE(result.transportOk, result.error);
    CHECK(result.status == 200);
    REQUIRE(clientSocket >= 0);
    CHECK(portOf(clientSocket, true) == w.harness->port()); // still open: keep-alive
    CHECK(noDelay(clientSocket) == 1);
    auto accepted = acceptedSockets(w.harness->port());
    REQUIRE(!accepted.empty());
    for (int fd : accepted)
        CHECK(noDelay(fd) == 1);
}

TEST_CASE("a sync cycle uses one connection, and gzip makes the bytes on the wire smaller both ways") {
    World w;
    FaultProxy proxy(w.harness->port());
    // One device per run (each on its own case, so the two chains do not meet at the server).
    auto cycle = [&](bool compress, const std::string& caseId, const std::string& childId) {
        TempDir deviceDir;
        auto device = makeDeviceStore(deviceDir.path());
        sync::ServerEndpoint endpoint = w.harness->endpoint();
        endpoint.port = proxy.port();
        endpoint.compress = compress;
        sync::SyncClient client(*device, endpoint);
        auto enrolled = client.enrol(kPractitioner, kPassword, "tablet");
        REQUIRE_MESSAGE(enrolled.ok(), enrolled.message);
        const std::string note =
            "The child talked about school, the football team and the new puppy, and drew the house. ";
        for (int i = 0; i < 40; ++i)
            signVisit(*device, caseId, childId, false, note + note + note + note + std::to_string(i));
        const long up = proxy.bytesUp(), down = proxy.bytesDown();
        const int connections = proxy.connectionsAccepted();
        client.beginCycle();
        auto pushed = client.push();
        auto pulled = client.pull();
        client.endCycle();
        REQUIRE_MESSAGE(pushed.ok(), pushed.message);
        REQUIRE_MESSAGE(pulled.ok(), pulled.message);
        CHECK(pushed.acknowledged >= 120);
        CHECK(device->outboxPendingCount() == 0);
        return std::make_tuple(proxy.bytesUp() - up, proxy.bytesDown() - down,
                               proxy.connectionsAccepted() - connections);
    };
    // std::tie, not structured bindings: MESSAGE's lambda cannot take those (clang, C++17).
    long plainUp = 0, plainDown = 0, gzipUp = 0, gzipDown = 0;
    int plainConnections = 0, gzipConnections = 0;
    std::tie(plainUp, plainDown, plainConnections) = cycle(false, "case-a1", "child-a1");
    std::tie(gzipUp, gzipDown, gzipConnections) = cycle(true, "case-a2", "child-a2");
    MESSAGE("bytes up " << plainUp << " plain, " << gzipUp << " gzip; down " << plainDown << " plain, "
                        << gzipDown << " gzip");
    CHECK(plainConnections == 1);
    CHECK(gzipConnections == 1);
    CHECK(gzipUp * 2 < plainUp);
    CHECK(gzipDown * 10 < plainDown * 7);
}
