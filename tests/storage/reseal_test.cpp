// store.reseal: re-sealing the data key to the organisation's recovery key (at enrolment, a
// store made with a throwaway key becomes recoverable). The passphrase keeps working; a
// malformed key changes nothing; a full disk or a SIGKILL mid-write leaves a whole key file
// sealed to the old key or the new one, which the passphrase still unlocks.
#include "child_process.h"
#include "store_test_support.h"

#include <algorithm>
#include <random>
#include <sys/resource.h>

using namespace heard::storage;
using namespace heard::storage::test;

namespace {

// A store made before enrolment: sealed to a throwaway key pair whose secret the test keeps,
// so it can show the old seal no longer applies.
std::unique_ptr<Store> createWithThrowaway(const std::string& dataDir, const RecoveryKeyPair& throwaway,
                                           const StoreOptions& options = {}) {
    return Store::create(dataDir, testPassphrase(), throwaway.publicKey, KdfParams::fastForTests(), options);
}

// Opens the database with a data key obtained some other way (here: from the seal).
bool databaseOpensWith(const std::string& dataDir, const SecretKey& dek) {
    const KeyFile keys = KeyFile::load(Store::keyFilePath(dataDir));
    SecretKey fromPassphrase = unwrapKey(keys, testPassphrase());
    return dek.size() == fromPassphrase.size() &&
           std::equal(dek.data(), dek.data() + dek.size(), fromPassphrase.data());
}

size_t countAudit(Store& store, const std::string& action) {
    size_t n = 0;
    for (const auto& e : store.auditLog())
        if (e.action == action) ++n;
    return n;
}

} // namespace

TEST_CASE("re-sealing to the organisation key makes a throwaway-sealed store recoverable") {
    TempDir tmp;
    ManualClock clock;
    const auto throwaway = RecoveryKeyPair::generate();
    const auto& organisation = organisationKeys();
    {
        auto store = createWithThrowaway(tmp.dataDir(), throwaway, optionsWith(clock));
        addCaseload(*store);
        Record r = store->createDraft(visitFor());
        store->sign(r.id, "Pat Example");
        // Before: only the throwaway key opens the seal.
        const KeyFile before = KeyFile::load(Store::keyFilePath(tmp.dataDir()));
        CHECK_STORE_ERROR(unsealKey(before, organisation), StoreErrorKind::WrongPassphrase);
        CHECK_NOTHROW(unsealKey(before, throwaway));
        CHECK(store->recoveryPublicKey() == throwaway.publicKey);

        CHECK(store->resealRecoveryKey(organisation.publicKey, "pr-ada"));
        CHECK(store->recoveryPublicKey() == organisation.publicKey);
        const auto log = store->auditLog();
        REQUIRE(!log.empty());
        CHECK(log.back().action == "reseal_recovery_key");
        CHECK(log.back().actor == "pr-ada");
        CHECK(store->verifyAudit().ok);
    }
    const KeyFile after = KeyFile::load(Store::keyFilePath(tmp.dataDir()));
    CHECK(after.recoveryPublicKey == organisation.publicKey);
    // The organisation's secret key recovers the data key, and it is the database's key.
    SecretKey recovered = unsealKey(after, organisation);
    CHECK(databaseOpensWith(tmp.dataDir(), recovered));
    // The throwaway seal no longer applies.
    CHECK_STORE_ERROR(unsealKey(after, throwaway), StoreErrorKind::WrongPassphrase);
    // The passphrase still unlocks, with everything in it.
    {
        auto store = unlockStore(tmp.dataDir());
        CHECK(store->recordsForCase("case-1").size() == 1);
        CHECK(store->verifyCase("case-1").ok);
    }
    // And the organisation can recover the store with a new passphrase.
    {
        auto store = Store::recover(tmp.dataDir(), organisation, "a new invented passphrase");
        CHECK(store->recordsForCase("case-1").size() == 1);
    }
    CHECK_NOTHROW(Store::unlock(tmp.dataDir(), "a new invented passphrase"));
}

TEST_CASE("re-sealing to the key already there changes nothing and audits nothing") {
    TempDir tmp;
    auto store = createStore(tmp.dataDir()); // already sealed to organisationKeys()
    const std::string keysBefore = readFile(Store::keyFilePath(tmp.dataDir()));
    const size_t auditBefore = store->auditLog().size();
    CHECK_FALSE(store->resealRecoveryKey(organisationKeys().publicKey));
    CHECK(readFile(Store::keyFilePath(tmp.dataDir())) == keysBefore);
    CHECK(store->auditLog().size() == auditBefore);

    const auto other = RecoveryKeyPair::generate();
    CHECK(store->resealRecoveryKey(other.publicKey));
    const std::string keysResealed = readFile(Store::keyFilePath(tmp.dataDir()));
    CHECK(keysResealed != keysBefore);
    CHECK_FALSE(store->resealRecoveryKey(other.publicKey)); // twice: still one re-seal
    CHECK(readFile(Store::keyFilePath(tmp.dataDir())) == keysResealed);
    CHECK(countAudit(*store, "reseal_recovery_key") == 1);
}

