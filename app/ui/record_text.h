// How records are named and summarised on practitioner screens.
#pragma once

#include "storage/records.h"

#include <string>

namespace heard::ui {

// "Visit", "Welfare concern", "Child not seen", "Skin map", "Activity", "Addendum" (translated).
const char* recordKindLabel(const std::string& kind);
// One line about a record for lists: its date, status and a hint of its content.
std::string recordSummaryLine(const storage::Record& record);

} // namespace heard::ui
