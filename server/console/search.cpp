#include "server/console/search.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace heard::server::console {

namespace {
std::string lowered(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}
std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}
std::string textOf(const nlohmann::json& j, const char* name) {
    auto it = j.find(name);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
} // namespace

std::string searchQueryProblem(const std::string& query) {
    const std::string q = trimmed(query);
    if (q.size() < 2) return "search.too_short";
    if (q.size() > 100) return "search.too_long";
    return {};
}

std::vector<CaseHit> searchCases(SqlSession& sql, const Account& viewer, const std::string& query,
                                 bool* more) {
    std::vector<CaseHit> hits;
    if (more) *more = false;
    const std::string q = trimmed(query);
    if (!searchQueryProblem(q).empty()) return hits;
    const std::string needle = lowered(q);
    const std::string scope = scopeParam(viewer);
    // A record id names its case (newest version, in scope only).
    std::string recordCase;
    auto byRecord =
        sql.query("SELECT ri.case_id FROM record_index ri WHERE ri.item_id = ? AND ri.case_id IN (" +
                      std::string(teamCasesSql()) + ") LIMIT 1",
                  {q, scope});
    if (!byRecord.empty()) recordCase = byRecord[0][0];
    // The team's cases are few enough to match here (the allocation is JSON in both backends).
    for (const auto& r : sql.query("SELECT c.case_id, c.practitioner_id, c.allocation, COALESCE(cs.status, "
                                   "'open') FROM cases c LEFT JOIN case_status cs ON cs.case_id = c.case_id "
                                   "WHERE c.case_id IN (" +
                                       std::string(teamCasesSql()) + ") ORDER BY c.case_id",
                                   {scope})) {
        const auto allocation = nlohmann::json::parse(r[2], nullptr, false);
        CaseHit hit;
        hit.caseId = r[0];
        hit.practitionerId = r[1];
        hit.status = r[3];
        if (allocation.is_object()) {
            hit.caseReference = textOf(allocation, "caseReference");
            hit.childId = textOf(allocation, "childId");
            hit.childName = textOf(allocation, "childName");
        }
        const bool match = hit.caseId == recordCase;
        bool found = match;
        for (const std::string* field : {&hit.caseId, &hit.caseReference, &hit.childId, &hit.childName})
            found = found || lowered(*field).find(needle) != std::string::npos;
        if (!found) continue;
        if (hits.size() == kSearchLimit) {
            if (more) *more = true;
            break;
        }
        hits.push_back(std::move(hit));
    }
    for (auto& hit : hits)
        for (const auto& row :
             sql.query("SELECT ri.received_seq, ri.item_id, ri.version, ri.kind, ri.signed_at, "
                       "ri.child_id FROM record_index ri WHERE ri.case_id = ? AND ri.latest = 1 "
                       "ORDER BY ri.signed_at DESC LIMIT 100",
                       {hit.caseId})) {
            IndexedRecord rec;
            rec.itemId = row[1];
            rec.kind = row[3];
            rec.signedAt = row[4];
            rec.childId = row[5];
            rec.caseId = hit.caseId;
            hit.records.push_back(std::move(rec));
        }
    writeServerAudit(sql, viewer.id, "search", q, std::to_string(hits.size()));
    return hits;
}

} // namespace heard::server::console
