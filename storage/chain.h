// The canonical serialisation and hashes of signed records and audit entries.
//
// Shared with sync and the server, which re-verify every chain. The exact definition is
// in docs/security-model.md ("Hash chains"); change it only with a new chain version.
#pragma once

#include "base/hash.h"
#include "storage/records.h"

#include <optional>
#include <string>

namespace heard::storage {

// A case has two record chains. Its records (visits, concerns, addenda...) form the case chain
// (Record::chain ""); its safety alerts form their own chain, kSafetyChain, so an alert is never
// held behind the case's earlier, unsynced records: the server verifies each chain on its own
// (docs/sync-protocol.md, "Safety alerts travel on their own chain"). Alerts signed before
// migration 8 stay where they were signed, on the case chain.
inline constexpr const char* kSafetyChain = "safety";
// The chain a record of this kind is signed on.
std::string chainForKind(const std::string& kind);

// Sorted-keys compact JSON (UTF-8, nlohmann::json::dump()) of a record's fixed fields and
// payload, without "hash" and without "updatedAt". A record on the case chain is chain version
// 1; one on another chain is version 2, which adds "chain" (so version 1 hashes never change).
std::string canonicalRecordJson(const Record& record);
// Hex BLAKE2b-256 (crypto_generichash, no key) of canonicalRecordJson.
std::string recordHash(const Record& record);
// The body sent to the server: the canonical fields plus "hash".
std::string recordOutboxBody(const Record& record);

// The record in an outbox body (recordOutboxBody), if it parses and its hash is its own.
std::optional<Record> recordFromOutboxBody(const std::string& body);

std::string canonicalAuditJson(const AuditEntry& entry);
std::string auditHash(const AuditEntry& entry);
std::string auditOutboxBody(const AuditEntry& entry);

// Hex BLAKE2b-256 of arbitrary bytes (the one copy is base/hash.h).
using base::blake2bHex;

} // namespace heard::storage
