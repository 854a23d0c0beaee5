// safety.server_alerts_postgres: the same ordered safety alert query on PostgreSQL, in a
// throw-away cluster the test starts itself (it FAILS with the reason if it cannot).
#include "tests/sync/postgres_fixture.h"
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
std::unique_ptr<server::ServerStore> openBackend(synctest::TempDir&) {
    return synctest::openNewPostgresStore();
}
} // namespace

#include "server_alerts_suite.inc"
