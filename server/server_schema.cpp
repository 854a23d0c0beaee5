#include "server/server_schema.h"

namespace heard::server {

namespace {

// {serial} is the dialect's auto-numbered primary key. BIGINT is INTEGER affinity in SQLite.
const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS practitioners(
  id TEXT PRIMARY KEY, display_name TEXT NOT NULL, password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS devices(
  id TEXT PRIMARY KEY, practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
  secret_hash TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0,
  command TEXT NOT NULL DEFAULT 'none', created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cases(
  case_id TEXT PRIMARY KEY, practitioner_id TEXT NOT NULL, allocation TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS allocation_events(
  seq {serial}, practitioner_id TEXT NOT NULL, case_id TEXT NOT NULL,
  removal INTEGER NOT NULL, allocation TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS allocation_events_by_practitioner ON allocation_events(practitioner_id, seq);
CREATE TABLE IF NOT EXISTS removals_confirmed(
  device_id TEXT NOT NULL, case_id TEXT NOT NULL, confirmed_at TEXT NOT NULL,
  PRIMARY KEY(device_id, case_id));
CREATE TABLE IF NOT EXISTS content(version BIGINT PRIMARY KEY, files TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS received(
  seq {serial}, item_type TEXT NOT NULL, item_id TEXT NOT NULL,
  version BIGINT NOT NULL, case_id TEXT NOT NULL, device_id TEXT NOT NULL,
  practitioner_id TEXT NOT NULL, chain_seq BIGINT NOT NULL, hash TEXT NOT NULL,
  body_digest TEXT NOT NULL, body TEXT NOT NULL, received_at TEXT NOT NULL,
  UNIQUE(item_type, item_id, version));
CREATE TABLE IF NOT EXISTS chain_tips(
  case_id TEXT NOT NULL, device_id TEXT NOT NULL, chain_seq BIGINT NOT NULL, hash TEXT NOT NULL,
  PRIMARY KEY(case_id, device_id));
CREATE TABLE IF NOT EXISTS safety_alerts(
  item_id TEXT NOT NULL, version BIGINT NOT NULL, received_seq BIGINT NOT NULL,
  case_id TEXT NOT NULL, device_id TEXT NOT NULL, practitioner_id TEXT NOT NULL,
  received_at TEXT NOT NULL, acknowledged_at TEXT NOT NULL DEFAULT '',
  acknowledged_by TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(item_id, version));
CREATE INDEX IF NOT EXISTS safety_alerts_by_seq ON safety_alerts(received_seq);
CREATE TABLE IF NOT EXISTS conflicts(
  seq {serial}, item_type TEXT NOT NULL, item_id TEXT NOT NULL,
  version BIGINT NOT NULL, device_id TEXT NOT NULL, body_digest TEXT NOT NULL,
  reason TEXT NOT NULL, received_at TEXT NOT NULL);
-- Each case's safety alert chain per device (issue 14; storage/chain.h, kSafetyChain): verified
-- apart from the case's records chain (chain_tips), so an alert never waits behind them.
CREATE TABLE IF NOT EXISTS safety_chain_tips(
  case_id TEXT NOT NULL, device_id TEXT NOT NULL, chain_seq BIGINT NOT NULL, hash TEXT NOT NULL,
  PRIMARY KEY(case_id, device_id));
)sql";

} // namespace

std::string serverSchema(SqlDialect dialect) {
    const std::string serial =
        dialect == SqlDialect::Sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
    std::string schema = kSchema;
    const std::string placeholder = "{serial}";
    for (auto at = schema.find(placeholder); at != std::string::npos; at = schema.find(placeholder, at))
        schema.replace(at, placeholder.size(), serial);
    return schema;
}

} // namespace heard::server
