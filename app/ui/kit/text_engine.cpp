// [SECTION] Index: UTF-8, layout, caret mapping, words, editing and undo
#include "app/ui/kit/text_engine.h"

#include <sodium.h>

#include <algorithm>
#include <cmath>

namespace heard::ui::text {

namespace {

constexpr size_t kNpos = std::string::npos;
// Undo keeps at most this much; older steps are wiped and dropped.
constexpr size_t kMaxHistorySteps = 400;
constexpr size_t kMaxHistoryBytes = 1u << 20;

void wipeString(std::string& s) {
    if (s.capacity()) sodium_memzero(s.data(), s.capacity());
    s.clear();
    s.shrink_to_fit();
}

bool isSpace(char32_t c) {
    return c == ' ' || c == '\t';
}

// Apostrophes and hyphens join a word only between two letters (sy'n, mae'r, ten-year-old).
bool isJoiner(char32_t c) {
    return c == '\'' || c == 0x2019 || c == '-';
}

} // namespace

// [SECTION] UTF-8

char32_t decodeAt(std::string_view text, size_t pos, size_t* length) {
    const size_t n = text.size();
    if (pos >= n) {
        if (length) *length = 0;
        return 0;
    }
    const auto b0 = static_cast<unsigned char>(text[pos]);
    size_t len = 1;
    char32_t c = 0xFFFD;
    char32_t min = 0;
    if (b0 < 0x80) {
        c = b0;
    } else if ((b0 & 0xE0) == 0xC0) {
        len = 2, c = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, c = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, c = b0 & 0x07, min = 0x10000;
    } else {
        len = 0; // a stray continuation byte or 0xF8..0xFF
    }
    if (len > 1) {
        bool ok = pos + len <= n;
        for (size_t i = 1; ok && i < len; ++i) {
            const auto b = static_cast<unsigned char>(text[pos + i]);
            if ((b & 0xC0) != 0x80)
                ok = false;
            else
                c = (c << 6) | (b & 0x3F);
        }
        if (!ok || c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) len = 0;
    }
    if (len == 0) {
        if (length) *length = 1;
        return 0xFFFD;
    }
    if (length) *length = len;
    return c;
}

size_t nextChar(std::string_view text, size_t pos) {
    if (pos >= text.size()) return text.size();
    size_t len = 1;
    decodeAt(text, pos, &len);
    return pos + len;
}

size_t snapToChar(std::string_view text, size_t pos) {
    if (pos >= text.size()) return text.size();
    // Step back over at most three continuation bytes, then check that the lead byte really
    // covers pos (a stray continuation byte is a character of its own).
    size_t start = pos;
    for (int i = 0; i < 3 && start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80; ++i)
        --start;
    if (start != pos) {
        size_t len = 1;
        decodeAt(text, start, &len);
        if (start + len > pos) return start;
    }
    return pos;
}

size_t prevChar(std::string_view text, size_t pos) {
    if (pos == 0) return 0;
    if (pos > text.size()) pos = text.size();
    return snapToChar(text, pos - 1);
}

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

bool isZeroWidth(char32_t c) {
    return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF ||
           (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) || c == '\r';
}

// [SECTION] Layout

size_t Layout::lineOf(size_t pos) const {
    // The last line that begins at or before pos.
    auto it = std::upper_bound(lines.begin(), lines.end(), pos,
                               [](size_t p, const Line& line) { return p < line.begin; });
    if (it == lines.begin()) return 0;
    return size_t(it - lines.begin()) - 1;
}

float Layout::widest() const {
    float w = 0;
    for (const Line& line : lines)
        w = std::max(w, line.width);
    return w;
}

namespace {
float widthOf(std::string_view text, size_t begin, size_t end, const GlyphMetrics& metrics) {
    float x = 0;
    size_t len = 1;
    for (size_t p = begin; p < end; p += len) {
        const char32_t c = decodeAt(text, p, &len);
        if (!isZeroWidth(c)) x += metrics.advance(c);
    }
    return x;
}
} // namespace

Layout layoutText(std::string_view text, float wrapWidth, const GlyphMetrics& metrics) {
    Layout out;
    out.wrapWidth = wrapWidth;
    out.lines.reserve(text.size() / 40 + 1);
    const size_t n = text.size();
    size_t lineBegin = 0;
    float x = 0;
    size_t end = 0;          // end of the line's last non-space character
    float endWidth = 0;      // x there
    size_t breakPos = kNpos; // where the next line starts if this one breaks at its last spaces
    size_t breakEnd = 0;     // and where this one's drawn part then ends
    float breakEndWidth = 0;
    size_t pos = 0;
    while (pos < n) {
        size_t len = 1;
        const char32_t c = decodeAt(text, pos, &len);
        if (c == '\n') {
            out.lines.push_back({lineBegin, end, pos + len, endWidth, true});
            pos += len;
            lineBegin = end = pos;
            x = endWidth = 0;
            breakPos = kNpos;
            continue;
        }
        const float advance = isZeroWidth(c) ? 0.0f : metrics.advance(c);
        if (isSpace(c)) { // spaces may hang past the edge; a line can break after them
            x += advance;
            pos += len;
            breakPos = pos;
            breakEnd = end;
            breakEndWidth = endWidth;
            continue;
        }
        if (x + advance > wrapWidth && pos > lineBegin && advance > 0.0f) {
            if (breakPos != kNpos) {
                out.lines.push_back({lineBegin, breakEnd, breakPos, breakEndWidth, false});
                lineBegin = breakPos;
                x = widthOf(text, lineBegin, pos, metrics); // the word so far, measured exactly
                end = pos;
                endWidth = x;
                breakPos = kNpos;
                continue; // the word may itself be too long: look at c again
            }
            // No space on the line: the word is longer than a line; break between characters.
            out.lines.push_back({lineBegin, end, pos, endWidth, false});
            lineBegin = end = pos;
            x = endWidth = 0;
            continue;
        }
        x += advance;
        pos += len;
        end = pos;
        endWidth = x;
    }
    out.lines.push_back({lineBegin, end, n, endWidth, false});
    return out;
}

float caretX(std::string_view text, const Layout& layout, const GlyphMetrics& metrics, size_t pos) {
    const Line& line = layout.lines[layout.lineOf(pos)];
    return widthOf(text, line.begin, std::min(pos, line.next), metrics);
}

size_t caretAtX(std::string_view text, const Layout& layout, const GlyphMetrics& metrics, size_t lineIndex,
                float x) {
    if (layout.lines.empty()) return 0;
    lineIndex = std::min(lineIndex, layout.lines.size() - 1);
    const Line& line = layout.lines[lineIndex];
    // The last caret position that is drawn on this line: before the newline; at a soft break,
    // before the break's last character (the position after it starts the next line).
    size_t limit = line.next;
    if (line.hardBreak)
        limit = prevChar(text, line.next);
    else if (lineIndex + 1 < layout.lines.size())
        limit = std::max(line.begin, prevChar(text, line.next));
    float cx = 0;
    size_t len = 1;
    for (size_t p = line.begin; p < limit; p += len) {
        const char32_t c = decodeAt(text, p, &len);
        const float a = isZeroWidth(c) ? 0.0f : metrics.advance(c);
        if (x < cx + a * 0.5f) return p;
        cx += a;
    }
    return limit;
}

size_t caretAtPoint(std::string_view text, const Layout& layout, const GlyphMetrics& metrics, float x,
                    float y, float lineHeight) {
    const float row = lineHeight > 0 ? std::floor(y / lineHeight) : 0.0f;
    const size_t line = row < 0 ? 0 : std::min(layout.lines.size() - 1, size_t(row));
    return caretAtX(text, layout, metrics, line, x);
}

// [SECTION] Words

bool isWordChar(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c == 0xD7 || c == 0xF7) return false;                    // multiplication and division signs
    if (c >= 0xC0 && c <= 0x24F) return true;                    // Latin letters with accents (â ŵ ŷ)
    if (c >= 0x2000 && c <= 0x2BFF) return false;                // punctuation, symbols, arrows
    if (c >= 0x3000 && c <= 0x303F) return false;                // CJK punctuation
    if (c >= 0xFE00 && c <= 0xFE0F) return false;                // variation selectors
    if (c >= 0x1F000) return false;                              // emoji and pictographs
    return c >= 0x370 || (c >= 0x250 && c < 0x2B0) || c == 0xB5; // other scripts' letters
}

