// sync.reseal: enrolment re-seals the device store's data key to the organisation recovery key
// the server gives (a store made before enrolment is sealed to a throwaway key nobody holds).
// Real encrypted Store, real heard-server (SQLite backend) over loopback TLS.
#include "sync_test_support.h"

#include "server/admin.h"
#include "storage/keys.h"
#include "sync/sync_client.h"

#include <doctest/doctest.h>
#include <sodium.h>

#include <filesystem>
#include <sstream>

using namespace heard;
using namespace heard::synctest;

namespace {

int admin(server::ServerStore& store, const std::vector<std::string>& args, std::string* errText = nullptr) {
    std::istringstream in;
    std::ostringstream out, err;
    const int code = server::runAdminCommand(args, store, in, out, err);
    if (errText) *errText = err.str();
    return code;
}

struct World {
    TempDir dir;
    TestCert cert = makeCert(dir.path(), "server");
    std::unique_ptr<server::ServerStore> serverStore = server::openSqliteServerStore(dir.file("server.db"));
    std::unique_ptr<ServerHarness> harness;
    // Sealed at creation to a throwaway key pair whose secret is dropped, as the app does.
    std::unique_ptr<storage::Store> device = makeDeviceStore(dir.path());
    // This organisation's recovery key pair, set on the server with the admin command.
    storage::RecoveryKeyPair organisation = storage::RecoveryKeyPair::generate();
    World() {
        seedOrganisation(*serverStore);
        REQUIRE(admin(*serverStore, {"set-recovery-key", storage::toHex(organisation.publicKey)}) == 0);
        harness = std::make_unique<ServerHarness>(*serverStore, cert);
    }
    std::string deviceDir() const { return dir.path() + "/device"; }
    std::string keyPath() const { return storage::Store::keyFilePath(deviceDir()); }
};

size_t auditCount(storage::Store& store, const std::string& action) {
    size_t n = 0;
    for (const auto& e : store.auditLog())
        if (e.action == action) ++n;
    return n;
}

} // namespace

TEST_CASE("enrolment re-seals the device store to the server's recovery key") {
    World w;
    const std::vector<unsigned char> throwaway = w.device->recoveryPublicKey();
    REQUIRE(throwaway != w.organisation.publicKey);
    CHECK_THROWS_AS(storage::unsealKey(storage::KeyFile::load(w.keyPath()), w.organisation),
                    storage::StoreError);

    sync::SyncClient client(*w.device, w.harness->endpoint());
    auto result = client.enrol(kPractitioner, kPassword, "tablet");
    REQUIRE_MESSAGE(result.ok(), result.message);
    CHECK(client.enrolled());

    // The key file on the device is now sealed to the organisation's key, which opens it.
    const storage::KeyFile keys = storage::KeyFile::load(w.keyPath());
    CHECK(keys.recoveryPublicKey == w.organisation.publicKey);
    CHECK(w.device->recoveryPublicKey() == w.organisation.publicKey);
    CHECK_NOTHROW(storage::unsealKey(keys, w.organisation));
    CHECK(auditCount(*w.device, "reseal_recovery_key") == 1);

    // Enrolling again (e.g. after a lost answer) is harmless: no second re-seal.
    const std::string keysAfterFirst = readFile(w.keyPath());
    REQUIRE(client.enrol(kPractitioner, kPassword, "tablet").ok());
    CHECK(readFile(w.keyPath()) == keysAfterFirst);
    CHECK(auditCount(*w.device, "reseal_recovery_key") == 1);

    // The server hears of the re-seal like any audit entry.
    REQUIRE(client.push().ok());
    bool serverSawReseal = false;
    for (const auto& e : w.serverStore->receivedSince(0, 100000))
        if (e.itemType == "audit" && e.body.find("reseal_recovery_key") != std::string::npos)
            serverSawReseal = true;
    CHECK(serverSawReseal);

    // A forgotten passphrase: the organisation recovers the store, allocations and all.
    w.device.reset();
    {
        auto recovered = storage::Store::recover(w.deviceDir(), w.organisation, "a new invented passphrase");
        CHECK(recovered->cases().size() == 3);
    }
    CHECK_NOTHROW(storage::Store::unlock(w.deviceDir(), "a new invented passphrase"));
}

TEST_CASE("the passphrase still unlocks after enrolment re-sealed the store") {
    World w;
    {
        sync::SyncClient client(*w.device, w.harness->endpoint());
        REQUIRE(client.enrol(kPractitioner, kPassword, "tablet").ok());
    }
    w.device.reset();
    auto again = storage::Store::unlock(w.deviceDir(), kDevicePassphrase);
    CHECK(again->cases().size() == 3);
    CHECK(again->recoveryPublicKey() == w.organisation.publicKey);
}

