// store.database: the RAII layer. Statements bind parameters, transactions roll back in
// their destructor, errors carry SQLite's extended code, SQLCipher is really present.
#include "store_test_support.h"

#include "storage/database.h"

#include <sqlite3.h>

using namespace heard::storage;
using namespace heard::storage::test;

TEST_CASE("SQLCipher is linked (cipher_version is not empty)") {
    Database db = Database::openPlain(":memory:");
    CHECK_FALSE(db.cipherVersion().empty());
}

TEST_CASE("statements bind every type and read them back") {
    Database db = Database::openPlain(":memory:");
    db.exec("CREATE TABLE t (i INTEGER, d REAL, s TEXT, b BLOB, n TEXT)");
    const unsigned char blob[] = {0, 1, 2, 255};
    auto insert = db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, int64_t(1) << 40).bind(2, 2.5).bind(3, std::string("it's \"quoted\"; DROP TABLE t;"));
    insert.bindBlob(4, blob, sizeof blob).bindOptional(5, "");
    CHECK(insert.run() == 1);
    auto select = db.prepare("SELECT i, d, s, b, n FROM t");
    REQUIRE(select.step());
    CHECK(select.columnInt64(0) == (int64_t(1) << 40));
    CHECK(select.columnDouble(1) == 2.5);
    CHECK(select.columnText(2) == "it's \"quoted\"; DROP TABLE t;");
    CHECK(select.columnBlob(3) == std::vector<unsigned char>(blob, blob + sizeof blob));
    CHECK(select.columnIsNull(4));
    CHECK_FALSE(select.step());
}

TEST_CASE("a transaction rolls back unless committed") {
    Database db = Database::openPlain(":memory:");
    db.exec("CREATE TABLE t (x)");
    {
        Transaction t(db);
        db.exec("INSERT INTO t VALUES (1)");
    }
    {
        Transaction t(db);
        db.exec("INSERT INTO t VALUES (2)");
        t.commit();
    }
    try {
        Transaction t(db);
        db.exec("INSERT INTO t VALUES (3)");
        throw std::runtime_error("interrupted");
    } catch (const std::runtime_error&) {
    }
    auto st = db.prepare("SELECT group_concat(x) FROM t");
    st.step();
    CHECK(st.columnText(0) == "2");
}

TEST_CASE("errors carry the extended SQLite code") {
    Database db = Database::openPlain(":memory:");
    db.exec("CREATE TABLE t (x UNIQUE)");
    db.exec("INSERT INTO t VALUES (1)");
    try {
        db.exec("INSERT INTO t VALUES (1)");
        FAIL("duplicate accepted");
    } catch (const StoreError& e) {
        CHECK(e.sqliteCode() == SQLITE_CONSTRAINT_UNIQUE);
        CHECK(std::string(toString(e.kind())) == "InvalidArgument");
    }
    CHECK_STORE_ERROR(db.prepare("SELEKT nonsense"), StoreErrorKind::Sqlite);
    CHECK_STORE_ERROR(Database::openPlain("/no/such/dir/x.db"), StoreErrorKind::Missing);
}

TEST_CASE("an encrypted database opens only with its key") {
    TempDir tmp;
    SecretKey key = SecretKey::random(32);
    {
        OpenOptions options;
        options.create = true;
        Database db = Database::openEncrypted(tmp.file("k.db"), key, options);
        db.exec("CREATE TABLE t (x); INSERT INTO t VALUES ('hello')");
        auto mode = db.prepare("PRAGMA journal_mode");
        mode.step();
        CHECK(mode.columnText(0) == "wal");
        auto sync = db.prepare("PRAGMA synchronous");
        sync.step();
        CHECK(sync.columnInt(0) == 2); // FULL
        auto temp = db.prepare("PRAGMA temp_store");
        temp.step();
        CHECK(temp.columnInt(0) == 2); // MEMORY
        auto page = db.prepare("PRAGMA cipher_page_size");
        page.step();
        CHECK(page.columnInt(0) == kCipherPageSize);
    }
    Database again = Database::openEncrypted(tmp.file("k.db"), key);
    auto st = again.prepare("SELECT x FROM t");
    REQUIRE(st.step());
    CHECK(st.columnText(0) == "hello");
    CHECK_STORE_ERROR(Database::openEncrypted(tmp.file("k.db"), SecretKey::random(32)),
                      StoreErrorKind::NotAStore);
    CHECK_STORE_ERROR(Database::openEncrypted(tmp.file("missing.db"), key), StoreErrorKind::Missing);
    CHECK_FALSE(std::filesystem::exists(tmp.file("missing.db")));
}
