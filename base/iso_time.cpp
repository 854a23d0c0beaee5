#include "base/iso_time.h"

#include <ctime>

namespace heard::base {

std::string formatIsoUtc(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::string nowIsoUtc() {
    return formatIsoUtc(std::chrono::system_clock::now());
}

} // namespace heard::base
