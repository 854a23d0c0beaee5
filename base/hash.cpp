#include "base/hash.h"

#include "base/error.h"
#include "base/hex.h"

#include <sodium.h>

namespace heard::base {

std::string blake2bHex(std::string_view bytes) {
    if (sodium_init() < 0) throw Error("sodium_init", "libsodium failed to initialise");
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size(), nullptr, 0);
    return toHex(digest, sizeof digest);
}

} // namespace heard::base
