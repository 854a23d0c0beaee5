// lifecycle.server_sqlite: the case-life server suite against the embedded SQLite backend.
#include "tests/sync/sync_test_support.h"

#include "storage/record_kinds.h"

#include <atomic>

namespace {

heard::synctest::TempDir& databaseDir() {
    static heard::synctest::TempDir dir;
    return dir;
}

std::string newDatabase() {
    static std::atomic<int> counter{0};
    return databaseDir().file("server-" + std::to_string(++counter) + ".db");
}

std::unique_ptr<heard::server::ServerStore> openDatabase(const std::string& db) {
    return heard::server::openSqliteServerStore(db);
}

} // namespace

#include "server_suite.inc"
