#include "app/tools/framework/view/read_aloud.h"

#include "app/i18n/i18n.h"
#include "app/tools/framework/view/activity_drawing.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace heard::tools {

bool speakButton(const char* text, const char* tagName) {
    const float side = ui::touchTarget();
    ImGui::PushID(tagName);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton("##speak", ImVec2(side, side));
    ui::tag(tagName);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + side, p.y + side),
                      ImGui::IsItemActive() ? ui::colours::accentSoft : ui::colours::card, side * 0.25f);
    dl->AddRect(p, ImVec2(p.x + side, p.y + side), ui::colours::accent, side * 0.25f, 0, ui::dp(1.5f));
    drawIcon(dl, "speaker", ImVec2(p.x + side / 2, p.y + side / 2), side * 0.7f, ui::colours::accent);
    ImGui::PopID();
    if (pressed) speech().say(text ? text : "", i18n::language());
    return pressed;
}

bool pictureBarButton(const char* label, const char* tagName, const char* icon, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float height = std::max(ui::touchTarget(), ImGui::GetFrameHeight());
    const float iconSide = height * 0.8f;
    const float textWidth = width - iconSide - style.FramePadding.x * 3;
    const ImVec2 text = ImGui::CalcTextSize(label, nullptr, false, textWidth);
    const ImVec2 size(width, std::max(height, text.y + style.FramePadding.y * 2));
    ImGui::PushID(tagName);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton("##bar", size);
    ui::tag(tagName);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImGuiCol fill = ImGui::IsItemActive()    ? ImGuiCol_ButtonActive
                          : ImGui::IsItemHovered() ? ImGuiCol_ButtonHovered
                                                   : ImGuiCol_Button;
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), ImGui::GetColorU32(fill), style.FrameRounding);
    drawIcon(dl, icon, ImVec2(p.x + style.FramePadding.x + iconSide / 2, p.y + size.y / 2), iconSide,
             ui::colours::accent);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                ImVec2(p.x + style.FramePadding.x * 2 + iconSide, p.y + (size.y - text.y) / 2),
                ImGui::GetColorU32(ImGuiCol_Text), label, nullptr, textWidth);
    ImGui::PopID();
    return pressed;
}

} // namespace heard::tools
