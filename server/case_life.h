// A case's whole life on the central system (issue 20): reallocation with the case's history,
// written once for both backends through ServerStore (its SQL sessions are dialect-neutral).
//
//   caseHistorySince    the signed records other tablets made in the cases a practitioner
//                       holds (pull answer "history")
//   caseSecuredAt ...   secured for a review: the tablets are told, intake refuses what is new
//   retentionDay        the 22nd birthday, after which a child's records go (admin retention)
//   runLifeCommand      `heard-server admin reallocate | secure-case | verify-secured |
//                       close-case | retention [--dry-run] [--today YYYY-MM-DD]`
//                       (server/admin.h lists the commands)
#pragma once

#include "server/server_store.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace heard::server {

// The records other devices sent in the cases the practitioner holds, received after `after`
// (readable: opened if sealed at rest), oldest first, at most maxRecords and maxBytes of bodies.
// cursor: the received seq to ask from next time (past the device's own records too).
struct CaseHistory {
    std::vector<std::string> bodies;
    std::int64_t cursor = 0;
};
CaseHistory caseHistorySince(ServerStore& store, const std::string& practitionerId,
                             const std::string& deviceId, std::int64_t after, std::size_t maxRecords,
                             std::size_t maxBytes);

// Where a case stands in its life at the server: secured for a review, closed (ISO 8601 UTC,
// empty when not).
struct CaseStanding {
    std::string securedAt, closedAt;
};
CaseStanding caseStanding(ServerStore& store, const std::string& caseId);
// Empty when acceptable, else "case_secured" (signed after the securing) or "case_closed" (begun
// and signed after the closing). Records from before either moment are taken: they waited on a
// tablet without signal, and nothing is dropped.
std::string checkCaseStanding(const nlohmann::json& body, const CaseStanding& standing);

// The retention rule (NS 5.8): a child's records are kept until their 22nd birthday. The day
// they may go for a child born on dateOfBirth (YYYY-MM-DD; 29 February gives 1 March in a year
// that has none); empty for a date that does not parse.
std::string retentionDay(const std::string& dateOfBirth);

// The secured cases the practitioner holds (every pull carries them).
std::vector<sync::SecuredCase> securedCasesHeldBy(ServerStore& store, const std::string& practitionerId);

// Every record of one case the server holds (readable), oldest first, within the same bounds:
// what a tablet receives with a case allocated to it. The asking device's own records are left
// out while it still holds them, that is unless it has confirmed removing the case: an
// allocation changed (a child added) sends the case again, and a tablet with thousands of
// records in it would download them all to skip them.
std::vector<std::string> caseHistoryOf(ServerStore& store, const std::string& caseId,
                                       const std::string& deviceId, std::size_t maxRecords,
                                       std::size_t maxBytes);

// Reallocates a case to another active practitioner (it keeps its reference, child and date of
// birth) and writes the server's audit (reallocate_case, by actor): the admin command and the
// managers' console (issue 20, item 1). "" when done, else why: "no_case", "no_practitioner"
// (unknown or inactive), "same" (already theirs), "no_allocation". from: the earlier holder.
std::string reallocateCase(ServerStore& store, const std::string& caseId, const std::string& to,
                           const std::string& actor, std::string* from = nullptr);

// The case-life admin commands; -1 when args name none of them, else the exit code.
int runLifeCommand(const std::vector<std::string>& args, ServerStore& store, std::ostream& out,
                   std::ostream& err);

} // namespace heard::server
