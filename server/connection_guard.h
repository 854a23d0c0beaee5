// What keeps heard-server answering when some of its clients are hostile (issue 17, item 3), and
// the TLS policy it offers (item 10).
//
//   applyTlsPolicy       TLS 1.2 minimum, ECDHE key exchange only (forward secrecy), no
//                        renegotiation, the server's suite order; set explicitly rather than
//                        trusting the OpenSSL build's defaults.
//   ConnectionGuard      watches every TLS connection from the moment its handshake starts (an
//                        OpenSSL info callback, so it needs no change to cpp-httplib): a handshake
//                        that has not finished within the deadline is cut (shutdown(2) wakes the
//                        worker blocked on it), and when one peer address has more than
//                        `perAddress` unfinished handshakes, its oldest ones that have waited
//                        longer than `evictAfter` are cut (a real client's handshake takes a few
//                        round trips; a newcomer is never refused, so a burst of tablets behind
//                        one office address is not turned away).
//   newGrowingTaskQueue  the worker pool: `core` threads, growing up to `max` while every worker is
//                        busy, so a handful of idle sockets cannot leave a health check queued
//                        behind them.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

struct ssl_ctx_st;
namespace httplib {
class TaskQueue;
}

namespace heard::server {

struct ConnectionLimits {
    std::chrono::milliseconds handshakeDeadline{5000}; // from the first TLS byte awaited to Finished
    std::size_t perAddress = 16; // unfinished handshakes per peer address before stale ones are cut
    std::chrono::milliseconds evictAfter{2000}; // how long a handshake may wait before it counts as stale
    std::size_t maxWorkers = 256;               // the pool never grows beyond this
};

// Applies the TLS policy to a server context. Throws std::runtime_error if OpenSSL refuses it.
void applyTlsPolicy(ssl_ctx_st* context);

class ConnectionGuard {
public:
    explicit ConnectionGuard(ConnectionLimits limits);
    ~ConnectionGuard(); // the server must have stopped (every connection freed) before this
    ConnectionGuard(const ConnectionGuard&) = delete;
    ConnectionGuard& operator=(const ConnectionGuard&) = delete;

    // Watches every connection made on context from now on.
    void attach(ssl_ctx_st* context);

    struct Counts {
        std::size_t open = 0;          // connections being watched now
        std::size_t cutByDeadline = 0; // handshakes cut for taking too long
        std::size_t evicted = 0;       // cut because their address had too many handshakes
    };
    Counts counts() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// A cpp-httplib task queue (owned by the caller, as httplib::Server::new_task_queue expects).
httplib::TaskQueue* newGrowingTaskQueue(std::size_t core, std::size_t max);

} // namespace heard::server
