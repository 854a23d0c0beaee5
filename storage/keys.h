// The key hierarchy (libsodium): a random 256-bit data key (DEK) opens SQLCipher as a raw
// key. On disk the DEK exists only wrapped:
//   (a) with XChaCha20-Poly1305 under a key derived from the passphrase by Argon2id, and
//   (b) sealed (crypto_box_seal) to the organisation's recovery public key.
// The key file sits next to the database and holds only wrapped/sealed keys, the salt, the
// KDF parameters, the cipher page size and the failed-attempt counter. See
// docs/security-model.md for the exact format.
#pragma once

#include "base/hex.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace heard::storage {

// A secret in sodium_malloc'd memory (guard pages, mlock'd where the OS allows), wiped on
// destruction. Move-only, so a key is never silently copied into ordinary memory.
class SecretKey {
public:
    explicit SecretKey(size_t size); // zero-filled
    ~SecretKey();
    SecretKey(SecretKey&& other) noexcept;
    SecretKey& operator=(SecretKey&& other) noexcept;
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;

    static SecretKey random(size_t size = 32);
    unsigned char* data() { return m_data; }
    const unsigned char* data() const { return m_data; }
    size_t size() const { return m_size; }
    void wipe(); // zeroes and frees now (the lock operation)
    bool empty() const { return m_data == nullptr; }

private:
    unsigned char* m_data = nullptr;
    size_t m_size = 0;
};

// Argon2id (crypto_pwhash_ALG_ARGON2ID13) cost parameters; stored in the key file.
struct KdfParams {
    unsigned long long opsLimit = 0;
    size_t memLimit = 0;
    // Production default, tuned so an unlock takes roughly 0.3-1 s on the target tablets.
    static KdfParams interactive();
    // The minimum libsodium allows: for tests only (an unlock in a few milliseconds).
    static KdfParams fastForTests();
};

// The organisation's recovery key pair (crypto_box, X25519). The device only ever holds
// the public key; the secret key stays with the organisation.
struct RecoveryKeyPair {
    std::vector<unsigned char> publicKey, secretKey;
    static RecoveryKeyPair generate();
};

// The parsed key file. Nothing in it is secret without the passphrase or recovery key.
struct KeyFile {
    int formatVersion = 1;
    KdfParams kdf;
    std::vector<unsigned char> salt;       // crypto_pwhash_SALTBYTES
    std::vector<unsigned char> wrapNonce;  // XChaCha20-Poly1305 nonce
    std::vector<unsigned char> wrappedKey; // DEK + MAC
    std::vector<unsigned char> recoveryPublicKey;
    std::vector<unsigned char> sealedKey; // crypto_box_seal(DEK, recoveryPublicKey)
    int cipherPageSize = 0;
    int cipherMajorVersion = 0;  // SQLCipher major version that made the database
    int failedAttempts = 0;      // wrong passphrases since the last unlock
    int64_t lastFailureUnix = 0; // when the last wrong passphrase was tried
    // The heads of the signed-record hash chains (issue 17.6), written after every signed
    // write so a database that lost signed records (a damaged or deleted WAL, an old copy)
    // is refused at unlock: the number of chained records and one digest over every case's
    // head (docs/security-model.md). Absent in key files made before it (then set at unlock).
    // A BLAKE2b checksum over the wrapped and sealed keys and their parameters tells a
    // damaged key file from a wrong passphrase (both fail the wrap's MAC). True when the
    // file carries a checksum that does not match: unwrapKey then refuses with NotAStore
    // before any passphrase is tried or counted; the sealed copy may still recover the store.
    bool damaged = false;
    bool hasChainHeads = false;
    int64_t chainCount = 0;
    std::vector<unsigned char> chainDigest; // 32 bytes

    // Reads and validates; throws StoreError Missing (no file) or NotAStore (truncated,
    // foreign, corrupt, wrong sizes). Never modifies the file.
    static KeyFile load(const std::string& path);
    // Atomic replace: write path.tmp, fsync, rename over path, fsync the directory.
    // A disk-full or I/O failure leaves the previous file intact.
    void save(const std::string& path) const;
};

// Builds a key file for dek: fresh salt, Argon2id with params, wrap, and seal.
KeyFile wrapNewKey(const SecretKey& dek, const std::string& passphrase, const KdfParams& params,
                   const std::vector<unsigned char>& recoveryPublicKey);
// Rewraps dek under a new passphrase (new salt; keeps the sealed copy and the counters reset).
void rewrapKey(KeyFile& file, const SecretKey& dek, const std::string& newPassphrase);
// Seals dek to another recovery public key (replaces recoveryPublicKey and sealedKey only;
// the passphrase wrap and counters are kept). InvalidArgument, leaving file unchanged, if the
// key is not 32 bytes or libsodium refuses it (e.g. a low-order point).
void resealKey(KeyFile& file, const SecretKey& dek, const std::vector<unsigned char>& recoveryPublicKey);
// NotAStore if the key file is damaged (KeyFile::damaged): checked before any passphrase.
void requireUndamaged(const KeyFile& file);
// Unwraps with the passphrase; throws StoreError WrongPassphrase if the MAC fails, NotAStore
// (before trying it) if the key file is damaged.
SecretKey unwrapKey(const KeyFile& file, const std::string& passphrase);
// Opens the sealed copy with the organisation key pair; WrongPassphrase if it does not fit.
SecretKey unsealKey(const KeyFile& file, const RecoveryKeyPair& organisation);

// Lower-case hex of bytes, as keys appear in the key file, the audit log and the protocol, and
// exactly expectedSize bytes back from their hex (nullopt otherwise): the one copy is base/hex.h.
using base::bytesFromHex;
using base::toHex;

// The growing delay after wrong passphrases: none for the first 3, then 2^(n-3) s,
// capped at 15 minutes. Survives restarts because the counter is in the key file.
int unlockDelaySeconds(int failedAttempts);

// The raw-key pragma text "x'<64 hex>'" in secure memory (for PRAGMA key).
SecretKey rawKeyLiteral(const SecretKey& dek);

} // namespace heard::storage
