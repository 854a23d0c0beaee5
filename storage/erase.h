// Remote wipe of a tablet's store as a crypto-erase (issue 17 item 9): the key material goes first,
// then the files. The database is encrypted with a data key that exists on disk only wrapped in
// the key file (by the passphrase and sealed to the organisation); once every byte of the key file
// (wrapped key, sealed key, chain heads) is overwritten and synced, the database, its WAL and any
// copy left behind are unreadable, even if deleting them fails or the flash keeps old blocks of
// them. The key file itself is small and overwritten in place before it is deleted.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace heard::storage {

struct EraseReport {
    // What was done, in order: "overwrite <path>", "remove <path>", "keep <path>" (removal failed).
    std::vector<std::string> steps;
    bool keyMaterialDestroyed = false; // every key file present was overwritten and synced
    std::vector<std::string> notRemoved;
};

// Removes one file; true when it is gone. Tests pass one that fails, to show the order.
using RemoveFile = std::function<bool(const std::string& path)>;

// The store in dataDir must be closed. Overwrites heard.keys and heard.keys.tmp with zeros (fsync),
// then removes the database, its WAL and -shm, heard.db.new, the key files and the device-command
// credential, and syncs the folder. Never throws.
EraseReport cryptoEraseStore(const std::string& dataDir, const RemoveFile& remove = {});

} // namespace heard::storage
