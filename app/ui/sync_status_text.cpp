#include "app/ui/sync_status_text.h"

#include "app/i18n/i18n.h"
#include "app/model/calendar.h"

#include <cstdio>

namespace heard::ui {

std::string syncStatusLine(const std::optional<sync::SyncStatus>& status) {
    if (!status) return _("Not signed in to the central system: records stay on this tablet.");
    char text[256];
    switch (status->state) {
    case sync::SyncState::Syncing:
        std::snprintf(text, sizeof text, _("Sending to the central system: %d%%"),
                      int(status->progress * 100.0));
        return text;
    case sync::SyncState::WaitingRetry:
        std::snprintf(text, sizeof text, _("Not synced (%s). Trying again in %lld s. %zu waiting."),
                      status->lastError.c_str(), static_cast<long long>(status->nextAttemptIn.count() / 1000),
                      status->pendingCount);
        return text;
    case sync::SyncState::NotEnrolled:
        return _("Not signed in to the central system: records stay on this tablet.");
    case sync::SyncState::Stopped:
        return _("Sync is stopped for this tablet. Please contact support.");
    case sync::SyncState::Idle:
        break;
    }
    if (status->lastSuccess.empty()) {
        std::snprintf(text, sizeof text, _("Not synced yet. %zu waiting."), status->pendingCount);
        return text;
    }
    std::snprintf(text, sizeof text, _("Synced %s. %zu waiting."),
                  model::formatForPeople(status->lastSuccess).c_str(), status->pendingCount);
    return text;
}

} // namespace heard::ui
