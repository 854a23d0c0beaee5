// Backups that restore (issue 21.3): "heard-server admin backup FILE" and "admin restore FILE",
// and the chain check an administrator runs after a restore ("admin verify-chains").
//
// SQLite: the online backup API copies the live database page by page inside one read
// transaction, so the copy is one consistent moment while the server goes on taking pushes
// (WAL: readers never block the writer). Restore copies a checked backup into a NEW database
// path (never over a live one), then the server opens it as usual.
// PostgreSQL: pg_dump / pg_restore (custom format), run by heard-server with the same connection
// string. In both, sealed record bodies stay sealed: the record key (--record-key) is NOT in the
// backup and must be kept apart from it (docs/admin-guide.md).
#pragma once

#include "server/server_store.h"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace heard::server {

// Backs the database up to file (written as file.partial, checked, then renamed). 0 on success,
// 1 on failure (the message in err); a file that already exists is never overwritten.
int backupDatabase(const std::string& dbSpec, const std::string& file, std::ostream& out, std::ostream& err);

// Restores file into dbSpec, which must be new: a SQLite path that does not exist yet, or an
// empty PostgreSQL database. 0 on success, 1 on failure.
int restoreDatabase(const std::string& dbSpec, const std::string& file, std::ostream& out, std::ostream& err);

// Gives the restored database a new random store generation (kStoreGenerationSetting). Tablets
// see it in the next push answer and send again every entry it acknowledged before: records and
// audit entries alike, so nothing acknowledged after the backup is lost. Returns the new name.
std::string markRestored(ServerStore& store);

// What verifyChains found across every received entry.
struct ChainReport {
    std::size_t records = 0, audits = 0, cases = 0;
    std::vector<std::string> problems; // empty: every hash and every case chain holds
    bool ok() const { return problems.empty(); }
};

// Re-checks every received record's and audit entry's own hash (as intake does) and that each
// case's records form one chain: versions by chainSeq 1, 2, 3 ... each prevHash the hash before.
// Needs readable bodies (a store opened with the record key when bodies are sealed).
ChainReport verifyChains(ServerStore& store);

} // namespace heard::server

namespace heard::server {

// "admin verify-chains": prints the report; 0 when every chain holds, 1 otherwise.
int runVerifyChainsCommand(ServerStore& store, std::ostream& out, std::ostream& err);

} // namespace heard::server
