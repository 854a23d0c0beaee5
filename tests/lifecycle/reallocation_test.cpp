// lifecycle.reallocation (issue 20, item 1): the real app, headless, signed in to a real
// heard-server (tests/safety/safety_world.h), holds a case the central system reallocates.
// The old tablet sends everything of the case first (an unsynced signed visit, and a visit in
// progress when the reallocation arrives, finished and signed after it), then removes the case:
// no decrypted page of its store file holds the child's name afterwards (tests/lifecycle/
// page_scan.h says why the pages are decrypted). The new practitioner's tablet (the real store
// and sync client) receives the case with its history. A record begun after the reallocation is
// refused by the server, and the old tablet says why and keeps the case and the record.
#include "tests/lifecycle/page_scan.h"
#include "tests/safety/safety_world.h"
#include "tests/support/headless_window.h"

#include "server/admin.h"
#include "storage/record_kinds.h"
#include "sync/sync_client.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <thread>

using namespace heard;

namespace {

constexpr const char* kChildName = "Wren Quillfeather"; // fictional, and in no other test

struct Life {
    safetytest::SafetyWorld w;
    synctest::TempDir newTabletDir;
    std::unique_ptr<storage::Store> newTablet;
    std::unique_ptr<sync::SyncClient> newClient;

    Life() {
        newTablet = synctest::makeDeviceStore(newTabletDir.file("device"));
        newClient = std::make_unique<sync::SyncClient>(*newTablet, w.harness->endpoint());
        REQUIRE(newClient->enrol(synctest::kOtherPractitioner, synctest::kPassword, "tablet of Bo").ok());
    }
    int admin(const std::vector<std::string>& args) {
        std::istringstream in;
        std::ostringstream out, err;
        const int code = server::runAdminCommand(args, *w.serverStore, in, out, err);
        INFO(err.str());
        return code;
    }
    std::set<std::string> receivedIds() {
        auto ids = w.receivedRecordOrder();
        return {ids.begin(), ids.end()};
    }
    std::string dataDir() { return w.dir.file("device"); }
    // The app syncs and draws frames until done() (60 s at most).
    bool syncUntil(const std::function<bool()>& done) {
        w.app->syncNow();
        return test::framesUntil(*w.driver, done, std::chrono::seconds(60));
    }
    bool pendingRemoval(const std::string& caseId) {
        return w.store().setting(sync::setting::kPendingRemovals).value_or("").find(caseId) !=
               std::string::npos;
    }
};

} // namespace

