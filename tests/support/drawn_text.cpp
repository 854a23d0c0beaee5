#include "tests/support/drawn_text.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace heard::test {
namespace {

void appendUtf8(std::string& out, unsigned int c) {
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

// Letters of a word: anything past ASCII (Welsh ŵ ŷ â and the like) counts as a letter.
bool wordCharacter(unsigned int c) {
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '\'' || c == '-' || c == 0x2019;
}

using UvKey = std::pair<float, float>;

} // namespace

std::vector<std::string> drawnWords(const ImDrawData* drawData) {
    std::vector<std::string> words;
    if (!drawData) return words;
    // Each visible glyph of each loaded font, by the atlas corner its quads start from
    // (ImFont::RenderText copies U0/V0 into the first vertex unless it clips the glyph).
    struct Glyph {
        unsigned int codepoint;
        float sizePerHeight; // the font's size over the glyph's height at that size
    };
    std::map<UvKey, Glyph> glyphs;
    for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
        for (const ImFontGlyph& g : font->Glyphs)
            if (g.Visible && g.Y1 > g.Y0)
                glyphs.emplace(UvKey(g.U0, g.V0),
                               Glyph{unsigned(g.Codepoint), font->FontSize / (g.Y1 - g.Y0)});

    for (int l = 0; l < drawData->CmdListsCount; ++l) {
        const ImDrawList* list = drawData->CmdLists[l];
        const ImVector<ImDrawVert>& v = list->VtxBuffer;
        std::string word;
        float lastRight = 0.0f, lastTop = 0.0f, lastSize = 0.0f;
        bool inRun = false;
        auto endWord = [&] {
            if (!word.empty()) words.push_back(word);
            word.clear();
        };
        for (int i = 0; i + 3 < v.Size;) {
            const auto found = glyphs.find(UvKey(v[i].uv.x, v[i].uv.y));
            // A glyph quad: its second vertex shares the first's top edge, its third lies below.
            const bool glyph = found != glyphs.end() && v[i + 1].uv.y == v[i].uv.y &&
                               v[i + 1].pos.y == v[i].pos.y && v[i + 2].pos.y > v[i].pos.y;
            if (!glyph) {
                inRun = false;
                endWord();
                ++i;
                continue;
            }
            const float left = v[i].pos.x, top = v[i].pos.y;
            // The size the glyph was drawn at (AddText may scale a font), from its drawn height.
            const float drawnSize = (v[i + 2].pos.y - v[i].pos.y) * found->second.sizePerHeight;
            const float size = std::max(drawnSize, lastSize);
            // A space is not drawn: a gap of a fifth of the size or more, or a new line, ends a word
            // (glyphs such as f and j reach back over their neighbour a little: not a new line).
            if (inRun && (left - lastRight > size * 0.2f || left < lastRight - size * 0.5f ||
                          std::fabs(top - lastTop) > size))
                endWord();
            const unsigned int c = found->second.codepoint;
            if (wordCharacter(c))
                appendUtf8(word, c);
            else
                endWord();
            inRun = true;
            lastRight = v[i + 1].pos.x;
            lastTop = top;
            lastSize = drawnSize;
            i += 4;
        }
        endWord();
    }
    return words;
}

std::string drawnCharacters(const ImDrawData* drawData) {
    std::string text;
    if (!drawData) return text;
    std::map<UvKey, unsigned int> glyphs;
    for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
        for (const ImFontGlyph& g : font->Glyphs)
            if (g.Visible) glyphs.emplace(UvKey(g.U0, g.V0), unsigned(g.Codepoint));
    for (int l = 0; l < drawData->CmdListsCount; ++l) {
        const ImVector<ImDrawVert>& v = drawData->CmdLists[l]->VtxBuffer;
        for (int i = 0; i + 3 < v.Size;) {
            const auto found = glyphs.find(UvKey(v[i].uv.x, v[i].uv.y));
            if (found == glyphs.end()) {
                ++i;
                continue;
            }
            appendUtf8(text, found->second);
            i += 4; // one quad per glyph
        }
        text += '\n';
    }
    return text;
}

} // namespace heard::test
