// The Heard sync wire protocol, shared by the device client (sync/) and heard-server (server/).
//
// Every message is a JSON object over HTTPS. This header holds the message types, their strict
// (de)serialisation and the limits both sides enforce. docs/sync-protocol.md is the prose version;
// keep the two in step.
//
// [SECTION] Constants and limits
// [SECTION] Errors
// [SECTION] Messages: enrolment, push, pull, health
// [SECTION] JSON (de)serialisation
#pragma once

#include "base/error.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace heard::sync {

// [SECTION] Constants and limits ------------------------------------------------------------

inline constexpr int kProtocolVersion = 1;

inline constexpr const char* kPathHealth = "/v1/health";
inline constexpr const char* kPathEnrol = "/v1/enrol";
inline constexpr const char* kPathPush = "/v1/push";
inline constexpr const char* kPathPull = "/v1/pull";
// A locked tablet asks for device commands (issue 17.9) with its command credential only.
inline constexpr const char* kPathDeviceCommand = "/v1/device-command";

// Device credentials travel in this header as "<deviceId>:<deviceSecret>" (over TLS only).
inline constexpr const char* kDeviceAuthHeader = "X-Heard-Device";

// A batch never holds more than this many entries (the server refuses more with 400).
inline constexpr std::size_t kMaxBatchEntries = 1000;
// The client fills a batch up to kBatchEntries entries or kBatchTargetBytes of bodies, whichever
// comes first: about 1 MB per request keeps round trips few (a record and its audit entries in
// one), while a batch lost to a dropped connection costs little to send again.
inline constexpr std::size_t kBatchEntries = kMaxBatchEntries;
inline constexpr std::size_t kBatchTargetBytes = 1024 * 1024;
// One outbox body (a record version or audit entry) may not exceed this. The client checks
// before sending and quarantines an oversized entry with a clear reason instead of a raw 413.
inline constexpr std::size_t kMaxEntryBodyBytes = 512 * 1024;
// A whole request may not exceed this (the server refuses larger with 413 and a JSON error).
inline constexpr std::size_t kMaxRequestBytes = 8 * 1024 * 1024;
// Every body either side parses (requests, answers, each pushed entry) is refused beyond this
// nesting, before a value exists (base/json_reader.h): no message nests deeper than about 10,
// and a value nested 100,000 deep crashes whatever copies or dumps it.
inline constexpr int kMaxJsonDepth = 64;
// The largest answer the client parses (pull answers carry the content files).
inline constexpr std::size_t kMaxResponseBytes = 32 * 1024 * 1024;

// [SECTION] Errors ---------------------------------------------------------------------------

// A message that does not follow this protocol (malformed JSON, missing or mistyped field,
// value out of range). The text names the field, never its content (no personal data).
// code() is "protocol".
class ProtocolError : public base::Error {
public:
    explicit ProtocolError(const std::string& message) : base::Error("protocol", message) {}
};

// Error codes carried in {"ok": false, "error": <code>, "message": ...} bodies.
namespace error {
inline constexpr const char* kBadRequest = "bad_request";         // malformed or invalid body
inline constexpr const char* kBadCredentials = "bad_credentials"; // enrolment sign-in failed
inline constexpr const char* kUnauthorised = "unauthorised";      // unknown device or bad secret
inline constexpr const char* kRevoked = "device_revoked";         // the device was revoked
inline constexpr const char* kTooLarge = "too_large";             // request over kMaxRequestBytes
inline constexpr const char* kProtocol = "protocol_version";      // unsupported protocol version
inline constexpr const char* kInternal = "internal";              // server fault; retry later
} // namespace error

// [SECTION] Messages -------------------------------------------------------------------------

// A case allocated to the practitioner, with the child it concerns. Names are display names
// chosen by the organisation; the server never logs them.
struct Allocation {
    std::string caseId;
    std::string caseReference; // the case system's reference, shown to the practitioner
    std::string childId;
    std::string childName;
    std::string childDateOfBirth; // ISO date, may be empty
};

// Tool content or translation files, versioned as a whole, signed by the organisation
// (sync/protocol_content.h; issue 20, item 4). Files: "tools/<id>.json" an activity's content
// (the format of assets/tools, app/tools/framework/model/activity_content.h), "i18n/<lang>.json"
// an object msgid -> translation for that content's strings; other names are kept, not used.
struct ContentUpdate {
    std::int64_t version = 0;
    nlohmann::json files = nlohmann::json::object(); // file name -> content (JSON)
    std::string signature;                           // base64; "" unsigned (tablets refuse it)
    std::string signerPem;                           // the signer's certificate
};

