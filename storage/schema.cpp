// Schema and migrations. Append only: a shipped migration is never edited, because a
// tablet in the field may hold a database at any earlier version.
//
// Triggers carry the record rules into the database itself, so even raw SQL cannot change
// a signed record, an audit entry or a frozen (secured) case. Their messages start with
// "heard: read-only" so errors map to StoreErrorKind::ReadOnlyRecord.
#include "storage/schema.h"

#include "storage/database.h"

#include <functional>

namespace heard::storage {

namespace {

const char* kV1CasesChildrenRecords = R"SQL(
CREATE TABLE cases (
    id          TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    reference   TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    details     TEXT NOT NULL DEFAULT '{}',
    secured     INTEGER NOT NULL DEFAULT 0 CHECK (secured IN (0, 1)),
    secured_at  TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER cases_secured_is_final BEFORE UPDATE OF secured, secured_at ON cases
WHEN OLD.secured = 1
BEGIN SELECT RAISE(ABORT, 'heard: read-only: a secured case stays secured'); END;

CREATE TABLE children (
    id             TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    case_id        TEXT NOT NULL REFERENCES cases(id),
    display_name   TEXT NOT NULL DEFAULT '',
    date_of_birth  TEXT NOT NULL DEFAULT '',
    details        TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE records (
    id          TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    case_id     TEXT NOT NULL REFERENCES cases(id),
    child_id    TEXT REFERENCES children(id),
    kind        TEXT NOT NULL CHECK (kind <> ''),
    status      TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    signed_at   TEXT NOT NULL DEFAULT '',
    signed_by   TEXT NOT NULL DEFAULT '',
    parent_id   TEXT REFERENCES records(id),
    high_risk   INTEGER NOT NULL DEFAULT 0 CHECK (high_risk IN (0, 1)),
    payload     TEXT NOT NULL,
    hash        TEXT NOT NULL DEFAULT '',
    prev_hash   TEXT NOT NULL DEFAULT '',
    chain_seq   INTEGER NOT NULL DEFAULT 0,
    CHECK (status = 'draft' OR (hash <> '' AND chain_seq > 0 AND signed_at <> ''))
);
CREATE UNIQUE INDEX records_chain ON records(case_id, chain_seq) WHERE chain_seq > 0;

CREATE TRIGGER records_signed_no_update BEFORE UPDATE ON records
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'heard: read-only: a signed record cannot change'); END;

CREATE TRIGGER records_signed_no_delete BEFORE DELETE ON records
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'heard: read-only: a signed record cannot be deleted'); END;

-- INSERT OR REPLACE deletes the old row without firing delete triggers (unless
-- recursive_triggers is on), so refuse any insert that collides with a signed row.
CREATE TRIGGER records_signed_no_replace BEFORE INSERT ON records
WHEN EXISTS (SELECT 1 FROM records WHERE id = NEW.id AND status = 'signed')
BEGIN SELECT RAISE(ABORT, 'heard: read-only: a signed record cannot be replaced'); END;

-- UPDATE OR REPLACE could move a draft onto a signed row's key: identity never changes.
CREATE TRIGGER records_identity_fixed BEFORE UPDATE OF id, version, case_id ON records
WHEN NEW.id IS NOT OLD.id OR NEW.version IS NOT OLD.version OR NEW.case_id IS NOT OLD.case_id
BEGIN SELECT RAISE(ABORT, 'heard: read-only: a record keeps its id, version and case'); END;

CREATE TRIGGER records_secured_no_update BEFORE UPDATE ON records
WHEN (SELECT secured FROM cases WHERE id = OLD.case_id) = 1
BEGIN SELECT RAISE(ABORT, 'heard: read-only: the case is secured'); END;

CREATE TRIGGER records_secured_no_delete BEFORE DELETE ON records
WHEN (SELECT secured FROM cases WHERE id = OLD.case_id) = 1
BEGIN SELECT RAISE(ABORT, 'heard: read-only: the case is secured'); END;

-- A secured case accepts only addenda (dated late entries, SF 3.45).
CREATE TRIGGER records_secured_no_insert BEFORE INSERT ON records
WHEN (SELECT secured FROM cases WHERE id = NEW.case_id) = 1 AND NEW.kind <> 'addendum'
BEGIN SELECT RAISE(ABORT, 'heard: read-only: the case is secured'); END;

CREATE TRIGGER records_addendum_needs_signed_parent BEFORE INSERT ON records
WHEN NEW.kind = 'addendum' AND NOT EXISTS
    (SELECT 1 FROM records WHERE id = NEW.parent_id AND status = 'signed')
BEGIN SELECT RAISE(ABORT, 'heard: an addendum must add to a signed record'); END;
)SQL";

const char* kV2AuditLog = R"SQL(
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action <> ''),
    target     TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT '',
    hash       TEXT NOT NULL,
    prev_hash  TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'heard: read-only: the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'heard: read-only: the audit log is append-only'); END;
CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq)
BEGIN SELECT RAISE(ABORT, 'heard: read-only: the audit log is append-only'); END;
)SQL";

const char* kV3OutboxSettings = R"SQL(
CREATE TABLE outbox (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    item_type          TEXT NOT NULL CHECK (item_type IN ('record', 'audit')),
    item_id            TEXT NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    case_id            TEXT NOT NULL DEFAULT '',
    priority           INTEGER NOT NULL,
    state              TEXT NOT NULL DEFAULT 'pending'
                       CHECK (state IN ('pending', 'acknowledged', 'quarantined')),
    quarantine_reason  TEXT NOT NULL DEFAULT '',
    body               TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    acknowledged_at    TEXT NOT NULL DEFAULT '',
    UNIQUE (item_type, item_id, version)
);
-- What is sent never changes; only its delivery state does.
CREATE TRIGGER outbox_item_fixed BEFORE UPDATE OF item_type, item_id, version, case_id, priority, body ON outbox
BEGIN SELECT RAISE(ABORT, 'heard: read-only: an outbox item cannot change'); END;
-- Nothing leaves the outbox until the server has acknowledged it.
CREATE TRIGGER outbox_keep_unacknowledged BEFORE DELETE ON outbox
WHEN OLD.state <> 'acknowledged'
BEGIN SELECT RAISE(ABORT, 'heard: read-only: an unacknowledged outbox item cannot be deleted'); END;

CREATE TABLE settings (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
);
)SQL";

// Indexes for the caseload list and per-child history (10,000 children, 100,000 records).
const char* kV4Indexes = R"SQL(
CREATE INDEX children_by_case ON children(case_id, display_name);
CREATE INDEX records_by_child ON records(child_id, created_at);
CREATE INDEX records_by_case ON records(case_id, created_at);
CREATE INDEX records_by_parent ON records(parent_id);
CREATE INDEX outbox_by_state ON outbox(state, case_id, priority);
)SQL";

// The outbox at scale (tens of thousands pending): the next batch is an index range scan in
// send order instead of a sort of everything pending; a high-risk case is found through its own
// index. group_key ties entries written together (a record and the audit entry of its signing)
// so a batch is never cut between them.
const char* kV5OutboxOrder = R"SQL(
ALTER TABLE outbox ADD COLUMN group_key TEXT NOT NULL DEFAULT '';
UPDATE outbox SET group_key = item_id WHERE item_type = 'record';
CREATE INDEX outbox_send_order ON outbox(state, id);
CREATE INDEX outbox_by_priority ON outbox(state, priority, case_id);
CREATE INDEX outbox_case_order ON outbox(state, case_id, id);
CREATE INDEX outbox_by_group ON outbox(state, group_key);
)SQL";

// The caseload summary (issue 19): one row per child with what the caseload shows that
// the records decide (not yet synced, high risk, last seen, signed concerns), kept up to
// date by triggers in the same transaction as every write, so showing the caseload never
// rereads the whole store. change_seq (from caseload_clock) tells the app which rows
// changed since it last looked. Follow-up deadlines depend on working days and the time
// now, so the app computes them from the signed concerns of the changed rows only.
//
// refreshChild(expr) recomputes one child's row from that child's records (indexed by
// records_by_child), with a new change_seq. "+o.state" keeps SQLite 3.15 on the outbox's
// (item_type, item_id, version) index: with the outbox's state-first indexes (migration 5) and
// no statistics it otherwise scans every pending entry for each record, quadratic at scale.
// The caseload shows when a child's risk identification is due for review: its signed
// versions are read for the children whose summary changed, through this partial index.
const char* kV7RiskReviews = R"SQL(
CREATE INDEX records_signed_risk ON records(child_id, signed_at) WHERE kind = 'risk_identification' AND status = 'signed';
)SQL";

// Safety alerts get a chain of their own per case (issue 14): an alert signed after the
// case's unsynced visit no longer waits for it at the server. A record's chain is part of its
// identity in the chain index; rows signed before this migration stay on the case chain ('').
const char* kV8SafetyChain = R"SQL(
ALTER TABLE records ADD COLUMN chain TEXT NOT NULL DEFAULT '';
DROP INDEX records_chain;
CREATE UNIQUE INDEX records_chain ON records(case_id, chain, chain_seq) WHERE chain_seq > 0;
)SQL";

