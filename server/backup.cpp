#include "server/backup.h"

#include "base/hex.h"
#include "base/json_reader.h"
#include "server/heard_server.h"
#include "server/record_cipher.h"

#include <sodium.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <thread>

extern char** environ;

namespace heard::server {

namespace {

namespace fs = std::filesystem;

struct SqliteCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

SqliteHandle openSqlite(const std::string& path, int flags, std::string& error) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    SqliteHandle db(raw);
    if (rc != SQLITE_OK) {
        error = path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
        return nullptr;
    }
    sqlite3_busy_timeout(db.get(), 10000);
    return db;
}

// Copies every page of from into to in one pass (one read transaction on from, so the copy is
// one moment of the database). A busy or locked source is waited for, up to about a minute.
bool copyDatabase(sqlite3* from, sqlite3* to, std::string& error) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup) {
        error = sqlite3_errmsg(to);
        return false;
    }
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 600; ++attempt) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const int finish = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE || finish != SQLITE_OK) {
        error = std::string("backup copy failed: ") + sqlite3_errstr(rc == SQLITE_DONE ? finish : rc);
        return false;
    }
    return true;
}

// A copy worth trusting: integrity_check passes and it is a heard-server database.
bool checkCopy(sqlite3* db, std::string& error) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &raw, nullptr) != SQLITE_OK) {
        error = sqlite3_errmsg(db);
        return false;
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> st(raw, sqlite3_finalize);
    const bool row = sqlite3_step(st.get()) == SQLITE_ROW;
    const char* text = row ? reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0)) : nullptr;
    if (!text || std::string(text) != "ok") {
        error = std::string("integrity check failed: ") + (text ? text : sqlite3_errmsg(db));
        return false;
    }
    sqlite3_stmt* tables = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                       "('received','chain_tips','devices','practitioners')",
                       -1, &tables, nullptr);
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> t(tables, sqlite3_finalize);
    if (!tables || sqlite3_step(tables) != SQLITE_ROW || sqlite3_column_int(tables, 0) != 4) {
        error = "not a heard-server database (its tables are missing)";
        return false;
    }
    return true;
}

// The file's data on disk before it is renamed into place, and the rename itself after.
bool syncFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}
void syncFolderOf(const std::string& path) {
    const fs::path parent = fs::absolute(path).parent_path();
    const int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// from -> to.partial -> checked -> to. A journal-mode copy (no -wal file) so the result is one
// file; the server turns WAL back on when it opens it.
bool copyChecked(const std::string& fromPath, const std::string& to, std::string& error) {
    const std::string partial = to + ".partial";
    std::error_code ec;
    fs::remove(partial, ec);
    {
        auto from = openSqlite(fromPath, SQLITE_OPEN_READONLY, error);
        if (!from) return false;
        auto into = openSqlite(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
        if (!into) return false;
        if (!copyDatabase(from.get(), into.get(), error)) {
            into.reset();
            fs::remove(partial, ec);
            return false;
        }
        sqlite3_exec(into.get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
        if (!checkCopy(into.get(), error)) {
            into.reset();
            fs::remove(partial, ec);
            return false;
        }
    }
    if (!syncFile(partial)) {
        error = "cannot flush " + partial + " to disk";
        return false;
    }
    fs::rename(partial, to, ec);
    if (ec) {
        error = "cannot rename " + partial + ": " + ec.message();
        return false;
    }
    syncFolderOf(to);
    return true;
}

// Runs a program (pg_dump, pg_restore) with arguments, no shell; its exit code.
int runProgram(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0) return 127;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

bool isSqlite(const std::string& spec) {
    return spec.rfind("sqlite:", 0) == 0;
}
bool isPostgres(const std::string& spec) {
    return spec.rfind("postgres:", 0) == 0;
}

} // namespace

int backupDatabase(const std::string& dbSpec, const std::string& file, std::ostream& out, std::ostream& err) {
    std::error_code ec;
    if (fs::exists(file, ec)) {
        err << "backup: " << file << " already exists; choose a new file name\n";
        return 1;
    }
    if (isSqlite(dbSpec)) {
        const std::string path = dbSpec.substr(7);
        if (!fs::exists(path, ec)) {
            err << "backup: no database at " << path << '\n';
            return 1;
        }
        std::string error;
        if (!copyChecked(path, file, error)) {
            err << "backup failed: " << error << '\n';
            return 1;
        }
        out << "backed up " << path << " to " << file << " (" << fs::file_size(file, ec)
            << " bytes; the record key is not in it: keep it apart)\n";
        return 0;
    }
    if (isPostgres(dbSpec)) {
        const int rc = runProgram(
            {"pg_dump", "--format=custom", "--no-owner", "--file=" + file, "--dbname=" + dbSpec.substr(9)});
        if (rc != 0) {
            err << "backup failed: pg_dump exited with " << rc << '\n';
            fs::remove(file, ec);
            return 1;
        }
        out << "backed up the PostgreSQL database to " << file
            << " (pg_dump custom format; the record key is not in it: keep it apart)\n";
        return 0;
    }
    err << "backup: the database must be sqlite:<path> or postgres:<connection string>\n";
    return 1;
}

std::string markRestored(ServerStore& store) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
    unsigned char random[16];
    randombytes_buf(random, sizeof random);
    const std::string generation = base::toHex(random, sizeof random);
    store.setSetting(kStoreGenerationSetting, generation);
    return generation;
}

int restoreDatabase(const std::string& dbSpec, const std::string& file, std::ostream& out,
                    std::ostream& err) {
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        err << "restore: no backup file " << file << '\n';
        return 1;
    }
    if (isSqlite(dbSpec)) {
        const std::string path = dbSpec.substr(7);
        if (fs::exists(path, ec)) {
            err << "restore: " << path
                << " already exists; restore into a new path (move the old database aside first)\n";
            return 1;
        }
        std::string error;
        if (!copyChecked(file, path, error)) {
            err << "restore failed: " << error << '\n';
            return 1;
        }
        out << "restored " << file << " to " << path << '\n';
        return 0;
    }
    if (isPostgres(dbSpec)) {
        const int rc = runProgram({"pg_restore", "--no-owner", "--exit-on-error", "--single-transaction",
                                   "--dbname=" + dbSpec.substr(9), file});
        if (rc != 0) {
            err << "restore failed: pg_restore exited with " << rc
                << " (restore into a new, empty database)\n";
            return 1;
        }
        out << "restored " << file << " into the PostgreSQL database\n";
        return 0;
    }
    err << "restore: the database must be sqlite:<path> or postgres:<connection string>\n";
    return 1;
}

