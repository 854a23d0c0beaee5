// Checks a push entry against who the authenticated device is (issue 17, item 10), beyond its own
// hash and chain: written once for both backends, free of SQL (everything through ServerStore).
//
//   checkAuditClaims     an audit entry may not name another practitioner as its actor, nor refer
//                        to a case (or a child) never allocated to the device's practitioner.
//   checkCaseStillHeld   a record for a case that has been reallocated away from the practitioner
//                        is accepted only if it was signed, or begun (its draft created, issue
//                        20: a visit in progress finishes), before the reallocation (the tablet
//                        keeps the case until such records are synced); a record begun and signed
//                        later is refused "case_reallocated". The times are the device's claim, covered by
//                        the record's hash: this stops an honest or careless device adding
//                        records, not a device that backdates them.
#pragma once

#include "server/server_store.h"

#include <nlohmann/json.hpp>

#include <string>

namespace heard::server {

// Empty when acceptable, else a reason code: "wrong_actor" or "not_allocated".
std::string checkAuditClaims(const nlohmann::json& body, const sync::PushEntry& entry,
                             const Practitioner& practitioner, ServerStore& store);

// Empty when acceptable, else "case_reallocated". Call only for a record whose case was
// allocated to the practitioner at some time (ServerStore::wasAllocated).
std::string checkCaseStillHeld(const nlohmann::json& body, const sync::PushEntry& entry,
                               const std::string& practitionerId, ServerStore& store);

} // namespace heard::server