// Managers' notes from the central system (issue 15): signed at the server, received on pull,
// never changed or deleted on the tablet, and never sent back (they are not in the outbox).
const char* kV11ManagerNotes = R"SQL(
CREATE TABLE manager_notes (
    id          TEXT PRIMARY KEY NOT NULL,
    seq         INTEGER NOT NULL,
    record_id   TEXT NOT NULL,
    case_id     TEXT NOT NULL,
    child_id    TEXT NOT NULL,
    author      TEXT NOT NULL,
    author_name TEXT NOT NULL,
    decision    TEXT NOT NULL,
    note        TEXT NOT NULL,
    note_date   TEXT NOT NULL,
    written_at  TEXT NOT NULL,
    hash        TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE INDEX manager_notes_by_child ON manager_notes(child_id, written_at);
CREATE TRIGGER manager_notes_no_update BEFORE UPDATE ON manager_notes
BEGIN SELECT RAISE(ABORT, 'heard: read-only: a manager''s note cannot change'); END;
CREATE TRIGGER manager_notes_no_delete BEFORE DELETE ON manager_notes
WHEN (SELECT count(*) FROM cases WHERE id = OLD.case_id) > 0
BEGIN SELECT RAISE(ABORT, 'heard: read-only: a manager''s note cannot be deleted'); END;
)SQL";

// Number 9 was kept for a branch that needed no schema change: an empty step keeps the
// list numbered without gaps (a shipped number is never reused).
const char* kV9Reserved = "SELECT 1;";

// What the court is deciding in each case (issue 16, item 1): app/model/court_matter.h's JSON.
const char* kV10CourtMatters = R"SQL(
CREATE TABLE court_matters (
    case_id TEXT PRIMARY KEY,
    payload TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
)SQL";

// What the app derives from a child's signed concerns and their addenda (the open follow-up
// deadlines), kept between unlocks so the first caseload frame at 100,000 records reads one row
// per child instead of every concern (issue 19, item 3). inputs_seq is bumped by triggers in the
// same transaction as any change to a child's concerns or addenda; the app's text counts only
// while derived_seq equals it (and format is the app's current one). The text is the app's:
// the store never reads it.
const char* kV12CaseloadDerived = R"SQL(
CREATE TABLE caseload_derived (
    child_id    TEXT PRIMARY KEY NOT NULL,
    inputs_seq  INTEGER NOT NULL DEFAULT 1, -- bumped when the child's concerns or addenda change
    derived_seq INTEGER NOT NULL DEFAULT 0, -- the inputs_seq `derived` was computed from (0: none)
    format      TEXT NOT NULL DEFAULT '',   -- the app's name for the text's format
    derived     TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
INSERT INTO caseload_derived (child_id) SELECT child_id FROM caseload_summary WHERE concerns > 0;
CREATE TRIGGER caseload_derived_insert AFTER INSERT ON records
WHEN NEW.child_id IS NOT NULL AND NEW.kind IN ('concern', 'addendum') BEGIN
    INSERT OR IGNORE INTO caseload_derived (child_id) VALUES (NEW.child_id);
    UPDATE caseload_derived SET inputs_seq = inputs_seq + 1 WHERE child_id = NEW.child_id;
END;
CREATE TRIGGER caseload_derived_update AFTER UPDATE ON records
WHEN (NEW.child_id IS NOT NULL AND NEW.kind IN ('concern', 'addendum'))
  OR (OLD.child_id IS NOT NULL AND OLD.kind IN ('concern', 'addendum')) BEGIN
    INSERT OR IGNORE INTO caseload_derived (child_id) SELECT NEW.child_id WHERE NEW.child_id IS NOT NULL;
    UPDATE caseload_derived SET inputs_seq = inputs_seq + 1 WHERE child_id IN (NEW.child_id, OLD.child_id);
END;
CREATE TRIGGER caseload_derived_delete AFTER DELETE ON records
WHEN OLD.child_id IS NOT NULL AND OLD.kind IN ('concern', 'addendum') BEGIN
    UPDATE caseload_derived SET inputs_seq = inputs_seq + 1 WHERE child_id = OLD.child_id;
END;
CREATE TRIGGER caseload_derived_child_delete AFTER DELETE ON children BEGIN
    DELETE FROM caseload_derived WHERE child_id = OLD.id;
END;
)SQL";

// Number 13 was kept for the child's side (issue 18), which needed no schema change.
const char* kV13Reserved = "SELECT 1;";

// A case's whole life (issue 20). A case reallocated away from the tablet, or closed, leaves
// it once everything of it is synced: case_removals names the case while its rows are deleted
// in one transaction, and only then may the signed-record and secured-case triggers let a
// record go. case_history holds the signed records of a case made on other tablets, received
// with an allocation: shown with the child's records, never changed, never sent back.
// Issue 20, item 4: each content update the organisation signed, as received (its JSON: version,
// files, signature, signer), checked before it is written. Every version is kept, so a record
// made with older content still reads with its own wording.
const char* kV15ContentUpdates = R"SQL(
CREATE TABLE content_updates (
    version     INTEGER PRIMARY KEY NOT NULL,
    body        TEXT NOT NULL,
    received_at TEXT NOT NULL
);
)SQL";

