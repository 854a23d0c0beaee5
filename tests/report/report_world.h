// A fictional case for the report tests, built straight in a store: a child with signed visits,
// each with a signed activity in the child's words, a signed skin map, and a Welsh-speaking
// sibling. A confidential address is planted in the child's details (it must never reach a report).
#pragma once

#include "app/model/child_impact.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/report/case_reports.h"
#include "storage/store.h"
#include "tests/support/temp_dir.h"

#include <memory>
#include <string>
#include <vector>

namespace heard::test {

inline constexpr const char* kReportCaseId = "case-rep-1";
inline constexpr const char* kReportCaseRef = "RPT/2026/0042";
inline constexpr const char* kReportChildId = "child-rep-1";
inline constexpr const char* kReportChildName = "Wren Quillfeather";
inline constexpr const char* kWelshChildId = "child-rep-2";
inline constexpr const char* kWelshChildName = "Gethin Quillfeather";
inline constexpr const char* kPlantedAddress = "7 Hidden Orchard Close, Secretbury";
inline constexpr const char* kPlantedDetail = "Refuge phone 01632 960999";
inline constexpr const char* kAuthor = "Sam Demo-Practitioner";

// The child's words in visit n (1-based), fictional.
std::string wishWords(int visit);

// Adds a signed visit on `date` (YYYY-MM-DD) for a child of a case, with a signed three_wishes
// activity whose first wish is `words` (the second skipped); returns the activity's id, and the
// visit's in visitId when given.
std::string addSignedVisit(storage::Store& store, const tools::ContentLibrary& library,
                           const std::string& caseId, const std::string& childId, const std::string& date,
                           const std::string& words, std::string* visitId = nullptr,
                           const std::string& author = kAuthor);

struct ReportWorld {
    TempDir folder{"heard-report"};
    std::unique_ptr<storage::Store> store;
    tools::ContentLibrary library;
    std::vector<std::string> visitIds, activityIds; // the main child's, oldest first
    std::string skinMapId, welshActivityId;

    explicit ReportWorld(int visits = 3);
    // Adds a signed visit on `date` (YYYY-MM-DD) with a signed three_wishes activity whose first
    // wish is `words`; returns the activity's id.
    std::string addVisit(const std::string& childId, const std::string& date, const std::string& words);
    // Adds a signed activity with this result under a visit of the main child; returns its id.
    std::string addActivity(const std::string& visitId, const tools::ActivityResult& result);
    // Signs a record of `kind` with `payload` under `parentId` for the main child; returns it.
    storage::Record addSigned(const char* kind, const nlohmann::json& payload, const std::string& parentId);
    report::CaseFile caseFile(const std::string& childId = kReportChildId);
    // An analysis with every section written and cited (words from visits 1 and 2).
    model::ChildImpactAnalysis completeAnalysis();
    storage::Record saveAndSign(const model::ChildImpactAnalysis& analysis,
                                const std::string& childId = kReportChildId);
};

} // namespace heard::test
