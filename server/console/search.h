// The managers' search (issue 15, item 1 and Show-it "cannot see team A's record (guessed URL,
// search, queue)"): a manager finds a case of their own team by its id, its reference, the
// child's id or name, or a record by its id. The cases searched come from teamCasesSql() only, so a
// manager of another team, or an administrator, finds nothing; every search is audited.
#pragma once

#include "server/console/oversight.h"
#include "server/console/people.h"

#include <string>
#include <vector>

namespace heard::server::console {

struct CaseHit {
    std::string caseId, caseReference, childId, childName, practitionerId;
    std::string status;                 // "open" | "closed"
    std::vector<IndexedRecord> records; // the case's records (newest version of each), newest first
};

// At most this many cases are listed (the page says when there were more).
inline constexpr std::size_t kSearchLimit = 50;

// A query is 2 to 100 characters once trimmed; "" when fine, else the text key of the problem.
std::string searchQueryProblem(const std::string& query);
// Cases in the viewer's scope whose id, reference, child id or child name contains the query
// (case-insensitive for ASCII letters), or that hold a record whose id is the query. Writes
// the search to the server's audit log (who searched for what, how many found).
std::vector<CaseHit> searchCases(SqlSession& sql, const Account& viewer, const std::string& query,
                                 bool* more = nullptr);

} // namespace heard::server::console