TEST_CASE("a server without a usable recovery key: enrolment fails clearly and changes nothing") {
    World w;
    // The admin command refuses a malformed key...
    std::string err;
    CHECK(admin(*w.serverStore, {"set-recovery-key", "00ff00ff"}, &err) == 1);
    CHECK(err.find("64 hex characters") != std::string::npos);
    CHECK(w.serverStore->setting("recovery_public_key") ==
          std::optional<std::string>(storage::toHex(w.organisation.publicKey)));
    // ...but a server could still hold one (set before this check, or none at all).
    for (const std::string& bad : std::vector<std::string>{"00ff00ff", "", std::string(64, 'z')}) {
        CAPTURE(bad);
        w.serverStore->setSetting("recovery_public_key", bad);
        const std::string keysBefore = readFile(w.keyPath());
        sync::SyncClient client(*w.device, w.harness->endpoint());
        auto result = client.enrol(kPractitioner, kPassword, "tablet");
        CHECK(result.failure == sync::SyncFailure::ServerError);
        CHECK(result.message.find("recovery key") != std::string::npos);
        CHECK_FALSE(client.enrolled());
        CHECK(w.device->cases().empty());
        CHECK_FALSE(w.device->setting(sync::setting::kRecoveryPublicKey).has_value());
        CHECK(readFile(w.keyPath()) == keysBefore);
    }
    // Once the administrator sets the key, enrolment works and re-seals.
    REQUIRE(admin(*w.serverStore, {"set-recovery-key", storage::toHex(w.organisation.publicKey)}) == 0);
    sync::SyncClient client(*w.device, w.harness->endpoint());
    auto result = client.enrol(kPractitioner, kPassword, "tablet");
    REQUIRE_MESSAGE(result.ok(), result.message);
    CHECK_NOTHROW(storage::unsealKey(storage::KeyFile::load(w.keyPath()), w.organisation));
}

TEST_CASE("a re-seal that cannot be written fails the enrolment; the key file still unlocks") {
    World w;
    const std::string keysBefore = readFile(w.keyPath());
    // The key file's temporary name is taken by a directory: the atomic write cannot start.
    REQUIRE(std::filesystem::create_directory(w.keyPath() + ".tmp"));
    sync::SyncClient client(*w.device, w.harness->endpoint());
    auto result = client.enrol(kPractitioner, kPassword, "tablet");
    CHECK(result.failure == sync::SyncFailure::LocalStore);
    CHECK(result.message.find("re-seal") != std::string::npos);
    CHECK_FALSE(client.enrolled());
    CHECK(w.device->cases().empty());
    CHECK(readFile(w.keyPath()) == keysBefore);
    CHECK(auditCount(*w.device, "reseal_recovery_key") == 0);

    // The fault cleared, enrolling again succeeds; the passphrase unlocks throughout.
    std::filesystem::remove(w.keyPath() + ".tmp");
    result = client.enrol(kPractitioner, kPassword, "tablet");
    REQUIRE_MESSAGE(result.ok(), result.message);
    CHECK_NOTHROW(storage::unsealKey(storage::KeyFile::load(w.keyPath()), w.organisation));
    w.device.reset();
    CHECK_NOTHROW(storage::Store::unlock(w.deviceDir(), kDevicePassphrase));
}

TEST_CASE("a device enrolled before re-sealing existed is re-sealed at its next pull") {
    World w;
    sync::SyncClient client(*w.device, w.harness->endpoint());
    REQUIRE(client.enrol(kPractitioner, kPassword, "tablet").ok());
    // As an older build left it: enrolled, the key saved in settings, the seal still throwaway.
    const auto throwaway = storage::RecoveryKeyPair::generate();
    REQUIRE(w.device->resealRecoveryKey(throwaway.publicKey));
    REQUIRE_THROWS_AS(storage::unsealKey(storage::KeyFile::load(w.keyPath()), w.organisation),
                      storage::StoreError);

    // A failed write is reported by the pull (so the service retries), not swallowed.
    REQUIRE(std::filesystem::create_directory(w.keyPath() + ".tmp"));
    auto failedPull = client.pull();
    CHECK(failedPull.failure == sync::SyncFailure::LocalStore);
    CHECK(w.device->recoveryPublicKey() == throwaway.publicKey);
    std::filesystem::remove(w.keyPath() + ".tmp");

    auto pulled = client.pull();
    REQUIRE_MESSAGE(pulled.ok(), pulled.message);
    CHECK(w.device->recoveryPublicKey() == w.organisation.publicKey);
    CHECK_NOTHROW(storage::unsealKey(storage::KeyFile::load(w.keyPath()), w.organisation));
    // Already sealed: the next pull writes nothing.
    const std::string keysNow = readFile(w.keyPath());
    REQUIRE(client.pull().ok());
    CHECK(readFile(w.keyPath()) == keysNow);
}
