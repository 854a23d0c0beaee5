#include "server/enrol_guard.h"

#include "server/heard_server.h"
#include "sync/protocol.h"

#include <algorithm>

namespace heard::server {

namespace {
std::string accountKey(const std::string& account) {
    return "account:" + account;
}
std::string addressKey(const std::string& address) {
    return "address:" + address;
}
} // namespace

EnrolGuard::EnrolGuard(EnrolLimits limits, ServerStore& store) : m_limits(limits), m_store(store) {
    if (m_limits.maxConcurrentHashes == 0) m_limits.maxConcurrentHashes = 1;
}

std::int64_t EnrolGuard::delaySeconds(const EnrolLimits& limits, std::int64_t failures, std::int64_t free) {
    if (failures < free) return 0;
    std::int64_t doublings = std::min<std::int64_t>(failures - free, 30);
    std::int64_t delay = limits.firstDelay.count() << doublings;
    return std::min<std::int64_t>(delay, limits.maxDelay.count());
}

namespace {
template <typename Duration> std::int64_t toMs(Duration d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}
} // namespace

std::int64_t EnrolGuard::waitFor(const std::string& key, std::int64_t free, std::int64_t forgetMs,
                                 std::int64_t nowMs) {
    AuthThrottle state = m_store.authThrottle(key);
    if (state.failures == 0) return 0;
    if (nowMs - state.lastFailureMs > forgetMs) return 0;
    std::int64_t until = state.lastFailureMs + 1000 * delaySeconds(m_limits, state.failures, free);
    // A clock set back (another instance ahead, or an adjustment) never shortens or lengthens a
    // lock beyond its own delay.
    std::int64_t remainingMs = std::clamp<std::int64_t>(until - nowMs, 0, 1000 * m_limits.maxDelay.count());
    return (remainingMs + 999) / 1000;
}

std::int64_t EnrolGuard::retryAfter(const std::string& account, const std::string& address,
                                    std::int64_t nowMs) {
    std::int64_t wait =
        waitFor(accountKey(account), m_limits.accountFreeFailures, toMs(m_limits.forgetAfter), nowMs);
    if (!address.empty())
        wait = std::max(wait, waitFor(addressKey(address), m_limits.addressFreeFailures,
                                      toMs(m_limits.addressForgetAfter), nowMs));
    return wait;
}

void EnrolGuard::failed(const std::string& account, const std::string& address, std::int64_t nowMs) {
    m_store.recordAuthFailure(accountKey(account), nowMs, toMs(m_limits.forgetAfter));
    if (!address.empty())
        m_store.recordAuthFailure(addressKey(address), nowMs, toMs(m_limits.addressForgetAfter));
}

void EnrolGuard::succeeded(const std::string& account) {
    // Only the account's count: clearing the address's would let one valid sign-in reset a
    // guesser's count for every other name.
    m_store.clearAuthFailures(accountKey(account));
}

EnrolGuard::HashSlot::~HashSlot() {
    if (m_running) m_running->fetch_sub(1);
}

EnrolGuard::HashSlot EnrolGuard::tryHashSlot() {
    std::size_t running = m_hashing.load();
    while (running < m_limits.maxConcurrentHashes)
        if (m_hashing.compare_exchange_weak(running, running + 1)) return HashSlot(&m_hashing);
    return HashSlot(nullptr);
}

const std::string& dummyPasswordHash() {
    static const std::string hash = hashPassword(sync::randomHex(32));
    return hash;
}

} // namespace heard::server
