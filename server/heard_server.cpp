// HeardServer: routes, authentication, validation and structured logging.
//
// [SECTION] Crypto helpers
// [SECTION] Record validation
// [SECTION] Handlers
// [SECTION] HTTP wiring
#include "server/heard_server.h"

#include "base/iso_time.h"
#include "base/json_reader.h"
#include "server/case_life.h"
#include "server/enrolment_phases.h"
#include "sync/protocol_enrol.h"
#include "server/console/console.h"
#include "server/console/note_signer.h"
#include "server/console/oversight.h"
#include "server/console/people.h"
#include "server/intake_checks.h"
#include "storage/chain.h"
#include "storage/record_kinds.h"
#include "sync/https_channel.h"

#include <httplib.h>
#include <sodium.h>
#include <sys/socket.h>

#include <iostream>
#include <map>
#include <mutex>
#include <thread>

namespace heard::server {

using nlohmann::json;
using sync::EntryStatus;

// [SECTION] Crypto helpers -------------------------------------------------------------------

namespace {

// History sent with newly allocated cases in one pull answer: well under the client's 16 MiB
// answer limit, with room for the rest of the answer (JSON escaping can grow a body a little).
constexpr std::size_t kHistoryBytesPerPull = 6u << 20;

void ensureSodium() {
    if (sodium_init() < 0) throw base::Error("sodium_init", "libsodium failed to initialise");
}
} // namespace

std::string hashPassword(const std::string& password) {
    ensureSodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw base::Error("out_of_memory", "password hashing ran out of memory");
    return out;
}

bool verifyPassword(const std::string& passwordHash, const std::string& password) {
    ensureSodium();
    if (passwordHash.empty() || passwordHash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(passwordHash.c_str(), password.data(), password.size()) == 0;
}

// [SECTION] Record validation ----------------------------------------------------------------

namespace {

// Checks a record body against its envelope and the device's practitioner; fills the chain
// fields. Returns an empty string when valid, else a reason code (no content in it).
std::string validateRecordBody(const json& body, const sync::PushEntry& entry, const Practitioner& author,
                               IntakeEntry& intake) {
    auto text = [&](const char* name) -> std::string {
        auto it = body.find(name);
        return (it != body.end() && it->is_string()) ? it->get<std::string>() : std::string();
    };
    auto integer = [&](const char* name) -> std::int64_t {
        auto it = body.find(name);
        return (it != body.end() && it->is_number_integer()) ? it->get<std::int64_t>() : -1;
    };
    if (text("id") != entry.itemId) return "schema_id";
    if (integer("version") != entry.version) return "schema_version";
    if (entry.caseId.empty() || text("caseId") != entry.caseId) return "schema_case";
    if (text("status") != "signed") return "schema_status";
    if (text("kind").empty()) return "schema_kind";
    // A manager's note is written at the server only (issue 15): no device may push one.
    if (text("kind") == storage::kinds::kManagerNote) return "manager_only";
    intake.kind = text("kind");
    std::string writer = text("author");
    if (writer != author.id && writer != author.displayName) return "wrong_author";
    intake.hash = text("hash");
    intake.prevHash = text("prevHash");
    intake.chainSeq = integer("chainSeq");
    if (intake.hash.empty() || intake.chainSeq < 1) return "schema_chain";
    if (!body.contains("prevHash") || !body["prevHash"].is_string()) return "schema_chain";
    // Only a safety alert may travel on the alert chain (storage/chain.h): no other record can
    // leave its case's chain to skip ahead of it. (An alert from a tablet before the alert chain
    // came is on the case chain.)
    if (body.contains("chain")) {
        intake.chain = text("chain");
        if (intake.chain != storage::kSafetyChain || intake.kind != storage::kinds::kSafetyAlert)
            return "schema_chain";
    }
    return {};
}

} // namespace

// [SECTION] Handlers -------------------------------------------------------------------------

struct HeardServer::Impl {
    std::unique_ptr<ConnectionGuard> guard; // outlives http: it is told when each connection ends
    std::unique_ptr<httplib::Server> http;
    std::thread thread;
    std::mutex logMutex;
    std::unique_ptr<EnrolGuard> enrolGuard;
    std::unique_ptr<console::Console> console; // the managers' console, when ServerConfig::console
    std::shared_ptr<const console::NoteSigner> noteSigner; // signs the managers' notes (issue 15)
};

HeardServer::HeardServer(ServerConfig config, ServerStore& store)
    : m_config(std::move(config)), m_store(store), m_impl(std::make_unique<Impl>()) {
    if (!m_config.recordHashVerifier) m_config.recordHashVerifier = defaultRecordHashVerifier();
    if (!m_config.passwordCheckForTesting) m_config.passwordCheckForTesting = verifyPassword;
    if (!m_config.clockForTesting)
        m_config.clockForTesting = [] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                .count();
        };
    m_impl->enrolGuard = std::make_unique<EnrolGuard>(m_config.enrolLimits, m_store);
    m_impl->noteSigner = console::NoteSigner::loadOrCreate(m_store);
}

HeardServer::~HeardServer() {
    stop();
}

void HeardServer::log(json line) {
    line["ts"] = base::nowIsoUtc();
    std::string text = line.dump();
    std::lock_guard lock(m_impl->logMutex);
    if (m_config.logSink)
        m_config.logSink(text);
    else
        std::cerr << text << '\n';
}

HeardServer::Reply HeardServer::handleHealth() {
    try {
        m_store.latestAllocationSeq(); // proves the database answers
        return {200, {{"ok", true}, {"protocol", sync::kProtocolVersion}, {"status", "ok"}}};
    } catch (const std::exception&) {
        return {503, sync::errorBody(sync::error::kInternal, "database unavailable")};
    }
}

HeardServer::Reply HeardServer::handleEnrol(const std::string& requestBody,
                                            const std::string& remoteAddress) {
    sync::EnrolRequest request;
    try {
        request = sync::enrolRequestFromJson(sync::parseObject(requestBody));
    } catch (const sync::ProtocolError& e) {
        log({{"event", "enrol"}, {"status", 400}, {"reason", e.what()}});
        return {400, sync::errorBody(sync::error::kBadRequest, e.what())};
    }
    // Lockout first (no password work while locked), then a slot for the hash, then the check.
    EnrolGuard& guard = *m_impl->enrolGuard;
    const std::int64_t now = m_config.clockForTesting();
    if (std::int64_t wait = guard.retryAfter(request.username, remoteAddress, now); wait > 0) {
        log({{"event", "enrol"}, {"status", 429}, {"retryAfter", wait}});
        auto body = sync::errorBody("too_many_attempts", "too many wrong sign-ins: try again later");
        body["retryAfter"] = wait;
        return {429, body, wait};
    }
    auto slot = guard.tryHashSlot();
    if (!slot) {
        auto wait = static_cast<std::int64_t>(guard.limits().busyRetryAfter.count());
        log({{"event", "enrol"}, {"status", 503}, {"reason", "password_checks_busy"}});
        auto body = sync::errorBody("server_busy", "the server is busy: try again shortly");
        body["retryAfter"] = wait;
        return {503, body, wait};
    }
    auto practitioner = m_store.practitioner(request.username);
    // Managers and administrators sign in to the console, never enrol a tablet.
    const bool known =
        practitioner && practitioner->active && console::mayEnrolTablet(m_store, practitioner->id);
    // The same work whether or not the name exists: an unknown name is checked against a dummy hash.
    const bool passwordOk = m_config.passwordCheckForTesting(
        known ? practitioner->passwordHash : dummyPasswordHash(), request.password);
    // The same answer whether the name or the password was wrong.
    if (!known || !passwordOk) {
        guard.failed(request.username, remoteAddress, now);
        log({{"event", "enrol"}, {"status", 401}});
        return {401,
                sync::errorBody(sync::error::kBadCredentials, "sign-in name or password not recognised")};
    }
    guard.succeeded(request.username);
    sync::EnrolResponse response;
    response.deviceId = "dev-" + sync::randomHex(12);
    response.deviceSecret = sync::randomHex(32);
    Device device{response.deviceId, practitioner->id, blake2bHex(response.deviceSecret), false,
                  sync::DeviceCommand::None};
    response.cursor = m_store.latestAllocationSeq(); // read before allocations: nothing is missed
    response.allocations = m_store.allocationsFor(practitioner->id);
    // Two phases (issue 20, server/enrolment_phases.h): the credential is pending until the tablet
    // confirms it (or first pulls); only then are the practitioner's earlier credentials retired
    // (one credential each, so a lost tablet's secret stops working). A tablet that cannot finish
    // cancels it; one that never comes back has it swept, so a failed enrolment leaves nothing.
    sweepUnconfirmedEnrolments(m_store, now);
    markEnrolmentPending(m_store, device.id, now); // first: a failure below leaves only this row
    m_store.createDevice(device);
    const std::size_t retired = 0;
    response.recoveryPublicKey = m_store.setting("recovery_public_key").value_or("");
    response.practitionerId = practitioner->id;
    response.practitionerName = practitioner->displayName;
    response.noteKey = m_impl->noteSigner->publicKeyHex(); // the tablet checks managers' notes with it
    response.content = m_store.latestContent();
    log({{"event", "enrol"},
         {"status", 200},
         {"device", response.deviceId},
         {"retiredDevices", retired},
         {"allocations", response.allocations.size()}});
    return {200, sync::toJson(response)};
}

std::optional<Device> HeardServer::authenticate(const std::string& deviceAuth, Reply& failure) {
    auto colon = deviceAuth.find(':');
    std::string id = colon == std::string::npos ? std::string() : deviceAuth.substr(0, colon);
    std::string secret = colon == std::string::npos ? std::string() : deviceAuth.substr(colon + 1);
    std::optional<Device> device;
    if (sync::isSafeId(id)) device = m_store.device(id);
    std::string presented = blake2bHex(secret);
    if (!device || device->secretHash.size() != presented.size() ||
        sodium_memcmp(device->secretHash.data(), presented.data(), presented.size()) != 0) {
        failure = {401, sync::errorBody(sync::error::kUnauthorised, "device not recognised")};
        return std::nullopt;
    }
    if (device->revoked) {
        failure = {403, sync::errorBody(sync::error::kRevoked, "this device has been revoked")};
        return std::nullopt;
    }
    auto practitioner = m_store.practitioner(device->practitionerId);
    if (!practitioner || !practitioner->active) {
        failure = {403, sync::errorBody(sync::error::kRevoked, "the practitioner's account is not active")};
        return std::nullopt;
    }
    return device;
}

HeardServer::Reply HeardServer::handleDeviceCommand(const std::string& requestBody) {
    sync::DeviceCommandRequest request;
    try {
        request = sync::deviceCommandRequestFromJson(sync::parseObject(requestBody));
    } catch (const sync::ProtocolError& e) {
        log({{"event", "device_command"}, {"status", 400}, {"reason", e.what()}});
        return {400, sync::errorBody(sync::error::kBadRequest, e.what())};
    }
    // The token is the stored BLAKE2b of the device secret, compared in constant time.
    auto device = m_store.device(request.deviceId);
    if (!device || device->secretHash.size() != request.token.size() ||
        sodium_memcmp(device->secretHash.data(), request.token.data(), request.token.size()) != 0) {
        log({{"event", "device_command"}, {"status", 401}});
        return {401, sync::errorBody(sync::error::kUnauthorised, "device not recognised")};
    }
    log({{"event", "device_command"},
         {"device", device->id},
         {"status", 200},
         {"command", sync::deviceCommandName(device->command)}});
    return {200,
            {{"ok", true},
             {"protocol", sync::kProtocolVersion},
             {"command", sync::deviceCommandName(device->command)}}};
}

HeardServer::Reply HeardServer::handlePush(const std::string& deviceAuth, const std::string& requestBody) {
    auto started = std::chrono::steady_clock::now();
    Reply failure;
    auto device = authenticate(deviceAuth, failure);
    if (!device) {
        log({{"event", "push"}, {"status", failure.status}, {"error", failure.body["error"]}});
        return failure;
    }
    sync::PushRequest request;
    try {
        request = sync::pushRequestFromJson(sync::parseObject(requestBody));
    } catch (const sync::ProtocolError& e) {
        log({{"event", "push"}, {"device", device->id}, {"status", 400}, {"reason", e.what()}});
        return {400, sync::errorBody(sync::error::kBadRequest, e.what())};
    }
    auto practitioner = m_store.practitioner(device->practitionerId);
    sync::PushResponse response;
    response.batchId = request.batchId;
    response.storeGeneration = m_store.setting(kStoreGenerationSetting).value_or("");
    // 1. Validate every entry (no writes); 2. store the valid ones in one transaction.
    std::vector<IntakeEntry> valid;
    std::vector<std::size_t> validIndex;
    std::map<std::string, bool> caseHeld;
    std::map<std::string, CaseStanding> caseStandings;
    for (const auto& entry : request.entries) {
        sync::PushResult result{entry.outboxId, entry.itemType,     entry.itemId,
                                entry.version,  EntryStatus::Retry, {}};
        IntakeEntry intake;
        intake.entry = entry;
        // Audit sequence numbers are per device: scope their identity by the device.
        if (entry.itemType == "audit") intake.entry.itemId = device->id + "." + entry.itemId;
        intake.deviceId = device->id;
        intake.practitionerId = device->practitionerId;
        intake.bodyDigest = blake2bHex(entry.body);
        std::string problem;
        try {
            // The bounded reader: a body nested deeper than kMaxJsonDepth is refused here, before a
            // value exists that the verifier's copies and dumps would recurse through.
            std::optional<base::JsonError> refused;
            json body =
                base::tryReadJson(entry.body, {sync::kMaxEntryBodyBytes, sync::kMaxJsonDepth}, &refused)
                    .value_or(json());
            if (refused && refused->kind() != base::JsonErrorKind::Syntax)
                problem = refused->code(); // json_too_deep, json_too_large
            else if (!body.is_object())
                problem = "schema_json";
            else if (entry.itemType == "record") {
                problem = validateRecordBody(body, entry, *practitioner, intake);
                if (problem.empty() && !m_store.wasAllocated(device->practitionerId, entry.caseId))
                    problem = "not_allocated";
                if (problem.empty()) {
                    // Whether the case is held now, asked once per case and batch.
                    auto held = caseHeld.find(entry.caseId);
                    if (held == caseHeld.end())
                        held = caseHeld
                                   .emplace(entry.caseId,
                                            m_store.caseOwner(entry.caseId) == device->practitionerId)
                                   .first;
                    if (!held->second)
                        problem = checkCaseStillHeld(body, entry, device->practitionerId, m_store);
                }
                if (problem.empty()) {
                    // Secured for a review, or closed (issue 20): asked once per case and batch.
                    auto standing = caseStandings.find(entry.caseId);
                    if (standing == caseStandings.end())
                        standing =
                            caseStandings.emplace(entry.caseId, caseStanding(m_store, entry.caseId)).first;
                    problem = checkCaseStanding(body, standing->second);
                }
            } else if (entry.itemType == "audit")
                problem = checkAuditClaims(body, entry, *practitioner, m_store);
            if (problem.empty()) problem = m_config.recordHashVerifier(entry.itemType, body, entry.body);
        } catch (const std::exception& e) {
            problem = "server_busy";
            log({{"event", "validate_error"}, {"device", device->id}, {"error", e.what()}});
        }
        if (problem == "server_busy")
            result.reason = problem; // Retry
        else if (!problem.empty()) {
            result.status = EntryStatus::Rejected;
            result.reason = problem;
        } else {
            validIndex.push_back(response.results.size());
            valid.push_back(std::move(intake));
        }
        response.results.push_back(std::move(result));
    }
    if (!valid.empty()) {
        if (m_config.intakeDelayForTesting.count() > 0)
            std::this_thread::sleep_for(m_config.intakeDelayForTesting * static_cast<int>(valid.size()));
        try {
            auto outcomes = m_store.intakeBatch(valid);
            for (std::size_t i = 0; i < outcomes.size(); ++i) {
                response.results[validIndex[i]].status = outcomes[i].status;
                response.results[validIndex[i]].reason = outcomes[i].reason;
            }
        } catch (const std::exception& e) {
            // Nothing of the batch was stored: the device keeps it all and retries later.
            for (auto i : validIndex)
                response.results[i].reason = "server_busy";
            log({{"event", "intake_error"}, {"device", device->id}, {"error", e.what()}});
        }
    }
    std::size_t stored = 0, duplicates = 0, rejected = 0, retry = 0;
    for (const auto& result : response.results) {
        switch (result.status) {
        case EntryStatus::Stored:
            ++stored;
            break;
        case EntryStatus::Duplicate:
            ++duplicates;
            break;
        case EntryStatus::Rejected:
            ++rejected;
            break;
        case EntryStatus::Retry:
            ++retry;
            break;
        }
        if (result.status == EntryStatus::Rejected)
            log({{"event", "rejected"},
                 {"device", device->id},
                 {"itemType", result.itemType},
                 {"itemId", result.itemId},
                 {"version", result.version},
                 {"reason", result.reason}});
    }
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    log({{"event", "push"},
         {"device", device->id},
         {"status", 200},
         {"entries", request.entries.size()},
         {"stored", stored},
         {"duplicate", duplicates},
         {"rejected", rejected},
         {"retry", retry},
         {"ms", ms}});
    return {200, sync::toJson(response)};
}

HeardServer::Reply HeardServer::handlePull(const std::string& deviceAuth, const std::string& requestBody) {
    Reply failure;
    auto device = authenticate(deviceAuth, failure);
    if (!device) {
        log({{"event", "pull"}, {"status", failure.status}, {"error", failure.body["error"]}});
        return failure;
    }
    sync::PullRequest request;
    try {
        request = sync::pullRequestFromJson(sync::parseObject(requestBody));
    } catch (const sync::ProtocolError& e) {
        log({{"event", "pull"}, {"device", device->id}, {"status", 400}, {"reason", e.what()}});
        return {400, sync::errorBody(sync::error::kBadRequest, e.what())};
    }
    // A tablet from before two-phase enrolment never confirms: its first pull does (issue 20).
    if (enrolmentPending(m_store, device->id)) {
        const std::size_t retired = confirmEnrolment(m_store, *device, std::nullopt);
        log({{"event", "enrol_confirm"},
             {"device", device->id},
             {"implicit", true},
             {"retiredDevices", retired}});
    }
    for (const auto& caseId : request.removedCases)
        m_store.confirmRemoval(device->id, caseId);
    console::noteDeviceSeen(m_store, device->id); // the console lists tablets that went quiet

    sync::PullResponse response;
    response.cursor = request.cursor;
    response.storeGeneration = m_store.setting(kStoreGenerationSetting).value_or("");
    // Net effect per case: the last event wins, so allocate-then-reallocate-away is a removal.
    std::vector<std::string> order;
    std::map<std::string, AllocationEvent> last;
    for (auto& event : m_store.allocationEventsSince(device->practitionerId, request.cursor)) {
        response.cursor = std::max(response.cursor, event.seq);
        if (!last.count(event.allocation.caseId)) order.push_back(event.allocation.caseId);
        last[event.allocation.caseId] = event;
    }
    for (const auto& caseId : order) {
        const auto& event = last[caseId];
        if (event.removal)
            response.removals.push_back(caseId);
        else
            response.allocations.push_back(event.allocation);
    }
    // What other tablets recorded in the cases this practitioner holds (issue 20): a case
    // reallocated here arrives with its history, and records its old tablet sends later follow.
    CaseHistory history = caseHistorySince(m_store, device->practitionerId, device->id, request.historyCursor,
                                           sync::kMaxHistoryRecords, kHistoryBytesPerPull);
    response.history = std::move(history.bodies);
    response.historyCursor = history.cursor;
    // A case (re)allocated now comes whole, whatever the cursor passed while it was elsewhere;
    // the tablet keeps each record once. Its own records come only if it removed the case.
    std::size_t historyBytes = 0;
    for (const auto& body : response.history)
        historyBytes += body.size();
    for (const auto& allocation : response.allocations) {
        if (response.history.size() >= sync::kMaxHistoryRecords || historyBytes >= kHistoryBytesPerPull)
            break;
        for (auto& body : caseHistoryOf(m_store, allocation.caseId, device->id,
                                        sync::kMaxHistoryRecords - response.history.size(),
                                        kHistoryBytesPerPull - historyBytes)) {
            historyBytes += body.size();
            response.history.push_back(std::move(body));
        }
    }
    response.secured = securedCasesHeldBy(m_store, device->practitionerId);
    auto content = m_store.latestContent();
    if (content && content->version > request.contentVersion) response.content = std::move(content);
    response.command = device->command;
    // The managers' notes on the cases this practitioner holds (issue 15).
    for (const auto& note :
         console::notesForPractitioner(m_store, device->practitionerId, request.noteCursor))
        response.managerNotes.push_back(note.wire());
    response.noteKey = m_impl->noteSigner->publicKeyHex();
    log({{"event", "pull"},
         {"device", device->id},
         {"status", 200},
         {"allocations", response.allocations.size()},
         {"removals", response.removals.size()},
         {"content", response.content.has_value()},
         {"managerNotes", response.managerNotes.size()},
         {"history", response.history.size()},
         {"command", sync::deviceCommandName(response.command)}});
    return {200, sync::toJson(response)};
}

// [SECTION] HTTP wiring ----------------------------------------------------------------------

namespace {
void send(httplib::Response& res, const HeardServer::Reply& reply) {
    res.status = reply.status;
    if (reply.retryAfterSeconds > 0) res.set_header("Retry-After", std::to_string(reply.retryAfterSeconds));
    // Tells the device it may gzip its request bodies (httplib decompresses them, see readBody);
    // answers are gzipped by httplib when the device's Accept-Encoding asks for it.
    res.set_header("Accept-Encoding", "gzip");
    res.set_content(reply.body.dump(), "application/json");
}

// Reads a request body, decompressed, refusing more than kMaxRequestBytes after decompression
// (httplib checks only the bytes on the wire, so a small gzip body could expand without bound).
bool readBody(const httplib::ContentReader& reader, std::string& body) {
    // reader() is false too when httplib refused the body itself (Content-Length over the
    // payload limit) or the connection broke: either way there is no body to handle.
    return reader([&](const char* data, std::size_t length) {
        if (body.size() + length > sync::kMaxRequestBytes) return false;
        body.append(data, length);
        return true;
    });
}

void sendTooLarge(httplib::Response& res) {
    res.set_header("Connection", "close"); // the rest of the body was not read
    send(res, {413, sync::errorBody(sync::error::kTooLarge, "request refused")});
}
} // namespace

void HeardServer::start() {
    bind();
    httplib::Server* http = m_impl->http.get();
    m_impl->thread = std::thread([http] { http->listen_after_bind(); });
}

void HeardServer::run() {
    bind();
    m_impl->http->listen_after_bind();
}

void HeardServer::bind() {
    if (m_impl->http) throw base::Error("server_started", "server already started");
    dummyPasswordHash();       // made now, so the first unknown name costs no more than any other
    sync::ignoreBrokenPipes(); // a device dropping its connection must not kill the server
    if (m_config.plainHttpForDevelopment) {
        m_impl->http = std::make_unique<httplib::Server>();
        log({{"event", "warning"}, {"message", "plain HTTP for development: never use in production"}});
    } else {
        if (m_config.certificatePath.empty() || m_config.privateKeyPath.empty())
            throw base::Error(
                "tls_config",
                "HTTPS needs a certificate and a private key (plain HTTP only with the development flag)");
        auto ssl = std::make_unique<httplib::SSLServer>(m_config.certificatePath.c_str(),
                                                        m_config.privateKeyPath.c_str());
        if (!ssl->is_valid())
            throw base::Error("tls_config", "cannot load the TLS certificate or private key");
        applyTlsPolicy(ssl->ssl_context());
        m_impl->guard = std::make_unique<ConnectionGuard>(m_config.connectionLimits);
        m_impl->guard->attach(ssl->ssl_context());
        m_impl->http = std::move(ssl);
    }
    auto& http = *m_impl->http;
    std::size_t threads = m_config.threads == 0 ? 1 : m_config.threads;
    std::size_t maxWorkers = m_config.connectionLimits.maxWorkers;
    http.new_task_queue = [threads, maxWorkers] { return newGrowingTaskQueue(threads, maxWorkers); };
    http.set_payload_max_length(sync::kMaxRequestBytes);
    http.set_read_timeout(15, 0);
    http.set_write_timeout(15, 0);
    http.set_keep_alive_timeout(5);

    http.Get(sync::kPathHealth,
             [this](const httplib::Request&, httplib::Response& res) { send(res, handleHealth()); });
    http.Post(sync::kPathEnrol, [this](const httplib::Request& req, httplib::Response& res,
                                       const httplib::ContentReader& reader) {
        std::string body;
        if (!readBody(reader, body)) return sendTooLarge(res);
        send(res, handleEnrol(body, req.remote_addr));
    });
    http.Post(sync::kPathPush, [this](const httplib::Request& req, httplib::Response& res,
                                      const httplib::ContentReader& reader) {
        std::string body;
        if (!readBody(reader, body)) return sendTooLarge(res);
        send(res, handlePush(req.get_header_value(sync::kDeviceAuthHeader), body));
    });
    http.Post(sync::kPathPull, [this](const httplib::Request& req, httplib::Response& res,
                                      const httplib::ContentReader& reader) {
        std::string body;
        if (!readBody(reader, body)) return sendTooLarge(res);
        send(res, handlePull(req.get_header_value(sync::kDeviceAuthHeader), body));
    });
    // Two-phase enrolment (issue 20): the new credential confirms or cancels itself.
    http.Post(sync::kPathEnrolConfirm, [this](const httplib::Request& req, httplib::Response& res,
                                              const httplib::ContentReader& reader) {
        std::string body;
        if (!readBody(reader, body)) return sendTooLarge(res);
        Reply failure;
        auto device = authenticate(req.get_header_value(sync::kDeviceAuthHeader), failure);
        if (!device) {
            log({{"event", "enrol_confirm"}, {"status", failure.status}});
            return send(res, failure);
        }
        // The same store's earlier credential, proven by its secret (it may be revoked already).
        std::optional<Device> previous;
        const json request = json::parse(body, nullptr, false);
        const std::string earlier = request.is_object() ? request.value("previousDevice", std::string()) : "";
        if (auto colon = earlier.find(':');
            colon != std::string::npos && sync::isSafeId(earlier.substr(0, colon))) {
            auto candidate = m_store.device(earlier.substr(0, colon));
            const std::string presented = blake2bHex(earlier.substr(colon + 1));
            if (candidate && candidate->secretHash.size() == presented.size() &&
                sodium_memcmp(candidate->secretHash.data(), presented.data(), presented.size()) == 0)
                previous = candidate;
        }
        const std::size_t retired = confirmEnrolment(m_store, *device, previous);
        log({{"event", "enrol_confirm"},
             {"device", device->id},
             {"status", 200},
             {"chainsCarried", previous.has_value()},
             {"retiredDevices", retired}});
        send(res, {200, {{"ok", true}, {"protocol", sync::kProtocolVersion}}});
    });
    http.Post(sync::kPathEnrolCancel, [this](const httplib::Request& req, httplib::Response& res,
                                             const httplib::ContentReader& reader) {
        std::string body;
        if (!readBody(reader, body)) return sendTooLarge(res);
        Reply failure;
        auto device = authenticate(req.get_header_value(sync::kDeviceAuthHeader), failure);
        if (!device) return send(res, failure);
        if (!cancelEnrolment(m_store, device->id)) {
            log({{"event", "enrol_cancel"}, {"device", device->id}, {"status", 409}});
            return send(res, {409, sync::errorBody("not_pending", "this enrolment is already confirmed")});
        }
        log({{"event", "enrol_cancel"}, {"device", device->id}, {"status", 200}});
        send(res, {200, {{"ok", true}, {"protocol", sync::kProtocolVersion}}});
    });
    http.Post(sync::kPathDeviceCommand,
              [this](const httplib::Request&, httplib::Response& res, const httplib::ContentReader& reader) {
                  std::string body;
                  if (!readBody(reader, body)) return sendTooLarge(res);
                  send(res, handleDeviceCommand(body));
              });
    if (m_config.console) {
        console::ConsoleConfig consoleConfig;
        consoleConfig.clockMs = m_config.clockForTesting;
        consoleConfig.limits = m_config.enrolLimits;
        consoleConfig.secureCookies = !m_config.plainHttpForDevelopment;
        consoleConfig.safeguardingJsonPath =
            m_config.safeguardingJsonPath.empty()
                ? std::string(HEARD_ASSETS_DIR) + "/safeguarding/safeguarding.json"
                : m_config.safeguardingJsonPath;
        consoleConfig.passwordCheck = m_config.passwordCheckForTesting;
        consoleConfig.verifyRecordHash = m_config.recordHashVerifier;
        consoleConfig.log = [this](json line) { log(std::move(line)); };
        consoleConfig.noteSigner = m_impl->noteSigner;
        m_impl->console = std::make_unique<console::Console>(m_store, std::move(consoleConfig));
        m_impl->console->registerRoutes(http);
    }
    // Errors the router produces itself (404, 413 too large, 400 unparsable) still get a JSON body.
    http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        const char* code = res.status == 413   ? sync::error::kTooLarge
                           : res.status == 404 ? "not_found"
                                               : sync::error::kBadRequest;
        log({{"event", "http_error"},
             {"path", req.path.size() > 64 ? req.path.substr(0, 64) : req.path},
             {"status", res.status}});
        res.set_content(sync::errorBody(code, "request refused").dump(), "application/json");
    });
    http.set_exception_handler(
        [this](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
            std::string what = "unknown";
            try {
                if (error) std::rethrow_exception(error);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            log({{"event", "handler_error"}, {"error", what}});
            res.status = 500;
            res.set_content(sync::errorBody(sync::error::kInternal, "server error; try again later").dump(),
                            "application/json");
        });

    // Remember the listening socket so its backlog can be raised after bind: httplib listens with
    // a backlog of 5, and a crowd of tablets reconnecting at once would see SYNs dropped and
    // second-long retransmission delays.
    auto listeningSocket = std::make_shared<int>(-1);
    // TCP_NODELAY on the listening socket is inherited by every accepted connection (Linux), so
    // no answer waits ~40 ms on Nagle and the device's delayed ACK.
    http.set_tcp_nodelay(true);
    http.set_socket_options([listeningSocket](socket_t sock) {
        httplib::default_socket_options(sock);
        sync::setNoDelay(sock);
        *listeningSocket = sock;
    });
    if (m_config.port == 0) {
        m_port = http.bind_to_any_port(m_config.bindHost);
        if (m_port <= 0) throw base::Error("bind", "cannot bind to " + m_config.bindHost);
    } else {
        if (!http.bind_to_port(m_config.bindHost, m_config.port))
            throw base::Error("bind",
                              "cannot bind to " + m_config.bindHost + ":" + std::to_string(m_config.port));
        m_port = m_config.port;
    }
    if (*listeningSocket >= 0) ::listen(*listeningSocket, SOMAXCONN);
    log({{"event", "listening"}, {"port", m_port}, {"tls", !m_config.plainHttpForDevelopment}});
}

void HeardServer::stop() {
    if (!m_impl || !m_impl->http) return;
    m_impl->http->stop();
    if (m_impl->thread.joinable()) m_impl->thread.join();
    m_impl->http.reset();
    m_impl->guard.reset();
}

} // namespace heard::server
