#include "server/record_cipher.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace heard::server {

namespace {

constexpr const char* kPrefix = "hs1:";
constexpr std::size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr int kBase64 = sodium_base64_VARIANT_ORIGINAL;

void ensureSodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

const unsigned char* bytes(const std::string& s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

} // namespace

RecordCipher::RecordCipher(storage::SecretKey key) : m_key(std::move(key)) {
    if (m_key.size() != kKeyBytes) throw RecordKeyError("a record key is 32 bytes");
}

std::shared_ptr<const RecordCipher> RecordCipher::fromKey(storage::SecretKey key) {
    ensureSodium();
    return std::make_shared<const RecordCipher>(std::move(key));
}

std::shared_ptr<const RecordCipher> RecordCipher::load(const std::string& path) {
    ensureSodium();
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) throw RecordKeyError("cannot open the record key file " + path + ": " + std::strerror(errno));
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        throw RecordKeyError("the record key file " + path + " is not a regular file");
    }
    if (info.st_mode & (S_IRWXG | S_IRWXO)) {
        ::close(fd);
        throw RecordKeyError(
            "the record key file " + path +
            " is readable or writable by others: run chmod 600 on it (and keep it off backups "
            "of the database)");
    }
    storage::SecretKey text(2 * kKeyBytes + 2);
    ssize_t got = ::read(fd, text.data(), text.size());
    ::close(fd);
    std::size_t length = got > 0 ? static_cast<std::size_t>(got) : 0;
    while (length > 0 && (text.data()[length - 1] == '\n' || text.data()[length - 1] == '\r'))
        --length;
    storage::SecretKey key(kKeyBytes);
    std::size_t decoded = 0;
    if (length != 2 * kKeyBytes ||
        sodium_hex2bin(key.data(), key.size(), reinterpret_cast<const char*>(text.data()), length, nullptr,
                       &decoded, nullptr) != 0 ||
        decoded != kKeyBytes)
        throw RecordKeyError("the record key file " + path +
                             " must hold exactly 64 hex characters (heard-server admin create-record-key)");
    return std::make_shared<const RecordCipher>(std::move(key));
}

void RecordCipher::createKeyFile(const std::string& path) {
    ensureSodium();
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        throw RecordKeyError("cannot create the record key file " + path + ": " + std::strerror(errno));
    auto key = storage::SecretKey::random(kKeyBytes);
    storage::SecretKey hex(2 * kKeyBytes + 2);
    sodium_bin2hex(reinterpret_cast<char*>(hex.data()), hex.size(), key.data(), key.size());
    hex.data()[2 * kKeyBytes] = '\n';
    bool ok = ::fchmod(fd, 0600) == 0 &&
              ::write(fd, hex.data(), 2 * kKeyBytes + 1) == static_cast<ssize_t>(2 * kKeyBytes + 1) &&
              ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
        ::unlink(path.c_str());
        throw RecordKeyError("cannot write the record key file " + path);
    }
}

bool RecordCipher::isSealed(const std::string& text) {
    return text.rfind(kPrefix, 0) == 0;
}

std::string RecordCipher::seal(const std::string& plaintext, const std::string& binding) const {
    std::string raw(kNonceBytes + plaintext.size() + kTagBytes, '\0');
    auto* out = reinterpret_cast<unsigned char*>(raw.data());
    randombytes_buf(out, kNonceBytes);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out + kNonceBytes, &written, bytes(plaintext),
                                               plaintext.size(), bytes(binding), binding.size(), nullptr, out,
                                               m_key.data());
    raw.resize(kNonceBytes + static_cast<std::size_t>(written));
    std::string encoded(sodium_base64_ENCODED_LEN(raw.size(), kBase64), '\0');
    sodium_bin2base64(encoded.data(), encoded.size(), bytes(raw), raw.size(), kBase64);
    encoded.resize(std::strlen(encoded.c_str()));
    return kPrefix + encoded;
}

std::string RecordCipher::open(const std::string& sealed, const std::string& binding) const {
    if (!isSealed(sealed)) throw RecordKeyError("a stored body is not sealed");
    const std::string encoded = sealed.substr(std::strlen(kPrefix));
    std::string raw(encoded.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), encoded.data(),
                          encoded.size(), nullptr, &length, nullptr, kBase64) != 0 ||
        length < kNonceBytes + kTagBytes)
        throw RecordKeyError("a stored body is damaged");
    std::string plain(length - kNonceBytes - kTagBytes, '\0');
    unsigned long long plainLength = 0;
    const auto* in = bytes(raw);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plain.data()), &plainLength, nullptr, in + kNonceBytes,
            length - kNonceBytes, bytes(binding), binding.size(), in, m_key.data()) != 0)
        throw RecordKeyError("a stored body does not open with this record key (wrong key file, or the "
                             "database was altered)");
    plain.resize(static_cast<std::size_t>(plainLength));
    return plain;
}

std::string recordBinding(const std::string& itemType, const std::string& itemId, std::int64_t version) {
    return "heard-received-v1\n" + itemType + "\n" + itemId + "\n" + std::to_string(version);
}

// [SECTION] The encrypting store -------------------------------------------------------------

namespace {

class EncryptedStore final : public ServerStore {
public:
    EncryptedStore(std::unique_ptr<ServerStore> inner, std::shared_ptr<const RecordCipher> cipher)
        : m_inner(std::move(inner)), m_cipher(std::move(cipher)) {}

