// Strict JSON (de)serialisation of the sync protocol. Anything unexpected is a ProtocolError
// naming the field (never its value), so a bad body from either side is refused clearly.
#include "sync/protocol.h"

#include "base/hash.h"
#include "base/hex.h"
#include "base/json_reader.h"

#include <sodium.h>

namespace heard::sync {

using nlohmann::json;

namespace {

const json& field(const json& object, const char* name) {
    auto it = object.find(name);
    if (it == object.end()) throw ProtocolError(std::string("missing field: ") + name);
    return *it;
}

std::string stringField(const json& object, const char* name, bool allowEmpty = true) {
    const json& value = field(object, name);
    if (!value.is_string()) throw ProtocolError(std::string("field is not a string: ") + name);
    std::string text = value.get<std::string>();
    if (!allowEmpty && text.empty()) throw ProtocolError(std::string("field is empty: ") + name);
    return text;
}

std::string optionalString(const json& object, const char* name) {
    auto it = object.find(name);
    if (it == object.end() || it->is_null()) return {};
    if (!it->is_string()) throw ProtocolError(std::string("field is not a string: ") + name);
    return it->get<std::string>();
}

std::int64_t intField(const json& object, const char* name, std::int64_t min) {
    const json& value = field(object, name);
    if (!value.is_number_integer()) throw ProtocolError(std::string("field is not an integer: ") + name);
    std::int64_t number = value.get<std::int64_t>();
    if (number < min) throw ProtocolError(std::string("field out of range: ") + name);
    return number;
}

bool boolField(const json& object, const char* name) {
    auto it = object.find(name);
    if (it == object.end()) return false;
    if (!it->is_boolean()) throw ProtocolError(std::string("field is not a boolean: ") + name);
    return it->get<bool>();
}

const json& arrayField(const json& object, const char* name) {
    const json& value = field(object, name);
    if (!value.is_array()) throw ProtocolError(std::string("field is not an array: ") + name);
    return value;
}

void requireObject(const json& value, const char* what) {
    if (!value.is_object()) throw ProtocolError(std::string("not an object: ") + what);
}

void requireProtocol(const json& object) {
    std::int64_t version = intField(object, "protocol", 0);
    if (version != kProtocolVersion) throw ProtocolError("unsupported protocol version");
}

std::string safeIdField(const json& object, const char* name) {
    std::string text = stringField(object, name);
    if (!isSafeId(text)) throw ProtocolError(std::string("field is not a valid id: ") + name);
    return text;
}

} // namespace

// --- enums ------------------------------------------------------------------------------------

const char* entryStatusName(EntryStatus status) {
    switch (status) {
    case EntryStatus::Stored:
        return "stored";
    case EntryStatus::Duplicate:
        return "duplicate";
    case EntryStatus::Rejected:
        return "rejected";
    case EntryStatus::Retry:
        return "retry";
    }
    return "retry";
}

EntryStatus entryStatusFromString(const std::string& text) {
    if (text == "stored") return EntryStatus::Stored;
    if (text == "duplicate") return EntryStatus::Duplicate;
    if (text == "rejected") return EntryStatus::Rejected;
    if (text == "retry") return EntryStatus::Retry;
    throw ProtocolError("unknown entry status");
}

const char* deviceCommandName(DeviceCommand command) {
    switch (command) {
    case DeviceCommand::None:
        return "none";
    case DeviceCommand::Lock:
        return "lock";
    case DeviceCommand::Wipe:
        return "wipe";
    }
    return "none";
}

DeviceCommand deviceCommandFromString(const std::string& text) {
    if (text == "none") return DeviceCommand::None;
    if (text == "lock") return DeviceCommand::Lock;
    if (text == "wipe") return DeviceCommand::Wipe;
    throw ProtocolError("unknown device command");
}

// --- allocations and content ------------------------------------------------------------------

json toJson(const Allocation& v) {
    return {{"caseId", v.caseId},
            {"caseReference", v.caseReference},
            {"childId", v.childId},
            {"childName", v.childName},
            {"childDateOfBirth", v.childDateOfBirth}};
}

Allocation allocationFromJson(const json& j) {
    requireObject(j, "allocation");
    Allocation v;
    v.caseId = safeIdField(j, "caseId");
    v.caseReference = stringField(j, "caseReference");
    v.childId = safeIdField(j, "childId");
    v.childName = stringField(j, "childName");
    v.childDateOfBirth = optionalString(j, "childDateOfBirth");
    return v;
}

json toJson(const ContentUpdate& v) {
    json j = {{"version", v.version}, {"files", v.files}};
    if (!v.signature.empty()) j["signature"] = v.signature;
    if (!v.signerPem.empty()) j["signer"] = v.signerPem;
    return j;
}

ContentUpdate contentUpdateFromJson(const json& j) {
    requireObject(j, "content");
    ContentUpdate v;
    v.version = intField(j, "version", 0);
    v.files = field(j, "files");
    if (!v.files.is_object()) throw ProtocolError("field is not an object: files");
    v.signature = optionalString(j, "signature");
    v.signerPem = optionalString(j, "signer");
    return v;
}

// --- enrolment --------------------------------------------------------------------------------

json toJson(const EnrolRequest& v) {
    return {{"protocol", v.protocol},
            {"username", v.username},
            {"password", v.password},
            {"deviceName", v.deviceName}};
}

EnrolRequest enrolRequestFromJson(const json& j) {
    requireObject(j, "enrol request");
    requireProtocol(j);
    EnrolRequest v;
    v.username = stringField(j, "username", false);
    v.password = stringField(j, "password", false);
    v.deviceName = optionalString(j, "deviceName");
    if (v.username.size() > 200 || v.password.size() > 1024 || v.deviceName.size() > 200)
        throw ProtocolError("enrol field too long");
    return v;
}

json toJson(const EnrolResponse& v) {
    json allocations = json::array();
    for (const auto& a : v.allocations)
        allocations.push_back(toJson(a));
    json j = {{"ok", true},
              {"protocol", kProtocolVersion},
              {"deviceId", v.deviceId},
              {"deviceSecret", v.deviceSecret},
              {"recoveryPublicKey", v.recoveryPublicKey},
              {"practitionerId", v.practitionerId},
              {"practitionerName", v.practitionerName},
              {"allocations", allocations},
              {"cursor", v.cursor}};
    if (v.content) j["content"] = toJson(*v.content);
    if (!v.noteKey.empty()) j["noteKey"] = v.noteKey;
    return j;
}

EnrolResponse enrolResponseFromJson(const json& j) {
    requireObject(j, "enrol response");
    requireProtocol(j);
    EnrolResponse v;
    v.deviceId = safeIdField(j, "deviceId");
    v.deviceSecret = stringField(j, "deviceSecret", false);
    v.recoveryPublicKey = stringField(j, "recoveryPublicKey");
    v.practitionerId = stringField(j, "practitionerId", false);
    v.practitionerName = stringField(j, "practitionerName");
    if (j.contains("noteKey")) v.noteKey = stringField(j, "noteKey");
    for (const auto& a : arrayField(j, "allocations"))
        v.allocations.push_back(allocationFromJson(a));
    if (j.contains("content") && !j["content"].is_null()) v.content = contentUpdateFromJson(j["content"]);
    v.cursor = intField(j, "cursor", 0);
    return v;
}

// --- push -------------------------------------------------------------------------------------

json toJson(const PushEntry& v) {
    return {{"outboxId", v.outboxId}, {"itemType", v.itemType}, {"itemId", v.itemId}, {"version", v.version},
            {"caseId", v.caseId},     {"highRisk", v.highRisk}, {"body", v.body}};
}

PushEntry pushEntryFromJson(const json& j) {
    requireObject(j, "push entry");
    PushEntry v;
    v.outboxId = intField(j, "outboxId", 0);
    v.itemType = stringField(j, "itemType", false);
    if (!isKnownItemType(v.itemType)) throw ProtocolError("unknown item type");
    v.itemId = safeIdField(j, "itemId");
    v.version = intField(j, "version", 1);
    v.caseId = optionalString(j, "caseId");
    if (!v.caseId.empty() && !isSafeId(v.caseId)) throw ProtocolError("field is not a valid id: caseId");
    v.highRisk = boolField(j, "highRisk");
    v.body = stringField(j, "body", false);
    if (v.body.size() > kMaxEntryBodyBytes) throw ProtocolError("entry body too large");
    return v;
}

json toJson(const PushRequest& v) {
    json entries = json::array();
    for (const auto& e : v.entries)
        entries.push_back(toJson(e));
    return {{"protocol", v.protocol}, {"batchId", v.batchId}, {"entries", entries}};
}

namespace {

// True if text is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past
// U+10FFFF), as nlohmann's dump() demands; it throws on anything else.
bool wellFormedUtf8(const std::string& text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int more = 0;
        unsigned char low = 0x80, high = 0xBF; // the range of the byte after the lead
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            if (c == 0xE0) low = 0xA0;
            if (c == 0xED) high = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            if (c == 0xF0) low = 0x90;
            if (c == 0xF4) high = 0x8F;
        } else {
            return false;
        }
        if (end - p <= more) return false;
        if (p[1] < low || p[1] > high) return false;
        for (int i = 2; i <= more; ++i)
            if (p[i] < 0x80 || p[i] > 0xBF) return false;
        p += more + 1;
    }
    return true;
}

