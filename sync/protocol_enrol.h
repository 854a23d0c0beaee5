// Two-phase enrolment (issue 20, item 6): POST /v1/enrol makes a device credential that is only
// pending; the tablet confirms it once everything is saved on its side, or cancels it when it
// could not finish (say the organisation's recovery key was unusable), so a failed enrolment
// leaves nothing on the server. Until the confirmation the practitioner's earlier credentials
// keep working: a failed re-enrolment never locks a tablet out.
//
// Both requests carry the new credential in X-Heard-Device and the body
//   {"protocol": 1, "previousDevice": "<device id>:<device secret>"}   (confirm; optional)
//   {"protocol": 1}                                                     (cancel)
// and are answered {"ok": true, "protocol": 1} or an error body (docs/sync-protocol.md).
// previousDevice is the same store's earlier credential when a tablet enrols again: the server
// then carries that device's chain tips over to the new one, so the store's hash chains go on.
#pragma once

namespace heard::sync {

inline constexpr const char* kPathEnrolConfirm = "/v1/enrol/confirm";
inline constexpr const char* kPathEnrolCancel = "/v1/enrol/cancel";

} // namespace heard::sync
