// The text area's pure engine (app/ui/kit/text_engine.h): UTF-8 stepping, line breaking,
// caret <-> position mapping, words, editing with a selection, undo and redo. No window.
#include "app/ui/kit/text_engine.h"

#include <doctest/doctest.h>

#include <random>
#include <string>

using namespace heard::ui::text;

namespace {

// Every character 10 wide, except 'W' (20), emoji (24) and zero-width characters.
struct FixedMetrics : GlyphMetrics {
    float advance(char32_t c) const override {
        if (c == 'W') return 20;
        if (c >= 0x1F000) return 24;
        return 10;
    }
};

std::string drawn(const std::string& text, const Line& line) {
    return text.substr(line.begin, line.end - line.begin);
}

const std::string kEmoji = "\xF0\x9F\x98\x80";         // U+1F600
const std::string kWelsh = "\xC5\xB5\xC5\xB7\xC3\xA2"; // ŵŷâ

} // namespace

TEST_CASE("UTF-8 steps over whole characters, including beyond 16 bits") {
    const std::string s = "a" + kEmoji + "\xC5\xB5" + "b";
    CHECK(nextChar(s, 0) == 1);
    CHECK(nextChar(s, 1) == 5);
    CHECK(nextChar(s, 5) == 7);
    CHECK(prevChar(s, 7) == 5);
    CHECK(prevChar(s, 5) == 1);
    CHECK(snapToChar(s, 3) == 1);
    size_t len = 0;
    CHECK(decodeAt(s, 1, &len) == 0x1F600);
    CHECK(len == 4);
    CHECK(decodeAt(s, 5, &len) == 0x175); // ŵ
    std::string back;
    appendUtf8(back, 0x1F600);
    appendUtf8(back, 0x175);
    CHECK(back == kEmoji + "\xC5\xB5");
}

TEST_CASE("malformed UTF-8 reads as one replacement character per bad byte, never skipped") {
    const std::string bad = std::string("a\xC5") + "b" + "\x80" + "\xF0\x9F\x98"; // cut, stray, cut
    size_t len = 0;
    CHECK(decodeAt(bad, 1, &len) == 0xFFFD);
    CHECK(len == 1);
    size_t count = 0;
    for (size_t p = 0; p < bad.size(); p = nextChar(bad, p))
        ++count;
    CHECK(count == 7);
    CHECK(decodeAt("\xED\xA0\x80", 0, &len) == 0xFFFD); // a surrogate is not a character
    CHECK(decodeAt("\xC0\x80", 0, &len) == 0xFFFD);     // overlong
}

TEST_CASE("lines break at spaces and never exceed the width") {
    FixedMetrics m;
    const std::string s = "the cat sat on the mat";
    const Layout l = layoutText(s, 75, m); // 7 characters a line
    REQUIRE(l.lines.size() == 3);
    CHECK(drawn(s, l.lines[0]) == "the cat");
    CHECK(drawn(s, l.lines[1]) == "sat on");
    CHECK(drawn(s, l.lines[2]) == "the mat");
    CHECK(l.lines[1].begin == 8);
    CHECK(l.lines[0].next == 8); // the space hangs at the end of the first line
    CHECK(l.lines[1].next == l.lines[2].begin);
    CHECK(l.lines[2].next == s.size());
    for (const Line& line : l.lines)
        CHECK(line.width <= 75.0f);
    CHECK_FALSE(l.lines[0].hardBreak);
}

TEST_CASE("a word longer than a line is broken between characters") {
    FixedMetrics m;
    const std::string s = "ab abcdefghijklmnop cd";
    const Layout l = layoutText(s, 50, m);
    std::string joined;
    for (const Line& line : l.lines) {
        CHECK(line.width <= 50.0f);
        joined += s.substr(line.begin, line.next - line.begin);
    }
    CHECK(joined == s); // every byte on exactly one line
    CHECK(drawn(s, l.lines[0]) == "ab");
    CHECK(drawn(s, l.lines[1]) == "abcde");
    CHECK(drawn(s, l.lines[2]) == "fghij");
}

TEST_CASE("newlines always break; empty lines are kept") {
    FixedMetrics m;
    const std::string s = "one\n\ntwo\n";
    const Layout l = layoutText(s, 500, m);
    REQUIRE(l.lines.size() == 4);
    CHECK(drawn(s, l.lines[0]) == "one");
    CHECK(l.lines[0].hardBreak);
    CHECK(drawn(s, l.lines[1]).empty());
    CHECK(drawn(s, l.lines[2]) == "two");
    CHECK(l.lines[3].begin == s.size());
    CHECK(layoutText("", 100, m).lines.size() == 1);
}

