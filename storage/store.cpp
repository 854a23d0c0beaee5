// Store: the facade over keys, the SQLCipher database, records, audit log and outbox.
//
// Index:
//   [SECTION] Helpers (time, ids, paths, row mapping)
//   [SECTION] Audit and outbox writers (used inside other transactions)
//   [SECTION] Create, unlock, recover, lock, change passphrase
//   [SECTION] Cases and children
//   [SECTION] Caseload summary
//   [SECTION] Records
//   [SECTION] Audit log
//   [SECTION] Integrity check (off the unlock path)
//   [SECTION] Outbox
//   [SECTION] Settings
#include "storage/store.h"

#include "base/json_reader.h"
#include "storage/caseload_read.h"
#include "storage/chain.h"
#include "storage/database.h"
#include "storage/record_kinds.h"
#include "storage/schema.h"

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>
#include <cstdio>
#include <filesystem>
#include <ctime>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace heard::storage {

// [SECTION] Helpers (time, ids, paths, row mapping)

const char* toString(RecordStatus status) {
    return status == RecordStatus::Signed ? "signed" : "draft";
}

namespace {

using Lock = std::lock_guard<std::mutex>;

std::string newUuid() {
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    char text[37];
    std::snprintf(text, sizeof text, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                  bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                  bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
    return text;
}

bool fileExists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

int64_t fileSize(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? int64_t(st.st_size) : -1;
}

void syncDirectory(const std::string& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

// Serialises every read-modify-write of the key file across threads and processes (issue
// 17.10: 8 simultaneous wrong guesses each loaded the counter, and only one increment
// survived). flock on the data folder itself: the key file is replaced by rename, so a lock
// on it would be on the old inode.
class KeyFileLock {
public:
    explicit KeyFileLock(const std::string& dataDir) {
        m_fd = ::open(dataDir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (m_fd < 0) return; // a missing folder is reported by what follows
        while (::flock(m_fd, LOCK_EX) != 0 && errno == EINTR) {
        }
    }
    ~KeyFileLock() {
        if (m_fd >= 0) ::close(m_fd); // releases the lock
    }
    KeyFileLock(const KeyFileLock&) = delete;
    KeyFileLock& operator=(const KeyFileLock&) = delete;

private:
    int m_fd = -1;
};

// Store files are the user's alone even in a data folder that already existed with wider
// permissions (issue 17.10). SQLite gives -wal and -shm the database file's mode.
void restrictStoreFiles(const std::string& dataDir) {
    const std::string db = Store::databasePath(dataDir);
    for (const std::string& path : {db, db + "-wal", db + "-shm", Store::keyFilePath(dataDir)}) {
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 0077) != 0) ::chmod(path.c_str(), 0600);
    }
}

std::string pendingCreatePath(const std::string& dataDir) {
    return Store::databasePath(dataDir) + ".new";
}

int cipherMajor(const std::string& version) {
    return version.empty() ? 0 : std::atoi(version.c_str());
}

// JSON text for storage; refuses what cannot be serialised (invalid UTF-8).
std::string payloadText(const nlohmann::json& payload) {
    if (!payload.is_object())
        throw StoreError(StoreErrorKind::InvalidArgument, "a record payload must be a JSON object");
    try {
        return payload.dump();
    } catch (const nlohmann::json::exception& e) {
        throw StoreError(StoreErrorKind::InvalidArgument,
                         std::string("the record payload is not valid UTF-8 JSON: ") + e.what());
    }
}

// Server-supplied details (free-form JSON) as text; invalid UTF-8 is refused clearly.
std::string detailsText(const nlohmann::json& details) {
    try {
        return details.is_null() ? std::string("{}") : details.dump();
    } catch (const nlohmann::json::exception& e) {
        throw StoreError(StoreErrorKind::InvalidArgument,
                         std::string("details are not valid UTF-8 JSON: ") + e.what());
    }
}

nlohmann::json parseStoredJson(const std::string& text) {
    if (text == "{}") return nlohmann::json::object(); // most children's details: no reader needed
    // The bounded reader also here: a database altered outside Heard is outside input.
    auto j = base::tryReadJson(text, {std::numeric_limits<std::size_t>::max(), 64});
    if (!j) throw StoreError(StoreErrorKind::NotAStore, "a stored JSON value is corrupt");
    return std::move(*j);
}

const char* kRecordColumns =
    "id, version, case_id, child_id, kind, status, author, created_at, updated_at, signed_at, "
    "signed_by, parent_id, high_risk, payload, hash, prev_hash, chain_seq, chain";

Record readRecord(const Statement& st) {
    Record r;
    r.id = st.columnText(0);
    r.version = st.columnInt(1);
    r.caseId = st.columnText(2);
    r.childId = st.columnText(3);
    r.kind = st.columnText(4);
    r.status = st.columnText(5) == "signed" ? RecordStatus::Signed : RecordStatus::Draft;
    r.author = st.columnText(6);
    r.createdAt = st.columnText(7);
    r.updatedAt = st.columnText(8);
    r.signedAt = st.columnText(9);
    r.signedBy = st.columnText(10);
    r.parentId = st.columnText(11);
    r.highRisk = st.columnInt(12) != 0;
    r.payload = parseStoredJson(st.columnText(13));
    r.hash = st.columnText(14);
    r.prevHash = st.columnText(15);
    r.chainSeq = st.columnInt64(16);
    r.chain = st.columnText(17);
    return r;
}

// A manager's note (issue 15) as the signed record the child's page lists.
const char* kManagerNoteColumns =
    "id, record_id, case_id, child_id, author, author_name, decision, note, note_date, written_at, hash";

Record readManagerNote(const Statement& st) {
    Record r;
    r.id = st.columnText(0);
    r.caseId = st.columnText(2);
    r.childId = st.columnText(3);
    r.kind = kinds::kManagerNote;
    r.status = RecordStatus::Signed;
    r.author = st.columnText(5);
    r.createdAt = r.updatedAt = r.signedAt = st.columnText(9);
    r.signedBy = st.columnText(5);
    r.payload = {{"about_record_id", st.columnText(1)},
                 {"author_id", st.columnText(4)},
                 {"author_name", st.columnText(5)},
                 {"decision", st.columnText(6)},
                 {"note", st.columnText(7)},
                 {"note_date", st.columnText(8)}};
    r.hash = st.columnText(10);
    return r;
}

std::optional<Record> loadRecord(Database& db, const std::string& id) {
    auto st = db.prepare(std::string("SELECT ") + kRecordColumns + " FROM records WHERE id = ?");
    st.bind(1, id);
    if (st.step()) return readRecord(st);
    auto note = db.prepare(std::string("SELECT ") + kManagerNoteColumns + " FROM manager_notes WHERE id = ?");
    note.bind(1, id);
    if (note.step()) return readManagerNote(note);
    auto history = db.prepare("SELECT body FROM case_history WHERE id = ? ORDER BY version DESC LIMIT 1");
    history.bind(1, id);
    if (history.step())
        if (auto r = recordFromOutboxBody(history.columnText(0))) {
            r->received = true;
            return r;
        }
    return std::nullopt;
}

Record requireRecord(Database& db, const std::string& id) {
    auto record = loadRecord(db, id);
    if (!record) throw StoreError(StoreErrorKind::NotFound, "no record with id " + id);
    return *record;
}

void requireDraft(const Record& r, const char* operation) {
    if (r.status == RecordStatus::Signed)
        throw StoreError(StoreErrorKind::ReadOnlyRecord, std::string("cannot ") + operation + ": record " +
                                                             r.id + " is signed; add an addendum instead");
}

bool caseIsSecured(Database& db, const std::string& caseId) {
    auto st = db.prepare("SELECT secured FROM cases WHERE id = ?");
    st.bind(1, caseId);
    return st.step() && st.columnInt(0) == 1;
}

Case readCase(const Statement& st) {
    Case c;
    c.id = st.columnText(0);
    c.reference = st.columnText(1);
    c.title = st.columnText(2);
    c.details = parseStoredJson(st.columnText(3));
    c.secured = st.columnInt(4) != 0;
    c.securedAt = st.columnText(5);
    return c;
}

Child readChild(const Statement& st) {
    Child c;
    c.id = st.columnText(0);
    c.caseId = st.columnText(1);
    c.displayName = st.columnText(2);
    c.dateOfBirth = st.columnText(3);
    c.details = parseStoredJson(st.columnText(4));
    return c;
}

std::vector<Record> queryRecords(Database& db, const std::string& where, const std::string& value) {
    auto st = db.prepare(std::string("SELECT ") + kRecordColumns + " FROM records WHERE " + where +
                         " ORDER BY created_at, rowid");
    st.bind(1, value);
    std::vector<Record> out;
    while (st.step())
        out.push_back(readRecord(st));
    return out;
}

OutboxEntry readOutbox(const Statement& st) {
    OutboxEntry e;
    e.id = st.columnInt64(0);
    e.itemType = st.columnText(1);
    e.itemId = st.columnText(2);
    e.version = st.columnInt(3);
    e.priority = st.columnInt(4);
    e.caseId = st.columnText(5);
    e.state = st.columnText(6);
    e.quarantineReason = st.columnText(7);
    e.body = st.columnText(8);
    e.groupKey = st.columnText(9);
    return e;
}

// An entry's body: in outbox_bodies since migration 18 (outbox.body is then ''), in the row before.
const std::string kOutboxBody = "CASE WHEN outbox.body <> '' THEN outbox.body ELSE (SELECT b.body FROM "
                                "outbox_bodies b WHERE b.id = outbox.id) END";
const std::string kOutboxColumns =
    "id, item_type, item_id, version, priority, case_id, state, quarantine_reason, " + kOutboxBody +
    ", group_key";

// [SECTION] Audit and outbox writers (used inside other transactions)

// groupKey: see OutboxEntry::groupKey (a record's id for the record and its audit entries).
void enqueue(Database& db, const std::string& type, const std::string& itemId, int version,
             const std::string& caseId, int priority, const std::string& body, const std::string& at,
             const std::string& groupKey) {
    auto st = db.prepare(
        "INSERT INTO outbox (item_type, item_id, version, case_id, priority, body, created_at, group_key) "
        "VALUES (?, ?, ?, ?, ?, '', ?, ?)");
    st.bind(1, type)
        .bind(2, itemId)
        .bind(3, version)
        .bind(4, caseId)
        .bind(5, priority)
        .bind(6, at)
        .bind(7, groupKey);
    st.run();
    auto kept = db.prepare("INSERT INTO outbox_bodies (id, body) VALUES (?, ?)");
    kept.bind(1, db.lastInsertRowId()).bind(2, body);
    kept.run();
}

void appendAudit(Database& db, const std::string& at, const std::string& actor, const std::string& action,
                 const std::string& target, const std::string& detail) {
    if (action.empty()) throw StoreError(StoreErrorKind::InvalidArgument, "an audit entry needs an action");
    AuditEntry entry;
    {
        auto last = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (last.step()) {
            entry.seq = last.columnInt64(0) + 1;
            entry.prevHash = last.columnText(1);
        } else {
            entry.seq = 1;
        }
    }
    entry.at = at;
    entry.actor = actor;
    entry.action = action;
    entry.target = target;
    entry.detail = detail;
    try {
        entry.hash = auditHash(entry);
    } catch (const nlohmann::json::exception&) {
        throw StoreError(StoreErrorKind::InvalidArgument, "an audit entry is not valid UTF-8");
    }
    auto st = db.prepare("INSERT INTO audit_log (seq, at, actor, action, target, detail, hash, prev_hash) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, entry.seq).bind(2, entry.at).bind(3, entry.actor).bind(4, entry.action);
    st.bind(5, entry.target).bind(6, entry.detail).bind(7, entry.hash).bind(8, entry.prevHash);
    st.run();
    enqueue(db, "audit", std::to_string(entry.seq), 1, "", OutboxPriority::Audit, auditOutboxBody(entry), at,
            entry.target);
}

// Gives r its place at the end of its chain (r.chain, of its case) and its hash.
void chainRecord(Database& db, Record& r) {
    auto last = db.prepare("SELECT chain_seq, hash FROM records WHERE case_id = ? AND chain = ? AND "
                           "chain_seq > 0 ORDER BY chain_seq DESC LIMIT 1");
    last.bind(1, r.caseId).bind(2, r.chain);
    if (last.step()) {
        r.chainSeq = last.columnInt64(0) + 1;
        r.prevHash = last.columnText(1);
    } else {
        r.chainSeq = 1;
        r.prevHash.clear();
    }
    r.hash = recordHash(r);
}

int outboxPriorityOf(const Record& r) {
    if (r.kind == kinds::kSafetyAlert)
        return r.chain == kSafetyChain ? OutboxPriority::SafetyAlertChain : OutboxPriority::SafetyAlert;
    return r.highRisk ? OutboxPriority::HighRiskRecord : OutboxPriority::Record;
}

void enqueueRecord(Database& db, const Record& r, const std::string& at) {
    enqueue(db, "record", r.id, r.version, r.caseId, outboxPriorityOf(r), recordOutboxBody(r), at, r.id);
}

// [SECTION] Chain heads (issue 17.6)
//
// The key file keeps the number of chained (signed) records and one digest over every
// case's chain head: XOR over cases of BLAKE2b-256("heard-chain-head-v1", case, seq, hash).
// XOR lets a signed write update it in O(1) (remove the case's old head, add the new one).
// A database whose heads differ lost signed records (a damaged or deleted WAL, an old copy
// put back) and is refused at unlock without touching any file.

ChainHeads::Digest headTerm(const std::string& caseId, int64_t seq, const std::string& hash) {
    const std::string text = "heard-chain-head-v1\n" + caseId + "\n" + std::to_string(seq) + "\n" + hash;
    ChainHeads::Digest out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), nullptr, 0);
    return out;
}

void xorInto(ChainHeads::Digest& into, const ChainHeads::Digest& term) {
    for (size_t i = 0; i < into.size(); ++i)
        into[i] ^= term[i];
}

// The chains of a case (storage/chain.h). A chain other than the case's own is named in the
// head term after the case, so the case chain's term, and key files from before, are unchanged.
const std::vector<std::string>& chainNames() {
    static const std::vector<std::string> names{"", kSafetyChain};
    return names;
}
std::string chainHeadKey(const std::string& caseId, const std::string& chain) {
    return chain.empty() ? caseId : caseId + "\n" + chain;
}

// Advances heads by one signed record r (the new head of its chain).
void advanceHeads(ChainHeads& heads, const Record& r) {
    const std::string key = chainHeadKey(r.caseId, r.chain);
    if (r.chainSeq > 1) xorInto(heads.digest, headTerm(key, r.chainSeq - 1, r.prevHash));
    xorInto(heads.digest, headTerm(key, r.chainSeq, r.hash));
    heads.count += 1;
}

struct HeadRow {
    std::string caseId, hash, prevHash; // caseId: the chain's head key (chainHeadKey)
    int64_t seq = 0;
};

void addHead(ChainHeads& heads, std::vector<HeadRow>& rows, const std::string& caseId,
             const std::string& chain, int64_t seq, std::string hash, std::string prevHash) {
    HeadRow row{chainHeadKey(caseId, chain), std::move(hash), std::move(prevHash), seq};
    heads.count += row.seq;
    xorInto(heads.digest, headTerm(row.caseId, row.seq, row.hash));
    rows.push_back(std::move(row));
}

// Every chain's head read from the records: one seek per case and chain on records_chain. A
// database not yet at migration 8 has only the case chains.
ChainHeads readChainHeadsFromRecords(Database& db, std::vector<HeadRow>& rows) {
    ChainHeads heads;
    std::vector<std::string> caseIds;
    {
        auto st = db.prepare("SELECT id FROM cases");
        while (st.step())
            caseIds.push_back(st.columnText(0));
    }
    const bool chains = db.userVersion() >= 8;
    auto st =
        db.prepare(chains ? "SELECT chain_seq, hash, prev_hash FROM records WHERE case_id = ? AND chain = ? "
                            "AND chain_seq > 0 ORDER BY chain_seq DESC LIMIT 1"
                          : "SELECT chain_seq, hash, prev_hash FROM records WHERE case_id = ? AND "
                            "chain_seq > 0 ORDER BY chain_seq DESC LIMIT 1");
    for (const auto& caseId : caseIds) {
        for (const auto& chain : chainNames()) {
            if (!chains && !chain.empty()) break;
            st.reset();
            st.bind(1, caseId);
            if (chains) st.bind(2, chain);
            if (!st.step()) continue;
            addHead(heads, rows, caseId, chain, st.columnInt64(0), st.columnText(1), st.columnText(2));
        }
    }
    return heads;
}

// Every chain's head as unlock reads it: from migration 17's chain_heads table (one short scan,
// kept by triggers in the records' own transactions), or from the records before it.
ChainHeads readChainHeads(Database& db, std::vector<HeadRow>& rows) {
    if (db.userVersion() < 17) return readChainHeadsFromRecords(db, rows);
    ChainHeads heads;
    auto st = db.prepare("SELECT case_id, chain, seq, hash, prev_hash FROM chain_heads");
    while (st.step())
        addHead(heads, rows, st.columnText(0), st.columnText(1), st.columnInt64(2), st.columnText(3),
                st.columnText(4));
    return heads;
}

void setKeyFileHeads(KeyFile& keys, const ChainHeads& heads) {
    keys.hasChainHeads = true;
    keys.chainCount = heads.count;
    keys.chainDigest.assign(heads.digest.begin(), heads.digest.end());
}

// Compares the database's heads with the key file's. Returns true if the key file must be
// (re)written: an older key file without heads, or a crash between a signed write's commit
// and its key file update (the database is then exactly one signed record ahead).
bool checkChainHeads(Database& db, const KeyFile& keys, ChainHeads& heads) {
    std::vector<HeadRow> rows;
    heads = readChainHeads(db, rows);
    if (!keys.hasChainHeads) return true;
    ChainHeads::Digest expected{};
    if (keys.chainDigest.size() == expected.size())
        std::copy(keys.chainDigest.begin(), keys.chainDigest.end(), expected.begin());
    if (heads.count == keys.chainCount && heads.digest == expected) return false;
    if (heads.count == keys.chainCount + 1) {
        for (const auto& row : rows) {
            ChainHeads::Digest before = heads.digest;
            xorInto(before, headTerm(row.caseId, row.seq, row.hash));
            if (row.seq > 1) xorInto(before, headTerm(row.caseId, row.seq - 1, row.prevHash));
            if (before == expected) return true;
        }
    }
    if (heads.count < keys.chainCount) {
        // A case removal (issue 20) committed but its key file write did not happen: the
        // latest "remove_case" audit entry names the chain heads it took out.
        auto st = db.prepare("SELECT target, detail FROM audit_log WHERE action = 'remove_case' ORDER BY seq "
                             "DESC LIMIT 1");
        if (st.step()) {
            const std::string caseId = st.columnText(0);
            const std::string detail = st.columnText(1);
            ChainHeads withCase = heads;
            for (size_t at = detail.find(";head="); at != std::string::npos;
                 at = detail.find(";head=", at + 1)) {
                const size_t start = at + 6, end = detail.find(';', start);
                const std::string head = detail.substr(start, end == std::string::npos ? end : end - start);
                const size_t c1 = head.find(':'), c2 = head.find(':', c1 == std::string::npos ? 0 : c1 + 1);
                if (c1 == std::string::npos || c2 == std::string::npos) break;
                const int64_t seq = std::atoll(head.substr(c1 + 1, c2 - c1 - 1).c_str());
                xorInto(withCase.digest,
                        headTerm(chainHeadKey(caseId, head.substr(0, c1)), seq, head.substr(c2 + 1)));
                withCase.count += seq;
            }
            if (withCase.count == keys.chainCount && withCase.digest == expected) return true;
        }
    }
    throw StoreError(StoreErrorKind::RolledBack,
                     "this tablet's store is missing signed records it had saved (" +
                         std::to_string(heads.count) + " signed records found, " +
                         std::to_string(keys.chainCount) +
                         " expected): its write-ahead log is damaged or missing, or an older copy was put "
                         "back. Nothing has been changed. Do not reset the tablet: sync from another "
                         "device if you can, and call support, who can recover the records.");
}

// Opens the database file of a store after the data key is known, and checks it is ours.
// heads: the chain heads found; rewriteHeads: the key file needs them (see checkChainHeads).
std::unique_ptr<Database> openStoreDatabase(const std::string& path, const SecretKey& dek,
                                            const KeyFile& keys, ChainHeads& heads, bool& rewriteHeads) {
    const int64_t size = fileSize(path);
    if (size < 0) throw StoreError(StoreErrorKind::Missing, "the database file is missing: " + path);
    if (size == 0 || size % keys.cipherPageSize != 0)
        throw StoreError(StoreErrorKind::NotAStore, "the database file is empty or truncated (" +
                                                        std::to_string(size) + " bytes): " + path +
                                                        "; it was not changed");
    OpenOptions options;
    options.cipherPageSize = keys.cipherPageSize;
    options.cipherCompatibility = keys.cipherMajorVersion;
    {
        // The chain heads first, on a read-only connection: if signed records are missing,
        // nothing may change — no checkpoint (which would fold in or drop what is left of
        // a damaged WAL), no recovery write, no side file that was not there before.
        const bool hadShm = fileExists(path + "-shm"), hadWal = fileExists(path + "-wal");
        OpenOptions readOnly = options;
        readOnly.readOnly = true;
        try {
            Database probe = Database::openEncrypted(path, dek, readOnly);
            if (probe.userVersion() >= 1) rewriteHeads = checkChainHeads(probe, keys, heads);
        } catch (const StoreError& e) {
            if (!hadShm) ::unlink((path + "-shm").c_str());
            if (!hadWal && fileSize(path + "-wal") == 0) ::unlink((path + "-wal").c_str());
            if (e.kind() == StoreErrorKind::RolledBack) throw;
            // Anything else (not ours, corrupt) is reported by the full open below.
        }
    }
    auto db = std::make_unique<Database>(Database::openEncrypted(path, dek, options));
    const int version = db->userVersion();
    if (version == 0)
        throw StoreError(StoreErrorKind::NotAStore, "the database has no Heard schema: " + path);
    if (version > latestSchemaVersion())
        throw StoreError(StoreErrorKind::TooNew, "the database has schema version " +
                                                     std::to_string(version) + ", newer than this Heard (" +
                                                     std::to_string(latestSchemaVersion()) +
                                                     "): update the app; the database was not changed");
    // No full-file read here (issue 19): PRAGMA quick_check reads every page, seconds at
    // 100,000 records. Store::startIntegrityCheck runs it, and every hash chain, after unlock.
    migrate(*db);
    return db;
}

} // namespace

