// The second factor of console sign-in (issue 15, item 2): time-based one-time codes, RFC 6238
// (HOTP, RFC 4226, over a 30-second time step), through Debian's liboath; enrolment shown as a
// QR code (libqrencode, drawn as inline SVG) of an otpauth:// URI, with the secret also typed out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace heard::server::console {

enum class TotpHash { Sha1, Sha256, Sha512 }; // authenticator apps use Sha1

constexpr int kTotpStepSeconds = 30;

// The code for the time step containing unixSeconds (secret: raw bytes). Throws on a liboath failure.
std::string totpCode(const std::string& secret, std::int64_t unixSeconds, int digits = 6,
                     TotpHash hash = TotpHash::Sha1);
// The time step (unixSeconds / 30) whose code matches, looking one step either side for clock
// drift; nullopt when none does or when the step is not after lastUsedStep (a code is used once).
std::optional<std::int64_t> totpAccept(const std::string& secret, const std::string& code,
                                       std::int64_t unixSeconds, std::int64_t lastUsedStep);

std::string newTotpSecret(); // 20 random bytes (the RFC's HMAC-SHA1 key size)
std::string base32Encode(const std::string& bytes);
std::optional<std::string> base32Decode(const std::string& text); // spaces ignored, any case
// Groups of four for typing: "JBSW Y3DP ..."
std::string groupedForTyping(const std::string& base32);
std::string otpauthUri(const std::string& issuer, const std::string& account,
                       const std::string& base32Secret);
// The text as a QR code, an <svg> element of dark modules on light (no style: CSP-safe).
std::string qrSvg(const std::string& text);

} // namespace heard::server::console
