// RAII wrappers over SQLCipher: Database (one connection), Statement, Transaction.
//
// Every handle is owned by a unique_ptr with a deleter, parameters are always bound
// (never formatted into SQL), a Transaction rolls back in a destructor that never throws,
// and every error is a StoreError carrying SQLite's extended code (STYLE.md items 9-10).
#pragma once

#include "storage/store_error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace heard::storage {

class SecretKey;

// Page size used for every Heard database and recorded in the key file. SQLCipher 3.4
// defaults to 1024 and SQLCipher 4 to 4096, so it is always set explicitly.
constexpr int kCipherPageSize = 4096;

struct OpenOptions {
    bool create = false; // create the file if missing (only Store::create sets this)
    int cipherPageSize = kCipherPageSize;
    int cipherCompatibility = 0; // SQLCipher major version the file was made with (0 = this one)
    bool readOnly = false;       // never writes, checkpoints or removes a file (unlock's checks)
};

class Statement {
public:
    Statement(sqlite3* db, sqlite3_stmt* stmt);
    Statement(Statement&&) noexcept = default;
    Statement& operator=(Statement&&) noexcept = default;

    // Parameters are 1-based, as in sqlite3_bind_*. Each returns *this for chaining.
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, int value);
    Statement& bind(int index, double value);
    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, const char* value);
    Statement& bindNull(int index);
    Statement& bindBlob(int index, const void* data, size_t size);
    // Binds an empty string as NULL (for optional foreign keys such as a parent record).
    Statement& bindOptional(int index, const std::string& value);

    // Runs one step: true if a row is available, false when done. Throws StoreError.
    bool step();
    // Runs to completion (for INSERT/UPDATE/DELETE); returns sqlite3_changes().
    int run();
    void reset();

    int64_t columnInt64(int col) const;
    int columnInt(int col) const;
    double columnDouble(int col) const;
    std::string columnText(int col) const; // NULL -> ""
    bool columnIsNull(int col) const;
    std::vector<unsigned char> columnBlob(int col) const;

private:
    struct Finalizer {
        void operator()(sqlite3_stmt* s) const;
    };
    sqlite3* m_db;
    std::unique_ptr<sqlite3_stmt, Finalizer> m_stmt;
};

class Database {
public:
    // Opens (or with options.create, creates) an encrypted database with a raw 256-bit key.
    // Checks cipher_version is non-empty (a plain SQLite build fails loudly), proves the key
    // with SELECT count(*) FROM sqlite_master (wrong key or foreign file -> NotAStore), then
    // sets foreign_keys=ON, journal_mode=WAL, synchronous=FULL, temp_store=MEMORY.
    static Database openEncrypted(const std::string& path, const SecretKey& key,
                                  const OpenOptions& options = {});
    // An unencrypted database on the same SQLCipher library (no key): the benchmark
    // baseline and test fixtures only. ":memory:" works.
    static Database openPlain(const std::string& path, bool create = true);

    Database(Database&&) noexcept = default;
    Database& operator=(Database&&) noexcept = default;

    void exec(const std::string& sql); // one or more statements, no parameters
    Statement prepare(const std::string& sql);
    int64_t lastInsertRowId() const;
    int changes() const;
    int userVersion();
    void setUserVersion(int version);
    std::string cipherVersion(); // "" on a non-SQLCipher build
    sqlite3* handle() const { return m_db.get(); }
    const std::string& path() const { return m_path; }

    // Throws a StoreError built from the connection's last error (kind from the extended
    // code and errno: SQLITE_FULL/ENOSPC/EFBIG -> DiskFull, NOTADB -> NotAStore,
    // CONSTRAINT_TRIGGER with a "heard: read-only" message -> ReadOnlyRecord, ...).
    [[noreturn]] static void raise(sqlite3* db, int rc, const std::string& context);

private:
    struct Closer {
        void operator()(sqlite3* db) const;
    };
    Database(std::unique_ptr<sqlite3, Closer> db, std::string path);
    std::unique_ptr<sqlite3, Closer> m_db;
    std::string m_path;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

} // namespace heard::storage
