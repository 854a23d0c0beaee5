// store.keys: the key hierarchy. Create, unlock, lock, change passphrase, recover; wrong
// passphrases give a clear error and a growing delay that survives restarts, and alter
// nothing else.
#include "store_test_support.h"

#include "storage/database.h"
#include "storage/keys.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

using namespace heard::storage;
using namespace heard::storage::test;

namespace {

// The key file without the failed-attempt counter, to show nothing else changed.
nlohmann::json keyMaterial(const std::string& dataDir) {
    auto j = nlohmann::json::parse(readFile(Store::keyFilePath(dataDir)));
    j.erase("failedAttempts");
    j.erase("lastFailureUnix");
    return j;
}

} // namespace

TEST_CASE("create then unlock with the passphrase finds the same data") {
    TempDir tmp;
    ManualClock clock;
    CHECK_FALSE(Store::exists(tmp.dataDir()));
    {
        auto store = createStore(tmp.dataDir(), optionsWith(clock));
        addCaseload(*store);
        store->setSetting("practitioner", "Pat Example");
    } // locked here
    CHECK(Store::exists(tmp.dataDir()));
    auto store = unlockStore(tmp.dataDir(), optionsWith(clock));
    CHECK(store->cases().size() == 1);
    CHECK(store->setting("practitioner") == std::optional<std::string>("Pat Example"));
    const auto log = store->auditLog();
    REQUIRE(log.size() >= 2);
    CHECK(log.front().action == "create_store");
    CHECK(log.back().action == "unlock");
}

TEST_CASE("the key file holds KDF parameters, salt and wrapped keys, never the data key") {
    TempDir tmp;
    auto store = createStore(tmp.dataDir());
    const auto j = nlohmann::json::parse(readFile(Store::keyFilePath(tmp.dataDir())));
    CHECK(j.at("kdf").at("alg") == "argon2id13");
    CHECK(j.at("kdf").at("opslimit").get<unsigned long long>() == KdfParams::fastForTests().opsLimit);
    CHECK(j.at("kdf").at("memlimit").get<size_t>() == KdfParams::fastForTests().memLimit);
    CHECK(j.at("cipherPageSize") == kCipherPageSize);
    CHECK(j.at("failedAttempts") == 0);
    const std::string text = readFile(Store::keyFilePath(tmp.dataDir()));
    CHECK(text.find(testPassphrase()) == std::string::npos);
}

TEST_CASE("a wrong passphrase is refused clearly, alters nothing, and the delay grows") {
    TempDir tmp;
    ManualClock clock;
    {
        auto store = createStore(tmp.dataDir(), optionsWith(clock));
        addCaseload(*store);
    }
    const std::string dbBefore = readFile(Store::databasePath(tmp.dataDir()));
    const auto keysBefore = keyMaterial(tmp.dataDir());

    int previousDelay = 0;
    for (int attempt = 1; attempt <= 6; ++attempt) {
        try {
            Store::unlock(tmp.dataDir(), "not the passphrase", optionsWith(clock));
            FAIL("a wrong passphrase unlocked the store");
        } catch (const StoreError& e) {
            CHECK(std::string(toString(e.kind())) == "WrongPassphrase");
            CHECK(std::string(e.what()).find("passphrase") != std::string::npos);
            CHECK(e.retryAfterSeconds() == unlockDelaySeconds(attempt));
            CHECK(e.retryAfterSeconds() >= previousDelay);
            previousDelay = e.retryAfterSeconds();
        }
        // Within the delay even the right passphrase must wait.
        if (previousDelay > 0) {
            try {
                unlockStore(tmp.dataDir(), optionsWith(clock));
                FAIL("the delay was not enforced");
            } catch (const StoreError& e) {
                CHECK(std::string(toString(e.kind())) == "RetryLater");
                CHECK(e.retryAfterSeconds() == previousDelay);
            }
            clock.advance(previousDelay);
        }
    }
    CHECK(previousDelay > 0);
    CHECK(unlockDelaySeconds(5) > unlockDelaySeconds(4));
    CHECK(unlockDelaySeconds(1000) == 15 * 60);

    // Nothing but the counter changed.
    CHECK(readFile(Store::databasePath(tmp.dataDir())) == dbBefore);
    CHECK(keyMaterial(tmp.dataDir()) == keysBefore);

    // The right passphrase still works, resets the counter, and the audit log says so.
    auto store = unlockStore(tmp.dataDir(), optionsWith(clock));
    CHECK(store->cases().size() == 1);
    CHECK(store->auditLog().back().detail == "after 6 failed attempts");
    CHECK(KeyFile::load(Store::keyFilePath(tmp.dataDir())).failedAttempts == 0);
}