const char* kV14CaseLife = R"SQL(
CREATE TABLE case_removals (case_id TEXT PRIMARY KEY NOT NULL);
DROP TRIGGER records_signed_no_delete;
CREATE TRIGGER records_signed_no_delete BEFORE DELETE ON records
WHEN OLD.status = 'signed' AND NOT EXISTS (SELECT 1 FROM case_removals WHERE case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'heard: read-only: a signed record cannot be deleted'); END;
DROP TRIGGER records_secured_no_delete;
CREATE TRIGGER records_secured_no_delete BEFORE DELETE ON records
WHEN (SELECT secured FROM cases WHERE id = OLD.case_id) = 1
 AND NOT EXISTS (SELECT 1 FROM case_removals WHERE case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'heard: read-only: the case is secured'); END;
-- Secured for a review (issue 20): nothing more is added, not even an addendum.
DROP TRIGGER records_secured_no_insert;
CREATE TRIGGER records_secured_no_insert BEFORE INSERT ON records
WHEN (SELECT secured FROM cases WHERE id = NEW.case_id) = 1
BEGIN SELECT RAISE(ABORT, 'heard: read-only: the case is secured'); END;
CREATE TABLE case_history (
    id          TEXT NOT NULL,
    version     INTEGER NOT NULL,
    case_id     TEXT NOT NULL,
    child_id    TEXT NOT NULL,
    signed_at   TEXT NOT NULL,
    body        TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE INDEX case_history_by_child ON case_history(child_id, signed_at);
CREATE TRIGGER case_history_no_update BEFORE UPDATE ON case_history
BEGIN SELECT RAISE(ABORT, 'heard: read-only: a received record cannot change'); END;
CREATE TRIGGER case_history_no_delete BEFORE DELETE ON case_history
WHEN NOT EXISTS (SELECT 1 FROM case_removals WHERE case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'heard: read-only: a received record cannot be deleted'); END;
)SQL";

std::string refreshChild(const std::string& child) {
    return "UPDATE caseload_clock SET seq = seq + 1 WHERE id = 1;\n"
           "INSERT OR REPLACE INTO caseload_summary "
           "(child_id, change_seq, not_synced, high_risk, last_seen, concerns) SELECT " +
           child +
           ", (SELECT seq FROM caseload_clock WHERE id = 1), "
           "coalesce(sum(r.status = 'draft' OR EXISTS (SELECT 1 FROM outbox o WHERE o.item_type = 'record' "
           "AND o.item_id = r.id AND +o.state = 'pending')), 0), "
           "coalesce(max(r.high_risk), 0), "
           "coalesce(max(CASE WHEN r.status = 'signed' AND r.kind = 'visit' THEN r.signed_at END), ''), "
           "coalesce(sum(r.status = 'signed' AND r.kind = 'concern'), 0) "
           "FROM records r WHERE r.child_id = " +
           child + ";\n";
}

