// store.migrations: numbered, forward-only migrations, each in a transaction with
// user_version. Every earlier version migrates to the latest through Store::unlock with
// its data intact; a failing step rolls back; a newer database is refused untouched.
#include "store_test_support.h"

#include "storage/chain.h"
#include "storage/database.h"
#include "storage/schema.h"

#include <sodium.h>

using namespace heard::storage;
using namespace heard::storage::test;

namespace {

const char* kRecordId = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

// Writes what a Heard at schema `version` could have written.
void seedAtVersion(Database& db, int version) {
    if (version >= 1) {
        db.exec(
            "INSERT INTO cases (id, reference, title) VALUES ('case-old', 'REF-OLD', 'Old example family')");
        db.exec("INSERT INTO children (id, case_id, display_name) VALUES ('child-old', 'case-old', 'Alex "
                "Oldchild')");
        db.exec(std::string("INSERT INTO records (id, case_id, child_id, kind, status, author, created_at, "
                            "updated_at, payload) "
                            "VALUES ('") +
                kRecordId +
                "', 'case-old', 'child-old', 'visit', 'draft', 'Pat Example', "
                "'2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z', '{\"where\":\"school\"}')");
    }
    if (version >= 2) {
        db.exec("INSERT INTO audit_log (seq, at, actor, action, hash, prev_hash) "
                "VALUES (1, '2026-01-01T09:00:00Z', 'Pat Example', 'create_store', 'h', '')");
    }
    if (version >= 3) db.exec("INSERT INTO settings (key, value) VALUES ('practitioner', 'Pat Example')");
}

// Builds a data directory as an older Heard left it: database at `version`, key file.
void buildOldStore(const std::string& dataDir, int version) {
    std::filesystem::create_directories(dataDir);
    SecretKey dek = SecretKey::random(32);
    KeyFile keys = wrapNewKey(dek, testPassphrase(), KdfParams::fastForTests(), organisationKeys().publicKey);
    keys.cipherPageSize = kCipherPageSize;
    OpenOptions options;
    options.create = true;
    Database db = Database::openEncrypted(Store::databasePath(dataDir), dek, options);
    keys.cipherMajorVersion = std::atoi(db.cipherVersion().c_str());
    migrate(db, version);
    CHECK(db.userVersion() == version);
    seedAtVersion(db, version);
    keys.save(Store::keyFilePath(dataDir));
}

int countRows(Database& db, const std::string& table) {
    auto st = db.prepare("SELECT count(*) FROM " + table);
    st.step();
    return st.columnInt(0);
}

} // namespace

TEST_CASE("the migration list is numbered 1..N without gaps") {
    const auto& list = migrations();
    REQUIRE_FALSE(list.empty());
    for (size_t i = 0; i < list.size(); ++i) {
        CHECK(list[i].version == int(i + 1));
        CHECK_FALSE(list[i].description.empty());
    }
    CHECK(latestSchemaVersion() == list.back().version);
}

TEST_CASE("every earlier schema version migrates to the latest through unlock, keeping its data") {
    // Version 0 is an empty database: only a new store (create) starts there, so unlock
    // refuses it (tested in store.faults); the chain from 0 is covered by create itself.
    for (int from = 1; from < latestSchemaVersion(); ++from) {
        CAPTURE(from);
        TempDir tmp;
        buildOldStore(tmp.dataDir(), from);
        auto store = unlockStore(tmp.dataDir());
        CHECK(store->schemaVersion() == latestSchemaVersion());
        auto record = store->recordById(kRecordId);
        REQUIRE(record);
        CHECK(record->payload.at("where") == "school");
        CHECK(store->childById("child-old")->displayName == "Alex Oldchild");
        if (from >= 3) CHECK(store->setting("practitioner") == std::optional<std::string>("Pat Example"));
        // The migrated store works in full: sign, chain, outbox, audit.
        Record signedRecord = store->sign(kRecordId, "Pat Example");
        CHECK(signedRecord.chainSeq == 1);
        CHECK(store->verifyCase("case-old").ok);
        CHECK(store->outboxPendingCount() > 0);
        CHECK_STORE_ERROR(store->databaseForTesting().exec(std::string("DELETE FROM records WHERE id = '") +
                                                           kRecordId + "'"),
                          StoreErrorKind::ReadOnlyRecord);
    }
}

