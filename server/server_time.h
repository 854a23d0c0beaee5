// Time helpers for heard-server (UTC, ISO-8601).
#pragma once

#include <string>

namespace heard::server {

std::string nowIsoUtc(); // "2026-11-23T10:15:00Z"

} // namespace heard::server
