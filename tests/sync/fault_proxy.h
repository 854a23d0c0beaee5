// FaultProxy: a loopback TCP relay between the sync client and heard-server that can misbehave
// on purpose: cut the server's response after some bytes (a connection dropped mid-response) or
// hold the response back (a slow server). TLS passes through it untouched, so the client still
// verifies the real server's certificate. Every wait in it is bounded.
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

namespace heard::synctest {

class FaultProxy {
public:
    explicit FaultProxy(int upstreamPort);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    int port() const { return m_port; }

    // The next `connections` connections misbehave; later ones relay faithfully. Faults hit the
    // response phase only: after the client has sent more than 3000 bytes (a request body, well
    // past the TLS handshake), so requests under test must be larger than that.
    void cutResponsesAfter(std::size_t bytes, int connections);
    void delayResponses(int milliseconds, int connections);
    int faultsInjected() const { return m_injected.load(); }
    // What passed through so far: connections accepted, bytes client->server and server->client.
    int connectionsAccepted() const { return m_accepted.load(); }
    long bytesUp() const { return m_bytesUp.load(); }
    long bytesDown() const { return m_bytesDown.load(); }

private:
    void acceptLoop();
    void relay(int client);

    int m_upstreamPort;
    int m_listener = -1;
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::atomic<long> m_cutAfter{-1};
    std::atomic<int> m_delayMs{0};
    std::atomic<int> m_faultyConnections{0};
    std::atomic<int> m_injected{0};
    std::atomic<int> m_accepted{0};
    std::atomic<long> m_bytesUp{0};
    std::atomic<long> m_bytesDown{0};
    std::thread m_acceptThread;
    std::mutex m_mutex;
    std::vector<std::thread> m_connections;
};

} // namespace heard::synctest
