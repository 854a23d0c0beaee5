// Working days for follow-up deadlines (SF 2.103, 2.104, 2.108): England-and-Wales bank
// holidays by rule (Easter, substitute days, one-off proclamations), and the working-day
// arithmetic that skips them. Expected lists were written from the rules and checked by hand
// against a calendar; they match those published on gov.uk/bank-holidays.
#include "app/i18n/i18n.h"
#include "storage/record_kinds.h"
#include "app/model/bank_holidays.h"
#include "app/model/calendar.h"
#include "app/model/caseload.h"
#include "app/model/concern.h"
#include "app/model/demo_caseload.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

using namespace heard;
using namespace heard::model;

namespace {
std::string iso(CivilDate date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
    return text;
}

std::vector<std::string> holidaysOf(int year) {
    std::vector<std::string> dates;
    for (const CivilDate& date : bankHolidays(year))
        dates.push_back(iso(date));
    return dates;
}

std::string dueAfter(const std::string& when, int workingDays) {
    return toIsoUtc(addWorkingDays(fromIsoUtc(when), workingDays));
}

using Dates = std::vector<std::string>;
} // namespace

TEST_CASE("civil days: day numbers, dates and weekdays agree with the UTC clock") {
    CHECK(dayNumber({1970, 1, 1}) == 0);
    CHECK(weekday(0) == 4); // a Thursday
    CHECK(iso(civilDate(-1)) == "1969-12-31");
    CHECK(weekday(-1) == 3);
    CHECK(utcDay(fromIsoUtc("2026-11-23T00:00:00Z")) == dayNumber({2026, 11, 23}));
    CHECK(utcDay(fromIsoUtc("2026-11-23T23:59:59Z")) == dayNumber({2026, 11, 23}));
    CHECK(utcDay(fromIsoUtc("1969-12-31T23:59:59Z")) == -1);
    CHECK(weekday(dayNumber({2026, 11, 23})) == 1); // the tests' fixed Monday
    CHECK(iso(civilDate(dayNumber({2024, 2, 29}) + 1)) == "2024-03-01");
    CHECK(iso(civilDate(dayNumber({2100, 2, 28}) + 1)) == "2100-03-01"); // 2100 is not a leap year
    for (DayNumber day = dayNumber({1899, 1, 1}); day < dayNumber({2201, 1, 1}); ++day) {
        const CivilDate date = civilDate(day);
        REQUIRE(dayNumber(date) == day);
        REQUIRE(weekday(day) == (weekday(day - 1) + 1) % 7);
    }
}

TEST_CASE("Easter Sunday by the Gregorian computus") {
    CHECK(iso(easterSunday(2019)) == "2019-04-21");
    CHECK(iso(easterSunday(2024)) == "2024-03-31");
    CHECK(iso(easterSunday(2025)) == "2025-04-20");
    CHECK(iso(easterSunday(2026)) == "2026-04-05");
    CHECK(iso(easterSunday(2027)) == "2027-03-28");
    CHECK(iso(easterSunday(2038)) == "2038-04-25"); // the latest possible date
    CHECK(iso(easterSunday(2285)) == "2285-03-22"); // the earliest possible date
    CHECK(iso(easterSunday(2000)) == "2000-04-23");
    CHECK(iso(easterSunday(2100)) == "2100-03-28");
    for (int year = 1583; year < 4100; ++year) {
        const CivilDate easter = easterSunday(year);
        REQUIRE(weekday(dayNumber(easter)) == 0);
        REQUIRE(dayNumber(easter) >= dayNumber({year, 3, 22}));
        REQUIRE(dayNumber(easter) <= dayNumber({year, 4, 25}));
    }
}

TEST_CASE("every England-and-Wales bank holiday, 2024 to 2027") {
    // New Year, Good Friday, Easter Monday, early May, spring, summer, Christmas, Boxing Day.
    CHECK(holidaysOf(2024) == Dates{"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27",
                                    "2024-08-26", "2024-12-25", "2024-12-26"});
    CHECK(holidaysOf(2025) == Dates{"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26",
                                    "2025-08-25", "2025-12-25", "2025-12-26"});
    // Boxing Day 2026 is a Saturday: Monday 28 December.
    CHECK(holidaysOf(2026) == Dates{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25",
                                    "2026-08-31", "2026-12-25", "2026-12-28"});
    // 1 May 2027 is a Saturday, 31 May a Monday; Christmas 2027 is a Saturday.
    CHECK(holidaysOf(2027) == Dates{"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31",
                                    "2027-08-30", "2027-12-27", "2027-12-28"});
}

