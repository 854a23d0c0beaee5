// Working days for follow-up deadlines (SF 2.103, 2.104, 2.108): Monday to Friday except
// England-and-Wales bank holidays (bank_holidays.h). One implementation, used by the tablet
// (app/model/calendar.h) and by heard-server's managers' console (issue 15), so a deadline is
// the same day on both. A day is the UTC calendar day. None of these allocate.
#pragma once

#include "base/bank_holidays.h"

#include <chrono>
#include <string>

namespace heard::base {

using TimePoint = std::chrono::system_clock::time_point;

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

// "2026-11-23T10:15:00Z" -> time point (UTC). Throws std::invalid_argument.
TimePoint parseIsoUtc(const std::string& iso);

} // namespace heard::base
