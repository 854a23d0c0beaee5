// The server's Ed25519 key for the managers' notes (issue 15, item 5): a note is signed with it
// at the console, and the tablet checks the signature (sync/protocol.h, managerNoteSignatureValid)
// with the public half it was given at enrolment before it keeps or shows the note.
//
// One key pair for the organisation, kept in the database's settings (so every heard-server
// instance on one PostgreSQL signs with the same key), made on first use; the secret half is
// sealed at rest with the record key when records are (server/record_cipher.h), so a copy of the
// database alone cannot forge a manager's word.
#pragma once

#include "server/server_store.h"
#include "storage/keys.h"

#include <memory>
#include <string>

namespace heard::server::console {

class NoteSigner {
public:
    // Reads the key pair, making and storing it if there is none (safe when instances race).
    // Throws ServerStoreError or RecordKeyError when the stored key cannot be read.
    static std::shared_ptr<const NoteSigner> loadOrCreate(ServerStore& store);

    const std::string& publicKeyHex() const { return m_publicHex; }
    // Detached Ed25519 signature of bytes, hex.
    std::string signHex(const std::string& bytes) const;

    NoteSigner(storage::SecretKey secret, std::string publicHex);

private:
    storage::SecretKey m_secret; // crypto_sign_SECRETKEYBYTES, in sodium_malloc'd memory
    std::string m_publicHex;
};

} // namespace heard::server::console
