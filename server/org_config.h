// The organisation configuration a tablet is given by its administrator (issue 17, item 2, the
// server half): where the central system is and which CA to trust for it. The tablet pins the CA's
// key (SPKI SHA-256), not the leaf, so renewing the server certificate needs no re-enrolment, and
// it never consults the system trust store for enrolment.
//
//   heard-server admin enrolment-config --host <name> --port <n> --ca <ca.pem> [--code] [--qr]
//
// prints one JSON object (the file an administrator installs on a tablet):
//   {"format":"heard-organisation-v1","server":"<name>","port":<n>,
//    "caSpkiSha256":"<64 hex>","caPem":"-----BEGIN CERTIFICATE-----..."}
// --code prints it as an enrolment code instead ("HEARD-ORG1:" + URL-safe base64, which the
// tablet's sign-in screen accepts pasted or typed; sync/org_config.h), --qr draws that code as a
// QR code in the terminal (libqrencode) above it.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace heard::server {

// Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo of the first certificate in pem (what
// `openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256sum` prints). Throws
// std::runtime_error when pem holds no certificate.
std::string spkiSha256Hex(const std::string& pem);

nlohmann::json organisationConfig(const std::string& host, int port, const std::string& caPem);

// The admin command; args are what follows "enrolment-config". Returns the exit code.
int runEnrolmentConfigCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace heard::server
