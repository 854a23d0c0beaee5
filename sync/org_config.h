// The organisation configuration on the tablet (issue 17 item 2): where the central system is and
// which key to trust for it, installed by the administrator, so a practitioner signs in with only
// a user name and password and enrolment never trusts the system's public CAs.
//
// heard-server prints it (`heard-server admin enrolment-config`, server/org_config.h) as JSON
//   {"format":"heard-organisation-v1","server":"<name>","port":<n>,
//    "caSpkiSha256":"<64 hex>","caPem":"-----BEGIN CERTIFICATE-----..."}
// or as an enrolment code, "HEARD-ORG1:" + the same JSON in URL-safe base64 (also shown as a QR
// code), which a practitioner can paste or type; white space in a code is ignored.
//
// The tablet finds it in --org-config FILE, or in organisation.json in its data folder (where the
// sign-in screen installs a pasted code). caSpkiSha256 must be the key of caPem: a configuration
// whose fingerprint and certificate disagree was altered or damaged and is refused.
#pragma once

#include "base/error.h"
#include "sync/https_channel.h"
#include "sync/protocol_org.h"

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace heard::sync {

inline constexpr const char* kOrgConfigFileName = "organisation.json";

struct OrgConfig {
    std::string server; // host name or address the server's certificate names
    int port = 0;
    std::string caPem;        // the organisation's CA certificate: the only trust anchor
    std::string caSpkiSha256; // SHA-256 of its SubjectPublicKeyInfo, lower-case hex: the pin
};

// A configuration that cannot be used; what() says why in words a practitioner can pass on.
class OrgConfigError : public base::Error {
public:
    explicit OrgConfigError(const std::string& message) : base::Error("org_config", message) {}
};

// Parses JSON or an enrolment code, and checks every field (the fingerprint against the CA).
OrgConfig parseOrgConfig(const std::string& text);
nlohmann::json toJson(const OrgConfig& config);

// The endpoint that trusts only the configuration's CA and pins its key.
ServerEndpoint endpointFor(const OrgConfig& config);

// <dataDir>/organisation.json.
std::string orgConfigPath(const std::string& dataDir);
// The installed configuration; nullopt when there is none. Throws OrgConfigError if it is damaged.
std::optional<OrgConfig> loadOrgConfig(const std::string& dataDir);
// Reads and parses a file (--org-config). Throws OrgConfigError.
OrgConfig readOrgConfigFile(const std::string& path);
// Writes it to the data folder atomically (temporary file, fsync, rename), mode 0600; creates the
// folder (0700) if needed. Throws OrgConfigError when it cannot be written.
void installOrgConfig(const std::string& dataDir, const OrgConfig& config);

} // namespace heard::sync
