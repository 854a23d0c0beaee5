#include "server/console/oversight.h"

#include "base/hash.h"
#include "base/iso_time.h"
#include "base/json_reader.h"
#include "base/referral_deadlines.h"
#include "storage/record_kinds.h"
#include "sync/protocol.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace heard::server::console {

using nlohmann::json;

namespace {
std::string textOf(const json& j, const char* name) {
    auto it = j.find(name);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
std::int64_t toInt(const std::string& text) {
    try {
        return std::stoll(text);
    } catch (const std::exception&) {
        return 0;
    }
}
} // namespace

// [SECTION] Record index ---------------------------------------------------------------------

std::vector<RouteDeadlines> loadRouteDeadlines(const std::string& path) {
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    std::vector<RouteDeadlines> routes;
    auto parsed = base::tryReadJson(text.str(), {4 << 20, 32}, nullptr);
    if (!parsed || !parsed->is_object()) return routes;
    auto list = parsed->find("referralRoutes");
    if (list == parsed->end() || !list->is_array()) return routes;
    for (const auto& r : *list) {
        if (!r.is_object()) continue;
        RouteDeadlines route{textOf(r, "id"), {}};
        auto deadlines = r.find("deadlines");
        if (deadlines != r.end() && deadlines->is_array())
            for (const auto& d : *deadlines) {
                auto days = d.find("workingDays");
                if (!d.is_object() || days == d.end() || !days->is_number_integer()) continue;
                const auto n = days->get<std::int64_t>();
                if (n < 0 || n > 20) continue;
                route.deadlines.push_back({textOf(d, "id"), int(n)});
            }
        routes.push_back(std::move(route));
    }
    return routes;
}

namespace {
// The follow-ups a concern creates, by the one shared rule (base/referral_deadlines.h, which the
// tablet's concernFollowUps uses too): id and due time of each.
json concernDeadlines(const json& payload, const std::vector<RouteDeadlines>& routes) {
    json out = json::array();
    auto referrals = payload.find("referrals");
    if (referrals == payload.end() || !referrals->is_array()) return out;
    std::vector<base::ReferralMade> made;
    for (const auto& referral : *referrals)
        if (referral.is_object()) made.push_back({textOf(referral, "route"), textOf(referral, "at")});
    const auto rulesOf = [&](const std::string& routeId) -> const std::vector<base::DeadlineRule>* {
        auto route =
            std::find_if(routes.begin(), routes.end(), [&](const auto& r) { return r.route == routeId; });
        return route == routes.end() ? nullptr : &route->deadlines;
    };
    for (const auto& d : base::referralDeadlines(made, rulesOf))
        out.push_back({{"id", d.id}, {"due", base::formatIsoUtc(d.due)}});
    return out;
}
} // namespace

std::size_t indexNewRecords(ServerStore& store, SqlSession& sql, const std::vector<RouteDeadlines>& routes,
                            std::size_t limit) {
    auto last = sql.query("SELECT COALESCE(MAX(received_seq), 0) FROM record_index");
    const std::int64_t after = last.empty() ? 0 : toInt(last[0][0]);
    auto rows = sql.query("SELECT seq, item_id, version, case_id, practitioner_id, body FROM received "
                          "WHERE item_type = 'record' AND seq > ? ORDER BY seq LIMIT ?",
                          {after, static_cast<std::int64_t>(limit)});
    for (const auto& row : rows) {
        json body;
        try {
            body = base::tryReadJson(store.readableBody("record", row[1], toInt(row[2]), row[5]),
                                     {8 << 20, 64}, nullptr)
                       .value_or(json());
        } catch (const std::exception&) {
            body = json(); // a body that does not open is indexed with what the envelope says
        }
        if (!body.is_object()) body = json::object();
        json payload =
            body.contains("payload") && body["payload"].is_object() ? body["payload"] : json::object();
        const std::string kind = textOf(body, "kind");
        std::string eventAt = textOf(body, "signedAt");
        std::string extra;
        if (kind == storage::kinds::kSafetyAlert && !textOf(payload, "disclosed_at").empty())
            eventAt = textOf(payload, "disclosed_at"); // when the child said it
        if (kind == storage::kinds::kConcern) {
            if (!textOf(payload, "identified_at").empty()) eventAt = textOf(payload, "identified_at");
            json deadlines = concernDeadlines(payload, routes);
            if (!deadlines.empty()) extra = deadlines.dump();
        }
        if (kind == storage::kinds::kAddendum && payload.contains("follow_ups_done") &&
            payload["follow_ups_done"].is_object())
            extra = payload["follow_ups_done"].dump();
        const bool highRisk =
            body.contains("highRisk") && body["highRisk"].is_boolean() && body["highRisk"].get<bool>();
        // INSERT ... SELECT ... WHERE NOT EXISTS: SQLCipher's SQLite predates ON CONFLICT DO NOTHING.
        sql.exec(
            "INSERT INTO record_index(received_seq, item_id, version, case_id, child_id, practitioner_id, "
            "kind, high_risk, parent_id, signed_at, event_at, extra) SELECT ?,?,?,?,?,?,?,?,?,?,?,? "
            "WHERE NOT EXISTS (SELECT 1 FROM record_index WHERE received_seq = ?)",
            {toInt(row[0]), row[1], toInt(row[2]), row[3], textOf(body, "childId"), row[4], kind,
             std::int64_t(highRisk ? 1 : 0), textOf(body, "parentId"), textOf(body, "signedAt"), eventAt,
             extra, toInt(row[0])});
        // Flags the queue reads instead of correlated subqueries: only the newest version of a
        // record is listed, and a record with a manager's note is no longer waiting for one.
        sql.exec("UPDATE record_index SET latest = 0 WHERE item_id = ? AND version < ?",
                 {row[1], toInt(row[2])});
        sql.exec("UPDATE record_index SET noted = 1 WHERE received_seq = ? AND EXISTS (SELECT 1 FROM "
                 "oversight_notes "
                 "n WHERE n.record_id = ?)",
                 {toInt(row[0]), row[1]});
    }
    return rows.size();
}

namespace {
const char* kIndexColumns =
    "SELECT ri.received_seq, ri.item_id, ri.version, ri.case_id, ri.child_id, "
    "ri.practitioner_id, ri.kind, ri.parent_id, ri.signed_at, ri.event_at, ri.high_risk, ri.extra "
    "FROM record_index ri ";
IndexedRecord indexedFrom(const SqlRow& r) {
    IndexedRecord out;
    out.receivedSeq = toInt(r[0]);
    out.itemId = r[1];
    out.version = toInt(r[2]);
    out.caseId = r[3];
    out.childId = r[4];
    out.practitionerId = r[5];
    out.kind = r[6];
    out.parentId = r[7];
    out.signedAt = r[8];
    out.eventAt = r[9];
    out.highRisk = r[10] == "1";
    return out;
}
// A queue item that opens a record; since is the time the section orders by.
QueueItem recordItem(QueueSection section, const IndexedRecord& rec, const std::string& since) {
    QueueItem item;
    item.section = section;
    item.kind = rec.kind;
    item.recordId = rec.itemId;
    item.caseId = rec.caseId;
    item.childId = rec.childId;
    item.practitionerId = rec.practitionerId;
    item.since = since;
    return item;
}
// Kinds that want a manager's word (SF 2.30, 2.81-2.82, appendix V).
const char* kReviewKinds = "('concern','risk_identification','safety_alert','skin_map','conflict_analysis',"
                           "'information_sharing')";
} // namespace

// [SECTION] Queue ----------------------------------------------------------------------------

std::vector<QueueItem> buildQueue(SqlSession& sql, const Account& manager, base::TimePoint now,
                                  std::size_t perSectionLimit) {
    std::vector<QueueItem> items;
    const std::string scope = scopeParam(manager);
    const std::string team = std::string("(") + teamCasesSql() + ")";
    const auto limit = static_cast<std::int64_t>(perSectionLimit);
    // noted and latest are kept by indexNewRecords and writeNote (index record_index_open).
    const std::string open = " AND ri.noted = 0 AND ri.latest = 1 ";

    // 1. Safety alerts not acknowledged, and high-risk records with no manager's word: oldest
    // first, by when the child said it (or the concern was identified).
    for (const auto& r :
         sql.query(std::string(kIndexColumns) + "WHERE ri.case_id IN " + team +
                       " AND ((ri.kind = 'safety_alert' AND EXISTS (SELECT 1 FROM safety_alerts sa "
                       "WHERE sa.item_id = ri.item_id AND sa.acknowledged_at = '')) OR ri.high_risk = 1)" +
                       open + " ORDER BY ri.event_at, ri.received_seq LIMIT ?",
                   {scope, limit})) {
        IndexedRecord rec = indexedFrom(r);
        items.push_back(recordItem(QueueSection::Urgent, rec, rec.eventAt));
    }

    // 2. Follow-ups due today or overdue, in working days with bank holidays.
    {
        std::vector<QueueItem> due;
        auto concerns = sql.query(std::string(kIndexColumns) + "WHERE ri.case_id IN " + team +
                                      " AND ri.kind = 'concern' AND ri.extra <> ''",
                                  {scope});
        // Completion comes from the concerns' addenda: read once for the team, not per concern.
        std::map<std::string, std::map<std::string, bool>> doneByConcern;
        for (const auto& a :
             sql.query("SELECT ri.parent_id, ri.extra FROM record_index ri WHERE ri.case_id IN " + team +
                           " AND ri.kind = 'addendum' AND ri.extra <> ''",
                       {scope})) {
            json d = json::parse(a[1], nullptr, false);
            if (d.is_object())
                for (auto it = d.begin(); it != d.end(); ++it)
                    doneByConcern[a[0]][it.key()] = true;
        }
        for (const auto& r : concerns) {
            IndexedRecord rec = indexedFrom(r);
            json deadlines = json::parse(r[11], nullptr, false);
            if (!deadlines.is_array()) continue;
            const auto& done = doneByConcern[rec.itemId];
            for (const auto& d : deadlines) {
                const std::string id = textOf(d, "id");
                if (done.count(id)) continue;
                base::TimePoint dueAt;
                try {
                    dueAt = base::parseIsoUtc(textOf(d, "due"));
                } catch (const std::invalid_argument&) {
                    continue;
                }
                // Due today: the deadline's day is today; overdue by n: n working days after it.
                if (base::utcDay(dueAt) > base::utcDay(now)) continue;
                const int late = std::max(0, base::workingDaysBetween(dueAt, now));
                QueueItem item = recordItem(QueueSection::FollowUps, rec, textOf(d, "due"));
                item.followUpId = id;
                item.workingDaysLate = late;
                due.push_back(std::move(item));
            }
        }
        std::stable_sort(due.begin(), due.end(), [](const QueueItem& a, const QueueItem& b) {
            return a.workingDaysLate > b.workingDaysLate;
        });
        if (due.size() > perSectionLimit) due.resize(perSectionLimit);
        items.insert(items.end(), due.begin(), due.end());
    }

    // 3. Records awaiting a manager's word (newest version of each), oldest first.
    for (const auto& r : sql.query(std::string(kIndexColumns) + "WHERE ri.case_id IN " + team +
                                       " AND ri.kind IN " + kReviewKinds +
                                       " AND ri.high_risk = 0 AND NOT (ri.kind = 'safety_alert' AND "
                                       "EXISTS (SELECT 1 FROM safety_alerts sa WHERE sa.item_id = "
                                       "ri.item_id AND sa.acknowledged_at = ''))" +
                                       open + " ORDER BY ri.signed_at, ri.received_seq LIMIT ?",
                                   {scope, limit})) {
        IndexedRecord rec = indexedFrom(r);
        items.push_back(recordItem(QueueSection::AwaitingReview, rec, rec.signedAt));
    }

    // 4. Devices of the team's practitioners not seen for more than 3 days.
    if (manager.role == Role::Manager && !manager.teamId.empty()) {
        const std::string cutoff = base::formatIsoUtc(now - std::chrono::hours(72));
        for (const auto& r : sql.query(
                 "SELECT d.id, d.practitioner_id, COALESCE(s.seen_at, d.created_at) AS seen FROM devices d "
                 "JOIN account_roles ar ON ar.account_id = d.practitioner_id "
                 "LEFT JOIN device_seen s ON s.device_id = d.id "
                 "WHERE ar.team_id = ? AND ar.role = 'practitioner' AND d.revoked = 0 "
                 "AND COALESCE(s.seen_at, d.created_at) < ? ORDER BY seen LIMIT ?",
                 {manager.teamId, cutoff, limit}))
            items.push_back({QueueSection::QuietDevices, "device", {}, {}, {}, r[1], r[2], {}, 0, r[0]});
    }
    return items;
}

std::optional<IndexedRecord> findRecordInScope(SqlSession& sql, const Account& viewer,
                                               const std::string& itemId) {
    auto rows = sql.query(std::string(kIndexColumns) + "WHERE ri.item_id = ? AND ri.case_id IN (" +
                              teamCasesSql() + ") ORDER BY ri.version DESC LIMIT 1",
                          {itemId, scopeParam(viewer)});
    if (rows.empty()) return std::nullopt;
    return indexedFrom(rows[0]);
}

std::vector<IndexedRecord> addendaOf(SqlSession& sql, const std::string& itemId) {
    std::vector<IndexedRecord> out;
    for (const auto& r :
         sql.query(std::string(kIndexColumns) + "WHERE ri.parent_id = ? ORDER BY ri.signed_at", {itemId}))
        out.push_back(indexedFrom(r));
    return out;
}

std::optional<StoredRecord> storedRecord(ServerStore& store, SqlSession& sql, std::int64_t receivedSeq) {
    auto rows =
        sql.query("SELECT item_id, version, body, hash, device_id, chain_seq FROM received WHERE seq = ?",
                  {receivedSeq});
    if (rows.empty()) return std::nullopt;
    const auto& r = rows[0];
    return StoredRecord{store.readableBody("record", r[0], toInt(r[1]), r[2]), r[3], r[4], toInt(r[5])};
}

std::string chainLinkProblem(SqlSession& sql, const std::string& caseId, const std::string& deviceId,
                             std::int64_t chainSeq, const std::string& prevHash) {
    if (chainSeq <= 1) return prevHash.empty() ? "" : "first_link_has_previous";
    auto rows =
        sql.query("SELECT hash FROM received WHERE item_type = 'record' AND case_id = ? AND device_id = ? "
                  "AND chain_seq = ?",
                  {caseId, deviceId, chainSeq - 1});
    if (rows.empty()) return "previous_missing";
    return rows[0][0] == prevHash ? "" : "previous_hash_differs";
}

// [SECTION] Notes ----------------------------------------------------------------------------

const std::vector<std::string>& noteDecisions() {
    static const std::vector<std::string> decisions = {"agree_referral", "discuss_in_supervision",
                                                       "return_for_analysis", "noted"};
    return decisions;
}

sync::ManagerNote OversightNote::wire() const {
    return {seq,      id,   recordId, caseId,    childId, author,   authorName,
            decision, note, noteDate, writtenAt, hash,    signature};
}

json OversightNote::toJson() const {
    json j = sync::toJson(wire());
    j.erase("seq");
    j["kind"] = storage::kinds::kManagerNote;
    return j;
}

namespace {
const char* kNoteBinding = "manager_note"; // the body's binding when sealed at rest
OversightNote noteFrom(ServerStore& store, const SqlRow& r) {
    OversightNote n;
    n.seq = toInt(r[0]);
    json body = json::parse(store.readableBody(kNoteBinding, r[2], 1, r[1]), nullptr, false);
    if (!body.is_object()) return n;
    for (auto [name, field] : {std::pair{"id", &n.id},
                               {"recordId", &n.recordId},
                               {"caseId", &n.caseId},
                               {"childId", &n.childId},
                               {"author", &n.author},
                               {"authorName", &n.authorName},
                               {"decision", &n.decision},
                               {"note", &n.note},
                               {"noteDate", &n.noteDate},
                               {"writtenAt", &n.writtenAt},
                               {"hash", &n.hash},
                               {"signature", &n.signature}})
        *field = textOf(body, name);
    return n;
}
} // namespace

std::string writeNote(ServerStore& store, SqlSession& sql, const NoteSigner& signer, const Account& manager,
                      const IndexedRecord& record, const std::string& formId, const std::string& decision,
                      const std::string& note, const std::string& noteDate, OversightNote* saved) {
    if (!sql.query("SELECT seq FROM oversight_notes WHERE id = ?", {formId}).empty()) return "duplicate";
    OversightNote n;
    n.id = formId;
    n.recordId = record.itemId;
    n.caseId = record.caseId;
    n.childId = record.childId;
    n.author = manager.id;
    n.authorName = manager.displayName;
    n.decision = decision;
    n.note = note;
    n.noteDate = noteDate;
    n.writtenAt = base::nowIsoUtc();
    // The hash names the note; the signature makes it the server's (the tablet checks both).
    const std::string bytes = sync::managerNoteSignedBytes(n.wire());
    n.hash = base::blake2bHex(bytes);
    n.signature = signer.signHex(bytes);
    // The words are sealed at rest like the records they are about (when records are); the
    // columns the queue and pull select by carry no words.
    sql.exec(
        "INSERT INTO oversight_notes(id, record_id, case_id, author, decision, note_date, written_at, body, "
        "hash) VALUES(?,?,?,?,?,?,?,?,?)",
        {n.id, n.recordId, n.caseId, n.author, n.decision, n.noteDate, n.writtenAt,
         store.sealedBody(kNoteBinding, n.id, 1, n.toJson().dump()), n.hash});
    sql.exec("UPDATE record_index SET noted = 1 WHERE item_id = ?", {record.itemId});
    // The manager's word acknowledges the alert: it leaves the top of the queue.
    sql.exec("UPDATE safety_alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE item_id = ? AND "
             "acknowledged_at = ''",
             {n.writtenAt, manager.id, record.itemId});
    writeServerAudit(sql, manager.id, "oversight_note", record.itemId, n.id);
    if (saved) *saved = n;
    return {};
}

std::vector<OversightNote> notesForRecord(ServerStore& store, SqlSession& sql, const std::string& recordId) {
    std::vector<OversightNote> out;
    for (const auto& r :
         sql.query("SELECT seq, body, id FROM oversight_notes WHERE record_id = ? ORDER BY seq", {recordId}))
        out.push_back(noteFrom(store, r));
    return out;
}

std::vector<OversightNote> notesForPractitioner(ServerStore& store, const std::string& practitionerId,
                                                std::int64_t cursor, std::size_t limit) {
    std::vector<OversightNote> out;
    store.transact([&](SqlSession& sql) {
        for (const auto& r :
             sql.query("SELECT n.seq, n.body, n.id FROM oversight_notes n JOIN cases c ON c.case_id = "
                       "n.case_id WHERE c.practitioner_id = ? AND n.seq > ? ORDER BY n.seq LIMIT ?",
                       {practitionerId, cursor, static_cast<std::int64_t>(limit)}))
            out.push_back(noteFrom(store, r));
    });
    return out;
}

} // namespace heard::server::console
