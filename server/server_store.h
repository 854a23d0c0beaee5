// ServerStore: what heard-server keeps, behind one interface with two backends.
//
//   SQLite (embedded default; the SQLCipher library used WITHOUT a key, i.e. plain SQLite)
//   PostgreSQL (production; several heard-server instances may share one database)
//
// Both backends run the same test suite (tests/server/). Every method is safe to call from many
// request threads at once. Intake is idempotent on (item type, item id, version) and returns only
// after the backend's transaction has committed.
#pragma once

#include "base/error.h"
#include "sync/protocol.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace heard::server {

// A failure of the server's database (code() "server_store"); SQLite errors from the shared
// wrapper (storage/database.h) arrive as storage::StoreError, also a base::Error.
class ServerStoreError : public base::Error {
public:
    explicit ServerStoreError(const std::string& message) : base::Error("server_store", message) {}
};

struct Practitioner {
    std::string id; // the sign-in name, also the author id on records
    std::string displayName;
    std::string passwordHash; // Argon2id, crypto_pwhash_str format
    bool active = true;
};

struct Device {
    std::string id;
    std::string practitionerId;
    std::string secretHash; // BLAKE2b of the random device secret (hex)
    bool revoked = false;
    sync::DeviceCommand command = sync::DeviceCommand::None;
};

// What the server already knows about one chain of a case (IntakeEntry::chain).
struct ChainTip {
    std::int64_t chainSeq = 0; // 0: nothing stored yet for the case
    std::string hash;
};

// One entry as it reaches intake, after protocol and schema validation.
struct IntakeEntry {
    sync::PushEntry entry;
    std::string deviceId;
    std::string practitionerId;
    std::string bodyDigest; // BLAKE2b-256 hex of entry.body: compared on a repeat
    // Chain fields taken from a record body (empty/0 for audit entries).
    std::int64_t chainSeq = 0;
    std::string hash;
    std::string prevHash;
    std::string kind; // a record's kind (storage/record_kinds.h); empty for audit entries
    // The record's chain within its case: "" the case's records (chain_tips), kSafetyChain its
    // safety alerts (safety_chain_tips). Each chain is verified on its own.
    std::string chain;
    const char* chainTipTable() const { return chain.empty() ? "chain_tips" : "safety_chain_tips"; }
};

// A safety alert received (issue 14): a child said they may not be safe. Kept apart from the
// body (which may be sealed at rest) so managers can be told first, and acknowledged once one
// has read it. The body itself is the received entry (receivedSeq).
struct SafetyAlertReceived {
    std::int64_t receivedSeq = 0;
    std::string itemId;
    std::int64_t version = 0;
    std::string caseId, deviceId, practitionerId, receivedAt;
    std::string acknowledgedAt, acknowledgedBy; // empty until a manager has acknowledged it
};

struct IntakeOutcome {
    sync::EntryStatus status = sync::EntryStatus::Retry;
    std::string reason;
};

// A stored entry, as exported to the case system.
struct ReceivedEntry {
    std::int64_t receivedSeq = 0;
    std::string itemType, itemId;
    std::int64_t version = 0;
    std::string caseId, deviceId, practitionerId, receivedAt, body;
};

// Failed sign-ins counted under one key ("account:<name>" or "address:<ip>"), kept in the database
// so every heard-server instance sees the same count (server/enrol_guard.h decides the delay).
struct AuthThrottle {
    std::int64_t failures = 0;
    std::int64_t lastFailureMs = 0; // Unix time in milliseconds
};

struct AllocationEvent {
    std::int64_t seq = 0;
    bool removal = false;
    sync::Allocation allocation; // for a removal only caseId is meaningful
};

// Parameterised SQL for the modules above the store that own their own tables (the managers'
// console, server/console/): one SQL text for both backends, `?` placeholders (never a literal
// '?' inside the SQL), results as text (NULL -> ""). Only inside ServerStore::transact.
using SqlValue = std::variant<std::string, std::int64_t>;
using SqlRow = std::vector<std::string>;
class SqlSession {
public:
    virtual ~SqlSession() = default;
    virtual std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params = {}) = 0;
    virtual std::int64_t exec(const std::string& sql,
                              const std::vector<SqlValue>& params = {}) = 0; // rows changed
};

// The setting that names the database since its last `admin restore` (markRestored in
// server/backup.h); every push answer carries it (sync::PushResponse::storeGeneration).
inline constexpr const char* kStoreGenerationSetting = "store_generation";

class ServerStore {
public:
    virtual ~ServerStore() = default;

    // --- practitioners and devices
    virtual void createPractitioner(const Practitioner& practitioner) = 0; // throws if it exists
    virtual std::optional<Practitioner> practitioner(const std::string& id) = 0;
    virtual void createDevice(const Device& device) = 0;
    virtual std::optional<Device> device(const std::string& id) = 0;
    virtual bool revokeDevice(const std::string& id) = 0; // false if unknown
    virtual bool setDeviceCommand(const std::string& id, sync::DeviceCommand command) = 0;

