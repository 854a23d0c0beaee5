// Scale steps: eleven steps from 0 to 10 that grow taller, coloured by the step's tone; a
// picture at each end with its words under it (for a child who cannot read the words), and the
// chosen number big between them. For younger children the content's age band may give the
// pictures-only form instead: 3 or 5 big picture steps, no numbers and no words to read.
//
// [SECTION] colours
// [SECTION] the ends: pictures and words
// [SECTION] the pictures-only form
// [SECTION] drawScaleStep
#include "app/i18n/i18n.h"
#include "app/tools/framework/model/activity_pictures.h"
#include "app/tools/framework/view/activity_drawing.h"
#include "app/tools/framework/view/step_views.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace heard::tools {

// [SECTION] colours

namespace {

constexpr ImU32 kWhite = IM_COL32(255, 255, 255, 255);

float relativeLuminance(ImU32 colour) {
    auto channel = [](ImU32 value) {
        const float c = float(value & 0xFF) / 255.0f;
        return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
    };
    return 0.2126f * channel(colour >> IM_COL32_R_SHIFT) + 0.7152f * channel(colour >> IM_COL32_G_SHIFT) +
           0.0722f * channel(colour >> IM_COL32_B_SHIFT);
}

} // namespace

ImU32 scaleStepColour(ScaleTone tone, int value) {
    const Rgba c = scaleStepRgba(tone, value); // one table for the tablet and the visit report
    return IM_COL32(c.r, c.g, c.b, c.a);
}

float contrastRatio(ImU32 a, ImU32 b) {
    const float la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

ImU32 scaleNumberColour(ScaleTone tone, int value) {
    const ImU32 fill = scaleStepColour(tone, value);
    return contrastRatio(fill, ui::colours::text) >= contrastRatio(fill, kWhite) ? ui::colours::text : kWhite;
}

// [SECTION] the ends

namespace {

// Wrapped text, each line flush left or flush right; returns the height used. With draw false
// it only measures.
float wrappedText(ImDrawList* dl, const char* text, ImVec2 at, float wrap, bool flushRight, bool draw) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize(), lineHeight = ImGui::GetTextLineHeight();
    const char* end = text + std::strlen(text);
    float y = at.y;
    for (const char* line = text; line < end;) {
        const char* lineEnd = font->CalcWordWrapPositionA(1.0f, line, end, wrap);
        if (lineEnd == line) ++lineEnd; // a word longer than the line: never loop forever
        const char* shownEnd = lineEnd;
        while (shownEnd > line && (shownEnd[-1] == ' ' || shownEnd[-1] == '\n'))
            --shownEnd;
        if (draw) {
            const float width = font->CalcTextSizeA(size, FLT_MAX, 0.0f, line, shownEnd).x;
            dl->AddText(font, size, ImVec2(flushRight ? at.x + wrap - width : at.x, y), ui::colours::text,
                        line, shownEnd);
        }
        y += lineHeight;
        line = lineEnd;
        while (line < end && (*line == ' ' || *line == '\n'))
            ++line;
    }
    return y - at.y;
}

// The picture of one end. Without icons from the content: a small circle at 0 and a big one
// at 10, in the colours of those steps, so the ends still read as "a little" and "a lot".
void endPicture(ImDrawList* dl, const Step& step, bool high, ImVec2 centre, float side) {
    const std::string& icon = high ? step.highIcon : step.lowIcon;
    if (!icon.empty()) {
        drawIcon(dl, icon, centre, side, naturalIconColour(icon));
        return;
    }
    const float r = side * (high ? 0.42f : 0.2f);
    dl->AddCircleFilled(centre, r, scaleStepColour(step.tone, high ? 10 : 0), 40);
    dl->AddCircle(centre, r, IM_COL32(45, 45, 55, 150), 40, ui::dp(1.5f));
}

// [SECTION] the pictures-only form

// Three or five tiles that rise from left to right, coloured by the tone at their place on the
// 0-10 line. The end tiles show the content's end pictures; the others a dot that grows, so
// "a little" to "a lot" reads without a number or a word. The chosen tile gets a thick ring.
bool drawPictureScale(ActivityRun& run, const Step& step, ImVec2 area) {
    const Answer* answer = run.currentAnswer();
    const int count = scaleFormSteps(step.scaleForm);
    const float spacing = ImGui::GetStyle().ItemSpacing.x * 2;
    const float width =
        std::clamp((area.x - spacing * float(count - 1)) / float(count), ui::touchTarget(), ui::dp(220));
    const float rowWidth = width * float(count) + spacing * float(count - 1);
    const float tallest = std::clamp(area.y * 0.9f, ui::touchTarget() * 2, ui::dp(360));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float left = origin.x + std::max(0.0f, (area.x - rowWidth) / 2);
    bool changed = false;
    ImGui::BeginGroup();
    for (int position = 0; position < count; ++position) {
        const int onTen = scaleOnTen(step.scaleForm, position);
        const float rise = 0.55f + 0.45f * float(position) / float(count - 1);
        const float height = std::max(ui::touchTarget() * 2, tallest * rise);
        const ImVec2 min(left + float(position) * (width + spacing), origin.y + tallest - height);
        ImGui::SetCursorScreenPos(min);
        ImGui::PushID(position);
        if (ImGui::InvisibleButton("##picture_step", ImVec2(width, height))) {
            run.setScale(position);
            changed = true;
        }
        ImGui::PopID();
        ui::tag(("scale." + std::to_string(position)).c_str());
        const ImVec2 max = ImGui::GetItemRectMax();
        dl->AddRectFilled(min, max, scaleStepColour(step.tone, onTen), ui::dp(14));
        const bool selected = answer && answer->scale == position && answer->scaleForm == step.scaleForm;
        if (selected) {
            dl->AddRect(min, max, ui::colours::text, ui::dp(14), 0, ui::dp(6));
            dl->AddRect(ImVec2(min.x + ui::dp(6), min.y + ui::dp(6)),
                        ImVec2(max.x - ui::dp(6), max.y - ui::dp(6)), kWhite, ui::dp(10), 0, ui::dp(3));
        }
        const float side = std::min(width, height) * 0.7f;
        const ImVec2 centre((min.x + max.x) / 2, max.y - side / 2 - ui::dp(10));
        const std::string& icon = position == 0           ? step.lowIcon
                                  : position == count - 1 ? step.highIcon
                                                          : std::string();
        // A pale disc under every picture keeps it clear on a dark storm tile, and makes the
        // middle tiles read as pictures too (a dot that grows), never as something to fear.
        dl->AddCircleFilled(centre, side * 0.5f, IM_COL32(255, 255, 255, 220), 40);
        if (!icon.empty()) {
            drawIcon(dl, icon, centre, side * 0.85f, naturalIconColour(icon));
        } else {
            const float r = side * (0.1f + 0.28f * float(position) / float(count - 1));
            dl->AddCircleFilled(centre, r, scaleStepColour(step.tone, std::min(10, onTen + 3)), 32);
            dl->AddCircle(centre, r, IM_COL32(45, 45, 55, 150), 32, ui::dp(1.5f));
        }
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(area.x, tallest));
    ImGui::EndGroup();
    ui::tag((std::string("scaleform.") + scaleFormName(step.scaleForm)).c_str());
    return changed;
}

} // namespace