std::string caseloadSummarySql() {
    const std::string recordChild = "(SELECT child_id FROM records WHERE id = NEW.item_id)";
    return R"SQL(
CREATE TABLE caseload_clock (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL
);
INSERT INTO caseload_clock (id, seq) VALUES (1, 0);
CREATE TABLE caseload_summary (
    child_id    TEXT PRIMARY KEY NOT NULL,
    change_seq  INTEGER NOT NULL,
    not_synced  INTEGER NOT NULL DEFAULT 0, -- drafts, and signed records with a pending outbox entry
    high_risk   INTEGER NOT NULL DEFAULT 0, -- any record flagged high risk
    last_seen   TEXT NOT NULL DEFAULT '',   -- latest signed visit's signed_at
    concerns    INTEGER NOT NULL DEFAULT 0  -- signed concerns (their follow-ups are computed by the app)
) WITHOUT ROWID;
CREATE INDEX caseload_summary_by_change ON caseload_summary(change_seq);
-- The signed concerns of a child and, through records_by_parent, their addenda.
CREATE INDEX records_signed_concerns ON records(child_id, created_at) WHERE kind = 'concern' AND status = 'signed';
)SQL" +
           std::string("INSERT INTO caseload_summary (child_id, change_seq) SELECT id, 0 FROM children "
                       "UNION SELECT child_id, 0 FROM records WHERE child_id IS NOT NULL;\n") +
           // Backfill: every child's row computed once, in the migration's transaction.
           "UPDATE caseload_summary SET "
           "not_synced = (SELECT coalesce(sum(r.status = 'draft' OR EXISTS (SELECT 1 FROM outbox o WHERE "
           "o.item_type = 'record' AND o.item_id = r.id AND +o.state = 'pending')), 0) FROM records r WHERE "
           "r.child_id = caseload_summary.child_id), "
           "high_risk = (SELECT coalesce(max(r.high_risk), 0) FROM records r WHERE r.child_id = "
           "caseload_summary.child_id), "
           "last_seen = (SELECT coalesce(max(CASE WHEN r.status = 'signed' AND r.kind = 'visit' THEN "
           "r.signed_at "
           "END), '') FROM records r WHERE r.child_id = caseload_summary.child_id), "
           "concerns = (SELECT coalesce(sum(r.status = 'signed' AND r.kind = 'concern'), 0) FROM records r "
           "WHERE r.child_id = caseload_summary.child_id);\n"
           "UPDATE caseload_clock SET seq = 1 WHERE id = 1;\n"
           "UPDATE caseload_summary SET change_seq = 1;\n"
           // The triggers that keep it.
           "CREATE TRIGGER caseload_record_insert AFTER INSERT ON records WHEN NEW.child_id IS NOT NULL "
           "BEGIN\n" +
           refreshChild("NEW.child_id") + "END;\n" +
           "CREATE TRIGGER caseload_record_update AFTER UPDATE ON records WHEN NEW.child_id IS NOT NULL "
           "BEGIN\n" +
           refreshChild("NEW.child_id") + "END;\n" +
           // If a record ever moved to another child, the old child's row loses it.
           "CREATE TRIGGER caseload_record_moved AFTER UPDATE OF child_id ON records WHEN OLD.child_id IS "
           "NOT "
           "NULL AND OLD.child_id IS NOT NEW.child_id BEGIN\n" +
           refreshChild("OLD.child_id") + "END;\n" +
           "CREATE TRIGGER caseload_record_delete AFTER DELETE ON records WHEN OLD.child_id IS NOT NULL "
           "BEGIN\n" +
           refreshChild("OLD.child_id") + "END;\n" +
           "CREATE TRIGGER caseload_outbox_insert AFTER INSERT ON outbox WHEN NEW.item_type = 'record' AND " +
           recordChild + " IS NOT NULL BEGIN\n" + refreshChild(recordChild) + "END;\n" +
           "CREATE TRIGGER caseload_outbox_state AFTER UPDATE OF state ON outbox WHEN NEW.item_type = "
           "'record' "
           "AND OLD.state IS NOT NEW.state AND " +
           recordChild + " IS NOT NULL BEGIN\n" + refreshChild(recordChild) + "END;\n" +
           "CREATE TRIGGER caseload_child_insert AFTER INSERT ON children BEGIN\n" + refreshChild("NEW.id") +
           "END;\n" + "CREATE TRIGGER caseload_child_update AFTER UPDATE ON children BEGIN\n" +
           refreshChild("NEW.id") + "END;\n" +
           "CREATE TRIGGER caseload_case_update AFTER UPDATE OF reference ON cases "
           "WHEN OLD.reference IS NOT NEW.reference BEGIN\n"
           "UPDATE caseload_clock SET seq = seq + 1 WHERE id = 1;\n"
           "UPDATE caseload_summary SET change_seq = (SELECT seq FROM caseload_clock WHERE id = 1) "
           "WHERE child_id IN (SELECT id FROM children WHERE case_id = NEW.id);\n"
           "END;\n";
}

// Migration 16 (issue 19): the caseload summary kept in time independent of the child's history.
// Migration 6's triggers recomputed the child's whole row on every write and every outbox state
// change, reading all of the child's records: an autosave on a child with 3,000 records took
// 149 ms and acknowledging 300 entries 22 s (heard-bench store.long_history). Now high_risk and
// last_seen are read through partial indexes (a few index steps), and the two counts move by
// the one record's change: concerns by its becoming a signed concern, not_synced by its "not
// synced" state (a draft, or a pending outbox entry), worked out from that record and its own
// outbox entries only. A child without a row gets the full computation once.
std::string notSynced(const std::string& id, const std::string& status) {
    return "(" + status + " = 'draft' OR EXISTS (SELECT 1 FROM outbox o WHERE o.item_type = 'record' AND " +
           "o.item_id = " + id + " AND +o.state = 'pending'))";
}

std::string allRecords(const std::string& aggregate, const std::string& child) {
    return "(SELECT " + aggregate + " FROM records r WHERE r.child_id = " + child + ")";
}

// A child's row computed in full, for a child that has none yet.
// Not refreshChild's one aggregate over records: SQLite 3.15 runs its scan even when a NOT EXISTS
// in the WHERE is false (scale.caseload counted 7,580 steps for an autosave on a 1,500-record
// child). With no FROM, the row's subqueries run only when the WHERE lets the row through.
std::string missingChildRow(const std::string& child) {
    return "INSERT INTO caseload_summary (child_id, change_seq, not_synced, high_risk, last_seen, concerns) "
           "SELECT " +
           child + ", (SELECT seq FROM caseload_clock WHERE id = 1), " +
           allRecords("coalesce(sum(" + notSynced("r.id", "r.status") + "), 0)", child) + ", " +
           allRecords("coalesce(max(r.high_risk), 0)", child) + ", " +
           allRecords(
               "coalesce(max(CASE WHEN r.status = 'signed' AND r.kind = 'visit' THEN r.signed_at END), '')",
               child) +
           ", " + allRecords("coalesce(sum(r.status = 'signed' AND r.kind = 'concern'), 0)", child) +
           " WHERE NOT EXISTS (SELECT 1 FROM caseload_summary WHERE child_id = " + child + ");\n";
}