void wordAt(std::string_view text, size_t pos, size_t& begin, size_t& end) {
    pos = snapToChar(text, std::min(pos, text.size()));
    auto wordBefore = [&](size_t p) { // is the character ending at p a word character?
        if (p == 0) return false;
        return isWordChar(decodeAt(text, prevChar(text, p), nullptr));
    };
    begin = pos;
    while (begin > 0) {
        const size_t prev = prevChar(text, begin);
        const char32_t c = decodeAt(text, prev, nullptr);
        if (isWordChar(c) || (isJoiner(c) && wordBefore(prev) && begin < text.size() &&
                              isWordChar(decodeAt(text, begin, nullptr))))
            begin = prev;
        else
            break;
    }
    end = pos;
    while (end < text.size()) {
        size_t len = 1;
        const char32_t c = decodeAt(text, end, &len);
        if (isWordChar(c) || (isJoiner(c) && wordBefore(end) && end + len < text.size() &&
                              isWordChar(decodeAt(text, end + len, nullptr))))
            end += len;
        else
            break;
    }
}

// [SECTION] Editing

std::string Editor::selected(std::string_view text) const {
    const size_t b = std::min(selBegin(), text.size());
    const size_t e = std::min(selEnd(), text.size());
    return std::string(text.substr(b, e - b));
}

