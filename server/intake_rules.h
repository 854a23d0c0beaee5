// The intake decision both server backends share, kept free of SQL so it is written once.
#pragma once

#include "server/server_store.h"

#include <optional>

namespace heard::server {

// Given what the store already holds for this entry's (type, id, version) (the digest of the
// stored body, if any) and the chain tip for the entry's (case, device), decides the outcome.
// Returns nullopt when the entry is new and fits the chain: the caller then stores it.
//
// Chain rule (records with a case and chainSeq > 0; chains are per case per device store, because
// a reallocated case starts a new chain on its new device):
//   chainSeq == tip + 1 and prevHash == tip hash (any prevHash when tip is 0): store
//   chainSeq >  tip + 1: Retry "chain_gap" (its predecessor has not arrived yet; never stored out
//                        of order, and the device keeps it)
//   chainSeq <= tip, or prevHash differs: Rejected "chain_fork" / "chain_mismatch" (flagged)
std::optional<IntakeOutcome>
decideIntake(const IntakeEntry& entry, const std::optional<std::string>& storedDigest, const ChainTip& tip);

} // namespace heard::server
