// The one PostgreSQL fixture of the tests: a new empty database in the throw-away cluster
// (postgres_cluster.h, one per test process, started on first use). When PostgreSQL cannot be
// started the calling test FAILS with the reason: a PostgreSQL test never passes silently.
// Link heard_postgres_test_support (tests/sync/CMakeLists.txt) to use it.
#pragma once

#include "server/server_store.h"

#include <memory>
#include <string>

namespace heard::synctest {

// A new empty database; its libpq connection string (for "postgres:<conninfo>" specs, pqxx).
std::string newPostgresDatabase();

// heard-server's store on a new empty database (schema created).
std::unique_ptr<server::ServerStore> openNewPostgresStore();

} // namespace heard::synctest
