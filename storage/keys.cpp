// The key hierarchy: data key, Argon2id wrap, recovery seal, and the key file on disk.
//
// Index:
//   [SECTION] Secure memory
//   [SECTION] KDF parameters and recovery keys
//   [SECTION] Key file (JSON, atomic writes)
//   [SECTION] Wrap, unwrap, seal
#include "storage/keys.h"

#include "base/json_reader.h"
#include "storage/store_error.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <limits>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace heard::storage {

namespace {

void ensureSodium() {
    static const bool ready = [] {
        if (sodium_init() < 0) throw StoreError(StoreErrorKind::Io, "libsodium failed to initialise");
        return true;
    }();
    (void)ready;
}

// Additional data bound into the wrapped key's MAC, so a wrapped key from another
// format cannot be substituted.
constexpr const char* kWrapContext = "heard-dek-wrap-v1";

} // namespace

// [SECTION] Secure memory

SecretKey::SecretKey(size_t size) : m_size(size) {
    ensureSodium();
    m_data = static_cast<unsigned char*>(sodium_malloc(size == 0 ? 1 : size));
    if (!m_data) throw StoreError(StoreErrorKind::Io, "cannot allocate secure memory");
    sodium_memzero(m_data, size == 0 ? 1 : size);
}

SecretKey::~SecretKey() {
    wipe();
}

SecretKey::SecretKey(SecretKey&& other) noexcept : m_data(other.m_data), m_size(other.m_size) {
    other.m_data = nullptr;
    other.m_size = 0;
}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
    if (this != &other) {
        wipe();
        m_data = other.m_data;
        m_size = other.m_size;
        other.m_data = nullptr;
        other.m_size = 0;
    }
    return *this;
}

SecretKey SecretKey::random(size_t size) {
    SecretKey key(size);
    randombytes_buf(key.data(), size);
    return key;
}

void SecretKey::wipe() {
    if (m_data) {
        // sodium_free zeroes the buffer before releasing it.
        sodium_free(m_data);
        m_data = nullptr;
    }
    m_size = 0;
}

SecretKey rawKeyLiteral(const SecretKey& dek) {
    // x' + 64 hex + ' + NUL
    SecretKey literal(2 + dek.size() * 2 + 1 + 1);
    auto* out = reinterpret_cast<char*>(literal.data());
    out[0] = 'x';
    out[1] = '\'';
    sodium_bin2hex(out + 2, dek.size() * 2 + 1, dek.data(), dek.size());
    out[2 + dek.size() * 2] = '\'';
    out[3 + dek.size() * 2] = '\0';
    // size() excludes the terminator for callers that copy the text.
    SecretKey trimmed(literal.size() - 1);
    std::memcpy(trimmed.data(), literal.data(), trimmed.size());
    return trimmed;
}

// [SECTION] KDF parameters and recovery keys

KdfParams KdfParams::interactive() {
    // Argon2id, 3 passes over 256 MiB: measured ~0.47 s on the development machine
    // (2 cores), inside the 0.3-1 s target. libsodium's MODERATE preset.
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

KdfParams KdfParams::fastForTests() {
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

RecoveryKeyPair RecoveryKeyPair::generate() {
    ensureSodium();
    RecoveryKeyPair pair;
    pair.publicKey.resize(crypto_box_PUBLICKEYBYTES);
    pair.secretKey.resize(crypto_box_SECRETKEYBYTES);
    crypto_box_keypair(pair.publicKey.data(), pair.secretKey.data());
    return pair;
}

int unlockDelaySeconds(int failedAttempts) {
    if (failedAttempts <= 3) return 0;
    const int exponent = std::min(failedAttempts - 3, 10);
    return std::min(1 << exponent, 15 * 60);
}

// [SECTION] Key file (JSON, atomic writes)

namespace {

std::vector<unsigned char> fromHex(const std::string& hex, size_t expectedSize, const char* field) {
    auto bytes = bytesFromHex(hex, expectedSize);
    if (!bytes)
        throw StoreError(StoreErrorKind::NotAStore,
                         std::string("key file is corrupt: bad field '") + field + "'");
    return std::move(*bytes);
}

// What the key file's "checksum" covers: everything that must be exact for the passphrase
// or the recovery key to open the store (not the counters, which change on every guess).
std::string keyFileChecksum(const KeyFile& f) {
    const std::string text = "heard-keyfile-checksum-v1\n" + std::to_string(f.kdf.opsLimit) + "\n" +
                             std::to_string(f.kdf.memLimit) + "\n" + toHex(f.salt) + "\n" +
                             toHex(f.wrapNonce) + "\n" + toHex(f.wrappedKey) + "\n" +
                             toHex(f.recoveryPublicKey) + "\n" + toHex(f.sealedKey) + "\n" +
                             std::to_string(f.cipherPageSize) + "\n" + std::to_string(f.cipherMajorVersion);
    std::vector<unsigned char> digest(32);
    crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), nullptr, 0);
    return toHex(digest);
}

[[noreturn]] void ioFailure(const std::string& what, int err) {
    const auto kind =
        (err == ENOSPC || err == EFBIG || err == EDQUOT) ? StoreErrorKind::DiskFull : StoreErrorKind::Io;
    throw StoreError(kind, what + ": " + std::strerror(err));
}

std::string parentDirectory(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? std::string(".") : path.substr(0, std::max<size_t>(slash, 1));
}

} // namespace

