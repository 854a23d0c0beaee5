// The organisation configuration's format, shared by heard-server (which prints it:
// `heard-server admin enrolment-config`) and the tablet (which reads it: sync/org_config.h).
//
//   {"format":"heard-organisation-v1","server":"<name>","port":<n>,
//    "caSpkiSha256":"<64 hex>","caPem":"-----BEGIN CERTIFICATE-----..."}
//
// The enrolment code is "HEARD-ORG1:" + that JSON in URL-safe base64 without padding.
#pragma once

#include <openssl/x509.h>

#include <string>

namespace heard::sync {

inline constexpr const char* kOrgConfigFormat = "heard-organisation-v1";
inline constexpr const char* kEnrolmentCodePrefix = "HEARD-ORG1:";

// Lower-case hex SHA-256 of a certificate's DER SubjectPublicKeyInfo (what
// `openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256sum` prints). Empty if none.
std::string spkiSha256(X509* certificate);
// The same for the first certificate of a PEM text; empty when it holds no certificate.
std::string spkiSha256OfPem(const std::string& pem);

// The enrolment code for a configuration's JSON text.
std::string enrolmentCode(const std::string& configJson);

} // namespace heard::sync
