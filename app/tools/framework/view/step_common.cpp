// Shared pieces of the step views: the picture button and the text box for the child's words.
#include "app/tools/framework/view/step_views.h"

#include "app/i18n/i18n.h"
#include "app/ui/kit/text_area.h"

#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <algorithm>

namespace heard::tools {

bool pictureButton(const char* id, const char* tagName, const char* caption, float side, bool selected,
                   const std::function<void(ImDrawList*, ImVec2, float)>& picture) {
    ImGui::PushID(id);
    ImGui::BeginGroup();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    // Room for two lines of caption, more when a translation needs it (Welsh often does).
    const float wrap = side - ui::dp(8);
    const ImVec2 textSize = ImGui::CalcTextSize(caption, nullptr, false, wrap);
    const float captionHeight = std::max(ImGui::GetTextLineHeightWithSpacing() * 2, textSize.y + ui::dp(8));
    const ImVec2 size(side, std::max(side + captionHeight, ui::touchTarget()));
    const bool pressed = ImGui::InvisibleButton("##picture", size);
    if (tagName) ui::tag(tagName);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 background = selected                 ? ui::colours::accentSoft
                             : ImGui::IsItemHovered() ? IM_COL32(240, 240, 236, 255)
                                                      : ui::colours::card;
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), background, ui::dp(12));
    dl->AddRect(p, ImVec2(p.x + size.x, p.y + size.y),
                selected ? ui::colours::accent : IM_COL32(220, 216, 210, 255), ui::dp(12), 0,
                selected ? ui::dp(4) : ui::dp(1.5f));
    picture(dl, ImVec2(p.x + side / 2, p.y + side / 2), side * 0.8f);
    // The caption, centred and wrapped inside the tile.
    ImGui::PushClipRect(p, ImVec2(p.x + size.x, p.y + size.y), true);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                ImVec2(p.x + std::max(ui::dp(4), (side - textSize.x) / 2), p.y + side - ui::dp(4)),
                ui::colours::text, caption, nullptr, wrap);
    ImGui::PopClipRect();
    ImGui::EndGroup();
    ImGui::PopID();
    return pressed;
}

bool inputChildWords(const char* tagName, std::string& words, ImVec2 size) {
    // The child's words are kept exactly as typed, every character (emoji too), never trimmed
    // or corrected; spelling is only underlined, in the language the activity is drawn in
    // (the child's).
    ui::TextAreaOptions options;
    options.width = size.x > 0 ? size.x : 0;
    options.height = size.y;
    options.language = i18n::language();
    return ui::textArea(tagName, words, options);
}

} // namespace heard::tools
