#include "app/ui/sync_status_text.h"

#include "app/i18n/i18n.h"
#include "app/model/calendar.h"

#include <cstdio>

namespace heard::ui {

std::string syncFailureText(sync::SyncFailure failure, const std::string& detail) {
    const char* words = nullptr;
    switch (failure) {
    case sync::SyncFailure::Offline:
        words = _("no connection to the central system");
        break;
    case sync::SyncFailure::Certificate:
        words = _("the central system's certificate was not the one this tablet trusts");
        break;
    case sync::SyncFailure::Unauthorised:
        words = _("the user name or password was not accepted");
        break;
    case sync::SyncFailure::Revoked:
        words = _("this tablet has been switched off for sync by an administrator");
        break;
    case sync::SyncFailure::ServerError:
        words = _("the central system could not take the records just now");
        break;
    case sync::SyncFailure::NotEnrolled:
        words = _("this tablet is not signed in");
        break;
    case sync::SyncFailure::LocalStore:
        words = _("this tablet's store could not be written");
        break;
    case sync::SyncFailure::Cancelled:
        words = _("stopped");
        break;
    case sync::SyncFailure::None:
        break;
    }
    if (!words) return detail;
    return detail.empty() ? std::string(words) : std::string(words) + " [" + detail + "]";
}

std::string syncStatusLine(const std::optional<sync::SyncStatus>& status) {
    if (!status) return _("Not signed in to the central system: records stay on this tablet.");
    char text[512];
    std::string why;
    switch (status->state) {
    case sync::SyncState::Syncing:
        std::snprintf(text, sizeof text, _("Sending to the central system: %d%%"),
                      int(status->progress * 100.0));
        return text;
    case sync::SyncState::WaitingRetry:
        why = syncFailureText(status->lastFailure);
        if (why.empty()) why = status->lastError;
        std::snprintf(text, sizeof text, _("Not synced (%s). Trying again in %lld s. %zu waiting."),
                      why.c_str(), static_cast<long long>(status->nextAttemptIn.count() / 1000),
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
