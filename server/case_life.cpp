#include "server/case_life.h"

#include "server/console/people.h"

#include "base/hash.h"
#include "base/iso_time.h"
#include "base/json_reader.h"

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace heard::server {

CaseHistory caseHistorySince(ServerStore& store, const std::string& practitionerId,
                             const std::string& deviceId, std::int64_t after, std::size_t maxRecords,
                             std::size_t maxBytes) {
    struct Row {
        std::int64_t seq = 0, version = 0;
        std::string itemId, body;
    };
    std::vector<Row> rows;
    std::int64_t upTo = after;
    store.transact([&](SqlSession& sql) {
        // The highest seq in the held cases first, then the other devices' records up to it (one
        // index range per held case, received_by_case). The device's own records are never read:
        // after it pushed 10,000 of them, one pull moves the cursor past them all.
        for (const auto& r : sql.query("SELECT coalesce(max(r.seq), 0) FROM cases c JOIN received r ON "
                                       "r.case_id = c.case_id WHERE c.practitioner_id = ? AND r.item_type = "
                                       "'record' AND r.seq > ?",
                                       {practitionerId, after}))
            upTo = std::max(after, static_cast<std::int64_t>(std::stoll(r[0])));
        for (const auto& r : sql.query(
                 "SELECT r.seq, r.item_id, r.version, r.body FROM cases c JOIN received r ON r.case_id = "
                 "c.case_id WHERE c.practitioner_id = ? AND r.item_type = 'record' AND r.seq > ? AND "
                 "r.seq <= ? AND r.device_id <> ? ORDER BY r.seq LIMIT ?",
                 {practitionerId, after, upTo, deviceId, static_cast<std::int64_t>(maxRecords)}))
            rows.push_back({std::stoll(r[0]), std::stoll(r[2]), r[1], r[3]});
    });
    CaseHistory history;
    history.cursor = after;
    bool cut = rows.size() >= maxRecords; // the rest next time
    std::size_t bytes = 0;
    for (auto& row : rows) {
        std::string body = store.readableBody("record", row.itemId, row.version, row.body);
        if (!history.bodies.empty() && bytes + body.size() > maxBytes) {
            cut = true; // the rest next time
            break;
        }
        bytes += body.size();
        history.bodies.push_back(std::move(body));
        history.cursor = row.seq;
    }
    if (!cut) history.cursor = upTo; // everything up to upTo was sent or is the device's own
    return history;
}

std::vector<std::string> caseHistoryOf(ServerStore& store, const std::string& caseId,
                                       const std::string& deviceId, std::size_t maxRecords,
                                       std::size_t maxBytes) {
    struct Row {
        std::string itemId, body;
        std::int64_t version = 0;
    };
    std::vector<Row> rows;
    store.transact([&](SqlSession& sql) {
        for (const auto& r :
             sql.query("SELECT item_id, version, body FROM received WHERE item_type = 'record' AND "
                       "case_id = ? AND (device_id <> ? OR EXISTS (SELECT 1 FROM removals_confirmed WHERE "
                       "device_id = ? AND case_id = ?)) ORDER BY seq LIMIT ?",
                       {caseId, deviceId, deviceId, caseId, static_cast<std::int64_t>(maxRecords)}))
            rows.push_back({r[0], r[2], std::stoll(r[1])});
    });
    std::vector<std::string> bodies;
    std::size_t bytes = 0;
    for (const auto& row : rows) {
        std::string body = store.readableBody("record", row.itemId, row.version, row.body);
        if (!bodies.empty() && bytes + body.size() > maxBytes) break;
        bytes += body.size();
        bodies.push_back(std::move(body));
    }
    return bodies;
}

CaseStanding caseStanding(ServerStore& store, const std::string& caseId) {
    CaseStanding standing;
    store.transact([&](SqlSession& sql) {
        auto rows = sql.query("SELECT secured_at, closed_at FROM case_life WHERE case_id = ?", {caseId});
        if (!rows.empty()) standing = {rows[0][0], rows[0][1]};
    });
    return standing;
}

std::string retentionDay(const std::string& dateOfBirth) {
    int y = 0, m = 0, d = 0;
    if (dateOfBirth.size() != 10 || std::sscanf(dateOfBirth.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 ||
        m < 1 || m > 12 || d < 1 || d > 31)
        return {};
    y += 22;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap) m = 3, d = 1;
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
    return text;
}

std::vector<sync::SecuredCase> securedCasesHeldBy(ServerStore& store, const std::string& practitionerId) {
    std::vector<sync::SecuredCase> out;
    store.transact([&](SqlSession& sql) {
        for (const auto& r :
             sql.query("SELECT l.case_id, l.secured_at FROM case_life l JOIN cases c ON c.case_id = "
                       "l.case_id WHERE c.practitioner_id = ? AND l.secured_at <> '' ORDER BY "
                       "l.case_id",
                       {practitionerId}))
            out.push_back({r[0], r[1]});
    });
    return out;
}

std::string checkCaseStanding(const nlohmann::json& body, const CaseStanding& standing) {
    // ISO 8601 UTC orders as text (to the second).
    const std::string signedAt = body.value("signedAt", std::string());
    const std::string createdAt = body.value("createdAt", std::string());
    auto after = [](const std::string& at, const std::string& moment) {
        return at.empty() || at.substr(0, 19) > moment.substr(0, 19);
    };
    // Signed before the securing (it waited on a tablet without signal): part of that moment.
    if (!standing.securedAt.empty() && after(signedAt, standing.securedAt)) return "case_secured";
    // Begun before the closing (a visit in progress): finished, signed and taken.
    if (!standing.closedAt.empty() && after(signedAt, standing.closedAt) &&
        after(createdAt, standing.closedAt))
        return "case_closed";
    return {};
}

namespace {

// The frozen set of a secured case: every record received up to `upToSeq`, in order, as
// (id, version, BLAKE2b of the body as received): its digest and count.
std::pair<std::string, std::int64_t> frozenDigest(SqlSession& sql, const std::string& caseId,
                                                  std::int64_t upToSeq) {
    std::string lines;
    std::int64_t count = 0;
    for (const auto& r :
         sql.query("SELECT item_id, version, body_digest FROM received WHERE item_type = 'record' "
                   "AND case_id = ? AND seq <= ? ORDER BY seq",
                   {caseId, upToSeq})) {
        lines += r[0] + ":" + r[1] + ":" + r[2] + "\n";
        ++count;
    }
    return {base::blake2bHex(lines), count};
}

int usage(std::ostream& err, const std::string& text) {
    err << "usage: heard-server admin " << text << '\n';
    return 2;
}

// One case past retention (the child's 22nd birthday), and what of it the job deletes.
struct RetentionItem {
    std::string caseId, childId;
    std::int64_t records = 0;
};

// Every trace of the case's content at the server, in one transaction: the records and what was
// indexed or written about them, the allocation (the child's name and date of birth), the
// chains' tips. What stays: the audit entries (ids and actions, no content) and one line in the
// server's audit saying the deletion happened, with the count and nothing of the content. A
// removal event stays for any tablet that still holds the case, with the child's details
// blanked.
void deleteCase(SqlSession& sql, const RetentionItem& item) {
    const std::vector<std::string> steps = {
        "DELETE FROM conflicts WHERE item_id IN (SELECT item_id FROM received WHERE item_type = 'record' AND "
        "case_id = ?)",
        "DELETE FROM safety_alerts WHERE case_id = ?",
        "DELETE FROM record_index WHERE case_id = ?",
        "DELETE FROM oversight_notes WHERE case_id = ?",
        "DELETE FROM case_audits WHERE case_id = ?",
        "DELETE FROM received WHERE item_type = 'record' AND case_id = ?",
        "DELETE FROM chain_tips WHERE case_id = ?",
        "DELETE FROM safety_chain_tips WHERE case_id = ?",
        "DELETE FROM allocation_events WHERE case_id = ? AND removal = 0",
        "DELETE FROM cases WHERE case_id = ?",
        "DELETE FROM case_removals WHERE case_id = ?",
        "DELETE FROM removals_confirmed WHERE case_id = ?",
        "DELETE FROM case_life WHERE case_id = ?",
    };
    for (const auto& step : steps)
        sql.exec(step, {item.caseId});
    const std::string blank =
        sync::toJson(
            sync::Allocation{item.caseId, "", item.childId.empty() ? "deleted" : item.childId, "", ""})
            .dump();
    sql.exec("UPDATE allocation_events SET allocation = ? WHERE case_id = ?", {blank, item.caseId});
    console::writeServerAudit(sql, "retention", "retention_delete", item.caseId,
                              "records=" + std::to_string(item.records));
}

int runRetention(const std::vector<std::string>& args, ServerStore& store, std::ostream& out,
                 std::ostream& err) {
    bool dryRun = false;
    std::string today = base::nowIsoUtc().substr(0, 10);
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--dry-run")
            dryRun = true;
        else if (args[i] == "--today" && i + 1 < args.size() && retentionDay(args[i + 1]).size() == 10)
            today = args[++i];
        else
            return usage(err, "retention [--dry-run] [--today YYYY-MM-DD]");
    }
    // Decided once, in one transaction, so the dry run and the job read the same rule.
    std::vector<RetentionItem> due;
    std::vector<std::string> keptSecured;
    std::size_t noDate = 0;
    store.transact([&](SqlSession& sql) {
        for (const auto& row :
             sql.query("SELECT c.case_id, c.allocation, coalesce(l.secured_at, '') FROM cases c "
                       "LEFT JOIN case_life l ON l.case_id = c.case_id ORDER BY c.case_id")) {
            const auto allocation =
                base::tryReadJson(row[1], {sync::kMaxEntryBodyBytes, sync::kMaxJsonDepth});
            const std::string dob = allocation && allocation->is_object()
                                        ? allocation->value("childDateOfBirth", std::string())
                                        : "";
            const std::string day = retentionDay(dob);
            if (day.empty()) {
                ++noDate; // kept: the rule cannot be applied without a date of birth
                continue;
            }
            if (day > today) continue;
            if (!row[2].empty()) {
                keptSecured.push_back(row[0]);
                continue;
            }
            RetentionItem item{row[0], allocation->value("childId", std::string()), 0};
            auto count = sql.query("SELECT count(*) FROM received WHERE item_type = 'record' AND case_id = ?",
                                   {item.caseId});
            item.records = count.empty() ? 0 : std::stoll(count[0][0]);
            due.push_back(std::move(item));
        }
    });
    if (!dryRun)
        for (const auto& item : due) {
            // A tablet still holding the case is told to remove it (the event keeps no details).
            store.takeCaseFromHolder(item.caseId);
            store.transact([&](SqlSession& sql) { deleteCase(sql, item); });
        }
    // The same line for a case in the dry run and in the job, so the two can be compared.
    std::int64_t records = 0;
    for (const auto& item : due) {
        out << nlohmann::json{{"caseId", item.caseId}, {"childId", item.childId}, {"records", item.records}}
                   .dump()
            << '\n';
        records += item.records;
    }
    for (const auto& caseId : keptSecured)
        err << "kept (secured for a review): " << caseId << '\n';
    if (noDate > 0) err << "kept (no date of birth): " << noDate << " case(s)\n";
    err << (dryRun ? "dry run: would delete " : "deleted ") << due.size() << " case(s), " << records
        << " record(s), as of " << today << '\n';
    return 0;
}

} // namespace

