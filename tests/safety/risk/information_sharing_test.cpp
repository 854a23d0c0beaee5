// Information sharing by touch on the real app (issue 14 item 5, SF 3.62): a record without a
// basis is refused with the reason; with a basis (and its reason) it is saved and signed, listed
// on the child's page, and synced to a real heard-server on loopback.
#include "tests/sync/sync_test_support.h"

#include "app/ui/app.h"
#include "platform/test_driver.h"
#include "storage/record_kinds.h"
#include "tests/support/headless_window.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace heard;

TEST_CASE("information sharing: refused without a basis, then saved, listed and synced") {
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

    // Sign in once, as a practitioner does.
    driver.tap("caseload.sync_sign_in");
    driver.tap("sync.username");
    driver.typeText(synctest::kPractitioner);
    driver.tap("sync.password");
    driver.typeText(synctest::kPassword);
    driver.tap("sync.enrol");
    REQUIRE(test::framesUntil(driver, [&] { return app.enrolled() && !app.syncControl().enrolForm.busy; }));
    REQUIRE(test::framesUntil(driver, [&] { return app.caseload().size() >= 3; }));

    driver.tap("caseload.child.child-a1");
    driver.tap("child.sharing");
    REQUIRE((app.screen() == ui::ScreenId::InformationSharing));
    const std::string id = app.editors().sharing.draft.recordId;
    REQUIRE_FALSE(id.empty());
    CHECK(app.editors().sharing.sharing.basis.empty()); // no basis is chosen for the practitioner
    const auto type = [&](const char* tagName, const char* text) {
        driver.tap(tagName);
        driver.typeText(text);
    };
    type("sharing.what", "The dates of two police call-outs (fictional).");
    type("sharing.with_whom", "The school's safeguarding lead (fictional).");
    type("sharing.why", "So that handovers at school can be made safe.");
    type("sharing.decided_by", "Ada Testperson, after talking to the service manager");
    type("sharing.decided_when", "2020-01-06 09:30");
    type("sharing.signature_name", "Ada Testperson");
    const auto pad = driver.reveal("sharing.signature_pad");
    driver.drag(pad.x0 + 20, pad.centreY(), pad.x1 - 20, pad.y0 + 20);

    // No basis: refused, and the reason says what is missing.
    driver.tap("sharing.sign");
    driver.frames(3); // the refusal scrolls to its list: let the screen settle before the next tap
    CHECK((app.store()->recordById(id)->status == storage::RecordStatus::Draft));
    const auto& problems = app.editors().sharing.draft.signProblems.items;
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("The basis:") == 0);
    const auto pending = app.store()->outboxPending(1000);
    CHECK(std::none_of(pending.begin(), pending.end(),
                       [&](const storage::OutboxEntry& e) { return e.itemId == id; }));

    // Consent not sought needs its reason too.
    driver.tap("sharing.basis.consent_not_sought");
    driver.tap("sharing.sign");
    driver.frames(3); // the refusal scrolls to its list: let the screen settle before the next tap
    CHECK((app.store()->recordById(id)->status == storage::RecordStatus::Draft));
    REQUIRE(app.editors().sharing.draft.signProblems.items.size() == 1);
    CHECK(app.editors().sharing.draft.signProblems.items[0] == "Why, for the basis chosen");
    type("sharing.basis_reason",
         "Asking the father could put the child at risk of significant harm (fictional).");
    driver.tap("sharing.sign");
    const auto record = app.store()->recordById(id);
    REQUIRE(record);
    REQUIRE((record->status == storage::RecordStatus::Signed));
    CHECK(record->kind == storage::kinds::kInformationSharing);
    CHECK(record->payload["basis"] == "consent_not_sought");
    CHECK(record->payload["decided_at"] == "2020-01-06T09:30:00Z");
    CHECK(record->payload["with_whom"] == "The school's safeguarding lead (fictional).");

    // Listed on the child's page.
    app.back();
    driver.frames(2);
    REQUIRE((app.screen() == ui::ScreenId::Child));
    CHECK(driver.has("child.record.information_sharing"));

    // Synced: the server holds it once (its record verifier accepted the new kind).
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
        if (entry.itemId == id) ++copies;
    CHECK(copies == 1);
    CHECK(app.store()->outboxQuarantined().empty());
    app.lock(); // stops the sync thread before the store closes
}
