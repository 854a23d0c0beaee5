// ISO-8601 UTC timestamps to the second, "2026-11-23T10:15:00Z": how records, the audit log and
// the server's tables write time. The one copy.
#pragma once

#include <chrono>
#include <string>

namespace heard::base {

std::string formatIsoUtc(std::chrono::system_clock::time_point t);
std::string nowIsoUtc();

} // namespace heard::base
