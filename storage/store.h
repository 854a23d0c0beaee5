// Store: the encrypted local store that practitioners trust with children's disclosures.
//
// One SQLCipher database plus one key file in a data directory. A Store object is an
// unlocked store: destroying it locks (closes the database, wipes the data key). All
// methods are thread-safe (one internal mutex): the sync thread may read and acknowledge
// the outbox while the UI writes. Every method throws StoreError on failure.
//
// Rules enforced (DOMAIN.md items 9, 7): drafts autosave and can change; signing freezes
// a version (database triggers refuse UPDATE/DELETE of a signed row); later additions are
// dated addenda; signed versions are hash-chained per case; a secured case is frozen.
// Every create/sign/open/export/unlock is audited; every signed version and audit entry
// enters the outbox in the same transaction.
#pragma once

#include "base/iso_time.h"
#include "storage/keys.h"
#include "storage/records.h"
#include "storage/store_error.h"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace heard::storage {

class Database;

// The heads of every case's signed-record chain, summarised (see Store::saveChainHeads).
struct ChainHeads {
    using Digest = std::array<unsigned char, 32>;
    int64_t count = 0; // signed records in all chains
    Digest digest{};   // XOR over cases of the hash of (case, head seq, head hash)
};

// Wall-clock source, injectable for tests. Timestamps are stored as ISO-8601 UTC strings.
using Clock = std::function<std::chrono::system_clock::time_point()>;
using base::formatIsoUtc; // "2026-11-23T10:15:00Z" (the one copy is base/iso_time.h)

struct StoreOptions {
    Clock clock;                  // default: std::chrono::system_clock::now
    std::string actor = "device"; // who the unlock/create audit entries name
};

// File names inside the data directory.
constexpr const char* kDatabaseFileName = "heard.db";
constexpr const char* kKeyFileName = "heard.keys";

class Store {
public:
    // True if anything of a store (database or key file) is in dataDir: then the app must
    // unlock, never create.
    static bool exists(const std::string& dataDir);
    // Creates dataDir (and parents; the leaf 0700) if needed and a new store. Refuses (InvalidArgument) if
    // any store file is already there: never overwrites.
    static std::unique_ptr<Store> create(const std::string& dataDir, const std::string& passphrase,
                                         const std::vector<unsigned char>& recoveryPublicKey,
                                         KdfParams params = KdfParams::interactive(),
                                         const StoreOptions& options = {});
    // WrongPassphrase (counter bumped, delay grows), RetryLater, Missing, NotAStore, TooNew.
    static std::unique_ptr<Store> unlock(const std::string& dataDir, const std::string& passphrase,
                                         const StoreOptions& options = {});
    // Opens with the organisation's secret key and sets a new passphrase.
    static std::unique_ptr<Store> recover(const std::string& dataDir, const RecoveryKeyPair& organisation,
                                          const std::string& newPassphrase, const StoreOptions& options = {});
    ~Store(); // locks: closes the database, wipes keys
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Checks a passphrase against the key file while unlocked (leaving child mode needs it).
    // Wrong ones count towards the same growing delay as unlock: WrongPassphrase, RetryLater.
    void verifyPassphrase(const std::string& passphrase);
    // The same check without an open store: it reads only the key file, so a worker thread can
    // run Argon2id while the UI keeps drawing, and a lock that closes the store meanwhile does
    // not pull anything from under it.
    static void verifyPassphrase(const std::string& dataDir, const std::string& passphrase,
                                 const StoreOptions& options);
    // Rewraps the data key (no re-encryption). WrongPassphrase if oldPassphrase is wrong.
    void changePassphrase(const std::string& oldPassphrase, const std::string& newPassphrase);
    // Re-seals the data key (crypto_box_seal) to another organisation recovery public key, e.g.
    // the real one received at enrolment in place of a throwaway key used before it. Only the
    // sealed copy changes: the passphrase wrap, salt and failed-attempt counter on disk are kept.
    // The key file is replaced atomically (KeyFile::save), so a crash or full disk leaves the
    // old or the new file, both opening with the passphrase. Audited "reseal_recovery_key"
    // (actor: empty means StoreOptions::actor). InvalidArgument for a key that is not 32 bytes
    // or cannot be sealed to, and DiskFull/Io from the key file write: nothing changed. (Only
    // if the audit commit itself fails after the file was replaced is the store re-sealed
    // without its entry; recoveryPublicKey() shows which.) Returns false, writing and auditing
    // nothing, if the key file is already sealed to that key.
    bool resealRecoveryKey(const std::vector<unsigned char>& recoveryPublicKey,
                           const std::string& actor = "");
    // The organisation recovery public key the data key is sealed to now.
    std::vector<unsigned char> recoveryPublicKey() const;
    uint64_t revision() const; // bumps on every write: cache query results behind it
    const std::string& dataDir() const { return m_dataDir; }
    int schemaVersion();

