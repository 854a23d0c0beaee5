// oversight.app: the manager's word on the real App, headless. The tablet (the real app signed in
// to a real heard-server) signs a safety alert and syncs; a manager of the practitioner's team
// writes a decision on it at the server (the console's own code: server/console/oversight.h);
// the app's next sync brings it to the child's page, listed and marked as the manager's, and it
// opens read-only. Screenshots: build/tests/oversight/app_child_page.png, app_manager_note.png.
#include "tests/safety/safety_world.h"
#include "tests/support/headless_window.h"

#include "server/admin.h"
#include "server/console/oversight.h"
#include "server/console/people.h"
#include "storage/record_kinds.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace heard;

TEST_CASE("a manager's decision reaches the child's page on the tablet, marked as the manager's") {
    safetytest::SafetyWorld w;
    auto admin = [&](const std::vector<std::string>& args, const std::string& input = "") {
        std::istringstream in(input);
        std::ostringstream out, err;
        return server::runAdminCommand(args, *w.serverStore, in, out, err);
    };
    REQUIRE(admin({"create-team", "team-a", "Team A (fictional)"}) == 0);
    REQUIRE(admin({"assign", synctest::kPractitioner, "team-a", "practitioner"}) == 0);
    REQUIRE(admin({"create-account", "mgr-a", "manager", "Morgan Madeup"}, "manager password A1\n") == 0);
    REQUIRE(admin({"assign", "mgr-a", "team-a"}) == 0);

    storage::NewRecord draft;
    draft.caseId = "case-a1";
    draft.childId = "child-a1";
    draft.kind = storage::kinds::kSafetyAlert;
    draft.author = synctest::kPractitioner;
    draft.highRisk = true;
    draft.payload = {{"child_words", "I want to stay with Nan (fictional)"},
                     {"disclosed_at", base::nowIsoUtc()}};
    const std::string alert = w.store().createDraft(draft).id;
    w.store().sign(alert, synctest::kPractitioner);
    w.syncUntilEmpty();

    const auto signer = server::console::NoteSigner::loadOrCreate(*w.serverStore);
    w.serverStore->transact([&](server::SqlSession& sql) {
        server::console::indexNewRecords(*w.serverStore, sql, {});
        auto manager = server::console::findAccount(sql, "mgr-a");
        REQUIRE(manager);
        auto record = server::console::findRecordInScope(sql, *manager, alert);
        REQUIRE(record);
        CHECK(server::console::writeNote(*w.serverStore, sql, *signer, *manager, *record,
                                         "fedcba9876543210fedcba9876543210", "discuss_in_supervision",
                                         "Let us talk this through on Friday (fictional).",
                                         base::nowIsoUtc().substr(0, 10)) == "");
    });

    w.driver->tap("caseload.child.child-a1");
    w.driver->frames(2);
    CHECK_FALSE(w.driver->has("child.record.manager_note"));
    w.app->syncNow();
    REQUIRE(test::framesUntil(
        *w.driver, [&] { return w.driver->has("child.record.manager_note"); }, std::chrono::seconds(30)));
    w.window->queueScreenshot(std::string(HEARD_TEST_BINARY_DIR) + "/app_child_page.png");
    w.driver->frames(2);
    CHECK(w.window->lastScreenshotOk());
    w.driver->tap("child.record.manager_note");
    w.driver->frames(2);
    const auto opened = w.store().recordById(w.app->recordId());
    REQUIRE(opened);
    CHECK(opened->kind == std::string(storage::kinds::kManagerNote));
    CHECK(opened->author == "Morgan Madeup");
    CHECK_FALSE(w.driver->has("record.add_addendum")); // read-only: a manager's note takes no addendum
    w.window->queueScreenshot(std::string(HEARD_TEST_BINARY_DIR) + "/app_manager_note.png");
    w.driver->frames(2);
    CHECK(w.window->lastScreenshotOk());
    CHECK(w.store().verifyCase("case-a1").ok);
}
