// The case's reports (issue 16, item 3), built as report::Documents from the store's records:
// the child impact analysis for the court (citations resolved to dated quotations, an evidence
// list), the skin map (SF 2.96-2.97), the letter to the child in the child's language, the
// signed visit record with its activities, and the conflict analysis with the answers it cites.
//
// What never appears: an address of any kind (a confidential one above all, SF 3.83), the
// child details the server sends, and in the child's letter any other person's name.
#pragma once

#include "app/model/child_impact.h"
#include "app/model/court_matter.h"
#include "app/report/pdf_document.h"
#include "app/tools/framework/model/activity_content.h"
#include "storage/records.h"
#include "storage/store.h"

#include <optional>
#include <string>
#include <vector>

namespace heard::report {

// Everything a report of one child may draw on.
struct CaseFile {
    storage::Case theCase;
    storage::Child child;
    std::vector<storage::Record> records; // the child's, oldest first
    model::CourtMatter matter;
    const tools::ContentLibrary* library = nullptr; // the activities' wording (may be null)
    std::string language = "en";                    // the child's preferred language

    const storage::Record* find(const std::string& id) const;
};

// Reads the child's case, records and court matter. Throws StoreError; false-free.
CaseFile loadCaseFile(storage::Store& store, const std::string& childId,
                      const tools::ContentLibrary* library);

// "Poppy Applebridge" -> "P.A."
std::string initials(const std::string& name);

// A citation resolved for people.
struct Evidence {
    bool found = false;
    std::string date;      // "3 March 2026": when the child said it (the visit), or when signed
    std::string source;    // "Three wishes" / "Skin map" / "Risk identification"
    std::string question;  // the activity's question, in the report's language
    std::string answer;    // the child's own words exactly, or the label they chose
    bool ownWords = false; // typed or dictated words (false: chosen from a list, a face, a scale)
    bool dictated = false;
    std::string line() const; // one line for the evidence list
};
Evidence resolveCitation(const CaseFile& file, const model::ImpactCitation& citation);

// What the analysis may cite: every signed record of the child, and every answer given in a
// signed activity (an activity is signed with its visit).
model::EvidenceIndex evidenceIndex(const CaseFile& file);
// Every answer the child gave in a signed activity, newest visit first (the analysis screen offers them).
std::vector<std::pair<model::ImpactCitation, Evidence>> citableWords(const CaseFile& file);
// Every signed record other than activities that may be cited (visits, skin maps, risk, ...).
std::vector<std::pair<model::ImpactCitation, Evidence>> citableRecords(const CaseFile& file);

// Report type names, stored in the report record.
inline constexpr const char* kChildImpactReport = "child_impact";
inline constexpr const char* kSkinMapReport = "skin_map";
inline constexpr const char* kChildLetter = "child_letter";
inline constexpr const char* kVisitReport = "visit";
inline constexpr const char* kConflictAnalysisReport = "conflict_analysis";

// False with error when the record cannot be read.
bool childImpactDocument(const CaseFile& file, const storage::Record& analysis, Document& out,
                         std::string& error);
bool skinMapDocument(const CaseFile& file, const storage::Record& skinMap, Document& out, std::string& error);
// The letter to the child in the child's language (Welsh for a Welsh-speaking child): what the
// practitioner will tell the court, in plain words, and the child's own words for the judge.
bool childLetterDocument(const CaseFile& file, const storage::Record& analysis, Document& out,
                         std::string& error);
// The title of a report type, an N_() msgid ("Report" for an unknown type).
const char* reportTypeTitle(const std::string& reportType);
// A signed visit record (SF 2.47) with its signed activities: the practitioner's record, then for
// each activity only the answers the child gave, the child's words set apart as quotations, the
// faces, scales, drawings and maps drawn as the child saw them; the practitioner's
// interpretation under its own heading (record_reports.cpp).
bool visitDocument(const CaseFile& file, const storage::Record& visit, Document& out, std::string& error);
// The analysis of the impact of parental conflict, each section with the child's answers it cites
// resolved to dated quotations (record_reports.cpp).
bool conflictAnalysisDocument(const CaseFile& file, const storage::Record& analysis, Document& out,
                              std::string& error);
// Builds the document a report type names for a record.
bool buildDocument(const CaseFile& file, const storage::Record& record, const std::string& reportType,
                   Document& out, std::string& error);

} // namespace heard::report
