// hardening.remote_wipe_locked (issue 17 item 9): a lost tablet is locked, so its store (and the
// device secret in it) cannot be opened. Enrolment leaves a command credential outside the store;
// while the lock screen shows, a worker asks heard-server for device commands with it; an
// administrator's wipe reaches the still-locked tablet, which destroys its key material first
// (crypto-erase) and then its files, and says so.
#include "server/admin.h"
#include "storage/erase.h"
#include "sync/device_command.h"
#include "sync/sync_client.h"
#include "tests/sync/sync_test_support.h"

#include "app/ui/app.h"
#include "platform/test_driver.h"
#include "tests/support/headless_window.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

using namespace heard;
using namespace heard::synctest;

namespace {

bool exists(const std::string& path) {
    return std::filesystem::exists(path);
}

bool allZero(const std::string& path) {
    const std::string bytes = readFile(path);
    return !bytes.empty() && std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\0'; });
}

// Device-command questions the server answered with this command.
std::size_t commandQuestions(const ServerHarness& harness, const std::string& command) {
    std::size_t n = 0;
    for (const auto& line : harness.logLines())
        n += line.find("\"event\":\"device_command\"") != std::string::npos &&
                     line.find("\"command\":\"" + command + "\"") != std::string::npos
                 ? 1
                 : 0;
    return n;
}

} // namespace

TEST_CASE("an administrator's wipe reaches a locked tablet, which destroys its key and then its files") {
    TempDir dir;
    auto serverStore = server::openSqliteServerStore(dir.file("server.db"));
    seedOrganisation(*serverStore);
    const TestCert orgCa = makeCert(dir.path(), "org-ca");
    const TestCert serverCert = makeCertSignedBy(dir.path(), "server", orgCa);
    ServerHarness harness(*serverStore, serverCert);

    auto window = test::headlessWindow(1280, 800);
    ui::AppOptions options;
    options.dataDir = dir.file("device");
    options.fastKeyDerivationForTests = true;
    options.watchNetwork = false;
    options.orgConfig = orgConfigFor(orgCa, harness.port());
    options.lockedPollSeconds = 1;
    ui::App app(*window, options);
    platform::TestDriver driver(*window, [&app] { app.runOneFrame(); });
    app.createStore("Ada Testperson", "Family Court Adviser", kDevicePassphrase);
    app.syncControl().enrolForm.username = kPractitioner;
    app.syncControl().enrolForm.password = kPassword;
    app.enrol();
    REQUIRE(test::framesUntil(driver, [&] { return app.enrolled() && !app.syncControl().enrolForm.busy; }));
    signVisit(*app.store(), "case-a1", "child-a1");
    const std::string deviceId = app.store()->setting(sync::setting::kDeviceId).value_or("");
    const std::string deviceSecret = app.store()->setting(sync::setting::kDeviceSecret).value_or("");
    REQUIRE(!deviceId.empty());

    // The command credential: outside the store, 0600, and nothing in it about any child, nor
    // the device secret itself.
    const std::string credentialPath = sync::deviceCredentialPath(options.dataDir);
    struct stat info {};
    REQUIRE(::stat(credentialPath.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    const std::string credentialText = readFile(credentialPath);
    CHECK(credentialText.find(deviceId) != std::string::npos);
    CHECK(credentialText.find(deviceSecret) == std::string::npos);
    for (const char* secret :
         {"Pip Invented", "TEST/001", "child-a1", "case-a1", kPassword, kDevicePassphrase})
        CHECK_MESSAGE(credentialText.find(secret) == std::string::npos, secret);
    // It cannot pull (or push): the server wants the secret, which only the store holds.
    const auto credential = sync::loadDeviceCommandCredential(options.dataDir);
    REQUIRE(credential.has_value());
    {
        sync::HttpsChannel channel(sync::endpointFor(*options.orgConfig));
        auto pulled = channel.post(sync::kPathPull, sync::toJson(sync::PullRequest{}).dump(),
                                   credential->deviceId + ":" + credential->token);
        REQUIRE(pulled.transportOk);
        CHECK(pulled.status == 401);
    }

    // Locked: the lock screen asks (and keeps drawing), the answer is "none" for now.
    app.lock();
    REQUIRE(test::framesUntil(driver, [&] { return commandQuestions(harness, "none") >= 1; }));
    CHECK(app.syncControl().lockedPolling());
    CHECK_FALSE(app.unlocked());
    CHECK(exists(storage::Store::keyFilePath(options.dataDir)));

    // The administrator wipes it; the still-locked tablet hears it at its next question.
    std::istringstream in;
    std::ostringstream out, err;
    REQUIRE(server::runAdminCommand({"wipe-device", deviceId}, *serverStore, in, out, err) == 0);
    REQUIRE(test::framesUntil(
        driver, [&] { return !exists(storage::Store::keyFilePath(options.dataDir)); },
        std::chrono::seconds(30)));
    driver.frames(2);
    CHECK_FALSE(app.unlocked());
    CHECK(commandQuestions(harness, "wipe") >= 1);
    for (const char* name :
         {"heard.db", "heard.db-wal", "heard.db-shm", "heard.keys", "heard.keys.tmp", "heard.device"})
        CHECK_MESSAGE(!exists(options.dataDir + "/" + name), name);
    CHECK(app.notice.text.find("wiped") != std::string::npos);
    CHECK_FALSE(app.storeExists());
    CHECK_FALSE(app.syncControl().lockedPolling()); // nothing left to poll with
    CHECK_THROWS(storage::Store::unlock(options.dataDir, kDevicePassphrase));
}

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
