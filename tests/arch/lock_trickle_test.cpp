// arch.lock_trickle: lock never waits on the network. The app is signed in, then its server
// is reached through a relay that trickles the server's bytes back one at a time, so no
// answer (not even the TLS handshake) finishes for minutes. With a sync cycle stuck in a request, lock
// returns at once and the next frame is the lock screen; the store closes on a closer thread once the sync
// thread has stopped.
#include "tests/sync/sync_test_support.h"

#include "app/ui/app.h"
#include "platform/test_driver.h"
#include "sync/sync_client.h"
#include "tests/support/headless_window.h"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <chrono>
#include <thread>
#include <vector>

using namespace heard;

namespace {

// A relay on 127.0.0.1 in front of the real heard-server that passes the client's bytes on at
// once and the server's back one byte every 200 ms: the TLS handshake and every answer crawl,
// and each byte resets the client's read timeout. It stops when told, or after 60 s at most.
class TricklingRelay {
public:
    explicit TricklingRelay(int upstreamPort) : m_upstreamPort(upstreamPort) {
        m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(m_listener, 16) == 0);
        socklen_t length = sizeof address;
        ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { run(); });
    }
    ~TricklingRelay() {
        m_stop = true;
        m_thread.join();
        ::close(m_listener);
    }
    int port() const { return m_port; }
    int accepted() const { return m_accepted; }

private:
    struct Pair {
        int client, upstream;
        std::string towardsClient; // what the server said, not yet trickled on
        bool closed = false;
    };

    int connectUpstream() const {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(uint16_t(m_upstreamPort));
        if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            ::close(fd);
            return -1;
        }
        return fd;
    }

    void run() {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        auto nextByte = std::chrono::steady_clock::now();
        while (!m_stop && std::chrono::steady_clock::now() < until) {
            std::vector<pollfd> fds{{m_listener, POLLIN, 0}};
            for (const Pair& pair : m_pairs) { // a closed pair is polled for nothing
                fds.push_back({pair.client, short(pair.closed ? 0 : POLLIN), 0});
                fds.push_back({pair.upstream, short(pair.closed ? 0 : POLLIN), 0});
            }
            ::poll(fds.data(), fds.size(), 20);
            if (fds[0].revents & POLLIN) {
                const int client = ::accept(m_listener, nullptr, nullptr);
                const int upstream = client >= 0 ? connectUpstream() : -1;
                if (upstream >= 0) {
                    m_pairs.push_back({client, upstream, {}, false});
                    ++m_accepted;
                } else if (client >= 0) {
                    ::close(client);
                }
            }
            char buffer[4096];
            for (size_t i = 0; i < m_pairs.size() && 1 + 2 * i + 1 < fds.size(); ++i) {
                Pair& pair = m_pairs[i];
                if (pair.closed) continue;
                if (fds[1 + 2 * i].revents & (POLLIN | POLLHUP | POLLERR)) { // client -> server: at once
                    const ssize_t n = ::recv(pair.client, buffer, sizeof buffer, 0);
                    if (n > 0)
                        ::send(pair.upstream, buffer, size_t(n), MSG_NOSIGNAL);
                    else
                        pair.closed = true; // the client gave up: stop relaying it
                }
                if (fds[2 + 2 * i].revents & (POLLIN | POLLHUP | POLLERR)) { // server -> client: queued
                    const ssize_t n = ::recv(pair.upstream, buffer, sizeof buffer, 0);
                    if (n > 0)
                        pair.towardsClient.append(buffer, size_t(n));
                    else
                        pair.closed = true;
                }
            }
            if (std::chrono::steady_clock::now() >= nextByte) {
                nextByte += std::chrono::milliseconds(200);
                for (Pair& pair : m_pairs)
                    if (!pair.closed && !pair.towardsClient.empty()) {
                        ::send(pair.client, pair.towardsClient.data(), 1, MSG_NOSIGNAL);
                        pair.towardsClient.erase(0, 1);
                    }
            }
        }
        for (const Pair& pair : m_pairs) { // hang up: a client still waiting gets an end
            ::close(pair.client);
            ::close(pair.upstream);
        }
    }

    int m_upstreamPort;
    int m_listener = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_accepted{0};
    std::vector<Pair> m_pairs;
    std::thread m_thread;
};

} // namespace

TEST_CASE("lock returns at once while a sync request hangs on a trickling server") {
    synctest::TempDir dir;
    auto serverStore = server::openSqliteServerStore(dir.file("server.db"));
    synctest::seedOrganisation(*serverStore);
    const synctest::TestCert cert = synctest::makeCert(dir.path(), "server");
    {
        synctest::ServerHarness harness(*serverStore, cert);
        TricklingRelay trickle(harness.port());
        auto window = test::headlessWindow(1280, 1600);
        ui::AppOptions options;
        options.dataDir = dir.file("device");
        options.fastKeyDerivationForTests = true;
        options.orgConfig = synctest::orgConfigFor(cert, harness.port());
        options.watchNetwork = false;
        ui::App app(*window, options);
        platform::TestDriver driver(*window, [&app] { app.runOneFrame(); });
        app.createStore("Ada Testperson", "Family Court Adviser", synctest::kDevicePassphrase);
        app.syncControl().enrolForm.username = synctest::kPractitioner;
        app.syncControl().enrolForm.password = synctest::kPassword;
        app.enrol();
        REQUIRE(
            test::framesUntil(driver, [&] { return app.enrolled() && !app.syncControl().enrolForm.busy; }));

        // The central system now answers from the trickling server: lock, point there, unlock.
        app.store()->setSetting(sync::setting::kServerPort, std::to_string(trickle.port()));
        app.lock();
        app.unlock(synctest::kDevicePassphrase);
        REQUIRE(app.unlocked());
        app.syncNow();
        REQUIRE(test::framesUntil(driver, [&] {
            const auto status = app.syncStatus();
            return trickle.accepted() > 0 && status && status->state == sync::SyncState::Syncing;
        }));
        std::this_thread::sleep_for(std::chrono::milliseconds(300)); // well inside the hanging request

        const auto before = std::chrono::steady_clock::now();
        app.lock();
        const auto took = std::chrono::steady_clock::now() - before;
        CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(took).count() < 100);
        CHECK_FALSE(app.unlocked());
        driver.frames(1);
        CHECK((app.screen() == ui::ScreenId::Unlock));
        CHECK(driver.has("unlock.passphrase"));
        CHECK_FALSE(driver.has("caseload.sync_now"));
    } // the app's closer finishes stopping the sync thread before the store is destroyed
}
