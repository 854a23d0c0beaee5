// One plain line about sync for the practitioner: "Synced at 10:15", "Sending 40%",
// "No connection: trying again in 30 s", "Not signed in".
#pragma once

#include "sync/sync_service.h"

#include <optional>
#include <string>

namespace heard::ui {

std::string syncStatusLine(const std::optional<sync::SyncStatus>& status);

} // namespace heard::ui
