// arch.store_failure: a store that starts failing in the middle of a visit. Writes fail (the
// database turns read-only), then reads fail too (a table the screens read disappears). The app
// keeps running and drawing, the practitioner reads a notice, and every character typed stays
// in the editor; when the store recovers, the next save writes exactly what was typed.
#include "tests/workflow/workflow_harness.h"

#include "storage/database.h"

#include <chrono>

#include <doctest/doctest.h>

using namespace heard;

namespace {

void startVisit(test::WorkflowApp& w) {
    w.beginDemoVisit();
}

// The UI clock moves only when the test says, so a loaded machine's slow frames cannot save
// (or not save) at a moment the test did not choose.
struct HandClock {
    std::chrono::steady_clock::time_point ticks = std::chrono::steady_clock::now();
    HandClock() {
        ui::setUiClockForTests([this] { return ticks; });
    }
    ~HandClock() { ui::setUiClockForTests({}); }
};

// Frames after the autosave delay has passed, as a practitioner pausing would.
void pauseForAutosave(HandClock& clock, test::WorkflowApp& w) {
    clock.ticks += ui::kAutosaveDelay + std::chrono::milliseconds(100);
    w.driver->frames(2);
}

} // namespace

TEST_CASE("writes fail mid-visit: a notice, the app runs on, nothing typed is lost, the next save works") {
    HandClock clock;
    test::WorkflowApp w;
    startVisit(w);
    const std::string visitId = w.app->editors().visit.draft.recordId;
    w.store().databaseForTesting().exec("PRAGMA query_only = ON"); // every write now fails

    w.tapAndType("visit.outcomes", "typed while the store refuses every write");
    pauseForAutosave(clock, w);
    CHECK(w.app->notice.error);
    CHECK(w.app->notice.text.find(w.app->editors().visit.what()) != std::string::npos);
    CHECK(w.app->editors().visit.dirty()); // still waiting to be saved, not dropped
    CHECK(w.app->editors().visit.visit.writeUp["outcomes"] == "typed while the store refuses every write");
    CHECK((w.app->screen() == ui::ScreenId::Visit));

    // Back refuses nothing and loses nothing either: the save fails again, the text stays.
    w.tapAndType("visit.outcomes", " and more");
    w.app->saveDrafts();
    CHECK(w.app->editors().visit.dirty());

    w.store().databaseForTesting().exec("PRAGMA query_only = OFF");
    pauseForAutosave(clock, w);
    CHECK_FALSE(w.app->editors().visit.dirty());
    const auto stored = w.store().recordById(visitId);
    REQUIRE(stored);
    CHECK(stored->payload["write_up"]["outcomes"] == "typed while the store refuses every write and more");
}

TEST_CASE("reads fail while a screen draws: the frame barrier keeps the app alive and the draft intact") {
    test::WorkflowApp w;
    startVisit(w);
    w.tapAndType("visit.outcomes", "written before the store broke");
    // The visit screen reads the child every frame; without the table each read throws.
    w.store().databaseForTesting().exec("ALTER TABLE children RENAME TO children_gone");
    w.driver->frames(5);
    CHECK(w.app->notice.error);
    CHECK((w.app->screen() == ui::ScreenId::Visit));
    CHECK(w.app->editors().visit.visit.writeUp["outcomes"] == "written before the store broke");

    // An action that throws is caught the same way, after the frame.
    w.app->notice = {};
    w.app->postToMain([](ui::App& a) { a.openRecord("no-such-record"); });
    w.driver->frames(2);
    CHECK(w.app->notice.error);
    CHECK((w.app->screen() == ui::ScreenId::Visit));

    w.store().databaseForTesting().exec("ALTER TABLE children_gone RENAME TO children");
    w.app->notice = {};
    w.driver->frames(2);
    CHECK_FALSE(w.app->notice.error); // drawing works again
    CHECK(w.driver->has("visit.outcomes"));
    w.app->saveDrafts();
    const auto stored = w.store().recordById(w.app->editors().visit.draft.recordId);
    REQUIRE(stored);
    CHECK(stored->payload["write_up"]["outcomes"] == "written before the store broke");
}