void Editor::clamp(std::string_view text) {
    m_caret = snapToChar(text, std::min(m_caret, text.size()));
    m_anchor = snapToChar(text, std::min(m_anchor, text.size()));
}

void Editor::setCaret(std::string_view text, size_t pos, bool extend) {
    m_caret = snapToChar(text, std::min(pos, text.size()));
    if (!extend) m_anchor = m_caret;
    forgetVerticalColumn();
}

void Editor::select(std::string_view text, size_t anchor, size_t caret) {
    m_anchor = snapToChar(text, std::min(anchor, text.size()));
    m_caret = snapToChar(text, std::min(caret, text.size()));
    forgetVerticalColumn();
}

void Editor::selectAll(std::string_view text) {
    select(text, 0, text.size());
}

void Editor::replace(std::string& text, size_t begin, size_t end, std::string_view with, bool typing) {
    // Anything undone and not redone is gone for good.
    while (m_history.size() > m_done) {
        m_historyBytes -= m_history.back().removed.size() + m_history.back().inserted.size();
        wipeString(m_history.back().removed);
        wipeString(m_history.back().inserted);
        m_history.pop_back();
    }
    Edit* last = m_done > 0 ? &m_history[m_done - 1] : nullptr;
    const bool merge = typing && begin == end && last && last->typing && last->removed.empty() &&
                       last->pos + last->inserted.size() == begin &&
                       !(last->inserted.back() == ' ' && !with.empty() && with.front() != ' ');
    if (merge) {
        last->inserted.append(with);
        m_historyBytes += with.size();
    } else {
        Edit edit;
        edit.pos = begin;
        edit.removed.assign(text, begin, end - begin);
        edit.inserted.assign(with);
        edit.caretBefore = m_caret;
        edit.anchorBefore = m_anchor;
        edit.typing = typing && begin == end;
        m_historyBytes += edit.removed.size() + edit.inserted.size();
        m_history.push_back(std::move(edit));
        ++m_done;
    }
    while (m_history.size() > 1 &&
           (m_history.size() > kMaxHistorySteps || m_historyBytes > kMaxHistoryBytes)) {
        m_historyBytes -= m_history.front().removed.size() + m_history.front().inserted.size();
        wipeString(m_history.front().removed);
        wipeString(m_history.front().inserted);
        m_history.erase(m_history.begin());
        --m_done;
    }
    // Overwrite what is removed before the string forgets it.
    if (end > begin) sodium_memzero(text.data() + begin, end - begin);
    text.replace(begin, end - begin, with);
    m_caret = m_anchor = begin + with.size();
    forgetVerticalColumn();
}

bool Editor::insert(std::string& text, std::string_view s, size_t maxBytes) {
    clamp(text);
    const size_t b = selBegin(), e = selEnd();
    const size_t room = maxBytes - std::min(maxBytes, text.size() - (e - b));
    size_t take = std::min(s.size(), room);
    while (take > 0 && take < s.size() && (static_cast<unsigned char>(s[take]) & 0xC0) == 0x80)
        --take; // whole characters only
    if (take == 0 && b == e) return false;
    // One typed character (or a short burst from an on-screen keyboard) merges into a word.
    const bool typing = take <= 8 && s.find('\n') == std::string_view::npos;
    replace(text, b, e, s.substr(0, take), typing);
    return true;
}

bool Editor::eraseSelection(std::string& text) {
    clamp(text);
    if (!hasSelection()) return false;
    replace(text, selBegin(), selEnd(), {}, false);
    return true;
}

bool Editor::backspace(std::string& text) {
    if (eraseSelection(text)) return true;
    if (m_caret == 0) return false;
    replace(text, prevChar(text, m_caret), m_caret, {}, false);
    return true;
}

