// The PostgreSQL backend of heard-server (libpqxx 6.4+/7). Several heard-server instances may
// share one database, so correctness never relies on a process-local mutex:
//   - intake takes a transaction-scoped advisory lock on the entry's chain (case + device) or, for
//     unchained entries, on its identity; the (type, id, version) unique constraint is the last word;
//   - allocation events are written under an EXCLUSIVE table lock so their sequence numbers commit
//     in order and a pull cursor can never skip one;
//   - schema creation is serialised with an advisory lock, so instances may start together.
// Each request thread borrows a connection from a small pool (a pqxx::connection is not
// thread-safe).
#include "server/server_store.h"

#ifndef HEARD_HAVE_PQXX
namespace heard::server {
std::unique_ptr<ServerStore> openPostgresServerStore(const std::string&) {
    throw ServerStoreError("heard-server was built without PostgreSQL support (libpqxx not found)");
}
} // namespace heard::server
#else

#include "base/iso_time.h"
#include "base/json_reader.h"
#include "server/intake_rules.h"
#include "server/server_schema.h"
#include "storage/record_kinds.h"

#include <pqxx/pqxx>

#include <condition_variable>
#include <mutex>
#include <set>

namespace heard::server {

namespace {

// Tables added for issue 17 (sign-in lockout, reallocation times), kept apart from kSchema.
const char* kHardeningSchema = R"sql(
CREATE TABLE IF NOT EXISTS auth_throttle(
  key TEXT PRIMARY KEY, failures BIGINT NOT NULL, last_failure_ms BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS case_removals(
  practitioner_id TEXT NOT NULL, case_id TEXT NOT NULL, removed_at TEXT NOT NULL,
  PRIMARY KEY(practitioner_id, case_id));
)sql";

constexpr long kSchemaLockKey = 0x4865617264; // "Heard"

class ConnectionPool {
public:
    ConnectionPool(std::string connectionString, std::size_t maxSize)
        : m_connectionString(std::move(connectionString)), m_maxSize(maxSize) {}

    class Lease {
    public:
        Lease(ConnectionPool& pool, std::unique_ptr<pqxx::connection> connection)
            : m_pool(pool), m_connection(std::move(connection)) {}
        ~Lease() { m_pool.giveBack(std::move(m_connection)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        pqxx::connection& operator*() { return *m_connection; }

    private:
        ConnectionPool& m_pool;
        std::unique_ptr<pqxx::connection> m_connection;
    };

    Lease borrow() {
        std::unique_lock lock(m_mutex);
        m_available.wait(lock, [this] { return !m_idle.empty() || m_open < m_maxSize; });
        if (!m_idle.empty()) {
            auto connection = std::move(m_idle.back());
            m_idle.pop_back();
            return Lease(*this, std::move(connection));
        }
        ++m_open;
        lock.unlock();
        try {
            return Lease(*this, std::make_unique<pqxx::connection>(m_connectionString));
        } catch (...) {
            std::lock_guard relock(m_mutex);
            --m_open;
            m_available.notify_one();
            throw;
        }
    }

private:
    void giveBack(std::unique_ptr<pqxx::connection> connection) {
        std::lock_guard lock(m_mutex);
        if (connection && connection->is_open())
            m_idle.push_back(std::move(connection));
        else
            --m_open; // broken: a fresh one is opened next time
        m_available.notify_one();
    }

    std::string m_connectionString;
    std::size_t m_maxSize;
    std::mutex m_mutex;
    std::condition_variable m_available;
    std::vector<std::unique_ptr<pqxx::connection>> m_idle;
    std::size_t m_open = 0;
};

std::string text(const pqxx::field& f) {
    return f.is_null() ? std::string() : f.as<std::string>();
}
std::int64_t integer(const pqxx::field& f) {
    return f.is_null() ? 0 : f.as<std::int64_t>();
}

class PostgresServerStore final : public ServerStore {
public:
    explicit PostgresServerStore(const std::string& connectionString) : m_pool(connectionString, 16) {
        try {
            auto lease = m_pool.borrow();
            pqxx::work tx(*lease);
            tx.exec_params("SELECT pg_advisory_xact_lock($1)", kSchemaLockKey);
            tx.exec(serverSchema(SqlDialect::Postgres));
            tx.exec(kHardeningSchema);
            tx.commit();
        } catch (const std::exception& e) {
            throw ServerStoreError(std::string("cannot open the PostgreSQL server database: ") + e.what());
        }
    }

