#include "storage/store_error.h"

namespace heard::storage {

const char* toString(StoreErrorKind kind) {
    switch (kind) {
    case StoreErrorKind::WrongPassphrase:
        return "WrongPassphrase";
    case StoreErrorKind::RetryLater:
        return "RetryLater";
    case StoreErrorKind::Missing:
        return "Missing";
    case StoreErrorKind::NotAStore:
        return "NotAStore";
    case StoreErrorKind::TooNew:
        return "TooNew";
    case StoreErrorKind::RolledBack:
        return "RolledBack";
    case StoreErrorKind::DiskFull:
        return "DiskFull";
    case StoreErrorKind::ReadOnlyRecord:
        return "ReadOnlyRecord";
    case StoreErrorKind::NotFound:
        return "NotFound";
    case StoreErrorKind::InvalidArgument:
        return "InvalidArgument";
    case StoreErrorKind::Io:
        return "Io";
    case StoreErrorKind::Sqlite:
        return "Sqlite";
    }
    return "Unknown";
}

StoreError::StoreError(StoreErrorKind kind, const std::string& message, int sqliteCode, int retryAfterSeconds)
    : base::Error(toString(kind), message), m_kind(kind), m_sqliteCode(sqliteCode),
      m_retryAfterSeconds(retryAfterSeconds) {}

} // namespace heard::storage
