// [SECTION] Index: state and input queue, glyph metrics, events, spelling, the widget, probe
#include "app/ui/kit/text_area.h"

#include "app/i18n/i18n.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "platform/ui_tags.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace heard::ui {

namespace {

// [SECTION] state and input queue

void wipeString(std::string& s) {
    if (s.capacity()) sodium_memzero(s.data(), s.capacity());
    s.clear();
}

struct PendingInput {
    enum Kind { Text, Key, Composition } kind = Text;
    std::string text; // typed text, or the composition so far
    SDL_Keycode key = 0;
    Uint16 mod = 0;
};

struct AreaState {
    text::Editor editor;
    text::Layout layout;
    uint64_t fingerprint = 0; // of the text the layout is for
    size_t size = size_t(-1);
    uint64_t ownFingerprint = 0; // of the text as this widget left it last frame
    bool known = false;
    float wrapWidth = -1, fontSize = -1;
    ImFont* font = nullptr;
    float scrollY = 0;
    size_t shownCaret = size_t(-1); // the caret the scroll was last adjusted for
    bool focusedAtPress = false;
    bool dragged = false;
    int lastFrame = -1;
    std::string tagName;
    // Spelling: underlined byte ranges, valid for this text, language and dictionary revision.
    std::vector<std::pair<size_t, size_t>> misspelt;
    uint64_t spellFingerprint = 0;
    std::string spellLanguage;
    unsigned spellRevision = unsigned(-1);
    bool spellChecked = false;
    // The suggestions shown after a tap on an underlined word.
    size_t popupBegin = 0, popupEnd = 0;
    std::vector<std::string> suggestions;
    bool openPopup = false;
    bool closePopup = false;
    int missingGlyphs = 0;
    // Where the latest frame drew it (for the probe).
    float textX = 0, textY = 0, visibleTop = 0, visibleBottom = 0, lineHeight = 0;
};

struct Kit {
    std::unordered_map<ImGuiID, AreaState> areas;
    std::unordered_map<std::string, ImGuiID> byTag;
    ImGuiID focused = 0;
    std::vector<PendingInput> queue;
    std::string composition;
    uint64_t clipboardFingerprint = 0; // of text this kit put on the clipboard (0: none)
    SpellingService* spelling = nullptr;
};

Kit& kit() {
    static Kit s_kit;
    return s_kit;
}

void wipeQueue(std::vector<PendingInput>& queue) {
    for (auto& input : queue)
        wipeString(input.text);
    queue.clear();
}

void unfocus() {
    Kit& k = kit();
    k.focused = 0;
    wipeQueue(k.queue);
    wipeString(k.composition);
}

// [SECTION] glyph metrics

// Widths from the font's own table; a character the font has no glyph for (or beyond 16 bits,
// which Debian's ImGui cannot look up) is drawn as a box of boxWidth.
class FontMetrics : public text::GlyphMetrics {
public:
    FontMetrics(ImFont* font, float size)
        : m_font(font), m_scale(size / font->FontSize), m_box(size * 0.62f) {}
    float advance(char32_t c) const override {
        if (c < 0x10000 && int(c) < m_font->IndexLookup.Size && m_font->IndexLookup[int(c)] != ImWchar(-1))
            return m_font->IndexAdvanceX[int(c)] * m_scale;
        return m_box;
    }
    bool drawable(char32_t c) const {
        return c < 0x10000 && int(c) < m_font->IndexLookup.Size && m_font->IndexLookup[int(c)] != ImWchar(-1);
    }
    float box() const { return m_box; }

private:
    ImFont* m_font;
    float m_scale, m_box;
};

// [SECTION] spelling

// A word judged wrong is underlined; a hyphenated one only in the parts that are wrong
// (kitchen-tabel: "tabel"), so the suggestions are for that part.
void underlineWrongParts(AreaState& state, SpellingService& service, const std::string& language,
                         const std::string& value, size_t b, size_t e) {
    const size_t before = state.misspelt.size();
    std::string part;
    for (size_t start = b; start < e;) {
        const size_t hyphen = value.find('-', start);
        const size_t end = hyphen == std::string::npos || hyphen > e ? e : hyphen;
        if (end > start) {
            part.assign(value, start, end - start);
            if (!service.correct(language, part)) state.misspelt.emplace_back(start, end);
        }
        start = end + 1;
    }
    wipeString(part);
    if (state.misspelt.size() == before) state.misspelt.emplace_back(b, e); // wrong only as a whole
}

void checkSpelling(AreaState& state, const std::string& value, const std::string& language, bool focused) {
    SpellingService* service = kit().spelling;
    if (!service || language.empty()) {
        state.misspelt.clear();
        return;
    }
    const uint64_t fp = text::fingerprint(value);
    if (state.spellChecked && fp == state.spellFingerprint && language == state.spellLanguage &&
        service->revision() == state.spellRevision)
        return;
    state.misspelt.clear();
    size_t pos = 0;
    std::string word;
    while (pos < value.size()) {
        size_t len = 1;
        const char32_t c = text::decodeAt(value, pos, &len);
        if (!text::isWordChar(c)) {
            pos += len;
            continue;
        }
        size_t b = pos, e = pos;
        text::wordAt(value, pos, b, e);
        if (e <= pos) e = pos + len;
        // The word being typed is not judged until it is finished.
        const bool typing = focused && state.editor.caret() == e && !state.editor.hasSelection();
        if (!typing) {
            word.assign(value, b, e - b);
            if (!service->correct(language, word))
                underlineWrongParts(state, *service, language, value, b, e);
        }
        pos = e;
    }
    wipeString(word);
    state.spellFingerprint = fp;
    state.spellLanguage = language;
    state.spellRevision = service->revision();
    state.spellChecked = true;
}

// [SECTION] events

std::string clipboardText() {
    std::string out;
    if (char* raw = SDL_GetClipboardText()) {
        for (const char* p = raw; *p; ++p)
            if (*p != '\r') out += *p; // Windows line ends become one newline
        SDL_free(raw);
    }
    return out;
}

void setClipboard(const std::string& text) {
    if (text.empty()) return;
    SDL_SetClipboardText(text.c_str());
    kit().clipboardFingerprint = text::fingerprint(text);
}

// Applies the queued input to the focused area. Returns true when the text changed.
bool applyInput(AreaState& state, std::string& value, const TextAreaOptions& options,
                const FontMetrics& metrics) {
    Kit& k = kit();
    bool changed = false;
    text::Editor& ed = state.editor;
    ed.clamp(value);
    auto relayout = [&] {
        state.layout = text::layoutText(value, state.wrapWidth, metrics);
        state.fingerprint = text::fingerprint(value);
        state.size = value.size();
    };
    for (PendingInput& input : k.queue) {
        if (input.kind == PendingInput::Text) {
            wipeString(k.composition);
            changed |= ed.insert(value, input.text, options.maxBytes);
            if (changed) relayout();
            continue;
        }
        if (input.kind == PendingInput::Composition) {
            wipeString(k.composition);
            k.composition = input.text;
            continue;
        }
        const bool shift = (input.mod & KMOD_SHIFT) != 0;
        const bool ctrl = (input.mod & (KMOD_CTRL | KMOD_GUI)) != 0;
        bool edited = false;
        switch (input.key) {
        case SDLK_LEFT:
            ed.left(value, shift, ctrl);
            break;
        case SDLK_RIGHT:
            ed.right(value, shift, ctrl);
            break;
        case SDLK_UP:
            ed.up(value, state.layout, metrics, shift);
            break;
        case SDLK_DOWN:
            ed.down(value, state.layout, metrics, shift);
            break;
        case SDLK_HOME:
            if (ctrl)
                ed.setCaret(value, 0, shift);
            else
                ed.home(value, state.layout, shift);
            break;
        case SDLK_END:
            if (ctrl)
                ed.setCaret(value, value.size(), shift);
            else
                ed.end(value, state.layout, shift);
            break;
        case SDLK_BACKSPACE:
            edited = ed.backspace(value);
            break;
        case SDLK_DELETE:
            edited = ed.deleteForward(value);
            break;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            edited = ed.insert(value, "\n", options.maxBytes);
            break;
        case SDLK_ESCAPE:
            unfocus();
            return changed;
        case SDLK_a:
            if (ctrl) ed.selectAll(value);
            break;
        case SDLK_c:
            if (ctrl) setClipboard(ed.selected(value));
            break;
        case SDLK_x:
            if (ctrl && ed.hasSelection()) {
                setClipboard(ed.selected(value));
                edited = ed.eraseSelection(value);
            }
            break;
        case SDLK_v:
            if (ctrl) {
                std::string pasted = clipboardText();
                edited = ed.insert(value, pasted, options.maxBytes);
                wipeString(pasted);
            }
            break;
        case SDLK_z:
            if (ctrl) edited = shift ? ed.redo(value) : ed.undo(value);
            break;
        case SDLK_y:
            if (ctrl) edited = ed.redo(value);
            break;
        default:
            break;
        }
        if (edited) {
            changed = true;
            relayout();
        }
    }
    wipeQueue(k.queue);
    return changed;
}

} // namespace

