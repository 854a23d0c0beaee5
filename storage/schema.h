// Schema and migrations: numbered, forward-only, each in its own transaction that also
// sets PRAGMA user_version. A database newer than this build is refused (TooNew).
#pragma once

#include <string>
#include <vector>

namespace heard::storage {

class Database;

struct Migration {
    int version; // the user_version after this migration (1, 2, 3, ...)
    std::string description;
    std::string sql; // one or more statements
};

// Every migration Heard has ever shipped, in order. Append only; never edit a shipped one.
const std::vector<Migration>& migrations();
int latestSchemaVersion();

// Brings db from its user_version up to target (default: latest), one transaction per step.
// Throws StoreError TooNew if the database is newer than the latest migration known.
void migrate(Database& db, int target = -1);
// Same with an explicit list (tests use it to prove a failing step rolls back).
void migrate(Database& db, const std::vector<Migration>& list, int target);

} // namespace heard::storage
