// The server database schema, written once for both backends (SQLite and PostgreSQL).
// The dialects differ only in how an auto-numbered sequence column is declared.
#pragma once

#include <string>

namespace heard::server {

enum class SqlDialect {
    Sqlite,   // seq INTEGER PRIMARY KEY AUTOINCREMENT (a rowid alias, never reused)
    Postgres, // seq BIGSERIAL PRIMARY KEY
};

// Every CREATE TABLE / CREATE INDEX, idempotent (IF NOT EXISTS), as one script.
std::string serverSchema(SqlDialect dialect);

} // namespace heard::server
