// Issue 18.5, for the practitioner, on the real app by touch: each activity's guidance is shown
// before the tablet is handed over (and never in child mode); after hand-back the practitioner's
// interpretation is written, autosaved, kept through lock and unlock and never mixed with the
// child's words; a drawing gets the child's own account of it, stored as the child's words; and
// Next on a drawing step says what it waits for.
#include "child_harness.h"

#include "app/i18n/i18n.h"
#include "app/model/demo_caseload.h"
#include "app/tools/framework/model/activity_result.h"
#include "storage/record_kinds.h"
#include "tests/support/drawn_text.h"

#include <doctest/doctest.h>
#include <algorithm>
#include <imgui.h>

using namespace heard;

namespace {

// What the last frame drew, without spaces (drawnCharacters draws none).
std::string drawn() {
    return test::drawnCharacters(ImGui::GetDrawData());
}

std::string squeezed(std::string text) {
    text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
    return text;
}

bool shows(const std::string& text) {
    return drawn().find(squeezed(text)) != std::string::npos;
}

void beginVisitByTouch(test::WorkflowApp& w) {
    w.driver->tap("caseload.child.child-demo-1");
    w.driver->tap("child.start_visit");
    w.driver->tap("visit.confidentiality");
    w.driver->tap("visit.begin");
    REQUIRE((w.app->screen() == ui::ScreenId::Visit));
}

void handBackWithPassphrase(test::WorkflowApp& w) {
    REQUIRE(w.app->editors().childMode.askingToLeave);
    w.tapAndType("childmode.passphrase", model::kDemoPassphrase);
    w.driver->tap("childmode.leave");
    w.settleChildModeCheck();
    REQUIRE((w.app->screen() == ui::ScreenId::Visit));
}

const tools::ActivityContent& content(test::WorkflowApp& w, const std::string& id) {
    const tools::ActivityContent* found = w.app->activityLibrary().find(id);
    REQUIRE(found);
    return *found;
}

std::vector<storage::Record> activitiesOf(test::WorkflowApp& w, const std::string& visitId) {
    std::vector<storage::Record> out;
    for (const auto& r : w.store().recordsForChild("child-demo-1"))
        if (r.kind == storage::kinds::kActivity && r.parentId == visitId) out.push_back(r);
    return out;
}

tools::ActivityResult resultOf(const storage::Record& record) {
    tools::ActivityResult result;
    std::string error;
    REQUIRE_MESSAGE(tools::resultFromJson(record.payload, result, error), error);
    return result;
}

// The drawing activity by touch: a stroke on the canvas, then the child's account typed by the
// practitioner as the child says it, then "All done".
void drawAndTell(test::WorkflowApp& w, const std::string& account) {
    REQUIRE((w.app->screen() == ui::ScreenId::ChildMode));
    w.driver->dragTag("canvas", 120, 60);
    w.driver->tap("activity.next");
    REQUIRE(w.driver->has("activity.about")); // the picture is there while the child tells about it
    w.driver->tap("words.dictated");
    w.tapAndType("words.input", account);
    w.driver->tap("activity.next");
    REQUIRE(w.driver->has("activity.end"));
    w.driver->tap("activity.done");
    w.driver->frames(2);
}

} // namespace

TEST_CASE("each activity's guidance is shown before the tablet is handed over, never to the child") {
    test::WorkflowApp w(0, 1280, 4200);
    w.unlockDemo();
    beginVisitByTouch(w);
    for (const char* id : {"drawing", "words_for_judge", "three_wishes"}) {
        CAPTURE(id);
        const std::string guidance = _(content(w, id).guidance.c_str());
        REQUIRE_FALSE(guidance.empty());
        w.driver->tap(std::string("visit.activity.") + id);
        // Not in the child's hands yet: the practitioner reads the guidance first.
        CHECK((w.app->screen() == ui::ScreenId::HandOver));
        CHECK(w.driver->has("handover.guidance"));
        CHECK(shows(guidance.substr(0, 60)));
        CHECK(shows(_(content(w, id).steps.front().prompt.c_str())));
        // Back: still the visit, nothing started.
        w.app->back();
        w.driver->frames(2);
        CHECK((w.app->screen() == ui::ScreenId::Visit));
        CHECK(activitiesOf(w, w.app->editors().visit.draft.recordId).empty());
    }
    // In the practitioner's language: Welsh guidance for a Welsh-speaking practitioner.
    i18n::setLanguage("cy");
    w.driver->tap("visit.activity.drawing");
    const std::string welsh = i18n::tr(content(w, "drawing").guidance);
    CHECK(welsh != content(w, "drawing").guidance);
    CHECK(shows(welsh.substr(0, 60)));
    i18n::setLanguage("en");
    w.driver->frames(2);
    // Handed over from there: child mode, and no word of the guidance on the child's screen.
    w.driver->tap("handover.start");
    CHECK((w.app->screen() == ui::ScreenId::ChildMode));
    CHECK_FALSE(w.driver->has("handover.guidance"));
    CHECK_FALSE(shows(content(w, "drawing").guidance.substr(0, 40)));
}

