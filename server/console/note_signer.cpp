#include "server/console/note_signer.h"

#include "base/hex.h"

#include <sodium.h>

#include <stdexcept>

namespace heard::server::console {

namespace {
const char* kSettingKey = "note_signing_key"; // hex(secret key), sealed at rest when records are
const char* kBindingType = "setting";
} // namespace

NoteSigner::NoteSigner(storage::SecretKey secret, std::string publicHex)
    : m_secret(std::move(secret)), m_publicHex(std::move(publicHex)) {}

std::shared_ptr<const NoteSigner> NoteSigner::loadOrCreate(ServerStore& store) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    std::string stored;
    for (int attempt = 0; attempt < 3 && stored.empty(); ++attempt) {
        try {
            store.transact([&](SqlSession& sql) {
                auto rows = sql.query("SELECT value FROM settings WHERE key = ?", {std::string(kSettingKey)});
                if (!rows.empty()) {
                    stored = rows[0][0];
                    return;
                }
                storage::SecretKey fresh(crypto_sign_SECRETKEYBYTES);
                unsigned char publicKey[crypto_sign_PUBLICKEYBYTES];
                crypto_sign_keypair(publicKey, fresh.data());
                std::string hex = base::toHex(fresh.data(), fresh.size());
                stored = store.sealedBody(kBindingType, kSettingKey, 1, hex);
                sodium_memzero(hex.data(), hex.size());
                sql.exec("INSERT INTO settings(key, value) VALUES(?,?)", {std::string(kSettingKey), stored});
            });
        } catch (const std::exception&) {
            // Another instance made the key at the same moment: read theirs.
            stored.clear();
            if (attempt == 2) throw;
        }
    }
    std::string hex = store.readableBody(kBindingType, kSettingKey, 1, stored);
    auto bytes = base::bytesFromHex(hex, crypto_sign_SECRETKEYBYTES);
    sodium_memzero(hex.data(), hex.size());
    if (!bytes) throw std::runtime_error("the stored note signing key is damaged");
    storage::SecretKey secret(crypto_sign_SECRETKEYBYTES);
    std::copy(bytes->begin(), bytes->end(), secret.data());
    sodium_memzero(bytes->data(), bytes->size());
    unsigned char publicKey[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_ed25519_sk_to_pk(publicKey, secret.data());
    return std::make_shared<NoteSigner>(std::move(secret), base::toHex(publicKey, sizeof publicKey));
}

std::string NoteSigner::signHex(const std::string& bytes) const {
    unsigned char signature[crypto_sign_BYTES];
    crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(bytes.data()),
                         bytes.size(), m_secret.data());
    return base::toHex(signature, sizeof signature);
}

} // namespace heard::server::console
