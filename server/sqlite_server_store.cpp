// The embedded SQLite backend of heard-server. It uses the SQLCipher library without a key, which
// is plain SQLite (linking libsqlite3 as well would clash). One connection behind a mutex: the
// server's intake is small transactions, and SQLite serialises writers anyway.
//
// The connection, statements and transactions are storage/database.h's RAII wrappers (one copy
// for the device store and the server); the schema is server/server_schema.h (one copy for both
// backends).
//
// [SECTION] SqliteServerStore
#include "base/iso_time.h"
#include "base/json_reader.h"
#include "server/intake_rules.h"
#include "server/server_store.h"
#include "server/server_schema.h"
#include "storage/database.h"
#include "storage/record_kinds.h"

#include <sqlite3.h>

#include <condition_variable>
#include <exception>
#include <mutex>

namespace heard::server {

namespace {

// Tables added for issue 17 (sign-in lockout, reallocation times), kept apart from kSchema.
const char* kHardeningSchema = R"sql(
CREATE TABLE IF NOT EXISTS auth_throttle(
  key TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_failure_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS case_removals(
  practitioner_id TEXT NOT NULL, case_id TEXT NOT NULL, removed_at TEXT NOT NULL,
  PRIMARY KEY(practitioner_id, case_id));
)sql";

// [SECTION] SqliteServerStore ----------------------------------------------------------------

class SqliteServerStore final : public ServerStore {
public:
    explicit SqliteServerStore(const std::string& path) {
        try {
            // Plain SQLite on the SQLCipher library (no key); WAL, synchronous=FULL, foreign keys.
            m_db = std::make_unique<storage::Database>(storage::Database::openPlain(path, /*create=*/true));
        } catch (const storage::StoreError& e) {
            throw ServerStoreError(std::string("cannot open server database: ") + e.what());
        }
        sqlite3_busy_timeout(m_db->handle(), 10000);
        m_db->exec(serverSchema(SqlDialect::Sqlite));
        m_db->exec(kHardeningSchema);
    }

    void createPractitioner(const Practitioner& p) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare(
            "INSERT INTO practitioners(id, display_name, password_hash, active) VALUES(?,?,?,?)");
        s.bind(1, p.id)
            .bind(2, p.displayName)
            .bind(3, p.passwordHash)
            .bind(4, std::int64_t(p.active ? 1 : 0));
        s.step();
    }

    std::optional<Practitioner> practitioner(const std::string& id) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s =
            m_db->prepare("SELECT id, display_name, password_hash, active FROM practitioners WHERE id=?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return Practitioner{s.columnText(0), s.columnText(1), s.columnText(2), s.columnInt64(3) != 0};
    }

    void createDevice(const Device& d) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s =
            m_db->prepare("INSERT INTO devices(id, practitioner_id, secret_hash, revoked, command, "
                          "created_at) VALUES(?,?,?,?,?,?)");
        s.bind(1, d.id)
            .bind(2, d.practitionerId)
            .bind(3, d.secretHash)
            .bind(4, std::int64_t(d.revoked ? 1 : 0))
            .bind(5, std::string(sync::deviceCommandName(d.command)))
            .bind(6, base::nowIsoUtc());
        s.step();
    }