    void createPractitioner(const Practitioner& p) override { m_inner->createPractitioner(p); }
    std::optional<Practitioner> practitioner(const std::string& id) override {
        return m_inner->practitioner(id);
    }
    void createDevice(const Device& d) override { m_inner->createDevice(d); }
    std::optional<Device> device(const std::string& id) override { return m_inner->device(id); }
    bool revokeDevice(const std::string& id) override { return m_inner->revokeDevice(id); }
    bool setDeviceCommand(const std::string& id, sync::DeviceCommand c) override {
        return m_inner->setDeviceCommand(id, c);
    }
    void allocateCase(const sync::Allocation& a, const std::string& p) override {
        m_inner->allocateCase(a, p);
    }
    std::optional<std::string> caseOwner(const std::string& caseId) override {
        return m_inner->caseOwner(caseId);
    }
    bool wasAllocated(const std::string& p, const std::string& caseId) override {
        return m_inner->wasAllocated(p, caseId);
    }
    std::vector<sync::Allocation> allocationsFor(const std::string& p) override {
        return m_inner->allocationsFor(p);
    }
    std::vector<AllocationEvent> allocationEventsSince(const std::string& p, std::int64_t cursor) override {
        return m_inner->allocationEventsSince(p, cursor);
    }
    std::int64_t latestAllocationSeq() override { return m_inner->latestAllocationSeq(); }
    void confirmRemoval(const std::string& d, const std::string& c) override {
        m_inner->confirmRemoval(d, c);
    }
    std::vector<std::string> confirmedRemovals(const std::string& d) override {
        return m_inner->confirmedRemovals(d);
    }
    void takeCaseFromHolder(const std::string& c) override { m_inner->takeCaseFromHolder(c); }
    void publishContent(const sync::ContentUpdate& c) override { m_inner->publishContent(c); }
    std::optional<sync::ContentUpdate> latestContent() override { return m_inner->latestContent(); }
    void setSetting(const std::string& k, const std::string& v) override { m_inner->setSetting(k, v); }
    std::optional<std::string> setting(const std::string& k) override { return m_inner->setting(k); }

    std::vector<IntakeOutcome> intakeBatch(const std::vector<IntakeEntry>& entries) override {
        std::vector<IntakeEntry> sealed = entries;
        for (auto& e : sealed)
            e.entry.body = m_cipher->seal(e.entry.body,
                                          recordBinding(e.entry.itemType, e.entry.itemId, e.entry.version));
        return m_inner->intakeBatch(sealed);
    }
    std::vector<ReceivedEntry> receivedSince(std::int64_t seq, std::size_t limit) override {
        auto entries = m_inner->receivedSince(seq, limit);
        for (auto& e : entries)
            if (RecordCipher::isSealed(e.body)) // rows stored before encryption was turned on stay readable
                e.body = m_cipher->open(e.body, recordBinding(e.itemType, e.itemId, e.version));
        return entries;
    }
    std::size_t receivedCount() override { return m_inner->receivedCount(); }
    std::size_t conflictCount() override { return m_inner->conflictCount(); }
    std::vector<SafetyAlertReceived> safetyAlerts(std::size_t limit) override {
        return m_inner->safetyAlerts(limit);
    }
    bool acknowledgeSafetyAlert(const std::string& itemId, const std::string& by,
                                const std::string& at) override {
        return m_inner->acknowledgeSafetyAlert(itemId, by, at);
    }
    AuthThrottle authThrottle(const std::string& key) override { return m_inner->authThrottle(key); }
    AuthThrottle recordAuthFailure(const std::string& key, std::int64_t nowMs,
                                   std::int64_t staleAfterMs) override {
        return m_inner->recordAuthFailure(key, nowMs, staleAfterMs);
    }
    void clearAuthFailures(const std::string& key) override { m_inner->clearAuthFailures(key); }
    std::size_t revokeOtherDevices(const std::string& p, const std::string& keep) override {
        return m_inner->revokeOtherDevices(p, keep);
    }
    void transact(const std::function<void(SqlSession&)>& work) override { m_inner->transact(work); }
    std::string readableBody(const std::string& itemType, const std::string& itemId, std::int64_t version,
                             const std::string& storedBody) override {
        if (!RecordCipher::isSealed(storedBody)) return storedBody;
        return m_cipher->open(storedBody, recordBinding(itemType, itemId, version));
    }
    std::string sealedBody(const std::string& itemType, const std::string& itemId, std::int64_t version,
                           const std::string& text) override {
        return m_cipher->seal(text, recordBinding(itemType, itemId, version));
    }
    std::optional<std::string> reallocatedAwayAt(const std::string& p, const std::string& caseId) override {
        return m_inner->reallocatedAwayAt(p, caseId);
    }

private:
    std::unique_ptr<ServerStore> m_inner;
    std::shared_ptr<const RecordCipher> m_cipher;
};

} // namespace

std::unique_ptr<ServerStore> encryptRecordsAtRest(std::unique_ptr<ServerStore> inner,
                                                  std::shared_ptr<const RecordCipher> cipher) {
    if (!inner || !cipher) throw std::invalid_argument("encryptRecordsAtRest needs a store and a key");
    return std::make_unique<EncryptedStore>(std::move(inner), std::move(cipher));
}

void restrictDatabaseFiles(const std::string& sqlitePath) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::string path = sqlitePath + suffix;
        struct stat info {};
        if (::stat(path.c_str(), &info) == 0 && (info.st_mode & (S_IRWXG | S_IRWXO)))
            ::chmod(path.c_str(), 0600);
    }
}

} // namespace heard::server
