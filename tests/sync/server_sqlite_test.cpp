// sync.server_sqlite: the heard-server suite against the embedded SQLite backend.
#include "tests/sync/sqlite_suite_backend.h"

#include "server_suite.inc"
