#include "server/recovery_key.h"

#include "base/hex.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

namespace heard::server {

namespace {

constexpr const char* kHeader = "heard recovery key 1";
constexpr std::size_t kMaxFileBytes = 4096;

// Creates path with O_EXCL (never over an existing file) and writes text whole, fsynced.
// Returns an empty string on success, else why not.
std::string writeNewFile(const std::string& path, const std::string& text, mode_t mode) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0) return std::strerror(errno);
    const bool ok = ::fchmod(fd, mode) == 0 &&
                    ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                    ::fsync(fd) == 0;
    ::close(fd);
    if (ok) return {};
    ::unlink(path.c_str());
    return "the write failed";
}

} // namespace

CreatedRecoveryKey createRecoveryKeyFiles(const std::string& secretPath) {
    if (sodium_init() < 0) throw RecoveryKeyError("libsodium cannot start");
    CreatedRecoveryKey created;
    created.secretPath = secretPath;
    created.publicPath = secretPath + ".pub";
    // Both names are checked first, so a refusal leaves nothing half made.
    for (const auto* path : {&created.secretPath, &created.publicPath}) {
        struct stat info {};
        if (::lstat(path->c_str(), &info) == 0)
            throw RecoveryKeyError(*path + " already exists: a recovery key is never overwritten (a "
                                           "tablet sealed to the old key could no longer be recovered)");
    }
    const auto pair = storage::RecoveryKeyPair::generate();
    created.publicHex = base::toHex(pair.publicKey);
    std::string secretText = std::string(kHeader) + "\npublic " + created.publicHex + "\nsecret " +
                             base::toHex(pair.secretKey) + "\n";
    const std::string secretProblem = writeNewFile(created.secretPath, secretText, 0600);
    sodium_memzero(secretText.data(), secretText.size());
    if (!secretProblem.empty())
        throw RecoveryKeyError("cannot create the recovery secret key file " + created.secretPath + ": " +
                               secretProblem);
    const std::string publicProblem = writeNewFile(created.publicPath, created.publicHex + "\n", 0644);
    if (!publicProblem.empty()) {
        ::unlink(created.secretPath.c_str()); // a secret without its public half is of no use
        throw RecoveryKeyError("cannot create the recovery public key file " + created.publicPath + ": " +
                               publicProblem);
    }
    return created;
}

storage::RecoveryKeyPair loadRecoveryKeyFile(const std::string& secretPath) {
    if (sodium_init() < 0) throw RecoveryKeyError("libsodium cannot start");
    int fd = ::open(secretPath.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        throw RecoveryKeyError("cannot open the recovery secret key file " + secretPath + ": " +
                               std::strerror(errno));
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size > off_t(kMaxFileBytes)) {
        ::close(fd);
        throw RecoveryKeyError(secretPath + " is not a recovery secret key file");
    }
    if (info.st_mode & (S_IRWXG | S_IRWXO)) {
        ::close(fd);
        throw RecoveryKeyError(secretPath + " is readable or writable by others: run chmod 600 on it");
    }
    std::string text(kMaxFileBytes, '\0');
    const ssize_t got = ::read(fd, text.data(), text.size());
    ::close(fd);
    text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    std::istringstream lines(text);
    std::string header, publicLine, secretLine, extra;
    std::getline(lines, header);
    std::getline(lines, publicLine);
    std::getline(lines, secretLine);
    const bool trailing = static_cast<bool>(std::getline(lines, extra)) && !extra.empty();
    sodium_memzero(text.data(), text.size());
    const auto publicKey = publicLine.rfind("public ", 0) == 0
                               ? base::bytesFromHex(publicLine.substr(7), crypto_box_PUBLICKEYBYTES)
                               : std::nullopt;
    auto secretKey = secretLine.rfind("secret ", 0) == 0
                         ? base::bytesFromHex(secretLine.substr(7), crypto_box_SECRETKEYBYTES)
                         : std::nullopt;
    sodium_memzero(secretLine.data(), secretLine.size());
    if (header != kHeader || !publicKey || !secretKey || trailing)
        throw RecoveryKeyError(secretPath + " is not a recovery secret key file (heard-server admin "
                                            "create-recovery-key makes one)");
    unsigned char derived[crypto_box_PUBLICKEYBYTES];
    crypto_scalarmult_base(derived, secretKey->data());
    if (sodium_memcmp(derived, publicKey->data(), sizeof derived) != 0) {
        sodium_memzero(secretKey->data(), secretKey->size());
        throw RecoveryKeyError(secretPath +
                               ": its public key does not belong to its secret key (the file was "
                               "altered)");
    }
    storage::RecoveryKeyPair pair;
    pair.publicKey = *publicKey;
    pair.secretKey = std::move(*secretKey);
    return pair;
}

} // namespace heard::server