    // Cases and children, as allocated from the server (insert or update).
    void putCase(const Case& c);
    std::vector<Case> cases();
    std::optional<Case> caseById(const std::string& id);
    void putChild(const Child& child);
    std::vector<Child> children();
    std::vector<Child> childrenForCase(const std::string& caseId);
    std::optional<Child> childById(const std::string& id);

    // The caseload entries that changed after `since` (every child for 0), from the summary
    // the triggers keep: a write costs one child's entry, never a rebuild (issue 19).
    // derivedFormat: the app's name for the format of its derived text (empty: never use it, read
    // every changed child's concerns). A child whose concerns have not changed since the app saved
    // text in that format comes back with that text and without its concerns.
    CaseloadChanges caseloadChanges(int64_t since, const std::string& derivedFormat = {});
    // Keeps the app's text derived from caseload entries (one transaction; not audited, not
    // synced, no revision bump: it is a cache of what the records say). An item whose child's
    // concerns changed after the entry was read is dropped (the next read brings the concerns).
    void saveCaseloadDerived(const std::string& format, const std::vector<CaseloadDerived>& items);
    // The app could not read its own saved text for these children: forget it and report the
    // children as changed, so the next caseloadChanges brings their concerns again.
    void forgetCaseloadDerived(const std::vector<std::string>& childIds);

    // Records.
    Record createDraft(const NewRecord& record);                                  // audited
    Record saveDraft(const std::string& recordId, const nlohmann::json& payload); // refuses signed
    void setHighRisk(const std::string& recordId, bool highRisk);                 // drafts only
    Record sign(const std::string& recordId, const std::string& signedBy); // freezes, chains, outbox, audit
    Record addAddendum(const std::string& parentRecordId, const std::string& author,
                       const nlohmann::json& payload);                  // signed at once
    std::optional<Record> recordById(const std::string& id);            // not audited
    Record openRecord(const std::string& id, const std::string& actor); // audited "open"
    std::vector<Record> recordsForChild(const std::string& childId);    // oldest first, then managers' notes
    // Managers' notes received on pull (issue 15): kept once each (a repeat is ignored), never
    // changed; recordsForChild, recordById and openRecord show them as signed records.
    void saveManagerNotes(const std::vector<ManagerNote>& notes);
    int64_t managerNoteCursor();                                   // the highest seq held (0: none)
    std::vector<Record> recordsForCase(const std::string& caseId); // oldest first
    void deleteDraft(const std::string& recordId, const std::string& actor = ""); // drafts only, audited
    ChainReport verifyCase(const std::string& caseId);
    // Irreversible. at: when the central system secured it (empty: now). From then on nothing
    // is added to the case on this tablet, not even an addendum (issue 20): the frozen set is
    // what the review reads.
    void secureCase(const std::string& caseId, const std::string& by, const std::string& at = "");

    // A case's whole life (issue 20). caseRemovalBlock says what keeps the case here.
    // removeCase deletes the case, its children, records, drafts, received history, managers'
    // notes and what the court is deciding, and its acknowledged outbox entries, in one
    // transaction with secure_delete on; then VACUUM and a WAL checkpoint, so no page of the
    // file keeps the child's name (docs/security-model.md). Audited "remove_case" (target the
    // case id; detail the reason and the chain heads taken out, never content). Refuses
    // (InvalidArgument, nothing changed) while caseRemovalBlock(caseId).blocked(): a record is
    // never dropped unsent. Returns false if there is no such case.
    CaseRemovalBlock caseRemovalBlock(const std::string& caseId);
    bool removeCase(const std::string& caseId, const std::string& actor, const std::string& why);
    // Signed records of a case made on other tablets, as the central system sent them (their
    // outbox bodies, each verified against its own hash: a bad one is skipped and counted).
    // Kept once each, listed by recordsForChild with Record::received set. Returns how many
    // were refused.
    size_t saveCaseHistory(const std::vector<std::string>& bodies);