struct EnrolRequest {
    int protocol = kProtocolVersion;
    std::string username;
    std::string password;
    std::string deviceName; // e.g. "tablet 7"; free text, used only by administrators
};

struct EnrolResponse {
    std::string deviceId;
    std::string deviceSecret;      // random, shown once; the server keeps only its hash
    std::string recoveryPublicKey; // the organisation's recovery key (hex, crypto_box)
    std::string practitionerId;
    std::string practitionerName;
    std::vector<Allocation> allocations;
    std::optional<ContentUpdate> content;
    std::int64_t cursor = 0; // pull from here next time
    std::string noteKey;     // hex Ed25519 public key of the managers' notes ("" none yet)
};

// Why the server could not store an entry.
enum class EntryStatus {
    Stored,    // newly stored and committed
    Duplicate, // this (type, id, version) with this exact body was already stored: also an ack
    Rejected,  // invalid or conflicting; the device quarantines it and shows the reason
    Retry,     // not stored for a transient reason (e.g. its predecessor has not arrived yet)
};

struct PushEntry {
    std::int64_t outboxId = 0; // the device's outbox row, echoed back so acks map exactly
    std::string itemType;      // "record" or "audit"
    std::string itemId;        // client-made UUID
    std::int64_t version = 0;  // >= 1
    std::string caseId;        // may be empty for audit entries not tied to a case
    bool highRisk = false;
    std::string body; // the exact serialised body from the outbox (JSON text)
};

struct PushRequest {
    int protocol = kProtocolVersion;
    std::string batchId; // random per attempt; echoed back so a stray 200 is not taken as an ack
    std::vector<PushEntry> entries;
};

struct PushResult {
    std::int64_t outboxId = 0;
    std::string itemType;
    std::string itemId;
    std::int64_t version = 0;
    EntryStatus status = EntryStatus::Retry;
    std::string reason; // for Rejected and Retry: a short code, e.g. "conflict", "not_allocated"
};

struct PushResponse {
    std::string batchId;
    std::vector<PushResult> results;
    // Names the server's database since its last `heard-server admin restore` ("" when it was
    // never restored). When it differs from the one a device last saw, what the server
    // acknowledged before may have been lost with the restore: the device sends every
    // acknowledged entry again (the server answers "duplicate" for what it kept).
    std::string storeGeneration;
};
// The longest storeGeneration either side accepts.
inline constexpr std::size_t kMaxStoreGeneration = 64;

struct PullRequest {
    int protocol = kProtocolVersion;
    std::int64_t cursor = 0;
    std::int64_t contentVersion = 0;       // what the device holds
    std::vector<std::string> removedCases; // reallocated cases the device has now removed
    std::int64_t noteCursor = 0;           // the last manager's note the device holds (issue 15)
    std::int64_t historyCursor = 0;        // issue 20: the server's received seq of history held
};

// A manager's oversight note or decision, written and signed in the managers' console (issue
// 15); it travels to the tablet of the practitioner who holds the case. hash is BLAKE2b-256 and
// signature Ed25519 (hex), both over managerNoteSignedBytes(); the tablet checks the signature
// with the server's note key (noteKey in the enrol and pull answers) before it keeps the note.
struct ManagerNote {
    std::int64_t seq = 0; // the server's order: the device's noteCursor
    std::string id, recordId, caseId, childId, author, authorName, decision, note, noteDate, writtenAt, hash;
    std::string signature;
};
// What a note's hash and signature cover: canonical JSON (sorted keys, compact) of every field but
// seq, hash and signature, with "kind": "manager_note". One implementation for server and tablet.
std::string managerNoteSignedBytes(const ManagerNote& note);
// The hash matches the bytes and the signature is the note key's (hex Ed25519 public key).
bool managerNoteSignatureValid(const ManagerNote& note, const std::string& noteKeyHex);

enum class DeviceCommand {
    None,
    Lock, // lock the store now; the practitioner's passphrase opens it again
    Wipe, // destroy the local store (only after everything is synced if possible)
};

struct SecuredCase {
    std::string caseId;
    std::string securedAt; // ISO 8601 UTC, the server's clock
};