// [SECTION] drawScaleStep

bool drawScaleStep(ActivityRun& run, const Step& step, ImVec2 area) {
    if (step.scaleForm != ScaleForm::Numbers) return drawPictureScale(run, step, area);
    const Answer* answer = run.currentAnswer();
    bool changed = false;
    const ImGuiStyle& style = ImGui::GetStyle();
    // Eleven steps across when each can be a touch target wide with a small gap; else (large
    // text sizes, portrait) two rows, 0-5 above 6-10, so no step is narrower than a finger.
    const float minSpacing = ui::dp(2);
    const int rows = ui::touchTarget() * 11 + minSpacing * 10 <= area.x ? 1 : 2;
    const int perRow = rows == 1 ? 11 : 6;
    const float spacing =
        std::min(style.ItemSpacing.x,
                 std::max(minSpacing, (area.x - ui::touchTarget() * float(perRow)) / float(perRow - 1)));
    const float width =
        std::max((area.x - spacing * float(perRow - 1)) / float(perRow), std::min(ui::touchTarget(), area.x));
    const float rowWidth = width * float(perRow) + spacing * float(perRow - 1);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();

    // Measure the ends first: the pictures, and the words under them (Welsh often takes more
    // lines), so the steps take what height is left.
    const char* low = i18n::tr(step.lowLabel);
    const char* high = i18n::tr(step.highLabel);
    const float wordsWrap = std::max(width * 2, rowWidth * 0.38f);
    const float wordsHeight = std::max(wrappedText(dl, low, origin, wordsWrap, false, false),
                                       wrappedText(dl, high, origin, wordsWrap, true, false));
    const float picture = std::clamp(area.y * 0.2f, ui::touchTarget(), ui::dp(96));
    const float below = style.ItemSpacing.y * 2 + picture + wordsHeight;
    const float tallest = std::clamp(std::min(area.y * 0.55f, area.y - below), ui::dp(100), ui::dp(320));
    // On two rows the steps still rise through both (0 the lowest, 10 the tallest), each at
    // least a touch target tall.
    const float rowGap = style.ItemSpacing.y;
    const float rowTallest = rows == 1 ? tallest : std::max(ui::touchTarget(), (tallest - rowGap) / 2);
    const float stepsHeight = rowTallest * float(rows) + rowGap * float(rows - 1);

    // The steps.
    for (int value = 0; value <= 10; ++value) {
        const int row = value / perRow, column = value % perRow;
        const float rise = rows == 1 ? 0.25f + 0.075f * float(value) : 0.35f + 0.065f * float(value);
        const float height = std::max(ui::touchTarget(), rowTallest * rise);
        const float x = origin.x + float(column) * (width + spacing);
        const float rowBottom = origin.y + rowTallest * float(row + 1) + rowGap * float(row);
        ImGui::SetCursorScreenPos(ImVec2(x, rowBottom - height));
        ImGui::PushID(value);
        if (ImGui::InvisibleButton("##value", ImVec2(width, height))) {
            run.setScale(value);
            changed = true;
        }
        ImGui::PopID();
        ui::tag(("scale." + std::to_string(value)).c_str());
        const bool selected = answer && answer->scale == value;
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        const ImU32 numberColour = scaleNumberColour(step.tone, value);
        dl->AddRectFilled(min, max, scaleStepColour(step.tone, value), ui::dp(10));
        if (selected) {
            dl->AddRect(min, max, ui::colours::text, ui::dp(10), 0, ui::dp(4));
            // A dark ring alone is lost on a dark storm step: a white one inside it shows the choice.
            if (numberColour != ui::colours::text) {
                const ImVec2 inset(ui::dp(4), ui::dp(4));
                dl->AddRect(ImVec2(min.x + inset.x, min.y + inset.y),
                            ImVec2(max.x - inset.x, max.y - inset.y), numberColour, ui::dp(7), 0,
                            ui::dp(2.5f));
            }
        }
        char number[4];
        std::snprintf(number, sizeof number, "%d", value);
        const ImVec2 textSize = ImGui::CalcTextSize(number);
        dl->AddText(ImVec2(min.x + (width - textSize.x) / 2, max.y - textSize.y - ui::dp(8)), numberColour,
                    number);
    }

    // The two ends: a picture under the first and the last step (centred on it when the step
    // is wide enough), the words under each picture, flush to their own side.
    const float top = origin.y + stepsHeight + style.ItemSpacing.y;
    const float rowEnd = origin.x + rowWidth;
    const float lowX = std::max(origin.x + picture / 2, origin.x + width / 2);
    const float highX = std::min(rowEnd - picture / 2, rowEnd - width / 2);
    endPicture(dl, step, false, ImVec2(lowX, top + picture / 2), picture);
    endPicture(dl, step, true, ImVec2(highX, top + picture / 2), picture);
    const float wordsTop = top + picture + style.ItemSpacing.y;
    wrappedText(dl, low, ImVec2(origin.x, wordsTop), wordsWrap, false, true);
    wrappedText(dl, high, ImVec2(rowEnd - wordsWrap, wordsTop), wordsWrap, true, true);

    // The chosen number, big, between the two ends.
    if (answer && answer->scale >= 0) {
        ImFont* huge = ui::fonts().huge ? ui::fonts().huge : ImGui::GetFont();
        char number[4];
        std::snprintf(number, sizeof number, "%d", answer->scale);
        const ImVec2 size = huge->CalcTextSizeA(huge->FontSize, FLT_MAX, 0.0f, number);
        dl->AddText(huge, huge->FontSize,
                    ImVec2(origin.x + (rowWidth - size.x) / 2, top + (picture - size.y) / 2),
                    ui::colours::text, number);
    }
    // Each end as an item (a picture is not a button), tagged so tests can see where it went.
    for (bool isHigh : {false, true}) {
        ImGui::SetCursorScreenPos(ImVec2(isHigh ? rowEnd - wordsWrap : origin.x, top));
        ImGui::Dummy(ImVec2(wordsWrap, picture + style.ItemSpacing.y + wordsHeight));
        ui::tag(isHigh ? "scale.high" : "scale.low");
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(rowWidth, 1));
    ui::tag("scaleform.numbers");
    return changed;
}

} // namespace heard::tools
