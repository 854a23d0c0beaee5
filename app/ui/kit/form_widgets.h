// Form widgets for records: labelled text fields, big check boxes, a finger signature pad,
// flag chips, the notice bar and the refused-sign panel.
#pragma once

#include "app/ui/kit/form_types.h"

#include <imgui.h>

#include <string>
#include <vector>

namespace heard::ui {

// A label, a muted hint under it, and a full-width field. Returns true when the text changed.
// Input beyond the record field limit is cut at the limit with a message, so what was
// already written is never lost. lines: visible lines (1: a single-line field).
bool textField(const char* label, const char* hint, std::string& value, const char* tagName, int lines = 3);

// A check box at touch size. Returns true when toggled.
bool bigCheckbox(const char* label, bool& value, const char* tagName);

// A pad the practitioner signs on with a finger. current holds the stroke being drawn.
// Returns true when a stroke was finished or the pad was cleared.
bool signaturePad(Strokes& strokes, Strokes& current, const char* tagName);
// Draws saved strokes, read-only, into a box of the given height.
void signatureView(const Strokes& strokes, float height);

// A small rounded label with an icon character, e.g. a "Confidential address" flag.
void chip(const char* text, ImU32 background, ImU32 foreground);

// The practitioner's notice (saved, signed, an error) across the top; a tap dismisses it.
void noticeBar(Notice& notice);
// A notice whose whole text is one catalogue message (marked with N_ where it is written).
Notice catalogueNotice(const char* msgid, bool error = false);
// What noticeBar draws: the message in the language of the moment, or the text as made.
std::string noticeText(const Notice& notice);

// "Cannot sign yet: these are empty" with each missing field. An item with a field (fieldOf)
// is a touch target (tag "sign.problem.N"): a tap scrolls to the field and gives it the keyboard.
void signProblemsPanel(SignProblems& problems, const ProblemField& fieldOf = {});
// The text field with this tag takes the keyboard when next drawn.
void focusField(const char* tagName);

// A section heading inside a form.
void sectionHeader(const char* text);

// The bar every practitioner screen starts with: a back button and a title.
// Returns true when back was tapped.
bool screenHeader(const char* backLabel, const char* title);

} // namespace heard::ui
