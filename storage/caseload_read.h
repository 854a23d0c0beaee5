// The caseload's rows as the store keeps them (the summary, the app's kept text, the children,
// and the signed concerns the app still has to read), from any database of the store's schema.
// Store::caseloadChanges runs it under the store's lock; heard-bench runs the same code on plain
// SQLite for its baseline, so the two differ only in the cipher.
#pragma once

#include "storage/database.h"
#include "storage/records.h"

#include <cstdint>
#include <string>

namespace heard::storage {

// What changed after `since` (0: everything); see Store::caseloadChanges.
CaseloadChanges readCaseloadChanges(Database& db, int64_t since, const std::string& derivedFormat);

} // namespace heard::storage