TEST_CASE("the failed-attempt counter survives a restart and a clock set backwards") {
    TempDir tmp;
    ManualClock clock;
    createStore(tmp.dataDir(), optionsWith(clock));
    for (int i = 0; i < 5; ++i) {
        CHECK_STORE_ERROR(Store::unlock(tmp.dataDir(), "wrong", optionsWith(clock)),
                          StoreErrorKind::WrongPassphrase);
        clock.advance(unlockDelaySeconds(i + 1));
    }
    // A "restart" is a fresh read of the key file: the count is on disk.
    CHECK(KeyFile::load(Store::keyFilePath(tmp.dataDir())).failedAttempts == 5);
    CHECK_STORE_ERROR(Store::unlock(tmp.dataDir(), "wrong", optionsWith(clock)),
                      StoreErrorKind::WrongPassphrase);
    clock.advance(-3600); // someone winds the clock back an hour
    try {
        unlockStore(tmp.dataDir(), optionsWith(clock));
        FAIL("winding the clock back skipped the delay");
    } catch (const StoreError& e) {
        CHECK(std::string(toString(e.kind())) == "RetryLater");
        CHECK(e.retryAfterSeconds() == unlockDelaySeconds(6));
    }
}

TEST_CASE("change passphrase rewraps the key without re-encrypting the database") {
    TempDir tmp;
    auto store = createStore(tmp.dataDir());
    addCaseload(*store);
    const auto before = KeyFile::load(Store::keyFilePath(tmp.dataDir()));
    CHECK_STORE_ERROR(store->changePassphrase("wrong old", "new pass"), StoreErrorKind::WrongPassphrase);
    CHECK(KeyFile::load(Store::keyFilePath(tmp.dataDir())).wrappedKey == before.wrappedKey);
    CHECK_STORE_ERROR(store->changePassphrase(testPassphrase(), ""), StoreErrorKind::InvalidArgument);

    store->changePassphrase(testPassphrase(), "a new invented passphrase");
    const auto after = KeyFile::load(Store::keyFilePath(tmp.dataDir()));
    CHECK(after.wrappedKey != before.wrappedKey);
    CHECK(after.salt != before.salt);
    CHECK(after.sealedKey == before.sealedKey); // same data key: the recovery seal still fits
    store.reset();

    CHECK_STORE_ERROR(unlockStore(tmp.dataDir()), StoreErrorKind::WrongPassphrase);
    auto reopened = Store::unlock(tmp.dataDir(), "a new invented passphrase");
    CHECK(reopened->cases().size() == 1);
    CHECK(reopened->auditLog().size() >= 3);
}

TEST_CASE("recover with the organisation key sets a new passphrase and keeps unsynced work") {
    TempDir tmp;
    {
        auto store = createStore(tmp.dataDir());
        addCaseload(*store);
        auto draft = store->createDraft(visitFor());
        store->sign(draft.id, "Pat Example");
    }
    // Someone else's organisation key does not open it, and nothing changes.
    const std::string keysBefore = readFile(Store::keyFilePath(tmp.dataDir()));
    CHECK_STORE_ERROR(Store::recover(tmp.dataDir(), RecoveryKeyPair::generate(), "x"),
                      StoreErrorKind::WrongPassphrase);
    CHECK(readFile(Store::keyFilePath(tmp.dataDir())) == keysBefore);

    {
        auto store = Store::recover(tmp.dataDir(), organisationKeys(), "recovered invented passphrase");
        CHECK(store->outboxPendingCount() > 0);
        CHECK(store->auditLog().back().action == "recover");
    }
    CHECK_STORE_ERROR(unlockStore(tmp.dataDir()), StoreErrorKind::WrongPassphrase);
    auto store = Store::unlock(tmp.dataDir(), "recovered invented passphrase");
    CHECK(store->recordsForCase("case-1").size() == 1);
}