// Appends text as a JSON string exactly as nlohmann's dump() writes it (ensure_ascii off).
void appendJsonString(std::string& out, const std::string& text) {
    static const char* hex = "0123456789abcdef";
    out.push_back('"');
    std::size_t run = 0; // start of the bytes copied as they are
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text, run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += "\\u00";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xF]);
        }
    }
    out.append(text, run, std::string::npos);
    out.push_back('"');
}

} // namespace

std::string pushRequestText(const PushRequest& v) {
    std::size_t size = 64 + v.batchId.size();
    if (!wellFormedUtf8(v.batchId)) return toJson(v).dump(); // which refuses it, exactly as before
    for (const auto& e : v.entries) {
        if (!wellFormedUtf8(e.body) || !wellFormedUtf8(e.itemType) || !wellFormedUtf8(e.itemId) ||
            !wellFormedUtf8(e.caseId))
            return toJson(v).dump();
        size += e.body.size() + e.body.size() / 16 + e.itemId.size() + e.caseId.size() + 128;
    }
    std::string out;
    out.reserve(size);
    // Keys in nlohmann's order (sorted), so the bytes are those of toJson(v).dump().
    out += "{\"batchId\":";
    appendJsonString(out, v.batchId);
    out += ",\"entries\":[";
    for (std::size_t i = 0; i < v.entries.size(); ++i) {
        const PushEntry& e = v.entries[i];
        if (i > 0) out.push_back(',');
        out += "{\"body\":";
        appendJsonString(out, e.body);
        out += ",\"caseId\":";
        appendJsonString(out, e.caseId);
        out += e.highRisk ? ",\"highRisk\":true,\"itemId\":" : ",\"highRisk\":false,\"itemId\":";
        appendJsonString(out, e.itemId);
        out += ",\"itemType\":";
        appendJsonString(out, e.itemType);
        out += ",\"outboxId\":";
        out += std::to_string(e.outboxId);
        out += ",\"version\":";
        out += std::to_string(e.version);
        out.push_back('}');
    }
    out += "],\"protocol\":";
    out += std::to_string(v.protocol);
    out.push_back('}');
    return out;
}