    void createPractitioner(const Practitioner& p) override {
        write([&](pqxx::work& tx) {
            tx.exec_params(
                "INSERT INTO practitioners(id, display_name, password_hash, active) VALUES($1,$2,$3,$4)",
                p.id, p.displayName, p.passwordHash, p.active ? 1 : 0);
        });
    }

    std::optional<Practitioner> practitioner(const std::string& id) override {
        auto r = read("SELECT id, display_name, password_hash, active FROM practitioners WHERE id=$1", id);
        if (r.empty()) return std::nullopt;
        return Practitioner{text(r[0][0]), text(r[0][1]), text(r[0][2]), integer(r[0][3]) != 0};
    }

    void createDevice(const Device& d) override {
        write([&](pqxx::work& tx) {
            tx.exec_params("INSERT INTO devices(id, practitioner_id, secret_hash, revoked, command, "
                           "created_at) VALUES($1,$2,$3,$4,$5,$6)",
                           d.id, d.practitionerId, d.secretHash, d.revoked ? 1 : 0,
                           std::string(sync::deviceCommandName(d.command)), base::nowIsoUtc());
        });
    }

    std::optional<Device> device(const std::string& id) override {
        auto r =
            read("SELECT id, practitioner_id, secret_hash, revoked, command FROM devices WHERE id=$1", id);
        if (r.empty()) return std::nullopt;
        return Device{text(r[0][0]), text(r[0][1]), text(r[0][2]), integer(r[0][3]) != 0,
                      sync::deviceCommandFromString(text(r[0][4]))};
    }

    bool revokeDevice(const std::string& id) override {
        std::size_t changed = 0;
        write([&](pqxx::work& tx) {
            changed = tx.exec_params("UPDATE devices SET revoked=1 WHERE id=$1", id).affected_rows();
        });
        return changed > 0;
    }

    bool setDeviceCommand(const std::string& id, sync::DeviceCommand command) override {
        std::size_t changed = 0;
        write([&](pqxx::work& tx) {
            changed = tx.exec_params("UPDATE devices SET command=$1 WHERE id=$2",
                                     std::string(sync::deviceCommandName(command)), id)
                          .affected_rows();
        });
        return changed > 0;
    }

    void allocateCase(const sync::Allocation& allocation, const std::string& practitionerId) override {
        std::string payload = sync::toJson(allocation).dump();
        write([&](pqxx::work& tx) {
            tx.exec("LOCK TABLE allocation_events IN EXCLUSIVE MODE");
            auto previous = tx.exec_params("SELECT practitioner_id FROM cases WHERE case_id=$1 FOR UPDATE",
                                           allocation.caseId);
            if (!previous.empty() && text(previous[0][0]) != practitionerId) {
                tx.exec_params("INSERT INTO allocation_events(practitioner_id, case_id, removal, allocation) "
                               "VALUES($1,$2,1,$3)",
                               text(previous[0][0]), allocation.caseId, payload);
                tx.exec_params(
                    "INSERT INTO case_removals(practitioner_id, case_id, removed_at) VALUES($1,$2,$3) "
                    "ON CONFLICT (practitioner_id, case_id) DO UPDATE SET removed_at=EXCLUDED.removed_at",
                    text(previous[0][0]), allocation.caseId, base::nowIsoUtc());
            }
            tx.exec_params("INSERT INTO cases(case_id, practitioner_id, allocation) VALUES($1,$2,$3) "
                           "ON CONFLICT (case_id) DO UPDATE SET practitioner_id=EXCLUDED.practitioner_id, "
                           "allocation=EXCLUDED.allocation",
                           allocation.caseId, practitionerId, payload);
            tx.exec_params("INSERT INTO allocation_events(practitioner_id, case_id, removal, allocation) "
                           "VALUES($1,$2,0,$3)",
                           practitionerId, allocation.caseId, payload);
        });
    }

