// lifecycle.server_sqlite: the case-life server suite against the embedded SQLite backend.
#include "tests/sync/sqlite_suite_backend.h"

#include "storage/record_kinds.h"

#include "server_suite.inc"
