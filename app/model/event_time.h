// Times as they happened (issue 13 item 4, SF 2.95, SF 3.45). An entry on a record keeps two
// times: when the event happened, which the practitioner may set, and when it was written,
// which the app sets. Deadlines count from when it happened; an entry written well after the
// event is shown as a late entry. A time in the future is refused: nothing has happened yet.
#pragma once

#include "app/model/calendar.h"

#include <chrono>
#include <string>

namespace heard::model {

// An entry written more than this after the event it records is a late entry.
constexpr auto kLateEntryAfter = std::chrono::hours(1);

// True when writtenAt is more than kLateEntryAfter after at (both ISO UTC); false when either
// cannot be read.
bool isLateEntry(const std::string& at, const std::string& writtenAt);

// Reads "YYYY-MM-DD HH:MM" in the tablet's time zone (as formatForPeople shows times) into an
// ISO UTC time. On failure returns false and sets error to a msgid saying why: not readable,
// or in the future (after now).
bool parseEventTime(const std::string& text, TimePoint now, std::string& iso, const char*& error);

// "YYYY-MM-DD HH:MM" in the tablet's time zone, for prefilling the field; "" when unreadable.
std::string eventTimeText(const std::string& iso);

// True when iso is a readable time after now.
bool isInFuture(const std::string& iso, TimePoint now);

} // namespace heard::model