    // Audit log: append-only and hash-chained. Actions used: "create_store", "unlock",
    // "recover", "change_passphrase", "reseal_recovery_key", "create", "sign", "addendum",
    // "open", "delete_draft", "secure_case", "export", "sync", ...
    void audit(const std::string& actor, const std::string& action, const std::string& target,
               const std::string& detail = "");
    std::vector<AuditEntry> auditLog();
    ChainReport verifyAudit();

    // The whole-store check, off the unlock path (issue 19): PRAGMA quick_check (every page
    // of the file), every case's hash chain and the audit chain, on a connection of its own
    // so the UI keeps working. checkIntegrity() runs it here and now; startIntegrityCheck()
    // runs it once on a worker owned by the store (the app calls it after unlock and shows
    // integrityStatus() if it fails); locking interrupts it.
    ChainReport checkIntegrity();
    void startIntegrityCheck();
    IntegrityStatus integrityStatus() const;

    // Outbox: read by sync only.
    // Priority first, then per-case order. `onTheirWay`: entries sent whose answer has not come
    // yet (sync pipelines its batches); they are left out, and their bodies are not read.
    std::vector<OutboxEntry> outboxPending(size_t limit, const std::vector<int64_t>& onTheirWay = {});
    void outboxAcknowledge(const std::vector<int64_t>& ids);
    void outboxQuarantine(int64_t id, const std::string& reason);
    std::vector<OutboxEntry> outboxQuarantined();
    void outboxRetry(int64_t id); // quarantined -> pending (after the practitioner fixes the cause)
    // Acknowledged entries of the case (its records and their audit entries) -> pending again, in
    // their first order: the server says it lacks the case's earlier records (restored from a
    // backup older than them, docs/admin-guide.md). Intake is idempotent, so what it has comes back
    // "duplicate". Not while the case has a quarantined entry (that explains the gap). Returns how
    // many entries are pending again.
    size_t outboxResendCase(const std::string& caseId);
    // Every acknowledged entry (records and audit entries alike, whatever their case) -> pending
    // again, in their first order: the server's database was restored (a new store generation,
    // sync/protocol.h), so anything it acknowledged before may be gone, including audit entries
    // that belong to no record and so never show a chain gap. Idempotent intake answers
    // "duplicate" for what it kept. Quarantined entries stay quarantined. Returns the count.
    size_t outboxResendAcknowledged();
    size_t outboxPendingCount();

    // What the court is deciding in a case (app/model/court_matter.h's JSON), one per case.
    std::optional<nlohmann::json> courtMatter(const std::string& caseId);
    void putCourtMatter(const std::string& caseId, const nlohmann::json& matter);

    std::optional<std::string> setting(const std::string& key);
    void setSetting(const std::string& key, const std::string& value);

    // Content updates (issue 20, item 4): the signed update's JSON as received, kept per version
    // (the sync client checks the organisation's signature before it calls this). Keeping a
    // version again is ignored. Listed oldest first.
    void saveContentUpdate(int64_t version, const std::string& body);
    std::vector<std::pair<int64_t, std::string>> contentUpdates();

    // For tests and the benchmark only: the open connection (bypasses the mutex).
    Database& databaseForTesting();

    // Raw key file and database paths inside a data directory.
    static std::string databasePath(const std::string& dataDir);
    static std::string keyFilePath(const std::string& dataDir);

private:
    Store(std::string dataDir, SecretKey dek, std::unique_ptr<Database> db, KeyFile keyFile,
          StoreOptions options);
    std::string now() const;
    void stopIntegrityCheck();
    void saveChainHeads(); // the key file's copy of m_heads (issue 17.6)
    void bump() { ++m_revision; }
    std::string m_dataDir;
    SecretKey m_dek;
    std::unique_ptr<Database> m_db;
    KeyFile m_keyFile;
    StoreOptions m_options;
    std::atomic<uint64_t> m_revision{0};
    ChainHeads m_heads; // the committed signed-record chain heads, as in the key file
    bool m_headsStale = false;
    mutable std::mutex m_mutex;
    // The background integrity check (m_checkMutex guards the rest).
    mutable std::mutex m_checkMutex;
    std::thread m_checkThread;
    std::shared_ptr<Database> m_checkDb; // its connection while it runs, to interrupt it
    IntegrityStatus m_checkStatus;
    bool m_checkStop = false;
};

} // namespace heard::storage
