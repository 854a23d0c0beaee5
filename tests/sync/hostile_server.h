// HostileServer: a plain-TCP HTTP server on 127.0.0.1 that misbehaves on purpose, for the
// client's limits and deadlines (issue 17.7) and the lock that never waits (issue 12.5):
//   HugeDeclared  answers "Content-Length: 256 MiB" and streams zeros as fast as it can
//   HugeChunked   streams a chunked answer with no length, 64 KiB chunks, up to 256 MiB
//   Trickle       sends the status line, then one header byte every `trickleInterval`, for ever
//                 (until the server is destroyed, or after 60 s at most)
// Clients reach it with ServerEndpoint::plainHttpForDevelopment. Every wait in it is bounded.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace heard::synctest {

class HostileServer {
public:
    enum class Mode { HugeDeclared, HugeChunked, Trickle };
    explicit HostileServer(Mode mode, std::chrono::milliseconds trickleInterval = std::chrono::seconds(5));
    ~HostileServer();
    HostileServer(const HostileServer&) = delete;
    HostileServer& operator=(const HostileServer&) = delete;

    int port() const { return m_port; }
    int requestsSeen() const { return m_requests.load(); } // requests whose headers were read
    long long bytesSent() const { return m_bytesSent.load(); }
    // Waits (at most `limit`) until a request has been read and the misbehaviour has begun.
    bool waitForRequest(std::chrono::milliseconds limit);

private:
    void acceptLoop();
    void serve(int client);
    bool pause(std::chrono::milliseconds d); // false when the server is stopping

    Mode m_mode;
    std::chrono::milliseconds m_interval;
    int m_listener = -1;
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_requests{0};
    std::atomic<long long> m_bytesSent{0};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::thread m_acceptThread;
    std::vector<std::thread> m_connections;
    std::vector<int> m_sockets;
};

} // namespace heard::synctest
