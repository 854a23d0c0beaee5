// Where reports live (issue 16, item 4): a rendered PDF is a record of kind "report" in the
// encrypted store, never a plaintext file. Its parentId is the record it renders; it is signed
// when made (a report is a frozen copy of a signed record), so it enters the outbox and syncs
// to the central system with its record, and comes back byte for byte (the BLAKE2b of the
// bytes is kept beside them and checked on every read).
//
// Payload: { "format": 1, "report": "child_impact" | "skin_map" | "child_letter",
//            "mediaType": "application/pdf", "pages": n, "size": bytes, "blake2b": hex,
//            "pdfBase64": "..." }
// Export to a file happens only to a path the practitioner chose, after a warning, audited.
//
// What the court is deciding (the case's court matter, edited and autosaved in the store's
// court_matters table) is recorded as a signed record of kind "court_matter" (the case's, no
// child) whenever it is put on file: by the practitioner on its screen, and whenever a child
// impact analysis of the case is signed, so the central system holds the matter the analysis
// answers. Each change is a new record (a dated version); an unchanged matter is not recorded twice.
#pragma once

#include "app/report/case_reports.h"
#include "storage/store.h"

#include <optional>
#include <string>
#include <vector>

namespace heard::report {

// Renders the report of a signed record and stores it (signed at once by `author`). False with
// error when the record is not signed, cannot be read, or the store refuses.
bool makeReport(storage::Store& store, const CaseFile& file, const storage::Record& of,
                const std::string& reportType, const std::string& author, storage::Record& made,
                std::string& error);

// The PDF bytes of a report record, checked against their BLAKE2b. False with error otherwise.
bool reportBytes(const storage::Record& report, std::vector<unsigned char>& pdf, std::string& error);

// The newest report of a type made from a record, if any.
std::optional<storage::Record> latestReport(const std::vector<storage::Record>& records,
                                            const std::string& ofId, const std::string& reportType);

// Records the case's court matter (the court_matters working copy) as a signed court_matter record
// by `author`, unless the newest one recorded already holds the same. Returns the new record, or
// nullopt when nothing was recorded (unchanged, or no matter written). Throws StoreError.
std::optional<storage::Record> recordCourtMatter(storage::Store& store, const std::string& caseId,
                                                 const std::string& author);

// Writes the PDF to the path the practitioner chose (audited "export"). Refuses an existing file.
bool exportReport(storage::Store& store, const storage::Record& report, const std::string& path,
                  const std::string& actor, std::string& error);

} // namespace heard::report