namespace {

// A whole number from the key file, within T's range. nlohmann's get<T>() on a float (a number
// too big for 64 bits parses as one) or on a value out of T's range is undefined behaviour, so
// anything but an in-range integer is damage (found by the keyfile fuzz target).
template <typename T> T wholeNumber(const nlohmann::json& object, const char* key) {
    const nlohmann::json& value = object.at(key);
    const auto bad = [key] {
        return StoreError(StoreErrorKind::NotAStore,
                          std::string("key file is corrupt: bad field '") + key + "'");
    };
    if (!value.is_number_integer()) throw bad();
    if (value.is_number_unsigned()) {
        const uint64_t n = value.get<uint64_t>();
        if (n > uint64_t(std::numeric_limits<T>::max())) throw bad();
        return T(n);
    }
    const int64_t n = value.get<int64_t>();
    if (n < int64_t(std::numeric_limits<T>::min()) ||
        (n > 0 && uint64_t(n) > uint64_t(std::numeric_limits<T>::max())))
        throw bad();
    return T(n);
}

} // namespace

KeyFile KeyFile::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (errno == ENOENT) throw StoreError(StoreErrorKind::Missing, "key file is missing: " + path);
        ioFailure("cannot read key file " + path, errno);
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (text.empty()) throw StoreError(StoreErrorKind::NotAStore, "key file is empty: " + path);

    // A key file is a few hundred bytes of flat JSON: anything big or deep is not one.
    nlohmann::json j = base::tryReadJson(text, {64 * 1024, 8}).value_or(nlohmann::json());
    // (value() would throw on a "format" that is not text, outside the try below.)
    const auto format = j.is_object() ? j.find("format") : j.end();
    if (!j.is_object() || format == j.end() || !format->is_string() || *format != "heard-keyfile")
        throw StoreError(StoreErrorKind::NotAStore, "not a Heard key file (or truncated): " + path);
    try {
        KeyFile file;
        file.formatVersion = wholeNumber<int>(j, "version");
        if (file.formatVersion != 1)
            throw StoreError(StoreErrorKind::TooNew,
                             "key file format " + std::to_string(file.formatVersion) + " is not supported");
        const auto& kdf = j.at("kdf");
        if (kdf.at("alg").get<std::string>() != "argon2id13")
            throw StoreError(StoreErrorKind::NotAStore, "key file names an unknown KDF");
        file.kdf.opsLimit = wholeNumber<unsigned long long>(kdf, "opslimit");
        file.kdf.memLimit = wholeNumber<size_t>(kdf, "memlimit");
        if (file.kdf.opsLimit < crypto_pwhash_OPSLIMIT_MIN ||
            file.kdf.opsLimit > crypto_pwhash_OPSLIMIT_MAX ||
            file.kdf.memLimit < crypto_pwhash_MEMLIMIT_MIN || file.kdf.memLimit > (size_t(4) << 30))
            throw StoreError(StoreErrorKind::NotAStore, "key file has impossible KDF parameters");
        file.salt = fromHex(kdf.at("salt").get<std::string>(), crypto_pwhash_SALTBYTES, "salt");
        const auto& wrapped = j.at("wrapped");
        file.wrapNonce = fromHex(wrapped.at("nonce").get<std::string>(),
                                 crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, "nonce");
        file.wrappedKey = fromHex(wrapped.at("ciphertext").get<std::string>(),
                                  32 + crypto_aead_xchacha20poly1305_ietf_ABYTES, "wrapped");
        const auto& sealed = j.at("sealed");
        file.recoveryPublicKey = fromHex(sealed.at("recoveryPublicKey").get<std::string>(),
                                         crypto_box_PUBLICKEYBYTES, "recoveryPublicKey");
        file.sealedKey =
            fromHex(sealed.at("ciphertext").get<std::string>(), 32 + crypto_box_SEALBYTES, "sealed");
        file.cipherPageSize = wholeNumber<int>(j, "cipherPageSize");
        if (file.cipherPageSize < 512 || file.cipherPageSize > 65536 ||
            (file.cipherPageSize & (file.cipherPageSize - 1)) != 0)
            throw StoreError(StoreErrorKind::NotAStore, "key file has an impossible page size");
        file.cipherMajorVersion = wholeNumber<int>(j, "cipherMajorVersion");
        file.failedAttempts = wholeNumber<int>(j, "failedAttempts");
        file.lastFailureUnix = wholeNumber<int64_t>(j, "lastFailureUnix");
        if (file.failedAttempts < 0) file.failedAttempts = 0;
        if (const auto checksum = j.find("checksum"); checksum != j.end())
            file.damaged = checksum->get<std::string>() != keyFileChecksum(file);
        if (const auto heads = j.find("chainHeads"); heads != j.end()) {
            file.hasChainHeads = true;
            file.chainCount = wholeNumber<int64_t>(*heads, "count");
            file.chainDigest = fromHex(heads->at("digest").get<std::string>(), 32, "chainHeads");
            if (file.chainCount < 0)
                throw StoreError(StoreErrorKind::NotAStore, "key file is corrupt: bad field 'chainHeads'");
        }
        return file;
    } catch (const nlohmann::json::exception& e) {
        throw StoreError(StoreErrorKind::NotAStore, std::string("key file is corrupt: ") + e.what());
    }
}

