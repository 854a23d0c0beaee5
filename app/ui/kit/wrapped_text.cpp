#include "app/ui/kit/wrapped_text.h"

#include "app/ui/kit/text_engine.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdarg>
#include <cstring>
#include <string_view>

namespace heard::ui {

namespace {

// Advances as ImGui draws them: a character the font lacks (or beyond 16 bits, which
// Debian's ImGui cannot look up) takes the fallback glyph's width.
class DrawnMetrics : public text::GlyphMetrics {
public:
    DrawnMetrics(ImFont* font, float size) : m_font(font), m_scale(size / font->FontSize) {}
    float advance(char32_t c) const override {
        if (c == '\n') return 0.0f;
        return (c < 0x10000 ? m_font->GetCharAdvance(ImWchar(c)) : m_font->FallbackAdvanceX) * m_scale;
    }

private:
    ImFont* m_font;
    float m_scale;
};

} // namespace

void wrappedText(const char* text) {
    if (!text) return;
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return;
    const float wrapPos = window->DC.TextWrapPos;
    const float right = wrapPos > 0.0f ? window->Pos.x + wrapPos
                                       : ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = std::max(right - origin.x, ImGui::GetFontSize() * 2);
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const DrawnMetrics metrics(font, size);
    const std::string_view all(text, std::strlen(text));
    const text::Layout layout = text::layoutText(all, width, metrics);
    const float lineHeight = ImGui::GetTextLineHeight();
    ImGui::Dummy(ImVec2(std::min(width, layout.widest()), lineHeight * float(layout.lines.size())));
    if (!ImGui::IsItemVisible()) return;
    const ImU32 colour = ImGui::GetColorU32(ImGuiCol_Text);
    float y = origin.y;
    for (const text::Line& line : layout.lines) {
        if (line.end > line.begin)
            window->DrawList->AddText(font, size, ImVec2(origin.x, y), colour, text + line.begin,
                                      text + line.end);
        y += lineHeight;
    }
}

void wrappedTextF(const char* format, ...) {
    char buffer[2048];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    wrappedText(buffer);
}

} // namespace heard::ui
