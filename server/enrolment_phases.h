// Two-phase enrolment at the server (issue 20, item 6; sync/protocol_enrol.h says why). Written once
// for both backends through ServerStore::transact.
#pragma once

#include "server/server_store.h"

#include <cstdint>
#include <optional>
#include <string>

namespace heard::server {

// An unconfirmed enrolment older than this is deleted (the tablet never came back).
inline constexpr std::int64_t kUnconfirmedEnrolmentMs = 15 * 60 * 1000;

void markEnrolmentPending(ServerStore& store, const std::string& deviceId, std::int64_t nowMs);
bool enrolmentPending(ServerStore& store, const std::string& deviceId);
// Deletes devices whose enrolment stayed unconfirmed for longer than maxAgeMs; returns how many.
std::size_t sweepUnconfirmedEnrolments(ServerStore& store, std::int64_t nowMs,
                                       std::int64_t maxAgeMs = kUnconfirmedEnrolmentMs);
// Confirms the device's enrolment: if previous is the same practitioner's earlier device (its
// secret proven by the caller), its chain tips carry over to this device; then every other device
// of the practitioner is revoked (one credential each). Returns how many were revoked. Idempotent.
std::size_t confirmEnrolment(ServerStore& store, const Device& device, const std::optional<Device>& previous);
// Deletes a device whose enrolment is still pending (nothing else of it exists); false if it
// is not pending (confirmed already, or unknown).
bool cancelEnrolment(ServerStore& store, const std::string& deviceId);

} // namespace heard::server
