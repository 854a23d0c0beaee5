// report.sync_postgres: the report sync suite (sync_suite.inc) on heard-server's PostgreSQL
// backend, in a throw-away cluster the test starts itself (it FAILS with the reason if it cannot).
#include "tests/sync/postgres_cluster.h"
#include "tests/sync/sync_test_support.h"

#include <doctest/doctest.h>

#include <memory>

namespace {
std::unique_ptr<heard::server::ServerStore> openBackend(heard::synctest::TempDir&) {
    auto& cluster = heard::synctest::PostgresCluster::shared();
    if (!cluster.start()) FAIL("PostgreSQL could not be started for the test: " << cluster.reason());
    return heard::server::openPostgresServerStore(cluster.createDatabase());
}
} // namespace

#include "sync_suite.inc"
