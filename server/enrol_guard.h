// What makes enrolment (sign-in with a password) hard to brute-force or probe (issue 17, item 4).
//
//   - Lockout with a growing delay, per account name and per client address. The counts live in
//     the database (ServerStore::recordAuthFailure), so every heard-server instance sharing one
//     PostgreSQL sees the same lockout. A name that does not exist is counted like one that does.
//   - Equal work: an unknown or inactive account's password is checked against a dummy Argon2id
//     hash, so the answer takes as long as for a real account.
//   - A cap on concurrent password hashes (each Argon2id check takes 64 MiB): beyond it the server
//     answers 503 with Retry-After at once, instead of queueing the work in memory.
#pragma once

#include "server/server_store.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace heard::server {

struct EnrolLimits {
    std::int64_t accountFreeFailures = 5;   // wrong passwords per account name before any delay
    std::int64_t addressFreeFailures = 20;  // per client address (offices share one address)
    std::chrono::seconds firstDelay{2};     // then doubling with each further failure...
    std::chrono::seconds maxDelay{15 * 60}; // ...up to this
    std::chrono::hours forgetAfter{24};     // an account's count with no failure for this long starts again
    // An address's count is forgotten sooner: many tablets may share one office or NAT address,
    // and a day's worth of their typing mistakes must not lock them all out.
    std::chrono::minutes addressForgetAfter{60};
    std::size_t maxConcurrentHashes = 4;
    std::chrono::seconds busyRetryAfter{2}; // what a 503 tells the client
};

class EnrolGuard {
public:
    EnrolGuard(EnrolLimits limits, ServerStore& store);

    // Seconds the caller must still wait before another try with this account from this address
    // (0: go ahead). Nothing is counted.
    std::int64_t retryAfter(const std::string& account, const std::string& address, std::int64_t nowMs);
    void failed(const std::string& account, const std::string& address, std::int64_t nowMs);
    void succeeded(const std::string& account);

    // A slot for one password hash; empty (false) when maxConcurrentHashes are running.
    class HashSlot {
    public:
        explicit HashSlot(std::atomic<std::size_t>* running) : m_running(running) {}
        ~HashSlot();
        HashSlot(HashSlot&& other) noexcept : m_running(other.m_running) { other.m_running = nullptr; }
        HashSlot(const HashSlot&) = delete;
        HashSlot& operator=(const HashSlot&) = delete;
        HashSlot& operator=(HashSlot&&) = delete;
        explicit operator bool() const { return m_running != nullptr; }

    private:
        std::atomic<std::size_t>* m_running;
    };
    HashSlot tryHashSlot();

    const EnrolLimits& limits() const { return m_limits; }

    // The delay after `failures` failures when `free` are allowed without one, in seconds.
    static std::int64_t delaySeconds(const EnrolLimits& limits, std::int64_t failures, std::int64_t free);

private:
    std::int64_t waitFor(const std::string& key, std::int64_t free, std::int64_t forgetMs,
                         std::int64_t nowMs);

    EnrolLimits m_limits;
    ServerStore& m_store;
    std::atomic<std::size_t> m_hashing{0};
};

// An Argon2id hash of a random password, made once per process with the same cost as real ones:
// unknown names are checked against it so they cost the same work.
const std::string& dummyPasswordHash();

} // namespace heard::server