void textAreaEvent(const SDL_Event& event) {
    Kit& k = kit();
    if (!k.focused) return;
    // A focused area that is no longer drawn (the screen changed) gives the keyboard back.
    auto it = k.areas.find(k.focused);
    if (it == k.areas.end() || it->second.lastFrame < ImGui::GetFrameCount() - 2) {
        unfocus();
        return;
    }
    PendingInput input;
    switch (event.type) {
    case SDL_TEXTINPUT:
        input.kind = PendingInput::Text;
        input.text = event.text.text;
        break;
    case SDL_TEXTEDITING:
        input.kind = PendingInput::Composition;
        input.text = event.edit.text;
        break;
    case SDL_KEYDOWN:
        input.kind = PendingInput::Key;
        input.key = event.key.keysym.sym;
        input.mod = event.key.keysym.mod;
        break;
    default:
        return;
    }
    k.queue.push_back(std::move(input));
}

void focusTextArea(const char* tagName) {
    Kit& k = kit();
    auto it = k.byTag.find(tagName);
    if (it == k.byTag.end() || k.focused == it->second) return;
    unfocus();
    k.focused = it->second;
}

bool textAreaFocused() {
    return kit().focused != 0;
}

void setSpellingService(SpellingService* service) {
    kit().spelling = service;
    for (auto& [id, state] : kit().areas)
        state.spellChecked = false;
}

