// The embedded SQLite backend of heard-server. It uses the SQLCipher library without a key, which
// is plain SQLite (linking libsqlite3 as well would clash). One connection behind a mutex: the
// server's intake is small transactions, and SQLite serialises writers anyway.
//
// [SECTION] RAII helpers
// [SECTION] Schema
// [SECTION] SqliteServerStore
#include "base/json_reader.h"
#include "server/intake_rules.h"
#include "server/server_store.h"
#include "server/server_time.h"

#include <sqlite3.h>

#include <condition_variable>
#include <exception>
#include <mutex>

namespace heard::server {

namespace {

// [SECTION] RAII helpers ---------------------------------------------------------------------

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};

class Statement {
public:
    Statement(sqlite3* db, const char* sql) : m_db(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK)
            throw ServerStoreError(std::string("sqlite prepare failed: ") + sqlite3_errmsg(db));
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, const std::string& text) {
        check(sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
        return *this;
    }
    Statement& bind(int index, std::int64_t value) {
        check(sqlite3_bind_int64(m_stmt, index, value));
        return *this;
    }
    // True while a row is available.
    bool step() {
        int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw ServerStoreError(std::string("sqlite step failed: ") + sqlite3_errmsg(m_db) + " (code " +
                               std::to_string(sqlite3_extended_errcode(m_db)) + ")");
    }
    std::string text(int column) const {
        auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
        return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
                    : std::string();
    }
    std::int64_t integer(int column) const { return sqlite3_column_int64(m_stmt, column); }

private:
    void check(int rc) {
        if (rc != SQLITE_OK)
            throw ServerStoreError(std::string("sqlite bind failed: ") + sqlite3_errmsg(m_db));
    }
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

void execute(sqlite3* db, const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown";
        sqlite3_free(message);
        throw ServerStoreError("sqlite exec failed: " + text);
    }
}

// Rolls back unless committed; the destructor never throws.
class Transaction {
public:
    explicit Transaction(sqlite3* db) : m_db(db) { execute(db, "BEGIN IMMEDIATE"); }
    ~Transaction() {
        if (!m_done) sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void commit() {
        execute(m_db, "COMMIT");
        m_done = true;
    }

private:
    sqlite3* m_db;
    bool m_done = false;
};

// [SECTION] Schema ---------------------------------------------------------------------------

const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS practitioners(
  id TEXT PRIMARY KEY, display_name TEXT NOT NULL, password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS devices(
  id TEXT PRIMARY KEY, practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
  secret_hash TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0,
  command TEXT NOT NULL DEFAULT 'none', created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cases(
  case_id TEXT PRIMARY KEY, practitioner_id TEXT NOT NULL, allocation TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS allocation_events(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, practitioner_id TEXT NOT NULL, case_id TEXT NOT NULL,
  removal INTEGER NOT NULL, allocation TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS allocation_events_by_practitioner ON allocation_events(practitioner_id, seq);
CREATE TABLE IF NOT EXISTS removals_confirmed(
  device_id TEXT NOT NULL, case_id TEXT NOT NULL, confirmed_at TEXT NOT NULL,
  PRIMARY KEY(device_id, case_id));
CREATE TABLE IF NOT EXISTS content(version INTEGER PRIMARY KEY, files TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS received(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, item_type TEXT NOT NULL, item_id TEXT NOT NULL,
  version INTEGER NOT NULL, case_id TEXT NOT NULL, device_id TEXT NOT NULL,
  practitioner_id TEXT NOT NULL, chain_seq INTEGER NOT NULL, hash TEXT NOT NULL,
  body_digest TEXT NOT NULL, body TEXT NOT NULL, received_at TEXT NOT NULL,
  UNIQUE(item_type, item_id, version));
CREATE TABLE IF NOT EXISTS chain_tips(
  case_id TEXT NOT NULL, device_id TEXT NOT NULL, chain_seq INTEGER NOT NULL, hash TEXT NOT NULL,
  PRIMARY KEY(case_id, device_id));
CREATE TABLE IF NOT EXISTS conflicts(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, item_type TEXT NOT NULL, item_id TEXT NOT NULL,
  version INTEGER NOT NULL, device_id TEXT NOT NULL, body_digest TEXT NOT NULL,
  reason TEXT NOT NULL, received_at TEXT NOT NULL);
)sql";

// [SECTION] SqliteServerStore ----------------------------------------------------------------

class SqliteServerStore final : public ServerStore {
public:
    explicit SqliteServerStore(const std::string& path) {
        sqlite3* raw = nullptr;
        int rc = sqlite3_open_v2(path.c_str(), &raw,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
        m_db.reset(raw);
        if (rc != SQLITE_OK)
            throw ServerStoreError("cannot open server database: " +
                                   std::string(raw ? sqlite3_errmsg(raw) : "out of memory"));
        sqlite3_busy_timeout(m_db.get(), 10000);
        execute(m_db.get(), "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
        execute(m_db.get(), kSchema);
    }

    void createPractitioner(const Practitioner& p) override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(),
                    "INSERT INTO practitioners(id, display_name, password_hash, active) VALUES(?,?,?,?)");
        s.bind(1, p.id)
            .bind(2, p.displayName)
            .bind(3, p.passwordHash)
            .bind(4, std::int64_t(p.active ? 1 : 0));
        s.step();
    }

    std::optional<Practitioner> practitioner(const std::string& id) override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(),
                    "SELECT id, display_name, password_hash, active FROM practitioners WHERE id=?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return Practitioner{s.text(0), s.text(1), s.text(2), s.integer(3) != 0};
    }

    void createDevice(const Device& d) override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(), "INSERT INTO devices(id, practitioner_id, secret_hash, revoked, command, "
                                "created_at) VALUES(?,?,?,?,?,?)");
        s.bind(1, d.id)
            .bind(2, d.practitionerId)
            .bind(3, d.secretHash)
            .bind(4, std::int64_t(d.revoked ? 1 : 0))
            .bind(5, std::string(sync::deviceCommandName(d.command)))
            .bind(6, nowIsoUtc());
        s.step();
    }

    std::optional<Device> device(const std::string& id) override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(),
                    "SELECT id, practitioner_id, secret_hash, revoked, command FROM devices WHERE id=?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return Device{s.text(0), s.text(1), s.text(2), s.integer(3) != 0,
                      sync::deviceCommandFromString(s.text(4))};
    }

