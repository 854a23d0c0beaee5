// Fuzz target: heard-server's record verifier (server/record_verifier.cpp) behind the bounded
// reader, exactly as pushed bodies reach it at intake (server/heard_server.cpp). It answers a
// reason code for anything it refuses; any exception, crash or sanitizer report is a finding.
#include "base/json_reader.h"
#include "server/heard_server.h"
#include "sync/protocol.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto verify = heard::server::defaultRecordHashVerifier();
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto body = heard::base::tryReadJson(text, {heard::sync::kMaxEntryBodyBytes, heard::sync::kMaxJsonDepth});
    if (!body || !body->is_object()) return 0;
    (void)verify("record", *body, text);
    (void)verify("audit", *body, text);
    return 0;
}
