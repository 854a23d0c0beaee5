// hardening.server_sqlite: the heard-server hardening suite against the embedded SQLite backend.
#include "tests/sync/sqlite_suite_backend.h"

#include "server/admin.h"

#include <sstream>

namespace {

// The database file and its WAL, byte for byte, while the store is still open.
std::string rawStoredBytes(const std::string& db) {
    return heard::synctest::readFile(db) + heard::synctest::readFile(db + "-wal");
}

} // namespace

#include "server_suite.inc"
