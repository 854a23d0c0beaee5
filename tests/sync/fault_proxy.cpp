#include "fault_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace heard::synctest {

namespace {
constexpr long kRequestPhaseBytes = 3000;
}

FaultProxy::FaultProxy(int upstreamPort) : m_upstreamPort(upstreamPort) {
    m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    ::setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_listener, 64) != 0)
        throw std::runtime_error("fault proxy cannot listen");
    socklen_t length = sizeof address;
    ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length);
    m_port = ntohs(address.sin_port);
    m_acceptThread = std::thread([this] { acceptLoop(); });
}

FaultProxy::~FaultProxy() {
    m_stopping = true;
    ::shutdown(m_listener, SHUT_RDWR);
    ::close(m_listener);
    if (m_acceptThread.joinable()) m_acceptThread.join();
    std::lock_guard lock(m_mutex);
    for (auto& t : m_connections)
        if (t.joinable()) t.join();
}

void FaultProxy::cutResponsesAfter(std::size_t bytes, int connections) {
    m_delayMs = 0;
    m_cutAfter = static_cast<long>(bytes);
    m_faultyConnections = connections;
}

void FaultProxy::delayResponses(int milliseconds, int connections) {
    m_cutAfter = -1;
    m_delayMs = milliseconds;
    m_faultyConnections = connections;
}

void FaultProxy::acceptLoop() {
    while (!m_stopping) {
        pollfd p{m_listener, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        int client = ::accept(m_listener, nullptr, nullptr);
        if (client < 0) continue;
        ++m_accepted;
        std::lock_guard lock(m_mutex);
        m_connections.emplace_back([this, client] { relay(client); });
    }
}

void FaultProxy::relay(int client) {
    bool faulty = false;
    int expected = m_faultyConnections.load();
    while (expected > 0 && !faulty)
        faulty = m_faultyConnections.compare_exchange_weak(expected, expected - 1);
    long cutAfter = faulty ? m_cutAfter.load() : -1;
    int delayMs = faulty ? m_delayMs.load() : 0;

    int upstream = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(m_upstreamPort));
    if (::connect(upstream, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(upstream);
        ::close(client);
        return;
    }
    long forwardedDown = 0; // server-to-client bytes after the request phase began
    long forwardedUp = 0;
    bool delayed = false;
    char buffer[16384];
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!m_stopping && std::chrono::steady_clock::now() < deadline) {
        pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
        if (::poll(fds, 2, 100) <= 0) continue;
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
            if (n <= 0 || ::send(upstream, buffer, static_cast<size_t>(n), MSG_NOSIGNAL) != n) break;
            forwardedUp += n;
            m_bytesUp += n;
        }
        if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = ::recv(upstream, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            // Faults apply to the response phase only, i.e. after the client has sent a request
            // body (the TLS handshake is far smaller than kRequestPhaseBytes).
            bool responsePhase = forwardedUp > kRequestPhaseBytes;
            if (!responsePhase) {
                if (::send(client, buffer, static_cast<size_t>(n), MSG_NOSIGNAL) != n) break;
                m_bytesDown += n;
                continue;
            }
            if (delayMs > 0 && !delayed) {
                delayed = true;
                ++m_injected;
                std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
            }
            if (cutAfter >= 0 && forwardedDown + n > cutAfter) {
                // Forward only up to the cut, then drop the connection: the client sees a reset
                // or a truncated response.
                long part = cutAfter - forwardedDown;
                if (part > 0) ::send(client, buffer, static_cast<size_t>(part), MSG_NOSIGNAL);
                ++m_injected;
                break;
            }
            if (::send(client, buffer, static_cast<size_t>(n), MSG_NOSIGNAL) != n) break;
            forwardedDown += n;
            m_bytesDown += n;
        }
    }
    ::shutdown(client, SHUT_RDWR);
    ::shutdown(upstream, SHUT_RDWR);
    ::close(client);
    ::close(upstream);
}

} // namespace heard::synctest
