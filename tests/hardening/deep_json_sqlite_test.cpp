// hardening.deep_json_sqlite: the deep-JSON suite against heard-server on SQLite.
#include "tests/sync/sync_test_support.h"

namespace {

std::string newDatabase() {
    static heard::synctest::TempDir dir;
    static int count = 0;
    return dir.path() + "/server-" + std::to_string(++count) + ".db";
}

std::unique_ptr<heard::server::ServerStore> openDatabase(const std::string& db) {
    return heard::server::openSqliteServerStore(db);
}

} // namespace

#include "deep_json_suite.inc"
