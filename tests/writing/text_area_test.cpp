// Issue 13.1 on the real app, by touch and keys through the test driver: a 2,000-character
// note with Welsh letters and an emoji is typed into a visit's write-up, wraps (no line wider
// than the field, from the layout the widget drew), is edited in the middle of a wrapped line
// by a tap, a selection is cut and pasted and the paste undone; the note is saved, reopened
// and signed, and the stored text is exactly what was typed.
#include "app/ui/kit/text_area.h"
#include "storage/record_kinds.h"
#include "tests/workflow/workflow_harness.h"

#include <doctest/doctest.h>

#include <SDL.h>

#include <thread>

using namespace heard;

namespace {

const char* kField = "visit.what_happened";

std::string fieldValue(test::WorkflowApp& w) {
    return w.app->editors().visit.visit.writeUp.value("what_happened", "");
}

ui::TextAreaProbe probe(test::WorkflowApp&) {
    ui::TextAreaProbe p;
    REQUIRE(ui::textAreaProbe(kField, p));
    return p;
}

// A fictional note: sentences with Welsh letters, one emoji, cut to 2,000 characters.
std::string makeNote() {
    const std::string sentences[] = {
        "The child showed me the garden and the d\xC5\xB5r in the pond. ",
        "Mae hi'n hoffi'r t\xC5\xB7 newydd, meddai. ",
        "She drew her family at the kitchen table and talked about school. ",
        "Roedd hi'n h\xC3\xA2pus i siarad am ei ffrindiau. ",
    };
    std::string note;
    size_t characters = 0, i = 0;
    const std::string emoji = "\xF0\x9F\x98\x80"; // U+1F600, beyond 16 bits
    while (characters < 2000) {
        std::string piece = i == 5 ? emoji + " " : sentences[i % 4];
        for (size_t p = 0; p < piece.size() && characters < 2000;) {
            size_t len = 1;
            ui::text::decodeAt(piece, p, &len);
            note.append(piece, p, len);
            p += len;
            ++characters;
        }
        ++i;
    }
    return note;
}

// Equal texts, or where they first differ (a 2,000-character note is too long to print).
std::string difference(const std::string& got, const std::string& want) {
    if (got == want) return "";
    size_t i = 0;
    while (i < got.size() && i < want.size() && got[i] == want[i])
        ++i;
    return "differ at byte " + std::to_string(i) + " (sizes " + std::to_string(got.size()) + ", " +
           std::to_string(want.size()) + "): got '" + got.substr(i, 40) + "', want '" + want.substr(i, 40) +
           "'";
}
#define CHECK_TEXT(got, want) CHECK_MESSAGE(difference((got), (want)).empty(), difference((got), (want)))

} // namespace