ChainReport verifyChains(ServerStore& store) {
    ChainReport report;
    const RecordHashVerifier verify = defaultRecordHashVerifier();
    struct Link {
        std::int64_t seq;
        std::string hash, prevHash, id;
    };
    std::map<std::string, std::vector<Link>> byCase;
    std::int64_t after = 0;
    while (true) {
        const auto batch = store.receivedSince(after, 1000);
        if (batch.empty()) break;
        for (const auto& e : batch) {
            after = e.receivedSeq;
            const std::string what = e.itemType + " " + e.itemId + " v" + std::to_string(e.version);
            if (RecordCipher::isSealed(e.body)) {
                report.problems.push_back(what + ": body is sealed (give --record-key)");
                continue;
            }
            const auto body = base::tryReadJson(e.body, {sync::kMaxEntryBodyBytes, sync::kMaxJsonDepth});
            if (!body || !body->is_object()) {
                report.problems.push_back(what + ": body is not JSON");
                continue;
            }
            if (const std::string problem = verify(e.itemType, *body, e.body); !problem.empty()) {
                report.problems.push_back(what + ": " + problem);
                continue;
            }
            if (e.itemType == "audit") {
                ++report.audits;
                continue;
            }
            ++report.records;
            byCase[e.caseId].push_back(Link{body->value("chainSeq", std::int64_t(0)), body->value("hash", ""),
                                            body->value("prevHash", ""), what});
        }
    }
    for (auto& [caseId, links] : byCase) {
        ++report.cases;
        std::sort(links.begin(), links.end(), [](const Link& a, const Link& b) { return a.seq < b.seq; });
        std::string previous;
        for (std::size_t i = 0; i < links.size(); ++i) {
            const Link& link = links[i];
            if (link.seq != std::int64_t(i) + 1) {
                report.problems.push_back("case " + caseId + ": chain position " + std::to_string(i + 1) +
                                          " is missing (" + link.id + " has " + std::to_string(link.seq) +
                                          ")");
                break;
            }
            if (i > 0 && link.prevHash != previous) {
                report.problems.push_back("case " + caseId + ": " + link.id +
                                          " does not follow the one before");
                break;
            }
            previous = link.hash;
        }
    }
    return report;
}

int runVerifyChainsCommand(ServerStore& store, std::ostream& out, std::ostream& err) {
    const ChainReport report = verifyChains(store);
    for (const auto& problem : report.problems)
        err << "verify-chains: " << problem << '\n';
    out << "checked " << report.records << " records in " << report.cases << " cases and " << report.audits
        << " audit entries: " << (report.ok() ? "every hash and chain holds" : "PROBLEMS FOUND") << '\n';
    return report.ok() ? 0 : 1;
}

} // namespace heard::server
