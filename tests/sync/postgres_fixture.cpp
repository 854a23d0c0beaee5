#include "tests/sync/postgres_fixture.h"

#include "tests/sync/postgres_cluster.h"

#include <doctest/doctest.h>

namespace heard::synctest {

std::string newPostgresDatabase() {
    auto& cluster = PostgresCluster::shared();
    const bool started = cluster.start();
    if (!started) FAIL("PostgreSQL could not be started for the test: " << cluster.reason());
    return cluster.createDatabase();
}

std::unique_ptr<server::ServerStore> openNewPostgresStore() {
    return server::openPostgresServerStore(newPostgresDatabase());
}

} // namespace heard::synctest
