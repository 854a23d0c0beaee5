// The caseload: one row per child with the flags that matter at a glance.
//
// Built from plain data (children, cases, records, what is not yet synced) by a pure
// function, so it is tested without a store or a screen, and the UI caches it behind the
// store's revision counter.
#pragma once

#include "app/model/calendar.h"
#include "storage/records.h"

#include <set>
#include <string>
#include <vector>

namespace heard::model {

struct CaseloadRow {
    std::string childId, caseId, name, caseReference, dateOfBirth;
    int age = -1;
    bool confidentialAddress = false;
    bool childProtectionPlan = false;
    std::string interpreterLanguage;
    int followUpsDueToday = 0;
    int followUpsOverdue = 0;
    int notSynced = 0; // drafts plus signed records the central system has not acknowledged
    bool highRisk = false;
    std::string lastSeen; // ISO time of the latest signed visit, "" never
};

// pendingRecordIds: record ids with an outbox entry not yet acknowledged.
std::vector<CaseloadRow> buildCaseload(const std::vector<storage::Child>& children,
                                       const std::vector<storage::Case>& cases,
                                       const std::vector<storage::Record>& records,
                                       const std::set<std::string>& pendingRecordIds, TimePoint now);

// Case-insensitive match of every word of query against name and case reference.
bool matchesSearch(const CaseloadRow& row, const std::string& query);

} // namespace heard::model