void KeyFile::save(const std::string& path) const {
    nlohmann::json j = {
        {"format", "heard-keyfile"},
        {"version", formatVersion},
        {"kdf",
         {{"alg", "argon2id13"},
          {"opslimit", kdf.opsLimit},
          {"memlimit", kdf.memLimit},
          {"salt", toHex(salt)}}},
        {"wrapped",
         {{"alg", "xchacha20poly1305-ietf"}, {"nonce", toHex(wrapNonce)}, {"ciphertext", toHex(wrappedKey)}}},
        {"sealed",
         {{"alg", "crypto_box_seal"},
          {"recoveryPublicKey", toHex(recoveryPublicKey)},
          {"ciphertext", toHex(sealedKey)}}},
        {"cipherPageSize", cipherPageSize},
        {"cipherMajorVersion", cipherMajorVersion},
        {"failedAttempts", failedAttempts},
        {"lastFailureUnix", lastFailureUnix},
    };
    j["checksum"] = keyFileChecksum(*this);
    if (hasChainHeads) j["chainHeads"] = {{"count", chainCount}, {"digest", toHex(chainDigest)}};
    const std::string text = j.dump(2) + "\n";

    // Never replace an existing file we cannot read: it may be the only copy of the key.
    struct stat existing {};
    if (::stat(path.c_str(), &existing) == 0) {
        (void)KeyFile::load(path); // throws NotAStore on an unreadable file; nothing written
    }

    const std::string temp = path + ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) ioFailure("cannot write key file " + temp, errno);
    size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            ::unlink(temp.c_str());
            ioFailure("cannot write key file " + temp, err);
        }
        written += size_t(n);
    }
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        ioFailure("cannot sync key file " + temp, err);
    }
    ::close(fd);
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        ioFailure("cannot replace key file " + path, err);
    }
    // The rename itself must reach the disk before we report success.
    const int dirFd = ::open(parentDirectory(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
}

// [SECTION] Wrap, unwrap, seal

namespace {

SecretKey deriveWrapKey(const std::string& passphrase, const std::vector<unsigned char>& salt,
                        const KdfParams& params) {
    SecretKey key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    if (crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), salt.data(),
                      params.opsLimit, params.memLimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw StoreError(StoreErrorKind::Io, "Argon2id failed (out of memory?)");
    return key;
}

void wrapInto(KeyFile& file, const SecretKey& dek, const std::string& passphrase) {
    if (dek.size() != 32) throw StoreError(StoreErrorKind::InvalidArgument, "data key must be 32 bytes");
    file.salt.resize(crypto_pwhash_SALTBYTES);
    randombytes_buf(file.salt.data(), file.salt.size());
    file.wrapNonce.resize(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    randombytes_buf(file.wrapNonce.data(), file.wrapNonce.size());
    SecretKey wrapKey = deriveWrapKey(passphrase, file.salt, file.kdf);
    file.wrappedKey.resize(dek.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    unsigned long long length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(file.wrappedKey.data(), &length, dek.data(), dek.size(),
                                               reinterpret_cast<const unsigned char*>(kWrapContext),
                                               std::strlen(kWrapContext), nullptr, file.wrapNonce.data(),
                                               wrapKey.data());
    file.wrappedKey.resize(size_t(length));
}

} // namespace

KeyFile wrapNewKey(const SecretKey& dek, const std::string& passphrase, const KdfParams& params,
                   const std::vector<unsigned char>& recoveryPublicKey) {
    ensureSodium();
    if (recoveryPublicKey.size() != crypto_box_PUBLICKEYBYTES)
        throw StoreError(StoreErrorKind::InvalidArgument,
                         "the organisation recovery public key must be 32 bytes");
    if (passphrase.empty()) throw StoreError(StoreErrorKind::InvalidArgument, "the passphrase is empty");
    if (params.opsLimit < crypto_pwhash_OPSLIMIT_MIN || params.memLimit < crypto_pwhash_MEMLIMIT_MIN)
        throw StoreError(StoreErrorKind::InvalidArgument, "KDF parameters below libsodium's minimum");
    KeyFile file;
    file.kdf = params;
    wrapInto(file, dek, passphrase);
    resealKey(file, dek, recoveryPublicKey);
    return file;
}

void resealKey(KeyFile& file, const SecretKey& dek, const std::vector<unsigned char>& recoveryPublicKey) {
    ensureSodium();
    if (recoveryPublicKey.size() != crypto_box_PUBLICKEYBYTES)
        throw StoreError(StoreErrorKind::InvalidArgument, "the organisation recovery public key must be " +
                                                              std::to_string(crypto_box_PUBLICKEYBYTES) +
                                                              " bytes, not " +
                                                              std::to_string(recoveryPublicKey.size()));
    if (dek.size() != 32) throw StoreError(StoreErrorKind::InvalidArgument, "data key must be 32 bytes");
    std::vector<unsigned char> sealed(dek.size() + crypto_box_SEALBYTES);
    if (crypto_box_seal(sealed.data(), dek.data(), dek.size(), recoveryPublicKey.data()) != 0)
        throw StoreError(StoreErrorKind::InvalidArgument,
                         "cannot seal to the organisation recovery public key (not a usable X25519 key)");
    file.recoveryPublicKey = recoveryPublicKey;
    file.sealedKey = std::move(sealed);
}

void rewrapKey(KeyFile& file, const SecretKey& dek, const std::string& newPassphrase) {
    if (newPassphrase.empty())
        throw StoreError(StoreErrorKind::InvalidArgument, "the new passphrase is empty");
    wrapInto(file, dek, newPassphrase);
    file.failedAttempts = 0;
    file.lastFailureUnix = 0;
}

void requireUndamaged(const KeyFile& file) {
    if (file.damaged)
        throw StoreError(StoreErrorKind::NotAStore,
                         "the key file is damaged (its checksum does not match), so the passphrase was not "
                         "tried and no attempt was counted; nothing was changed. Call support: the "
                         "organisation's recovery key can still open the store");
}

SecretKey unwrapKey(const KeyFile& file, const std::string& passphrase) {
    ensureSodium();
    requireUndamaged(file);
    SecretKey wrapKey = deriveWrapKey(passphrase, file.salt, file.kdf);
    SecretKey dek(32);
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            dek.data(), &length, nullptr, file.wrappedKey.data(), file.wrappedKey.size(),
            reinterpret_cast<const unsigned char*>(kWrapContext), std::strlen(kWrapContext),
            file.wrapNonce.data(), wrapKey.data()) != 0 ||
        length != 32)
        throw StoreError(StoreErrorKind::WrongPassphrase, "the passphrase is not correct");
    return dek;
}

SecretKey unsealKey(const KeyFile& file, const RecoveryKeyPair& organisation) {
    ensureSodium();
    if (organisation.publicKey.size() != crypto_box_PUBLICKEYBYTES ||
        organisation.secretKey.size() != crypto_box_SECRETKEYBYTES)
        throw StoreError(StoreErrorKind::InvalidArgument, "the organisation key pair has the wrong size");
    SecretKey dek(32);
    if (crypto_box_seal_open(dek.data(), file.sealedKey.data(), file.sealedKey.size(),
                             organisation.publicKey.data(), organisation.secretKey.data()) != 0)
        throw StoreError(StoreErrorKind::WrongPassphrase,
                         "the organisation recovery key does not open this store");
    return dek;
}

} // namespace heard::storage