TEST_CASE("a drawing step's Next says to draw, not to choose; the child's account is the child's words") {
    test::WorkflowApp w(0, 1280, 900);
    w.unlockDemo();
    test::beginChildMode(w, "child-demo-1", "drawing");
    REQUIRE(w.driver->has("canvas"));
    REQUIRE(w.driver->has("activity.next.why"));
    CHECK(shows("Draw something first, or Skip."));
    CHECK_FALSE(shows("Choose an answer first"));
    // In the child's language.
    w.driver->tap("activity.lang.cy");
    {
        const i18n::ScopedLanguage welsh("cy");
        CHECK(shows(i18n::tr("Draw something first, or Skip.")));
        CHECK(i18n::tr("Draw something first, or Skip.") != std::string("Draw something first, or Skip."));
    }
    w.driver->tap("activity.lang.en");
    // Drawing answers the step: the reason goes and Next moves on.
    w.driver->dragTag("canvas", 150, 40);
    CHECK_FALSE(w.driver->has("activity.next.why"));
    w.driver->tap("activity.next");
    // The account: a words step that says so when it waits, with the picture above it.
    REQUIRE(w.driver->has("activity.about"));
    CHECK(shows("Write something first, or Skip."));
    w.driver->tap("words.dictated");
    const std::string account = "It's me and Nan at the beach  (fictional)";
    w.tapAndType("words.input", account);
    w.driver->tap("activity.next");
    w.driver->tap("activity.done");
    w.driver->frames(2);

    auto& mode = w.app->editors().childMode;
    mode.session->save();
    const auto record = w.store().recordById(mode.session->recorder->recordId());
    REQUIRE(record);
    const tools::ActivityResult result = resultOf(*record);
    const tools::Answer* picture = result.givenAnswer("picture");
    const tools::Answer* about = result.givenAnswer("about");
    REQUIRE(picture);
    REQUIRE(about);
    CHECK_FALSE(picture->strokes.empty());
    // The child's words, exactly (two spaces kept), typed by the practitioner as said.
    CHECK(about->words == account);
    CHECK(about->dictated);
    CHECK(result.interpretation.empty()); // nothing of it went to the practitioner's side
    const auto& answered = record->payload["child"]["answers"][1]["answered_with"];
    CHECK(answered.dump().find("own_words_typed_by_practitioner") != std::string::npos);
    CHECK(record->payload["practitioner"].dump().find("Nan") == std::string::npos);
    // Read back to the child with the rest of what they said.
    CHECK(w.driver->has("childmode.thanks"));
}

TEST_CASE(
    "after hand-back the interpretation is written, autosaved, kept through lock, apart from the child") {
    test::WorkflowApp w(0, 1280, 4200);
    w.unlockDemo();
    beginVisitByTouch(w);
    const std::string visitId = w.app->editors().visit.draft.recordId;
    w.driver->tap("visit.activity.drawing");
    w.driver->tap("handover.start");
    const std::string account = "A dog called Pip who lives at Dad's (fictional)";
    drawAndTell(w, account);
    handBackWithPassphrase(w);

    // The activity just handed back is open at the practitioner's interpretation.
    REQUIRE(w.driver->has("activity.interpretation.drawing"));
    CHECK_FALSE(shows("None written yet."));
    const std::string reading = "Relaxed while drawing; spoke warmly of the dog (practitioner's reading).";
    w.tapAndType("activity.interpretation.drawing", reading);
    CHECK(w.app->editors().interpretation.dirty()); // waiting for the one autosave path

    // Lock saves it; unlocking finds it in the store, in the practitioner's object only.
    w.app->lock();
    w.driver->frames(2);
    CHECK_FALSE(w.app->editors().interpretation.dirty());
    w.unlockDemo();
    const auto activities = activitiesOf(w, visitId);
    REQUIRE(activities.size() == 1);
    const storage::Record& record = activities.front();
    CHECK((record.status == storage::RecordStatus::Draft));
    CHECK(record.payload["practitioner"]["interpretation"] == reading);
    const std::string childSide = record.payload["child"].dump();
    CHECK(childSide.find("Relaxed while drawing") == std::string::npos);
    CHECK(record.payload["practitioner"].dump().find("Pip") == std::string::npos);
    const tools::ActivityResult result = resultOf(record);
    REQUIRE(result.givenAnswer("about"));
    CHECK(result.givenAnswer("about")->words == account); // the child's words untouched by the save
    CHECK(result.interpretation == reading);

    // Back in the visit it reads as it was written, and can be changed (still a draft).
    w.driver->tap("caseload.child.child-demo-1");
    w.app->openRecord(visitId);
    w.driver->frames(2);
    REQUIRE((w.app->screen() == ui::ScreenId::Visit));
    // Open it, unless the header is still open from before the lock (ImGui keeps that).
    w.driver->frames(1);
    if (!w.driver->has("activity.interpretation.drawing")) w.driver->tap("visit.activity_record.drawing");
    REQUIRE(w.driver->has("activity.interpretation.drawing"));
    CHECK(shows(reading));
    w.driver->tap("activity.interpretation.drawing");
    w.driver->pressKey(SDLK_END, KMOD_CTRL); // the tap put the caret where the finger was
    w.driver->typeText(" Ask about Dad's next time.");
    w.app->lock();
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-1");
    const auto again = w.store().recordById(record.id);
    REQUIRE(again);
    CHECK(again->payload["practitioner"]["interpretation"] == reading + " Ask about Dad's next time.");
    CHECK(resultOf(*again).givenAnswer("about")->words == account);

    // The record view shows the two apart: the child's words under the child's answers, the
    // interpretation under its own heading below them.
    w.app->openRecord(record.id);
    w.driver->frames(2);
    REQUIRE(w.driver->has("activity.interpretation.heading"));
    CHECK(shows(account));
    CHECK(shows(reading));
    const std::string all = drawn();
    const size_t heading = all.find(squeezed(_("Practitioner's interpretation")));
    REQUIRE(heading != std::string::npos);
    CHECK(all.find(squeezed(account)) < heading);
    CHECK(all.find(squeezed(reading)) > heading);
}
