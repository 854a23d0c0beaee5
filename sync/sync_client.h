// SyncClient: one device's conversation with heard-server, run step by step (no thread here;
// SyncService runs it on its own thread). It reads only the store's outbox and settings, and
// writes allocations (putCase/putChild) and its own sync settings.
//
// Guarantees: an outbox entry is acknowledged locally only when the server's explicit success body
// for this batch (matching batch id) says "stored" or "duplicate"; a rejected entry is quarantined
// with the server's reason (visible to the practitioner) and the rest goes on; anything else
// (transport failure, timeout, garbage, error status) leaves the outbox untouched.
#pragma once

#include "storage/store.h"
#include "sync/https_channel.h"
#include "sync/protocol.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace heard::sync {

// Keys in the store's settings (encrypted at rest with the rest of the store).
namespace setting {
inline constexpr const char* kServerHost = "sync.server.host";
inline constexpr const char* kServerPort = "sync.server.port";
inline constexpr const char* kPinnedCert = "sync.server.pinnedCert"; // leaf pin of older enrolments
inline constexpr const char* kPinnedCaPem = "sync.server.caPem";     // the organisation CA (issue 17.2)
inline constexpr const char* kPinnedSpki = "sync.server.spkiSha256"; // its key, pinned
inline constexpr const char* kDeviceId = "sync.device.id";
inline constexpr const char* kDeviceSecret = "sync.device.secret";
inline constexpr const char* kPractitionerId = "sync.practitioner.id";
inline constexpr const char* kPractitionerName = "sync.practitioner.name";
inline constexpr const char* kRecoveryPublicKey = "sync.recoveryPublicKey";
inline constexpr const char* kCursor = "sync.cursor";
// The newest content version kept (the update itself is in the store's content_updates, issue 20).
inline constexpr const char* kContentVersion = "content.version";
// Written by tablets before issue 20 (the unchecked files); no longer written or read.
inline constexpr const char* kContentFiles = "content.files";
// The newest version refused (bad or missing signature): not asked for again; a later one is.
inline constexpr const char* kContentRefused = "content.refused";
inline constexpr const char* kPendingRemovals = "sync.pendingRemovals";        // JSON array of case ids
inline constexpr const char* kRemovedCases = "sync.removedCases";              // removed, not yet confirmed
inline constexpr const char* kLastSuccess = "sync.lastSuccess";                // ISO UTC
inline constexpr const char* kServerTakesGzip = "sync.server.gzip";            // "1": gzip request bodies
inline constexpr const char* kStoreGeneration = "sync.server.storeGeneration"; // the last one seen
inline constexpr const char* kNoteKey = "sync.noteKey"; // hex Ed25519 key the managers' notes are signed with
// Issue 20: set at enrolment until the server has the confirmation: "-" or the store's earlier
// "<device id>:<secret>" (its chains carry over); "" when confirmed.
inline constexpr const char* kConfirmEnrolment = "sync.enrol.confirm";
inline constexpr const char* kHistoryCursor = "sync.historyCursor"; // issue 20: history received up to
} // namespace setting

// What kind of failure stopped a step; the service uses it to choose a retry delay and message.
enum class SyncFailure {
    None,
    Offline,      // could not connect / timed out / connection dropped: retry with backoff
    Certificate,  // TLS or pin failure: retry later, but tell the practitioner
    Unauthorised, // credentials not accepted: needs enrolment again
    Revoked,      // this device was revoked: stop syncing
    ServerError,  // 5xx or an unusable answer (not a Heard success body): retry with backoff
    NotEnrolled,  // no device identity yet
    LocalStore,   // the device's own store refused a write (disk full, I/O): retry with backoff
    Cancelled,    // stopped on purpose (the app is locking or closing): nothing to report
};
const char* syncFailureName(SyncFailure failure);

struct StepResult {
    SyncFailure failure = SyncFailure::None;
    std::string message; // for logs and the status line; never record content
    std::size_t acknowledged = 0;
    std::size_t quarantined = 0;
    std::size_t retried = 0;
    // A busy server's own wait (429 or 503 with "retryAfter"): no retry before it, whatever the backoff.
    std::chrono::seconds retryAfter{0};
    bool ok() const { return failure == SyncFailure::None; }
};

// App hooks for pull commands; the sync code never owns the Store's lifetime.
struct DeviceActions {
    std::function<void()> lock; // remote lock
    std::function<void()> wipe; // remote wipe
    // Told after a case taken away from this tablet (reallocated or closed) was removed from the
    // store, fully synced (issue 20): the app leaves any screen of it and says so.
    std::function<void(const std::string& caseId)> removeCase;
};