TEST_CASE("emoji and Welsh letters are measured as whole characters") {
    FixedMetrics m;
    const std::string s = kWelsh + kEmoji + kEmoji + "x";
    const Layout l = layoutText(s, 1000, m);
    REQUIRE(l.lines.size() == 1);
    CHECK(l.lines[0].width == doctest::Approx(3 * 10 + 2 * 24 + 10));
    const Layout narrow = layoutText(s, 40, m);
    for (const Line& line : narrow.lines) {
        CHECK(line.width <= 40.0f);
        CHECK(snapToChar(s, line.begin) == line.begin); // no line starts inside a character
    }
    const std::string joined = std::string("a\xE2\x80\x8D") + "b"; // zero-width joiner
    CHECK(layoutText(joined, 100, m).lines[0].width == doctest::Approx(20));
}

TEST_CASE("a caret maps to a point and back on wrapped lines") {
    FixedMetrics m;
    const std::string s = "the cat sat on the mat";
    const Layout l = layoutText(s, 75, m);
    CHECK(l.lineOf(0) == 0);
    CHECK(l.lineOf(8) == 1); // at a soft break the caret starts the next line
    CHECK(l.lineOf(s.size()) == 2);
    CHECK(caretX(s, l, m, 10) == doctest::Approx(20));
    for (size_t pos = 0; pos <= s.size(); pos = pos < s.size() ? nextChar(s, pos) : s.size() + 1) {
        const size_t line = l.lineOf(pos);
        const float x = caretX(s, l, m, pos);
        const size_t back = caretAtPoint(s, l, m, x + 1, float(line) * 20 + 5, 20);
        if (pos == l.lines[line].next - 1 && pos + 1 == l.lines[line].next && !l.lines[line].hardBreak &&
            line + 1 < l.lines.size())
            continue; // the last hanging space of a soft break
        CHECK_MESSAGE(back == pos, "pos " << pos);
    }
    // Far right of a wrapped line: before its hanging space, not on the next line.
    CHECK(caretAtPoint(s, l, m, 500, 5, 20) == 7);
    // Below the last line: the last line.
    CHECK(caretAtPoint(s, l, m, 0, 500, 20) == l.lines.back().begin);
    CHECK(caretAtPoint(s, l, m, -50, -50, 20) == 0);
}

TEST_CASE("up and down keep the column across wrapped lines") {
    FixedMetrics m;
    const std::string s = "abcdefg hij klmnopq";
    const Layout l = layoutText(s, 75, m); // "abcdefg" / "hij" / "klmnopq"
    REQUIRE(l.lines.size() == 3);
    Editor e;
    e.setCaret(s, 5, false);
    e.down(s, l, m, false);
    CHECK(e.caret() == 11); // end of "hij" (its limit), column kept
    e.down(s, l, m, false);
    CHECK(e.caret() == 17); // back in column 5 of "klmnopq"
    e.up(s, l, m, false);
    e.up(s, l, m, false);
    CHECK(e.caret() == 5);
    e.up(s, l, m, true);
    CHECK(e.caret() == 0);
    CHECK(e.anchor() == 5);
    e.end(s, l, false);
    CHECK(e.caret() == 7);
    e.home(s, l, false);
    CHECK(e.caret() == 0);
}

TEST_CASE("words: apostrophes and hyphens inside a word, Welsh letters, not emoji") {
    size_t b = 0, e = 0;
    const std::string s = "Mae'r plentyn sy'n hapus, " + kEmoji + " ten-year-old d\xC5\xB5r";
    wordAt(s, 2, b, e);
    CHECK(s.substr(b, e - b) == "Mae'r");
    wordAt(s, s.find("sy'n") + 1, b, e);
    CHECK(s.substr(b, e - b) == "sy'n");
    wordAt(s, s.find("hapus") + 5, b, e); // at the end of a word
    CHECK(s.substr(b, e - b) == "hapus");
    wordAt(s, s.find(kEmoji), b, e);
    CHECK(b == e);
    wordAt(s, s.find("year"), b, e);
    CHECK(s.substr(b, e - b) == "ten-year-old");
    wordAt(s, s.size() - 1, b, e);
    CHECK(s.substr(b, e - b) == "d\xC5\xB5r");
}