TEST_CASE("changing the passphrase after a re-seal keeps the new seal") {
    TempDir tmp;
    const auto throwaway = RecoveryKeyPair::generate();
    auto store = createWithThrowaway(tmp.dataDir(), throwaway);
    REQUIRE(store->resealRecoveryKey(organisationKeys().publicKey));
    // changePassphrase rewrites the whole key file from the store's copy in memory.
    store->changePassphrase(testPassphrase(), "another invented passphrase");
    const KeyFile keys = KeyFile::load(Store::keyFilePath(tmp.dataDir()));
    CHECK(keys.recoveryPublicKey == organisationKeys().publicKey);
    CHECK_NOTHROW(unsealKey(keys, organisationKeys()));
    CHECK_STORE_ERROR(unsealKey(keys, throwaway), StoreErrorKind::WrongPassphrase);
}

TEST_CASE("a malformed recovery key is refused and the key file is byte-for-byte unchanged") {
    TempDir tmp;
    const auto throwaway = RecoveryKeyPair::generate();
    auto store = createWithThrowaway(tmp.dataDir(), throwaway);
    const std::string keyPath = Store::keyFilePath(tmp.dataDir());
    const std::string keysBefore = readFile(keyPath);
    const size_t auditBefore = store->auditLog().size();
    const uint64_t revisionBefore = store->revision();

    const std::vector<std::vector<unsigned char>> malformed = {
        {},                                   // nothing (a server without a key)
        {0x00, 0xff, 0x00, 0xff},             // too short
        std::vector<unsigned char>(31, 0x42), // one byte short
        std::vector<unsigned char>(33, 0x42), // one byte long
        std::vector<unsigned char>(64, '0'),  // the hex text instead of the bytes
        std::vector<unsigned char>(32, 0x00), // right length, but a low-order point
    };
    for (const auto& key : malformed) {
        CAPTURE(key.size());
        CHECK_STORE_ERROR(store->resealRecoveryKey(key), StoreErrorKind::InvalidArgument);
        CHECK(readFile(keyPath) == keysBefore);
    }
    try {
        store->resealRecoveryKey({0x00, 0xff, 0x00, 0xff});
    } catch (const StoreError& e) {
        CHECK(std::string(e.what()).find("must be 32 bytes, not 4") != std::string::npos);
    }
    CHECK(store->recoveryPublicKey() == throwaway.publicKey);
    CHECK(store->auditLog().size() == auditBefore);
    CHECK(store->revision() == revisionBefore);
    CHECK_FALSE(std::filesystem::exists(keyPath + ".tmp"));
    CHECK_NOTHROW(unsealKey(KeyFile::load(keyPath), throwaway));
}

TEST_CASE("a key file that cannot be replaced: Io, nothing changed, no audit entry") {
    TempDir tmp;
    const auto throwaway = RecoveryKeyPair::generate();
    auto store = createWithThrowaway(tmp.dataDir(), throwaway);
    const std::string keyPath = Store::keyFilePath(tmp.dataDir());
    const std::string keysBefore = readFile(keyPath);
    // The temporary name the atomic write needs is taken by a directory.
    REQUIRE(std::filesystem::create_directory(keyPath + ".tmp"));
    CHECK_STORE_ERROR(store->resealRecoveryKey(organisationKeys().publicKey), StoreErrorKind::Io);
    CHECK(readFile(keyPath) == keysBefore);
    CHECK(store->recoveryPublicKey() == throwaway.publicKey);
    CHECK(countAudit(*store, "reseal_recovery_key") == 0);
    CHECK(store->verifyAudit().ok);
    std::filesystem::remove(keyPath + ".tmp");
    CHECK(store->resealRecoveryKey(organisationKeys().publicKey));
    CHECK(countAudit(*store, "reseal_recovery_key") == 1);
    CHECK_NOTHROW(unsealKey(KeyFile::load(keyPath), organisationKeys()));
}

TEST_CASE("re-sealing keeps the wrong-passphrase counter and its delay") {
    TempDir tmp;
    ManualClock clock;
    auto store = createStore(tmp.dataDir(), optionsWith(clock));
    for (int i = 0; i < 4; ++i)
        CHECK_STORE_ERROR(store->verifyPassphrase("a wrong guess"), StoreErrorKind::WrongPassphrase);
    const auto other = RecoveryKeyPair::generate();
    REQUIRE(store->resealRecoveryKey(other.publicKey));
    const KeyFile after = KeyFile::load(Store::keyFilePath(tmp.dataDir()));
    CHECK(after.failedAttempts == 4);
    CHECK(after.recoveryPublicKey == other.publicKey);
    // The delay still applies: a child guessing at the lock does not get it reset by a sync.
    CHECK_STORE_ERROR(store->verifyPassphrase(testPassphrase()), StoreErrorKind::RetryLater);
    clock.advance(60);
    CHECK_NOTHROW(store->verifyPassphrase(testPassphrase()));
}

