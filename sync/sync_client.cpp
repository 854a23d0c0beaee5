// SyncClient: enrolment, push and pull against heard-server.
//
// [SECTION] Helpers
// [SECTION] Enrolment
// [SECTION] Push
// [SECTION] Pull and reallocation
#include "sync/sync_client.h"

#include "sync/protocol_enrol.h"

#include "base/json_reader.h"
#include "storage/chain.h"
#include "storage/keys.h"
#include "sync/certificate_pin.h"
#include "sync/device_command.h"
#include "sync/protocol_content.h"

#include <sodium.h>

#include <algorithm>
#include <ctime>
#include <future>
#include <map>
#include <optional>
#include <set>

namespace heard::sync {

using nlohmann::json;

// [SECTION] Helpers --------------------------------------------------------------------------

const char* syncFailureName(SyncFailure failure) {
    switch (failure) {
    case SyncFailure::None:
        return "none";
    case SyncFailure::Offline:
        return "offline";
    case SyncFailure::Certificate:
        return "certificate";
    case SyncFailure::Unauthorised:
        return "unauthorised";
    case SyncFailure::Revoked:
        return "revoked";
    case SyncFailure::ServerError:
        return "server_error";
    case SyncFailure::NotEnrolled:
        return "not_enrolled";
    case SyncFailure::LocalStore:
        return "local_store";
    case SyncFailure::Cancelled:
        return "cancelled";
    }
    return "none";
}

namespace {

std::vector<std::string> jsonList(storage::Store& store, const char* key) {
    auto text = store.setting(key);
    if (!text) return {};
    auto parsed = base::tryReadJson(*text);
    std::vector<std::string> out;
    if (parsed && parsed->is_array())
        for (const auto& item : *parsed)
            if (item.is_string()) out.push_back(item.get<std::string>());
    return out;
}

void saveList(storage::Store& store, const char* key, const std::vector<std::string>& list) {
    store.setSetting(key, json(list).dump());
}

StepResult failed(SyncFailure failure, std::string message) {
    StepResult r;
    r.failure = failure;
    r.message = std::move(message);
    return r;
}

// The organisation recovery public key as sent in hex (crypto_box, 32 bytes); nullopt if not.
std::optional<std::vector<unsigned char>> recoveryKeyFromHex(const std::string& hex) {
    return storage::bytesFromHex(hex, crypto_box_PUBLICKEYBYTES);
}

std::string storeProblem(const char* what, const storage::StoreError& e) {
    return std::string(what) + " (" + storage::toString(e.kind()) + ": " + e.what() + ")";
}

constexpr const char* kResealFailed =
    "could not re-seal this tablet's records to the organisation recovery key";

} // namespace

SyncClient::SyncClient(storage::Store& store, ServerEndpoint endpoint, DeviceActions actions,
                       std::shared_ptr<CancelToken> cancel)
    : m_store(store), m_endpoint(std::move(endpoint)), m_actions(std::move(actions)),
      m_cancel(std::move(cancel)) {}

void SyncClient::beginCycle() {
    m_cycleChannel.reset();
    m_cycleChannel = newChannel();
}

void SyncClient::endCycle() {
    if (m_cycleChannel) learnGzip(*m_cycleChannel);
    m_cycleChannel.reset();
}

std::unique_ptr<HttpsChannel> SyncClient::newChannel() {
    auto channel = std::make_unique<HttpsChannel>(currentEndpoint(), m_cancel);
    if (!m_serverTakesGzip) m_serverTakesGzip = m_store.setting(setting::kServerTakesGzip) == "1";
    if (m_serverTakesGzip) channel->assumeServerTakesGzip();
    return channel;
}

// Remembers (in memory and in the store) that the server takes gzip bodies, so the first batch
// of the next cycle, or after a restart, is compressed too.
void SyncClient::resendAfterRestore(const std::string& storeGeneration) {
    const std::string known = m_store.setting(setting::kStoreGeneration).value_or("");
    if (storeGeneration == known) return;
    // Queue first, then remember: a crash in between only queues them again (harmless).
    m_store.outboxResendAcknowledged();
    m_store.setSetting(setting::kStoreGeneration, storeGeneration);
}

void SyncClient::learnGzip(const HttpsChannel& channel) {
    if (!channel.serverTakesGzip() || m_serverTakesGzip) return;
    m_serverTakesGzip = true;
    try {
        m_store.setSetting(setting::kServerTakesGzip, "1");
    } catch (const storage::StoreError&) {
        // Only an optimisation: learnt again from the next answer.
    }
}

HttpsChannel& SyncClient::channel(std::unique_ptr<HttpsChannel>& owned) {
    if (m_cycleChannel) return *m_cycleChannel;
    owned = newChannel();
    return *owned;
}

bool SyncClient::enrolled() {
    return m_store.setting(setting::kDeviceId).has_value() &&
           m_store.setting(setting::kDeviceSecret).has_value();
}

ServerEndpoint SyncClient::currentEndpoint() {
    ServerEndpoint endpoint = m_endpoint;
    // The organisation pin saved at enrolment wins over whatever the caller trusts.
    if (auto ca = m_store.setting(setting::kPinnedCaPem)) {
        endpoint.trustedCaPem = *ca;
        endpoint.pinnedSpkiSha256 = m_store.setting(setting::kPinnedSpki).value_or("");
        endpoint.pinnedCertPem.clear();
    } else if (auto pin = m_store.setting(setting::kPinnedCert)) {
        endpoint.pinnedCertPem = *pin;
    }
    return endpoint;
}

std::string SyncClient::authHeader() {
    return m_store.setting(setting::kDeviceId).value_or("") + ":" +
           m_store.setting(setting::kDeviceSecret).value_or("");
}

// Turns an HTTP result that is not a success into a failure kind; None if it is a 200.
StepResult SyncClient::classify(const HttpResult& result) {
    if (result.failure == HttpFailure::Cancelled) return failed(SyncFailure::Cancelled, "sync stopped");
    if (result.failure == HttpFailure::AnswerTooLarge)
        return failed(SyncFailure::ServerError, "refused the server's answer: " + result.error);
    if (result.failure == HttpFailure::DeadlineExceeded)
        return failed(SyncFailure::Offline, "the server is too slow: " + result.error);
    if (!result.transportOk) {
        bool tls = result.error.find("SSL") != std::string::npos ||
                   result.error.find("certificate") != std::string::npos;
        return failed(tls ? SyncFailure::Certificate : SyncFailure::Offline,
                      (tls ? "secure connection refused: " : "cannot reach the server: ") + result.error);
    }
    if (result.status == 200) return {};
    std::string code;
    json body = base::tryReadJson(result.body, {kMaxResponseBytes, kMaxJsonDepth}).value_or(json());
    if (body.is_object() && body.contains("error") && body["error"].is_string())
        code = body["error"].get<std::string>();
    if (result.status == 401)
        return failed(SyncFailure::Unauthorised, "the server did not accept this device (" + code + ")");
    if (result.status == 403)
        return failed(SyncFailure::Revoked, "this device may no longer sync (" + code + ")");
    if (result.status == 413)
        return failed(SyncFailure::ServerError, "the server refused a batch as too large");
    if (result.status == 429 || result.status == 503) {
        // Busy or too many attempts: say so plainly and wait at least as long as the server asks
        // (bounded: a server cannot park the tablet for more than an hour).
        long long wait = 0;
        if (body.is_object() && body.contains("retryAfter") && body["retryAfter"].is_number_integer())
            wait = std::clamp<long long>(body["retryAfter"].get<long long>(), 0, 3600);
        StepResult busy =
            failed(SyncFailure::ServerError,
                   std::string(result.status == 429 ? "too many attempts" : "the central system is busy") +
                       (wait > 0 ? ": it asked to wait " + std::to_string(wait) + " s" : ""));
        busy.retryAfter = std::chrono::seconds(wait);
        return busy;
    }
    return failed(SyncFailure::ServerError, "server answered " + std::to_string(result.status) +
                                                (code.empty() ? "" : " (" + code + ")"));
}

bool SyncClient::serverReachable() {
    std::unique_ptr<HttpsChannel> owned;
    HttpResult result = channel(owned).get(kPathHealth);
    if (!result.transportOk || result.status != 200) return false;
    try {
        requireOk(parseObject(result.body));
        return true;
    } catch (const ProtocolError&) {
        return false;
    }
}

// [SECTION] Enrolment ------------------------------------------------------------------------

StepResult SyncClient::enrol(const std::string& username, const std::string& password,
                             const std::string& deviceName) {
    ServerEndpoint endpoint = m_endpoint;
    endpoint.pinnedCertPem.clear(); // enrolment trusts the organisation's CA, then pins it
    if (!endpoint.plainHttpForDevelopment) {
        if (endpoint.trustedCaPem.empty())
            return failed(
                SyncFailure::Certificate,
                "this tablet has no organisation configuration: your administrator must install one");
        if (endpoint.pinnedSpkiSha256.empty())
            endpoint.pinnedSpkiSha256 = spkiSha256OfPem(endpoint.trustedCaPem);
        if (endpoint.pinnedSpkiSha256.empty())
            return failed(SyncFailure::Certificate, "the organisation's CA certificate cannot be read");
    }
    // Enrolling again (issue 20): this store's earlier credential, so the server can carry its
    // chains over to the new one when the new one is confirmed.
    const std::string previous = enrolled() ? authHeader() : std::string();
    HttpsChannel channel(endpoint, m_cancel);
    EnrolRequest request{kProtocolVersion, username, password, deviceName};
    HttpResult result = channel.post(kPathEnrol, toJson(request).dump());
    if (result.transportOk && result.status == 401)
        return failed(SyncFailure::Unauthorised, "sign-in name or password not recognised");
    StepResult problem = classify(result);
    if (!problem.ok()) return problem;
    EnrolResponse response;
    try {
        response = enrolResponseFromJson(requireOk(parseObject(result.body)));
    } catch (const ProtocolError& e) {
        return failed(SyncFailure::ServerError, std::string("unusable enrolment answer: ") + e.what());
    }
    // From here on a failure cancels the new credential, so a failed enrolment leaves nothing on
    // the server (best effort: one the server never hears of is swept after 15 minutes).
    const std::string newAuth = response.deviceId + ":" + response.deviceSecret;
    auto cancelled = [&](StepResult failure) {
        channel.post(kPathEnrolCancel, "{\"protocol\":1}", newAuth);
        return failure;
    };
    if (!endpoint.plainHttpForDevelopment && result.presentedCertPem.empty())
        return cancelled(
            failed(SyncFailure::Certificate, "the server's certificate could not be read for pinning"));
    // A store made before enrolment is sealed to a throwaway key nobody holds: re-seal it to the
    // organisation's key before the device counts as enrolled, or refuse to enrol.
    const auto recoveryKey = recoveryKeyFromHex(response.recoveryPublicKey);
    if (!recoveryKey)
        return cancelled(
            failed(SyncFailure::ServerError,
                   "the server sent no usable organisation recovery key, so this tablet's records could "
                   "not be made recoverable; it was not signed in (an administrator must set the key: "
                   "heard-server set-recovery-key)"));
    try {
        m_store.resealRecoveryKey(*recoveryKey, response.practitionerId);
    } catch (const storage::StoreError& e) {
        return cancelled(failed(SyncFailure::LocalStore,
                                storeProblem(kResealFailed, e) + "; it was not signed in: try again"));
    }
    try {
        // Allocations first: if anything fails before the identity is saved, enrolment simply repeats.
        for (const auto& allocation : response.allocations)
            applyAllocation(allocation);
        if (response.content) applyContent(*response.content, endpoint.trustedCaPem);
        m_store.setSetting(setting::kServerHost, endpoint.host);
        m_store.setSetting(setting::kServerPort, std::to_string(endpoint.port));
        if (!endpoint.plainHttpForDevelopment) {
            m_store.setSetting(setting::kPinnedCaPem, endpoint.trustedCaPem);
            m_store.setSetting(setting::kPinnedSpki, endpoint.pinnedSpkiSha256);
        }
        m_store.setSetting(setting::kRecoveryPublicKey, response.recoveryPublicKey);
        if (!response.noteKey.empty()) m_store.setSetting(setting::kNoteKey, response.noteKey);
        m_store.setSetting(setting::kPractitionerId, response.practitionerId);
        m_store.setSetting(setting::kPractitionerName, response.practitionerName);
        m_store.setSetting(setting::kCursor, std::to_string(response.cursor));
        // The earlier credential until the new one is confirmed (a confirmation lost on the way is
        // sent again before the next pull).
        m_store.setSetting(setting::kConfirmEnrolment, previous.empty() ? std::string("-") : previous);
        m_store.setSetting(setting::kDeviceSecret, response.deviceSecret);
        // Outside the store, so a locked tablet can still be told to wipe itself (issue 17.9).
        saveDeviceCommandCredential(
            m_store.dataDir(),
            makeDeviceCommandCredential(endpoint, response.deviceId, response.deviceSecret));
        m_store.setSetting(setting::kDeviceId, response.deviceId); // last: marks the device enrolled
        learnGzip(channel);
        m_store.audit(response.practitionerId, "sync", "enrol", "device " + response.deviceId);
    } catch (const storage::StoreError& e) {
        return cancelled(
            failed(SyncFailure::LocalStore,
                   storeProblem("could not save the sign-in on this tablet", e) + ": try again"));
    } catch (const base::Error& e) { // the device-command credential file
        return cancelled(
            failed(SyncFailure::LocalStore,
                   std::string("could not save the sign-in on this tablet (") + e.what() + "): try again"));
    }
    confirmEnrolment(channel);
    StepResult ok;
    ok.message = "enrolled";
    return ok;
}

// Confirms the enrolment saved on this tablet (sync/protocol_enrol.h), naming the store's earlier
// credential if there was one. Returns true once the server has it (or there is nothing to do).
bool SyncClient::confirmEnrolment(HttpsChannel& channel) {
    const std::string previous = m_store.setting(setting::kConfirmEnrolment).value_or("");
    if (previous.empty()) return true;
    nlohmann::json body = {{"protocol", kProtocolVersion}};
    if (previous != "-") body["previousDevice"] = previous;
    HttpResult result = channel.post(kPathEnrolConfirm, body.dump(), authHeader());
    if (!classify(result).ok()) return false;
    m_store.setSetting(setting::kConfirmEnrolment, "");
    return true;
}

StepResult SyncClient::ensureRecoverySeal() {
    try {
        if (!enrolled()) return {};
        const auto saved = m_store.setting(setting::kRecoveryPublicKey);
        const auto key = saved ? recoveryKeyFromHex(*saved) : std::nullopt;
        if (!key || m_store.recoveryPublicKey() == *key) return {};
        m_store.resealRecoveryKey(*key, m_store.setting(setting::kPractitionerId).value_or(""));
        return {};
    } catch (const storage::StoreError& e) {
        return failed(SyncFailure::LocalStore, storeProblem(kResealFailed, e) + "; will try again");
    }
}

void SyncClient::ensureCommandCredential() {
    try {
        const std::string dir = m_store.dataDir();
        if (loadDeviceCommandCredential(dir)) return;
        ServerEndpoint endpoint = currentEndpoint();
        if (endpoint.trustedCaPem.empty() && !endpoint.pinnedCertPem.empty()) {
            // An older enrolment pinned the leaf: the credential trusts that certificate alone.
            endpoint.trustedCaPem = endpoint.pinnedCertPem;
            endpoint.pinnedSpkiSha256 = spkiSha256OfPem(endpoint.pinnedCertPem);
        }
        const auto id = m_store.setting(setting::kDeviceId), secret = m_store.setting(setting::kDeviceSecret);
        if (!id || !secret || (endpoint.trustedCaPem.empty() && !endpoint.plainHttpForDevelopment)) return;
        saveDeviceCommandCredential(dir, makeDeviceCommandCredential(endpoint, *id, *secret));
    } catch (const std::exception&) {
        // Best effort: the next pull tries again; nothing else depends on it.
    }
}

// [SECTION] Push -----------------------------------------------------------------------------

namespace {

// One request, read from the outbox while the one before it is on its way to the server.
struct PushBatch {
    PushRequest request;
    std::string text;
    std::uint64_t storeRevision = 0; // the store as it was when the batch was read
    std::vector<std::int64_t> ids() const {
        std::vector<std::int64_t> out;
        for (const auto& e : request.entries)
            out.push_back(e.outboxId);
        return out;
    }
};

// A case's safety alerts are a chain of their own (storage/chain.h), held apart from its records.
std::string chainOf(const storage::OutboxEntry& e) {
    return e.priority == storage::OutboxPriority::SafetyAlertChain ? e.caseId + "\n" + storage::kSafetyChain
                                                                   : e.caseId;
}

double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::atomic<std::int64_t> g_sendingCpuNs{0};

// The next batch in send order, leaving out the entries on their way and the chains held back
// (an entry the server asked to retry holds its chain's later entries). An entry too large to
// send is quarantined here, with the reason the practitioner sees, and holds its chain too.
PushBatch readBatch(storage::Store& store, std::size_t entryLimit, std::size_t byteLimit,
                    const std::set<std::int64_t>& retried, const std::vector<std::int64_t>& onTheirWay,
                    StepResult& total) {
    // Fetch more than one batch so entries held back for retry do not starve the rest.
    auto pending = store.outboxPending(entryLimit + retried.size() + 1, onTheirWay);
    PushBatch batch;
    PushRequest& request = batch.request;
    std::size_t bytes = 0;
    std::set<std::string> heldChains;
    std::vector<std::string> groups; // groupKey of each entry in request.entries
    for (auto& entry : pending) {
        if (retried.count(entry.id) || heldChains.count(chainOf(entry))) {
            if (!entry.caseId.empty()) heldChains.insert(chainOf(entry));
            continue;
        }
        if (entry.body.size() > kMaxEntryBodyBytes) {
            // Never sent: the practitioner sees why, and the rest of the outbox goes on.
            store.outboxQuarantine(entry.id, "too large to send (" + std::to_string(entry.body.size()) +
                                                 " bytes; the limit is " +
                                                 std::to_string(kMaxEntryBodyBytes) + ")");
            ++total.quarantined;
            if (!entry.caseId.empty()) heldChains.insert(chainOf(entry));
            continue;
        }
        const bool full = request.entries.size() >= entryLimit ||
                          (!request.entries.empty() && bytes + entry.body.size() > byteLimit);
        if (full) {
            // Never split a group (a record and its audit entries) across two batches, unless
            // the group alone fills a batch.
            const bool sameGroup = !entry.groupKey.empty() && entry.groupKey == groups.back();
            if (!sameGroup) break;
            std::size_t start = groups.size();
            while (start > 0 && groups[start - 1] == entry.groupKey)
                --start;
            if (start > 0) {
                request.entries.resize(start);
                groups.resize(start);
                break;
            }
            if (request.entries.size() >= kMaxBatchEntries) break;
        }
        bytes += entry.body.size() + 256;
        PushEntry wire;
        wire.outboxId = entry.id;
        wire.itemType = entry.itemType;
        wire.itemId = entry.itemId;
        wire.version = entry.version;
        wire.caseId = entry.caseId;
        wire.highRisk = entry.priority >= storage::OutboxPriority::HighRiskRecord;
        wire.body = std::move(entry.body);
        request.entries.push_back(std::move(wire));
        groups.push_back(entry.groupKey);
    }
    if (!request.entries.empty()) {
        request.batchId = randomHex(16);
        batch.text = pushRequestText(request);
    }
    batch.storeRevision = store.revision(); // after the quarantines above: they are not news
    return batch;
}

} // namespace

double pushSendingCpuSeconds() {
    return static_cast<double>(g_sendingCpuNs.load()) / 1e9;
}

// Pipelined: while a batch is on its way, the answer before it is acknowledged in the store and
// the batch after it is read and written out: the tablet's own work overlaps the server's
// work (issue 19). Still one request at a time, in order, on one connection: the server sees the
// same requests as from a client that waited. The batch read ahead assumes the one on its way is
// stored whole; it is read again when that is not so (an entry refused, held back or unanswered)
// or when anything else wrote to the store meanwhile (a safety alert signed, a case to resend).
StepResult SyncClient::push(std::size_t maxBatches,
                            const std::function<void(std::size_t, std::size_t)>& progress) {
    if (!enrolled()) return failed(SyncFailure::NotEnrolled, "this device is not enrolled");
    std::unique_ptr<HttpsChannel> owned;
    HttpsChannel& channel = this->channel(owned);
    const std::string auth = authHeader();
    StepResult total;
    std::size_t initialPending = m_store.outboxPendingCount();
    std::size_t done = 0;
    std::set<std::int64_t> retriedThisRun; // entries the server asked to retry: not resent now
    std::set<std::string> resentCases;     // cases sent again after a chain_gap (outboxResendCase)
    const std::size_t entryLimit = std::max<std::size_t>(1, std::min(m_batchLimit, kMaxBatchEntries));
    const std::size_t byteLimit = std::min(m_batchBytes, kMaxRequestBytes / 2);
    auto read = [&](const std::vector<std::int64_t>& onTheirWay) {
        return readBatch(m_store, entryLimit, byteLimit, retriedThisRun, onTheirWay, total);
    };
    std::vector<std::int64_t> acks; // the last answer's, written while the next batch is on its way
    auto acknowledge = [&] {
        if (acks.empty()) return;
        m_store.outboxAcknowledge(acks);
        total.acknowledged += acks.size();
        done += acks.size();
        acks.clear();
        if (progress) progress(done, initialPending);
    };
    auto withCounts = [&](StepResult result) {
        result.acknowledged = total.acknowledged;
        result.quarantined = total.quarantined;
        return result;
    };

    PushBatch batch = read({});
    for (std::size_t batchNo = 0; batchNo < maxBatches && !batch.request.entries.empty(); ++batchNo) {
        if (cancelled()) break;
        // The request has the channel to itself until its answer is taken: nothing else here
        // touches the channel meanwhile, and this thread keeps the store.
        std::future<HttpResult> answer =
            std::async(std::launch::async, [&channel, &auth, text = std::move(batch.text)] {
                const double before = threadCpuSeconds();
                HttpResult result = channel.post(kPathPush, text, auth);
                g_sendingCpuNs += static_cast<std::int64_t>((threadCpuSeconds() - before) * 1e9);
                return result;
            });
        PushBatch next;
        try {
            acknowledge();
            if (batchNo + 1 < maxBatches) next = read(batch.ids());
        } catch (...) {
            answer.wait(); // the request uses this frame's channel and text
            throw;
        }
        HttpResult result = answer.get();
        StepResult problem = classify(result);
        if (!problem.ok()) return withCounts(problem);
        PushResponse response;
        try {
            response = pushResponseFromJson(requireOk(parseObject(result.body)));
            if (response.batchId != batch.request.batchId) throw ProtocolError("answer is for another batch");
        } catch (const ProtocolError& e) {
            StepResult bad =
                failed(SyncFailure::ServerError, std::string("unusable push answer: ") + e.what());
            bad.acknowledged = total.acknowledged;
            return bad;
        }
        // Before this answer's acks: were the earlier ones given by the database that answers now?
        resendAfterRestore(response.storeGeneration);
        // Map results to what was sent in this batch only: a stray id is ignored, never acked.
        std::map<std::int64_t, const PushEntry*> sent;
        for (const auto& e : batch.request.entries)
            sent[e.outboxId] = &e;
        for (const auto& r : response.results) {
            auto it = sent.find(r.outboxId);
            if (it == sent.end() || it->second->itemId != r.itemId || it->second->version != r.version ||
                it->second->itemType != r.itemType)
                continue;
            switch (r.status) {
            case EntryStatus::Stored:
            case EntryStatus::Duplicate:
                acks.push_back(r.outboxId);
                break;
            case EntryStatus::Rejected:
                m_store.outboxQuarantine(r.outboxId, "refused by the server: " + r.reason);
                ++total.quarantined;
                break;
            case EntryStatus::Retry:
                retriedThisRun.insert(r.outboxId);
                ++total.retried;
                // The server lacks this case's earlier records although they were acknowledged:
                // it was restored from an older backup. Send the case again (once per push); the
                // records it still has come back "duplicate", the rest fill the gap.
                if (r.reason == "chain_gap" && !it->second->caseId.empty() &&
                    resentCases.insert(it->second->caseId).second)
                    m_store.outboxResendCase(it->second->caseId);
                break;
            }
            sent.erase(it); // each entry is settled once
        }
        if (acks.empty() && response.results.empty()) break; // nothing settled: do not spin
        // The batch read ahead followed this one as if all of it were stored: read it again if
        // not, or if the store changed since.
        if (acks.size() != batch.request.entries.size() || m_store.revision() != next.storeRevision) {
            acknowledge();
            if (batchNo + 1 < maxBatches) next = read({});
        }
        batch = std::move(next);
    }
    acknowledge();
    learnGzip(channel);
    if (cancelled()) return withCounts(failed(SyncFailure::Cancelled, "sync stopped"));
    // Pushes are not audited on the device: an audit entry is itself an outbox entry, so each
    // push would leave one more to send, for ever. The server logs every receipt instead.
    processRemovals();
    total.message = std::to_string(total.acknowledged) + " sent";
    return total;
}

// [SECTION] Pull and reallocation ------------------------------------------------------------

void SyncClient::applyContent(const ContentUpdate& update, const std::string& caPem) {
    // Without a pinned CA (a development server over plain HTTP) nothing can vouch for it.
    const std::string problem = caPem.empty() ? "no organisation CA is pinned to check it against"
                                              : contentSignatureProblem(update, caPem);
    if (!problem.empty()) {
        // The audit entry travels to the central system like every other: the refusal is logged
        // there too. The content the tablet has stays.
        m_store.audit("sync", "refuse_content", "content:" + std::to_string(update.version), problem);
        m_store.setSetting(setting::kContentRefused, std::to_string(update.version));
        return;
    }
    m_store.saveContentUpdate(update.version, toJson(update).dump());
    m_store.audit("sync", "receive_content", "content:" + std::to_string(update.version));
    m_store.setSetting(setting::kContentVersion, std::to_string(update.version)); // last: "it is here"
}

void SyncClient::applyAllocation(const Allocation& allocation) {
    storage::Case c;
    if (auto existing = m_store.caseById(allocation.caseId)) c = *existing;
    c.id = allocation.caseId;
    c.reference = allocation.caseReference;
    if (c.title.empty()) c.title = allocation.caseReference;
    c.details.erase("removedFromDevice");
    m_store.putCase(c);
    storage::Child child;
    if (auto existing = m_store.childById(allocation.childId)) child = *existing;
    child.id = allocation.childId;
    child.caseId = allocation.caseId;
    child.displayName = allocation.childName;
    child.dateOfBirth = allocation.childDateOfBirth;
    m_store.putChild(child);
}

// A case taken away (reallocated or closed) leaves the device only when nothing of it is
// unsent: no pending or quarantined outbox entry and no draft (a visit in progress is finished
// and signed first, issue 20). Until then it waits on the pending list, and the app says why.
void SyncClient::processRemovals() {
    auto pendingRemovals = jsonList(m_store, setting::kPendingRemovals);
    if (pendingRemovals.empty()) return;
    auto removed = jsonList(m_store, setting::kRemovedCases);
    std::vector<std::string> keep;
    for (const auto& caseId : pendingRemovals) {
        if (m_store.caseRemovalBlock(caseId).blocked()) {
            keep.push_back(caseId);
            continue;
        }
        // Deletes the case's rows with secure_delete on and audits it (Store::removeCase); a
        // case already gone (a repeat after a crash) is simply confirmed.
        bool wasHere = false;
        try {
            wasHere = m_store.removeCase(caseId, "sync", "taken_away");
        } catch (const storage::StoreError& e) {
            // A draft begun a moment ago: the case waits for the next check.
            if (e.kind() != storage::StoreErrorKind::InvalidArgument) throw;
            keep.push_back(caseId);
            continue;
        }
        if (wasHere && m_actions.removeCase) m_actions.removeCase(caseId);
        removed.push_back(caseId);
    }
    if (keep.size() != pendingRemovals.size()) {
        saveList(m_store, setting::kPendingRemovals, keep);
        saveList(m_store, setting::kRemovedCases, removed);
    }
}

StepResult SyncClient::pull() {
    if (!enrolled()) return failed(SyncFailure::NotEnrolled, "this device is not enrolled");
    processRemovals();
    if (cancelled()) return failed(SyncFailure::Cancelled, "sync stopped");
    std::unique_ptr<HttpsChannel> owned;
    HttpsChannel& channel = this->channel(owned);
    // An enrolment whose confirmation was lost: confirmed first (else the pull would confirm it
    // without carrying this store's chains over).
    if (!confirmEnrolment(channel)) return failed(SyncFailure::Offline, "could not confirm the enrolment");
    PullRequest request;
    request.cursor = std::stoll(m_store.setting(setting::kCursor).value_or("0"));
    // A refused version is not asked for again (each answer would be refused and audited anew).
    request.contentVersion = std::max(std::stoll(m_store.setting(setting::kContentVersion).value_or("0")),
                                      std::stoll(m_store.setting(setting::kContentRefused).value_or("0")));
    request.removedCases = jsonList(m_store, setting::kRemovedCases);
    request.noteCursor = m_store.managerNoteCursor();
    request.historyCursor = std::stoll(m_store.setting(setting::kHistoryCursor).value_or("0"));
    HttpResult result = channel.post(kPathPull, toJson(request).dump(), authHeader());
    learnGzip(channel);
    StepResult problem = classify(result);
    if (!problem.ok()) return problem;
    PullResponse response;
    try {
        response = pullResponseFromJson(requireOk(parseObject(result.body)));
    } catch (const ProtocolError& e) {
        return failed(SyncFailure::ServerError, std::string("unusable pull answer: ") + e.what());
    }
    resendAfterRestore(response.storeGeneration);
    // The server now knows about the removals it was told of. (Settings are written only when
    // they change: each write is a durable commit, and an idle cycle should cost none.)
    if (!request.removedCases.empty()) saveList(m_store, setting::kRemovedCases, {});
    for (const auto& allocation : response.allocations) {
        applyAllocation(allocation);
        auto pendingRemovals = jsonList(m_store, setting::kPendingRemovals);
        pendingRemovals.erase(std::remove(pendingRemovals.begin(), pendingRemovals.end(), allocation.caseId),
                              pendingRemovals.end());
        saveList(m_store, setting::kPendingRemovals, pendingRemovals);
    }
    if (!response.removals.empty()) {
        auto pendingRemovals = jsonList(m_store, setting::kPendingRemovals);
        for (const auto& caseId : response.removals)
            if (std::find(pendingRemovals.begin(), pendingRemovals.end(), caseId) == pendingRemovals.end())
                pendingRemovals.push_back(caseId);
        saveList(m_store, setting::kPendingRemovals, pendingRemovals);
    }
    // The records other tablets made in the cases this practitioner holds (issue 20), each verified
    // against its own hash; one that is not is skipped (the rest of the history still shows).
    if (!response.history.empty()) m_store.saveCaseHistory(response.history);
    if (response.historyCursor > request.historyCursor)
        m_store.setSetting(setting::kHistoryCursor, std::to_string(response.historyCursor));
    // Secured for a review by the central system (issue 20): frozen here from its moment on.
    for (const auto& secured : response.secured)
        if (auto c = m_store.caseById(secured.caseId); c && !c->secured)
            m_store.secureCase(secured.caseId, "central system", secured.securedAt);
    if (response.content)
        applyContent(*response.content, m_store.setting(setting::kPinnedCaPem).value_or(""));
    // The server's note key: pinned at enrolment; a tablet enrolled before notes were signed
    // learns it from its first pull over the pinned channel, and keeps it from then on.
    if (!response.noteKey.empty() && !m_store.setting(setting::kNoteKey))
        m_store.setSetting(setting::kNoteKey, response.noteKey);
    if (!response.managerNotes.empty()) { // the managers' word on this tablet's cases (issue 15)
        const std::string noteKey = m_store.setting(setting::kNoteKey).value_or("");
        std::vector<storage::ManagerNote> notes;
        for (const auto& n : response.managerNotes) {
            // Only a note signed with the server's key is kept (and so ever shown); a changed or
            // forged one is refused and the refusal audited (the server offers it again until a later note is
            // kept).
            if (!managerNoteSignatureValid(n, noteKey)) {
                m_store.audit("sync", "refuse_manager_note", n.id, "signature does not verify");
                continue;
            }
            notes.push_back({n.seq, n.id, n.recordId, n.caseId, n.childId, n.author, n.authorName, n.decision,
                             n.note, n.noteDate, n.writtenAt, n.hash});
        }
        m_store.saveManagerNotes(notes);
    }
    if (response.cursor != request.cursor) // after applying: a crash repeats, never skips
        m_store.setSetting(setting::kCursor, std::to_string(response.cursor));
    processRemovals();
    if (response.command == DeviceCommand::Lock && m_actions.lock) m_actions.lock();
    if (response.command == DeviceCommand::Wipe && m_actions.wipe) m_actions.wipe();
    if (response.command == DeviceCommand::None) {
        // Everything above is applied (a retry repeats harmlessly); a failure here is reported
        // so the service backs off and tries again.
        StepResult sealed = ensureRecoverySeal();
        if (!sealed.ok()) return sealed;
        ensureCommandCredential();
    }
    StepResult ok;
    ok.message = "pulled";
    return ok;
}

} // namespace heard::sync
