// hardening.server_connections (issue 17, items 3 and 10): idle sockets that never start TLS
// cannot starve heard-server, one address cannot hold more than its share of connections, a
// stalled handshake is cut, and only TLS 1.2+ with forward-secret (ECDHE) suites is offered.
#include "../sync/sync_test_support.h"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace heard;
using namespace heard::synctest;
using Clock = std::chrono::steady_clock;

namespace {

// A plain TCP connection from `source` (any 127.x address) to the server that never speaks.
int idleConnection(int port, const char* source = "127.0.0.1") {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &local.sin_addr);
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// True once the server has closed (or reset) the connection.
bool closedByServer(int fd) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) return false;
    char byte;
    return ::recv(fd, &byte, 1, MSG_DONTWAIT) <= 0;
}

// Keeps `count` idle connections open from `source`, reopening any the server closes, until
// destroyed: the attack from the issue (32 sockets that never start TLS).
class IdleCrowd {
public:
    IdleCrowd(int port, std::size_t count, const char* source) : m_port(port), m_source(source) {
        m_fds.assign(count, -1);
        m_thread = std::thread([this] {
            while (!m_stop) {
                for (auto& fd : m_fds) {
                    if (fd >= 0 && closedByServer(fd)) {
                        ::close(fd);
                        fd = -1;
                        ++m_reopened;
                    }
                    if (fd < 0) fd = idleConnection(m_port, m_source);
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            for (int fd : m_fds)
                if (fd >= 0) ::close(fd);
        });
    }
    ~IdleCrowd() {
        m_stop = true;
        m_thread.join();
    }
    std::size_t reopened() const { return m_reopened; }

private:
    int m_port;
    const char* m_source;
    std::vector<int> m_fds;
    std::atomic<bool> m_stop{false};
    std::atomic<std::size_t> m_reopened{0};
    std::thread m_thread;
};

std::string runCommand(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return out;
    std::array<char, 4096> buffer{};
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        out.append(buffer.data(), n);
    ::pclose(pipe);
    return out;
}

struct Org {
    TempDir dir;
    TestCert cert = makeCert(dir.path(), "server");
    std::unique_ptr<server::ServerStore> store = server::openSqliteServerStore(dir.file("server.db"));
    Org() { seedOrganisation(*store); }
};

} // namespace

TEST_CASE("32 idle connections that never start TLS do not stop health checks being answered") {
    Org org;
    server::ServerConfig config; // the defaults heard-server runs with (16 core workers)
    ServerHarness harness(*org.store, org.cert, config);
    auto endpoint = harness.endpoint();
    endpoint.readTimeout = std::chrono::milliseconds(8000);

    IdleCrowd crowd(harness.port(), 32, "127.0.0.1");
    std::this_thread::sleep_for(std::chrono::milliseconds(500)); // the crowd is accepted first

    // Six health checks from the same address, each allowed three tries, all within 60 s.
    const auto giveUp = Clock::now() + std::chrono::seconds(60);
    int answered = 0;
    for (int check = 0; check < 6 && Clock::now() < giveUp; ++check) {
        for (int attempt = 0; attempt < 3 && Clock::now() < giveUp; ++attempt) {
            sync::HttpsChannel channel(endpoint);
            auto result = channel.get(sync::kPathHealth);
            if (result.transportOk && result.status == 200) {
                ++answered;
                break;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    CHECK(answered == 6);
}

TEST_CASE("a crowd from another address does not starve a client, and one address is capped") {
    Org org;
    server::ServerConfig config;
    config.connectionLimits.handshakeDeadline = std::chrono::seconds(60); // only the cap acts here
    config.connectionLimits.perAddress = 16;
    ServerHarness harness(*org.store, org.cert, config);

    // 40 idle connections from 127.0.0.2: the server keeps at most 16 of them.
    std::vector<int> fds;
    for (int i = 0; i < 40; ++i) {
        fds.push_back(idleConnection(harness.port(), "127.0.0.2"));
        REQUIRE(fds.back() >= 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::size_t closed = 0;
    for (int round = 0; round < 100 && closed < 24; ++round) { // at most 10 s
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        closed = 0;
        for (int fd : fds)
            if (closedByServer(fd)) ++closed;
    }
    CHECK(closed == 24);

    // A client from 127.0.0.1 is unaffected by 127.0.0.2's sixteen.
    auto endpoint = harness.endpoint();
    endpoint.readTimeout = std::chrono::milliseconds(8000);
    sync::HttpsChannel channel(endpoint);
    auto result = channel.get(sync::kPathHealth);
    CHECK(result.transportOk);
    CHECK(result.status == 200);
    for (int fd : fds)
        ::close(fd);
}

TEST_CASE("a handshake that never starts is cut at the deadline") {
    Org org;
    server::ServerConfig config;
    config.connectionLimits.handshakeDeadline = std::chrono::milliseconds(1000);
    ServerHarness harness(*org.store, org.cert, config);
    int fd = idleConnection(harness.port());
    REQUIRE(fd >= 0);
    bool closed = false;
    for (int round = 0; round < 100 && !closed; ++round) { // at most 10 s, well short of 15 s reads
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        closed = closedByServer(fd);
    }
    CHECK(closed);
    ::close(fd);
}

TEST_CASE("TLS: suites without forward secrecy and TLS 1.1 are refused; ECDHE over TLS 1.2 works") {
    TempDir dir;
    // An RSA certificate: with it, plain RSA key exchange (AES256-SHA) is possible unless refused.
    std::string cert = dir.file("rsa.crt"), key = dir.file("rsa.key");
    REQUIRE(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -keyout '" +
                         key + "' -out '" + cert + "' >/dev/null 2>&1")
                            .c_str()) == 0);
    auto store = server::openSqliteServerStore(dir.file("server.db"));
    TestCert rsa{cert, key, readFile(cert)};
    ServerHarness harness(*store, rsa);
    auto handshake = [&](const std::string& options) {
        return runCommand("echo | timeout 20 openssl s_client -connect 127.0.0.1:" +
                          std::to_string(harness.port()) + " " + options + " 2>&1");
    };
    auto negotiated = [](const std::string& out, const std::string& cipher) {
        return out.find("Cipher is " + cipher) != std::string::npos;
    };
    std::string weak = handshake("-tls1_2 -cipher AES256-SHA");
    CHECK_MESSAGE(!negotiated(weak, "AES256-SHA"), weak);
    std::string weakGcm = handshake("-tls1_2 -cipher AES128-GCM-SHA256");
    CHECK_MESSAGE(!negotiated(weakGcm, "AES128-GCM-SHA256"), weakGcm);
    std::string cbcEcdhe = handshake("-tls1_2 -cipher ECDHE-RSA-AES128-SHA");
    CHECK_MESSAGE(!negotiated(cbcEcdhe, "ECDHE-RSA-AES128-SHA"), cbcEcdhe);
    std::string old = handshake("-tls1_1 -cipher DEFAULT@SECLEVEL=0");
    bool oldRefused =
        old.find("Cipher is ") == std::string::npos || old.find("Cipher is (NONE)") != std::string::npos;
    CHECK_MESSAGE(oldRefused, old);
    std::string good = handshake("-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256");
    CHECK_MESSAGE(negotiated(good, "ECDHE-RSA-AES128-GCM-SHA256"), good);
    std::string modern = handshake("-tls1_3");
    CHECK_MESSAGE(modern.find("TLSv1.3") != std::string::npos, modern);
}