    void takeCaseFromHolder(const std::string& caseId) override {
        write([&](pqxx::work& tx) {
            tx.exec("LOCK TABLE allocation_events IN EXCLUSIVE MODE"); // sequence numbers commit in order
            auto row =
                tx.exec_params("SELECT practitioner_id, allocation FROM cases WHERE case_id=$1", caseId);
            if (row.empty()) throw ServerStoreError("no such case: " + caseId);
            tx.exec_params("INSERT INTO allocation_events(practitioner_id, case_id, removal, allocation) "
                           "VALUES($1,$2,1,$3)",
                           text(row[0][0]), caseId, text(row[0][1]));
        });
    }

    std::optional<std::string> caseOwner(const std::string& caseId) override {
        auto r = read("SELECT practitioner_id FROM cases WHERE case_id=$1", caseId);
        if (r.empty()) return std::nullopt;
        return text(r[0][0]);
    }

    bool wasAllocated(const std::string& practitionerId, const std::string& caseId) override {
        return !read("SELECT 1 FROM allocation_events WHERE practitioner_id=$1 AND case_id=$2 AND removal=0 "
                     "LIMIT 1",
                     practitionerId, caseId)
                    .empty();
    }

    std::vector<sync::Allocation> allocationsFor(const std::string& practitionerId) override {
        std::vector<sync::Allocation> out;
        for (const auto& row : read("SELECT allocation FROM cases WHERE practitioner_id=$1 AND case_id NOT "
                                    "IN (SELECT case_id FROM "
                                    "case_life WHERE closed_at <> '') ORDER BY case_id",
                                    practitionerId))
            out.push_back(sync::allocationFromJson(base::readJson(text(row[0]))));
        return out;
    }

    std::vector<AllocationEvent> allocationEventsSince(const std::string& practitionerId,
                                                       std::int64_t cursor) override {
        std::vector<AllocationEvent> out;
        for (const auto& row : read(
                 "SELECT seq, removal, allocation FROM allocation_events WHERE practitioner_id=$1 AND seq>$2 "
                 "ORDER BY seq LIMIT 1000",
                 practitionerId, cursor))
            out.push_back(AllocationEvent{integer(row[0]), integer(row[1]) != 0,
                                          sync::allocationFromJson(base::readJson(text(row[2])))});
        return out;
    }

    std::int64_t latestAllocationSeq() override {
        return integer(read("SELECT COALESCE(MAX(seq), 0) FROM allocation_events")[0][0]);
    }

    void confirmRemoval(const std::string& deviceId, const std::string& caseId) override {
        write([&](pqxx::work& tx) {
            tx.exec_params("INSERT INTO removals_confirmed(device_id, case_id, confirmed_at) "
                           "VALUES($1,$2,$3) ON CONFLICT DO NOTHING",
                           deviceId, caseId, base::nowIsoUtc());
        });
    }

    std::vector<std::string> confirmedRemovals(const std::string& deviceId) override {
        std::vector<std::string> out;
        for (const auto& row :
             read("SELECT case_id FROM removals_confirmed WHERE device_id=$1 ORDER BY case_id", deviceId))
            out.push_back(text(row[0]));
        return out;
    }

    void publishContent(const sync::ContentUpdate& content) override {
        write([&](pqxx::work& tx) {
            tx.exec("LOCK TABLE content IN EXCLUSIVE MODE");
            auto latest = integer(tx.exec("SELECT COALESCE(MAX(version), 0) FROM content")[0][0]);
            if (content.version <= latest)
                throw ServerStoreError("content version must be newer than the published one");
            tx.exec_params("INSERT INTO content(version, files) VALUES($1,$2)", content.version,
                           content.files.dump());
        });
    }

    std::optional<sync::ContentUpdate> latestContent() override {
        auto r = read("SELECT version, files FROM content ORDER BY version DESC LIMIT 1");
        if (r.empty()) return std::nullopt;
        return sync::ContentUpdate{integer(r[0][0]), base::readJson(text(r[0][1]))};
    }

