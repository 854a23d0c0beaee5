#include "server/intake_rules.h"

namespace heard::server {

std::optional<IntakeOutcome>
decideIntake(const IntakeEntry& entry, const std::optional<std::string>& storedDigest, const ChainTip& tip) {
    using sync::EntryStatus;
    if (storedDigest) {
        if (*storedDigest == entry.bodyDigest) return IntakeOutcome{EntryStatus::Duplicate, {}};
        return IntakeOutcome{EntryStatus::Rejected, "conflict"};
    }
    if (entry.chainSeq <= 0) return std::nullopt; // not chained (audit entries)
    if (entry.chainSeq > tip.chainSeq + 1) return IntakeOutcome{EntryStatus::Retry, "chain_gap"};
    if (entry.chainSeq <= tip.chainSeq) return IntakeOutcome{EntryStatus::Rejected, "chain_fork"};
    if (tip.chainSeq > 0 && entry.prevHash != tip.hash)
        return IntakeOutcome{EntryStatus::Rejected, "chain_mismatch"};
    return std::nullopt;
}

} // namespace heard::server
