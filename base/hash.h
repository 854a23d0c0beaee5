// BLAKE2b-256 (libsodium crypto_generichash, no key) as lower-case hex: the record and audit
// chain hashes, stored device-secret digests and body digests. The one copy.
#pragma once

#include <string>
#include <string_view>

namespace heard::base {

std::string blake2bHex(std::string_view bytes);

} // namespace heard::base
