#include "app/tools/skin_map/view/skin_map_fields.h"

#include "app/i18n/i18n.h"
#include "app/ui/kit/text_area.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <imgui.h>

#include <algorithm>

namespace heard::skinmap {

namespace {

int growString(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* text = static_cast<std::string*>(data->UserData);
        text->resize(size_t(data->BufTextLen));
        data->Buf = text->data();
    }
    return 0;
}

void label(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::colours::muted);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

} // namespace

bool textField(const char* text, std::string& value, const char* tagName, const char* hint) {
    label(text);
    ImGui::PushID(tagName);
    ImGui::SetNextItemWidth(-1);
    bool changed;
    {
        ui::TouchFieldHeight touch;
        changed = ImGui::InputTextWithHint("##text", hint, value.data(), value.capacity() + 1,
                                           ImGuiInputTextFlags_CallbackResize, growString, &value);
    }
    ui::tagField(tagName);
    ImGui::PopID();
    return changed;
}

bool textArea(const char* text, std::string& value, const char* tagName, float lines) {
    label(text);
    ui::TextAreaOptions options;
    options.minLines = std::max(1, int(lines + 0.5f));
    options.language = i18n::language();
    return ui::textArea(tagName, value, options);
}

bool choiceButton(const char* text, bool selected, const char* tagName) {
    if (selected) {
        ImGui::PushStyleColor(ImGuiCol_Button, ui::colours::accent);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ui::colours::accent);
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, ui::colours::accent);
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    }
    const float width = ImGui::CalcTextSize(text).x + ImGui::GetStyle().FramePadding.x * 2 + ui::dp(8);
    flowNext(width);
    const bool pressed = ui::bigButton(text, tagName, width);
    if (selected) ImGui::PopStyleColor(4);
    return pressed;
}

namespace {
bool s_flowFirst = true;
} // namespace

void flowStart() {
    s_flowFirst = true;
}

void flowNext(float itemWidth) {
    // Called before an item: keep it on the line if it fits, else wrap.
    if (s_flowFirst) {
        s_flowFirst = false;
        return;
    }
    ImGui::SameLine();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetCursorScreenPos().x + itemWidth > right) ImGui::NewLine();
}

} // namespace heard::skinmap
