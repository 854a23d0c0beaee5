// SyncService: runs SyncClient on its own thread so the UI never waits on the network.
//
// A cycle is push (outbox, high-risk first) then pull. Cycles run when the app calls syncNow(),
// when it reports that a connection appeared (connectivityChanged()), and on a timer. Failures
// back off exponentially with full jitter (base * 2^n, capped, times a random factor in [0.5, 1]).
// The status is a plain struct, copied under a mutex; onChange is called (on the sync thread)
// whenever it changes, so the app can push an SDL user event to wake its loop. This code never
// touches SDL or ImGui. DeviceActions (lock, wipe, removeCase) are also called on the sync thread:
// the app should queue them for its main thread, and stop() the service before it destroys the
// Store. stop() returns promptly whatever the network does: each request has an overall deadline
// and the stop aborts the one in flight.
#pragma once

#include "sync/sync_client.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

namespace heard::sync {

enum class SyncState {
    Idle,         // nothing happening; lastSuccess says when it last worked
    Syncing,      // a cycle is running (see progress)
    WaitingRetry, // the last attempt failed; retrying at nextAttemptIn
    NotEnrolled,  // needs the practitioner to sign in while online
    Stopped,      // revoked, or the service was stopped
};
const char* syncStateName(SyncState state);

struct SyncStatus {
    SyncState state = SyncState::Stopped;
    double progress = 0.0;        // 0..1 of the outbox being sent in this cycle
    std::size_t pendingCount = 0; // outbox entries still to send
    std::size_t quarantinedCount = 0;
    std::string lastError; // empty after a success; never record content
    SyncFailure lastFailure = SyncFailure::None;
    std::string lastSuccess; // ISO UTC of the last complete cycle, empty if never
    int consecutiveFailures = 0;
    std::chrono::milliseconds nextAttemptIn{0};
};

struct BackoffPolicy {
    std::chrono::milliseconds base{2000};
    std::chrono::milliseconds cap{300000};
    std::chrono::milliseconds periodic{300000}; // a cycle this often when all is well

    // The delay after n consecutive failures (n >= 1), jittered with random in [0, 1).
    std::chrono::milliseconds delayAfter(int failures, double random) const;
};

class SyncService {
public:
    SyncService(storage::Store& store, ServerEndpoint endpoint, DeviceActions actions = {},
                BackoffPolicy policy = {});
    ~SyncService(); // stops and joins
    SyncService(const SyncService&) = delete;
    SyncService& operator=(const SyncService&) = delete;

    void setOnChange(std::function<void()> onChange); // before start()
    void start();
    // Stopping without waiting on the network (the app's lock calls these): requestStop() sets
    // the stop flag and aborts the request in flight (its socket is shut down), and returns at
    // once; join() then waits for the sync thread, which only has to finish the store write it
    // may be in (milliseconds). After join() the service no longer touches the Store.
    void requestStop();
    void join();
    void stop();                // requestStop() then join()
    void syncNow();             // run a cycle as soon as possible, ignoring backoff
    void connectivityChanged(); // the platform saw a network appear: try now
    SyncStatus status() const;
    std::uint64_t cyclesCompleted() const;
    // No cycle is running and none is asked for: everything a syncNow() asked for has been done.
    bool settled() const;

private:
    void run();
    void runCycle();
    void update(const std::function<void(SyncStatus&)>& change);

    storage::Store& m_store;
    std::shared_ptr<CancelToken> m_cancel = std::make_shared<CancelToken>();
    SyncClient m_client;
    BackoffPolicy m_policy;
    std::function<void()> m_onChange;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopRequested = false;
    bool m_runRequested = false;
    bool m_inCycle = false;
    SyncStatus m_status;
    std::uint64_t m_cycles = 0;
    std::optional<std::chrono::steady_clock::time_point> m_lastSuccessSaved;
    int m_heldBackStreak = 0; // consecutive successful cycles that still left entries held back
    std::mt19937_64 m_random;
    std::thread m_thread;
};

} // namespace heard::sync
