// Record payloads encrypted at rest on the server (issue 17, item 8).
//
// The key is 32 random bytes in a file of its own (64 hex characters), kept outside the database
// and readable by the server's user only: a copy of the database, its WAL or a PostgreSQL dump
// reveals no record text without it. Each received body is sealed with XChaCha20-Poly1305 (IETF
// AEAD, a random 192-bit nonce per body) and bound to its (item type, item id, version), so a
// sealed body moved to another row does not open.
//
//   RecordCipher           the key (in sodium_malloc'd memory) and seal/open
//   encryptRecordsAtRest   a ServerStore that seals bodies on intake and opens them on read,
//                          over either backend (nothing in the backends changes)
//   restrictDatabaseFiles  makes an existing SQLite database and its WAL/SHM files 0600
#pragma once

#include "server/server_store.h"
#include "storage/keys.h"

#include <memory>
#include <string>

namespace heard::server {

class RecordKeyError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class RecordCipher {
public:
    // Reads a key file. Throws RecordKeyError with a clear reason when the file is missing, is
    // readable or writable by group or others, or does not hold exactly 64 hex characters.
    static std::shared_ptr<const RecordCipher> load(const std::string& path);
    // Writes a new random key to path with mode 0600; refuses to overwrite an existing file.
    static void createKeyFile(const std::string& path);
    static std::shared_ptr<const RecordCipher> fromKey(storage::SecretKey key); // 32 bytes

    // "hs1:" + base64(nonce || ciphertext), bound to the entry's identity.
    std::string seal(const std::string& plaintext, const std::string& binding) const;
    // Throws RecordKeyError when the text does not open with this key (wrong key, or altered).
    std::string open(const std::string& sealed, const std::string& binding) const;
    static bool isSealed(const std::string& text);

    explicit RecordCipher(storage::SecretKey key);

private:
    storage::SecretKey m_key;
};

// The binding of a received entry: its item type, id and version.
std::string recordBinding(const std::string& itemType, const std::string& itemId, std::int64_t version);

std::unique_ptr<ServerStore> encryptRecordsAtRest(std::unique_ptr<ServerStore> inner,
                                                  std::shared_ptr<const RecordCipher> cipher);

// chmod 0600 of path, path-wal, path-shm and path-journal where they exist (SQLite creates its
// WAL with the database's mode, so this also covers the files it makes later).
void restrictDatabaseFiles(const std::string& sqlitePath);

} // namespace heard::server
