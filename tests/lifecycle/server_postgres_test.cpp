// lifecycle.server_postgres: the same case-life suite as lifecycle.server_sqlite, against
// PostgreSQL 15 in a throw-away cluster this test starts itself (it FAILS with the reason if
// PostgreSQL cannot be started).
#include "tests/sync/postgres_cluster.h"
#include "tests/sync/sync_test_support.h"

#include "storage/record_kinds.h"

#include <doctest/doctest.h>

namespace {

std::string newDatabase() {
    auto& cluster = heard::synctest::PostgresCluster::shared();
    bool started = cluster.start();
    if (!started) FAIL("PostgreSQL could not be started for the test: " << cluster.reason());
    return cluster.createDatabase();
}

std::unique_ptr<heard::server::ServerStore> openDatabase(const std::string& db) {
    return heard::server::openPostgresServerStore(db);
}

} // namespace

#include "server_suite.inc"
