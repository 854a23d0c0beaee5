#include "base/hex.h"

namespace heard::base {

std::string toHex(const unsigned char* data, std::size_t size) {
    static const char* digits = "0123456789abcdef";
    std::string hex;
    hex.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        hex.push_back(digits[data[i] >> 4]);
        hex.push_back(digits[data[i] & 0x0f]);
    }
    return hex;
}

std::string toHex(const std::vector<unsigned char>& bytes) {
    return toHex(bytes.data(), bytes.size());
}

namespace {
int nibble(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
} // namespace

std::optional<std::vector<unsigned char>> bytesFromHex(const std::string& hex, std::size_t expectedSize) {
    if (hex.size() != expectedSize * 2) return std::nullopt;
    std::vector<unsigned char> bytes(expectedSize);
    for (std::size_t i = 0; i < expectedSize; ++i) {
        const int high = nibble(hex[2 * i]), low = nibble(hex[2 * i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        bytes[i] = static_cast<unsigned char>(high << 4 | low);
    }
    return bytes;
}

} // namespace heard::base
