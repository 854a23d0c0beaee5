#include "base/working_days.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace heard::base {

namespace {
constexpr long long kSecondsPerDay = 24 * 60 * 60;

// The weekdays (Monday to Friday) among all days before day, counted from Monday 5 January 1970
// (negative before it).
long long weekdaysBefore(DayNumber day) {
    const long long sinceMonday = (long long)day - 4;
    long long weeks = sinceMonday / 7;
    long long rest = sinceMonday % 7;
    if (rest < 0) {
        rest += 7;
        --weeks;
    }
    return 5 * weeks + std::min(rest, 5LL);
}
} // namespace

DayNumber utcDay(TimePoint t) {
    const long long seconds = std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
    return DayNumber(seconds / kSecondsPerDay - (seconds % kSecondsPerDay < 0 ? 1 : 0));
}

TimePoint addWorkingDays(TimePoint t, int workingDays) {
    DayNumber day = utcDay(t);
    for (int added = 0; added < workingDays;)
        if (isWorkingDay(++day)) ++added;
    return TimePoint(std::chrono::seconds(day * kSecondsPerDay + kSecondsPerDay - 1));
}

int workingDaysBetween(TimePoint from, TimePoint to) {
    const DayNumber first = utcDay(from);
    const DayNumber last = utcDay(to);
    if (last < first) return -workingDaysBetween(to, from);
    // Weekdays by arithmetic, then less the bank holidays in the span (each one is a weekday),
    // so a span of years costs a loop over years, not days.
    long long count = weekdaysBefore(last + 1) - weekdaysBefore(first + 1);
    const int lastYear = civilDate(last).year;
    for (int year = civilDate(first).year; year <= lastYear; ++year) {
        const YearBankHolidays holidays = bankHolidaysIn(year);
        for (int i = 0; i < holidays.count; ++i) {
            const DayNumber day = holidays.days[size_t(i)];
            if (day > first && day <= last) --count;
        }
    }
    return int(count);
}

TimePoint parseIsoUtc(const std::string& iso) {
    std::tm tm{};
    int consumed = 0;
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                    &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
        size_t(consumed) != iso.size() || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
        tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
        throw std::invalid_argument("not an ISO-8601 UTC time: '" + iso + "'");
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

} // namespace heard::base