TEST_CASE("substitute days when a fixed holiday falls at a weekend") {
    // Christmas on a Saturday: Monday 27 and Tuesday 28 December.
    CHECK(holidaysOf(2021) == Dates{"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31",
                                    "2021-08-30", "2021-12-27", "2021-12-28"});
    CHECK(!isBankHoliday(CivilDate{2021, 12, 25}));
    // Christmas on a Sunday: Boxing Day on Monday 26, Christmas on Tuesday 27 December.
    // New Year's Day on a Saturday: Monday 3 January.
    const Dates y2022 = holidaysOf(2022);
    CHECK(y2022.front() == "2022-01-03");
    CHECK(y2022[y2022.size() - 2] == "2022-12-26");
    CHECK(y2022.back() == "2022-12-27");
    // New Year's Day on a Sunday: Monday 2 January.
    CHECK(holidaysOf(2023).front() == "2023-01-02");
    // Christmas on a Friday, Boxing Day on a Saturday: Monday 28 December.
    CHECK(holidaysOf(2020).back() == "2020-12-28");
    CHECK(isBankHoliday(CivilDate{2020, 12, 25}));
}

TEST_CASE("one-off changes by proclamation: 2020, 2022 and 2023") {
    // 2020: early May moved from Monday 4 to Friday 8 May (VE Day 75).
    CHECK(holidaysOf(2020) == Dates{"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25",
                                    "2020-08-31", "2020-12-25", "2020-12-28"});
    CHECK(!isBankHoliday(CivilDate{2020, 5, 4}));
    // 2022: spring moved from Monday 30 May to Thursday 2 June, Friday 3 June added (Platinum
    // Jubilee); Monday 19 September added (the State Funeral).
    CHECK(holidaysOf(2022) == Dates{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02",
                                    "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"});
    CHECK(!isBankHoliday(CivilDate{2022, 5, 30}));
    // 2023: Monday 8 May added (the Coronation); early May stays on Monday 1 May.
    CHECK(holidaysOf(2023) == Dates{"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08",
                                    "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"});
}

TEST_CASE("every year's bank holidays are distinct weekdays in date order, eight a year") {
    for (int year = 1978; year <= 2400; ++year) { // past the cached years (to 2199) too
        const YearBankHolidays holidays = bankHolidaysIn(year);
        const int expected = year == 2022 ? 10 : year == 2023 ? 9 : 8;
        REQUIRE(holidays.count == expected);
        for (int i = 0; i < holidays.count; ++i) {
            const DayNumber day = holidays.days[size_t(i)];
            REQUIRE(civilDate(day).year == year);
            REQUIRE(!isWeekend(day));
            REQUIRE(isBankHoliday(day));
            REQUIRE(!isWorkingDay(day));
            if (i > 0) REQUIRE(holidays.days[size_t(i - 1)] < day);
        }
    }
}

TEST_CASE("is it a working day") {
    CHECK(isWorkingDay(fromIsoUtc("2026-04-02T10:00:00Z")));  // Thursday before Easter
    CHECK(!isWorkingDay(fromIsoUtc("2026-04-03T10:00:00Z"))); // Good Friday
    CHECK(!isWorkingDay(fromIsoUtc("2026-04-04T10:00:00Z"))); // Saturday
    CHECK(!isWorkingDay(fromIsoUtc("2026-04-06T23:59:59Z"))); // Easter Monday
    CHECK(isWorkingDay(fromIsoUtc("2026-04-07T00:00:00Z")));
    CHECK(isWorkingDay(fromIsoUtc("2026-11-23T10:00:00Z")));  // the tests' fixed Monday
    CHECK(!isWorkingDay(fromIsoUtc("2026-12-28T10:00:00Z"))); // Boxing Day's substitute
}

