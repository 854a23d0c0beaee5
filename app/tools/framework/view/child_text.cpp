#include "app/tools/framework/view/child_text.h"

#include <SDL.h>
#include <imgui.h>

#include <deque>
#include <unordered_map>
#include <vector>

namespace heard::tools {

namespace {

constexpr unsigned int kFirstPlaceholder = 0xE000; // the BMP private-use area
constexpr unsigned int kLastPlaceholder = 0xF8FF;
constexpr unsigned int kReplacement = 0xFFFD;

struct PendingCharacter {
    unsigned int codePoint;
    int frame;
};

struct Placeholders {
    std::vector<unsigned int> originals; // placeholder index -> original code point
    std::unordered_map<unsigned int, unsigned int> byOriginal;
    std::deque<PendingCharacter> pending; // typed characters ImGui cannot hold, oldest first

    // Placeholder for an original; 0 when the private-use area is used up (6400 distinct
    // characters in one session: then the character is lost, as it would be without this).
    unsigned int placeholderFor(unsigned int original) {
        auto it = byOriginal.find(original);
        if (it != byOriginal.end()) return it->second;
        if (kFirstPlaceholder + originals.size() > kLastPlaceholder) return 0;
        unsigned int placeholder = kFirstPlaceholder + unsigned(originals.size());
        originals.push_back(original);
        byOriginal.emplace(original, placeholder);
        return placeholder;
    }
};

Placeholders& placeholders() {
    static Placeholders s_placeholders;
    return s_placeholders;
}

// Decodes one UTF-8 code point at text[i], advancing i; invalid bytes come back as themselves
// with ok = false so the caller can copy them through untouched.
unsigned int nextCodePoint(const std::string& text, size_t& i, bool& ok) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    int length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    ok = length > 0 && i + size_t(length) <= text.size();
    if (!ok) {
        ++i;
        return c;
    }
    unsigned int cp = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < length; ++k) {
        const unsigned char next = static_cast<unsigned char>(text[i + size_t(k)]);
        if ((next & 0xC0) != 0x80) {
            ok = false;
            ++i;
            return c;
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    i += size_t(length);
    return cp;
}

void appendUtf8(std::string& out, unsigned int cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

bool needsPlaceholder(unsigned int cp) {
    return cp > 0xFFFF || (cp >= kFirstPlaceholder && cp <= kLastPlaceholder);
}

int currentFrame() {
    return ImGui::GetCurrentContext() ? ImGui::GetFrameCount() : 0;
}

} // namespace

void noteTextInput(const std::string& utf8) {
    Placeholders& p = placeholders();
    for (size_t i = 0; i < utf8.size();) {
        bool ok = false;
        const unsigned int cp = nextCodePoint(utf8, i, ok);
        if (ok && needsPlaceholder(cp)) p.pending.push_back({cp, currentFrame()});
    }
    // Never let stale characters pile up (typed while no child field was active).
    while (p.pending.size() > 64)
        p.pending.pop_front();
}

void noteTextInput(const SDL_Event& event) {
    if (event.type == SDL_TEXTINPUT) noteTextInput(std::string(event.text.text));
}

std::string encodeForImGui(const std::string& utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (size_t i = 0; i < utf8.size();) {
        const size_t start = i;
        bool ok = false;
        const unsigned int cp = nextCodePoint(utf8, i, ok);
        if (ok && needsPlaceholder(cp)) {
            if (unsigned int placeholder = placeholders().placeholderFor(cp)) {
                appendUtf8(out, placeholder);
                continue;
            }
        }
        out.append(utf8, start, i - start);
    }
    return out;
}

std::string decodeFromImGui(const std::string& shown) {
    const Placeholders& p = placeholders();
    std::string out;
    out.reserve(shown.size());
    for (size_t i = 0; i < shown.size();) {
        const size_t start = i;
        bool ok = false;
        const unsigned int cp = nextCodePoint(shown, i, ok);
        if (ok && cp >= kFirstPlaceholder && cp < kFirstPlaceholder + p.originals.size()) {
            appendUtf8(out, p.originals[cp - kFirstPlaceholder]);
            continue;
        }
        out.append(shown, start, i - start);
    }
    return out;
}

unsigned int filterTypedCharacter(unsigned int character) {
    Placeholders& p = placeholders();
    // Characters noted more than a few frames ago were not for this field.
    const int frame = currentFrame();
    while (!p.pending.empty() && frame - p.pending.front().frame > 3)
        p.pending.pop_front();
    if (character == kReplacement && !p.pending.empty()) {
        const unsigned int original = p.pending.front().codePoint;
        p.pending.pop_front();
        if (unsigned int placeholder = p.placeholderFor(original)) return placeholder;
    } else if (character >= kFirstPlaceholder && character <= kLastPlaceholder) {
        // A private-use character typed for real: keep it, through its own placeholder.
        if (!p.pending.empty() && p.pending.front().codePoint == character) p.pending.pop_front();
        if (unsigned int placeholder = p.placeholderFor(character)) return placeholder;
    }
    return character;
}

} // namespace heard::tools
