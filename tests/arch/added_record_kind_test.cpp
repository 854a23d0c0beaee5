// arch.added_record_kind: a record kind joins the app in one place. A throw-away kind is
// registered in the record kinds table with an editor added to the App's one editor list;
// with no other change, the child's page lists it under its name, openRecord opens it in its
// editor, the one autosave path saves it, and lock saves then clears it.
#include "tests/workflow/workflow_harness.h"

#include "app/ui/record_kinds.h"
#include "app/ui/record_text.h"

#include <chrono>
#include <thread>

#include <doctest/doctest.h>

using namespace heard;

namespace {

constexpr const char* kNoteKind = "test_note";

// The smallest editor a new kind needs: what it edits, how it saves, how it forgets.
class NoteEditor : public ui::RecordEditor {
public:
    std::string recordId, text;
    int saves = 0;
    const char* what() const override { return "the test note"; }

protected:
    void saveTo(storage::Store& store) override {
        store.saveDraft(recordId, {{"text", text}});
        ++saves;
    }
    void clearState() override {
        recordId.clear();
        text.clear();
    }
};

} // namespace

TEST_CASE("a new record kind: listed, opened, autosaved and cleared through the one list") {
    NoteEditor note; // outlives the App, which keeps a pointer to it
    test::WorkflowApp w;
    w.app->editors().set.add(note);
    ui::recordKinds().add(
        {kNoteKind, "Test note", true, [&note](ui::App& app, const storage::Record& record) {
             note.recordId = record.id;
             note.text = record.payload.value("text", "");
             app.show(ui::ScreenId::Record);
             return true;
         }});
    w.unlockDemo();
    const storage::Child child = *w.store().childById("child-demo-1");
    storage::NewRecord draft;
    draft.caseId = child.caseId;
    draft.childId = child.id;
    draft.kind = kNoteKind;
    draft.author = "Practitioner";
    draft.payload = {{"text", "first words"}};
    const std::string id = w.store().createDraft(draft).id;

    CHECK(std::string(ui::recordKindLabel(kNoteKind)) == "Test note");
    w.driver->tap("caseload.child.child-demo-1");
    REQUIRE(w.driver->has(std::string("child.record.") + kNoteKind)); // listed on the child's page
    w.driver->tap(std::string("child.record.") + kNoteKind);
    CHECK(note.recordId == id);
    CHECK(note.text == "first words");

    // Edited: saved by the App's one autosave path after the delay, with nothing else wired.
    note.text = "second words";
    note.markEdited();
    w.driver->frames(2);
    CHECK(note.saves == 0); // not yet: the delay has not passed
    std::this_thread::sleep_for(ui::kAutosaveDelay + std::chrono::milliseconds(100));
    w.driver->frames(2);
    CHECK(note.saves == 1);
    CHECK(w.store().recordById(id)->payload["text"] == "second words");

    // Lock saves what is pending, then clears the editor through the same list.
    note.text = "third words";
    note.markEdited();
    w.app->lock();
    CHECK(note.saves == 2);
    CHECK(note.text.empty());
    CHECK(note.recordId.empty());
    w.driver->frames(2);
    w.unlockDemo();
    CHECK(w.store().recordById(id)->payload["text"] == "third words");
}
