// Bank holidays in England and Wales (shared by the tablet and heard-server), computed by rule so that an
// offline tablet keeps working days right for years without downloading a list (SF 2.103, 2.104, 2.108
// deadlines).
//
// Index
//   [SECTION] Civil days      dates as day numbers (days since 1970-01-01), weekdays
//   [SECTION] Bank holidays   Easter, the eight England-and-Wales holidays, one-off changes
//
// The rules are those in force since 1978 (the Banking and Financial Dealings Act 1971 and the
// royal proclamations made under it each year); earlier years are computed by the same rules and
// are not historically exact. Scotland and Northern Ireland have other holidays: not covered.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace heard::base {

// [SECTION] Civil days

// A date in the proleptic Gregorian calendar. month 1-12, day 1-31.
struct CivilDate {
    int year = 1970;
    int month = 1;
    int day = 1;
};
inline bool operator==(const CivilDate& a, const CivilDate& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
}
inline bool operator!=(const CivilDate& a, const CivilDate& b) {
    return !(a == b);
}

// Days since 1970-01-01 (negative before it). No time zone: a day number names a calendar day.
using DayNumber = int;

DayNumber dayNumber(CivilDate date);
CivilDate civilDate(DayNumber day);
// 0 = Sunday ... 6 = Saturday (as std::tm::tm_wday).
int weekday(DayNumber day);
inline bool isWeekend(DayNumber day) {
    const int w = weekday(day);
    return w == 0 || w == 6;
}

// [SECTION] Bank holidays

// Easter Sunday by the Gregorian computus (the anonymous algorithm of Meeus, Jones and Butcher).
CivilDate easterSunday(int year);

// The England-and-Wales bank holidays of one year as day numbers, in date order, distinct, every
// one a weekday (substitute days already applied). Fixed size: no allocation.
struct YearBankHolidays {
    int count = 0;
    std::array<DayNumber, 12> days{};
    bool contains(DayNumber day) const {
        for (int i = 0; i < count; ++i)
            if (days[std::size_t(i)] == day) return true;
        return false;
    }
};

// Cached for the years the app will meet (computed once, thread-safe); other years are computed
// on each call.
YearBankHolidays bankHolidaysIn(int year);

// The same as dates, for tests and screens.
std::vector<CivilDate> bankHolidays(int year);

bool isBankHoliday(DayNumber day);
inline bool isBankHoliday(CivilDate date) {
    return isBankHoliday(dayNumber(date));
}

} // namespace heard::base