    // --- allocations
    // Allocates (or reallocates) a case to a practitioner. A reallocation records a removal
    // event for the previous practitioner and an allocation event for the new one.
    virtual void allocateCase(const sync::Allocation& allocation, const std::string& practitionerId) = 0;
    virtual std::optional<std::string> caseOwner(const std::string& caseId) = 0;
    // True if the case is or ever was allocated to the practitioner: a device may still push the
    // records of a case reallocated away from it (it removes the case only once they are synced).
    virtual bool wasAllocated(const std::string& practitionerId, const std::string& caseId) = 0;
    virtual std::vector<sync::Allocation> allocationsFor(const std::string& practitionerId) = 0;
    // Events for the practitioner with seq > cursor, oldest first.
    virtual std::vector<AllocationEvent> allocationEventsSince(const std::string& practitionerId,
                                                               std::int64_t cursor) = 0;
    virtual std::int64_t latestAllocationSeq() = 0;
    // Records that a device has removed a reallocated case (for administrators' view).
    virtual void confirmRemoval(const std::string& deviceId, const std::string& caseId) = 0;
    virtual std::vector<std::string> confirmedRemovals(const std::string& deviceId) = 0;
    // Closing a case (issue 20): a removal event for the practitioner holding it, so their
    // tablets remove it once everything of it is synced. The case keeps its holder (the console
    // still scopes it to their team); allocationsFor leaves closed cases out (server/case_life.h
    // marks them). Throws ServerStoreError for an unknown case.
    virtual void takeCaseFromHolder(const std::string& caseId) = 0;

    // --- content and organisation settings
    virtual void publishContent(const sync::ContentUpdate& content) = 0; // version must grow
    virtual std::optional<sync::ContentUpdate> latestContent() = 0;
    virtual void setSetting(const std::string& key, const std::string& value) = 0;
    virtual std::optional<std::string> setting(const std::string& key) = 0;

    // --- intake
    // Validates each entry's chain against what is stored (including earlier entries of the same
    // batch), then stores idempotently, all in ONE transaction that has committed when this
    // returns (so one fsync per batch, and nothing is acknowledged before its commit).
    // Stored/Duplicate are acknowledgements; a different body under an existing (type, id,
    // version) is Rejected "conflict" and flagged in the conflicts list. Throws on a database
    // failure, in which case nothing of the batch is stored.
    virtual std::vector<IntakeOutcome> intakeBatch(const std::vector<IntakeEntry>& entries) = 0;
    IntakeOutcome intake(const IntakeEntry& entry) { return intakeBatch({entry}).at(0); }
    virtual std::vector<ReceivedEntry> receivedSince(std::int64_t receivedSeq, std::size_t limit) = 0;
    virtual std::size_t receivedCount() = 0;
    virtual std::size_t conflictCount() = 0;

    // --- safety alerts (issue 14), stored by intake with the record
    // Unacknowledged first, newest first within each, at most limit: what a manager's console
    // shows first.
    virtual std::vector<SafetyAlertReceived> safetyAlerts(std::size_t limit) = 0;
    // Marks every version of the alert acknowledged (by, at: ISO 8601 UTC); false when there is no
    // such alert or it was already acknowledged.
    virtual bool acknowledgeSafetyAlert(const std::string& itemId, const std::string& by,
                                        const std::string& at) = 0;

    // --- hardening (issue 17)
    virtual AuthThrottle authThrottle(const std::string& key) = 0;
    // Adds one failure atomically (also across instances) and returns the new state. A count whose
    // last failure is older than staleAfterMs starts again from one.
    virtual AuthThrottle recordAuthFailure(const std::string& key, std::int64_t nowMs,
                                           std::int64_t staleAfterMs) = 0;
    virtual void clearAuthFailures(const std::string& key) = 0;
    // Revokes every device of the practitioner except keepDeviceId; returns how many it revoked.
    virtual std::size_t revokeOtherDevices(const std::string& practitionerId,
                                           const std::string& keepDeviceId) = 0;
    // When the case was last reallocated away from the practitioner (ISO 8601 UTC), if ever.
    virtual std::optional<std::string> reallocatedAwayAt(const std::string& practitionerId,
                                                         const std::string& caseId) = 0;

    // --- the managers' console (issue 15)
    // Runs work in one transaction that commits when it returns (rolls back if it throws).
    virtual void transact(const std::function<void(SqlSession&)>& work) = 0;
    // The readable text of a received body as read from the `received` table by SQL: a body sealed
    // at rest (server/record_cipher.h) is opened; a plain one is returned as it is.
    virtual std::string readableBody(const std::string& itemType, const std::string& itemId,
                                     std::int64_t version, const std::string& storedBody) {
        (void)itemType, (void)itemId, (void)version;
        return storedBody;
    }
    // The text to store for a body the server writes itself (a manager's note, the note signing
    // key): sealed like received records when they are encrypted at rest, else as it is. It opens
    // with readableBody() under the same itemType, itemId and version.
    virtual std::string sealedBody(const std::string& itemType, const std::string& itemId,
                                   std::int64_t version, const std::string& text) {
        (void)itemType, (void)itemId, (void)version;
        return text;
    }
};

// Opens (creating the schema if needed) a SQLite server store at path (":memory:" allowed).
std::unique_ptr<ServerStore> openSqliteServerStore(const std::string& path);

// Opens a PostgreSQL server store, e.g. "host=127.0.0.1 port=5432 dbname=heard user=heard".
// Creates the schema if needed (safe when several instances start at once).
// Throws ServerStoreError if libpqxx support was not built or the database is unreachable.
std::unique_ptr<ServerStore> openPostgresServerStore(const std::string& connectionString);

} // namespace heard::server