// [SECTION] Create, unlock, recover, lock, change passphrase

std::string Store::databasePath(const std::string& dataDir) {
    return dataDir + "/" + kDatabaseFileName;
}
std::string Store::keyFilePath(const std::string& dataDir) {
    return dataDir + "/" + kKeyFileName;
}

bool Store::exists(const std::string& dataDir) {
    return fileExists(databasePath(dataDir)) || fileExists(keyFilePath(dataDir));
}

Store::Store(std::string dataDir, SecretKey dek, std::unique_ptr<Database> db, KeyFile keyFile,
             StoreOptions options)
    : m_dataDir(std::move(dataDir)), m_dek(std::move(dek)), m_db(std::move(db)),
      m_keyFile(std::move(keyFile)), m_options(std::move(options)) {
    if (!m_options.clock) m_options.clock = [] { return std::chrono::system_clock::now(); };
}

Store::~Store() {
    stopIntegrityCheck(); // interrupts a running check: locking never waits for a full read
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_headsStale) saveChainHeads();
    m_db.reset(); // close first: SQLCipher wipes its own key material on close
    m_dek.wipe();
}

std::string Store::now() const {
    return formatIsoUtc(m_options.clock ? m_options.clock() : std::chrono::system_clock::now());
}

std::unique_ptr<Store> Store::create(const std::string& dataDir, const std::string& passphrase,
                                     const std::vector<unsigned char>& recoveryPublicKey, KdfParams params,
                                     const StoreOptions& options) {
    if (dataDir.empty()) throw StoreError(StoreErrorKind::InvalidArgument, "no data directory given");
    {
        std::error_code error;
        const bool made = std::filesystem::create_directories(dataDir, error);
        if (error)
            throw StoreError(StoreErrorKind::Io,
                             "cannot create the data directory " + dataDir + ": " + error.message());
        if (made) ::chmod(dataDir.c_str(), 0700); // only this user may list the store's files
    }
    if (exists(dataDir))
        throw StoreError(StoreErrorKind::InvalidArgument,
                         "a store already exists in " + dataDir + ": unlock it; it was not overwritten");

    SecretKey dek = SecretKey::random(32);
    KeyFile keys = wrapNewKey(dek, passphrase, params, recoveryPublicKey);
    keys.cipherPageSize = kCipherPageSize;
    setKeyFileHeads(keys, ChainHeads{}); // no signed record yet

    // Build the database under a temporary name, then publish the key file, then rename:
    // a crash part-way leaves either nothing (a stale .new, removed here) or a key file
    // whose database unlock() can finish publishing.
    const std::string building = pendingCreatePath(dataDir);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        ::unlink((building + suffix).c_str());
    {
        // Made empty with mode 0600 before SQLite opens it (SQLite would use 0644 less the
        // umask), so the database and its -wal and -shm are never readable by others.
        const int fd = ::open(building.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            throw StoreError(StoreErrorKind::Io, "cannot create " + building + ": " + std::strerror(errno));
        ::close(fd);
    }
    {
        OpenOptions open;
        open.create = true;
        Database db = Database::openEncrypted(building, dek, open);
        keys.cipherMajorVersion = cipherMajor(db.cipherVersion());
        migrate(db);
        const std::string at =
            formatIsoUtc(options.clock ? options.clock() : std::chrono::system_clock::now());
        Transaction t(db);
        auto st = db.prepare("INSERT INTO settings (key, value) VALUES ('created_at', ?)");
        st.bind(1, at).run();
        appendAudit(db, at, options.actor, "create_store", "", "");
        t.commit();
    } // closing checkpoints the WAL into the file and removes it
    keys.save(keyFilePath(dataDir));
    if (::rename(building.c_str(), databasePath(dataDir).c_str()) != 0)
        throw StoreError(StoreErrorKind::Io, "cannot publish the new database in " + dataDir);
    syncDirectory(dataDir);

    ChainHeads heads;
    bool rewriteHeads = false;
    auto db = openStoreDatabase(databasePath(dataDir), dek, keys, heads, rewriteHeads);
    std::unique_ptr<Store> store(new Store(dataDir, std::move(dek), std::move(db), std::move(keys), options));
    store->m_heads = heads;
    return store;
}

namespace {

// Finishes a create() that crashed after writing the key file but before the rename.
void finishInterruptedCreate(const std::string& dataDir, const SecretKey& dek, const KeyFile& keys) {
    const std::string finalPath = Store::databasePath(dataDir);
    const std::string building = pendingCreatePath(dataDir);
    if (fileExists(finalPath) || !fileExists(building)) return;
    {
        OpenOptions options;
        options.cipherPageSize = keys.cipherPageSize;
        Database probe = Database::openEncrypted(building, dek, options); // NotAStore if not ours
        if (probe.userVersion() == 0) return;
    }
    if (::rename(building.c_str(), finalPath.c_str()) == 0) syncDirectory(dataDir);
}

void requireDataDir(const std::string& dataDir) {
    struct stat st {};
    if (::stat(dataDir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw StoreError(StoreErrorKind::Missing, "the data directory is missing: " + dataDir);
}

} // namespace

namespace {

// Unwraps the data key with a passphrase, enforcing the growing delay after wrong ones and
// counting failures in the key file (so the delay survives restarts). Shared by unlock and by
// verifyPassphrase (leaving child mode), so a child guessing at the lock meets the same delay.
SecretKey unwrapWithDelay(const std::string& keyPath, KeyFile& keys, const std::string& passphrase,
                          std::chrono::system_clock::time_point nowPoint) {
    const int64_t nowUnix =
        std::chrono::duration_cast<std::chrono::seconds>(nowPoint.time_since_epoch()).count();
    requireUndamaged(keys); // damage is not a guess: reported as such, never counted
    const int delay = unlockDelaySeconds(keys.failedAttempts);
    if (delay > 0) {
        if (nowUnix < keys.lastFailureUnix) {
            // The clock was set back since the last wrong passphrase. Counting from that
            // failure would wait until the clock catches up (months, if set back a year):
            // the store locked for good. Count the delay from now instead, and keep that in
            // the key file, so a restart does not start the wait again (issue 17.10).
            keys.lastFailureUnix = nowUnix;
            try {
                keys.save(keyPath);
            } catch (const StoreError&) {
                // A full disk: the wait still ends, counted from this attempt.
            }
        }
        const int64_t wait = keys.lastFailureUnix + delay - nowUnix;
        if (wait > 0)
            throw StoreError(StoreErrorKind::RetryLater,
                             "too many wrong passphrases: try again in " + std::to_string(wait) + " s", 0,
                             int(wait));
    }
    try {
        return unwrapKey(keys, passphrase);
    } catch (const StoreError& e) {
        if (e.kind() != StoreErrorKind::WrongPassphrase) throw;
        keys.failedAttempts += 1;
        keys.lastFailureUnix = nowUnix;
        try {
            keys.save(keyPath); // only the counter changes; the wrapped keys are rewritten as read
        } catch (const StoreError&) {
            // A full disk must not turn a wrong passphrase into a different error.
        }
        throw StoreError(StoreErrorKind::WrongPassphrase,
                         "the passphrase is not correct (" + std::to_string(keys.failedAttempts) +
                             " failed attempts)",
                         0, unlockDelaySeconds(keys.failedAttempts));
    }
}

} // namespace

std::unique_ptr<Store> Store::unlock(const std::string& dataDir, const std::string& passphrase,
                                     const StoreOptions& options) {
    requireDataDir(dataDir);
    KeyFileLock keyFileLock(dataDir); // one guess at a time: each one counts
    const std::string keyPath = keyFilePath(dataDir);
    KeyFile keys = KeyFile::load(keyPath);
    if (!fileExists(databasePath(dataDir)) && !fileExists(pendingCreatePath(dataDir)))
        throw StoreError(StoreErrorKind::Missing,
                         "the database file is missing from " + dataDir + " (the key file is there)");

    SecretKey dek = unwrapWithDelay(keyPath, keys, passphrase,
                                    options.clock ? options.clock() : std::chrono::system_clock::now());
    restrictStoreFiles(dataDir);

    finishInterruptedCreate(dataDir, dek, keys);
    ChainHeads heads;
    bool rewriteHeads = false;
    auto db = openStoreDatabase(databasePath(dataDir), dek, keys, heads, rewriteHeads);
    const int failedBefore = keys.failedAttempts;
    if (rewriteHeads) setKeyFileHeads(keys, heads);
    if (failedBefore > 0 || rewriteHeads) {
        keys.failedAttempts = 0;
        keys.lastFailureUnix = 0;
        try {
            keys.save(keyPath);
        } catch (const StoreError&) {
            // The right passphrase must still open the store; the stale counter only
            // means a delay before the next unlock.
        }
    }
    std::unique_ptr<Store> store(new Store(dataDir, std::move(dek), std::move(db), std::move(keys), options));
    store->m_heads = heads;
    store->audit(options.actor, "unlock", "",
                 failedBefore > 0 ? "after " + std::to_string(failedBefore) + " failed attempts" : "");
    return store;
}

std::unique_ptr<Store> Store::recover(const std::string& dataDir, const RecoveryKeyPair& organisation,
                                      const std::string& newPassphrase, const StoreOptions& options) {
    requireDataDir(dataDir);
    KeyFileLock keyFileLock(dataDir);
    const std::string keyPath = keyFilePath(dataDir);
    KeyFile keys = KeyFile::load(keyPath);
    if (newPassphrase.empty())
        throw StoreError(StoreErrorKind::InvalidArgument, "the new passphrase is empty");
    SecretKey dek = unsealKey(keys, organisation);
    finishInterruptedCreate(dataDir, dek, keys);
    ChainHeads heads;
    bool rewriteHeads = false;
    auto db = openStoreDatabase(databasePath(dataDir), dek, keys, heads, rewriteHeads);
    KeyFile rewrapped = keys;
    rewrapKey(rewrapped, dek, newPassphrase);
    setKeyFileHeads(rewrapped, heads);
    rewrapped.save(keyPath);
    std::unique_ptr<Store> store(
        new Store(dataDir, std::move(dek), std::move(db), std::move(rewrapped), options));
    store->m_heads = heads;
    store->audit(options.actor, "recover", "", "new passphrase set with the organisation recovery key");
    return store;
}

void Store::changePassphrase(const std::string& oldPassphrase, const std::string& newPassphrase) {
    Lock lock(m_mutex);
    SecretKey check = unwrapKey(m_keyFile, oldPassphrase); // WrongPassphrase: nothing altered
    if (sodium_memcmp(check.data(), m_dek.data(), 32) != 0)
        throw StoreError(StoreErrorKind::WrongPassphrase, "the passphrase does not fit this store");
    KeyFileLock keyFileLock(m_dataDir);
    KeyFile rewrapped = m_keyFile;
    rewrapKey(rewrapped, m_dek, newPassphrase);
    rewrapped.save(keyFilePath(m_dataDir)); // atomic: old or new, never half
    m_keyFile = std::move(rewrapped);
    Transaction t(*m_db);
    appendAudit(*m_db, now(), m_options.actor, "change_passphrase", "", "");
    t.commit();
    bump();
}

bool Store::resealRecoveryKey(const std::vector<unsigned char>& recoveryPublicKey, const std::string& actor) {
    Lock lock(m_mutex);
    KeyFileLock keyFileLock(m_dataDir);
    const std::string keyPath = keyFilePath(m_dataDir);
    // Start from the file on disk, not m_keyFile: verifyPassphrase counts wrong passphrases
    // there, and re-sealing must not reset that counter (and its delay).
    KeyFile resealed = KeyFile::load(keyPath);
    if (resealed.salt != m_keyFile.salt || resealed.wrappedKey != m_keyFile.wrappedKey)
        throw StoreError(StoreErrorKind::Io,
                         "the key file changed outside this store; it was not re-sealed: " + keyPath);
    const std::vector<unsigned char> previous = resealed.recoveryPublicKey;
    resealKey(resealed, m_dek, recoveryPublicKey); // InvalidArgument: nothing written
    if (previous == recoveryPublicKey) return false;
    // The audit entry is written first and committed after the key file is replaced: a failed
    // key file write rolls it back, so the log never claims a re-seal that did not happen.
    // Public keys only: they identify which organisation key can recover this store.
    Transaction t(*m_db);
    appendAudit(*m_db, now(), actor.empty() ? m_options.actor : actor, "reseal_recovery_key", "",
                "from " + toHex(previous) + " to " + toHex(recoveryPublicKey));
    resealed.save(keyPath); // atomic: the old seal or the new one, never half a file
    m_keyFile.recoveryPublicKey = resealed.recoveryPublicKey;
    m_keyFile.sealedKey = resealed.sealedKey;
    t.commit(); // if this alone fails, the store is re-sealed but the entry is lost (and we throw)
    bump();
    return true;
}

std::vector<unsigned char> Store::recoveryPublicKey() const {
    Lock lock(m_mutex);
    return m_keyFile.recoveryPublicKey;
}

void Store::saveChainHeads() {
    // After the commit: a crash in between leaves the database one signed record ahead,
    // which unlock accepts (and then records). The file on disk is the base, so the
    // failed-attempt counter that verifyPassphrase keeps there is never reset from here.
    const std::string keyPath = keyFilePath(m_dataDir);
    try {
        KeyFileLock keyFileLock(m_dataDir);
        KeyFile keys = KeyFile::load(keyPath);
        setKeyFileHeads(keys, m_heads);
        keys.save(keyPath); // atomic and durable: temp file, fsync, rename, fsync the folder
        setKeyFileHeads(m_keyFile, m_heads);
        m_headsStale = false;
    } catch (const StoreError&) {
        // The record is signed and committed: do not report it unsaved. Try again on the
        // next signed write and on lock.
        m_headsStale = true;
    }
}

uint64_t Store::revision() const {
    return m_revision.load();
}

int Store::schemaVersion() {
    Lock lock(m_mutex);
    return m_db->userVersion();
}

Database& Store::databaseForTesting() {
    return *m_db;
}

// [SECTION] Cases and children

void Store::putCase(const Case& c) {
    if (c.id.empty()) throw StoreError(StoreErrorKind::InvalidArgument, "a case needs an id");
    const std::string details = detailsText(c.details);
    Lock lock(m_mutex);
    Transaction t(*m_db);
    auto update = m_db->prepare("UPDATE cases SET reference = ?, title = ?, details = ? WHERE id = ?");
    update.bind(1, c.reference).bind(2, c.title).bind(3, details).bind(4, c.id);
    if (update.run() == 0) {
        auto insert = m_db->prepare("INSERT INTO cases (id, reference, title, details) VALUES (?, ?, ?, ?)");
        insert.bind(1, c.id).bind(2, c.reference).bind(3, c.title).bind(4, details);
        insert.run();
    }
    if (c.secured && !caseIsSecured(*m_db, c.id)) {
        auto secure = m_db->prepare("UPDATE cases SET secured = 1, secured_at = ? WHERE id = ?");
        secure.bind(1, c.securedAt.empty() ? now() : c.securedAt).bind(2, c.id).run();
    }
    t.commit();
    bump();
}

std::vector<Case> Store::cases() {
    Lock lock(m_mutex);
    auto st = m_db->prepare(
        "SELECT id, reference, title, details, secured, secured_at FROM cases ORDER BY reference, id");
    std::vector<Case> out;
    while (st.step())
        out.push_back(readCase(st));
    return out;
}

std::optional<Case> Store::caseById(const std::string& id) {
    Lock lock(m_mutex);
    auto st =
        m_db->prepare("SELECT id, reference, title, details, secured, secured_at FROM cases WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readCase(st);
}

void Store::putChild(const Child& child) {
    if (child.id.empty()) throw StoreError(StoreErrorKind::InvalidArgument, "a child needs an id");
    const std::string details = detailsText(child.details);
    Lock lock(m_mutex);
    {
        auto st = m_db->prepare("SELECT 1 FROM cases WHERE id = ?");
        st.bind(1, child.caseId);
        if (!st.step()) throw StoreError(StoreErrorKind::NotFound, "no case with id " + child.caseId);
    }
    Transaction t(*m_db);
    auto update = m_db->prepare(
        "UPDATE children SET case_id = ?, display_name = ?, date_of_birth = ?, details = ? WHERE id = ?");
    update.bind(1, child.caseId).bind(2, child.displayName).bind(3, child.dateOfBirth);
    update.bind(4, details).bind(5, child.id);
    if (update.run() == 0) {
        auto insert = m_db->prepare("INSERT INTO children (id, case_id, display_name, date_of_birth, "
                                    "details) VALUES (?, ?, ?, ?, ?)");
        insert.bind(1, child.id).bind(2, child.caseId).bind(3, child.displayName);
        insert.bind(4, child.dateOfBirth).bind(5, details);
        insert.run();
    }
    t.commit();
    bump();
}

std::vector<Child> Store::children() {
    Lock lock(m_mutex);
    auto st = m_db->prepare(
        "SELECT id, case_id, display_name, date_of_birth, details FROM children ORDER BY display_name, id");
    std::vector<Child> out;
    while (st.step())
        out.push_back(readChild(st));
    return out;
}

std::vector<Child> Store::childrenForCase(const std::string& caseId) {
    Lock lock(m_mutex);
    auto st = m_db->prepare("SELECT id, case_id, display_name, date_of_birth, details FROM children "
                            "WHERE case_id = ? ORDER BY display_name, id");
    st.bind(1, caseId);
    std::vector<Child> out;
    while (st.step())
        out.push_back(readChild(st));
    return out;
}

std::optional<Child> Store::childById(const std::string& id) {
    Lock lock(m_mutex);
    auto st =
        m_db->prepare("SELECT id, case_id, display_name, date_of_birth, details FROM children WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readChild(st);
}

// [SECTION] Caseload summary

namespace {
// The app's derived text for a child counts while the child's concerns have not changed since
// it was saved (migration 12's triggers bump inputs_seq) and it is in the format the app asks
// for (?2; empty: never). Over caseload_summary s LEFT JOIN caseload_derived d.
constexpr const char* kFreshDerived =
    "coalesce(d.derived_seq = d.inputs_seq AND d.format = ?2 AND ?2 <> '', 0)";
// The changed children (after ?1) whose concerns the app needs: it has no fresh text for them.
constexpr const char* kNeedConcerns =
    "SELECT s.child_id FROM caseload_summary s LEFT JOIN caseload_derived d ON d.child_id = s.child_id "
    "WHERE s.change_seq > ?1 AND s.concerns > 0 AND NOT coalesce(d.derived_seq = d.inputs_seq AND "
    "d.format = ?2 AND ?2 <> '', 0)";
} // namespace

CaseloadChanges readCaseloadChanges(Database& db, int64_t since, const std::string& derivedFormat) {
    CaseloadChanges out;
    {
        auto st = db.prepare("SELECT seq FROM caseload_clock WHERE id = 1");
        if (st.step()) out.upTo = st.columnInt64(0);
    }
    if (out.upTo <= since) return out;
    std::unordered_map<std::string, size_t> entryByChild;
    // The summary's and the kept text's part of an entry (the derived text only while fresh).
    auto setSummary = [](CaseloadEntry& e, int notSynced, bool highRisk, std::string lastSeen,
                         bool hasConcerns, int64_t inputsSeq, bool fresh, std::string derived) {
        e.notSynced = notSynced;
        e.highRisk = highRisk;
        e.lastSeen = std::move(lastSeen);
        if (!hasConcerns) return;
        if (fresh) {
            e.derivedFresh = true;
            e.derived = std::move(derived);
        } else {
            e.derivedInputsSeq = inputsSeq;
        }
    };
    if (since == 0) {
        // The first load after unlock wants every row: four table scans joined here cost a
        // fraction of the join's 10,000 index lookups in each of four tables.
        struct Summary {
            int notSynced = 0;
            bool highRisk = false, hasConcerns = false, fresh = false;
            std::string lastSeen, derived;
            int64_t inputsSeq = 0;
        };
        std::unordered_map<std::string, Summary> summaries;
        {
            auto st = db.prepare(
                "SELECT child_id, not_synced, high_risk, last_seen, concerns FROM caseload_summary WHERE "
                "+change_seq > 0");
            while (st.step())
                summaries[st.columnText(0)] = {st.columnInt(1),
                                               st.columnInt(2) != 0,
                                               st.columnInt(4) > 0,
                                               false,
                                               st.columnText(3),
                                               {},
                                               0};
        }
        {
            auto st = db.prepare("SELECT child_id, inputs_seq, derived_seq = inputs_seq AND format = ?1 AND "
                                 "?1 <> '', derived FROM caseload_derived");
            st.bind(1, derivedFormat);
            while (st.step()) {
                auto found = summaries.find(st.columnText(0));
                if (found == summaries.end()) continue;
                found->second.inputsSeq = st.columnInt64(1);
                found->second.fresh = st.columnInt(2) != 0;
                if (found->second.fresh) found->second.derived = st.columnText(3);
            }
        }
        std::unordered_map<std::string, std::string> references;
        {
            auto st = db.prepare("SELECT id, reference FROM cases");
            while (st.step())
                references[st.columnText(0)] = st.columnText(1);
        }
        auto st = db.prepare("SELECT id, case_id, display_name, date_of_birth, details FROM children");
        out.changed.reserve(summaries.size());
        while (st.step()) {
            auto found = summaries.find(st.columnText(0));
            if (found == summaries.end()) continue;
            Summary& summary = found->second;
            CaseloadEntry e;
            e.childId = found->first;
            e.caseId = st.columnText(1);
            e.name = st.columnText(2);
            e.dateOfBirth = st.columnText(3);
            e.details = parseStoredJson(st.columnText(4));
            if (auto reference = references.find(e.caseId); reference != references.end())
                e.caseReference = reference->second;
            setSummary(e, summary.notSynced, summary.highRisk, std::move(summary.lastSeen),
                       summary.hasConcerns, summary.inputsSeq, summary.fresh, std::move(summary.derived));
            entryByChild.emplace(e.childId, out.changed.size());
            out.changed.push_back(std::move(e));
        }
    } else {
        // The app's derived text comes back only while fresh (see kFreshDerived).
        auto st =
            db.prepare("SELECT ch.id, ch.case_id, ch.display_name, ch.date_of_birth, ch.details, "
                       "coalesce(c.reference, ''), "
                       "s.not_synced, s.high_risk, s.last_seen, s.concerns, coalesce(d.inputs_seq, 0), "
                       "CASE WHEN " +
                       std::string(kFreshDerived) +
                       " THEN d.derived END FROM caseload_summary s JOIN "
                       "children ch ON ch.id = s.child_id "
                       "LEFT JOIN cases c ON c.id = ch.case_id "
                       "LEFT JOIN caseload_derived d ON d.child_id = s.child_id WHERE s.change_seq > ?1");
        st.bind(1, since).bind(2, derivedFormat);
        while (st.step()) {
            CaseloadEntry e;
            e.childId = st.columnText(0);
            e.caseId = st.columnText(1);
            e.name = st.columnText(2);
            e.dateOfBirth = st.columnText(3);
            e.details = parseStoredJson(st.columnText(4));
            e.caseReference = st.columnText(5);
            const bool fresh = !st.columnIsNull(11);
            setSummary(e, st.columnInt(6), st.columnInt(7) != 0, st.columnText(8), st.columnInt(9) > 0,
                       st.columnInt64(10), fresh, fresh ? st.columnText(11) : std::string());
            entryByChild.emplace(e.childId, out.changed.size());
            out.changed.push_back(std::move(e));
        }
    }
    // The signed concerns of the changed children, then their addenda: the app works out
    // the follow-up deadlines from these. After a write only a few children changed: one
    // seek each (records_signed_concerns, records_by_parent). For a full load, two scans.
    std::unordered_map<std::string, std::pair<size_t, size_t>> concernAt; // record -> entry, index
    auto addConcern = [&](size_t entry, const std::string& id, const std::string& payload) {
        auto& concerns = out.changed[entry].concerns;
        concernAt[id] = {entry, concerns.size()};
        concerns.push_back({id, parseStoredJson(payload), {}});
    };
    auto addAddendum = [&](const std::string& parentId, const std::string& payload) {
        auto found = concernAt.find(parentId);
        if (found == concernAt.end()) return;
        out.changed[found->second.first].concerns[found->second.second].addendumPayloads.push_back(
            parseStoredJson(payload));
    };
    // The review date of each changed child's latest signed risk identification (a review is a
    // new signed version, so the latest one holds the date that counts).
    {
        auto st = db.prepare("SELECT child_id, payload FROM records WHERE kind = 'risk_identification' "
                             "AND status = 'signed' AND "
                             "child_id IN (SELECT child_id FROM caseload_summary WHERE change_seq > ?) "
                             "ORDER BY child_id, signed_at, rowid");
        st.bind(1, since);
        while (st.step()) {
            auto found = entryByChild.find(st.columnText(0));
            if (found == entryByChild.end()) continue;
            const nlohmann::json payload = parseStoredJson(st.columnText(1));
            const auto date = payload.is_object() ? payload.find("review_date") : payload.end();
            if (payload.is_object() && date != payload.end() && date->is_string())
                out.changed[found->second].riskReviewDate = date->get<std::string>();
        }
    }
    if (since > 0 && out.changed.size() <= 256) {
        auto concerns = db.prepare("SELECT id, payload FROM records WHERE child_id = ? AND kind = 'concern' "
                                   "AND status = 'signed' ORDER BY created_at, rowid");
        auto addenda = db.prepare("SELECT payload FROM records WHERE parent_id = ? AND kind = 'addendum' "
                                  "ORDER BY created_at, rowid");
        for (size_t i = 0; i < out.changed.size(); ++i) {
            if (out.changed[i].derivedFresh) continue; // the app's text stands for them
            concerns.reset();
            concerns.bind(1, out.changed[i].childId);
            while (concerns.step()) {
                const std::string id = concerns.columnText(0);
                addConcern(i, id, concerns.columnText(1));
                addenda.reset();
                addenda.bind(1, id);
                while (addenda.step())
                    addAddendum(id, addenda.columnText(0));
            }
        }
        return out;
    }
    {
        auto st = db.prepare(
            "SELECT child_id, id, payload FROM records WHERE kind = 'concern' AND status = 'signed' AND "
            "child_id IN (" +
            std::string(kNeedConcerns) +
            ") "
            "ORDER BY child_id, created_at, rowid");
        st.bind(1, since).bind(2, derivedFormat);
        while (st.step()) {
            auto found = entryByChild.find(st.columnText(0));
            if (found != entryByChild.end()) addConcern(found->second, st.columnText(1), st.columnText(2));
        }
    }
    if (!concernAt.empty()) {
        auto st = db.prepare(
            "SELECT a.parent_id, a.payload FROM records p JOIN records a ON a.parent_id = p.id "
            "WHERE p.kind = 'concern' AND p.status = 'signed' AND a.kind = 'addendum' AND p.child_id IN (" +
            std::string(kNeedConcerns) +
            ") "
            "ORDER BY a.created_at, a.rowid");
        st.bind(1, since).bind(2, derivedFormat);
        while (st.step())
            addAddendum(st.columnText(0), st.columnText(1));
    }
    return out;
}

CaseloadChanges Store::caseloadChanges(int64_t since, const std::string& derivedFormat) {
    Lock lock(m_mutex);
    return readCaseloadChanges(*m_db, since, derivedFormat);
}

void Store::saveCaseloadDerived(const std::string& format, const std::vector<CaseloadDerived>& items) {
    if (format.empty()) throw StoreError(StoreErrorKind::InvalidArgument, "derived text needs a format name");
    if (items.empty()) return;
    Lock lock(m_mutex);
    Transaction t(*m_db);
    // Only over the inputs it was derived from: a concern signed meanwhile makes it stale.
    auto st = m_db->prepare("UPDATE caseload_derived SET derived_seq = inputs_seq, format = ?, derived = ? "
                            "WHERE child_id = ? AND inputs_seq = ?");
    for (const CaseloadDerived& item : items) {
        if (item.inputsSeq <= 0) continue; // nothing to key it by: the child has no concerns
        st.reset();
        st.bind(1, format).bind(2, item.text).bind(3, item.childId).bind(4, item.inputsSeq).run();
    }
    t.commit();
}

void Store::forgetCaseloadDerived(const std::vector<std::string>& childIds) {
    if (childIds.empty()) return;
    Lock lock(m_mutex);
    Transaction t(*m_db);
    m_db->exec("UPDATE caseload_clock SET seq = seq + 1 WHERE id = 1");
    auto forget =
        m_db->prepare("UPDATE caseload_derived SET derived_seq = 0, derived = '' WHERE child_id = ?");
    auto changed = m_db->prepare("UPDATE caseload_summary SET change_seq = (SELECT seq FROM caseload_clock "
                                 "WHERE id = 1) WHERE child_id = ?");
    for (const std::string& id : childIds) {
        forget.reset();
        forget.bind(1, id).run();
        changed.reset();
        changed.bind(1, id).run();
    }
    t.commit();
    bump();
}

// [SECTION] Records

Record Store::createDraft(const NewRecord& in) {
    if (in.kind.empty()) throw StoreError(StoreErrorKind::InvalidArgument, "a record needs a kind");
    if (in.kind == kinds::kAddendum)
        throw StoreError(StoreErrorKind::InvalidArgument, "use addAddendum() for an addendum");
    if (in.author.empty()) throw StoreError(StoreErrorKind::InvalidArgument, "a record needs an author");
    const std::string payload = payloadText(in.payload);
    Lock lock(m_mutex);
    {
        auto st = m_db->prepare("SELECT secured FROM cases WHERE id = ?");
        st.bind(1, in.caseId);
        if (!st.step()) throw StoreError(StoreErrorKind::NotFound, "no case with id " + in.caseId);
        if (st.columnInt(0) == 1)
            throw StoreError(StoreErrorKind::ReadOnlyRecord,
                             "case " + in.caseId + " is secured for a review: nothing can be added");
    }
    if (!in.childId.empty()) {
        auto st = m_db->prepare("SELECT case_id FROM children WHERE id = ?");
        st.bind(1, in.childId);
        if (!st.step()) throw StoreError(StoreErrorKind::NotFound, "no child with id " + in.childId);
        if (st.columnText(0) != in.caseId)
            throw StoreError(StoreErrorKind::InvalidArgument,
                             "child " + in.childId + " is not in case " + in.caseId);
    }
    if (!in.parentId.empty() && !loadRecord(*m_db, in.parentId))
        throw StoreError(StoreErrorKind::NotFound, "no parent record with id " + in.parentId);

    Record r;
    r.id = newUuid();
    r.caseId = in.caseId;
    r.childId = in.childId;
    r.kind = in.kind;
    r.author = in.author;
    r.parentId = in.parentId;
    r.highRisk = in.highRisk;
    r.payload = in.payload;
    r.createdAt = r.updatedAt = now();

    Transaction t(*m_db);
    auto st = m_db->prepare("INSERT INTO records (id, version, case_id, child_id, kind, status, author, "
                            "created_at, updated_at, parent_id, high_risk, payload) "
                            "VALUES (?, 1, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?)");
    st.bind(1, r.id).bind(2, r.caseId).bindOptional(3, r.childId).bind(4, r.kind).bind(5, r.author);
    st.bind(6, r.createdAt).bind(7, r.updatedAt).bindOptional(8, r.parentId).bind(9, r.highRisk ? 1 : 0);
    st.bind(10, payload);
    st.run();
    appendAudit(*m_db, r.createdAt, r.author, "create", r.id, r.kind);
    t.commit();
    bump();
    return r;
}

Record Store::saveDraft(const std::string& recordId, const nlohmann::json& payload) {
    const std::string text = payloadText(payload);
    Lock lock(m_mutex);
    Record r = requireRecord(*m_db, recordId);
    requireDraft(r, "save");
    r.payload = payload;
    r.updatedAt = now();
    // The triggers refuse this for a signed record or a secured case even if the checks
    // above were bypassed.
    auto st = m_db->prepare("UPDATE records SET payload = ?, updated_at = ? WHERE id = ?");
    st.bind(1, text).bind(2, r.updatedAt).bind(3, r.id);
    st.run();
    bump();
    return r;
}

void Store::setHighRisk(const std::string& recordId, bool highRisk) {
    Lock lock(m_mutex);
    Record r = requireRecord(*m_db, recordId);
    requireDraft(r, "change the high-risk flag of");
    auto st = m_db->prepare("UPDATE records SET high_risk = ?, updated_at = ? WHERE id = ?");
    st.bind(1, highRisk ? 1 : 0).bind(2, now()).bind(3, r.id);
    st.run();
    bump();
}

Record Store::sign(const std::string& recordId, const std::string& signedBy) {
    if (signedBy.empty()) throw StoreError(StoreErrorKind::InvalidArgument, "signing needs a name");
    Lock lock(m_mutex);
    Transaction t(*m_db);
    Record r = requireRecord(*m_db, recordId);
    requireDraft(r, "sign");
    if (caseIsSecured(*m_db, r.caseId))
        throw StoreError(StoreErrorKind::ReadOnlyRecord,
                         "case " + r.caseId + " is secured: the draft cannot be signed");
    r.status = RecordStatus::Signed;
    r.signedAt = r.updatedAt = now();
    r.signedBy = signedBy;
    r.chain = chainForKind(r.kind);
    chainRecord(*m_db, r);
    auto st = m_db->prepare("UPDATE records SET status = 'signed', signed_at = ?, signed_by = ?, "
                            "updated_at = ?, hash = ?, prev_hash = ?, chain_seq = ?, chain = ? WHERE id = ?");
    st.bind(1, r.signedAt).bind(2, r.signedBy).bind(3, r.updatedAt).bind(4, r.hash);
    st.bind(5, r.prevHash).bind(6, r.chainSeq).bind(7, r.chain).bind(8, r.id);
    st.run();
    enqueueRecord(*m_db, r, r.signedAt);
    appendAudit(*m_db, r.signedAt, signedBy, "sign", r.id, "case=" + r.caseId + " hash=" + r.hash);
    t.commit();
    bump();
    advanceHeads(m_heads, r);
    saveChainHeads();
    return r;
}

Record Store::addAddendum(const std::string& parentRecordId, const std::string& author,
                          const nlohmann::json& payload) {
    if (author.empty()) throw StoreError(StoreErrorKind::InvalidArgument, "an addendum needs an author");
    const std::string text = payloadText(payload);
    Lock lock(m_mutex);
    Transaction t(*m_db);
    Record parent = requireRecord(*m_db, parentRecordId);
    if (caseIsSecured(*m_db, parent.caseId))
        throw StoreError(StoreErrorKind::ReadOnlyRecord,
                         "case " + parent.caseId +
                             " is secured for a review: nothing can be added, not even an addendum");
    if (parent.status != RecordStatus::Signed)
        throw StoreError(StoreErrorKind::InvalidArgument, "an addendum adds to a signed record; record " +
                                                              parent.id + " is a draft: edit it instead");
    Record r;
    r.id = newUuid();
    r.caseId = parent.caseId;
    r.childId = parent.childId;
    r.kind = kinds::kAddendum;
    r.status = RecordStatus::Signed;
    r.author = r.signedBy = author;
    r.parentId = parent.id;
    r.payload = payload;
    r.createdAt = r.updatedAt = r.signedAt = now();
    chainRecord(*m_db, r);
    auto st = m_db->prepare("INSERT INTO records (id, version, case_id, child_id, kind, status, author, "
                            "created_at, updated_at, signed_at, signed_by, parent_id, high_risk, payload, "
                            "hash, prev_hash, chain_seq) "
                            "VALUES (?, 1, ?, ?, 'addendum', 'signed', ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)");
    st.bind(1, r.id).bind(2, r.caseId).bindOptional(3, r.childId).bind(4, r.author);
    st.bind(5, r.createdAt).bind(6, r.updatedAt).bind(7, r.signedAt).bind(8, r.signedBy);
    st.bind(9, r.parentId).bind(10, text).bind(11, r.hash).bind(12, r.prevHash).bind(13, r.chainSeq);
    st.run();
    enqueueRecord(*m_db, r, r.signedAt);
    appendAudit(*m_db, r.signedAt, author, "addendum", r.id,
                "case=" + r.caseId + " hash=" + r.hash + " to=" + parent.id);
    t.commit();
    bump();
    advanceHeads(m_heads, r);
    saveChainHeads();
    return r;
}

std::optional<Record> Store::recordById(const std::string& id) {
    Lock lock(m_mutex);
    return loadRecord(*m_db, id);
}

Record Store::openRecord(const std::string& id, const std::string& actor) {
    Lock lock(m_mutex);
    Record r = requireRecord(*m_db, id);
    Transaction t(*m_db);
    appendAudit(*m_db, now(), actor, "open", id, r.kind);
    t.commit();
    bump();
    return r;
}

std::vector<Record> Store::recordsForChild(const std::string& childId) {
    Lock lock(m_mutex);
    auto records = queryRecords(*m_db, "child_id = ?", childId);
    auto st = m_db->prepare(std::string("SELECT ") + kManagerNoteColumns +
                            " FROM manager_notes WHERE child_id = ? ORDER BY written_at, seq");
    st.bind(1, childId);
    while (st.step())
        records.push_back(readManagerNote(st));
    // Records made on another tablet before the case came here (issue 20).
    std::vector<Record> received;
    auto history = m_db->prepare("SELECT body FROM case_history WHERE child_id = ? ORDER BY signed_at, id");
    history.bind(1, childId);
    while (history.step())
        if (auto r = recordFromOutboxBody(history.columnText(0))) {
            r->received = true;
            received.push_back(std::move(*r));
        }
    records.insert(records.begin(), received.begin(), received.end());
    return records;
}

void Store::saveManagerNotes(const std::vector<ManagerNote>& notes) {
    if (notes.empty()) return;
    Lock lock(m_mutex);
    Transaction t(*m_db);
    const std::string at = now();
    for (const auto& n : notes) {
        auto st = m_db->prepare(
            "INSERT OR IGNORE INTO manager_notes(id, seq, record_id, case_id, child_id, author, "
            "author_name, decision, note, note_date, written_at, hash, received_at) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
        st.bind(1, n.id)
            .bind(2, n.seq)
            .bind(3, n.recordId)
            .bind(4, n.caseId)
            .bind(5, n.childId)
            .bind(6, n.author)
            .bind(7, n.authorName)
            .bind(8, n.decision)
            .bind(9, n.note)
            .bind(10, n.noteDate)
            .bind(11, n.writtenAt)
            .bind(12, n.hash)
            .bind(13, at);
        // Audited as the sync (the device): the server refuses an audit actor that names another account.
        if (st.run() > 0)
            appendAudit(*m_db, at, "sync", "receive_manager_note", n.id, "record=" + n.recordId);
    }
    t.commit();
    bump();
}

int64_t Store::managerNoteCursor() {
    Lock lock(m_mutex);
    auto st = m_db->prepare("SELECT coalesce(max(seq), 0) FROM manager_notes");
    st.step();
    return st.columnInt64(0);
}

std::vector<Record> Store::recordsForCase(const std::string& caseId) {
    Lock lock(m_mutex);
    return queryRecords(*m_db, "case_id = ?", caseId);
}

void Store::deleteDraft(const std::string& recordId, const std::string& actor) {
    Lock lock(m_mutex);
    Transaction t(*m_db);
    Record r = requireRecord(*m_db, recordId);
    requireDraft(r, "delete");
    {
        auto st = m_db->prepare("SELECT count(*) FROM records WHERE parent_id = ?");
        st.bind(1, r.id);
        st.step();
        if (st.columnInt(0) > 0)
            throw StoreError(StoreErrorKind::InvalidArgument,
                             "record " + r.id +
                                 " has activities or addenda that refer to it; delete those first");
    }
    auto st = m_db->prepare("DELETE FROM records WHERE id = ?");
    st.bind(1, r.id).run();
    appendAudit(*m_db, now(), actor.empty() ? r.author : actor, "delete_draft", r.id, r.kind);
    t.commit();
    bump();
}

namespace {

// Checks one case's hash chain and the audit log's record of its signings, on any connection.
ChainReport verifyCaseOn(Database& db, const std::string& caseId) {
    ChainReport report;
    auto problem = [&](const std::string& text) {
        report.ok = false;
        report.problems.push_back(text);
    };
    std::map<std::string, std::string> hashById;
    {
        auto st = db.prepare(std::string("SELECT ") + kRecordColumns +
                             " FROM records WHERE case_id = ? AND (status = 'signed' OR chain_seq > 0) "
                             "ORDER BY chain, chain_seq");
        st.bind(1, caseId);
        // Each of the case's chains (storage/chain.h) on its own: the rows come chain by chain.
        int64_t expectedSeq = 1;
        std::string previousHash, chain;
        while (st.step()) {
            if (st.columnText(17) != chain) {
                chain = st.columnText(17);
                expectedSeq = 1;
                previousHash.clear();
            }
            Record r;
            try {
                r = readRecord(st);
            } catch (const StoreError&) {
                problem("record " + st.columnText(0) + ": stored payload is not valid JSON");
                ++expectedSeq;
                continue;
            }
            if (r.chain != chainForKind(r.kind) && !(r.chain.empty() && r.kind == kinds::kSafetyAlert))
                problem("record " + r.id + ": a " + r.kind + " on the wrong chain");
            if (r.status != RecordStatus::Signed)
                problem("record " + r.id + ": has a chain position but is not signed");
            if (r.chainSeq != expectedSeq)
                problem("record " + r.id + ": chain position " + std::to_string(r.chainSeq) + ", expected " +
                        std::to_string(expectedSeq) + " (a record is missing)");
            if (r.prevHash != previousHash)
                problem("record " + r.id + ": previous hash does not match the record before it");
            const std::string computed = recordHash(r);
            if (computed != r.hash) problem("record " + r.id + ": content does not match its hash (altered)");
            hashById[r.id] = r.hash;
            previousHash = r.hash;
            expectedSeq = r.chainSeq + 1;
        }
    }
    // The audit log names every signing with its case and hash: a record removed from the
    // end of the chain, or replaced along with a recomputed chain, no longer matches it.
    {
        const std::string prefix = "case=" + caseId + " hash=";
        auto st = db.prepare("SELECT target, detail FROM audit_log WHERE action IN ('sign', 'addendum') "
                             "AND substr(detail, 1, length(?1)) = ?1");
        st.bind(1, prefix);
        while (st.step()) {
            const std::string target = st.columnText(0);
            const std::string hash = st.columnText(1).substr(prefix.size(), 64);
            auto found = hashById.find(target);
            if (found == hashById.end())
                problem("record " + target + ": signed (per the audit log) but missing from the chain");
            else if (found->second != hash)
                problem("record " + target + ": hash differs from the one recorded when it was signed");
        }
    }
    return report;
}

} // namespace

ChainReport Store::verifyCase(const std::string& caseId) {
    Lock lock(m_mutex);
    return verifyCaseOn(*m_db, caseId);
}

void Store::secureCase(const std::string& caseId, const std::string& by, const std::string& securedAt) {
    Lock lock(m_mutex);
    Transaction t(*m_db);
    auto st = m_db->prepare("SELECT secured FROM cases WHERE id = ?");
    st.bind(1, caseId);
    if (!st.step()) throw StoreError(StoreErrorKind::NotFound, "no case with id " + caseId);
    if (st.columnInt(0) == 1) return; // already frozen; the first securing stands
    const std::string at = securedAt.empty() ? now() : securedAt;
    auto update = m_db->prepare("UPDATE cases SET secured = 1, secured_at = ? WHERE id = ?");
    update.bind(1, at).bind(2, caseId).run();
    appendAudit(*m_db, at, by, "secure_case", caseId, "");
    t.commit();
    bump();
}

// [SECTION] A case's whole life (issue 20)

namespace {

CaseRemovalBlock readRemovalBlock(Database& db, const std::string& caseId) {
    CaseRemovalBlock block;
    auto drafts = db.prepare("SELECT count(*) FROM records WHERE case_id = ? AND status = 'draft'");
    drafts.bind(1, caseId);
    drafts.step();
    block.drafts = drafts.columnInt64(0);
    // The case's records, and the audit entries written with them (grouped by the record id).
    auto unsent =
        db.prepare("SELECT count(*) FROM outbox WHERE state <> 'acknowledged' AND (case_id = ? OR "
                   "(item_type = 'audit' AND group_key IN (SELECT id FROM records WHERE case_id = ?)))");
    unsent.bind(1, caseId).bind(2, caseId);
    unsent.step();
    block.unsynced = unsent.columnInt64(0);
    return block;
}

} // namespace

CaseRemovalBlock Store::caseRemovalBlock(const std::string& caseId) {
    Lock lock(m_mutex);
    return readRemovalBlock(*m_db, caseId);
}

bool Store::removeCase(const std::string& caseId, const std::string& actor, const std::string& why) {
    Lock lock(m_mutex);
    {
        auto st = m_db->prepare("SELECT 1 FROM cases WHERE id = ?");
        st.bind(1, caseId);
        if (!st.step()) return false;
    }
    const CaseRemovalBlock block = readRemovalBlock(*m_db, caseId);
    if (block.blocked())
        throw StoreError(StoreErrorKind::InvalidArgument,
                         "case " + caseId + " cannot leave this tablet yet: " + std::to_string(block.drafts) +
                             " draft(s) and " + std::to_string(block.unsynced) + " entries not yet sent");
    // The heads of the case's chains leave the key file's summary with it. They go into the
    // audit entry too, so an unlock after a crash between the commit and the key file write
    // can tell a removal from lost records (checkChainHeads).
    std::vector<std::pair<std::string, std::pair<int64_t, std::string>>> heads;
    {
        auto st = m_db->prepare("SELECT chain_seq, hash FROM records WHERE case_id = ? AND chain = ? AND "
                                "chain_seq > 0 ORDER BY chain_seq DESC LIMIT 1");
        for (const auto& chain : chainNames()) {
            st.reset();
            st.bind(1, caseId).bind(2, chain);
            if (st.step()) heads.push_back({chain, {st.columnInt64(0), st.columnText(1)}});
        }
    }
    std::string detail = "why=" + why;
    for (const auto& [chain, head] : heads)
        detail += ";head=" + chain + ":" + std::to_string(head.first) + ":" + head.second;
    // Deleted rows are overwritten with zeros, in the table and index pages and on the free list.
    m_db->exec("PRAGMA secure_delete = ON;");
    {
        Transaction t(*m_db);
        m_db->exec("PRAGMA defer_foreign_keys = ON;"); // addenda and their parents go together
        const std::vector<std::string> steps = {
            "INSERT INTO case_removals (case_id) VALUES (?1)",
            "DELETE FROM outbox WHERE state = 'acknowledged' AND (case_id = ?1 OR (item_type = 'audit' AND "
            "group_key IN (SELECT id FROM records WHERE case_id = ?1)))",
            "DELETE FROM records WHERE case_id = ?1",
            "DELETE FROM case_history WHERE case_id = ?1",
            "DELETE FROM court_matters WHERE case_id = ?1",
            "DELETE FROM caseload_summary WHERE child_id IN (SELECT id FROM children WHERE case_id = ?1)",
            "DELETE FROM children WHERE case_id = ?1",
            "DELETE FROM cases WHERE id = ?1",
            "DELETE FROM manager_notes WHERE case_id = ?1",
            "DELETE FROM case_removals WHERE case_id = ?1",
        };
        for (const auto& sql : steps) {
            auto st = m_db->prepare(sql);
            st.bind(1, caseId);
            st.run();
        }
        // The caseload sees the change (the app reloads it whole after a removal).
        m_db->exec("UPDATE caseload_clock SET seq = seq + 1 WHERE id = 1;");
        appendAudit(*m_db, now(), actor.empty() ? m_options.actor : actor, "remove_case", caseId, detail);
        t.commit();
    }
    for (const auto& [chain, head] : heads) {
        xorInto(m_heads.digest, headTerm(chainHeadKey(caseId, chain), head.first, head.second));
        m_heads.count -= head.first;
    }
    saveChainHeads();
    bump();
    // Free space left by earlier edits (autosaved drafts, replaced rows) went without
    // secure_delete: VACUUM rewrites the file with live rows only, and the checkpoint puts it in
    // the main file and truncates the WAL, so no older copy of a page survives in either.
    try {
        m_db->exec("VACUUM;");
        m_db->exec("PRAGMA wal_checkpoint(TRUNCATE);");
    } catch (const StoreError&) {
        // The removal has committed; the scrub is repeated by the next removal. Not an error
        // to report as a failed removal (a reader may hold the WAL for a moment).
    }
    return true;
}

namespace {

// The record id of an outbox body (recordOutboxBody: canonical JSON, keys sorted, so the
// top-level "id" comes before "payload", the only member that holds objects), found without
// parsing. Only used to skip a body whose record is already here: a body that is not canonical
// gives nothing or an id that is not here, and is then parsed and checked in full.
std::optional<std::string> recordIdOfOutboxBody(const std::string& body) {
    // Inside a JSON string every '"' is escaped, so `,"id":"` is a member of an object.
    static const std::string key = ",\"id\":\"";
    const size_t at = body.find(key);
    if (at == std::string::npos) return std::nullopt;
    const size_t start = at + key.size(), end = body.find('"', start);
    if (end == std::string::npos || end - start != 36) return std::nullopt; // records have UUIDs
    return body.substr(start, end - start);
}

} // namespace

size_t Store::saveCaseHistory(const std::vector<std::string>& bodies) {
    if (bodies.empty()) return 0;
    Lock lock(m_mutex);
    size_t refused = 0;
    Transaction t(*m_db);
    const std::string at = now();
    auto own = m_db->prepare("SELECT 1 FROM records WHERE id = ?");
    // NOT EXISTS as well: a body of its own whose id the quick look above missed is not kept twice.
    auto insert =
        m_db->prepare("INSERT OR IGNORE INTO case_history (id, version, case_id, child_id, signed_at, "
                      "body, received_at) SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM "
                      "records WHERE id = ?)");
    for (const auto& body : bodies) {
        // This tablet's own records are already in `records` (a case allocated to it comes
        // whole, its own records included): skipped before parsing, hashing and the canonical form.
        if (const auto id = recordIdOfOutboxBody(body)) {
            own.reset();
            own.bind(1, *id);
            if (own.step()) continue;
        }
        const auto r = recordFromOutboxBody(body);
        if (!r) {
            ++refused;
            continue;
        }
        insert.reset();
        insert.bind(1, r->id).bind(2, r->version).bind(3, r->caseId).bind(4, r->childId);
        insert.bind(5, r->signedAt).bind(6, body).bind(7, at).bind(8, r->id);
        insert.run();
    }
    t.commit();
    bump();
    return refused;
}

// [SECTION] Audit log

void Store::audit(const std::string& actor, const std::string& action, const std::string& target,
                  const std::string& detail) {
    Lock lock(m_mutex);
    Transaction t(*m_db);
    appendAudit(*m_db, now(), actor, action, target, detail);
    t.commit();
    bump();
}

namespace {

std::vector<AuditEntry> readAuditLog(Database& db) {
    auto st = db.prepare(
        "SELECT seq, at, actor, action, target, detail, hash, prev_hash FROM audit_log ORDER BY seq");
    std::vector<AuditEntry> out;
    while (st.step()) {
        AuditEntry e;
        e.seq = st.columnInt64(0);
        e.at = st.columnText(1);
        e.actor = st.columnText(2);
        e.action = st.columnText(3);
        e.target = st.columnText(4);
        e.detail = st.columnText(5);
        e.hash = st.columnText(6);
        e.prevHash = st.columnText(7);
        out.push_back(std::move(e));
    }
    return out;
}

ChainReport verifyAuditEntries(const std::vector<AuditEntry>& entries) {
    ChainReport report;
    int64_t expected = 1;
    std::string previous;
    for (const auto& e : entries) {
        auto problem = [&](const std::string& text) {
            report.ok = false;
            report.problems.push_back("audit " + std::to_string(e.seq) + ": " + text);
        };
        if (e.seq != expected)
            problem("sequence gap, expected " + std::to_string(expected) + " (an entry is missing)");
        if (e.prevHash != previous) problem("previous hash does not match the entry before it");
        if (auditHash(e) != e.hash) problem("content does not match its hash (altered)");
        previous = e.hash;
        expected = e.seq + 1;
    }
    return report;
}

} // namespace

std::vector<AuditEntry> Store::auditLog() {
    Lock lock(m_mutex);
    return readAuditLog(*m_db);
}

ChainReport Store::verifyAudit() {
    return verifyAuditEntries(auditLog());
}

// [SECTION] Integrity check (off the unlock path)

ChainReport Store::checkIntegrity() {
    ChainReport report;
    auto problem = [&](const std::string& text) {
        report.ok = false;
        report.problems.push_back(text);
    };
    try {
        // Its own connection (WAL: a consistent snapshot while the UI writes), so the check
        // never holds the store's mutex; lock() interrupts it.
        OpenOptions options;
        options.cipherPageSize = m_keyFile.cipherPageSize;
        options.cipherCompatibility = m_keyFile.cipherMajorVersion;
        auto db =
            std::make_shared<Database>(Database::openEncrypted(databasePath(m_dataDir), m_dek, options));
        {
            std::lock_guard<std::mutex> lock(m_checkMutex);
            if (m_checkStop) throw StoreError(StoreErrorKind::Io, "the store was locked during the check");
            m_checkDb = db;
        }
        struct Release {
            Store& store;
            ~Release() {
                std::lock_guard<std::mutex> lock(store.m_checkMutex);
                store.m_checkDb.reset();
            }
        } release{*this};
        // Reads every page: a damaged page shows here rather than mid-visit.
        {
            auto check = db->prepare("PRAGMA quick_check");
            while (check.step())
                if (check.columnText(0) != "ok") problem("database: " + check.columnText(0));
        }
        db->exec("BEGIN;"); // a read transaction: every chain from the same moment, writers not blocked
        std::vector<std::string> caseIds;
        {
            auto st = db->prepare("SELECT id FROM cases ORDER BY id");
            while (st.step())
                caseIds.push_back(st.columnText(0));
        }
        for (const auto& caseId : caseIds)
            for (auto& text : verifyCaseOn(*db, caseId).problems)
                problem(std::move(text));
        for (auto& text : verifyAuditEntries(readAuditLog(*db)).problems)
            problem(std::move(text));
        // Unlock's rollback check reads the kept heads; here they must be the records' own.
        if (db->userVersion() >= 17) {
            std::vector<HeadRow> kept, fromRecords;
            const ChainHeads keptHeads = readChainHeads(*db, kept);
            const ChainHeads recordHeads = readChainHeadsFromRecords(*db, fromRecords);
            if (keptHeads.count != recordHeads.count || keptHeads.digest != recordHeads.digest)
                problem("chain heads: the heads kept for unlock (" + std::to_string(keptHeads.count) +
                        " signed records) differ from the records' own (" +
                        std::to_string(recordHeads.count) + ")");
        }
    } catch (const StoreError& e) {
        problem(std::string("the check could not finish: ") + e.what());
    }
    return report;
}

void Store::startIntegrityCheck() {
    std::lock_guard<std::mutex> lock(m_checkMutex);
    if (m_checkThread.joinable() || m_checkStop) return; // one check per unlock
    m_checkStatus.state = IntegrityStatus::State::Running;
    m_checkThread = std::thread([this] {
        ChainReport report;
        try {
            report = checkIntegrity();
        } catch (const std::exception& e) { // a worker must never end the app
            report.ok = false;
            report.problems.push_back(std::string("the check could not finish: ") + e.what());
        }
        std::lock_guard<std::mutex> done(m_checkMutex);
        m_checkStatus.state = report.ok ? IntegrityStatus::State::Ok : IntegrityStatus::State::Failed;
        m_checkStatus.problems = std::move(report.problems);
    });
}

IntegrityStatus Store::integrityStatus() const {
    std::lock_guard<std::mutex> lock(m_checkMutex);
    return m_checkStatus;
}

void Store::stopIntegrityCheck() {
    {
        std::lock_guard<std::mutex> lock(m_checkMutex);
        m_checkStop = true;
        if (m_checkDb) sqlite3_interrupt(m_checkDb->handle());
    }
    if (m_checkThread.joinable()) m_checkThread.join();
}

// [SECTION] Outbox

// Send order: first every safety alert pending (a child said they may not be safe), each with
// the audit entries of its signing, in the order signed: an alert is on its case's alert chain
// (storage/chain.h), which no ordinary record precedes, so it waits for nothing. Then every case
// with a safety alert pending, case by case in the order of their first alert (an alert signed
// before migration 8 sits on its case chain and goes here, behind its case's earlier records,
// since the server takes a chain only in order); then every case with a high-risk entry pending;
// each case's entries in their order, with the audit entries of its records; then everything
// else in the order written, so a record and the audit entry of its signing sit side by side.
// Each part is an index range scan (outbox_by_priority finds the alerts and the cases,
// outbox_case_order their entries, outbox_send_order the rest; since migration 18 they hold
// pending entries only), so a batch costs the same with 300 or 30,000 entries pending.
std::vector<OutboxEntry> Store::outboxPending(size_t limit, const std::vector<int64_t>& onTheirWay) {
    Lock lock(m_mutex);
    std::vector<OutboxEntry> out;
    std::set<int64_t> urgentIds;
    // In the WHERE of each query that reads whole entries, so an entry on its way is never read
    // past its index entry (its body is the most of a batch's bytes). Integers only, so the list
    // can be written into the SQL.
    std::string notOnTheirWay;
    for (const int64_t id : onTheirWay)
        notOnTheirWay += (notOnTheirWay.empty() ? " AND id NOT IN (" : ",") + std::to_string(id);
    if (!notOnTheirWay.empty()) notOnTheirWay += ")";
    const std::set<int64_t> away(onTheirWay.begin(), onTheirWay.end());
    auto cases =
        m_db->prepare("SELECT case_id, min(id) FROM outbox INDEXED BY outbox_by_priority WHERE state = "
                      "'pending' AND "
                      "priority >= ? AND case_id <> '' GROUP BY case_id ORDER BY 2");
    // Ids first, so an entry on its way still brings the audit entries of its group that are not.
    auto ofCase = m_db->prepare(
        "SELECT id, group_key FROM outbox WHERE state = 'pending' AND case_id = ? ORDER BY id LIMIT ?");
    auto ofGroup = m_db->prepare(std::string("SELECT ") + kOutboxColumns +
                                 " FROM outbox WHERE state = 'pending' AND group_key = ? AND "
                                 "item_type = 'audit'" +
                                 notOnTheirWay);
    auto entry = m_db->prepare(std::string("SELECT ") + kOutboxColumns + " FROM outbox WHERE id = ?");
    auto byId = [](const OutboxEntry& a, const OutboxEntry& b) { return a.id < b.id; };
    // Each entry, then the audit entries of its group (its creation, its signing).
    auto withAudits = [&](int64_t id, const std::string& group, std::vector<OutboxEntry>& into) {
        if (!away.count(id)) {
            entry.reset();
            entry.bind(1, id);
            if (entry.step()) into.push_back(readOutbox(entry));
        }
        if (group.empty()) return;
        std::vector<OutboxEntry> audits;
        ofGroup.reset();
        ofGroup.bind(1, group);
        while (ofGroup.step())
            audits.push_back(readOutbox(ofGroup));
        std::sort(audits.begin(), audits.end(), byId);
        for (auto& e : audits)
            into.push_back(std::move(e));
    };
    // The entries of a part that are on their way take no room in it.
    const auto withRoomFor = [&](size_t n) { return int64_t(n + away.size()); };
    {
        // INDEXED BY: without it SQLite walks outbox_send_order for the ORDER BY, through every
        // pending entry (scale.outbox), to find the few alerts.
        auto alerts =
            m_db->prepare("SELECT id, group_key FROM outbox INDEXED BY outbox_by_priority WHERE state "
                          "= 'pending' AND priority = ? ORDER BY id LIMIT ?");
        alerts.bind(1, OutboxPriority::SafetyAlertChain).bind(2, withRoomFor(limit));
        std::vector<std::pair<int64_t, std::string>> found;
        while (alerts.step())
            found.emplace_back(alerts.columnInt64(0), alerts.columnText(1));
        std::vector<OutboxEntry> part;
        for (const auto& [id, group] : found)
            withAudits(id, group, part);
        for (auto& e : part) {
            if (out.size() >= limit) break;
            if (urgentIds.insert(e.id).second) out.push_back(std::move(e));
        }
    }
    std::set<std::string> casesTaken;
    for (const int threshold : {OutboxPriority::SafetyAlert, OutboxPriority::HighRiskRecord}) {
        if (out.size() >= limit) break;
        cases.reset();
        cases.bind(1, threshold);
        std::vector<std::string> urgentCases;
        while (cases.step())
            if (casesTaken.insert(cases.columnText(0)).second) urgentCases.push_back(cases.columnText(0));
        std::vector<OutboxEntry> part;
        for (const auto& caseId : urgentCases) {
            ofCase.reset();
            ofCase.bind(1, caseId).bind(2, withRoomFor(limit));
            std::vector<std::pair<int64_t, std::string>> found;
            while (ofCase.step())
                found.emplace_back(ofCase.columnInt64(0), ofCase.columnText(1));
            for (const auto& [id, group] : found)
                withAudits(id, group, part);
        }
        // Alerts' cases one after another; high-risk cases interleaved in the order written.
        if (threshold != OutboxPriority::SafetyAlert) std::sort(part.begin(), part.end(), byId);
        for (auto& e : part) {
            if (out.size() >= limit) break;
            if (urgentIds.insert(e.id).second) out.push_back(std::move(e));
        }
    }
    if (out.size() >= limit) return out;
    auto st = m_db->prepare(std::string("SELECT ") + kOutboxColumns + " FROM outbox WHERE state = 'pending'" +
                            notOnTheirWay + " ORDER BY id LIMIT ?");
    st.bind(1, int64_t(limit - out.size() + urgentIds.size()));
    while (st.step() && out.size() < limit) {
        if (urgentIds.count(st.columnInt64(0))) continue;
        out.push_back(readOutbox(st));
    }
    return out;
}

void Store::outboxAcknowledge(const std::vector<int64_t>& ids) {
    Lock lock(m_mutex);
    Transaction t(*m_db);
    const std::string at = now();
    // A batch is mostly one run of consecutive ids: one statement per run rather than per id.
    std::vector<int64_t> sorted(ids);
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    auto st =
        m_db->prepare("UPDATE outbox SET state = 'acknowledged', acknowledged_at = ?, quarantine_reason = '' "
                      "WHERE id BETWEEN ? AND ? AND state <> 'acknowledged'");
    for (std::size_t first = 0; first < sorted.size();) {
        std::size_t last = first;
        while (last + 1 < sorted.size() && sorted[last + 1] == sorted[last] + 1)
            ++last;
        st.reset();
        st.bind(1, at).bind(2, sorted[first]).bind(3, sorted[last]);
        st.run();
        first = last + 1;
    }
    t.commit();
    bump();
}

void Store::outboxQuarantine(int64_t id, const std::string& reason) {
    if (reason.empty()) throw StoreError(StoreErrorKind::InvalidArgument, "quarantine needs a reason");
    Lock lock(m_mutex);
    auto st = m_db->prepare(
        "UPDATE outbox SET state = 'quarantined', quarantine_reason = ? WHERE id = ? AND state = 'pending'");
    st.bind(1, reason).bind(2, id);
    if (st.run() == 0)
        throw StoreError(StoreErrorKind::NotFound, "no pending outbox entry " + std::to_string(id));
    bump();
}

std::vector<OutboxEntry> Store::outboxQuarantined() {
    Lock lock(m_mutex);
    auto st = m_db->prepare(std::string("SELECT ") + kOutboxColumns +
                            " FROM outbox WHERE state = 'quarantined' ORDER BY id");
    std::vector<OutboxEntry> out;
    while (st.step())
        out.push_back(readOutbox(st));
    return out;
}

void Store::outboxRetry(int64_t id) {
    Lock lock(m_mutex);
    auto st = m_db->prepare("UPDATE outbox SET state = 'pending' WHERE id = ? AND state = 'quarantined'");
    st.bind(1, id);
    if (st.run() == 0)
        throw StoreError(StoreErrorKind::NotFound, "no quarantined outbox entry " + std::to_string(id));
    bump();
}

size_t Store::outboxResendCase(const std::string& caseId) {
    Lock lock(m_mutex);
    auto st = m_db->prepare(
        "UPDATE outbox SET state = 'pending', acknowledged_at = '' WHERE state = 'acknowledged' AND "
        "(case_id = ?1 OR (item_type = 'audit' AND group_key IN (SELECT item_id FROM outbox WHERE "
        "item_type = 'record' AND case_id = ?1))) AND NOT EXISTS (SELECT 1 FROM outbox WHERE case_id = ?1 "
        "AND state = 'quarantined')");
    st.bind(1, caseId);
    const size_t changed = size_t(st.run());
    if (changed > 0) bump();
    return changed;
}

size_t Store::outboxResendAcknowledged() {
    Lock lock(m_mutex);
    auto st = m_db->prepare(
        "UPDATE outbox SET state = 'pending', acknowledged_at = '' WHERE state = 'acknowledged'");
    const size_t changed = size_t(st.run());
    if (changed > 0) bump();
    return changed;
}

size_t Store::outboxPendingCount() {
    Lock lock(m_mutex);
    auto st = m_db->prepare("SELECT count(*) FROM outbox WHERE state = 'pending'");
    st.step();
    return size_t(st.columnInt64(0));
}

// [SECTION] Settings

std::optional<nlohmann::json> Store::courtMatter(const std::string& caseId) {
    Lock lock(m_mutex);
    auto st = m_db->prepare("SELECT payload FROM court_matters WHERE case_id = ?");
    st.bind(1, caseId);
    if (!st.step()) return std::nullopt;
    try {
        return nlohmann::json::parse(st.columnText(0));
    } catch (const nlohmann::json::exception&) {
        throw StoreError(StoreErrorKind::InvalidArgument,
                         "the court matter of case " + caseId + " cannot be read");
    }
}

void Store::putCourtMatter(const std::string& caseId, const nlohmann::json& matter) {
    Lock lock(m_mutex);
    Transaction t(*m_db);
    // INSERT OR REPLACE: SQLCipher 3.4 (Debian 12) predates upsert.
    auto st =
        m_db->prepare("INSERT OR REPLACE INTO court_matters (case_id, payload, updated_at) VALUES (?, ?, ?)");
    st.bind(1, caseId).bind(2, matter.dump()).bind(3, now()).run();
    t.commit();
    bump();
}

std::optional<std::string> Store::setting(const std::string& key) {
    Lock lock(m_mutex);
    auto st = m_db->prepare("SELECT value FROM settings WHERE key = ?");
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    return st.columnText(0);
}

void Store::setSetting(const std::string& key, const std::string& value) {
    Lock lock(m_mutex);
    Transaction t(*m_db);
    auto update = m_db->prepare("UPDATE settings SET value = ? WHERE key = ?");
    update.bind(1, value).bind(2, key);
    if (update.run() == 0) {
        auto insert = m_db->prepare("INSERT INTO settings (key, value) VALUES (?, ?)");
        insert.bind(1, key).bind(2, value).run();
    }
    t.commit();
    bump();
}

} // namespace heard::storage

namespace heard::storage {

void Store::verifyPassphrase(const std::string& passphrase) {
    verifyPassphrase(m_dataDir, passphrase, m_options);
}

void Store::verifyPassphrase(const std::string& dataDir, const std::string& passphrase,
                             const StoreOptions& options) {
    // No store mutex: only the key file is read, under its own lock, which every key-file
    // writer (chain heads, rewrap, reseal) also takes around its read-modify-write.
    KeyFileLock keyFileLock(dataDir);
    const std::string keyPath = keyFilePath(dataDir);
    KeyFile keys = KeyFile::load(keyPath);
    SecretKey dek = unwrapWithDelay(keyPath, keys, passphrase,
                                    options.clock ? options.clock() : std::chrono::system_clock::now());
    if (keys.failedAttempts > 0) {
        keys.failedAttempts = 0;
        keys.lastFailureUnix = 0;
        keys.save(keyPath);
    }
}

void Store::saveContentUpdate(int64_t version, const std::string& body) {
    Lock lock(m_mutex);
    auto st =
        m_db->prepare("INSERT OR IGNORE INTO content_updates (version, body, received_at) VALUES (?, ?, ?)");
    st.bind(1, version).bind(2, body).bind(3, now()).run();
    bump();
}

std::vector<std::pair<int64_t, std::string>> Store::contentUpdates() {
    Lock lock(m_mutex);
    auto st = m_db->prepare("SELECT version, body FROM content_updates ORDER BY version");
    std::vector<std::pair<int64_t, std::string>> out;
    while (st.step())
        out.emplace_back(st.columnInt64(0), st.columnText(1));
    return out;
}

} // namespace heard::storage
