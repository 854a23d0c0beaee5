#include "base/bank_holidays.h"

#include <algorithm>

namespace heard::base {

// [SECTION] Civil days
// Howard Hinnant's days_from_civil / civil_from_days ("chrono-Compatible Low-Level Date
// Algorithms"): exact for every Gregorian date, no table, no time zone.

DayNumber dayNumber(CivilDate date) {
    const int y = date.year - (date.month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yearOfEra = unsigned(y - era * 400);
    const unsigned shiftedMonth = unsigned(date.month > 2 ? date.month - 3 : date.month + 9); // March = 0
    const unsigned dayOfYear = (153 * shiftedMonth + 2) / 5 + unsigned(date.day) - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + int(dayOfEra) - 719468;
}

CivilDate civilDate(DayNumber day) {
    const int z = day + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned dayOfEra = unsigned(z - era * 146097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned shiftedMonth = (5 * dayOfYear + 2) / 153; // March = 0
    const int dayOfMonth = int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    const int month = int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    return {int(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth};
}

int weekday(DayNumber day) {
    return (day % 7 + 7 + 4) % 7; // 1970-01-01 was a Thursday (4)
}

// [SECTION] Bank holidays

CivilDate easterSunday(int year) {
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int monthAndDay = h + l - 7 * m + 114;
    return {year, monthAndDay / 31, monthAndDay % 31 + 1};
}

namespace {

// One-off changes made by royal proclamation under the 1971 Act, as published on
// gov.uk/bank-holidays. A moved holiday names the rule day it replaces; an added one replaces
// nothing (year 0). Add new proclamations here when they are announced. Earlier one-offs (1995,
// 1999, 2002, 2011, 2012) are not listed; add them if deadlines that old ever matter.
struct OneOff {
    CivilDate date;
    CivilDate replaces;
};
constexpr CivilDate kNothing{0, 0, 0};
constexpr OneOff kOneOffs[] = {
    // 2020: the early May bank holiday moved from Monday 4 May to Friday 8 May, the 75th
    // anniversary of VE Day.
    {{2020, 5, 8}, {2020, 5, 4}},
    // 2022: the spring bank holiday moved from Monday 30 May to Thursday 2 June, and Friday
    // 3 June added, for the Platinum Jubilee of Queen Elizabeth II.
    {{2022, 6, 2}, {2022, 5, 30}},
    {{2022, 6, 3}, kNothing},
    // 2022: Monday 19 September added, the State Funeral of Queen Elizabeth II.
    {{2022, 9, 19}, kNothing},
    // 2023: Monday 8 May added, the Coronation of King Charles III.
    {{2023, 5, 8}, kNothing},
};

constexpr int kMonday = 1;

YearBankHolidays computeYear(int year) {
    YearBankHolidays out;
    const auto add = [&out](DayNumber day) { out.days[size_t(out.count++)] = day; };
    // A fixed-date holiday at a weekend is taken on the next weekday that is not already a
    // holiday: Christmas on a Saturday gives Monday 27 and (Boxing Day) Tuesday 28 December.
    const auto substituted = [&out](DayNumber day) {
        while (isWeekend(day) || out.contains(day))
            ++day;
        return day;
    };
    const auto firstMondayFrom = [](DayNumber day) { return day + (kMonday - weekday(day) + 7) % 7; };
    const auto lastMondayUpTo = [](DayNumber day) { return day - (weekday(day) - kMonday + 7) % 7; };

    add(substituted(dayNumber({year, 1, 1}))); // New Year's Day
    const DayNumber easter = dayNumber(easterSunday(year));
    add(easter - 2);                               // Good Friday
    add(easter + 1);                               // Easter Monday
    add(firstMondayFrom(dayNumber({year, 5, 1}))); // early May bank holiday
    add(lastMondayUpTo(dayNumber({year, 5, 31}))); // spring bank holiday
    add(lastMondayUpTo(dayNumber({year, 8, 31}))); // summer bank holiday
    add(substituted(dayNumber({year, 12, 25})));   // Christmas Day
    add(substituted(dayNumber({year, 12, 26})));   // Boxing Day

    for (const OneOff& oneOff : kOneOffs) {
        if (oneOff.date.year != year) continue;
        DayNumber* replaced = nullptr;
        if (oneOff.replaces != kNothing) {
            const DayNumber from = dayNumber(oneOff.replaces);
            for (int i = 0; i < out.count; ++i)
                if (out.days[size_t(i)] == from) replaced = &out.days[size_t(i)];
        }
        if (replaced)
            *replaced = dayNumber(oneOff.date);
        else
            add(dayNumber(oneOff.date));
    }
    std::sort(out.days.begin(), out.days.begin() + out.count);
    return out;
}

// The years a deadline can fall in while the app is in use, computed once on first use (a
// function-local static: thread-safe) so that working-day arithmetic never allocates.
constexpr int kFirstCachedYear = 1978;
constexpr int kLastCachedYear = 2199;
using CachedYears = std::array<YearBankHolidays, kLastCachedYear - kFirstCachedYear + 1>;

const YearBankHolidays* cachedYear(int year) {
    static const CachedYears years = [] {
        CachedYears table;
        for (int y = kFirstCachedYear; y <= kLastCachedYear; ++y)
            table[size_t(y - kFirstCachedYear)] = computeYear(y);
        return table;
    }();
    if (year < kFirstCachedYear || year > kLastCachedYear) return nullptr;
    return &years[size_t(year - kFirstCachedYear)];
}

} // namespace

YearBankHolidays bankHolidaysIn(int year) {
    if (const YearBankHolidays* cached = cachedYear(year)) return *cached;
    return computeYear(year);
}

std::vector<CivilDate> bankHolidays(int year) {
    const YearBankHolidays holidays = bankHolidaysIn(year);
    std::vector<CivilDate> dates;
    dates.reserve(size_t(holidays.count));
    for (int i = 0; i < holidays.count; ++i)
        dates.push_back(civilDate(holidays.days[size_t(i)]));
    return dates;
}

bool isBankHoliday(DayNumber day) {
    if (isWeekend(day)) return false; // every holiday (and substitute) is a weekday
    const int year = civilDate(day).year;
    if (const YearBankHolidays* cached = cachedYear(year)) return cached->contains(day);
    return computeYear(year).contains(day);
}

} // namespace heard::base
