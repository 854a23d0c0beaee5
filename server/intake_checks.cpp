#include "server/intake_checks.h"

#include <algorithm>
#include <set>

namespace heard::server {

namespace {

std::string field(const nlohmann::json& body, const char* name) {
    auto it = body.find(name);
    return (it != body.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

} // namespace

std::string checkAuditClaims(const nlohmann::json& body, const sync::PushEntry& entry,
                             const Practitioner& practitioner, ServerStore& store) {
    // The actor: the practitioner's own id or name, the device itself, or a name typed on the
    // tablet before enrolment; never another practitioner's sign-in id.
    const std::string actor = field(body, "actor");
    if (actor != practitioner.id && actor != practitioner.displayName && sync::isSafeId(actor) &&
        store.practitioner(actor))
        return "wrong_actor";

    // Every case the entry refers to must have been allocated to this practitioner.
    std::set<std::string> cases;
    if (!entry.caseId.empty()) cases.insert(entry.caseId);
    const std::string action = field(body, "action"), target = field(body, "target"),
                      detail = field(body, "detail");
    if (detail.rfind("case=", 0) == 0) cases.insert(detail.substr(5, detail.find(' ') - 5));
    if (action == "secure_case" && !target.empty()) cases.insert(target);
    for (const auto& caseId : cases)
        if (!store.wasAllocated(practitioner.id, caseId)) return "not_allocated";

    // A child named as the target ("child:<id>") must belong to one of those allocations.
    if (target.rfind("child:", 0) == 0) {
        const std::string childId = target.substr(6);
        bool known = false;
        std::int64_t cursor = 0;
        while (!known) { // the store answers in pages
            auto events = store.allocationEventsSince(practitioner.id, cursor);
            if (events.empty()) break;
            known = std::any_of(events.begin(), events.end(), [&](const AllocationEvent& e) {
                return !e.removal && e.allocation.childId == childId;
            });
            cursor = events.back().seq;
        }
        if (!known) return "not_allocated";
    }
    return {};
}

std::string checkCaseStillHeld(const nlohmann::json& body, const sync::PushEntry& entry,
                               const std::string& practitionerId, ServerStore& store) {
    auto owner = store.caseOwner(entry.caseId);
    if (owner && *owner == practitionerId) return {}; // held now (possibly allocated back)
    auto removedAt = store.reallocatedAwayAt(practitionerId, entry.caseId);
    // Both times are ISO 8601 UTC ("YYYY-MM-DDTHH:MM:SSZ", fractions allowed), so they order as text.
    const std::string signedAt = field(body, "signedAt");
    const std::string createdAt = field(body, "createdAt");
    // Issue 20: a record begun before the reallocation (a visit in progress when it arrived) is
    // finished, signed and accepted; only one begun after it is new work on a case that is gone.
    auto after = [&](const std::string& at) {
        return at.empty() || at.substr(0, 19) > removedAt->substr(0, 19);
    };
    if (removedAt && after(signedAt) && after(createdAt)) return "case_reallocated";
    return {};
}

} // namespace heard::server
