#include "hostile_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

namespace heard::synctest {

namespace {
constexpr long long kHugeBytes = 256LL * 1024 * 1024;

bool sendAll(int socket, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        ssize_t n = ::send(socket, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}
} // namespace

HostileServer::HostileServer(Mode mode, std::chrono::milliseconds trickleInterval)
    : m_mode(mode), m_interval(trickleInterval) {
    m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    ::setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_listener, 16) != 0)
        throw std::runtime_error("hostile server cannot listen");
    socklen_t length = sizeof address;
    ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length);
    m_port = ntohs(address.sin_port);
    m_acceptThread = std::thread([this] { acceptLoop(); });
}

HostileServer::~HostileServer() {
    m_stopping = true;
    m_wake.notify_all();
    ::shutdown(m_listener, SHUT_RDWR);
    ::close(m_listener);
    if (m_acceptThread.joinable()) m_acceptThread.join();
    std::vector<std::thread> connections;
    {
        std::lock_guard lock(m_mutex);
        for (int s : m_sockets)
            if (s >= 0) ::shutdown(s, SHUT_RDWR);
        connections.swap(m_connections);
    }
    m_wake.notify_all();
    for (auto& t : connections)
        if (t.joinable()) t.join(); // serve() takes m_mutex as it ends: joined without it
}

bool HostileServer::waitForRequest(std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (m_requests.load() == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return m_requests.load() > 0;
}

bool HostileServer::pause(std::chrono::milliseconds d) {
    std::unique_lock lock(m_mutex);
    m_wake.wait_for(lock, d, [this] { return m_stopping.load(); });
    return !m_stopping;
}

void HostileServer::acceptLoop() {
    while (!m_stopping) {
        pollfd p{m_listener, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        int client = ::accept(m_listener, nullptr, nullptr);
        if (client < 0) continue;
        std::lock_guard lock(m_mutex);
        m_sockets.push_back(client);
        m_connections.emplace_back([this, client] { serve(client); });
    }
}

void HostileServer::serve(int client) {
    // Read the request head (and whatever body came with it); bounded in time.
    std::string head;
    char buffer[65536];
    auto readDeadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (head.find("\r\n\r\n") == std::string::npos && !m_stopping &&
           std::chrono::steady_clock::now() < readDeadline) {
        pollfd p{client, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        head.append(buffer, static_cast<std::size_t>(n));
    }
    if (head.find("\r\n\r\n") != std::string::npos) {
        ++m_requests;
        const std::string zeros(65536, '0');
        switch (m_mode) {
        case Mode::HugeDeclared:
            if (sendAll(client, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                    std::to_string(kHugeBytes) + "\r\n\r\n"))
                for (long long sent = 0; sent < kHugeBytes && !m_stopping; sent += zeros.size()) {
                    if (!sendAll(client, zeros)) break;
                    m_bytesSent += static_cast<long long>(zeros.size());
                }
            break;
        case Mode::HugeChunked:
            if (sendAll(client, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n"))
                for (long long sent = 0; sent < kHugeBytes && !m_stopping; sent += zeros.size()) {
                    if (!sendAll(client, "10000\r\n" + zeros + "\r\n")) break;
                    m_bytesSent += static_cast<long long>(zeros.size());
                }
            break;
        case Mode::Trickle: {
            // The status line, then a header that never ends: the client has no body to count.
            if (!sendAll(client, "HTTP/1.1 200 OK\r\nX-Slow: ")) break;
            auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
            while (std::chrono::steady_clock::now() < end && pause(m_interval)) {
                if (!sendAll(client, "a")) break;
                ++m_bytesSent;
            }
            break;
        }
        }
    }
    ::shutdown(client, SHUT_RDWR);
    std::lock_guard lock(m_mutex);
    for (auto& s : m_sockets)
        if (s == client) s = -1;
    ::close(client);
}

} // namespace heard::synctest