PushRequest pushRequestFromJson(const json& j) {
    requireObject(j, "push request");
    requireProtocol(j);
    PushRequest v;
    v.batchId = safeIdField(j, "batchId");
    const json& entries = arrayField(j, "entries");
    if (entries.size() > kMaxBatchEntries) throw ProtocolError("too many entries in one batch");
    for (const auto& e : entries)
        v.entries.push_back(pushEntryFromJson(e));
    return v;
}

json toJson(const PushResult& v) {
    json j = {{"outboxId", v.outboxId},
              {"itemType", v.itemType},
              {"itemId", v.itemId},
              {"version", v.version},
              {"status", entryStatusName(v.status)}};
    if (!v.reason.empty()) j["reason"] = v.reason;
    return j;
}

PushResult pushResultFromJson(const json& j) {
    requireObject(j, "push result");
    PushResult v;
    v.outboxId = intField(j, "outboxId", 0);
    v.itemType = stringField(j, "itemType", false);
    v.itemId = stringField(j, "itemId", false);
    v.version = intField(j, "version", 1);
    v.status = entryStatusFromString(stringField(j, "status"));
    v.reason = optionalString(j, "reason");
    return v;
}

json toJson(const PushResponse& v) {
    json results = json::array();
    for (const auto& r : v.results)
        results.push_back(toJson(r));
    return {{"ok", true},
            {"protocol", kProtocolVersion},
            {"batchId", v.batchId},
            {"results", results},
            {"storeGeneration", v.storeGeneration}};
}

PushResponse pushResponseFromJson(const json& j) {
    requireObject(j, "push response");
    requireProtocol(j);
    PushResponse v;
    v.batchId = stringField(j, "batchId", false);
    for (const auto& r : arrayField(j, "results"))
        v.results.push_back(pushResultFromJson(r));
    v.storeGeneration = optionalString(j, "storeGeneration"); // absent from servers before 0.1.0
    if (v.storeGeneration.size() > kMaxStoreGeneration) throw ProtocolError("storeGeneration is too long");
    return v;
}

// --- pull -------------------------------------------------------------------------------------

