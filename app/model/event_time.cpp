#include "app/model/event_time.h"

#include "app/i18n/i18n.h"

#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace heard::model {

bool isLateEntry(const std::string& at, const std::string& writtenAt) {
    try {
        return fromIsoUtc(writtenAt) - fromIsoUtc(at) > kLateEntryAfter;
    } catch (const std::invalid_argument&) {
        return false;
    }
}

bool parseEventTime(const std::string& text, TimePoint now, std::string& iso, const char*& error) {
    std::tm tm{};
    int consumed = 0;
    if (std::sscanf(text.c_str(), " %4d-%2d-%2d %2d:%2d %n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                    &tm.tm_hour, &tm.tm_min, &consumed) != 5 ||
        size_t(consumed) != text.size() || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
        tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_year < 2000) {
        error = N_("Write the time as year-month-day hours:minutes, for example 2026-11-22 16:00");
        return false;
    }
    const int day = tm.tm_mday, month = tm.tm_mon;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1; // the tablet's time zone decides whether summer time applies
    const std::time_t seconds = std::mktime(&tm);
    if (seconds == std::time_t(-1) || tm.tm_mday != day || tm.tm_mon != month - 1) {
        error = N_("There is no such date");
        return false;
    }
    const TimePoint at = std::chrono::system_clock::from_time_t(seconds);
    if (at > now) {
        error = N_("That time is in the future: write when it happened");
        return false;
    }
    iso = toIsoUtc(at);
    return true;
}

std::string eventTimeText(const std::string& iso) {
    try {
        const std::time_t seconds = std::chrono::system_clock::to_time_t(fromIsoUtc(iso));
        std::tm tm{};
        localtime_r(&seconds, &tm);
        char text[96];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                      tm.tm_mday, tm.tm_hour, tm.tm_min);
        return text;
    } catch (const std::invalid_argument&) {
        return "";
    }
}

bool isInFuture(const std::string& iso, TimePoint now) {
    try {
        return fromIsoUtc(iso) > now;
    } catch (const std::invalid_argument&) {
        return false;
    }
}

} // namespace heard::model
