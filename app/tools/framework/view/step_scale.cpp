// Scale steps: eleven steps from 0 to 10 that grow taller and warmer, the chosen number big.
#include "app/i18n/i18n.h"
#include "app/tools/framework/view/step_views.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"

#include <algorithm>

namespace heard::tools {

namespace {
ImU32 stepColour(int value) {
    // From a soft blue at 0 to a sunny yellow at 10.
    const float t = float(value) / 10.0f;
    return IM_COL32(int(150 + 105 * t), int(190 + 30 * t), int(235 - 150 * t), 255);
}
} // namespace

bool drawScaleStep(ActivityRun& run, const Step& step, ImVec2 area) {
    const Answer* answer = run.currentAnswer();
    bool changed = false;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = std::max(ui::touchTarget(), (area.x - spacing * 10) / 11);
    const float tallest = std::clamp(area.y * 0.55f, ui::dp(120), ui::dp(320));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    for (int value = 0; value <= 10; ++value) {
        const float height = std::max(ui::touchTarget(), tallest * (0.25f + 0.075f * float(value)));
        const float x = origin.x + float(value) * (width + spacing);
        ImGui::SetCursorScreenPos(ImVec2(x, origin.y + tallest - height));
        ImGui::PushID(value);
        if (ImGui::InvisibleButton("##value", ImVec2(width, height))) {
            run.setScale(value);
            changed = true;
        }
        ImGui::PopID();
        ui::tag(("scale." + std::to_string(value)).c_str());
        const bool selected = answer && answer->scale == value;
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        dl->AddRectFilled(min, max, stepColour(value), ui::dp(10));
        if (selected) dl->AddRect(min, max, ui::colours::text, ui::dp(10), 0, ui::dp(4));
        char number[4];
        std::snprintf(number, sizeof number, "%d", value);
        const ImVec2 textSize = ImGui::CalcTextSize(number);
        dl->AddText(ImVec2(min.x + (width - textSize.x) / 2, max.y - textSize.y - ui::dp(8)), ui::colours::text, number);
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + tallest + spacing));
    // The two ends in words, under the first and last steps.
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width * 3);
    ImGui::TextUnformatted(i18n::tr(step.lowLabel));
    ImGui::PopTextWrapPos();
    const char* high = i18n::tr(step.highLabel);
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), area.x - std::min(width * 3, ImGui::CalcTextSize(high).x)));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(high);
    ImGui::PopTextWrapPos();
    if (answer && answer->scale >= 0) {
        ImGui::PushFont(ui::fonts().huge);
        ImGui::Text("%d", answer->scale);
        ImGui::PopFont();
    }
    return changed;
}

} // namespace heard::tools