    std::optional<Device> device(const std::string& id) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare(
            "SELECT id, practitioner_id, secret_hash, revoked, command FROM devices WHERE id=?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return Device{s.columnText(0), s.columnText(1), s.columnText(2), s.columnInt64(3) != 0,
                      sync::deviceCommandFromString(s.columnText(4))};
    }

    bool revokeDevice(const std::string& id) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare("UPDATE devices SET revoked=1 WHERE id=?");
        s.bind(1, id);
        s.step();
        return m_db->changes() > 0;
    }

    bool setDeviceCommand(const std::string& id, sync::DeviceCommand command) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare("UPDATE devices SET command=? WHERE id=?");
        s.bind(1, std::string(sync::deviceCommandName(command))).bind(2, id);
        s.step();
        return m_db->changes() > 0;
    }

    void allocateCase(const sync::Allocation& allocation, const std::string& practitionerId) override {
        std::lock_guard lock(m_mutex);
        storage::Transaction tx(*m_db);
        std::string payload = sync::toJson(allocation).dump();
        std::optional<std::string> previous;
        {
            storage::Statement s = m_db->prepare("SELECT practitioner_id FROM cases WHERE case_id=?");
            s.bind(1, allocation.caseId);
            if (s.step()) previous = s.columnText(0);
        }
        if (previous && *previous != practitionerId) {
            addEvent(*previous, allocation.caseId, true, payload);
            storage::Statement s = m_db->prepare(
                "INSERT OR REPLACE INTO case_removals(practitioner_id, case_id, removed_at) VALUES(?,?,?)");
            s.bind(1, *previous).bind(2, allocation.caseId).bind(3, base::nowIsoUtc());
            s.step();
        }
        {
            storage::Statement s = m_db->prepare(
                "INSERT OR REPLACE INTO cases(case_id, practitioner_id, allocation) VALUES(?,?,?)");
            s.bind(1, allocation.caseId).bind(2, practitionerId).bind(3, payload);
            s.step();
        }
        addEvent(practitionerId, allocation.caseId, false, payload);
        tx.commit();
    }

    std::optional<std::string> caseOwner(const std::string& caseId) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare("SELECT practitioner_id FROM cases WHERE case_id=?");
        s.bind(1, caseId);
        if (!s.step()) return std::nullopt;
        return s.columnText(0);
    }

    bool wasAllocated(const std::string& practitionerId, const std::string& caseId) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare(
            "SELECT 1 FROM allocation_events WHERE practitioner_id=? AND case_id=? AND removal=0 LIMIT 1");
        s.bind(1, practitionerId).bind(2, caseId);
        return s.step();
    }

    std::vector<sync::Allocation> allocationsFor(const std::string& practitionerId) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s =
            m_db->prepare("SELECT allocation FROM cases WHERE practitioner_id=? AND case_id NOT IN (SELECT "
                          "case_id FROM case_life WHERE closed_at <> '') ORDER BY case_id");
        s.bind(1, practitionerId);
        std::vector<sync::Allocation> out;
        while (s.step())
            out.push_back(sync::allocationFromJson(base::readJson(s.columnText(0))));
        return out;
    }

    std::vector<AllocationEvent> allocationEventsSince(const std::string& practitionerId,
                                                       std::int64_t cursor) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare("SELECT seq, removal, allocation FROM allocation_events WHERE "
                                             "practitioner_id=? AND seq>? ORDER BY seq LIMIT 1000");
        s.bind(1, practitionerId).bind(2, cursor);
        std::vector<AllocationEvent> out;
        while (s.step())
            out.push_back(AllocationEvent{s.columnInt64(0), s.columnInt64(1) != 0,
                                          sync::allocationFromJson(base::readJson(s.columnText(2)))});
        return out;
    }

    std::int64_t latestAllocationSeq() override {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare("SELECT COALESCE(MAX(seq), 0) FROM allocation_events");
        s.step();
        return s.columnInt64(0);
    }

    void confirmRemoval(const std::string& deviceId, const std::string& caseId) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare(
            "INSERT OR IGNORE INTO removals_confirmed(device_id, case_id, confirmed_at) VALUES(?,?,?)");
        s.bind(1, deviceId).bind(2, caseId).bind(3, base::nowIsoUtc());
        s.step();
    }

    std::vector<std::string> confirmedRemovals(const std::string& deviceId) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s =
            m_db->prepare("SELECT case_id FROM removals_confirmed WHERE device_id=? ORDER BY case_id");
        s.bind(1, deviceId);
        std::vector<std::string> out;
        while (s.step())
            out.push_back(s.columnText(0));
        return out;
    }

    void publishContent(const sync::ContentUpdate& content) override {
        std::lock_guard lock(m_mutex);
        storage::Transaction tx(*m_db);
        {
            storage::Statement s = m_db->prepare("SELECT COALESCE(MAX(version), 0) FROM content");
            s.step();
            if (content.version <= s.columnInt64(0))
                throw ServerStoreError("content version must be newer than the published one");
        }
        storage::Statement s = m_db->prepare("INSERT INTO content(version, files) VALUES(?,?)");
        s.bind(1, content.version).bind(2, content.files.dump());
        s.step();
        tx.commit();
    }

    std::optional<sync::ContentUpdate> latestContent() override {
        std::lock_guard lock(m_mutex);
        storage::Statement s =
            m_db->prepare("SELECT version, files FROM content ORDER BY version DESC LIMIT 1");
        if (!s.step()) return std::nullopt;
        return sync::ContentUpdate{s.columnInt64(0), base::readJson(s.columnText(1))};
    }

    void setSetting(const std::string& key, const std::string& value) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare("INSERT OR REPLACE INTO settings(key, value) VALUES(?,?)");
        s.bind(1, key).bind(2, value);
        s.step();
    }

    std::optional<std::string> setting(const std::string& key) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare("SELECT value FROM settings WHERE key=?");
        s.bind(1, key);
        if (!s.step()) return std::nullopt;
        return s.columnText(0);
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
        storage::Statement s =
            m_db->prepare("SELECT seq, item_type, item_id, version, case_id, device_id, practitioner_id, "
                          "received_at, body FROM received WHERE seq>? ORDER BY seq LIMIT ?");
        s.bind(1, receivedSeq).bind(2, static_cast<std::int64_t>(limit));
        std::vector<ReceivedEntry> out;
        while (s.step())
            out.push_back(ReceivedEntry{s.columnInt64(0), s.columnText(1), s.columnText(2), s.columnInt64(3),
                                        s.columnText(4), s.columnText(5), s.columnText(6), s.columnText(7),
                                        s.columnText(8)});
        return out;
    }

    std::size_t receivedCount() override { return count("SELECT COUNT(*) FROM received"); }
    std::size_t conflictCount() override { return count("SELECT COUNT(*) FROM conflicts"); }

    std::vector<SafetyAlertReceived> safetyAlerts(std::size_t limit) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare(
            "SELECT received_seq, item_id, version, case_id, device_id, practitioner_id, received_at, "
            "acknowledged_at, acknowledged_by FROM safety_alerts "
            "ORDER BY CASE WHEN acknowledged_at = '' THEN 0 ELSE 1 END, received_seq DESC LIMIT ?");
        s.bind(1, static_cast<std::int64_t>(limit));
        std::vector<SafetyAlertReceived> out;
        while (s.step())
            out.push_back({s.columnInt64(0), s.columnText(1), s.columnInt64(2), s.columnText(3),
                           s.columnText(4), s.columnText(5), s.columnText(6), s.columnText(7),
                           s.columnText(8)});
        return out;
    }

    bool acknowledgeSafetyAlert(const std::string& itemId, const std::string& by,
                                const std::string& at) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare("UPDATE safety_alerts SET acknowledged_at=?, acknowledged_by=? "
                                             "WHERE item_id=? AND acknowledged_at=''");
        s.bind(1, at).bind(2, by).bind(3, itemId);
        s.step();
        return m_db->changes() > 0;
    }

    // --- hardening (issue 17)
    AuthThrottle authThrottle(const std::string& key) override {
        std::lock_guard lock(m_mutex);
        return readThrottle(key);
    }

    AuthThrottle recordAuthFailure(const std::string& key, std::int64_t nowMs,
                                   std::int64_t staleAfterMs) override {
        std::lock_guard lock(m_mutex);
        storage::Transaction tx(
            *m_db); // BEGIN IMMEDIATE: the read and the write are one step for every process
        AuthThrottle state = readThrottle(key);
        state.failures =
            (state.failures > 0 && nowMs - state.lastFailureMs <= staleAfterMs) ? state.failures + 1 : 1;
        state.lastFailureMs = nowMs;
        storage::Statement s = m_db->prepare(
            "INSERT OR REPLACE INTO auth_throttle(key, failures, last_failure_ms) VALUES(?,?,?)");
        s.bind(1, key).bind(2, state.failures).bind(3, state.lastFailureMs);
        s.step();
        tx.commit();
        return state;
    }

    void clearAuthFailures(const std::string& key) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare("DELETE FROM auth_throttle WHERE key=?");
        s.bind(1, key);
        s.step();
    }

    std::size_t revokeOtherDevices(const std::string& practitionerId,
                                   const std::string& keepDeviceId) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s =
            m_db->prepare("UPDATE devices SET revoked=1 WHERE practitioner_id=? AND id<>? AND revoked=0");
        s.bind(1, practitionerId).bind(2, keepDeviceId);
        s.step();
        return static_cast<std::size_t>(sqlite3_changes(m_db->handle()));
    }

    std::optional<std::string> reallocatedAwayAt(const std::string& practitionerId,
                                                 const std::string& caseId) override {
        std::lock_guard lock(m_mutex);
        storage::Statement s =
            m_db->prepare("SELECT removed_at FROM case_removals WHERE practitioner_id=? AND case_id=?");
        s.bind(1, practitionerId).bind(2, caseId);
        if (!s.step()) return std::nullopt;
        return s.columnText(0);
    }

    void transact(const std::function<void(SqlSession&)>& work) override {
        std::lock_guard lock(m_mutex);
        storage::Transaction tx(*m_db);
        Session session(m_db->handle());
        work(session);
        tx.commit();
    }

