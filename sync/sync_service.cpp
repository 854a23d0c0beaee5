#include "sync/sync_service.h"

#include <algorithm>
#include <cmath>

namespace heard::sync {

const char* syncStateName(SyncState state) {
    switch (state) {
    case SyncState::Idle:
        return "idle";
    case SyncState::Syncing:
        return "syncing";
    case SyncState::WaitingRetry:
        return "waiting_retry";
    case SyncState::NotEnrolled:
        return "not_enrolled";
    case SyncState::Stopped:
        return "stopped";
    }
    return "stopped";
}

std::chrono::milliseconds BackoffPolicy::delayAfter(int failures, double random) const {
    double exponent = std::min(failures - 1, 20);
    double raw = static_cast<double>(base.count()) * std::pow(2.0, exponent);
    double capped = std::min(raw, static_cast<double>(cap.count()));
    // "Equal jitter": half fixed, half random, so devices that failed together spread out but
    // never retry immediately.
    return std::chrono::milliseconds(static_cast<long long>(capped * (0.5 + 0.5 * random)));
}

SyncService::SyncService(storage::Store& store, ServerEndpoint endpoint, DeviceActions actions,
                         BackoffPolicy policy)
    : m_store(store), m_client(store, std::move(endpoint), std::move(actions), m_cancel), m_policy(policy),
      m_random(std::random_device{}()) {}

SyncService::~SyncService() {
    stop();
}

void SyncService::setOnChange(std::function<void()> onChange) {
    m_onChange = std::move(onChange);
}

void SyncService::start() {
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable()) return;
    m_stopRequested = false;
    m_cancel->reset();
    m_runRequested = true; // a first cycle at start
    m_status.state = SyncState::Idle;
    m_thread = std::thread([this] { run(); });
}

void SyncService::requestStop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopRequested = true;
    }
    m_cancel->cancel(); // never blocks: flags and socket shutdowns only
    m_wake.notify_all();
}

void SyncService::join() {
    if (m_thread.joinable()) m_thread.join();
    update([](SyncStatus& s) { s.state = SyncState::Stopped; });
}

void SyncService::stop() {
    requestStop();
    join();
}

void SyncService::syncNow() {
    {
        std::lock_guard lock(m_mutex);
        m_runRequested = true;
    }
    m_wake.notify_all();
}

void SyncService::connectivityChanged() {
    syncNow();
}

SyncStatus SyncService::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

std::uint64_t SyncService::cyclesCompleted() const {
    std::lock_guard lock(m_mutex);
    return m_cycles;
}

bool SyncService::settled() const {
    std::lock_guard lock(m_mutex);
    return !m_runRequested && !m_inCycle;
}

void SyncService::update(const std::function<void(SyncStatus&)>& change) {
    {
        std::lock_guard lock(m_mutex);
        change(m_status);
    }
    if (m_onChange) m_onChange();
}

void SyncService::run() {
    std::unique_lock lock(m_mutex);
    while (!m_stopRequested) {
        std::chrono::milliseconds wait =
            m_status.state == SyncState::WaitingRetry ? m_status.nextAttemptIn : m_policy.periodic;
        m_wake.wait_for(lock, wait, [this] { return m_stopRequested || m_runRequested; });
        if (m_stopRequested) break;
        if (m_status.state == SyncState::Stopped && !m_runRequested) continue;
        m_runRequested = false;
        m_inCycle = true;
        lock.unlock();
        runCycle();
        lock.lock();
        m_inCycle = false;
        ++m_cycles;
    }
}

