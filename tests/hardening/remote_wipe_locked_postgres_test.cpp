// hardening.remote_wipe_locked_postgres: the locked-wipe suite against heard-server on PostgreSQL 15
// in a throw-away cluster this test starts itself (FAILS with the reason if it cannot).
#include "tests/sync/postgres_fixture.h"
#include "tests/sync/sync_test_support.h"

#include <doctest/doctest.h>

namespace {

std::string newDatabase() {
    return heard::synctest::newPostgresDatabase();
}

std::unique_ptr<heard::server::ServerStore> openDatabase(const std::string& db) {
    return heard::server::openPostgresServerStore(db);
}

} // namespace

#include "remote_wipe_locked_suite.inc"
