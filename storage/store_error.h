// StoreError: every failure of the encrypted store, with a kind the app can act on.
//
// Errors carry SQLite's extended result code (when SQLite produced them) so a log or a
// test can tell SQLITE_FULL from SQLITE_NOTADB; they become user messages only at the
// edge of app/ (STYLE.md item 9).
#pragma once

#include "base/error.h"

#include <string>

namespace heard::storage {

enum class StoreErrorKind {
    WrongPassphrase, // the passphrase did not unwrap the data key; nothing was altered
    RetryLater,      // too many wrong passphrases: wait retryAfterSeconds() before trying again
    Missing,         // the database or key file (or the data directory) does not exist
    NotAStore,       // a foreign, truncated or corrupt database or key file; never overwritten
    TooNew,          // the database was written by a newer Heard (schema version unknown here)
    RolledBack,      // the database lacks signed records the key file says it had (a damaged or
                     // lost WAL, an old copy): refused, no file changed; sync or call support
    DiskFull,        // the disk (or a file size limit) is full; the write was rolled back
    ReadOnlyRecord,  // the record is signed, or its case is secured: it cannot change
    NotFound,        // no record, case or child with that id
    InvalidArgument, // the caller passed something the store refuses (bad id, bad JSON, ...)
    Io,              // the operating system refused a file operation (permissions, rename, ...)
    Sqlite,          // any other SQLite error (see sqliteCode())
};

// A short stable name for logs and tests, e.g. "WrongPassphrase".
const char* toString(StoreErrorKind kind);

// code() is toString(kind()), e.g. "WrongPassphrase".
class StoreError : public base::Error {
public:
    StoreError(StoreErrorKind kind, const std::string& message, int sqliteCode = 0,
               int retryAfterSeconds = 0);

    StoreErrorKind kind() const { return m_kind; }
    // SQLite's extended result code (e.g. SQLITE_CONSTRAINT_TRIGGER), or 0 if not from SQLite.
    int sqliteCode() const { return m_sqliteCode; }
    // For RetryLater (and WrongPassphrase): seconds until the next attempt is allowed.
    int retryAfterSeconds() const { return m_retryAfterSeconds; }

private:
    StoreErrorKind m_kind;
    int m_sqliteCode;
    int m_retryAfterSeconds;
};

} // namespace heard::storage
