// The SQLite backend for a server suite (*.inc): each test gets a fresh database file in one
// temporary folder, removed when the process ends. The PostgreSQL drivers use postgres_fixture.h.
#pragma once

#include "tests/sync/sync_test_support.h"

#include <atomic>
#include <memory>
#include <string>

namespace {

heard::synctest::TempDir& databaseDir() {
    static heard::synctest::TempDir dir;
    return dir;
}

std::string newDatabase() {
    static std::atomic<int> counter{0};
    return databaseDir().file("server-" + std::to_string(++counter) + ".db");
}

std::unique_ptr<heard::server::ServerStore> openDatabase(const std::string& db) {
    return heard::server::openSqliteServerStore(db);
}

} // namespace