TEST_CASE("create refuses to overwrite anything already in the data directory") {
    TempDir tmp;
    createStore(tmp.dataDir());
    const std::string dbBefore = readFile(Store::databasePath(tmp.dataDir()));
    CHECK_STORE_ERROR(createStore(tmp.dataDir()), StoreErrorKind::InvalidArgument);
    CHECK(readFile(Store::databasePath(tmp.dataDir())) == dbBefore);

    TempDir other; // only a (garbage) key file there
    std::filesystem::create_directories(other.dataDir());
    writeFile(Store::keyFilePath(other.dataDir()), "not a key file");
    CHECK(Store::exists(other.dataDir()));
    CHECK_STORE_ERROR(createStore(other.dataDir()), StoreErrorKind::InvalidArgument);
    CHECK(readFile(Store::keyFilePath(other.dataDir())) == "not a key file");
}

TEST_CASE("create makes missing parent directories and keeps the data directory private") {
    TempDir tmp;
    const std::string nested = tmp.file("a/b/data");
    createStore(nested);
    CHECK(Store::exists(nested));
    const auto perms = std::filesystem::status(nested).permissions();
    CHECK(bool((perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) ==
               std::filesystem::perms::none));
    const auto keyPerms = std::filesystem::status(Store::keyFilePath(nested)).permissions();
    CHECK(bool((keyPerms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) ==
               std::filesystem::perms::none));
}

TEST_CASE("create checks its arguments") {
    TempDir tmp;
    CHECK_STORE_ERROR(
        Store::create(tmp.dataDir(), "", organisationKeys().publicKey, KdfParams::fastForTests()),
        StoreErrorKind::InvalidArgument);
    CHECK_STORE_ERROR(
        Store::create(tmp.dataDir(), "pw", std::vector<unsigned char>(5), KdfParams::fastForTests()),
        StoreErrorKind::InvalidArgument);
    CHECK_FALSE(Store::exists(tmp.dataDir()));
}

TEST_CASE("a create interrupted after the key file was written is finished by unlock") {
    TempDir tmp;
    {
        auto store = createStore(tmp.dataDir());
        addCaseload(*store);
    }
    // Simulate the crash window: the database still has its building name.
    std::filesystem::rename(Store::databasePath(tmp.dataDir()), Store::databasePath(tmp.dataDir()) + ".new");
    auto store = unlockStore(tmp.dataDir());
    CHECK(store->cases().size() == 1);
    CHECK(std::filesystem::exists(Store::databasePath(tmp.dataDir())));
}

TEST_CASE("SecretKey lives in secure memory and is wiped on lock") {
    SecretKey key = SecretKey::random(32);
    REQUIRE_FALSE(key.empty());
    CHECK(key.size() == 32);
    CHECK_FALSE(sodium_is_zero(key.data(), key.size()));
    SecretKey moved = std::move(key);
    CHECK(key.empty());
    moved.wipe();
    CHECK(moved.empty());
    CHECK(moved.data() == nullptr);

    SecretKey dek = SecretKey::random(32);
    SecretKey literal = rawKeyLiteral(dek);
    const std::string text(reinterpret_cast<const char*>(literal.data()), literal.size());
    CHECK(text.size() == 67);
    CHECK(text.rfind("x'", 0) == 0);
    CHECK(text.back() == '\'');
}

TEST_CASE("the production KDF parameters are at least libsodium's interactive preset") {
    const auto params = KdfParams::interactive();
    CHECK(params.opsLimit >= crypto_pwhash_OPSLIMIT_INTERACTIVE);
    CHECK(params.memLimit >= crypto_pwhash_MEMLIMIT_INTERACTIVE);
}
