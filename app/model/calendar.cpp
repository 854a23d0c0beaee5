#include "app/model/calendar.h"

#include "app/i18n/i18n.h"
#include "base/iso_time.h"

#include <algorithm>
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
    return base::formatIsoUtc(t);
}

TimePoint fromIsoUtc(const std::string& iso) {
    return base::parseIsoUtc(iso);
}

namespace {
// Names in the practitioner's language (strftime would give the C locale's English).
const char* const kWeekdays[7] = {N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"),
                                  N_("Thu"), N_("Fri"), N_("Sat")};
const char* const kMonths[12] = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
                                 N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};

std::string dayMonthYear(const std::tm& tm) {
    char text[48];
    std::snprintf(text, sizeof text, "%02d %s %d", tm.tm_mday, _(kMonths[tm.tm_mon]), tm.tm_year + 1900);
    return text;
}
} // namespace

std::string formatForPeople(const std::string& iso) {
    try {
        // A moment is shown in the tablet's own time zone (British Summer Time in summer).
        const std::time_t seconds = std::chrono::system_clock::to_time_t(fromIsoUtc(iso));
        std::tm tm{};
        localtime_r(&seconds, &tm);
        char time[16];
        std::snprintf(time, sizeof time, "%02d:%02d", tm.tm_hour, tm.tm_min);
        return std::string(_(kWeekdays[tm.tm_wday])) + " " + dayMonthYear(tm) + ", " + time;
    } catch (const std::invalid_argument&) {
        return iso;
    }
}

std::string formatDateForPeople(const std::string& iso) {
    try {
        // A calendar date (a birthday) is the same date everywhere: no time zone.
        return dayMonthYear(toTm(fromIsoUtc(iso)));
    } catch (const std::invalid_argument&) {
        return iso;
    }
}

} // namespace heard::model
