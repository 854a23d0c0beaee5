// safety.server_alerts: heard-server's ordered safety alert query on the SQLite backend.
#include "tests/sync/sync_test_support.h"

#include "server/admin.h"
#include "storage/record_kinds.h"
#include "sync/sync_client.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <sstream>

using namespace heard;

namespace {
std::unique_ptr<server::ServerStore> openBackend(synctest::TempDir& dir) {
    return server::openSqliteServerStore(dir.file("server.db"));
}
} // namespace

#include "server_alerts_suite.inc"