TEST_CASE("a full disk while re-sealing keeps the old key file, which the passphrase unlocks") {
    TempDir tmp;
    const auto throwaway = RecoveryKeyPair::generate();
    createWithThrowaway(tmp.dataDir(), throwaway);
    const std::string dir = tmp.dataDir();
    const std::string keyPath = Store::keyFilePath(dir);
    const std::string keysBefore = readFile(keyPath);
    auto outcome = runInChild(
        [&](Reporter& out) {
            auto store = unlockStore(dir);
            ::signal(SIGXFSZ, SIG_IGN); // EFBIG instead of being killed
            rlimit limit{};
            limit.rlim_cur = limit.rlim_max = 200; // smaller than any key file
            if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return 50;
            try {
                store->resealRecoveryKey(organisationKeys().publicKey);
            } catch (const StoreError& e) {
                out.line(toString(e.kind()));
                out.line(std::string(e.what()).find("key file") != std::string::npos ? "key file" : e.what());
                // The store in memory still names the old key, so a retry re-seals.
                return store->recoveryPublicKey() == throwaway.publicKey ? 10 : 12;
            }
            return 11;
        },
        -1);
    REQUIRE(outcome.exitCode == 10);
    CHECK(outcome.lines.at(0) == "DiskFull");
    CHECK(outcome.lines.at(1) == "key file"); // the key file write failed, not the database
    CHECK(readFile(keyPath) == keysBefore);
    CHECK_FALSE(std::filesystem::exists(keyPath + ".tmp"));
    CHECK_NOTHROW(unsealKey(KeyFile::load(keyPath), throwaway));
    auto store = unlockStore(dir);
    CHECK(countAudit(*store, "reseal_recovery_key") == 0); // rolled back with the failed write
    // With room again, the retry succeeds.
    CHECK(store->resealRecoveryKey(organisationKeys().publicKey));
    CHECK_NOTHROW(unsealKey(KeyFile::load(keyPath), organisationKeys()));
}

TEST_CASE("SIGKILL while re-sealing leaves a whole key file sealed to the old or the new key") {
    TempDir tmp;
    // A run of distinct keys: the child re-seals to each in turn and reports each one done, so
    // the key on disk after a kill must be the last one reported or the one it was writing.
    std::vector<RecoveryKeyPair> keys;
    for (int i = 0; i < 1000; ++i)
        keys.push_back(RecoveryKeyPair::generate());
    createWithThrowaway(tmp.dataDir(), keys[0]);
    const std::string dir = tmp.dataDir();
    std::mt19937 rng(11);
    size_t current = 0;
    int killedMidRun = 0, landedOnNext = 0;
    for (int iteration = 0; iteration < 20; ++iteration) {
        const size_t start = current;
        auto outcome = runInChild(
            [&](Reporter& out) {
                auto store = unlockStore(dir);
                out.line("U");
                for (size_t next = start + 1; next < keys.size(); ++next) {
                    store->resealRecoveryKey(keys[next].publicKey);
                    out.line(std::to_string(next));
                }
                return 0;
            },
            int(rng() % 60), true);
        CAPTURE(iteration);
        REQUIRE_MESSAGE(outcome.killed,
                        "the re-sealing child exited by itself with code " << outcome.exitCode);
        const size_t lastDone = outcome.lines.size() > 1 ? std::stoul(outcome.lines.back()) : start;
        if (outcome.lines.size() > 1) ++killedMidRun;
        // Whole (never half-written), and the passphrase unlocks it.
        const KeyFile onDisk = KeyFile::load(Store::keyFilePath(dir));
        REQUIRE_NOTHROW(unlockStore(dir));
        // Sealed to the last key reported done or the one being written, and that key opens it.
        size_t found = keys.size();
        for (size_t i = lastDone; i < std::min(lastDone + 2, keys.size()); ++i)
            if (onDisk.recoveryPublicKey == keys[i].publicKey) found = i;
        REQUIRE_MESSAGE(found < keys.size(),
                        "the key file is sealed to neither key " << lastDone << " nor the next");
        SecretKey dek = unsealKey(onDisk, keys[found]);
        CHECK(databaseOpensWith(dir, dek));
        if (found != lastDone) ++landedOnNext;
        current = found;
    }
    MESSAGE("kills after at least one re-seal: " << killedMidRun
                                                 << " of 20; the unreported re-seal was on disk "
                                                 << landedOnNext << " times; re-seals in all: " << current);
    CHECK(killedMidRun > 0);
    auto store = unlockStore(dir);
    CHECK(store->verifyAudit().ok);
}