TEST_CASE("editing: insert, replace a selection, delete whole characters") {
    std::string s = "hello world";
    Editor e;
    e.setCaret(s, 5, false);
    CHECK(e.insert(s, ",", 100));
    CHECK(s == "hello, world");
    e.select(s, 7, 12);
    CHECK(e.selected(s) == "world");
    CHECK(e.insert(s, kEmoji, 100));
    CHECK(s == "hello, " + kEmoji);
    CHECK(e.caret() == s.size());
    CHECK(e.backspace(s));
    CHECK(s == "hello, "); // the whole emoji, not one byte of it
    e.setCaret(s, 0, false);
    CHECK(e.deleteForward(s));
    CHECK(s == "ello, ");
    e.left(s, false, false);
    CHECK(e.caret() == 0);
    CHECK_FALSE(e.backspace(s));
}

TEST_CASE("a full field takes only whole characters that fit") {
    std::string s = "abcd";
    Editor e;
    e.setCaret(s, 4, false);
    CHECK(e.insert(s, "x" + kEmoji, 7)); // room for 3 bytes: 'x' only, not half an emoji
    CHECK(s == "abcdx");
    CHECK_FALSE(e.insert(s, "y", 5));
    CHECK(s == "abcdx");
}

TEST_CASE("undo and redo: typing merges into words; cut and paste are steps of their own") {
    std::string s;
    Editor e;
    for (const char* piece : {"T", "h", "e", " ", "c", "a", "t"})
        e.insert(s, piece, 1000);
    CHECK(s == "The cat");
    CHECK(e.undo(s));
    CHECK(s == "The ");
    CHECK(e.undo(s));
    CHECK(s.empty());
    CHECK_FALSE(e.undo(s));
    CHECK(e.redo(s));
    CHECK(e.redo(s));
    CHECK(s == "The cat");
    CHECK_FALSE(e.redo(s));
    // Cut "cat", paste it at the start, undo both.
    e.select(s, 4, 7);
    const std::string clip = e.selected(s);
    CHECK(e.eraseSelection(s));
    CHECK(s == "The ");
    e.setCaret(s, 0, false);
    CHECK(e.insert(s, clip, 1000));
    CHECK(s == "catThe ");
    CHECK(e.undo(s));
    CHECK(s == "The ");
    CHECK(e.undo(s));
    CHECK(s == "The cat");
    CHECK(e.selected(s) == "cat"); // the selection comes back with the text
    // A new edit after an undo drops the redo history.
    e.setCaret(s, 0, false);
    e.insert(s, "X", 1000);
    CHECK_FALSE(e.canRedo());
}

TEST_CASE("word-wise movement") {
    const std::string s = "one, two  three";
    Editor e;
    e.setCaret(s, 0, false);
    e.right(s, false, true);
    CHECK(e.caret() == 3);
    e.right(s, false, true);
    CHECK(e.caret() == 8);
    e.left(s, false, true);
    CHECK(e.caret() == 5);
    e.setCaret(s, s.size(), false);
    e.left(s, true, true);
    CHECK(e.selected(s) == "three");
}

TEST_CASE("positions survive the text changing underneath; wipe forgets the history") {
    std::string s = "some long text";
    Editor e;
    e.setCaret(s, s.size(), false);
    e.insert(s, " more", 1000);
    s = "ab" + kEmoji; // reopened record, say
    e.clamp(s);
    CHECK(e.caret() <= s.size());
    e.setCaret(s, 4, false); // inside the emoji: snapped to its start
    CHECK(e.caret() == 2);
    e.wipe();
    CHECK_FALSE(e.canUndo());
    CHECK(e.caret() == 0);
}

TEST_CASE("random edits keep the text valid UTF-8 and undo returns every step") {
    FixedMetrics m;
    std::mt19937 rng(1234);
    const std::vector<std::string> pieces{"a", " ", "\n", kEmoji, "\xC5\xB5", "word ", "W", "\xE2\x80\x8D"};
    std::string s;
    Editor e;
    std::vector<std::string> states{s};
    for (int i = 0; i < 600; ++i) {
        const int op = int(rng() % 6);
        if (op <= 2) {
            e.insert(s, pieces[rng() % pieces.size()], 4000);
        } else if (op == 3) {
            e.backspace(s);
        } else if (op == 4) {
            e.setCaret(s, rng() % (s.size() + 1), rng() % 2 == 0);
        } else {
            const Layout l = layoutText(s, 30 + float(rng() % 200), m);
            for (const Line& line : l.lines)
                CHECK(line.begin == snapToChar(s, line.begin));
            e.down(s, l, m, false);
        }
        if (states.back() != s) states.push_back(s);
        for (size_t p = 0; p < s.size(); p = nextChar(s, p)) {
            size_t len = 0;
            REQUIRE(decodeAt(s, p, &len) != 0xFFFD);
        }
    }
    while (e.undo(s)) {
    }
    CHECK(s.empty());
    while (e.redo(s)) {
    }
    CHECK(s == states.back());
}
