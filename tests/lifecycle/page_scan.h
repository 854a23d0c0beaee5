// Reads a Heard store's database file page by page, decrypted, to prove what no page holds.
//
// The raw file is encrypted, so a plain byte search for a child's name finds nothing whether or
// not the name is still there: that proves only that nothing was written in the clear. This
// helper decrypts every page (and every frame of the WAL) with the store's data key, exactly as
// SQLCipher 3 lays a page out (AES-256-CBC with the raw key; the last 48 bytes of a page are its
// IV and HMAC; the first 16 bytes of the file are the salt), so a search also sees deleted cells,
// free space and free-list pages: what a thief with the key, or a forensic tool, would read.
#pragma once

#include <cstddef>
#include <string>

namespace heard::lifetest {

struct PageScan {
    std::size_t pages = 0;         // pages of the main file decrypted
    std::size_t pagesWithText = 0; // of which contain the text
    std::size_t walFrames = 0;     // frames in the WAL
    std::size_t walFramesWithText = 0;
    bool rawFileHasText = false;        // the text in the clear anywhere in the files as stored
    bool decryptedSqliteHeader = false; // page 1 decrypted to "SQLite format 3": the key is right
};

// dataDir: the store's folder; passphrase: unlocks its key file (storage/keys.h).
PageScan scanStoreForText(const std::string& dataDir, const std::string& passphrase, const std::string& text);

} // namespace heard::lifetest
