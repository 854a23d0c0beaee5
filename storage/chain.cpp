// Canonical JSON and BLAKE2b hashes for the per-case record chains and the audit chain.
#include "storage/chain.h"

#include "storage/record_kinds.h"

#include <nlohmann/json.hpp>

namespace heard::storage {

namespace {

// nlohmann::json stores objects in a std::map, so dump() emits keys in byte order:
// that ordering plus compact output is the canonical form.
nlohmann::json recordFields(const Record& r) {
    auto fields = nlohmann::json{
        {"chainVersion", 1},
        {"id", r.id},
        {"version", r.version},
        {"caseId", r.caseId},
        {"childId", r.childId},
        {"kind", r.kind},
        {"status", toString(r.status)},
        {"author", r.author},
        {"createdAt", r.createdAt},
        {"signedAt", r.signedAt},
        {"signedBy", r.signedBy},
        {"parentId", r.parentId},
        {"highRisk", r.highRisk},
        {"payload", r.payload},
        {"chainSeq", r.chainSeq},
        {"prevHash", r.prevHash},
    };
    if (!r.chain.empty()) {
        fields["chainVersion"] = 2;
        fields["chain"] = r.chain;
    }
    return fields;
}

nlohmann::json auditFields(const AuditEntry& e) {
    return nlohmann::json{
        {"chainVersion", 1},  {"seq", e.seq},       {"at", e.at},         {"actor", e.actor},
        {"action", e.action}, {"target", e.target}, {"detail", e.detail}, {"prevHash", e.prevHash},
    };
}

} // namespace

std::string chainForKind(const std::string& kind) {
    return kind == kinds::kSafetyAlert ? kSafetyChain : "";
}

std::string canonicalRecordJson(const Record& record) {
    return recordFields(record).dump();
}
std::string recordHash(const Record& record) {
    return blake2bHex(canonicalRecordJson(record));
}
std::string recordOutboxBody(const Record& record) {
    auto j = recordFields(record);
    j["hash"] = record.hash;
    return j.dump();
}

std::optional<Record> recordFromOutboxBody(const std::string& body) {
    try {
        const auto j = nlohmann::json::parse(body);
        if (!j.is_object()) return std::nullopt;
        Record r;
        r.id = j.at("id").get<std::string>();
        r.version = j.at("version").get<int>();
        r.caseId = j.at("caseId").get<std::string>();
        r.childId = j.at("childId").get<std::string>();
        r.kind = j.at("kind").get<std::string>();
        if (j.at("status").get<std::string>() != "signed") return std::nullopt;
        r.status = RecordStatus::Signed;
        r.author = j.at("author").get<std::string>();
        r.createdAt = r.updatedAt = j.at("createdAt").get<std::string>();
        r.signedAt = j.at("signedAt").get<std::string>();
        r.signedBy = j.at("signedBy").get<std::string>();
        r.parentId = j.at("parentId").get<std::string>();
        r.highRisk = j.at("highRisk").get<bool>();
        r.payload = j.at("payload");
        r.chainSeq = j.at("chainSeq").get<int64_t>();
        r.prevHash = j.at("prevHash").get<std::string>();
        r.chain = j.value("chain", std::string());
        r.hash = j.at("hash").get<std::string>();
        // The body must be exactly the canonical one, so nothing unhashed rides along.
        if (recordHash(r) != r.hash || recordOutboxBody(r) != body) return std::nullopt;
        return r;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::string canonicalAuditJson(const AuditEntry& entry) {
    return auditFields(entry).dump();
}
std::string auditHash(const AuditEntry& entry) {
    return blake2bHex(canonicalAuditJson(entry));
}
std::string auditOutboxBody(const AuditEntry& entry) {
    auto j = auditFields(entry);
    j["hash"] = entry.hash;
    return j.dump();
}

} // namespace heard::storage
