// hardening.remote_wipe_locked (issue 17 item 9): a lost tablet is locked, so its store (and the
// device secret in it) cannot be opened. Enrolment leaves a command credential outside the store;
// while the lock screen shows, a worker asks heard-server for device commands with it; an
// administrator's wipe reaches the still-locked tablet, which destroys its key material first
// (crypto-erase) and then its files, and says so.
#include "tests/sync/sync_test_support.h"

namespace {

std::string newDatabase() {
    static heard::synctest::TempDir dir;
    static int count = 0;
    return dir.path() + "/server-" + std::to_string(++count) + ".db";
}

std::unique_ptr<heard::server::ServerStore> openDatabase(const std::string& db) {
    return heard::server::openSqliteServerStore(db);
}

} // namespace

#include "remote_wipe_locked_suite.inc"

TEST_CASE("crypto-erase: the key file is overwritten and synced before any file is removed") {
    TempDir dir;
    std::string storeDir;
    {
        auto store = makeDeviceStore(dir.path());
        storeDir = store->dataDir();
        store->putCase(storage::Case{"case-a1", "TEST/001", "TEST/001", {}, false, ""});
        store->putChild(storage::Child{"child-a1", "case-a1", "Pip Invented 1", "2016-01-01", {}});
        signVisit(*store, "case-a1", "child-a1");
    }
    const std::string keys = storage::Store::keyFilePath(storeDir),
                      db = storage::Store::databasePath(storeDir);
    const auto keySize = std::filesystem::file_size(keys);
    REQUIRE(keySize > 100);

    // Every removal fails: what is left must still be unreadable, so the key went first.
    std::vector<std::string> asked;
    bool keyZeroAtEveryRemoval = true;
    const auto report = storage::cryptoEraseStore(storeDir, [&](const std::string& path) {
        asked.push_back(path);
        keyZeroAtEveryRemoval = keyZeroAtEveryRemoval && allZero(keys);
        return false;
    });
    CHECK(report.keyMaterialDestroyed);
    REQUIRE(!report.steps.empty());
    CHECK(report.steps.front() == "overwrite " + keys);
    CHECK(std::find(asked.begin(), asked.end(), db) != asked.end());
    CHECK(std::find(asked.begin(), asked.end(), keys) != asked.end());
    CHECK(keyZeroAtEveryRemoval);
    CHECK(exists(db)); // deletion failed, as the hook said
    CHECK(std::filesystem::file_size(keys) == keySize);
    CHECK(allZero(keys));
    CHECK(report.notRemoved.size() == asked.size());
    // Neither the passphrase nor anything else opens the store now.
    CHECK_THROWS(storage::Store::unlock(storeDir, kDevicePassphrase));

    // With removal working, nothing is left.
    const auto second = storage::cryptoEraseStore(storeDir);
    CHECK(second.notRemoved.empty());
    CHECK_FALSE(exists(db));
    CHECK_FALSE(exists(keys));
}

TEST_CASE("a tablet with no command credential does not poll while locked") {
    TempDir dir;
    auto window = test::headlessWindow(1280, 800);
    ui::AppOptions options;
    options.dataDir = dir.file("device");
    options.fastKeyDerivationForTests = true;
    options.watchNetwork = false;
    options.lockedPollSeconds = 1;
    ui::App app(*window, options);
    platform::TestDriver driver(*window, [&app] { app.runOneFrame(); });
    app.createStore("Ada Testperson", "Family Court Adviser", kDevicePassphrase);
    app.lock();
    driver.frames(5);
    CHECK_FALSE(app.syncControl().lockedPolling());
}

TEST_CASE("a tablet without a command credential (enrolled before it existed) gets one at its next pull") {
    TempDir dir;
    auto serverStore = openDatabase(newDatabase());
    seedOrganisation(*serverStore);
    const TestCert orgCa = makeCert(dir.path(), "org-ca");
    const TestCert serverCert = makeCertSignedBy(dir.path(), "server", orgCa);
    ServerHarness harness(*serverStore, serverCert);
    auto device = makeDeviceStore(dir.path());
    sync::SyncClient client(*device, sync::endpointFor(orgConfigFor(orgCa, harness.port())));
    REQUIRE(client.enrol(kPractitioner, kPassword, "tablet").ok());
    const std::string path = sync::deviceCredentialPath(device->dataDir());
    REQUIRE(std::filesystem::remove(path));
    REQUIRE(client.pull().ok());
    const auto credential = sync::loadDeviceCommandCredential(device->dataDir());
    REQUIRE(credential.has_value());
    const auto answer = sync::askForDeviceCommand(*credential);
    CHECK_MESSAGE(answer.ok, answer.message);
    CHECK(answer.command == sync::DeviceCommand::None);
}
