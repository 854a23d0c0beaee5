#include "app/model/calendar.h"

#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace heard::model {

namespace {
std::tm toTm(TimePoint t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    return tm;
}
} // namespace

std::string toIsoUtc(TimePoint t) {
    const std::tm tm = toTm(t);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

TimePoint fromIsoUtc(const std::string& iso) {
    std::tm tm{};
    int consumed = 0;
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
        size_t(consumed) != iso.size() || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
        tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
        throw std::invalid_argument("not an ISO-8601 UTC time: '" + iso + "'");
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

TimePoint addWorkingDays(TimePoint t, int workingDays) {
    std::tm tm = toTm(t);
    tm.tm_hour = 23;
    tm.tm_min = 59;
    tm.tm_sec = 59;
    int added = 0;
    while (added < workingDays) {
        tm.tm_mday += 1;
        const std::time_t normalised = timegm(&tm);
        gmtime_r(&normalised, &tm);
        if (tm.tm_wday != 0 && tm.tm_wday != 6) ++added;
    }
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::string formatForPeople(const std::string& iso) {
    try {
        const std::tm tm = toTm(fromIsoUtc(iso));
        char text[40];
        std::strftime(text, sizeof text, "%a %d %b %Y, %H:%M", &tm);
        return text;
    } catch (const std::invalid_argument&) {
        return iso;
    }
}

std::string formatDateForPeople(const std::string& iso) {
    try {
        const std::tm tm = toTm(fromIsoUtc(iso));
        char text[24];
        std::strftime(text, sizeof text, "%d %b %Y", &tm);
        return text;
    } catch (const std::invalid_argument&) {
        return iso;
    }
}

} // namespace heard::model