// CPU time this process has spent sending pushes' batches, on the threads push() sends them from
// while it reads the next: the benchmark adds it to the sync thread's own to count the client whole.
double pushSendingCpuSeconds();

class SyncClient {
public:
    // endpoint.host/port/trust settings; the pinned certificate and identity come from the store
    // once enrolled (store settings win over endpoint.pinnedCertPem).
    // cancel: stops a step between and during requests (SyncService::requestStop()).
    SyncClient(storage::Store& store, ServerEndpoint endpoint, DeviceActions actions = {},
               std::shared_ptr<CancelToken> cancel = {});

    bool enrolled();

    // Signs in once while online; saves identity, pin, recovery key, allocations and content.
    // The endpoint must carry the organisation's CA (sync/org_config.h): without one nothing is
    // sent. The CA and its key are pinned (not the leaf, so the server certificate can be renewed),
    // and the device-command credential is written outside the store (sync/device_command.h).
    // Before saving anything it re-seals the store's data key to the organisation recovery key
    // in the answer (Store::resealRecoveryKey), so every enrolled store can be recovered. An
    // answer without a usable key (ServerError) or a failed re-seal (LocalStore) fails the
    // enrolment with nothing marked enrolled; enrolling again is safe.
    StepResult enrol(const std::string& username, const std::string& password, const std::string& deviceName);

    // Re-seals the store to the recovery key saved at enrolment if it is sealed to another key
    // (a device enrolled before re-sealing existed). No-op when already sealed to it, when not
    // enrolled, or when the saved key is unusable. LocalStore if the key file cannot be written.
    // pull() calls it after applying its answer, so a failure is retried with the next cycle.
    StepResult ensureRecoverySeal();

    // Writes the device-command credential (sync/device_command.h) if it is missing: a tablet
    // enrolled before it existed gets one at its next pull, so it too can be wiped while locked.
    // Best effort: a failure is retried at the next pull.
    void ensureCommandCredential();

    // Sends the outbox in bounded batches until it is empty, a failure occurs, nothing more
    // can be acknowledged right now, or maxBatches is reached. One request at a time, but the
    // next batch is read while one is on its way (sync_client.cpp). progress(sent, total) is
    // called as each batch's acknowledgements are written.
    StepResult push(std::size_t maxBatches = 1000,
                    const std::function<void(std::size_t done, std::size_t total)>& progress = {});

    // Fetches allocations, reallocations, content and commands; applies them.
    StepResult pull();

    // Quick reachability probe (GET /v1/health).
    bool serverReachable();

    // Between beginCycle() and endCycle(), push and pull share one keep-alive connection;
    // outside them each step opens its own.
    void beginCycle();
    void endCycle();

    // Batch size limits (entries, body bytes); tests use small batches to interrupt mid-way.
    // A batch is never cut between entries written together (OutboxEntry::groupKey) unless
    // that group alone is over the limit.
    void setBatchLimit(std::size_t entries) { m_batchLimit = entries; }
    void setBatchBytes(std::size_t bytes) { m_batchBytes = bytes; }

private:
    // The cycle's channel, or a fresh one for a lone step (held in `owned`).
    HttpsChannel& channel(std::unique_ptr<HttpsChannel>& owned);
    std::unique_ptr<HttpsChannel> newChannel();
    void learnGzip(const HttpsChannel& channel);
    bool cancelled() const { return m_cancel && m_cancel->cancelled(); }
    ServerEndpoint currentEndpoint();
    std::string authHeader();
    StepResult classify(const HttpResult& result);
    void applyAllocation(const Allocation& allocation);
    // Keeps a content update only if the organisation signed it (sync/protocol_content.h, checked
    // against caPem, the CA pinned at enrolment); a refusal is audited and the old content stays.
    void applyContent(const ContentUpdate& update, const std::string& caPem);
    bool confirmEnrolment(HttpsChannel& channel);
    void processRemovals();
    // A push answer from a database that was restored since the last answer (another store
    // generation): every acknowledged outbox entry is queued again (Store::outboxResendAcknowledged).
    void resendAfterRestore(const std::string& storeGeneration);

    storage::Store& m_store;
    ServerEndpoint m_endpoint;
    DeviceActions m_actions;
    std::shared_ptr<CancelToken> m_cancel;
    std::unique_ptr<HttpsChannel> m_cycleChannel;
    bool m_serverTakesGzip = false; // learnt from an answer; kept for later channels
    std::size_t m_batchLimit = kBatchEntries;
    std::size_t m_batchBytes = kBatchTargetBytes;
};

} // namespace heard::sync