std::string reallocateCase(ServerStore& store, const std::string& caseId, const std::string& to,
                           const std::string& actor, std::string* fromOut) {
    auto from = store.caseOwner(caseId);
    if (!from) return "no_case";
    auto practitioner = store.practitioner(to);
    if (!practitioner || !practitioner->active) return "no_practitioner";
    bool practises = false; // a manager's or administrator's account holds no cases
    store.transact([&](SqlSession& sql) {
        auto account = console::findAccount(sql, to);
        practises = account && account->role == console::Role::Practitioner;
    });
    if (!practises) return "no_practitioner";
    if (*from == to) return "same";
    std::optional<sync::Allocation> allocation;
    for (const auto& a : store.allocationsFor(*from))
        if (a.caseId == caseId) allocation = a;
    if (!allocation) return "no_allocation";
    store.allocateCase(*allocation, to);
    store.transact([&](SqlSession& sql) {
        console::writeServerAudit(sql, actor, "reallocate_case", caseId, "from=" + *from + ";to=" + to);
    });
    if (fromOut) *fromOut = *from;
    return "";
}

int runLifeCommand(const std::vector<std::string>& args, ServerStore& store, std::ostream& out,
                   std::ostream& err) {
    if (args.empty()) return -1;
    const std::string& command = args[0];
    if (command == "reallocate") {
        // The case keeps its reference, child and date of birth; only the practitioner changes.
        if (args.size() != 3) return usage(err, "reallocate <case id> <practitioner id>");
        const std::string& caseId = args[1];
        const std::string& to = args[2];
        std::string from;
        const std::string problem = reallocateCase(store, caseId, to, "admin", &from);
        if (problem == "no_case") err << "no such case: " << caseId << " (allocate it first)\n";
        if (problem == "no_practitioner") err << "no such active practitioner: " << to << '\n';
        if (problem == "same") err << "case " << caseId << " is already allocated to " << to << '\n';
        if (problem == "no_allocation") err << "case " << caseId << " has no allocation record\n";
        if (!problem.empty()) return 1;
        out << "reallocated case " << caseId << " from " << from << " to " << to << '\n';
        return 0;
    }
    if (command == "secure-case") {
        // Secured for a review (SF 3.43-3.47): the set is frozen as the server holds it now.
        if (args.size() != 3) return usage(err, "secure-case <case id> <by>");
        const std::string& caseId = args[1];
        if (!store.caseOwner(caseId)) {
            err << "no such case: " << caseId << '\n';
            return 1;
        }
        int code = 0;
        nlohmann::json summary;
        store.transact([&](SqlSession& sql) {
            auto existing = sql.query(
                "SELECT secured_at FROM case_life WHERE case_id = ? AND secured_at <> ''", {caseId});
            if (!existing.empty()) {
                err << "case " << caseId << " was already secured at " << existing[0][0] << '\n';
                code = 1;
                return;
            }
            nlohmann::json heads = nlohmann::json::array();
            for (const char* table : {"chain_tips", "safety_chain_tips"})
                for (const auto& r : sql.query(std::string("SELECT device_id, chain_seq, hash FROM ") +
                                                   table + " WHERE case_id = ? ORDER BY device_id",
                                               {caseId}))
                    heads.push_back({{"device", r[0]},
                                     {"chain", std::string(table) == "chain_tips" ? "" : "safety"},
                                     {"chainSeq", std::stoll(r[1])},
                                     {"hash", r[2]}});
            auto top = sql.query("SELECT coalesce(max(seq), 0) FROM received");
            const std::int64_t upTo = top.empty() ? 0 : std::stoll(top[0][0]);
            const auto [digest, count] = frozenDigest(sql, caseId, upTo);
            const std::string at = base::nowIsoUtc();
            sql.exec("DELETE FROM case_life WHERE case_id = ? AND secured_at = '' AND closed_at = ''",
                     {caseId});
            if (sql.exec("UPDATE case_life SET secured_at = ?, secured_by = ?, frozen_heads = ?, "
                         "frozen_digest = ?, "
                         "frozen_count = ?, frozen_seq = ? WHERE case_id = ?",
                         {at, args[2], heads.dump(), digest, count, upTo, caseId}) == 0)
                sql.exec(
                    "INSERT INTO case_life(case_id, secured_at, secured_by, frozen_heads, frozen_digest, "
                    "frozen_count, frozen_seq) VALUES(?,?,?,?,?,?,?)",
                    {caseId, at, args[2], heads.dump(), digest, count, upTo});
            console::writeServerAudit(sql, args[2], "secure_case", caseId,
                                      "records=" + std::to_string(count) + ";digest=" + digest);
            summary = {{"caseId", caseId}, {"securedAt", at},  {"securedBy", args[2]},
                       {"records", count}, {"digest", digest}, {"heads", heads}};
        });
        if (code == 0) out << summary.dump() << '\n';
        return code;
    }
    if (command == "close-case") {
        // The case leaves its practitioner's tablets once everything of it has reached here.
        if (args.size() != 2 && args.size() != 3) return usage(err, "close-case <case id> [<by>]");
        const std::string by = args.size() == 3 ? args[2] : "admin";
        const std::string& caseId = args[1];
        if (!store.caseOwner(caseId)) {
            err << "no such case: " << caseId << '\n';
            return 1;
        }
        if (!caseStanding(store, caseId).closedAt.empty()) {
            err << "case " << caseId << " is already closed\n";
            return 1;
        }
        store.takeCaseFromHolder(caseId);
        const std::string at = base::nowIsoUtc();
        store.transact([&](SqlSession& sql) {
            if (sql.exec("UPDATE case_life SET closed_at = ?, closed_by = ? WHERE case_id = ?",
                         {at, by, caseId}) == 0)
                sql.exec("INSERT INTO case_life(case_id, closed_at, closed_by) VALUES(?,?,?)",
                         {caseId, at, by});
            // The console's audit sample reads open/closed from case_status (issue 15).
            if (sql.exec("UPDATE case_status SET status = 'closed', changed_at = ? WHERE case_id = ?",
                         {at, caseId}) == 0)
                sql.exec("INSERT INTO case_status(case_id, status, changed_at) VALUES(?,'closed',?)",
                         {caseId, at});
            console::writeServerAudit(sql, by, "close_case", caseId);
        });
        out << "closed case " << caseId << " at " << at << '\n';
        return 0;
    }
    if (command == "retention") return runRetention(args, store, out, err);
    if (command == "verify-secured") {
        // The frozen set, checked again: the same records, unchanged, as at the moment of securing.
        if (args.size() != 2) return usage(err, "verify-secured <case id>");
        int code = 0;
        store.transact([&](SqlSession& sql) {
            auto rows =
                sql.query("SELECT secured_at, frozen_digest, frozen_count, frozen_seq FROM case_life WHERE "
                          "case_id = ? AND secured_at <> ''",
                          {args[1]});
            if (rows.empty()) {
                err << "case " << args[1] << " is not secured\n";
                code = 1;
                return;
            }
            const auto [digest, count] = frozenDigest(sql, args[1], std::stoll(rows[0][3]));
            auto later = sql.query(
                "SELECT count(*) FROM received WHERE item_type = 'record' AND case_id = ? AND seq > ?",
                {args[1], std::stoll(rows[0][3])});
            const bool same = digest == rows[0][1] && count == std::stoll(rows[0][2]);
            (same ? out : err) << nlohmann::json{{"caseId", args[1]},
                                                 {"securedAt", rows[0][0]},
                                                 {"frozen", same ? "unchanged" : "CHANGED"},
                                                 {"records", count},
                                                 {"digest", digest},
                                                 {"expectedDigest", rows[0][1]},
                                                 {"signedBeforeArrivedAfter",
                                                  later.empty() ? 0 : std::stoll(later[0][0])}}
                                      .dump()
                               << '\n';
            if (!same) code = 1;
        });
        return code;
    }
    return -1;
}

} // namespace heard::server
