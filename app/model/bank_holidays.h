// The bank holidays and civil days live in base/ (one implementation for the tablet and
// heard-server's console, issue 15); the model names them as it always did.
#pragma once

#include "base/bank_holidays.h"

namespace heard::model {

using base::bankHolidays;
using base::bankHolidaysIn;
using base::CivilDate;
using base::civilDate;
using base::DayNumber;
using base::dayNumber;
using base::easterSunday;
using base::isBankHoliday;
using base::isWeekend;
using base::weekday;
using base::YearBankHolidays;

} // namespace heard::model