private:
    // The generic SQL of ServerStore::transact on the raw connection (Statement hides the column
    // count, which a generic row reader needs).
    class Session final : public SqlSession {
    public:
        explicit Session(sqlite3* db) : m_db(db) {}
        std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params) override {
            auto stmt = prepare(sql, params);
            std::vector<SqlRow> rows;
            const int columns = sqlite3_column_count(stmt.get());
            for (;;) {
                int rc = sqlite3_step(stmt.get());
                if (rc == SQLITE_DONE) break;
                if (rc != SQLITE_ROW) storage::Database::raise(m_db, rc, "console query");
                SqlRow row;
                for (int c = 0; c < columns; ++c) {
                    const unsigned char* text = sqlite3_column_text(stmt.get(), c);
                    row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
                }
                rows.push_back(std::move(row));
            }
            return rows;
        }
        std::int64_t exec(const std::string& sql, const std::vector<SqlValue>& params) override {
            auto stmt = prepare(sql, params);
            int rc;
            while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
            }
            if (rc != SQLITE_DONE) storage::Database::raise(m_db, rc, "console statement");
            return sqlite3_changes(m_db);
        }

    private:
        struct Finalize {
            void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
        };
        std::unique_ptr<sqlite3_stmt, Finalize> prepare(const std::string& sql,
                                                        const std::vector<SqlValue>& params) {
            sqlite3_stmt* raw = nullptr;
            int rc = sqlite3_prepare_v2(m_db, sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr);
            std::unique_ptr<sqlite3_stmt, Finalize> stmt(raw);
            if (rc != SQLITE_OK) storage::Database::raise(m_db, rc, "console prepare");
            for (std::size_t i = 0; i < params.size(); ++i) {
                const int index = static_cast<int>(i) + 1;
                if (const auto* text = std::get_if<std::string>(&params[i]))
                    rc = sqlite3_bind_text(stmt.get(), index, text->data(), static_cast<int>(text->size()),
                                           SQLITE_TRANSIENT);
                else
                    rc = sqlite3_bind_int64(stmt.get(), index, std::get<std::int64_t>(params[i]));
                if (rc != SQLITE_OK) storage::Database::raise(m_db, rc, "console bind");
            }
            return stmt;
        }
        sqlite3* m_db;
    };

    struct PendingBatch {
        const std::vector<IntakeEntry>* entries;
        std::vector<IntakeOutcome> outcomes;
        std::exception_ptr error;
        bool done;
    };

    void commitGroup(const std::vector<PendingBatch*>& group) {
        try {
            std::lock_guard lock(m_mutex);
            storage::Transaction tx(*m_db);
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
            storage::Statement s = m_db->prepare(
                "SELECT body_digest FROM received WHERE item_type=? AND item_id=? AND version=?");
            s.bind(1, e.entry.itemType).bind(2, e.entry.itemId).bind(3, e.entry.version);
            if (s.step()) storedDigest = s.columnText(0);
        }
        ChainTip tip;
        if (e.chainSeq > 0) {
            storage::Statement s = m_db->prepare(std::string("SELECT chain_seq, hash FROM ") +
                                                 e.chainTipTable() + " WHERE case_id=? AND device_id=?");
            s.bind(1, e.entry.caseId).bind(2, e.deviceId);
            if (s.step()) tip = ChainTip{s.columnInt64(0), s.columnText(1)};
        }
        if (auto decided = decideIntake(e, storedDigest, tip)) {
            if (decided->status == sync::EntryStatus::Rejected) {
                storage::Statement s =
                    m_db->prepare("INSERT INTO conflicts(item_type, item_id, version, device_id, "
                                  "body_digest, reason, received_at) VALUES(?,?,?,?,?,?,?)");
                s.bind(1, e.entry.itemType)
                    .bind(2, e.entry.itemId)
                    .bind(3, e.entry.version)
                    .bind(4, e.deviceId)
                    .bind(5, e.bodyDigest)
                    .bind(6, decided->reason)
                    .bind(7, base::nowIsoUtc());
                s.step();
            }
            return *decided;
        }
        {
            storage::Statement s = m_db->prepare(
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
                .bind(11, base::nowIsoUtc());
            s.step();
        }
        if (e.kind == storage::kinds::kSafetyAlert) {
            // Told apart from other records at intake, in the same transaction (issue 14).
            storage::Statement s = m_db->prepare(
                "INSERT INTO safety_alerts(item_id, version, received_seq, case_id, device_id, "
                "practitioner_id, "
                "received_at) SELECT item_id, version, seq, case_id, device_id, practitioner_id, received_at "
                "FROM received WHERE item_type=? AND item_id=? AND version=?");
            s.bind(1, e.entry.itemType).bind(2, e.entry.itemId).bind(3, e.entry.version);
            s.step();
        }
        if (e.chainSeq > 0) {
            storage::Statement s = m_db->prepare(std::string("INSERT OR REPLACE INTO ") + e.chainTipTable() +
                                                 "(case_id, device_id, chain_seq, hash) VALUES(?,?,?,?)");
            s.bind(1, e.entry.caseId).bind(2, e.deviceId).bind(3, e.chainSeq).bind(4, e.hash);
            s.step();
        }
        return IntakeOutcome{sync::EntryStatus::Stored, {}};
    }

    AuthThrottle readThrottle(const std::string& key) {
        storage::Statement s =
            m_db->prepare("SELECT failures, last_failure_ms FROM auth_throttle WHERE key=?");
        s.bind(1, key);
        if (!s.step()) return {};
        return AuthThrottle{s.columnInt64(0), s.columnInt64(1)};
    }

    void takeCaseFromHolder(const std::string& caseId) override {
        std::lock_guard lock(m_mutex);
        storage::Transaction tx(*m_db);
        storage::Statement s = m_db->prepare("SELECT practitioner_id, allocation FROM cases WHERE case_id=?");
        s.bind(1, caseId);
        if (!s.step()) throw ServerStoreError("no such case: " + caseId);
        addEvent(s.columnText(0), caseId, true, s.columnText(1));
        tx.commit();
    }

    void addEvent(const std::string& practitionerId, const std::string& caseId, bool removal,
                  const std::string& payload) {
        storage::Statement s = m_db->prepare(
            "INSERT INTO allocation_events(practitioner_id, case_id, removal, allocation) VALUES(?,?,?,?)");
        s.bind(1, practitionerId).bind(2, caseId).bind(3, std::int64_t(removal ? 1 : 0)).bind(4, payload);
        s.step();
    }

    std::size_t count(const char* sql) {
        std::lock_guard lock(m_mutex);
        storage::Statement s = m_db->prepare(sql);
        s.step();
        return static_cast<std::size_t>(s.columnInt64(0));
    }

    std::unique_ptr<storage::Database> m_db;
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
