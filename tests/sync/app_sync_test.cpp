// Sync inside the real app, headless: the practitioner signs in once through the Central
// system screen (enrolment over loopback TLS), allocations arrive on the caseload, a signed
// record goes to heard-server from "Sync now", and the UI never waits on the network.
#include "sync_test_support.h"

#include "app/ui/app.h"
#include "platform/test_driver.h"
#include "tests/support/headless_window.h"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

using namespace heard;

TEST_CASE("sign in from the app, see allocations, sign a record, Sync now: the server holds it once") {
    synctest::TempDir dir;
    auto serverStore = server::openSqliteServerStore(dir.file("server.db"));
    synctest::seedOrganisation(*serverStore);
    const synctest::TestCert cert = synctest::makeCert(dir.path(), "server");
    synctest::ServerHarness harness(*serverStore, cert);

    auto window = test::headlessWindow(1280, 1600);
    ui::AppOptions options;
    options.dataDir = dir.file("device");
    options.fastKeyDerivationForTests = true;
    options.orgConfig = synctest::orgConfigFor(cert, harness.port());
    options.watchNetwork = false;
    ui::App app(*window, options);
    platform::TestDriver driver(*window, [&app] { app.runOneFrame(); });
    app.createStore("Ada Testperson", "Family Court Adviser", synctest::kDevicePassphrase);
    driver.frames(2);
    CHECK(driver.has("caseload.sync_sign_in"));

    // A wrong password: a clear error, still not enrolled, and the UI kept drawing meanwhile.
    driver.tap("caseload.sync_sign_in");
    REQUIRE((app.screen() == ui::ScreenId::Sync));
    driver.tap("sync.username");
    driver.typeText(synctest::kPractitioner);
    driver.tap("sync.password");
    driver.typeText("not the password");
    const uint64_t framesBefore = window->framesPresented();
    driver.tap("sync.enrol");
    REQUIRE(test::framesUntil(driver, [&] { return !app.syncControl().enrolForm.busy; }));
    CHECK(window->framesPresented() > framesBefore);
    CHECK_FALSE(app.enrolled());
    CHECK(driver.has("sync.error"));

    driver.tap("sync.password");
    driver.typeText(synctest::kPassword);
    driver.tap("sync.enrol");
    REQUIRE(test::framesUntil(driver, [&] { return app.enrolled() && !app.syncControl().enrolForm.busy; }));
    CHECK((app.screen() == ui::ScreenId::Caseload));
    REQUIRE(test::framesUntil(driver, [&] { return app.caseload().size() >= 3; }));
    CHECK(driver.has("caseload.child.child-a1"));
    CHECK(app.author() == synctest::kPractitioner);

    // A signed record, then "Sync now": the server holds it exactly once; the outbox empties.
    driver.tap("caseload.child.child-a1");
    driver.tap("child.not_seen");
    driver.tap("not_seen.reason");
    driver.typeText("The family was not at home (fictional).");
    driver.tap("not_seen.next");
    driver.typeText("Try again on Thursday.");
    driver.tap("not_seen.signature_name");
    driver.typeText("Ada Testperson");
    const auto pad = driver.rect("not_seen.signature_pad");
    driver.drag(pad.x0 + 20, pad.centreY(), pad.x1 - 20, pad.y0 + 20);
    driver.tap("not_seen.sign");
    const std::string recordId = app.recordId();
    REQUIRE((app.store()->recordById(recordId)->status == storage::RecordStatus::Signed));
    app.show(ui::ScreenId::Caseload);
    driver.frames(2);
    driver.tap("caseload.sync_now");
    REQUIRE(test::framesUntil(driver, [&] {
        const auto status = app.syncStatus();
        return status && status->state == sync::SyncState::Idle && !status->lastSuccess.empty() &&
               app.store()->outboxPendingCount() == 0;
    }));
    size_t copies = 0;
    for (const auto& entry : serverStore->receivedSince(0, 10000))
        if (entry.itemId == recordId) ++copies;
    CHECK(copies == 1);
    // A second Sync now sends nothing again.
    driver.tap("caseload.sync_now");
    REQUIRE(test::framesUntil(driver, [&] { return app.syncStatus()->state == sync::SyncState::Idle; }));
    copies = 0;
    for (const auto& entry : serverStore->receivedSince(0, 10000))
        if (entry.itemId == recordId) ++copies;
    CHECK(copies == 1);
    app.lock(); // stops the sync thread before the store closes
}
