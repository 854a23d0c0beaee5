// hardening.server_postgres: the same hardening suite as hardening.server_sqlite, against
// PostgreSQL 15 in a throw-away cluster this test starts itself (FAILS if it cannot).
#include "../sync/postgres_fixture.h"
#include "../sync/sync_test_support.h"

#include "server/admin.h"

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include <sstream>

namespace {

std::string newDatabase() {
    return heard::synctest::newPostgresDatabase();
}

std::unique_ptr<heard::server::ServerStore> openDatabase(const std::string& db) {
    return heard::server::openPostgresServerStore(db);
}

// The received bodies exactly as PostgreSQL holds them (what a dump or a reader of the table sees).
std::string rawStoredBytes(const std::string& db) {
    pqxx::connection connection(db);
    pqxx::read_transaction tx(connection);
    auto rows = tx.exec("SELECT body FROM received ORDER BY seq");
    std::string out;
    for (const auto& row : rows)
        out += row[0].as<std::string>() + "\n";
    return out;
}

} // namespace

#include "server_suite.inc"