json toJson(const PullRequest& v) {
    return {
        {"protocol", v.protocol},         {"cursor", v.cursor},         {"contentVersion", v.contentVersion},
        {"removedCases", v.removedCases}, {"noteCursor", v.noteCursor}, {"historyCursor", v.historyCursor}};
}

json toJson(const ManagerNote& v) {
    return {{"seq", v.seq},
            {"id", v.id},
            {"recordId", v.recordId},
            {"caseId", v.caseId},
            {"childId", v.childId},
            {"author", v.author},
            {"authorName", v.authorName},
            {"decision", v.decision},
            {"note", v.note},
            {"noteDate", v.noteDate},
            {"writtenAt", v.writtenAt},
            {"hash", v.hash},
            {"signature", v.signature}};
}

std::string managerNoteSignedBytes(const ManagerNote& v) {
    json j = toJson(v);
    for (const char* unsigned_ : {"seq", "hash", "signature"})
        j.erase(unsigned_);
    j["kind"] = "manager_note"; // storage::kinds::kManagerNote: a note's bytes never pass for another kind's
    return j.dump();
}

bool managerNoteSignatureValid(const ManagerNote& v, const std::string& noteKeyHex) {
    const auto key = base::bytesFromHex(noteKeyHex, crypto_sign_PUBLICKEYBYTES);
    const auto signature = base::bytesFromHex(v.signature, crypto_sign_BYTES);
    if (!key || !signature) return false;
    const std::string bytes = managerNoteSignedBytes(v);
    if (base::blake2bHex(bytes) != v.hash) return false;
    return crypto_sign_verify_detached(signature->data(),
                                       reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                                       key->data()) == 0;
}

ManagerNote managerNoteFromJson(const json& j) {
    requireObject(j, "manager note");
    ManagerNote v;
    v.seq = intField(j, "seq", 1);
    for (auto [name, field] : {std::pair{"id", &v.id},
                               {"recordId", &v.recordId},
                               {"caseId", &v.caseId},
                               {"childId", &v.childId},
                               {"author", &v.author},
                               {"authorName", &v.authorName},
                               {"decision", &v.decision},
                               {"note", &v.note},
                               {"noteDate", &v.noteDate},
                               {"writtenAt", &v.writtenAt},
                               {"hash", &v.hash},
                               {"signature", &v.signature}}) {
        auto it = j.find(name);
        if (it == j.end() || !it->is_string()) throw ProtocolError(std::string("missing field: ") + name);
        *field = it->get<std::string>();
    }
    if (v.id.empty() || v.caseId.empty() || v.note.size() > 16000) throw ProtocolError("bad manager note");
    return v;
}

PullRequest pullRequestFromJson(const json& j) {
    requireObject(j, "pull request");
    requireProtocol(j);
    PullRequest v;
    v.cursor = intField(j, "cursor", 0);
    v.contentVersion = intField(j, "contentVersion", 0);
    if (j.contains("noteCursor")) v.noteCursor = intField(j, "noteCursor", 0);
    if (j.contains("historyCursor")) v.historyCursor = intField(j, "historyCursor", 0);
    const json& removed = arrayField(j, "removedCases");
    if (removed.size() > 10000) throw ProtocolError("too many removed cases");
    for (const auto& r : removed) {
        if (!r.is_string() || !isSafeId(r.get<std::string>()))
            throw ProtocolError("field is not a valid id: removedCases");
        v.removedCases.push_back(r.get<std::string>());
    }
    return v;
}

json toJson(const PullResponse& v) {
    json allocations = json::array();
    for (const auto& a : v.allocations)
        allocations.push_back(toJson(a));
    json j = {{"ok", true},
              {"protocol", kProtocolVersion},
              {"cursor", v.cursor},
              {"allocations", allocations},
              {"removals", v.removals},
              {"command", deviceCommandName(v.command)},
              {"storeGeneration", v.storeGeneration}};
    if (v.content) j["content"] = toJson(*v.content);
    if (!v.noteKey.empty()) j["noteKey"] = v.noteKey;
    if (!v.managerNotes.empty()) {
        json notes = json::array();
        for (const auto& n : v.managerNotes)
            notes.push_back(toJson(n));
        j["managerNotes"] = notes;
    }
    if (!v.history.empty()) j["history"] = v.history;
    if (v.historyCursor > 0) j["historyCursor"] = v.historyCursor;
    if (!v.secured.empty()) {
        json secured = json::array();
        for (const auto& c : v.secured)
            secured.push_back({{"caseId", c.caseId}, {"securedAt", c.securedAt}});
        j["secured"] = secured;
    }
    return j;
}