TEST_CASE("a long note wraps, is edited by touch and keys, and is stored exactly as typed") {
    test::WorkflowApp w(0, 1280, 4200);
    w.beginDemoVisit("child-demo-1", "At home, in the kitchen");
    const std::string visitId = w.app->editors().visit.draft.recordId;
    REQUIRE_FALSE(visitId.empty());

    const std::string note = makeNote();
    REQUIRE(note.find("\xF0\x9F\x98\x80") != std::string::npos);
    w.tapAndType(kField, note);
    CHECK_TEXT(fieldValue(w), note); // every character, the emoji too
    REQUIRE(fieldValue(w) == note);

    // It wraps: many lines, none wider than the field, every line starting on a character.
    ui::TextAreaProbe p = probe(w);
    const platform::TagRect field = w.driver->rect(kField);
    CHECK(p.lines.size() > 10);
    CHECK(p.wrapWidth <= field.width());
    for (const auto& line : p.lines) {
        CHECK(line.width <= p.wrapWidth);
        CHECK(ui::text::snapToChar(note, line.begin) == line.begin);
    }
    // It grew, then stopped growing and scrolls: the field is not as tall as all its lines.
    CHECK(field.height() > p.lineHeight * 6);
    CHECK(field.height() < p.lineHeight * float(p.lines.size()));
    CHECK(p.caret == note.size()); // the caret followed the typing, in view
    CHECK(p.textY + p.lineHeight * float(p.lines.size() - 1) < p.visibleBottom + 1);

    // A tap in the middle of a visible wrapped line puts the caret there.
    size_t target = p.lines.size();
    for (size_t i = p.lines.size() - 2; i > 0; --i)
        if (!p.lines[i].hardBreak && p.textY + p.lineHeight * float(i) >= p.visibleTop &&
            p.textY + p.lineHeight * float(i + 1) <= p.visibleBottom) {
            target = i;
            break;
        }
    REQUIRE(target < p.lines.size());
    const ui::text::Line line = p.lines[target];
    w.driver->tapAt(p.textX + line.width * 0.5f, p.textY + p.lineHeight * (float(target) + 0.5f));
    p = probe(w);
    CHECK(p.focused);
    CHECK(p.caret > line.begin);
    CHECK(p.caret < line.end);
    CHECK(p.caret == p.anchor);
    const size_t at = p.caret;
    w.driver->typeText("[t\xC5\xB5 edit] ");
    std::string expected = note;
    expected.insert(at, "[t\xC5\xB5 edit] ");
    CHECK_TEXT(fieldValue(w), expected);

    // Select the inserted text with Shift+Left (the 10 characters before the caret), cut it,
    // move to the very end and paste it there, then undo the paste.
    for (int i = 0; i < 10; ++i)
        w.driver->pressKey(SDLK_LEFT, KMOD_SHIFT);
    p = probe(w);
    CHECK(p.anchor - p.caret == std::string("[t\xC5\xB5 edit] ").size());
    w.driver->pressKey(SDLK_x, KMOD_CTRL);
    CHECK_TEXT(fieldValue(w), note);
    w.driver->pressKey(SDLK_END, KMOD_CTRL);
    w.driver->pressKey(SDLK_v, KMOD_CTRL);
    CHECK_TEXT(fieldValue(w), note + "[t\xC5\xB5 edit] ");
    w.driver->pressKey(SDLK_z, KMOD_CTRL);
    CHECK_TEXT(fieldValue(w), note);
    // Redo and undo again: the history is both ways.
    w.driver->pressKey(SDLK_y, KMOD_CTRL);
    CHECK_TEXT(fieldValue(w), note + "[t\xC5\xB5 edit] ");
    w.driver->pressKey(SDLK_z, KMOD_CTRL);
    CHECK_TEXT(fieldValue(w), note);

    // A drag across a visible line selects (the field has the keyboard, so the page does not
    // scroll). The text scrolled to the caret at the end, so the line is chosen again.
    p = probe(w);
    size_t row = p.lines.size();
    for (size_t i = p.lines.size() - 2; i > 0; --i)
        if (p.textY + p.lineHeight * float(i) >= p.visibleTop &&
            p.textY + p.lineHeight * float(i + 1) <= p.visibleBottom) {
            row = i;
            break;
        }
    REQUIRE(row + 1 < p.lines.size());
    const float dragY = p.textY + p.lineHeight * (float(row) + 0.5f);
    w.driver->drag(p.textX + p.lines[row].width * 0.1f, dragY, p.textX + p.lines[row].width * 0.6f, dragY);
    p = probe(w);
    CHECK(p.caret > p.anchor);
    CHECK(p.anchor >= p.lines[row].begin);
    CHECK(p.caret <= p.lines[row].end);
    // Arrow keys move across wrapped lines: Down from a line lands on the next one.
    w.driver->pressKey(SDLK_DOWN);
    p = probe(w);
    CHECK(p.caret == p.anchor);
    CHECK(p.caret >= p.lines[row + 1].begin);
    CHECK(p.caret <= p.lines[row + 1].next);
    CHECK_TEXT(fieldValue(w), note);

    // Saved (autosave after the pause), then reopened from the child's page.
    std::this_thread::sleep_for(ui::kAutosaveDelay + std::chrono::milliseconds(100));
    w.driver->frames(2);
    CHECK_TEXT(w.store().recordById(visitId)->payload["write_up"]["what_happened"].get<std::string>(), note);
    w.driver->tap("nav.back");
    w.driver->frames(2);
    w.driver->tap("child.record.visit");
    w.driver->frames(2);
    REQUIRE((w.app->screen() == ui::ScreenId::Visit));
    CHECK_TEXT(fieldValue(w), note);
    p = probe(w);
    for (const auto& l : p.lines)
        CHECK(l.width <= p.wrapWidth);

    // Fill the rest and sign.
    for (const char* key : {"visit.setting", "visit.reasons", "visit.impact", "visit.outcomes",
                            "visit.carer_feedback", "visit.next"})
        w.tapAndType(key, "Fictional entry.");
    w.tapAndType("visit.signature_name", "Sam Demo-Practitioner");
    w.sign("visit.signature_pad");
    w.driver->tap("visit.sign");
    for (const auto& problem : w.app->editors().visit.draft.signProblems.items)
        MESSAGE("sign refused: " << problem);
    const auto visit = w.store().recordById(visitId);
    REQUIRE(visit);
    CHECK((visit->status == storage::RecordStatus::Signed));
    CHECK_TEXT(visit->payload["write_up"]["what_happened"].get<std::string>(), note);
}

TEST_CASE("IME composition shows in the field but only the committed text is stored") {
    test::WorkflowApp w(0, 1280, 4200);
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-1");
    w.driver->tap("child.start_visit");
    w.driver->tap("visit.confidentiality");
    w.driver->tap("visit.begin");
    w.tapAndType(kField, "Said: ");
    SDL_Event editing{};
    editing.type = SDL_TEXTEDITING;
    std::snprintf(editing.edit.text, sizeof(editing.edit.text), "%s", "\xE3\x81\x8B"); // か, being composed
    editing.edit.start = 1;
    SDL_PushEvent(&editing);
    w.driver->frames(2);
    CHECK_TEXT(fieldValue(w), "Said: ");
    w.driver->typeText("\xE3\x81\x8B\xE3\x81\x8B"); // committed
    CHECK_TEXT(fieldValue(w), "Said: \xE3\x81\x8B\xE3\x81\x8B");
    // Backspace removes one whole character; Enter starts a new line.
    w.driver->pressKey(SDLK_BACKSPACE);
    w.driver->pressKey(SDLK_RETURN);
    w.driver->typeText("\xF0\x9F\x8C\x88"); // rainbow
    CHECK_TEXT(fieldValue(w), "Said: \xE3\x81\x8B\n\xF0\x9F\x8C\x88");
    // A character the font does not have is drawn as a box, and kept.
    ui::TextAreaProbe p = probe(w);
    CHECK(p.missingGlyphs >= 1);
    CHECK(p.lines.size() == 2);
}