// One child's row after a change to one of its records or to one record's outbox entry:
// not_synced and concerns move by the record's change, the rest is read through indexes.
std::string touchChild(const std::string& child, const std::string& notSyncedDelta,
                       const std::string& concernsDelta = "0") {
    return "UPDATE caseload_clock SET seq = seq + 1 WHERE id = 1;\n"
           "UPDATE caseload_summary SET change_seq = (SELECT seq FROM caseload_clock WHERE id = 1), "
           "not_synced = not_synced + (" +
           notSyncedDelta +
           "), "
           "high_risk = EXISTS (SELECT 1 FROM records INDEXED BY records_high_risk WHERE child_id = " +
           child +
           " AND high_risk = 1), "
           "last_seen = coalesce((SELECT max(signed_at) FROM records INDEXED BY records_signed_visits WHERE "
           "child_id = " +
           child +
           " AND kind = 'visit' AND status = 'signed'), ''), "
           "concerns = concerns + (" +
           concernsDelta + ") WHERE child_id = " + child + ";\n" + missingChildRow(child);
}

// The same after a change to one record's outbox entry only (migration 18): high_risk, last_seen
// and concerns depend on the records alone, so only not_synced moves.
std::string touchNotSynced(const std::string& child, const std::string& notSyncedDelta) {
    return "UPDATE caseload_clock SET seq = seq + 1 WHERE id = 1;\n"
           "UPDATE caseload_summary SET change_seq = (SELECT seq FROM caseload_clock WHERE id = 1), "
           "not_synced = not_synced + (" +
           notSyncedDelta + ") WHERE child_id = " + child + ";\n" + missingChildRow(child);
}

std::string signedConcern(const std::string& row) {
    return "(" + row + ".status = 'signed' AND " + row + ".kind = 'concern')";
}

// The two triggers that move a child's not_synced count when a record's outbox entry is written
// or changes state. recordsTable: how the record is looked up (migration 18 names an index).
std::string
outboxDeltaTriggersSql(const std::string& recordsTable,
                       const std::function<std::string(const std::string&, const std::string&)>& touch) {
    const std::string record = "(SELECT child_id FROM " + recordsTable + " WHERE id = NEW.item_id)";
    const std::string recordStatus = "(SELECT status FROM " + recordsTable + " WHERE id = NEW.item_id)";
    // Another pending entry of the same record keeps it "not synced" whatever this one does.
    const std::string otherPending = "EXISTS (SELECT 1 FROM outbox o WHERE o.item_type = 'record' AND "
                                     "o.item_id = NEW.item_id AND o.id <> NEW.id AND +o.state = 'pending')";
    return "CREATE TRIGGER caseload_delta_outbox_insert AFTER INSERT ON outbox WHEN NEW.item_type = 'record' "
           "AND " +
           record + " IS NOT NULL BEGIN\n" +
           touch(record, "CASE WHEN " + recordStatus + " = 'draft' OR " + otherPending +
                             " THEN 0 ELSE NEW.state = 'pending' END") +
           "END;\n" +
           "CREATE TRIGGER caseload_delta_outbox_state AFTER UPDATE OF state ON outbox WHEN NEW.item_type = "
           "'record' AND OLD.state IS NOT NEW.state AND " +
           record + " IS NOT NULL BEGIN\n" +
           touch(record, "CASE WHEN " + recordStatus + " = 'draft' OR " + otherPending +
                             " THEN 0 ELSE (NEW.state = 'pending') - (OLD.state = 'pending') END") +
           "END;\n";
}

