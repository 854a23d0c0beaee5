// Dates and working days for follow-up deadlines (SF 2.103, 2.104, 2.108).
#pragma once

#include "app/model/bank_holidays.h"

#include <chrono>
#include <string>

namespace heard::model {

using TimePoint = std::chrono::system_clock::time_point;

// "2026-11-23T10:15:00Z" <-> time point (UTC). Parsing throws std::invalid_argument.
std::string toIsoUtc(TimePoint t);
TimePoint fromIsoUtc(const std::string& iso);

// Working days are Monday to Friday except England-and-Wales bank holidays (bank_holidays.h,
// computed by rule, no download). A day is the UTC calendar day until the device time zone is
// wired in. None of these allocate: the caseload computes deadlines for every child each rebuild.
DayNumber utcDay(TimePoint t);
inline bool isWorkingDay(DayNumber day) {
    return !isWeekend(day) && !isBankHoliday(day);
}
inline bool isWorkingDay(TimePoint t) {
    return isWorkingDay(utcDay(t));
}

// The end (23:59:59 UTC) of the n-th working day after the day of t; n <= 0 gives the end of
// t's own day.
TimePoint addWorkingDays(TimePoint t, int workingDays);

// The working days after the day of from, up to and including the day of to, so that
// workingDaysBetween(t, addWorkingDays(t, n)) == n; negative when to's day is before from's.
int workingDaysBetween(TimePoint from, TimePoint to);

// "Mon 23 Nov 2026, 10:15" for screens: in the tablet's time zone, names in the practitioner's language.
std::string formatForPeople(const std::string& iso);
// "23 Nov 2026": a calendar date, the same in every time zone.
std::string formatDateForPeople(const std::string& iso);

} // namespace heard::model
