// store.integrity: (c) signed rows, the audit log and unacknowledged outbox items cannot be
// changed even with raw SQL; (d) tamper detection finds edits made by someone who removed the triggers.
#include "store_test_support.h"

#include "storage/chain.h"
#include "storage/database.h"

#include <sqlite3.h>

using namespace heard::storage;
using namespace heard::storage::test;

namespace {

struct Signed {
    TempDir tmp;
    std::unique_ptr<Store> store;
    Record visit, addendum;
    Signed() {
        store = createStore(tmp.dataDir());
        addCaseload(*store);
        visit = store->sign(store->createDraft(visitFor()).id, "Pat Example");
        addendum = store->addAddendum(visit.id, "Pat Example", {{"note", "late entry"}});
        store->sign(store->createDraft(visitFor()).id, "Pat Example");
    }
    Database& db() { return store->databaseForTesting(); }
};

// Raw SQL must fail with a trigger constraint; returns the extended code seen.
int rawSqlRefused(Database& db, const std::string& sql) {
    try {
        db.exec(sql);
    } catch (const StoreError& e) {
        CHECK_MESSAGE(std::string(toString(e.kind())) == "ReadOnlyRecord", e.what());
        return e.sqliteCode();
    }
    FAIL("raw SQL changed a protected row: " << sql);
    return 0;
}

} // namespace

TEST_CASE("raw SQL cannot UPDATE, DELETE or REPLACE a signed record") {
    Signed s;
    const std::string id = s.visit.id;
    CHECK(rawSqlRefused(s.db(), "UPDATE records SET payload = '{\"where\":\"elsewhere\"}' WHERE id = '" + id +
                                    "'") == SQLITE_CONSTRAINT_TRIGGER);
    rawSqlRefused(s.db(), "UPDATE records SET status = 'draft' WHERE id = '" + id + "'");
    rawSqlRefused(s.db(), "DELETE FROM records WHERE id = '" + id + "'");
    rawSqlRefused(s.db(), "DELETE FROM records");
    rawSqlRefused(
        s.db(),
        "INSERT OR REPLACE INTO records (id, case_id, kind, status, author, created_at, updated_at, payload) "
        "VALUES ('" +
            id + "', 'case-1', 'visit', 'draft', 'x', 'x', 'x', '{}')");
    // Moving a draft onto the signed row's key with OR REPLACE is refused too.
    Record draft = s.store->createDraft(visitFor());
    rawSqlRefused(s.db(), "UPDATE OR REPLACE records SET id = '" + id + "' WHERE id = '" + draft.id + "'");
    rawSqlRefused(s.db(), "UPDATE records SET case_id = 'case-2' WHERE id = '" + draft.id + "'");

    auto after = s.store->recordById(id);
    REQUIRE(after);
    CHECK(after->payload == s.visit.payload);
    CHECK(std::string(toString(after->status)) == "signed");
    CHECK(s.store->verifyCase("case-1").ok);
}

TEST_CASE("raw SQL cannot change or delete the audit log, or an unacknowledged outbox item") {
    Signed s;
    rawSqlRefused(s.db(), "UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 1");
    rawSqlRefused(s.db(), "DELETE FROM audit_log");
    rawSqlRefused(s.db(), "INSERT OR REPLACE INTO audit_log (seq, at, actor, action, hash, prev_hash) "
                          "VALUES (1, 'x', 'x', 'x', 'x', '')");
    rawSqlRefused(s.db(), "UPDATE outbox SET body = '{}'");
    rawSqlRefused(s.db(), "DELETE FROM outbox WHERE state = 'pending'");
    // Since migration 18 what is sent lives in outbox_bodies: fixed too, and kept while its entry is.
    auto count = [&](const char* sql) {
        auto st = s.db().prepare(sql);
        REQUIRE(st.step());
        return st.columnInt64(0);
    };
    const int64_t entries = count("SELECT count(*) FROM outbox");
    REQUIRE(entries > 0);
    CHECK(count("SELECT count(*) FROM outbox_bodies") == entries);
    CHECK(count("SELECT count(*) FROM outbox WHERE body <> ''") == 0);
    rawSqlRefused(s.db(), "UPDATE outbox_bodies SET body = '{}'");
    rawSqlRefused(s.db(), "DELETE FROM outbox_bodies");
    s.db().exec("UPDATE outbox SET state = 'acknowledged'");
    rawSqlRefused(s.db(), "DELETE FROM outbox_bodies"); // acknowledged, but its entry is still there
    CHECK(s.store->verifyAudit().ok);
    // Delivery state may change (that is what sync does), and acknowledged items may go: their
    // bodies go with them.
    s.db().exec("DELETE FROM outbox WHERE state = 'acknowledged'");
    CHECK(count("SELECT count(*) FROM outbox") == 0);
    CHECK(count("SELECT count(*) FROM outbox_bodies") == 0);
}

