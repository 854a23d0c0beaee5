// Lower-case hex, as keys, digests and fingerprints appear in the key file, the audit log, the
// protocol and the server's tables. The one copy (storage, sync and server all use it).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace heard::base {

std::string toHex(const unsigned char* data, std::size_t size);
std::string toHex(const std::vector<unsigned char>& bytes);
// Exactly expectedSize bytes from their hex; nullopt when the text is anything else.
std::optional<std::vector<unsigned char>> bytesFromHex(const std::string& hex, std::size_t expectedSize);

} // namespace heard::base