TEST_CASE("migrating from 0 on a fresh database builds the whole schema") {
    Database db = Database::openPlain(":memory:");
    CHECK(db.userVersion() == 0);
    migrate(db);
    CHECK(db.userVersion() == latestSchemaVersion());
    for (const char* table : {"cases", "children", "records", "audit_log", "outbox", "settings"})
        CHECK(countRows(db, table) == 0);
    migrate(db); // idempotent at the latest version
    CHECK(db.userVersion() == latestSchemaVersion());
}

TEST_CASE("a failing migration rolls back completely and leaves user_version alone") {
    Database db = Database::openPlain(":memory:");
    migrate(db);
    auto list = migrations();
    const int next = latestSchemaVersion() + 1;
    list.push_back(
        {next, "broken on purpose", "CREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);"});
    CHECK_THROWS_AS(migrate(db, list, -1), StoreError);
    CHECK(db.userVersion() == latestSchemaVersion());
    auto st = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'");
    st.step();
    CHECK(st.columnInt(0) == 0);
}

TEST_CASE("a database newer than this Heard is refused and left untouched") {
    TempDir tmp;
    {
        auto store = createStore(tmp.dataDir());
        addCaseload(*store);
        store->databaseForTesting().setUserVersion(latestSchemaVersion() + 1);
    }
    const std::string before = readFile(Store::databasePath(tmp.dataDir()));
    try {
        unlockStore(tmp.dataDir());
        FAIL("a newer database was opened");
    } catch (const StoreError& e) {
        CHECK(std::string(toString(e.kind())) == "TooNew");
        CHECK(std::string(e.what()).find("update the app") != std::string::npos);
    }
    CHECK(readFile(Store::databasePath(tmp.dataDir())) == before);

    Database db = Database::openPlain(":memory:");
    db.setUserVersion(latestSchemaVersion() + 5);
    CHECK_STORE_ERROR(migrate(db), StoreErrorKind::TooNew);
}

// Migration 18 moved what a new outbox entry sends into outbox_bodies. Entries written before
// keep their body in the outbox row, and go out with it, also when sent again.
TEST_CASE("outbox entries written before migration 18 are sent with their bodies") {
    TempDir tmp;
    const std::string dataDir = tmp.dataDir();
    const std::string oldBody = "{\"invented\":\"an audit entry written at schema 17\"}";
    buildOldStore(dataDir, 17);
    {
        OpenOptions options;
        KeyFile keys = KeyFile::load(Store::keyFilePath(dataDir));
        SecretKey dek = unwrapKey(keys, testPassphrase());
        options.cipherPageSize = keys.cipherPageSize;
        options.cipherCompatibility = keys.cipherMajorVersion;
        Database db = Database::openEncrypted(Store::databasePath(dataDir), dek, options);
        db.exec("INSERT INTO outbox (item_type, item_id, version, case_id, priority, body, created_at, "
                "group_key) "
                "VALUES ('audit', '900', 1, '', 0, '" +
                oldBody + "', '2026-01-01T09:00:00Z', '')");
    }
    auto store = unlockStore(dataDir);
    REQUIRE(store->schemaVersion() == latestSchemaVersion());
    auto bodyOf = [&](const std::vector<OutboxEntry>& entries, const std::string& itemId) {
        for (const auto& e : entries)
            if (e.itemId == itemId) return e.body;
        return std::string("(not there)");
    };
    CHECK(bodyOf(store->outboxPending(100), "900") == oldBody);
    // A record signed now: its body is in outbox_bodies, read back the same way.
    const Record signedRecord = store->sign(kRecordId, "Pat Example");
    CHECK(bodyOf(store->outboxPending(100), kRecordId) == recordOutboxBody(signedRecord));
    std::vector<int64_t> all;
    for (const auto& e : store->outboxPending(100))
        all.push_back(e.id);
    store->outboxAcknowledge(all);
    CHECK(store->outboxPendingCount() == 0);
    // Sent again (the server was restored from a backup): both bodies as they were.
    CHECK(store->outboxResendAcknowledged() == all.size());
    CHECK(bodyOf(store->outboxPending(100), "900") == oldBody);
    CHECK(bodyOf(store->outboxPending(100), kRecordId) == recordOutboxBody(signedRecord));
}
