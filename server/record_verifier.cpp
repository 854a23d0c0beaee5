// The server re-verifies every record's and audit entry's own hash with heard_storage's chain
// code (storage/chain.h), so the canonical serialisation is written once. This is the one place
// heard-server depends on heard_storage (a deliberate layering exception: see docs/sync-protocol.md).
#include "server/heard_server.h"

#include "storage/chain.h"

#include <cstdint>
#include <limits>
#include <type_traits>

namespace heard::server {

namespace {

using nlohmann::json;

template <typename T> bool read(const json& body, const char* name, T& out) {
    auto it = body.find(name);
    if (it == body.end()) return false;
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        // nlohmann converts a float such as 1e300 to an integer with a plain cast, which is
        // undefined behaviour (fuzz_record_verifier found it): only whole numbers in range count.
        if (it->is_number_unsigned()) {
            const auto v = it->get<std::uint64_t>();
            if (v > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) return false;
            out = static_cast<T>(v);
            return true;
        }
        if (!it->is_number_integer()) return false;
        const auto v = it->get<std::int64_t>();
        if (v < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
            (v > 0 &&
             static_cast<std::uint64_t>(v) > static_cast<std::uint64_t>(std::numeric_limits<T>::max())))
            return false;
        out = static_cast<T>(v);
        return true;
    }
    try {
        out = it->get<T>();
        return true;
    } catch (const json::exception&) {
        return false;
    }
}

std::string verifyRecord(const json& body, const std::string& text) {
    storage::Record r;
    std::string status;
    std::int64_t chainVersion = 0;
    bool complete = read(body, "chainVersion", chainVersion) && read(body, "id", r.id) &&
                    read(body, "version", r.version) && read(body, "caseId", r.caseId) &&
                    read(body, "childId", r.childId) && read(body, "kind", r.kind) &&
                    read(body, "status", status) && read(body, "author", r.author) &&
                    read(body, "createdAt", r.createdAt) && read(body, "signedAt", r.signedAt) &&
                    read(body, "signedBy", r.signedBy) && read(body, "parentId", r.parentId) &&
                    read(body, "highRisk", r.highRisk) && read(body, "chainSeq", r.chainSeq) &&
                    read(body, "prevHash", r.prevHash) && read(body, "hash", r.hash) &&
                    body.contains("payload");
    if (!complete) return "schema_fields";
    // Version 1: the case's chain; version 2 names another chain of the case (storage/chain.h).
    if (chainVersion == 2) {
        if (!read(body, "chain", r.chain) || r.chain.empty()) return "chain_version";
    } else if (chainVersion != 1) {
        return "chain_version";
    }
    if (status != "signed") return "schema_status";
    r.status = storage::RecordStatus::Signed;
    r.payload = body["payload"];
    if (storage::recordHash(r) != r.hash) return "hash_mismatch";
    // The body must be exactly the canonical one: no unhashed extra fields ride along.
    if (storage::recordOutboxBody(r) != text) return "not_canonical";
    return {};
}

std::string verifyAudit(const json& body, const std::string& text) {
    storage::AuditEntry e;
    std::int64_t chainVersion = 0;
    bool complete =
        read(body, "chainVersion", chainVersion) && read(body, "seq", e.seq) && read(body, "at", e.at) &&
        read(body, "actor", e.actor) && read(body, "action", e.action) && read(body, "target", e.target) &&
        read(body, "detail", e.detail) && read(body, "prevHash", e.prevHash) && read(body, "hash", e.hash);
    if (!complete) return "schema_fields";
    if (chainVersion != 1) return "chain_version";
    if (storage::auditHash(e) != e.hash) return "hash_mismatch";
    if (storage::auditOutboxBody(e) != text) return "not_canonical";
    return {};
}

} // namespace

RecordHashVerifier defaultRecordHashVerifier() {
    return [](const std::string& itemType, const json& body, const std::string& text) -> std::string {
        if (itemType == "record") return verifyRecord(body, text);
        if (itemType == "audit") return verifyAudit(body, text);
        return "schema_type";
    };
}

} // namespace heard::server
