// One plain line about sync for the practitioner: "Synced at 10:15", "Sending 40%",
// "No connection: trying again in 30 s", "Not signed in".
#pragma once

#include "sync/sync_service.h"

#include <optional>
#include <string>

namespace heard::ui {

std::string syncStatusLine(const std::optional<sync::SyncStatus>& status);

// Why a sync or a sign-in failed, in the practitioner's language (the technical detail in
// `detail` is English, for support and logs; it is added after the words when not empty).
std::string syncFailureText(sync::SyncFailure failure, const std::string& detail = "");

} // namespace heard::ui
