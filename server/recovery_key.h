// The organisation's recovery key pair (issue 21.3): `heard-server admin create-recovery-key
// <secret file>` makes it, once, ideally on an offline machine. The secret key opens a tablet's
// store when its passphrase is forgotten (storage::unsealKey); only the public key goes to the
// server (admin set-recovery-key), which hands it to every tablet at enrolment.
//
// Files:
//   <secret file>      mode 0600, never overwritten:
//                        heard recovery key 1
//                        public <64 hex>
//                        secret <64 hex>
//   <secret file>.pub  the public key alone, 64 hex and a newline (nothing secret in it)
#pragma once

#include "base/error.h"
#include "storage/keys.h"

#include <string>

namespace heard::server {

// code() "recovery_key": the message says which file and why, never a key.
class RecoveryKeyError : public base::Error {
public:
    explicit RecoveryKeyError(const std::string& message) : base::Error("recovery_key", message) {}
};

struct CreatedRecoveryKey {
    std::string secretPath, publicPath;
    std::string publicHex; // what `admin set-recovery-key` takes
};

// Makes a new pair and writes both files. Refuses (RecoveryKeyError, nothing written or left
// behind) when either file exists or cannot be written.
CreatedRecoveryKey createRecoveryKeyFiles(const std::string& secretPath);

// Reads a secret file back (for recovering a tablet). Refuses a file others can read, one that
// is not in the format above, and one whose public key does not belong to its secret key.
storage::RecoveryKeyPair loadRecoveryKeyFile(const std::string& secretPath);

} // namespace heard::server