std::string caseloadDeltasSql() {
    const std::string sameChild = "OLD.child_id IS NEW.child_id";
    const std::string oldUnsynced = notSynced("OLD.id", "OLD.status");
    return std::string(R"SQL(
DROP TRIGGER caseload_record_insert;
DROP TRIGGER caseload_record_update;
DROP TRIGGER caseload_record_moved;
DROP TRIGGER caseload_record_delete;
DROP TRIGGER caseload_outbox_insert;
DROP TRIGGER caseload_outbox_state;
CREATE INDEX records_high_risk ON records(child_id) WHERE high_risk = 1;
CREATE INDEX records_signed_visits ON records(child_id, signed_at) WHERE kind = 'visit' AND status = 'signed';
)SQL") +
           "CREATE TRIGGER caseload_delta_record_insert AFTER INSERT ON records WHEN NEW.child_id IS NOT "
           "NULL "
           "BEGIN\n" +
           touchChild("NEW.child_id", notSynced("NEW.id", "NEW.status"), signedConcern("NEW")) + "END;\n" +
           "CREATE TRIGGER caseload_delta_record_update AFTER UPDATE ON records WHEN NEW.child_id IS NOT "
           "NULL "
           "BEGIN\n" +
           touchChild("NEW.child_id",
                      notSynced("NEW.id", "NEW.status") + " - CASE WHEN " + sameChild + " THEN " +
                          oldUnsynced + " ELSE 0 END",
                      signedConcern("NEW") + " - CASE WHEN " + sameChild + " THEN " + signedConcern("OLD") +
                          " ELSE 0 END") +
           "END;\n" +
           // If a record ever moved to another child, the old child's row loses it.
           "CREATE TRIGGER caseload_delta_record_moved AFTER UPDATE OF child_id ON records WHEN OLD.child_id "
           "IS NOT NULL AND NOT (" +
           sameChild + ") BEGIN\n" +
           touchChild("OLD.child_id", "-" + oldUnsynced, "-" + signedConcern("OLD")) + "END;\n" +
           "CREATE TRIGGER caseload_delta_record_delete AFTER DELETE ON records WHEN OLD.child_id IS NOT "
           "NULL "
           "BEGIN\n" +
           touchChild("OLD.child_id", "-" + oldUnsynced, "-" + signedConcern("OLD")) + "END;\n" +
           outboxDeltaTriggersSql("records", [](const std::string& child, const std::string& delta) {
               return touchChild(child, delta);
           });
}

// Migration 17 (issue 19): every chain's head kept in a table of its own, so unlock's rollback
// check (store.cpp, checkChainHeads) reads 2,500 rows instead of making one seek into records
// per case and chain and reading a record page for each (65-77 ms at 100,000 records). The table
// is written in the same transaction as the records, so a lost WAL or an older copy put back
// loses both, and the check against the key file still sees it. Store::checkIntegrity compares
// the table with the heads read from the records, after unlock.
std::string chainHeadOf(const std::string& caseId, const std::string& chain) {
    return "DELETE FROM chain_heads WHERE case_id = " + caseId + " AND chain = " + chain +
           ";\n"
           "INSERT INTO chain_heads (case_id, chain, seq, hash, prev_hash) SELECT case_id, chain, chain_seq, "
           "hash, prev_hash FROM records WHERE case_id = " +
           caseId + " AND chain = " + chain + " AND chain_seq > 0 ORDER BY chain_seq DESC LIMIT 1;\n";
}

std::string chainHeadsSql() {
    return std::string(R"SQL(
CREATE TABLE chain_heads (
    case_id     TEXT NOT NULL,
    chain       TEXT NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq > 0),
    hash        TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    PRIMARY KEY (case_id, chain)
) WITHOUT ROWID;
-- A bare column beside max() takes its value from the row holding the max (SQLite 3.7.11+).
INSERT INTO chain_heads (case_id, chain, seq, hash, prev_hash)
SELECT case_id, chain, max(chain_seq), hash, prev_hash FROM records WHERE chain_seq > 0 GROUP BY case_id, chain;
)SQL") + "CREATE TRIGGER chain_heads_insert AFTER INSERT ON records WHEN NEW.chain_seq > 0 BEGIN\n" +
           chainHeadOf("NEW.case_id", "NEW.chain") + "END;\n" +
           "CREATE TRIGGER chain_heads_update AFTER UPDATE OF chain, chain_seq, hash, prev_hash ON records "
           "WHEN OLD.chain_seq > 0 OR NEW.chain_seq > 0 BEGIN\n" +
           chainHeadOf("OLD.case_id", "OLD.chain") + chainHeadOf("NEW.case_id", "NEW.chain") + "END;\n" +
           "CREATE TRIGGER chain_heads_delete AFTER DELETE ON records WHEN OLD.chain_seq > 0 BEGIN\n" +
           chainHeadOf("OLD.case_id", "OLD.chain") + "END;\n";
}

