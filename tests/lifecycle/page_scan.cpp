#include "tests/lifecycle/page_scan.h"

#include "storage/database.h"
#include "storage/keys.h"
#include "storage/store.h"

#include <openssl/evp.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

namespace heard::lifetest {

namespace {

constexpr std::size_t kPage = storage::kCipherPageSize;
constexpr std::size_t kReserve = 48; // 16-byte IV + HMAC-SHA1, rounded up to the AES block
constexpr std::size_t kSalt = 16;

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// The plaintext of one page as SQLCipher wrote it (page 1 without its salt).
std::string decryptPage(const unsigned char* page, bool first, const unsigned char* key) {
    const std::size_t offset = first ? kSalt : 0;
    const std::size_t length = kPage - kReserve - offset;
    const unsigned char* iv = page + kPage - kReserve;
    std::string out(length, '\0');
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int written = 0, final = 0;
    bool ok = ctx && EVP_DecryptInit_ex(ctx, EVP_aes_256_cbc(), nullptr, key, iv) == 1 &&
              EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 &&
              EVP_DecryptUpdate(ctx, reinterpret_cast<unsigned char*>(&out[0]), &written, page + offset,
                                static_cast<int>(length)) == 1 &&
              EVP_DecryptFinal_ex(ctx, reinterpret_cast<unsigned char*>(&out[0]) + written, &final) == 1;
    EVP_CIPHER_CTX_free(ctx);
    if (!ok) throw std::runtime_error("AES-256-CBC decryption failed");
    return out;
}

} // namespace

PageScan scanStoreForText(const std::string& dataDir, const std::string& passphrase,
                          const std::string& text) {
    const storage::KeyFile keys = storage::KeyFile::load(storage::Store::keyFilePath(dataDir));
    const storage::SecretKey dek = storage::unwrapKey(keys, passphrase);
    if (dek.size() != 32) throw std::runtime_error("the data key is not 32 bytes");
    PageScan scan;
    const std::string dbPath = storage::Store::databasePath(dataDir);
    const std::string db = readAll(dbPath);
    const std::string wal = readAll(dbPath + "-wal");
    scan.rawFileHasText =
        contains(db, text) || contains(wal, text) || contains(readAll(dbPath + "-shm"), text);
    for (std::size_t at = 0; at + kPage <= db.size(); at += kPage) {
        const std::string plain =
            decryptPage(reinterpret_cast<const unsigned char*>(db.data()) + at, at == 0, dek.data());
        // After the salt, the database header goes on: page size, format versions, then the
        // reserved bytes per page (48) and the payload fractions 64, 32, 32 (sqlite.org/fileformat).
        if (at == 0)
            scan.decryptedSqliteHeader = plain.size() > 8 &&
                                         static_cast<unsigned char>(plain[4]) == kReserve && plain[5] == 64 &&
                                         plain[6] == 32 && plain[7] == 32;
        ++scan.pages;
        if (contains(plain, text)) ++scan.pagesWithText;
    }
    // WAL: a 32-byte header, then frames of a 24-byte header and one page each.
    for (std::size_t at = 32; at + 24 + kPage <= wal.size(); at += 24 + kPage) {
        const unsigned char* frame = reinterpret_cast<const unsigned char*>(wal.data()) + at;
        const unsigned pageNumber = (unsigned(frame[0]) << 24) | (unsigned(frame[1]) << 16) |
                                    (unsigned(frame[2]) << 8) | unsigned(frame[3]);
        const std::string plain = decryptPage(frame + 24, pageNumber == 1, dek.data());
        ++scan.walFrames;
        if (contains(plain, text)) ++scan.walFramesWithText;
    }
    return scan;
}

} // namespace heard::lifetest