bool Editor::deleteForward(std::string& text) {
    if (eraseSelection(text)) return true;
    if (m_caret >= text.size()) return false;
    replace(text, m_caret, nextChar(text, m_caret), {}, false);
    return true;
}

void Editor::left(std::string_view text, bool extend, bool word) {
    clamp(text);
    size_t pos = m_caret;
    if (!extend && hasSelection()) {
        pos = selBegin();
    } else if (word) {
        // Back over spaces and punctuation, then over the word.
        while (pos > 0 && !isWordChar(decodeAt(text, prevChar(text, pos), nullptr)))
            pos = prevChar(text, pos);
        size_t b = pos, e = pos;
        wordAt(text, pos, b, e);
        pos = b < pos ? b : prevChar(text, pos);
    } else {
        pos = prevChar(text, pos);
    }
    setCaret(text, pos, extend);
}

void Editor::right(std::string_view text, bool extend, bool word) {
    clamp(text);
    size_t pos = m_caret;
    if (!extend && hasSelection()) {
        pos = selEnd();
    } else if (word) {
        while (pos < text.size() && !isWordChar(decodeAt(text, pos, nullptr)))
            pos = nextChar(text, pos);
        size_t b = pos, e = pos;
        wordAt(text, pos, b, e);
        pos = e > pos ? e : nextChar(text, pos);
    } else {
        pos = nextChar(text, pos);
    }
    setCaret(text, pos, extend);
}

void Editor::vertical(std::string_view text, const Layout& layout, const GlyphMetrics& metrics, bool extend,
                      int direction) {
    clamp(text);
    const float column = m_column >= 0 ? m_column : caretX(text, layout, metrics, m_caret);
    const size_t line = layout.lineOf(m_caret);
    size_t pos;
    if (direction < 0)
        pos = line == 0 ? 0 : caretAtX(text, layout, metrics, line - 1, column);
    else
        pos =
            line + 1 >= layout.lines.size() ? text.size() : caretAtX(text, layout, metrics, line + 1, column);
    m_caret = pos;
    if (!extend) m_anchor = pos;
    m_column = column; // kept across repeated presses, as editors do
}

void Editor::up(std::string_view text, const Layout& layout, const GlyphMetrics& metrics, bool extend) {
    vertical(text, layout, metrics, extend, -1);
}

void Editor::down(std::string_view text, const Layout& layout, const GlyphMetrics& metrics, bool extend) {
    vertical(text, layout, metrics, extend, +1);
}

void Editor::home(std::string_view text, const Layout& layout, bool extend) {
    clamp(text);
    setCaret(text, layout.lines[layout.lineOf(m_caret)].begin, extend);
}

void Editor::end(std::string_view text, const Layout& layout, bool extend) {
    clamp(text);
    const size_t index = layout.lineOf(m_caret);
    const Line& line = layout.lines[index];
    setCaret(text, index + 1 < layout.lines.size() ? line.end : text.size(), extend);
}

bool Editor::undo(std::string& text) {
    if (m_done == 0) return false;
    const Edit& edit = m_history[--m_done];
    if (edit.pos + edit.inserted.size() > text.size()) { // the text changed under the history
        wipe();
        return false;
    }
    sodium_memzero(text.data() + edit.pos, edit.inserted.size());
    text.replace(edit.pos, edit.inserted.size(), edit.removed);
    m_caret = edit.caretBefore;
    m_anchor = edit.anchorBefore;
    clamp(text);
    forgetVerticalColumn();
    return true;
}

bool Editor::redo(std::string& text) {
    if (m_done >= m_history.size()) return false;
    const Edit& edit = m_history[m_done++];
    if (edit.pos + edit.removed.size() > text.size()) {
        wipe();
        return false;
    }
    sodium_memzero(text.data() + edit.pos, edit.removed.size());
    text.replace(edit.pos, edit.removed.size(), edit.inserted);
    m_caret = m_anchor = edit.pos + edit.inserted.size();
    forgetVerticalColumn();
    return true;
}

void Editor::wipe() {
    for (Edit& edit : m_history) {
        wipeString(edit.removed);
        wipeString(edit.inserted);
    }
    m_history.clear();
    m_history.shrink_to_fit();
    m_done = 0;
    m_historyBytes = 0;
    m_caret = m_anchor = 0;
    forgetVerticalColumn();
}

uint64_t fingerprint(std::string_view text) {
    // FNV-1a, 64-bit, eight bytes at a time would be faster; this is already far below a frame.
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h ^ text.size();
}

} // namespace heard::ui::text
