// Dates and working days for follow-up deadlines (SF 2.103, 2.104, 2.108).
#pragma once

#include <chrono>
#include <string>

namespace heard::model {

using TimePoint = std::chrono::system_clock::time_point;

// "2026-11-23T10:15:00Z" <-> time point (UTC). Parsing throws std::invalid_argument.
std::string toIsoUtc(TimePoint t);
TimePoint fromIsoUtc(const std::string& iso);

// The end (23:59:59 UTC) of the n-th working day after t. Working days are Monday to Friday;
// bank holidays are not known to the device, so a deadline may fall on one (shown early,
// never late).
TimePoint addWorkingDays(TimePoint t, int workingDays);

// "Mon 23 Nov 2026, 10:15" for screens (UTC until the device time zone is wired in).
std::string formatForPeople(const std::string& iso);
// "23 Nov 2026"
std::string formatDateForPeople(const std::string& iso);

} // namespace heard::model