void SyncService::runCycle() {
    bool enrolled = false;
    try {
        enrolled = m_client.enrolled();
    } catch (const std::exception& e) {
        update(
            [&](SyncStatus& s) { s.lastError = std::string("cannot read the sync settings: ") + e.what(); });
        return;
    }
    if (!enrolled) {
        update([](SyncStatus& s) {
            s.state = SyncState::NotEnrolled;
            s.lastError = "this device is not enrolled";
        });
        return;
    }
    std::size_t pending = 0, quarantined = 0;
    try {
        pending = m_store.outboxPendingCount();
        quarantined = m_store.outboxQuarantined().size();
    } catch (const std::exception& e) {
        update([&](SyncStatus& s) { s.lastError = std::string("cannot read the outbox: ") + e.what(); });
        return;
    }
    update([&](SyncStatus& s) {
        s.state = SyncState::Syncing;
        s.progress = 0.0;
        s.pendingCount = pending;
        s.quarantinedCount = quarantined;
    });
    StepResult result;
    std::size_t pushed = 0;
    try {
        m_client.beginCycle(); // one keep-alive connection for the whole cycle
        result = m_client.push(1000, [&](std::size_t done, std::size_t total) {
            update([&](SyncStatus& s) {
                s.progress =
                    total == 0 ? 1.0 : std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
                s.pendingCount = total > done ? total - done : 0;
            });
        });
        pushed = result.acknowledged;
        if (result.ok()) {
            std::size_t heldBack = result.retried;
            result = m_client.pull();
            result.retried = heldBack; // the push's count decides the retry delay below
        }
    } catch (const std::exception& e) {
        result.failure = SyncFailure::ServerError;
        result.message = std::string("sync failed: ") + e.what();
    }
    m_client.endCycle();
    if (result.failure == SyncFailure::Cancelled || m_cancel->cancelled()) return; // stopping: no retry
    std::size_t pendingAfter = 0, quarantinedAfter = 0;
    try {
        pendingAfter = m_store.outboxPendingCount();
        quarantinedAfter = m_store.outboxQuarantined().size();
    } catch (const std::exception&) {
    }
    if (result.ok()) {
        std::string now = storage::formatIsoUtc(std::chrono::system_clock::now());
        // Kept on disk for the next start, at most once a minute: each write is a durable commit
        // and idle cycles should cost none (the status in memory is always exact).
        const auto steadyNow = std::chrono::steady_clock::now();
        if (!m_lastSuccessSaved || steadyNow - *m_lastSuccessSaved >= std::chrono::minutes(1) || pushed > 0) {
            try {
                m_store.setSetting(setting::kLastSuccess, now);
                m_lastSuccessSaved = steadyNow;
            } catch (const std::exception&) {
            }
        }
        update([&](SyncStatus& s) {
            s.state = SyncState::Idle;
            s.progress = 1.0;
            s.pendingCount = pendingAfter;
            s.quarantinedCount = quarantinedAfter;
            s.lastError.clear();
            s.lastFailure = SyncFailure::None;
            s.lastSuccess = now;
            s.consecutiveFailures = 0;
            s.nextAttemptIn = std::chrono::milliseconds(0);
        });
        // Entries held back by the server (e.g. a predecessor still on its way) are retried soon,
        // but with growing delays, so an entry that can never be stored (its predecessor was
        // quarantined) does not keep the radio busy.
        if (result.retried > 0 && pendingAfter > 0) {
            ++m_heldBackStreak;
            double random = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
            std::lock_guard lock(m_mutex);
            m_status.state = SyncState::WaitingRetry;
            m_status.nextAttemptIn = m_policy.delayAfter(m_heldBackStreak, random);
        } else {
            m_heldBackStreak = 0;
        }
        return;
    }
    double random = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
    update([&](SyncStatus& s) {
        s.pendingCount = pendingAfter;
        s.quarantinedCount = quarantinedAfter;
        s.lastError = result.message;
        s.lastFailure = result.failure;
        s.consecutiveFailures += 1;
        if (result.failure == SyncFailure::Revoked) {
            s.state = SyncState::Stopped; // nothing will change until an administrator acts
        } else if (result.failure == SyncFailure::NotEnrolled ||
                   result.failure == SyncFailure::Unauthorised) {
            s.state = SyncState::NotEnrolled;
        } else {
            s.state = SyncState::WaitingRetry;
            s.nextAttemptIn = std::max<std::chrono::milliseconds>(
                m_policy.delayAfter(s.consecutiveFailures, random), result.retryAfter);
        }
    });
}

} // namespace heard::sync
