// Fuzz target: the sync protocol reader (sync/protocol.h), as the client reads the server's
// answers and the server reads the devices' requests. Any input may be refused, but only with a
// ProtocolError: any other exception, crash or sanitizer report is a finding.
#include "sync/protocol.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

template <typename Parse> void attempt(const nlohmann::json& j, Parse parse) {
    try {
        auto message = parse(j);
        (void)heard::sync::toJson(message).dump(); // what is accepted can be written back
    } catch (const heard::sync::ProtocolError&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace heard::sync;
    const std::string text(reinterpret_cast<const char*>(data), size);
    nlohmann::json j;
    try {
        j = parseObject(text);
    } catch (const ProtocolError&) {
        return 0;
    }
    attempt(j, pullResponseFromJson);
    attempt(j, pushResponseFromJson);
    attempt(j, enrolResponseFromJson);
    attempt(j, pushRequestFromJson);
    attempt(j, pullRequestFromJson);
    attempt(j, enrolRequestFromJson);
    try {
        requireOk(j);
    } catch (const ProtocolError&) {
    }
    return 0;
}
