#include "app/ui/choice_button.h"

#include "app/i18n/i18n.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <imgui.h>

#include <string>

namespace heard::ui {

bool choiceButton(const char* label, bool selected, const char* tagName, float width) {
    // A chosen answer is filled and marked; the others are outlined, so the state is not told by
    // colour alone.
    const std::string text = std::string(selected ? "\u25C9 " : "\u25CB ") + label;
    if (selected) {
        ImGui::PushStyleColor(ImGuiCol_Button, colours::accent);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colours::accent);
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    }
    const bool pressed = bigButton(text.c_str(), tagName, width);
    if (selected) ImGui::PopStyleColor(3);
    return pressed;
}

void wrappedBullet(const char* text) {
    ImGui::Bullet();
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
}

void errorLine(const char* msgid) {
    if (!msgid || !*msgid) return;
    ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(_(msgid));
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

} // namespace heard::ui
