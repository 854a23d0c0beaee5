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
-- The managers' console (issue 15, server/console/). Roles and teams over the practitioners table
-- (which holds every account: a manager or an administrator is an account whose role says so).
CREATE TABLE IF NOT EXISTS teams(id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS account_roles(
  account_id TEXT PRIMARY KEY REFERENCES practitioners(id), role TEXT NOT NULL,
  team_id TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS console_totp(
  account_id TEXT PRIMARY KEY, secret TEXT NOT NULL, confirmed INTEGER NOT NULL DEFAULT 0,
  last_step BIGINT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS console_sessions(
  token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL, stage TEXT NOT NULL, csrf TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'en', created_ms BIGINT NOT NULL, last_seen_ms BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS server_audit(
  seq {serial}, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  target TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS device_seen(device_id TEXT PRIMARY KEY, seen_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS oversight_notes(
  seq {serial}, id TEXT NOT NULL UNIQUE, record_id TEXT NOT NULL, case_id TEXT NOT NULL,
  author TEXT NOT NULL, decision TEXT NOT NULL, note_date TEXT NOT NULL, written_at TEXT NOT NULL,
  body TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS oversight_notes_by_case ON oversight_notes(case_id, seq);
CREATE INDEX IF NOT EXISTS oversight_notes_by_record ON oversight_notes(record_id);
CREATE TABLE IF NOT EXISTS record_index(
  received_seq BIGINT PRIMARY KEY, item_id TEXT NOT NULL, version BIGINT NOT NULL,
  case_id TEXT NOT NULL, child_id TEXT NOT NULL, practitioner_id TEXT NOT NULL, kind TEXT NOT NULL,
  high_risk INTEGER NOT NULL, parent_id TEXT NOT NULL, signed_at TEXT NOT NULL,
  event_at TEXT NOT NULL, extra TEXT NOT NULL,
  latest INTEGER NOT NULL DEFAULT 1, noted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS record_index_by_case ON record_index(case_id, kind);
CREATE INDEX IF NOT EXISTS record_index_by_item ON record_index(item_id, version);
CREATE INDEX IF NOT EXISTS record_index_by_parent ON record_index(parent_id);
CREATE INDEX IF NOT EXISTS record_index_open ON record_index(case_id) WHERE latest = 1 AND noted = 0;
CREATE INDEX IF NOT EXISTS cases_by_practitioner ON cases(practitioner_id);
CREATE TABLE IF NOT EXISTS case_audits(
  seq {serial}, id TEXT NOT NULL UNIQUE, case_id TEXT NOT NULL, practitioner_id TEXT NOT NULL,
  auditor TEXT NOT NULL, grade TEXT NOT NULL, body TEXT NOT NULL, written_at TEXT NOT NULL);
-- [gaps15] A case is open until the central system closes it (admin close-case); a manager draws an
-- audit sample from open or closed cases (issue 15, item 6). No row: open.
CREATE TABLE IF NOT EXISTS case_status(
  case_id TEXT PRIMARY KEY, status TEXT NOT NULL, changed_at TEXT NOT NULL);
-- life (issue 20): a case's whole life. A tablet receives the records other tablets sent in
-- the cases its practitioner holds (server/case_life.h), one index range per case.
CREATE INDEX IF NOT EXISTS received_by_case ON received(case_id, seq);
-- Secured for a review: when, by whom, and the frozen set at that moment (each chain's head per
-- device, and a digest over every received record of the case). Closed: when, by whom.
CREATE TABLE IF NOT EXISTS case_life(
  case_id TEXT PRIMARY KEY, secured_at TEXT NOT NULL DEFAULT '', secured_by TEXT NOT NULL DEFAULT '',
  frozen_heads TEXT NOT NULL DEFAULT '', frozen_digest TEXT NOT NULL DEFAULT '',
  frozen_count BIGINT NOT NULL DEFAULT 0, frozen_seq BIGINT NOT NULL DEFAULT 0,
  closed_at TEXT NOT NULL DEFAULT '', closed_by TEXT NOT NULL DEFAULT '');
-- Enrolments not yet confirmed by their tablet (server/enrolment_phases.h): deleted if cancelled
-- or never confirmed, so a failed enrolment leaves nothing.
CREATE TABLE IF NOT EXISTS enrolment_pending(device_id TEXT PRIMARY KEY, created_ms BIGINT NOT NULL);
)sql";

// [gaps15] The manager's note is immutable, as a signed record is on the tablet, and the server's
// audit log and case audits are append-only: the database refuses UPDATE and DELETE of their rows
// (issue 15, item 5), whoever asks.
const char* kSqliteReadOnly = R"sql(
CREATE TRIGGER IF NOT EXISTS oversight_notes_no_update BEFORE UPDATE ON oversight_notes
BEGIN SELECT RAISE(ABORT, 'heard: read-only: a manager''s note cannot change'); END;
CREATE TRIGGER IF NOT EXISTS oversight_notes_no_delete BEFORE DELETE ON oversight_notes
BEGIN SELECT RAISE(ABORT, 'heard: read-only: a manager''s note cannot be deleted'); END;
CREATE TRIGGER IF NOT EXISTS case_audits_no_update BEFORE UPDATE ON case_audits
BEGIN SELECT RAISE(ABORT, 'heard: read-only: a case audit cannot change'); END;
CREATE TRIGGER IF NOT EXISTS case_audits_no_delete BEFORE DELETE ON case_audits
BEGIN SELECT RAISE(ABORT, 'heard: read-only: a case audit cannot be deleted'); END;
CREATE TRIGGER IF NOT EXISTS server_audit_no_update BEFORE UPDATE ON server_audit
BEGIN SELECT RAISE(ABORT, 'heard: read-only: the audit log cannot change'); END;
CREATE TRIGGER IF NOT EXISTS server_audit_no_delete BEFORE DELETE ON server_audit
BEGIN SELECT RAISE(ABORT, 'heard: read-only: the audit log cannot change'); END;
)sql";
const char* kPostgresReadOnly = R"sql(
CREATE OR REPLACE FUNCTION heard_read_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'heard: read-only: % rows cannot change', TG_TABLE_NAME; END $$;
CREATE OR REPLACE TRIGGER oversight_notes_read_only BEFORE UPDATE OR DELETE ON oversight_notes
  FOR EACH ROW EXECUTE FUNCTION heard_read_only();
CREATE OR REPLACE TRIGGER case_audits_read_only BEFORE UPDATE OR DELETE ON case_audits
  FOR EACH ROW EXECUTE FUNCTION heard_read_only();
CREATE OR REPLACE TRIGGER server_audit_read_only BEFORE UPDATE OR DELETE ON server_audit
  FOR EACH ROW EXECUTE FUNCTION heard_read_only();
)sql";

} // namespace

std::string serverSchema(SqlDialect dialect) {
    const std::string serial =
        dialect == SqlDialect::Sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
    std::string schema = kSchema;
    const std::string placeholder = "{serial}";
    for (auto at = schema.find(placeholder); at != std::string::npos; at = schema.find(placeholder, at))
        schema.replace(at, placeholder.size(), serial);
    schema += dialect == SqlDialect::Sqlite ? kSqliteReadOnly : kPostgresReadOnly;
    return schema;
}

} // namespace heard::server