    bool revokeDevice(const std::string& id) override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(), "UPDATE devices SET revoked=1 WHERE id=?");
        s.bind(1, id);
        s.step();
        return sqlite3_changes(m_db.get()) > 0;
    }

    bool setDeviceCommand(const std::string& id, sync::DeviceCommand command) override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(), "UPDATE devices SET command=? WHERE id=?");
        s.bind(1, std::string(sync::deviceCommandName(command))).bind(2, id);
        s.step();
        return sqlite3_changes(m_db.get()) > 0;
    }

    void allocateCase(const sync::Allocation& allocation, const std::string& practitionerId) override {
        std::lock_guard lock(m_mutex);
        Transaction tx(m_db.get());
        std::string payload = sync::toJson(allocation).dump();
        std::optional<std::string> previous;
        {
            Statement s(m_db.get(), "SELECT practitioner_id FROM cases WHERE case_id=?");
            s.bind(1, allocation.caseId);
            if (s.step()) previous = s.text(0);
        }
        if (previous && *previous != practitionerId) addEvent(*previous, allocation.caseId, true, payload);
        {
            Statement s(m_db.get(),
                        "INSERT OR REPLACE INTO cases(case_id, practitioner_id, allocation) VALUES(?,?,?)");
            s.bind(1, allocation.caseId).bind(2, practitionerId).bind(3, payload);
            s.step();
        }
        addEvent(practitionerId, allocation.caseId, false, payload);
        tx.commit();
    }

    std::optional<std::string> caseOwner(const std::string& caseId) override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(), "SELECT practitioner_id FROM cases WHERE case_id=?");
        s.bind(1, caseId);
        if (!s.step()) return std::nullopt;
        return s.text(0);
    }

    bool wasAllocated(const std::string& practitionerId, const std::string& caseId) override {
        std::lock_guard lock(m_mutex);
        Statement s(
            m_db.get(),
            "SELECT 1 FROM allocation_events WHERE practitioner_id=? AND case_id=? AND removal=0 LIMIT 1");
        s.bind(1, practitionerId).bind(2, caseId);
        return s.step();
    }

    std::vector<sync::Allocation> allocationsFor(const std::string& practitionerId) override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(), "SELECT allocation FROM cases WHERE practitioner_id=? ORDER BY case_id");
        s.bind(1, practitionerId);
        std::vector<sync::Allocation> out;
        while (s.step())
            out.push_back(sync::allocationFromJson(base::readJson(s.text(0))));
        return out;
    }

    std::vector<AllocationEvent> allocationEventsSince(const std::string& practitionerId,
                                                       std::int64_t cursor) override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(), "SELECT seq, removal, allocation FROM allocation_events WHERE "
                                "practitioner_id=? AND seq>? ORDER BY seq LIMIT 1000");
        s.bind(1, practitionerId).bind(2, cursor);
        std::vector<AllocationEvent> out;
        while (s.step())
            out.push_back(AllocationEvent{s.integer(0), s.integer(1) != 0,
                                          sync::allocationFromJson(base::readJson(s.text(2)))});
        return out;
    }

    std::int64_t latestAllocationSeq() override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(), "SELECT COALESCE(MAX(seq), 0) FROM allocation_events");
        s.step();
        return s.integer(0);
    }

    void confirmRemoval(const std::string& deviceId, const std::string& caseId) override {
        std::lock_guard lock(m_mutex);
        Statement s(
            m_db.get(),
            "INSERT OR IGNORE INTO removals_confirmed(device_id, case_id, confirmed_at) VALUES(?,?,?)");
        s.bind(1, deviceId).bind(2, caseId).bind(3, nowIsoUtc());
        s.step();
    }

    std::vector<std::string> confirmedRemovals(const std::string& deviceId) override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(), "SELECT case_id FROM removals_confirmed WHERE device_id=? ORDER BY case_id");
        s.bind(1, deviceId);
        std::vector<std::string> out;
        while (s.step())
            out.push_back(s.text(0));
        return out;
    }

    void publishContent(const sync::ContentUpdate& content) override {
        std::lock_guard lock(m_mutex);
        Transaction tx(m_db.get());
        {
            Statement s(m_db.get(), "SELECT COALESCE(MAX(version), 0) FROM content");
            s.step();
            if (content.version <= s.integer(0))
                throw ServerStoreError("content version must be newer than the published one");
        }
        Statement s(m_db.get(), "INSERT INTO content(version, files) VALUES(?,?)");
        s.bind(1, content.version).bind(2, content.files.dump());
        s.step();
        tx.commit();
    }

    std::optional<sync::ContentUpdate> latestContent() override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(), "SELECT version, files FROM content ORDER BY version DESC LIMIT 1");
        if (!s.step()) return std::nullopt;
        return sync::ContentUpdate{s.integer(0), base::readJson(s.text(1))};
    }

    void setSetting(const std::string& key, const std::string& value) override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(), "INSERT OR REPLACE INTO settings(key, value) VALUES(?,?)");
        s.bind(1, key).bind(2, value);
        s.step();
    }

    std::optional<std::string> setting(const std::string& key) override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(), "SELECT value FROM settings WHERE key=?");
        s.bind(1, key);
        if (!s.step()) return std::nullopt;
        return s.text(0);
    }

    // Group commit: concurrent batches queue up; whichever request finds no commit running
    // becomes the leader, stores every queued batch in ONE transaction and wakes the others after
    // the commit. Each batch is still acknowledged only after a commit that includes it, but 50
    // devices syncing at once cost one fsync instead of 50.
    std::vector<IntakeOutcome> intakeBatch(const std::vector<IntakeEntry>& entries) override {
        PendingBatch mine{&entries, {}, nullptr, false};
        std::unique_lock queueLock(m_queueMutex);
        m_queue.push_back(&mine);
        while (!mine.done) {
            if (m_leaderActive) {
                m_queueDone.wait(queueLock);
                continue;
            }
            m_leaderActive = true;
            std::vector<PendingBatch*> group;
            group.swap(m_queue);
            queueLock.unlock();
            commitGroup(group);
            queueLock.lock();
            for (auto* batch : group)
                batch->done = true;
            m_leaderActive = false;
            m_queueDone.notify_all();
        }
        if (mine.error) std::rethrow_exception(mine.error);
        return std::move(mine.outcomes);
    }

    std::vector<ReceivedEntry> receivedSince(std::int64_t receivedSeq, std::size_t limit) override {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(),
                    "SELECT seq, item_type, item_id, version, case_id, device_id, practitioner_id, "
                    "received_at, body FROM received WHERE seq>? ORDER BY seq LIMIT ?");
        s.bind(1, receivedSeq).bind(2, static_cast<std::int64_t>(limit));
        std::vector<ReceivedEntry> out;
        while (s.step())
            out.push_back(ReceivedEntry{s.integer(0), s.text(1), s.text(2), s.integer(3), s.text(4),
                                        s.text(5), s.text(6), s.text(7), s.text(8)});
        return out;
    }

    std::size_t receivedCount() override { return count("SELECT COUNT(*) FROM received"); }
    std::size_t conflictCount() override { return count("SELECT COUNT(*) FROM conflicts"); }