TEST_CASE("adding working days skips bank holidays: Easter, Christmas, New Year, one-offs") {
    // Thursday 2 April 2026: Good Friday, the weekend and Easter Monday are skipped.
    CHECK(dueAfter("2026-04-02T15:00:00Z", 1) == "2026-04-07T23:59:59Z");
    CHECK(dueAfter("2026-04-02T15:00:00Z", 3) == "2026-04-09T23:59:59Z");
    // A referral made on a bank holiday counts from the next working day.
    CHECK(dueAfter("2026-04-06T11:00:00Z", 1) == "2026-04-07T23:59:59Z");
    // Christmas 2026 (Friday, Boxing Day's substitute Monday 28) and New Year 2027 (Friday).
    CHECK(dueAfter("2026-12-24T16:00:00Z", 1) == "2026-12-29T23:59:59Z");
    CHECK(dueAfter("2026-12-24T16:00:00Z", 3) == "2026-12-31T23:59:59Z");
    CHECK(dueAfter("2026-12-31T09:00:00Z", 1) == "2027-01-04T23:59:59Z");
    CHECK(dueAfter("2026-12-23T09:00:00Z", 3) == "2026-12-30T23:59:59Z");
    // Christmas 2027 on a Saturday: Monday 27 and Tuesday 28 are both skipped.
    CHECK(dueAfter("2027-12-24T09:00:00Z", 1) == "2027-12-29T23:59:59Z");
    // 2020: Friday 8 May was the holiday, Monday 4 May was not.
    CHECK(dueAfter("2020-05-01T09:00:00Z", 1) == "2020-05-04T23:59:59Z");
    CHECK(dueAfter("2020-05-07T09:00:00Z", 1) == "2020-05-11T23:59:59Z");
    // 2022: Thursday 2 and Friday 3 June.
    CHECK(dueAfter("2022-06-01T09:00:00Z", 1) == "2022-06-06T23:59:59Z");
    // No working days: the end of the same day.
    CHECK(dueAfter("2026-04-03T09:00:00Z", 0) == "2026-04-03T23:59:59Z");
}

TEST_CASE("counting working days agrees with adding them and with counting day by day") {
    CHECK(workingDaysBetween(fromIsoUtc("2026-04-02T15:00:00Z"), fromIsoUtc("2026-04-07T09:00:00Z")) == 1);
    CHECK(workingDaysBetween(fromIsoUtc("2026-04-07T09:00:00Z"), fromIsoUtc("2026-04-02T15:00:00Z")) == -1);
    CHECK(workingDaysBetween(fromIsoUtc("2026-04-02T15:00:00Z"), fromIsoUtc("2026-04-02T23:00:00Z")) == 0);
    // 2026: 261 weekdays, eight bank holidays.
    CHECK(workingDaysBetween(fromIsoUtc("2025-12-31T12:00:00Z"), fromIsoUtc("2026-12-31T12:00:00Z")) == 253);
    const DayNumber first = dayNumber({2019, 12, 1});
    const DayNumber last = dayNumber({2028, 2, 1});
    for (DayNumber start = first; start < last; start += 3) {
        const TimePoint from = TimePoint(std::chrono::hours(24) * start + std::chrono::hours(10));
        int byDay = 0;
        for (DayNumber day = start + 1; day <= start + 40; ++day) {
            if (isWorkingDay(day)) ++byDay;
            REQUIRE(workingDaysBetween(from, TimePoint(std::chrono::hours(24) * day)) == byDay);
        }
        for (int n = 0; n <= 10; ++n)
            REQUIRE(workingDaysBetween(from, addWorkingDays(from, n)) == n);
    }
}