TEST_CASE("a reallocated case reaches the server whole, leaves the old tablet scrubbed, and arrives with "
          "its history") {
    Life life;
    auto& w = life.w;
    REQUIRE(life.admin({"allocate", "case-r1", "TEST/900", "child-r1", kChildName, "2015-05-05",
                        synctest::kPractitioner}) == 0);
    REQUIRE(life.syncUntil([&] { return w.store().childById("child-r1").has_value(); }));

    // Earlier: a visit signed and synced (the case's history at the server).
    const std::string early = synctest::signVisit(w.store(), "case-r1", "child-r1", false,
                                                  std::string(kChildName) + " built a tower");
    w.syncUntilEmpty();
    // Now: a visit begun through the app (it is in progress when the reallocation arrives) ...
    const std::string inProgress = w.startVisit("child-r1");
    // ... and, out of signal, another visit signed: it waits in the outbox.
    w.serverDown();
    const std::string unsynced = synctest::signVisit(w.store(), "case-r1", "child-r1", false,
                                                     std::string(kChildName) + " drew her house");
    CHECK(w.store().caseRemovalBlock("case-r1").unsynced > 0);

    // The central system reallocates the case to Bo.
    REQUIRE(life.admin({"reallocate", "case-r1", synctest::kOtherPractitioner}) == 0);
    CHECK(w.serverStore->caseOwner("case-r1") == std::optional<std::string>(synctest::kOtherPractitioner));
    w.serverUp();

    // The control for the page scan: before, the decrypted pages hold the name (so the scan can
    // see it), while the files as stored do not (they are encrypted).
    const auto before = lifetest::scanStoreForText(life.dataDir(), synctest::kDevicePassphrase, kChildName);
    CHECK(before.decryptedSqliteHeader);
    CHECK(before.pagesWithText + before.walFramesWithText > 0);
    CHECK_FALSE(before.rawFileHasText);

    // The next sync pushes first: the unsynced visit reaches the server. Then the removal arrives
    // and waits, because a visit of the case is still being written.
    REQUIRE(
        life.syncUntil([&] { return life.receivedIds().count(unsynced) && life.pendingRemoval("case-r1"); }));
    CHECK(life.receivedIds().count(early));
    w.driver->frames(2);
    CHECK(w.store().caseById("case-r1").has_value());
    const auto& leaving = w.app->caseLifeOfCurrentChild();
    CHECK(leaving.leaving);
    CHECK(leaving.block.drafts == 1);
    // The child's page says so plainly; the visit is continued from there and signed.
    w.app->show(ui::ScreenId::Child);
    w.driver->frames(2);
    CHECK(w.driver->has("child.case_leaving"));
    w.window->queueScreenshot(std::string(HEARD_TEST_BINARY_DIR) + "/case_leaving.png");
    w.driver->frames(2);
    w.driver->tap("child.continue_visit");
    w.driver->frames(2);
    REQUIRE(w.app->editors().visit.draft.recordId == inProgress);
    w.signVisit();

    // Signed after the reallocation but begun before it: the server takes it, then the case goes.
    REQUIRE(life.syncUntil([&] { return !w.store().caseById("case-r1").has_value(); }));
    CHECK(life.receivedIds().count(inProgress));
    w.driver->frames(2);
    CHECK(w.app->notice.text.find("taken off this tablet") != std::string::npos);
    for (const auto& row : w.app->caseload())
        CHECK(row.childId != "child-r1");
    CHECK_FALSE(w.store().childById("child-r1").has_value());
    for (const auto& id : {early, inProgress, unsynced})
        CHECK_FALSE(w.store().recordById(id).has_value());
    CHECK(w.store().childById("child-a1").has_value()); // the other cases stay
    CHECK(w.store().verifyCase("case-a1").ok);
    // Audited without content; the audit entry reaches the server too.
    bool audited = false;
    for (const auto& e : w.store().auditLog())
        if (e.action == "remove_case" && e.target == "case-r1") {
            audited = true;
            CHECK(e.detail.find(kChildName) == std::string::npos);
        }
    CHECK(audited);
    w.syncUntilEmpty();
    bool auditAtServer = false;
    for (const auto& e : w.serverStore->receivedSince(0, 100000))
        if (e.itemType == "audit" && e.body.find("remove_case") != std::string::npos) auditAtServer = true;
    CHECK(auditAtServer);

    // No page of the store file, decrypted, holds the child's name, nor does its WAL; another
    // child's name is still found (the scan sees live rows).
    const auto after = lifetest::scanStoreForText(life.dataDir(), synctest::kDevicePassphrase, kChildName);
    CHECK(after.decryptedSqliteHeader);
    CHECK(after.pages > 0);
    CHECK(after.pagesWithText == 0);
    CHECK(after.walFramesWithText == 0);
    CHECK_FALSE(after.rawFileHasText);
    const auto other =
        lifetest::scanStoreForText(life.dataDir(), synctest::kDevicePassphrase, "Pip Invented 1");
    CHECK(other.pagesWithText + other.walFramesWithText > 0);

    // The store still opens after locking: its chain summary left with the case.
    w.app->lock();
    w.app->finishClosing(); // the closer thread may still hold the file (it did, 1 run in 3)
    {
        auto reopened = storage::Store::unlock(life.dataDir(), synctest::kDevicePassphrase);
        CHECK(reopened->checkIntegrity().ok);
        CHECK_FALSE(reopened->caseById("case-r1").has_value());
    }

    // Bo's tablet receives the case and its whole history, read-only, marked as received.
    REQUIRE(life.newClient->pull().ok());
    CHECK(life.newTablet->caseById("case-r1").has_value());
    const auto records = life.newTablet->recordsForChild("child-r1");
    std::set<std::string> ids;
    for (const auto& r : records) {
        ids.insert(r.id);
        CHECK(r.received);
        CHECK((r.status == storage::RecordStatus::Signed));
    }
    CHECK(ids == std::set<std::string>{early, inProgress, unsynced});
    // Bo writes on from there; the server takes it from Bo's tablet.
    storage::NewRecord draft;
    draft.caseId = "case-r1";
    draft.childId = "child-r1";
    draft.kind = storage::kinds::kVisit;
    draft.author = synctest::kOtherPractitioner;
    draft.payload = {{"whatHappened", "Bo's first visit"}};
    const std::string next = life.newTablet->createDraft(draft).id;
    life.newTablet->sign(next, synctest::kOtherPractitioner);
    REQUIRE(life.newClient->push().ok());
    CHECK(life.receivedIds().count(next));
    CHECK(life.newTablet->outboxPendingCount() == 0);
    CHECK(life.newTablet->outboxQuarantined().empty());
}

TEST_CASE(
    "a record begun after the reallocation is refused at the server; the tablet says why and keeps it") {
    Life life;
    auto& w = life.w;
    REQUIRE(life.admin({"allocate", "case-r2", "TEST/901", "child-r2", kChildName, "2015-05-05",
                        synctest::kPractitioner}) == 0);
    REQUIRE(life.syncUntil([&] { return w.store().childById("child-r2").has_value(); }));
    w.serverDown();
    REQUIRE(life.admin({"reallocate", "case-r2", synctest::kOtherPractitioner}) == 0);
    // Begun after the reallocation (the server compares whole seconds).
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    const std::string late = synctest::signVisit(w.store(), "case-r2", "child-r2", false, "begun too late");
    w.serverUp();

    REQUIRE(life.syncUntil(
        [&] { return !w.store().outboxQuarantined().empty() && life.pendingRemoval("case-r2"); }));
    const auto quarantined = w.store().outboxQuarantined();
    bool refusedWithReason = false;
    for (const auto& q : quarantined)
        if (q.itemId == late && q.quarantineReason.find("case_reallocated") != std::string::npos)
            refusedWithReason = true;
    CHECK(refusedWithReason);
    CHECK_FALSE(life.receivedIds().count(late));
    // Nothing is dropped: the case and the record stay, and the child's page says why.
    CHECK(w.store().recordById(late).has_value());
    CHECK(w.store().caseById("case-r2").has_value());
    w.app->openChild("child-r2");
    w.driver->frames(2);
    CHECK(w.driver->has("child.case_refused"));
    CHECK(w.driver->has("child.case_leaving"));
    CHECK(w.app->caseLifeOfCurrentChild().refusedReallocated == 1);
    w.window->queueScreenshot(std::string(HEARD_TEST_BINARY_DIR) + "/case_refused.png");
    w.driver->frames(2);
    CHECK(w.window->lastScreenshotOk());
    // Bo's tablet never sees the refused record.
    REQUIRE(life.newClient->pull().ok());
    for (const auto& r : life.newTablet->recordsForChild("child-r2"))
        CHECK(r.id != late);
}
