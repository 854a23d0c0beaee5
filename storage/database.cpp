// RAII SQLCipher connection, statements and transactions (see database.h).
#include "storage/database.h"

#include "storage/keys.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstring>

namespace heard::storage {

// [SECTION] Errors

namespace {

bool isDiskFullErrno(int err) {
    return err == ENOSPC || err == EFBIG || err == EDQUOT;
}

StoreErrorKind kindFor(sqlite3* db, int rc, const std::string& message) {
    const int primary = rc & 0xff;
    if (primary == SQLITE_FULL) return StoreErrorKind::DiskFull;
    if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) {
        // SQLite reports a short write as SQLITE_FULL but a refused write (EFBIG when a
        // file size limit is hit) as SQLITE_IOERR_WRITE: the errno tells them apart.
        if (db && isDiskFullErrno(sqlite3_system_errno(db))) return StoreErrorKind::DiskFull;
        return primary == SQLITE_CANTOPEN ? StoreErrorKind::Missing : StoreErrorKind::Io;
    }
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) return StoreErrorKind::NotAStore;
    if (primary == SQLITE_CONSTRAINT && message.find("heard: read-only") != std::string::npos)
        return StoreErrorKind::ReadOnlyRecord;
    if (primary == SQLITE_CONSTRAINT) return StoreErrorKind::InvalidArgument;
    return StoreErrorKind::Sqlite;
}

} // namespace

void Database::raise(sqlite3* db, int rc, const std::string& context) {
    const int extended = db ? sqlite3_extended_errcode(db) : rc;
    const std::string sqliteMessage = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    const int code = extended != 0 ? extended : rc;
    throw StoreError(kindFor(db, code, sqliteMessage), context + ": " + sqliteMessage, code);
}

// [SECTION] Statement

void Statement::Finalizer::operator()(sqlite3_stmt* s) const {
    sqlite3_finalize(s);
}

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}

namespace {
void checkBind(sqlite3* db, int rc) {
    if (rc != SQLITE_OK) Database::raise(db, rc, "bind");
}
} // namespace

Statement& Statement::bind(int index, int64_t value) {
    checkBind(m_db, sqlite3_bind_int64(m_stmt.get(), index, sqlite3_int64(value)));
    return *this;
}
Statement& Statement::bind(int index, int value) {
    return bind(index, int64_t(value));
}
Statement& Statement::bind(int index, double value) {
    checkBind(m_db, sqlite3_bind_double(m_stmt.get(), index, value));
    return *this;
}
Statement& Statement::bind(int index, const std::string& value) {
    checkBind(m_db,
              sqlite3_bind_text(m_stmt.get(), index, value.data(), int(value.size()), SQLITE_TRANSIENT));
    return *this;
}
Statement& Statement::bind(int index, const char* value) {
    return bind(index, std::string(value));
}
Statement& Statement::bindNull(int index) {
    checkBind(m_db, sqlite3_bind_null(m_stmt.get(), index));
    return *this;
}
Statement& Statement::bindBlob(int index, const void* data, size_t size) {
    checkBind(m_db, sqlite3_bind_blob(m_stmt.get(), index, data, int(size), SQLITE_TRANSIENT));
    return *this;
}
Statement& Statement::bindOptional(int index, const std::string& value) {
    return value.empty() ? bindNull(index) : bind(index, value);
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    // Keep the statement reusable after an error (e.g. a trigger refusing a write).
    sqlite3_reset(m_stmt.get());
    Database::raise(m_db, rc, "step");
}

int Statement::run() {
    while (step()) {
    }
    return sqlite3_changes(m_db);
}

void Statement::reset() {
    sqlite3_reset(m_stmt.get());
    sqlite3_clear_bindings(m_stmt.get());
}

int64_t Statement::columnInt64(int col) const {
    return sqlite3_column_int64(m_stmt.get(), col);
}
int Statement::columnInt(int col) const {
    return sqlite3_column_int(m_stmt.get(), col);
}
double Statement::columnDouble(int col) const {
    return sqlite3_column_double(m_stmt.get(), col);
}
std::string Statement::columnText(int col) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt.get(), col));
    if (!text) return {};
    return std::string(text, size_t(sqlite3_column_bytes(m_stmt.get(), col)));
}
bool Statement::columnIsNull(int col) const {
    return sqlite3_column_type(m_stmt.get(), col) == SQLITE_NULL;
}
std::vector<unsigned char> Statement::columnBlob(int col) const {
    const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(m_stmt.get(), col));
    const int size = sqlite3_column_bytes(m_stmt.get(), col);
    if (!data || size <= 0) return {};
    return std::vector<unsigned char>(data, data + size);
}

// [SECTION] Database

void Database::Closer::operator()(sqlite3* db) const {
    // close_v2 defers the close if a statement is still alive; statements are owned by
    // their callers and finalised by RAII, so this only matters on an unusual exit path.
    sqlite3_close_v2(db);
}

Database::Database(std::unique_ptr<sqlite3, Closer> db, std::string path)
    : m_db(std::move(db)), m_path(std::move(path)) {}