PullResponse pullResponseFromJson(const json& j) {
    requireObject(j, "pull response");
    requireProtocol(j);
    PullResponse v;
    v.cursor = intField(j, "cursor", 0);
    for (const auto& a : arrayField(j, "allocations"))
        v.allocations.push_back(allocationFromJson(a));
    for (const auto& r : arrayField(j, "removals")) {
        if (!r.is_string() || !isSafeId(r.get<std::string>()))
            throw ProtocolError("field is not a valid id: removals");
        v.removals.push_back(r.get<std::string>());
    }
    if (j.contains("content") && !j["content"].is_null()) v.content = contentUpdateFromJson(j["content"]);
    v.command = deviceCommandFromString(stringField(j, "command"));
    if (j.contains("noteKey")) v.noteKey = stringField(j, "noteKey");
    if (j.contains("managerNotes")) {
        const json& notes = arrayField(j, "managerNotes");
        if (notes.size() > 10000) throw ProtocolError("too many manager notes");
        for (const auto& n : notes)
            v.managerNotes.push_back(managerNoteFromJson(n));
    }
    v.storeGeneration = optionalString(j, "storeGeneration"); // absent from servers before 0.1.0
    if (v.storeGeneration.size() > kMaxStoreGeneration) throw ProtocolError("storeGeneration is too long");
    if (j.contains("history")) {
        const json& history = arrayField(j, "history");
        if (history.size() > kMaxHistoryRecords) throw ProtocolError("too many history records");
        for (const auto& h : history) {
            if (!h.is_string() || h.get<std::string>().size() > kMaxEntryBodyBytes)
                throw ProtocolError("field is not a record body: history");
            v.history.push_back(h.get<std::string>());
        }
    }
    if (j.contains("historyCursor")) v.historyCursor = intField(j, "historyCursor", 0);
    if (j.contains("secured")) {
        const json& secured = arrayField(j, "secured");
        if (secured.size() > 100000) throw ProtocolError("too many secured cases");
        for (const auto& c : secured) {
            requireObject(c, "secured case");
            SecuredCase sc{stringField(c, "caseId", false), stringField(c, "securedAt", false)};
            if (!isSafeId(sc.caseId)) throw ProtocolError("field is not a valid id: secured");
            v.secured.push_back(std::move(sc));
        }
    }
    return v;
}

json toJson(const DeviceCommandRequest& v) {
    return {{"protocol", v.protocol}, {"deviceId", v.deviceId}, {"token", v.token}};
}

DeviceCommandRequest deviceCommandRequestFromJson(const json& j) {
    requireObject(j, "device command request");
    requireProtocol(j);
    DeviceCommandRequest v;
    v.deviceId = stringField(j, "deviceId", false);
    if (!isSafeId(v.deviceId)) throw ProtocolError("field is not a valid id: deviceId");
    v.token = stringField(j, "token", false);
    if (v.token.size() != 64) throw ProtocolError("field is not a token: token");
    return v;
}

DeviceCommand deviceCommandResponseFromJson(const json& j) {
    requireObject(j, "device command response");
    return deviceCommandFromString(stringField(j, "command"));
}

// --- helpers ----------------------------------------------------------------------------------

json parseObject(const std::string& text) {
    json parsed;
    try {
        parsed = base::readJson(text, {kMaxResponseBytes, kMaxJsonDepth});
    } catch (const base::JsonError& e) {
        if (e.kind() == base::JsonErrorKind::Syntax) throw ProtocolError("body is not valid JSON");
        throw ProtocolError(std::string("body refused: ") + e.what());
    }
    if (!parsed.is_object()) throw ProtocolError("body is not a JSON object");
    return parsed;
}

const json& requireOk(const json& body) {
    auto ok = body.find("ok");
    if (ok != body.end() && ok->is_boolean() && ok->get<bool>()) return body;
    auto code = body.find("error");
    if (code != body.end() && code->is_string())
        throw ProtocolError("server error: " + code->get<std::string>());
    throw ProtocolError("response is not a Heard success body");
}

json errorBody(const std::string& code, const std::string& message) {
    return {{"ok", false}, {"protocol", kProtocolVersion}, {"error", code}, {"message", message}};
}

bool isKnownItemType(const std::string& itemType) {
    return itemType == "record" || itemType == "audit";
}

bool isSafeId(const std::string& text) {
    if (text.empty() || text.size() > 64) return false;
    for (char c : text) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '_';
        if (!ok) return false;
    }
    return true;
}

std::string randomHex(std::size_t bytes) {
    if (sodium_init() < 0) throw base::Error("sodium_init", "libsodium failed to initialise");
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    return base::toHex(raw);
}

} // namespace heard::sync