void wipeTextAreas() {
    Kit& k = kit();
    unfocus();
    for (auto& [id, state] : k.areas) {
        state.editor.wipe();
        for (auto& s : state.suggestions)
            wipeString(s);
    }
    k.areas.clear();
    k.byTag.clear();
    // Text copied from a note does not outlive the session on the clipboard.
    if (k.clipboardFingerprint) {
        std::string current = clipboardText();
        if (text::fingerprint(current) == k.clipboardFingerprint) SDL_SetClipboardText("");
        wipeString(current);
        k.clipboardFingerprint = 0;
    }
}

// [SECTION] the widget

bool textArea(const char* tagName, std::string& value, const TextAreaOptions& options) {
    Kit& k = kit();
    ImGui::PushID(tagName);
    const ImGuiID id = ImGui::GetID("##area");
    AreaState& state = k.areas[id];
    if (state.tagName.empty()) {
        state.tagName = tagName;
        k.byTag[tagName] = id;
    }
    state.lastFrame = ImGui::GetFrameCount();
    ImFont* font = ImGui::GetFont();
    const float fontSize = ImGui::GetFontSize();
    const FontMetrics metrics(font, fontSize);
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 pad(std::max(style.FramePadding.x, dp(8)), std::max(style.FramePadding.y, dp(6)));
    const float gutter = dp(6); // room for the scroll indicator, kept even when not scrolling
    const float lineHeight = ImGui::GetTextLineHeight();
    const float width =
        std::max(options.width > 0 ? options.width : ImGui::GetContentRegionAvail().x, fontSize * 4);
    const float wrapWidth = std::max(fontSize, width - pad.x * 2 - gutter);

    auto layoutIfStale = [&](uint64_t fp) {
        if (fp != state.fingerprint || value.size() != state.size || wrapWidth != state.wrapWidth ||
            fontSize != state.fontSize || font != state.font) {
            state.wrapWidth = wrapWidth;
            state.fontSize = fontSize;
            state.font = font;
            state.layout = text::layoutText(value, wrapWidth, metrics);
            state.fingerprint = fp;
            state.size = value.size();
        }
    };
    // Text changed by someone else (another record opened under the same tag, a reload): the
    // undo history belongs to the old text and is dropped.
    const uint64_t before = text::fingerprint(value);
    if (state.known && before != state.ownFingerprint) state.editor.wipe();
    layoutIfStale(before);
    bool focused = k.focused == id;
    bool changed = false;
    if (focused && !k.queue.empty()) {
        state.closePopup = true; // typing or a key means the suggestions were not wanted
        changed = applyInput(state, value, options, metrics);
        layoutIfStale(text::fingerprint(value));
        focused = k.focused == id;
    }

    const int shownLines = std::clamp(int(state.layout.lines.size()), std::max(1, options.minLines),
                                      std::max(1, options.maxLines));
    // At least a touch target tall, one line or not (13.8).
    const ImVec2 size(width, std::max(touchTarget(), options.height > 0
                                                         ? std::max(options.height, lineHeight + pad.y * 2)
                                                         : lineHeight * float(shownLines) + pad.y * 2));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##area", size);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    if (ImGui::IsItemActivated()) state.focusedAtPress = focused;
    if (state.focusedAtPress) claimGesture(); // once focused, a drag selects instead of scrolling
    tagField(tagName);

    const float contentHeight = lineHeight * float(state.layout.lines.size());
    const float visibleHeight = size.y - pad.y * 2;
    const float maxScroll = std::max(0.0f, contentHeight - visibleHeight);
    if (hovered && ImGui::GetIO().MouseWheel != 0.0f && maxScroll > 0)
        state.scrollY -= ImGui::GetIO().MouseWheel * lineHeight * 3;
    state.scrollY = std::clamp(state.scrollY, 0.0f, maxScroll);
    const ImGuiIO& io = ImGui::GetIO();
    auto caretAtMouse = [&] {
        return text::caretAtPoint(value, state.layout, metrics, io.MousePos.x - (origin.x + pad.x),
                                  io.MousePos.y - (origin.y + pad.y - state.scrollY), lineHeight);
    };

    // Pointer: a press focuses and places the caret, a drag selects, a double tap takes a word.
    if (ImGui::IsItemActivated()) {
        if (!focused) {
            unfocus();
            k.focused = id;
            focused = true;
        }
        state.dragged = false;
        const size_t pos = caretAtMouse();
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
            size_t b = pos, e = pos;
            text::wordAt(value, pos, b, e);
            if (e > b)
                state.editor.select(value, b, e);
            else
                state.editor.setCaret(value, pos, false);
            state.dragged = true; // not a tap on a word for suggestions
        } else {
            state.editor.setCaret(value, pos, (io.KeyShift));
        }
    } else if (active && state.focusedAtPress && ImGui::IsMouseDragging(ImGuiMouseButton_Left, dp(6))) {
        state.dragged = true;
        // Dragging past the top or bottom scrolls the text.
        if (io.MousePos.y < origin.y + pad.y) state.scrollY -= lineHeight * 0.5f;
        if (io.MousePos.y > origin.y + size.y - pad.y) state.scrollY += lineHeight * 0.5f;
        state.scrollY = std::clamp(state.scrollY, 0.0f, maxScroll);
        state.editor.setCaret(value, caretAtMouse(), true);
    }
    if (ImGui::IsItemDeactivated() && focused && state.focusedAtPress && !state.dragged) {
        // A tap on an underlined word (with the keyboard already here) offers suggestions.
        const size_t pos = state.editor.caret();
        for (const auto& [b, e] : state.misspelt)
            if (pos >= b && pos <= e && k.spelling) {
                state.popupBegin = b;
                state.popupEnd = e;
                for (auto& s : state.suggestions)
                    wipeString(s);
                state.suggestions = k.spelling->suggest(options.language, value.substr(b, e - b));
                if (state.suggestions.size() > 5) state.suggestions.resize(5);
                state.openPopup = true;
                break;
            }
    }
    // A tap anywhere else gives the keyboard back.
    if (focused && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !hovered &&
        !ImGui::IsPopupOpen("##spelling")) {
        unfocus();
        focused = false;
    }
    if (focused) {
        ImGui::GetCurrentContext()->WantTextInputNextFrame = 1;
        // Keep the caret in view when it moved.
        if (state.editor.caret() != state.shownCaret) {
            state.shownCaret = state.editor.caret();
            const float caretTop = lineHeight * float(state.layout.lineOf(state.shownCaret));
            if (caretTop < state.scrollY) state.scrollY = caretTop;
            if (caretTop + lineHeight > state.scrollY + visibleHeight)
                state.scrollY = caretTop + lineHeight - visibleHeight;
            state.scrollY = std::clamp(state.scrollY, 0.0f, maxScroll);
        }
    }
    checkSpelling(state, value, options.language, focused);

    // Drawing: only the visible lines.
    const ImVec2 textPos(origin.x + pad.x, origin.y + pad.y - state.scrollY);
    state.textX = textPos.x;
    state.textY = textPos.y;
    state.visibleTop = origin.y + pad.y;
    state.visibleBottom = origin.y + size.y - pad.y;
    state.lineHeight = lineHeight;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(origin.x + size.x, origin.y + size.y);
    draw->AddRectFilled(origin, max, colours::card, style.FrameRounding);
    draw->AddRect(origin, max, focused ? colours::accent : ImGui::GetColorU32(ImGuiCol_Border),
                  style.FrameRounding, 0, focused ? dp(2) : dp(1));
    state.missingGlyphs = 0;
    const ImVec2 clipMin(origin.x + dp(2), origin.y + dp(2));
    const ImVec2 clipMax(max.x - dp(2), max.y - dp(2));
    draw->PushClipRect(clipMin, clipMax, true);
    const ImRect visible(ImVec2(clipMin.x, std::max(clipMin.y, draw->GetClipRectMin().y)),
                         ImVec2(clipMax.x, std::min(clipMax.y, draw->GetClipRectMax().y)));
    const ImU32 textColour = ImGui::GetColorU32(ImGuiCol_Text);
    const size_t selB = state.editor.selBegin(), selE = state.editor.selEnd();
    auto xAt = [&](const text::Line& line, size_t pos) {
        float x = 0;
        size_t len = 1;
        for (size_t p = line.begin; p < pos && p < line.next; p += len) {
            const char32_t c = text::decodeAt(value, p, &len);
            if (c != '\n' && !text::isZeroWidth(c)) x += metrics.advance(c);
        }
        return x;
    };
    const size_t lineCount = state.layout.lines.size();
    const size_t first = size_t(std::max(0.0f, std::floor((visible.Min.y - textPos.y) / lineHeight)));
    for (size_t i = first; i < lineCount; ++i) {
        const text::Line& line = state.layout.lines[i];
        const float y = textPos.y + lineHeight * float(i);
        if (y > visible.Max.y) break;
        // Selection behind the text.
        if (selE > selB && selB < line.next && selE > line.begin) {
            const float x0 = xAt(line, std::max(selB, line.begin));
            float x1 = xAt(line, std::min(selE, line.next));
            if (selE >= line.next && i + 1 < lineCount) x1 = std::max(x1, x0 + dp(4));
            draw->AddRectFilled(ImVec2(textPos.x + x0, y),
                                ImVec2(textPos.x + std::min(x1, wrapWidth + gutter), y + lineHeight),
                                IM_COL32(180, 215, 240, 255));
        }
        // Glyphs in runs the font can draw; a box for each character it cannot.
        float x = 0;
        size_t runStart = line.begin;
        float runX = 0;
        size_t len = 1;
        auto flush = [&](size_t upTo) {
            if (upTo > runStart)
                draw->AddText(font, fontSize, ImVec2(textPos.x + runX, y), textColour,
                              value.data() + runStart, value.data() + upTo);
        };
        for (size_t p = line.begin; p < line.end; p += len) {
            const char32_t c = text::decodeAt(value, p, &len);
            const bool zero = text::isZeroWidth(c);
            if (!zero && metrics.drawable(c) && c != 0xFFFD) {
                x += metrics.advance(c);
                continue;
            }
            flush(p);
            if (!zero) {
                const float w = metrics.box();
                draw->AddRect(ImVec2(textPos.x + x + w * 0.12f, y + lineHeight * 0.18f),
                              ImVec2(textPos.x + x + w * 0.88f, y + lineHeight * 0.86f), textColour, 0, 0,
                              dp(1));
                x += w;
                ++state.missingGlyphs;
            }
            runStart = p + len;
            runX = x;
        }
        flush(line.end);
        // Misspelt words: a wavy red line under each.
        for (const auto& [b, e] : state.misspelt) {
            if (e <= line.begin || b >= line.end) continue;
            const float x0 = textPos.x + xAt(line, std::max(b, line.begin));
            const float x1 = textPos.x + xAt(line, std::min(e, line.end));
            const float base = y + lineHeight - dp(2);
            const float step = dp(3);
            for (float sx = x0; sx < x1; sx += step) {
                const float ex = std::min(sx + step, x1);
                const bool up = int((sx - x0) / step) % 2 == 0;
                draw->AddLine(ImVec2(sx, base + (up ? 0 : dp(2))), ImVec2(ex, base + (up ? dp(2) : 0)),
                              colours::danger, dp(1.2f));
            }
        }
    }
    if (focused) {
        const size_t caret = state.editor.caret();
        const size_t line = state.layout.lineOf(caret);
        const float cx =
            textPos.x + std::min(xAt(state.layout.lines[line], caret), wrapWidth + gutter * 0.5f);
        const float cy = textPos.y + lineHeight * float(line);
        if (!k.composition.empty()) { // the IME's word in progress, underlined, not yet in the text
            const ImVec2 compSize = ImGui::CalcTextSize(k.composition.c_str());
            draw->AddRectFilled(ImVec2(cx, cy), ImVec2(cx + compSize.x, cy + lineHeight), colours::card);
            draw->AddText(font, fontSize, ImVec2(cx, cy), textColour, k.composition.c_str());
            draw->AddLine(ImVec2(cx, cy + lineHeight - dp(1)),
                          ImVec2(cx + compSize.x, cy + lineHeight - dp(1)), textColour, dp(1));
        }
        draw->AddLine(ImVec2(cx, cy), ImVec2(cx, cy + lineHeight), textColour, dp(2));
        SDL_Rect imeRect{int(cx), int(cy), int(dp(2)), int(lineHeight)};
        SDL_SetTextInputRect(&imeRect);
    }
    draw->PopClipRect();
    if (maxScroll > 0) { // where the visible part is in the whole text
        const float trackH = size.y - pad.y * 2;
        const float thumbH = std::max(dp(16), trackH * visibleHeight / contentHeight);
        const float thumbY = origin.y + pad.y + (trackH - thumbH) * (state.scrollY / maxScroll);
        draw->AddRectFilled(ImVec2(max.x - gutter, thumbY), ImVec2(max.x - dp(2), thumbY + thumbH),
                            colours::muted, dp(2));
    }

    // Suggestions for a tapped word: replacing it is one undoable edit.
    if (state.openPopup) {
        ImGui::OpenPopup("##spelling");
        state.openPopup = false;
        state.closePopup = false;
    }
    if (ImGui::BeginPopup("##spelling")) {
        if (state.closePopup) ImGui::CloseCurrentPopup();
        const std::string base = state.tagName;
        if (state.suggestions.empty()) mutedText(_("No suggestions"));
        for (size_t i = 0; i < state.suggestions.size(); ++i) {
            ImGui::PushID(int(i));
            if (bigButton(state.suggestions[i].c_str(), (base + ".suggestion." + std::to_string(i)).c_str(),
                          dp(260))) {
                if (state.popupEnd <= value.size()) {
                    state.editor.select(value, state.popupBegin, state.popupEnd);
                    changed |= state.editor.insert(value, state.suggestions[i], options.maxBytes);
                }
                ImGui::CloseCurrentPopup();
            }
            ImGui::PopID();
        }
        if (bigButton(_("Add to my words"), (base + ".add_word").c_str(), dp(260))) {
            if (k.spelling && state.popupEnd <= value.size())
                k.spelling->addWord(options.language,
                                    value.substr(state.popupBegin, state.popupEnd - state.popupBegin));
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    state.ownFingerprint = changed ? text::fingerprint(value) : before;
    state.known = true;
    ImGui::PopID();
    return changed;
}

// [SECTION] probe

bool textAreaProbe(const std::string& tagName, TextAreaProbe& out) {
    Kit& k = kit();
    auto found = k.byTag.find(tagName);
    if (found == k.byTag.end()) return false;
    const AreaState& state = k.areas[found->second];
    if (!platform::TagRegistry::instance().find(tagName)) return false; // not drawn in the latest frame
    out.textX = state.textX;
    out.textY = state.textY;
    out.visibleTop = state.visibleTop;
    out.visibleBottom = state.visibleBottom;
    out.wrapWidth = state.wrapWidth;
    out.lineHeight = state.lineHeight;
    out.lines = state.layout.lines;
    out.caret = state.editor.caret();
    out.anchor = state.editor.anchor();
    out.focused = k.focused == found->second;
    out.misspelt = state.misspelt;
    out.missingGlyphs = state.missingGlyphs;
    out.historyBytes = state.editor.historyBytes();
    return true;
}

} // namespace heard::ui