    void setSetting(const std::string& key, const std::string& value) override {
        write([&](pqxx::work& tx) {
            tx.exec_params("INSERT INTO settings(key, value) VALUES($1,$2) ON CONFLICT (key) DO UPDATE SET "
                           "value=EXCLUDED.value",
                           key, value);
        });
    }

    std::optional<std::string> setting(const std::string& key) override {
        auto r = read("SELECT value FROM settings WHERE key=$1", key);
        if (r.empty()) return std::nullopt;
        return text(r[0][0]);
    }

    std::vector<IntakeOutcome> intakeBatch(const std::vector<IntakeEntry>& entries) override {
        std::vector<IntakeOutcome> outcomes;
        write([&](pqxx::work& tx) {
            outcomes.clear(); // a retried transaction starts again
            // Serialise everything touching these chains (or entries, if unchained) across
            // instances. Locks are taken in sorted order so two batches can never deadlock.
            std::set<std::string> lockKeys;
            for (const auto& e : entries)
                lockKeys.insert(e.chainSeq > 0 ? "chain/" + e.entry.caseId + "/" + e.deviceId + "/" + e.chain
                                               : "item/" + e.entry.itemType + "/" + e.entry.itemId);
            for (const auto& key : lockKeys)
                tx.exec_params("SELECT pg_advisory_xact_lock(hashtext($1))", key);
            for (const auto& e : entries)
                outcomes.push_back(intakeOne(tx, e));
        }); // write() commits before returning: acknowledgements follow the commit
        return outcomes;
    }

    std::vector<ReceivedEntry> receivedSince(std::int64_t receivedSeq, std::size_t limit) override {
        std::vector<ReceivedEntry> out;
        for (const auto& row : read("SELECT seq, item_type, item_id, version, case_id, device_id, "
                                    "practitioner_id, received_at, body "
                                    "FROM received WHERE seq>$1 ORDER BY seq LIMIT $2",
                                    receivedSeq, static_cast<std::int64_t>(limit)))
            out.push_back(ReceivedEntry{integer(row[0]), text(row[1]), text(row[2]), integer(row[3]),
                                        text(row[4]), text(row[5]), text(row[6]), text(row[7]),
                                        text(row[8])});
        return out;
    }

    std::size_t receivedCount() override {
        return static_cast<std::size_t>(integer(read("SELECT COUNT(*) FROM received")[0][0]));
    }
    std::size_t conflictCount() override {
        return static_cast<std::size_t>(integer(read("SELECT COUNT(*) FROM conflicts")[0][0]));
    }

    std::vector<SafetyAlertReceived> safetyAlerts(std::size_t limit) override {
        std::vector<SafetyAlertReceived> out;
        for (const auto& row :
             read("SELECT received_seq, item_id, version, case_id, device_id, practitioner_id, received_at, "
                  "acknowledged_at, acknowledged_by FROM safety_alerts "
                  "ORDER BY CASE WHEN acknowledged_at = '' THEN 0 ELSE 1 END, received_seq DESC LIMIT $1",
                  static_cast<std::int64_t>(limit)))
            out.push_back({integer(row[0]), text(row[1]), integer(row[2]), text(row[3]), text(row[4]),
                           text(row[5]), text(row[6]), text(row[7]), text(row[8])});
        return out;
    }

    bool acknowledgeSafetyAlert(const std::string& itemId, const std::string& by,
                                const std::string& at) override {
        bool changed = false;
        write([&](pqxx::work& tx) {
            changed = tx.exec_params("UPDATE safety_alerts SET acknowledged_at=$1, acknowledged_by=$2 "
                                     "WHERE item_id=$3 AND acknowledged_at=''",
                                     at, by, itemId)
                          .affected_rows() > 0;
        });
        return changed;
    }

    // --- hardening (issue 17)
    AuthThrottle authThrottle(const std::string& key) override {
        auto r = read("SELECT failures, last_failure_ms FROM auth_throttle WHERE key=$1", key);
        if (r.empty()) return {};
        return AuthThrottle{integer(r[0][0]), integer(r[0][1])};
    }

