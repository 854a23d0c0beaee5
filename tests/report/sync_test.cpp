// report.sync: the report sync suite (sync_suite.inc) on heard-server's SQLite backend.
#include "tests/sync/sync_test_support.h"

#include <memory>

namespace {
std::unique_ptr<heard::server::ServerStore> openBackend(heard::synctest::TempDir& dir) {
    return heard::server::openSqliteServerStore(dir.file("server.db"));
}
} // namespace

#include "sync_suite.inc"