namespace {

sqlite3* openHandle(const std::string& path, bool create, bool readOnly = false) {
    sqlite3* raw = nullptr;
    int flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_FULLMUTEX;
    if (create) flags |= SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        const int code = raw ? sqlite3_extended_errcode(raw) : rc;
        sqlite3_close_v2(raw);
        const auto kind = (rc & 0xff) == SQLITE_CANTOPEN ? StoreErrorKind::Missing : StoreErrorKind::Sqlite;
        throw StoreError(kind, "cannot open database " + path + ": " + message, code);
    }
    sqlite3_extended_result_codes(raw, 1);
    return raw;
}

} // namespace

Database Database::openEncrypted(const std::string& path, const SecretKey& key, const OpenOptions& options) {
    Database db(std::unique_ptr<sqlite3, Closer>(
                    openHandle(path, options.create && !options.readOnly, options.readOnly)),
                path);

    // A plain SQLite build ignores PRAGMA key silently and would write plaintext: refuse.
    if (db.cipherVersion().empty())
        throw StoreError(StoreErrorKind::Sqlite, "SQLCipher is not available (cipher_version empty)");

    {
        // The key literal lives in secure memory; SQLCipher wipes its own copies.
        SecretKey literal = rawKeyLiteral(key);
        const char prefix[] = "PRAGMA key = \"";
        SecretKey pragma(sizeof(prefix) - 1 + literal.size() + 3);
        std::memcpy(pragma.data(), prefix, sizeof(prefix) - 1);
        std::memcpy(pragma.data() + sizeof(prefix) - 1, literal.data(), literal.size());
        std::memcpy(pragma.data() + sizeof(prefix) - 1 + literal.size(), "\";", 3);
        const int rc = sqlite3_exec(db.handle(), reinterpret_cast<const char*>(pragma.data()), nullptr,
                                    nullptr, nullptr);
        if (rc != SQLITE_OK) raise(db.handle(), rc, "PRAGMA key");
    }
    // A database made by SQLCipher 3 opened by SQLCipher 4 needs the old defaults (HMAC
    // algorithm); the raw key means the KDF settings do not matter.
    if (options.cipherCompatibility == 3) {
        sqlite3_exec(db.handle(), "PRAGMA cipher_compatibility = 3;", nullptr, nullptr, nullptr);
    }
    db.exec("PRAGMA cipher_page_size = " + std::to_string(options.cipherPageSize) + ";");

    // Prove the key: a wrong key or a foreign file fails here with SQLITE_NOTADB.
    try {
        auto st = db.prepare("SELECT count(*) FROM sqlite_master");
        st.step();
    } catch (const StoreError& e) {
        throw StoreError(StoreErrorKind::NotAStore,
                         "not a Heard database, or the key does not fit: " + std::string(e.what()),
                         e.sqliteCode());
    }
    // WAL: one fsync per commit with synchronous=FULL (durable and quicker than a rollback
    // journal's several), and the WAL holds only encrypted pages. temp_store=MEMORY keeps
    // sort and temp tables out of plaintext temp files.
    db.exec("PRAGMA foreign_keys = ON;");
    db.exec("PRAGMA temp_store = MEMORY;");
    db.exec("PRAGMA cache_size = -8192;");
    if (options.readOnly) return db; // reads only: the journal settings are the writer's
    {
        auto st = db.prepare("PRAGMA journal_mode = WAL;");
        st.step();
    }
    db.exec("PRAGMA synchronous = FULL;");
    return db;
}

Database Database::openPlain(const std::string& path, bool create) {
    Database db(std::unique_ptr<sqlite3, Closer>(openHandle(path, create)), path);
    db.exec("PRAGMA foreign_keys = ON;");
    db.exec("PRAGMA temp_store = MEMORY;");
    db.exec("PRAGMA cache_size = -8192;");
    if (path != ":memory:") {
        auto st = db.prepare("PRAGMA journal_mode = WAL;");
        st.step();
    }
    db.exec("PRAGMA synchronous = FULL;");
    return db;
}

void Database::exec(const std::string& sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(m_db.get(), sql.c_str(), nullptr, nullptr, &error);
    sqlite3_free(error);
    if (rc != SQLITE_OK) raise(m_db.get(), rc, "exec");
}

Statement Database::prepare(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db.get(), sql.c_str(), int(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        raise(m_db.get(), rc, "prepare");
    }
    return Statement(m_db.get(), stmt);
}

int64_t Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(m_db.get());
}
int Database::changes() const {
    return sqlite3_changes(m_db.get());
}

int Database::userVersion() {
    auto st = prepare("PRAGMA user_version");
    st.step();
    return st.columnInt(0);
}

void Database::setUserVersion(int version) {
    exec("PRAGMA user_version = " + std::to_string(version) + ";");
}

std::string Database::cipherVersion() {
    auto st = prepare("PRAGMA cipher_version");
    return st.step() ? st.columnText(0) : std::string();
}

// [SECTION] Transaction

Transaction::Transaction(Database& db) : m_db(db) {
    m_db.exec("BEGIN IMMEDIATE;");
}

Transaction::~Transaction() {
    if (!m_done) {
        // Never throws: a failed rollback leaves SQLite to roll back on the next open.
        sqlite3_exec(m_db.handle(), "ROLLBACK;", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    m_db.exec("COMMIT;");
    m_done = true;
}

} // namespace heard::storage