TEST_CASE("follow-ups over Easter are due after the holiday, and the caseload flags them so") {
    Concern concern;
    concern.referrals = {
        {"phone", "2026-04-02T15:00:00Z", "2026-04-02T15:00:00Z", ""}}; // Thursday before Good Friday
    const auto followUps = concernFollowUps(concern, {});
    REQUIRE(followUps.size() == 3);
    CHECK(followUps[0].dueAt == "2026-04-07T23:59:59Z"); // confirm in writing (SF 2.103)
    CHECK(followUps[1].dueAt == "2026-04-07T23:59:59Z"); // the manager's copy (SF 2.108)
    CHECK(followUps[2].dueAt == "2026-04-09T23:59:59Z"); // chase (SF 2.104)
    // On Easter Monday nothing is overdue yet (with weekends alone it would have been).
    CHECK((dueState(followUps[0], fromIsoUtc("2026-04-06T09:00:00Z")) == DueState::NotDue));
    CHECK((dueState(followUps[0], fromIsoUtc("2026-04-07T09:00:00Z")) == DueState::DueToday));
    CHECK((dueState(followUps[0], fromIsoUtc("2026-04-08T00:00:01Z")) == DueState::Overdue));

    const DemoCaseload demo = demoCaseload();
    std::vector<storage::Record> records(1);
    records[0].id = "r1";
    records[0].childId = "child-demo-4";
    records[0].kind = storage::kinds::kConcern;
    records[0].status = storage::RecordStatus::Signed;
    records[0].payload = toJson(concern);
    const auto rowOf = [&](const std::string& now) {
        for (const auto& row : buildCaseload(demo.children, demo.cases, records, {}, fromIsoUtc(now)))
            if (row.childId == "child-demo-4") return row;
        FAIL("no row for child-demo-4");
        return CaseloadRow{};
    };
    CHECK(rowOf("2026-04-06T09:00:00Z").followUpsOverdue == 0);
    CHECK(rowOf("2026-04-06T09:00:00Z").followUpsDueToday == 0);
    CHECK(rowOf("2026-04-07T09:00:00Z").followUpsDueToday == 2);
    CHECK(rowOf("2026-04-08T09:00:00Z").followUpsOverdue == 2);
    CHECK(rowOf("2026-04-10T09:00:00Z").followUpsOverdue == 3);
}

TEST_CASE("the fixed test Monday, 23 November 2026, has no bank holiday nearby") {
    // The workflow scenario tests run on this clock and expect weekend-only arithmetic.
    CHECK(dueAfter("2026-11-23T10:00:00Z", 1) == "2026-11-24T23:59:59Z");
    CHECK(dueAfter("2026-11-23T10:00:00Z", 3) == "2026-11-26T23:59:59Z");
}

namespace {
// Sets the process time zone for one test, and puts the old one back.
struct ScopedTimeZone {
    std::string old;
    bool had = false;
    explicit ScopedTimeZone(const char* zone) {
        if (const char* current = std::getenv("TZ")) {
            old = current;
            had = true;
        }
        setenv("TZ", zone, 1);
        tzset();
    }
    ~ScopedTimeZone() {
        if (had)
            setenv("TZ", old.c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }
};
} // namespace

TEST_CASE(
    "dates for people: the tablet's time zone, and day and month names in the practitioner's language") {
    // A POSIX rule for UK time, so the test needs no time zone database.
    ScopedTimeZone uk("GMT0BST,M3.5.0/1,M10.5.0");
    CHECK(formatForPeople("2026-11-23T10:00:00Z") == "Mon 23 Nov 2026, 10:00");
    CHECK(formatForPeople("2026-07-01T10:05:00Z") == "Wed 01 Jul 2026, 11:05"); // British Summer Time
    CHECK(formatDateForPeople("2018-05-03T00:00:00Z") == "03 May 2018");
    CHECK(formatForPeople("not a date") == "not a date");
    i18n::setLanguage("cy");
    CHECK(formatForPeople("2026-11-23T10:00:00Z") == "Llun 23 Tach 2026, 10:00");
    CHECK(formatDateForPeople("2018-05-03T00:00:00Z") == "03 Mai 2018");
    i18n::setLanguage("en");
    // A birthday is the same date on a tablet far west of London.
    ScopedTimeZone west("EST5");
    CHECK(formatDateForPeople("2018-05-03T00:00:00Z") == "03 May 2018");
    CHECK(formatForPeople("2026-11-23T10:00:00Z") == "Mon 23 Nov 2026, 05:00");
}
