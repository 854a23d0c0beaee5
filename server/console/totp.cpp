#include "server/console/totp.h"

#include "base/error.h"

#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>

#include <cstdlib>
#include <memory>
#include <mutex>

namespace heard::server::console {

namespace {
void ensureOath() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (oath_init() != OATH_OK) throw base::Error("oath_init", "liboath failed to initialise");
    });
}

std::string urlEncode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            out += static_cast<char>(c);
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}
} // namespace

std::string totpCode(const std::string& secret, std::int64_t unixSeconds, int digits, TotpHash hash) {
    ensureOath();
    char out[16] = {};
    const int flags = hash == TotpHash::Sha256   ? OATH_TOTP_HMAC_SHA256
                      : hash == TotpHash::Sha512 ? OATH_TOTP_HMAC_SHA512
                                                 : 0;
    int rc = oath_totp_generate2(secret.data(), secret.size(), static_cast<time_t>(unixSeconds),
                                 kTotpStepSeconds, 0, static_cast<unsigned>(digits), flags, out);
    if (rc != OATH_OK) throw base::Error("totp", oath_strerror(rc));
    return out;
}

std::optional<std::int64_t> totpAccept(const std::string& secret, const std::string& code,
                                       std::int64_t unixSeconds, std::int64_t lastUsedStep) {
    if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    const std::int64_t step = unixSeconds / kTotpStepSeconds;
    for (std::int64_t candidate : {step, step - 1, step + 1}) {
        if (candidate <= lastUsedStep) continue;
        const std::string expected = totpCode(secret, candidate * kTotpStepSeconds);
        if (sodium_memcmp(expected.data(), code.data(), code.size()) == 0) return candidate;
    }
    return std::nullopt;
}

std::string newTotpSecret() {
    std::string secret(20, '\0');
    randombytes_buf(secret.data(), secret.size());
    return secret;
}

std::string base32Encode(const std::string& bytes) {
    ensureOath();
    char* out = nullptr;
    size_t length = 0;
    if (oath_base32_encode(bytes.data(), bytes.size(), &out, &length) != OATH_OK)
        throw base::Error("base32", "cannot encode");
    std::unique_ptr<char, decltype(&std::free)> owned(out, &std::free);
    std::string text(out, length);
    while (!text.empty() && text.back() == '=')
        text.pop_back(); // authenticator apps expect no padding
    return text;
}

std::optional<std::string> base32Decode(const std::string& text) {
    ensureOath();
    std::string clean;
    for (char c : text)
        if (c != ' ') clean += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    while (clean.size() % 8 != 0)
        clean += '=';
    char* out = nullptr;
    size_t length = 0;
    if (oath_base32_decode(clean.data(), clean.size(), &out, &length) != OATH_OK) return std::nullopt;
    std::unique_ptr<char, decltype(&std::free)> owned(out, &std::free);
    return std::string(out, length);
}

std::string groupedForTyping(const std::string& base32) {
    std::string out;
    for (std::size_t i = 0; i < base32.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += ' ';
        out += base32[i];
    }
    return out;
}

std::string otpauthUri(const std::string& issuer, const std::string& account,
                       const std::string& base32Secret) {
    return "otpauth://totp/" + urlEncode(issuer) + ":" + urlEncode(account) + "?secret=" + base32Secret +
           "&issuer=" + urlEncode(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

std::string qrSvg(const std::string& text) {
    QRcode* code = QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M);
    if (!code) throw base::Error("qrencode", "cannot make the QR code");
    std::unique_ptr<QRcode, decltype(&QRcode_free)> owned(code, &QRcode_free);
    const int width = code->width;
    const int quiet = 4; // the quiet zone scanners need
    const int size = width + 2 * quiet;
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 " +
                      std::to_string(size) + " " + std::to_string(size) +
                      "\" shape-rendering=\"crispEdges\" role=\"img\">" + "<rect width=\"" +
                      std::to_string(size) + "\" height=\"" + std::to_string(size) +
                      "\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"";
    for (int y = 0; y < width; ++y)
        for (int x = 0; x < width; ++x)
            if (code->data[y * width + x] & 1)
                svg += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
    svg += "\"/></svg>";
    return svg;
}

} // namespace heard::server::console
