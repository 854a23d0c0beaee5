// hardening.server_sqlite: the heard-server hardening suite against the embedded SQLite backend.
#include "../sync/sync_test_support.h"

#include "server/admin.h"

#include <atomic>
#include <sstream>

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

// The database file and its WAL, byte for byte, while the store is still open.
std::string rawStoredBytes(const std::string& db) {
    return heard::synctest::readFile(db) + heard::synctest::readFile(db + "-wal");
}

} // namespace

#include "server_suite.inc"
