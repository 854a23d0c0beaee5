// lifecycle.secured (issue 20, item 2): the real app, headless, signed in to a real heard-server.
// The central system secures a case for a review; the tablet receives it on its next sync; the
// child's page and the record say so plainly and offer nothing to add (the store refuses an
// addendum too); the server refuses an addendum signed after the securing, with its reason.
#include "tests/safety/safety_world.h"
#include "tests/support/headless_window.h"

#include "server/admin.h"
#include "storage/record_kinds.h"
#include "sync/sync_client.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace heard;

TEST_CASE("a secured case refuses an addendum on the tablet and at the server") {
    safetytest::SafetyWorld w;
    const std::string visit = synctest::signVisit(w.store(), "case-a1", "child-a1", false, "before securing");
    w.syncUntilEmpty();

    std::istringstream in;
    std::ostringstream out, err;
    REQUIRE(server::runAdminCommand({"secure-case", "case-a1", "Morgan Manager"}, *w.serverStore, in, out,
                                    err) == 0);
    w.app->syncNow();
    REQUIRE(test::framesUntil(
        *w.driver, [&] { return w.store().caseById("case-a1")->secured; }, std::chrono::seconds(60)));

    // The tablet says it plainly and offers nothing to add.
    w.app->openChild("child-a1");
    w.driver->frames(2);
    CHECK(w.driver->has("child.case_secured"));
    w.window->queueScreenshot(std::string(HEARD_TEST_BINARY_DIR) + "/secured_child.png");
    w.driver->frames(2);
    CHECK(w.window->lastScreenshotOk());
    w.driver->tap("child.record.visit");
    w.driver->frames(2);
    REQUIRE(w.app->recordId() == visit);
    CHECK(w.driver->has("record.secured"));
    CHECK_FALSE(w.driver->has("record.add_addendum"));
    w.window->queueScreenshot(std::string(HEARD_TEST_BINARY_DIR) + "/secured_record.png");
    w.driver->frames(2);
    CHECK(w.window->lastScreenshotOk());
    try {
        w.store().addAddendum(visit, synctest::kPractitionerName, {{"note", "after securing"}});
        FAIL("the store took an addendum to a secured case");
    } catch (const storage::StoreError& e) {
        CHECK((e.kind() == storage::StoreErrorKind::ReadOnlyRecord));
    }
    CHECK(w.store().verifyCase("case-a1").ok);

    // The server refuses an addendum signed after the securing, from this very tablet.
    const std::string auth =
        *w.store().setting(sync::setting::kDeviceId) + ":" + *w.store().setting(sync::setting::kDeviceSecret);
    const auto signedVisit = *w.store().recordById(visit);
    auto addendum = synctest::makeChain("case-a1", "child-a1", 1, synctest::kPractitioner,
                                        signedVisit.chainSeq + 1, signedVisit.hash);
    addendum[0].kind = storage::kinds::kAddendum;
    addendum[0].parentId = visit;
    addendum[0].createdAt = addendum[0].signedAt = "2999-01-01T09:00:00Z";
    addendum[0].hash = storage::recordHash(addendum[0]);
    auto response =
        synctest::pushEntries(w.harness->endpoint(), auth, {synctest::toPushEntry(addendum[0], 99)});
    REQUIRE(response.results.size() == 1);
    CHECK(response.results[0].status == sync::EntryStatus::Rejected);
    CHECK(response.results[0].reason == "case_secured");
}