private:
    struct PendingBatch {
        const std::vector<IntakeEntry>* entries;
        std::vector<IntakeOutcome> outcomes;
        std::exception_ptr error;
        bool done;
    };

    void commitGroup(const std::vector<PendingBatch*>& group) {
        try {
            std::lock_guard lock(m_mutex);
            Transaction tx(m_db.get());
            for (auto* batch : group) {
                batch->outcomes.clear();
                for (const auto& e : *batch->entries)
                    batch->outcomes.push_back(intakeOne(e));
            }
            tx.commit(); // acknowledgements are sent only after this returns
        } catch (...) {
            // Rolled back: no batch of the group was stored, each request reports the failure.
            for (auto* batch : group) {
                batch->outcomes.clear();
                batch->error = std::current_exception();
            }
        }
    }

    // One entry inside the group's transaction; the chain tip it reads includes earlier entries
    // of the same batch.
    IntakeOutcome intakeOne(const IntakeEntry& e) {
        std::optional<std::string> storedDigest;
        {
            Statement s(m_db.get(),
                        "SELECT body_digest FROM received WHERE item_type=? AND item_id=? AND version=?");
            s.bind(1, e.entry.itemType).bind(2, e.entry.itemId).bind(3, e.entry.version);
            if (s.step()) storedDigest = s.text(0);
        }
        ChainTip tip;
        if (e.chainSeq > 0) {
            Statement s(m_db.get(), "SELECT chain_seq, hash FROM chain_tips WHERE case_id=? AND device_id=?");
            s.bind(1, e.entry.caseId).bind(2, e.deviceId);
            if (s.step()) tip = ChainTip{s.integer(0), s.text(1)};
        }
        if (auto decided = decideIntake(e, storedDigest, tip)) {
            if (decided->status == sync::EntryStatus::Rejected) {
                Statement s(m_db.get(), "INSERT INTO conflicts(item_type, item_id, version, device_id, "
                                        "body_digest, reason, received_at) VALUES(?,?,?,?,?,?,?)");
                s.bind(1, e.entry.itemType)
                    .bind(2, e.entry.itemId)
                    .bind(3, e.entry.version)
                    .bind(4, e.deviceId)
                    .bind(5, e.bodyDigest)
                    .bind(6, decided->reason)
                    .bind(7, nowIsoUtc());
                s.step();
            }
            return *decided;
        }
        {
            Statement s(
                m_db.get(),
                "INSERT INTO received(item_type, item_id, version, case_id, device_id, practitioner_id, "
                "chain_seq, hash, body_digest, body, received_at) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
            s.bind(1, e.entry.itemType)
                .bind(2, e.entry.itemId)
                .bind(3, e.entry.version)
                .bind(4, e.entry.caseId)
                .bind(5, e.deviceId)
                .bind(6, e.practitionerId)
                .bind(7, e.chainSeq)
                .bind(8, e.hash)
                .bind(9, e.bodyDigest)
                .bind(10, e.entry.body)
                .bind(11, nowIsoUtc());
            s.step();
        }
        if (e.chainSeq > 0) {
            Statement s(
                m_db.get(),
                "INSERT OR REPLACE INTO chain_tips(case_id, device_id, chain_seq, hash) VALUES(?,?,?,?)");
            s.bind(1, e.entry.caseId).bind(2, e.deviceId).bind(3, e.chainSeq).bind(4, e.hash);
            s.step();
        }
        return IntakeOutcome{sync::EntryStatus::Stored, {}};
    }

    void addEvent(const std::string& practitionerId, const std::string& caseId, bool removal,
                  const std::string& payload) {
        Statement s(
            m_db.get(),
            "INSERT INTO allocation_events(practitioner_id, case_id, removal, allocation) VALUES(?,?,?,?)");
        s.bind(1, practitionerId).bind(2, caseId).bind(3, std::int64_t(removal ? 1 : 0)).bind(4, payload);
        s.step();
    }

    std::size_t count(const char* sql) {
        std::lock_guard lock(m_mutex);
        Statement s(m_db.get(), sql);
        s.step();
        return static_cast<std::size_t>(s.integer(0));
    }

    std::unique_ptr<sqlite3, DbCloser> m_db;
    std::mutex m_mutex;      // the connection
    std::mutex m_queueMutex; // the group-commit queue
    std::condition_variable m_queueDone;
    std::vector<PendingBatch*> m_queue;
    bool m_leaderActive = false;
};

} // namespace

std::unique_ptr<ServerStore> openSqliteServerStore(const std::string& path) {
    return std::make_unique<SqliteServerStore>(path);
}

} // namespace heard::server
