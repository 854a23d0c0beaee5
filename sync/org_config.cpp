#include "sync/org_config.h"

#include "base/json_reader.h"
#include "sync/certificate_pin.h"
#include "sync/private_file.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace heard::sync {

namespace {

// A configuration is a few kilobytes (a CA certificate); anything far larger is not one.
constexpr std::size_t kMaxConfigBytes = 64 * 1024;

bool isHex64(const std::string& text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// Host names and addresses only: letters, digits, '.', '-', ':' (IPv6), no spaces or slashes.
bool isHostName(const std::string& text) {
    return !text.empty() && text.size() <= 253 && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':';
    });
}

std::string decodeCode(const std::string& text) {
    std::string compact;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) compact += c;
    const std::string prefix = kEnrolmentCodePrefix;
    if (compact.size() > kMaxConfigBytes * 2)
        throw OrgConfigError("the enrolment code is far too long to be a Heard enrolment code");
    std::string body = compact.substr(prefix.size());
    std::string decoded(body.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(), body.data(),
                          body.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        throw OrgConfigError("the enrolment code is damaged (check it was copied in full, without changes)");
    decoded.resize(length);
    return decoded;
}

} // namespace

OrgConfig parseOrgConfig(const std::string& input) {
    std::string text = input;
    const auto start = text.find_first_not_of(" \t\r\n");
    if (start == std::string::npos) throw OrgConfigError("the organisation configuration is empty");
    if (text.compare(start, std::string(kEnrolmentCodePrefix).size(), kEnrolmentCodePrefix) == 0)
        text = decodeCode(text.substr(start));
    else if (text[start] != '{')
        throw OrgConfigError("this is neither a Heard organisation configuration nor an enrolment code (a "
                             "code starts with HEARD-ORG1:)");
    std::optional<base::JsonError> jsonError;
    const auto json = base::tryReadJson(text, {kMaxConfigBytes, 8}, &jsonError);
    if (!json || !json->is_object())
        throw OrgConfigError("the organisation configuration is not readable JSON" +
                             (jsonError ? std::string(" (") + jsonError->what() + ")" : std::string()));
    auto field = [&](const char* name) -> std::string {
        auto it = json->find(name);
        if (it == json->end() || !it->is_string() || it->get_ref<const std::string&>().empty())
            throw OrgConfigError(std::string("the organisation configuration has no ") + name);
        return it->get<std::string>();
    };
    auto format = json->find("format");
    if (format == json->end() || !format->is_string() || format->get<std::string>() != kOrgConfigFormat)
        throw OrgConfigError(
            std::string("this is not a Heard organisation configuration (its format is not ") +
            kOrgConfigFormat + ")");
    OrgConfig config;
    config.server = field("server");
    if (!isHostName(config.server))
        throw OrgConfigError("the organisation configuration's server name is not a host name");
    auto port = json->find("port");
    if (port == json->end() || !port->is_number_integer() || port->get<long long>() < 1 ||
        port->get<long long>() > 65535)
        throw OrgConfigError("the organisation configuration's port is not a number from 1 to 65535");
    config.port = static_cast<int>(port->get<long long>());
    config.caPem = field("caPem");
    config.caSpkiSha256 = field("caSpkiSha256");
    if (!isHex64(config.caSpkiSha256))
        throw OrgConfigError("the organisation configuration's fingerprint is not 64 lower-case hex digits");
    const std::string actual = spkiSha256OfPem(config.caPem);
    if (actual.empty())
        throw OrgConfigError("the organisation configuration's CA certificate cannot be read");
    if (actual != config.caSpkiSha256)
        throw OrgConfigError(
            "the organisation configuration's fingerprint does not match its CA certificate: "
            "it was altered or damaged; ask your administrator for a new one");
    return config;
}

nlohmann::json toJson(const OrgConfig& config) {
    return {{"format", kOrgConfigFormat},
            {"server", config.server},
            {"port", config.port},
            {"caSpkiSha256", config.caSpkiSha256},
            {"caPem", config.caPem}};
}

ServerEndpoint endpointFor(const OrgConfig& config) {
    ServerEndpoint endpoint;
    endpoint.host = config.server;
    endpoint.port = config.port;
    endpoint.trustedCaPem = config.caPem;
    endpoint.pinnedSpkiSha256 = config.caSpkiSha256;
    return endpoint;
}

std::string orgConfigPath(const std::string& dataDir) {
    return dataDir + "/" + kOrgConfigFileName;
}

OrgConfig readOrgConfigFile(const std::string& path) {
    std::optional<std::string> text;
    try {
        text = readSmallFile(path, kMaxConfigBytes);
    } catch (const base::Error& e) {
        throw OrgConfigError(e.what());
    }
    if (!text) throw OrgConfigError("there is no organisation configuration at " + path);
    return parseOrgConfig(*text);
}

std::optional<OrgConfig> loadOrgConfig(const std::string& dataDir) {
    std::optional<std::string> text;
    try {
        text = readSmallFile(orgConfigPath(dataDir), kMaxConfigBytes);
    } catch (const base::Error& e) {
        throw OrgConfigError(e.what());
    }
    if (!text) return std::nullopt;
    return parseOrgConfig(*text);
}

void installOrgConfig(const std::string& dataDir, const OrgConfig& config) {
    try {
        writePrivateFile(orgConfigPath(dataDir), toJson(config).dump(2) + "\n");
    } catch (const base::Error& e) {
        throw OrgConfigError(std::string("the organisation configuration could not be saved: ") + e.what());
    }
}

} // namespace heard::sync