    AuthThrottle recordAuthFailure(const std::string& key, std::int64_t nowMs,
                                   std::int64_t staleAfterMs) override {
        AuthThrottle state;
        write([&](pqxx::work& tx) {
            // One statement: concurrent failures on several instances each count.
            auto r =
                tx.exec_params("INSERT INTO auth_throttle(key, failures, last_failure_ms) VALUES($1, 1, $2) "
                               "ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN $2 - "
                               "auth_throttle.last_failure_ms > $3 "
                               "THEN 1 ELSE auth_throttle.failures + 1 END, last_failure_ms = $2 "
                               "RETURNING failures, last_failure_ms",
                               key, nowMs, staleAfterMs);
            state = AuthThrottle{integer(r[0][0]), integer(r[0][1])};
        });
        return state;
    }

    void clearAuthFailures(const std::string& key) override {
        write([&](pqxx::work& tx) { tx.exec_params("DELETE FROM auth_throttle WHERE key=$1", key); });
    }

    std::size_t revokeOtherDevices(const std::string& practitionerId,
                                   const std::string& keepDeviceId) override {
        std::size_t changed = 0;
        write([&](pqxx::work& tx) {
            changed = tx.exec_params(
                            "UPDATE devices SET revoked=1 WHERE practitioner_id=$1 AND id<>$2 AND revoked=0",
                            practitionerId, keepDeviceId)
                          .affected_rows();
        });
        return changed;
    }

    std::optional<std::string> reallocatedAwayAt(const std::string& practitionerId,
                                                 const std::string& caseId) override {
        auto r = read("SELECT removed_at FROM case_removals WHERE practitioner_id=$1 AND case_id=$2",
                      practitionerId, caseId);
        if (r.empty()) return std::nullopt;
        return text(r[0][0]);
    }

    void transact(const std::function<void(SqlSession&)>& work) override {
        write([&](pqxx::work& tx) {
            Session session(tx);
            work(session);
        });
    }

private:
    // The generic SQL of ServerStore::transact: `?` becomes $1, $2, ...; every parameter goes as
    // text and PostgreSQL infers its type from where it stands.
    class Session final : public SqlSession {
    public:
        explicit Session(pqxx::work& tx) : m_tx(tx) {}
        std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params) override {
            pqxx::result r = run(sql, params);
            std::vector<SqlRow> rows;
            rows.reserve(r.size());
            for (const auto& row : r) {
                SqlRow out;
                out.reserve(row.size());
                for (const auto& field : row)
                    out.push_back(text(field));
                rows.push_back(std::move(out));
            }
            return rows;
        }
        std::int64_t exec(const std::string& sql, const std::vector<SqlValue>& params) override {
            return static_cast<std::int64_t>(run(sql, params).affected_rows());
        }

    private:
        pqxx::result run(const std::string& sql, const std::vector<SqlValue>& params) {
            std::string numbered;
            int n = 0;
            for (char c : sql)
                if (c == '?')
                    numbered += "$" + std::to_string(++n);
                else
                    numbered += c;
            std::vector<std::string> values;
            for (const auto& p : params)
                values.push_back(std::holds_alternative<std::string>(p)
                                     ? std::get<std::string>(p)
                                     : std::to_string(std::get<std::int64_t>(p)));
            return m_tx.exec_params(numbered, pqxx::prepare::make_dynamic_params(values));
        }
        pqxx::work& m_tx;
    };