// Migration 18 (issue 19): acknowledging an outbox entry no longer rewrites what was sent, and
// a child's details written again do not recompute the child's row.
// - A new entry's body goes into outbox_bodies, so the acknowledgement's UPDATE rewrites a
//   row of some 100 bytes instead of one holding the body (a 10,000-record push rewrote 35 MB;
//   heard-bench sync: the acknowledgements were 58% of the sync thread's CPU). Entries written
//   before keep their body in outbox.body; a new entry has '' there (kOutboxBody reads both).
// - Every pull writes the case's children again (the allocation); migration 6's trigger then
//   re-read all of the child's records. Now only a real change bumps the row, through indexes.
std::string outboxBodiesSql() {
    return std::string(R"SQL(
CREATE TABLE outbox_bodies (
    id    INTEGER PRIMARY KEY NOT NULL,
    body  TEXT NOT NULL CHECK (body <> '')
);
CREATE TRIGGER outbox_body_fixed BEFORE UPDATE ON outbox_bodies
BEGIN SELECT RAISE(ABORT, 'heard: read-only: an outbox item cannot change'); END;
CREATE TRIGGER outbox_body_kept BEFORE DELETE ON outbox_bodies
WHEN EXISTS (SELECT 1 FROM outbox WHERE id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'heard: read-only: an outbox body leaves only with its entry'); END;
CREATE TRIGGER outbox_body_leaves AFTER DELETE ON outbox
BEGIN DELETE FROM outbox_bodies WHERE id = OLD.id; END;
DROP TRIGGER caseload_child_update;
-- Acknowledging changes an entry's state: only the indexes that hold state change with it. The
-- send-order indexes now hold pending entries only (an acknowledgement removes one entry from
-- each, where migration 5's state-first indexes moved it to another place, and the group index,
-- keyed by random ids, touched a page per record); the others no longer hold state at all.
DROP INDEX outbox_by_state;
DROP INDEX outbox_send_order;
DROP INDEX outbox_by_priority;
DROP INDEX outbox_case_order;
DROP INDEX outbox_by_group;
CREATE INDEX outbox_by_case ON outbox(case_id);
CREATE INDEX outbox_by_group ON outbox(group_key);
CREATE INDEX outbox_send_order ON outbox(id) WHERE state = 'pending';
CREATE INDEX outbox_by_priority ON outbox(priority, case_id) WHERE state = 'pending';
CREATE INDEX outbox_case_order ON outbox(case_id, id) WHERE state = 'pending';
CREATE INDEX outbox_quarantined ON outbox(id) WHERE state = 'quarantined';
-- An outbox entry's triggers look up its record's child and status: from this index, without
-- reading the record's row (a page of its own at ~2.3 KB; a 10,000-record push read 10,000).
CREATE INDEX records_child_status ON records(id, child_id, status);
DROP TRIGGER caseload_delta_outbox_insert;
DROP TRIGGER caseload_delta_outbox_state;
)SQL") + outboxDeltaTriggersSql("records INDEXED BY records_child_status", touchNotSynced) +
           "CREATE TRIGGER caseload_child_update AFTER UPDATE ON children WHEN OLD.id IS NOT NEW.id OR "
           "OLD.case_id IS NOT NEW.case_id OR OLD.display_name IS NOT NEW.display_name OR OLD.date_of_birth "
           "IS NOT NEW.date_of_birth OR OLD.details IS NOT NEW.details BEGIN\n" +
           touchChild("NEW.id", "0") + "END;\n";
}

} // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> s_migrations = {
        {1, "cases, children and records with the signed-record triggers", kV1CasesChildrenRecords},
        {2, "append-only, hash-chained audit log", kV2AuditLog},
        {3, "outbox and settings", kV3OutboxSettings},
        {4, "indexes for the caseload and per-child history", kV4Indexes},
        {5, "outbox send order and batch groups", kV5OutboxOrder},
        {6, "caseload summary kept by triggers (issue 19)", caseloadSummarySql()},
        {7, "signed risk identifications of a child, for review dates on the caseload (issue 14)",
         kV7RiskReviews},
        {8, "safety alerts on a chain of their own per case (issue 14)", kV8SafetyChain},
        {9, "no change (the number was kept for a branch that needed none)", kV9Reserved},
        {10, "what the court is deciding, per case (issue 16)", kV10CourtMatters},
        {11, "managers' notes received from the central system (issue 15)", kV11ManagerNotes},
        {12, "the app's follow-up deadlines per child, kept between unlocks (issue 19)", kV12CaseloadDerived},
        {13, "no change (the number was kept for a branch that needed none)", kV13Reserved},
        {14, "a case leaves the tablet whole; history received from other tablets (issue 20)", kV14CaseLife},
        {15, "content updates signed by the organisation, every version kept (issue 20)", kV15ContentUpdates},
        {16, "the caseload summary kept without reading a child's whole history (issue 19)",
         caseloadDeltasSql()},
        {17, "every chain's head kept beside the records, read at unlock (issue 19)", chainHeadsSql()},
        {18,
         "outbox bodies apart from their delivery state; a child's row bumped only on a change (issue 19)",
         outboxBodiesSql()},
    };
    return s_migrations;
}

int latestSchemaVersion() {
    return migrations().back().version;
}

void migrate(Database& db, int target) {
    migrate(db, migrations(), target);
}

void migrate(Database& db, const std::vector<Migration>& list, int target) {
    const int latest = list.empty() ? 0 : list.back().version;
    if (target < 0) target = latest;
    const int current = db.userVersion();
    if (current > latest)
        throw StoreError(StoreErrorKind::TooNew,
                         "the database has schema version " + std::to_string(current) +
                             " but this Heard knows only up to " + std::to_string(latest) +
                             ": update the app; the database was not changed");
    for (const auto& migration : list) {
        if (migration.version <= current) continue;
        if (migration.version > target) break;
        // DDL and user_version commit together or not at all.
        Transaction transaction(db);
        db.exec(migration.sql);
        db.setUserVersion(migration.version);
        transaction.commit();
    }
}

} // namespace heard::storage
