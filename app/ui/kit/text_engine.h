// The text area's engine, with no ImGui and no SDL: UTF-8 stepping, line breaking, caret <->
// position mapping, editing with a selection, and undo/redo. The drawing layer
// (text_area.cpp) measures glyphs through GlyphMetrics and draws what Layout says, so every
// rule here is unit-tested without a window (`ctest -R writing.layout`).
//
// Text is UTF-8 held by the caller (the record's own std::string), never a 16-bit copy:
// Debian's ImGui has 16-bit ImWchar and would lose every character beyond U+FFFF.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace heard::ui::text {

// [SECTION] UTF-8
// The code point starting at pos; a malformed or cut byte reads as U+FFFD of length 1, so a
// damaged string is shown and stepped through, never mangled further.
char32_t decodeAt(std::string_view text, size_t pos, size_t* length);
// The next / previous character boundary (pos itself is clamped to the text).
size_t nextChar(std::string_view text, size_t pos);
size_t prevChar(std::string_view text, size_t pos);
// pos moved back to the start of the character it falls in.
size_t snapToChar(std::string_view text, size_t pos);
void appendUtf8(std::string& out, char32_t c);
// Characters drawn with no width (joiners, variation selectors): kept in the text, not boxed.
bool isZeroWidth(char32_t c);

// [SECTION] Layout
// How wide each character is drawn. A glyph the font lacks gets the width of its replacement
// box, so what is measured is what is drawn.
class GlyphMetrics {
public:
    virtual ~GlyphMetrics() = default;
    virtual float advance(char32_t c) const = 0;
};

// One visual line: [begin, end) is drawn; [end, next) are the spaces it ends with and its
// newline, if any; next is where the following line starts.
struct Line {
    size_t begin = 0, end = 0, next = 0;
    float width = 0;        // of [begin, end)
    bool hardBreak = false; // ends with a newline
};

struct Layout {
    std::vector<Line> lines; // never empty: an empty text has one empty line
    float wrapWidth = 0;

    // The line a caret at pos is drawn on (a caret at a soft break starts the next line).
    size_t lineOf(size_t pos) const;
    float widest() const;
};

// Breaks at spaces; a word longer than the line is broken between characters; a newline
// always breaks. Spaces at a soft break hang beyond the edge (not counted in width). Every
// line but a single character wider than the field itself fits in wrapWidth.
Layout layoutText(std::string_view text, float wrapWidth, const GlyphMetrics& metrics);

// x of a caret at pos on its line (relative to the line's start).
float caretX(std::string_view text, const Layout& layout, const GlyphMetrics& metrics, size_t pos);
// The caret nearest to x on a line (the nearer edge of the character under x).
size_t caretAtX(std::string_view text, const Layout& layout, const GlyphMetrics& metrics, size_t line,
                float x);
// The caret nearest to a point given in the text's own coordinates (0,0: top left).
size_t caretAtPoint(std::string_view text, const Layout& layout, const GlyphMetrics& metrics, float x,
                    float y, float lineHeight);

// The word around pos (letters, digits, apostrophes, hyphens inside a word); empty when pos
// is not in or at the end of a word.
void wordAt(std::string_view text, size_t pos, size_t& begin, size_t& end);
bool isWordChar(char32_t c);

// [SECTION] Editing
// A caret and an anchor (the selection is between them) over text the caller owns, with an
// undo history. Each call takes the text, because the record may also change it (reopened,
// cleared on lock): clamp() makes the positions valid again.
class Editor {
public:
    size_t caret() const { return m_caret; }
    size_t anchor() const { return m_anchor; }
    bool hasSelection() const { return m_caret != m_anchor; }
    size_t selBegin() const { return m_caret < m_anchor ? m_caret : m_anchor; }
    size_t selEnd() const { return m_caret < m_anchor ? m_anchor : m_caret; }
    std::string selected(std::string_view text) const;

    void clamp(std::string_view text);
    void setCaret(std::string_view text, size_t pos, bool extend);
    void select(std::string_view text, size_t anchor, size_t caret);
    void selectAll(std::string_view text);

    // Replaces the selection with s (cut to whole characters so the text stays within
    // maxBytes). Returns false when nothing could change (full, or nothing to do).
    bool insert(std::string& text, std::string_view s, size_t maxBytes);
    bool backspace(std::string& text);
    bool deleteForward(std::string& text);
    bool eraseSelection(std::string& text);

    void left(std::string_view text, bool extend, bool word);
    void right(std::string_view text, bool extend, bool word);
    // Up and down keep the column the caret had when vertical movement began.
    void up(std::string_view text, const Layout& layout, const GlyphMetrics& metrics, bool extend);
    void down(std::string_view text, const Layout& layout, const GlyphMetrics& metrics, bool extend);
    void home(std::string_view text, const Layout& layout, bool extend);
    void end(std::string_view text, const Layout& layout, bool extend);

    bool canUndo() const { return m_done > 0; }
    size_t historyBytes() const { return m_historyBytes; }
    bool canRedo() const { return m_done < m_history.size(); }
    bool undo(std::string& text);
    bool redo(std::string& text);

    // Overwrites every piece of text the history holds, then forgets it (lock).
    void wipe();

private:
    struct Edit {
        size_t pos = 0;
        std::string removed, inserted;
        size_t caretBefore = 0, anchorBefore = 0;
        bool typing = false; // a run of typed characters, merged into one undo step
    };
    void replace(std::string& text, size_t begin, size_t end, std::string_view with, bool typing);
    void forgetVerticalColumn() { m_column = -1.0f; }
    void vertical(std::string_view text, const Layout& layout, const GlyphMetrics& metrics, bool extend,
                  int direction);

    size_t m_caret = 0, m_anchor = 0;
    float m_column = -1.0f;
    std::vector<Edit> m_history;
    size_t m_done = 0; // edits [0, m_done) are applied
    size_t m_historyBytes = 0;
};

// A fast, non-cryptographic digest for "has this text changed since the last frame".
uint64_t fingerprint(std::string_view text);

} // namespace heard::ui::text
