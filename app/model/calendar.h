// Dates and working days for follow-up deadlines (SF 2.103, 2.104, 2.108).
#pragma once

#include "app/model/bank_holidays.h"
#include "base/working_days.h"

#include <chrono>
#include <string>

namespace heard::model {

using base::TimePoint;

// "2026-11-23T10:15:00Z" <-> time point (UTC). Parsing throws std::invalid_argument.
std::string toIsoUtc(TimePoint t);
TimePoint fromIsoUtc(const std::string& iso);

// Working days are Monday to Friday except England-and-Wales bank holidays: the one
// implementation in base/working_days.h, shared with heard-server's console (issue 15).
using base::addWorkingDays;
using base::isWorkingDay;
using base::utcDay;
using base::workingDaysBetween;

// "Mon 23 Nov 2026, 10:15" for screens: in the tablet's time zone, names in the practitioner's language.
std::string formatForPeople(const std::string& iso);
// "23 Nov 2026": a calendar date, the same in every time zone.
std::string formatDateForPeople(const std::string& iso);

} // namespace heard::model