    IntakeOutcome intakeOne(pqxx::work& tx, const IntakeEntry& e) {
        std::optional<std::string> storedDigest;
        auto existing = tx.exec_params(
            "SELECT body_digest FROM received WHERE item_type=$1 AND item_id=$2 AND version=$3",
            e.entry.itemType, e.entry.itemId, e.entry.version);
        if (!existing.empty()) storedDigest = text(existing[0][0]);
        ChainTip tip;
        if (e.chainSeq > 0) {
            auto t = tx.exec_params(std::string("SELECT chain_seq, hash FROM ") + e.chainTipTable() +
                                        " WHERE case_id=$1 AND device_id=$2",
                                    e.entry.caseId, e.deviceId);
            if (!t.empty()) tip = ChainTip{integer(t[0][0]), text(t[0][1])};
        }
        if (auto decided = decideIntake(e, storedDigest, tip)) {
            if (decided->status == sync::EntryStatus::Rejected) flagConflict(tx, e, decided->reason);
            return *decided;
        }
        // ON CONFLICT guards against the same id arriving under another lock key (a different
        // case claimed for it): the unique constraint decides, the digest says which outcome.
        auto inserted = tx.exec_params(
            "INSERT INTO received(item_type, item_id, version, case_id, device_id, "
            "practitioner_id, chain_seq, hash, body_digest, body, received_at) "
            "VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (item_type, item_id, "
            "version) DO NOTHING RETURNING seq",
            e.entry.itemType, e.entry.itemId, e.entry.version, e.entry.caseId, e.deviceId, e.practitionerId,
            e.chainSeq, e.hash, e.bodyDigest, e.entry.body, base::nowIsoUtc());
        if (inserted.empty()) {
            auto again = tx.exec_params(
                "SELECT body_digest FROM received WHERE item_type=$1 AND item_id=$2 AND version=$3",
                e.entry.itemType, e.entry.itemId, e.entry.version);
            if (!again.empty() && text(again[0][0]) == e.bodyDigest)
                return IntakeOutcome{sync::EntryStatus::Duplicate, {}};
            flagConflict(tx, e, "conflict");
            return IntakeOutcome{sync::EntryStatus::Rejected, "conflict"};
        }
        if (e.kind == storage::kinds::kSafetyAlert)
            // Told apart from other records at intake, in the same transaction (issue 14).
            tx.exec_params("INSERT INTO safety_alerts(item_id, version, received_seq, case_id, device_id, "
                           "practitioner_id, received_at) SELECT item_id, version, seq, case_id, device_id, "
                           "practitioner_id, received_at FROM received WHERE seq=$1",
                           integer(inserted[0][0]));
        if (e.chainSeq > 0)
            tx.exec_params(std::string("INSERT INTO ") + e.chainTipTable() +
                               "(case_id, device_id, chain_seq, hash) VALUES($1,$2,$3,$4) "
                               "ON CONFLICT (case_id, device_id) DO UPDATE SET chain_seq=EXCLUDED.chain_seq, "
                               "hash=EXCLUDED.hash",
                           e.entry.caseId, e.deviceId, e.chainSeq, e.hash);
        return IntakeOutcome{sync::EntryStatus::Stored, {}};
    }

    void flagConflict(pqxx::work& tx, const IntakeEntry& e, const std::string& reason) {
        tx.exec_params(
            "INSERT INTO conflicts(item_type, item_id, version, device_id, body_digest, reason, received_at) "
            "VALUES($1,$2,$3,$4,$5,$6,$7)",
            e.entry.itemType, e.entry.itemId, e.entry.version, e.deviceId, e.bodyDigest, reason,
            base::nowIsoUtc());
    }

    template <typename... Args> pqxx::result read(const char* sql, Args&&... args) {
        try {
            auto lease = m_pool.borrow();
            pqxx::read_transaction tx(*lease);
            return tx.exec_params(sql, std::forward<Args>(args)...);
        } catch (const pqxx::failure& e) {
            throw ServerStoreError(std::string("PostgreSQL: ") + e.what());
        }
    }

    // Runs body in a transaction and commits; retries a few times on serialisation failures or
    // deadlocks (the transaction is rolled back first, so a retry is clean).
    template <typename Body> void write(Body&& body) {
        for (int attempt = 0;; ++attempt) {
            try {
                auto lease = m_pool.borrow();
                pqxx::work tx(*lease);
                body(tx);
                tx.commit();
                return;
            } catch (const pqxx::transaction_rollback&) {
                if (attempt >= 4)
                    throw ServerStoreError("PostgreSQL: transaction kept conflicting; try again");
            } catch (const pqxx::unique_violation& e) {
                throw ServerStoreError(std::string("PostgreSQL: already exists: ") + e.what());
            } catch (const pqxx::failure& e) {
                throw ServerStoreError(std::string("PostgreSQL: ") + e.what());
            }
        }
    }

    ConnectionPool m_pool;
};

} // namespace

std::unique_ptr<ServerStore> openPostgresServerStore(const std::string& connectionString) {
    return std::make_unique<PostgresServerStore>(connectionString);
}

} // namespace heard::server
#endif