TEST_CASE("an addendum needs a signed parent even through raw SQL") {
    Signed s;
    Record draft = s.store->createDraft(visitFor());
    try {
        s.db().exec("INSERT INTO records (id, case_id, kind, status, author, created_at, updated_at, "
                    "parent_id, payload) "
                    "VALUES ('11111111-1111-4111-8111-111111111111', 'case-1', 'addendum', 'draft', 'x', "
                    "'x', 'x', '" +
                    draft.id + "', '{}')");
        FAIL("an addendum to a draft was accepted");
    } catch (const StoreError& e) {
        CHECK(e.sqliteCode() == SQLITE_CONSTRAINT_TRIGGER);
    }
}

TEST_CASE("tamper: an edited payload is found by verifyCase") {
    Signed s;
    REQUIRE(s.store->verifyCase("case-1").ok);
    // Someone with the key removes the guard and edits the child's words.
    s.db().exec("DROP TRIGGER records_signed_no_update");
    s.db().exec("UPDATE records SET payload = '{\"purpose\":\"wishes and feelings\",\"where\":\"the park\"}' "
                "WHERE id = '" +
                s.visit.id + "'");
    const auto report = s.store->verifyCase("case-1");
    CHECK_FALSE(report.ok);
    REQUIRE_FALSE(report.problems.empty());
    CHECK(report.problems.front().find(s.visit.id) != std::string::npos);
    CHECK(report.problems.front().find("altered") != std::string::npos);
}

TEST_CASE("tamper: an edit with a recomputed hash still breaks the chain or the audit record") {
    Signed s;
    s.db().exec("DROP TRIGGER records_signed_no_update");
    Record forged = s.visit;
    forged.payload["where"] = "the park";
    forged.hash = recordHash(forged);
    auto st = s.db().prepare("UPDATE records SET payload = ?, hash = ? WHERE id = ?");
    st.bind(1, forged.payload.dump()).bind(2, forged.hash).bind(3, forged.id).run();
    const auto report = s.store->verifyCase("case-1");
    CHECK_FALSE(report.ok);
    bool chainBroken = false, auditMismatch = false;
    for (const auto& p : report.problems) {
        chainBroken |=
            p.find(s.addendum.id) != std::string::npos && p.find("previous hash") != std::string::npos;
        auditMismatch |=
            p.find(s.visit.id) != std::string::npos && p.find("when it was signed") != std::string::npos;
    }
    CHECK(chainBroken);
    CHECK(auditMismatch);
}

TEST_CASE("tamper: a deleted signed record is found") {
    Signed s;
    s.db().exec("DROP TRIGGER records_signed_no_delete");
    s.db().exec("PRAGMA foreign_keys = OFF");
    s.db().exec("DELETE FROM records WHERE id = '" + s.addendum.id + "'");
    const auto report = s.store->verifyCase("case-1");
    CHECK_FALSE(report.ok);
    bool missing = false;
    for (const auto& p : report.problems)
        missing |= p.find("missing") != std::string::npos;
    CHECK(missing);
}

TEST_CASE("tamper: an edited or deleted audit entry is found by verifyAudit") {
    Signed s;
    REQUIRE(s.store->verifyAudit().ok);
    s.db().exec("DROP TRIGGER audit_no_update");
    s.db().exec("UPDATE audit_log SET actor = 'Someone Else' WHERE seq = 2");
    auto report = s.store->verifyAudit();
    CHECK_FALSE(report.ok);
    CHECK(report.problems.front().find("audit 2") != std::string::npos);

    Signed t;
    t.db().exec("DROP TRIGGER audit_no_delete");
    t.db().exec("DELETE FROM audit_log WHERE seq = 3");
    report = t.store->verifyAudit();
    CHECK_FALSE(report.ok);
}

TEST_CASE("the integrity check after unlock reports a tampered chain, on its own connection") {
    Signed s;
    CHECK(s.store->checkIntegrity().ok);
    s.db().exec("DROP TRIGGER records_signed_no_update");
    s.db().exec("UPDATE records SET payload = '{\"where\":\"the park\"}' WHERE id = '" + s.visit.id + "'");
    s.db().exec("DROP TRIGGER audit_no_update");
    s.db().exec("UPDATE audit_log SET actor = 'Someone Else' WHERE seq = 2");
    const ChainReport report = s.store->checkIntegrity();
    CHECK_FALSE(report.ok);
    bool record = false, audit = false;
    for (const auto& p : report.problems) {
        record |= p.find(s.visit.id) != std::string::npos && p.find("altered") != std::string::npos;
        audit |= p.find("audit 2") != std::string::npos;
    }
    CHECK(record);
    CHECK(audit);
    // The store can be locked while a check runs: it is interrupted, not waited for.
    s.store->startIntegrityCheck();
    s.store.reset();
}
