// The canonical serialisation and hashes of signed records and audit entries.
//
// Shared with sync and the server, which re-verify every chain. The exact definition is
// in docs/security-model.md ("Hash chains"); change it only with a new chain version.
#pragma once

#include "base/hash.h"
#include "storage/records.h"

#include <string>

namespace heard::storage {

// Sorted-keys compact JSON (UTF-8, nlohmann::json::dump()) of a record's fixed fields and
// payload, without "hash" and without "updatedAt".
std::string canonicalRecordJson(const Record& record);
// Hex BLAKE2b-256 (crypto_generichash, no key) of canonicalRecordJson.
std::string recordHash(const Record& record);
// The body sent to the server: the canonical fields plus "hash".
std::string recordOutboxBody(const Record& record);

std::string canonicalAuditJson(const AuditEntry& entry);
std::string auditHash(const AuditEntry& entry);
std::string auditOutboxBody(const AuditEntry& entry);

// Hex BLAKE2b-256 of arbitrary bytes (the one copy is base/hash.h).
using base::blake2bHex;

} // namespace heard::storage
