// hardening.store_damaged_key (issue 17.10): a damaged wrapped key used to be reported as a
// wrong passphrase and counted toward the delay, so a practitioner typing the right
// passphrase was told it was wrong and locked out. The key file's checksum now tells damage
// from a wrong guess: NotAStore, with words for it, and the counter is not touched. The
// organisation's recovery key still opens the store.
#include "tests/storage/store_test_support.h"

using namespace heard::storage;
using namespace heard::storage::test;

TEST_CASE("a damaged wrapped key is damage, not a wrong passphrase, and is not counted") {
    TempDir tmp;
    createStore(tmp.dataDir());
    const std::string keyPath = Store::keyFilePath(tmp.dataDir());
    auto j = nlohmann::json::parse(readFile(keyPath));
    std::string wrapped = j["wrapped"]["ciphertext"];
    wrapped[10] = wrapped[10] == 'a' ? 'b' : 'a'; // still valid hex: only the MAC can tell
    j["wrapped"]["ciphertext"] = wrapped;
    writeFile(keyPath, j.dump(2));
    const std::string damaged = readFile(keyPath);

    for (int i = 0; i < 6; ++i) {
        try {
            unlockStore(tmp.dataDir());
            FAIL("a damaged key file opened");
        } catch (const StoreError& e) {
            CHECK_MESSAGE(std::string(toString(e.kind())) == "NotAStore", e.what());
            CHECK(std::string(e.what()).find("damaged") != std::string::npos);
        }
    }
    CHECK(readFile(keyPath) == damaged); // nothing counted, nothing written
    CHECK(KeyFile::load(keyPath).failedAttempts == 0);

    // The sealed copy is intact: recovery sets a new passphrase and a sound key file.
    auto recovered = Store::recover(tmp.dataDir(), organisationKeys(), "a new invented passphrase");
    recovered.reset();
    CHECK_FALSE(KeyFile::load(keyPath).damaged);
    CHECK_NOTHROW(Store::unlock(tmp.dataDir(), "a new invented passphrase"));
}
