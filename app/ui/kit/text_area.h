// The word-wrapping text area every multi-line field uses (practitioner notes and the child's
// own words). ImGui 1.86's InputTextMultiline cannot wrap and holds 16-bit characters, so this
// widget keeps the field's UTF-8 itself and draws through a thin layer over the pure engine
// (text_engine.h): layout, caret, selection, undo there; glyphs, pointer and keys here.
//
// Input comes from SDL events the App forwards (textAreaEvent): text (any character, emoji
// included), IME composition, and keys with their modifiers (arrows, Home/End, Backspace,
// Delete, Enter, Ctrl+A/C/X/V/Z/Y, Shift to select). A tap places the caret, a drag selects,
// a double tap selects a word; cut, copy and paste use SDL's clipboard.
#pragma once

#include "app/ui/kit/text_engine.h"

#include <cstddef>
#include <string>
#include <vector>

union SDL_Event;

namespace heard::ui {

struct TextAreaOptions {
    int minLines = 3;  // the height when empty
    int maxLines = 12; // it grows with its text up to this, then scrolls
    size_t maxBytes = 64 * 1024;
    float width = 0;  // 0: the available width
    float height = 0; // > 0: a fixed height (the child's writing box), lines ignored
    // The dictionary its spelling is checked against ("en", "cy"), or empty for none. The
    // child's words are checked in the child's language and never corrected by themselves.
    std::string language;
};

// Draws the area full width at the cursor and registers tagName. Returns true when the text
// changed this frame.
bool textArea(const char* tagName, std::string& value, const TextAreaOptions& options = {});

// Every SDL event goes here (the App forwards them); only a focused area keeps any.
void textAreaEvent(const SDL_Event& event);
// Gives the area with this tag the keyboard, its caret where it was (a refused-sign item
// jumping to its field). No effect on a tag no area has drawn.
void focusTextArea(const char* tagName);
// Whether a text area has the keyboard (for screens that hide things while typing).
bool textAreaFocused();
// Lock: overwrite and forget every area's undo history, queued input and composition, and
// the clipboard if it still holds text copied from an area.
void wipeTextAreas();

// What tests (and the benchmark) read back: the layout as drawn in the latest frame.
struct TextAreaProbe {
    float textX = 0, textY = 0; // screen position of the first line's top left (scroll applied)
    float wrapWidth = 0;        // the width lines are broken at
    float lineHeight = 0;
    float visibleTop = 0, visibleBottom = 0; // screen rows of the text that are visible
    std::vector<text::Line> lines;
    size_t caret = 0, anchor = 0;
    bool focused = false;
    std::vector<std::pair<size_t, size_t>> misspelt; // byte ranges underlined
    int missingGlyphs = 0;   // characters drawn as a replacement box in the latest frame
    size_t historyBytes = 0; // text held by the undo history (wiped on lock)
};
bool textAreaProbe(const std::string& tagName, TextAreaProbe& out);

// Spelling, provided by whoever owns the dictionaries (the App), so the kit needs no store.
class SpellingService {
public:
    virtual ~SpellingService() = default;
    virtual bool correct(const std::string& language, const std::string& word) = 0;
    virtual std::vector<std::string> suggest(const std::string& language, const std::string& word) = 0;
    virtual void addWord(const std::string& language, const std::string& word) = 0;
    // Changes whenever a word is added, so underlines are checked again.
    virtual unsigned revision() const = 0;
};
void setSpellingService(SpellingService* service);

} // namespace heard::ui
