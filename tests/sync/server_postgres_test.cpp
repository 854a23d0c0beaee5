// sync.server_postgres: the same heard-server suite as sync.server_sqlite, against PostgreSQL 15
// in a throw-away cluster this test starts itself. If PostgreSQL cannot be started the suite
// FAILS with the reason.
#include "postgres_cluster.h"
#include "postgres_fixture.h"
#include "sync_test_support.h"

#include <doctest/doctest.h>

namespace {

std::string newDatabase() {
    return heard::synctest::newPostgresDatabase();
}

std::unique_ptr<heard::server::ServerStore> openDatabase(const std::string& db) {
    return heard::server::openPostgresServerStore(db);
}

} // namespace

TEST_CASE("the throw-away PostgreSQL cluster starts") {
    auto& cluster = heard::synctest::PostgresCluster::shared();
    bool started = cluster.start();
    REQUIRE_MESSAGE(started, cluster.reason());
}

#include "server_suite.inc"