struct PullResponse {
    std::int64_t cursor = 0;
    std::vector<Allocation> allocations;  // newly allocated cases
    std::vector<std::string> removals;    // cases reallocated away from this device
    std::optional<ContentUpdate> content; // present when newer than contentVersion
    DeviceCommand command = DeviceCommand::None;
    std::vector<ManagerNote> managerNotes; // seq > the request's noteCursor, oldest first
    std::string storeGeneration;           // as in PushResponse: a tablet with nothing to push learns too
    std::string noteKey;                   // hex Ed25519 public key the notes are signed with ("" none yet)
    // Issue 20: the signed records other tablets made in the cases this practitioner holds,
    // received by the server after the request's historyCursor (their outbox bodies, oldest
    // first), so a reallocated case arrives with its history, and what its old tablet sends
    // later follows it. historyCursor: pass it back next time.
    std::vector<std::string> history;
    std::int64_t historyCursor = 0;
    // Issue 20: the cases this practitioner holds that the central system has secured for a
    // review (every one, each pull: a short list), with when. The tablet freezes them.
    std::vector<SecuredCase> secured;
};
// At most this many history records in one pull answer (the rest of a long case is not sent:
// docs/sync-protocol.md, known limits).
inline constexpr std::size_t kMaxHistoryRecords = 2000;

// The locked tablet's question (kPathDeviceCommand). token is the BLAKE2b-256 hex of the device
// secret: what the server already stores, so no schema change; it cannot push or pull (that needs
// the secret itself) and reveals no case data. The answer is {"ok":true,"command":"none|lock|wipe"}.
struct DeviceCommandRequest {
    int protocol = kProtocolVersion;
    std::string deviceId;
    std::string token;
};

// [SECTION] JSON (de)serialisation -----------------------------------------------------------
// from*() functions throw ProtocolError on anything not matching the protocol.

const char* entryStatusName(EntryStatus status);
EntryStatus entryStatusFromString(const std::string& text);
const char* deviceCommandName(DeviceCommand command);
DeviceCommand deviceCommandFromString(const std::string& text);

nlohmann::json toJson(const Allocation& value);
nlohmann::json toJson(const ManagerNote& value);
ManagerNote managerNoteFromJson(const nlohmann::json& j);
nlohmann::json toJson(const ContentUpdate& value);
nlohmann::json toJson(const EnrolRequest& value);
nlohmann::json toJson(const EnrolResponse& value);
nlohmann::json toJson(const PushEntry& value);
nlohmann::json toJson(const PushRequest& value);
// The same bytes as toJson(value).dump(), written straight from the entries: a batch of 1 MB of
// bodies is not copied into a JSON tree first (three copies of each body fewer; heard-bench sync
// showed no gain in the client's CPU beyond its noise).
std::string pushRequestText(const PushRequest& value);
nlohmann::json toJson(const PushResult& value);
nlohmann::json toJson(const PushResponse& value);
nlohmann::json toJson(const PullRequest& value);
nlohmann::json toJson(const PullResponse& value);
nlohmann::json toJson(const DeviceCommandRequest& value);

Allocation allocationFromJson(const nlohmann::json& json);
ContentUpdate contentUpdateFromJson(const nlohmann::json& json);
EnrolRequest enrolRequestFromJson(const nlohmann::json& json);
EnrolResponse enrolResponseFromJson(const nlohmann::json& json);
PushEntry pushEntryFromJson(const nlohmann::json& json);
PushRequest pushRequestFromJson(const nlohmann::json& json);
PushResult pushResultFromJson(const nlohmann::json& json);
PushResponse pushResponseFromJson(const nlohmann::json& json);
PullRequest pullRequestFromJson(const nlohmann::json& json);
PullResponse pullResponseFromJson(const nlohmann::json& json);
DeviceCommandRequest deviceCommandRequestFromJson(const nlohmann::json& json);
DeviceCommand deviceCommandResponseFromJson(const nlohmann::json& json); // after requireOk

// Parses request/response text with the bounded reader (at most kMaxResponseBytes, nested at most
// kMaxJsonDepth); throws ProtocolError for invalid, too large or too deep JSON or a non-object.
nlohmann::json parseObject(const std::string& text);

// Success bodies are {"ok": true, ...}; only such a body counts as an answer (a captive portal's
// bare 200 does not). Throws ProtocolError otherwise, carrying the server's error code if any.
const nlohmann::json& requireOk(const nlohmann::json& body);

// {"ok": false, "error": code, "message": message}
nlohmann::json errorBody(const std::string& code, const std::string& message);

// True for the item types the protocol knows.
bool isKnownItemType(const std::string& itemType);

// True for an identifier safe to store and log: 1..64 characters of [A-Za-z0-9_-].
// Record ids are client-made UUIDs; case and device ids follow the same rule.
bool isSafeId(const std::string& text);

// A fresh random identifier (hex) of the given byte length, from libsodium's CSPRNG.
std::string randomHex(std::size_t bytes);

} // namespace heard::sync
