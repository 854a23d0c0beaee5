// The drawing canvas: finger strokes kept as vectors (points normalised to the canvas), a few
// big colour swatches, and undo.
#include "app/i18n/i18n.h"
#include "app/tools/framework/view/step_views.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <algorithm>
#include <cmath>

namespace heard::tools {

namespace {
constexpr ImU32 kPens[] = {IM_COL32(40, 40, 50, 255),   IM_COL32(220, 60, 60, 255),
                           IM_COL32(250, 170, 40, 255), IM_COL32(60, 170, 80, 255),
                           IM_COL32(60, 120, 220, 255), IM_COL32(150, 80, 200, 255)};
constexpr int kPenCount = int(sizeof(kPens) / sizeof(kPens[0]));
constexpr float kPenWidth = 0.012f; // of the canvas width

void drawStroke(ImDrawList* dl, const Stroke& stroke, ImVec2 origin, ImVec2 size) {
    std::vector<ImVec2> points;
    points.reserve(stroke.points.size() / 2);
    for (size_t i = 0; i + 1 < stroke.points.size(); i += 2)
        points.emplace_back(origin.x + stroke.points[i] * size.x, origin.y + stroke.points[i + 1] * size.y);
    const float width = std::max(1.0f, stroke.width * size.x);
    if (points.size() == 1 ||
        (points.size() == 2 && points[0].x == points[1].x && points[0].y == points[1].y)) {
        dl->AddCircleFilled(points[0], width / 2, stroke.colour, 12); // a dot
        return;
    }
    dl->AddPolyline(points.data(), int(points.size()), stroke.colour, ImDrawFlags_RoundCornersAll, width);
}
} // namespace

bool drawCanvas(ActivityRun& run, ChildViewState& state, ImVec2 size) {
    const Answer* answer = run.currentAnswer();
    if (!answer) return false;
    bool changed = false;

    // The pens and undo, in a row above the canvas.
    for (int i = 0; i < kPenCount; ++i) {
        ImGui::PushID(i);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float side = ui::touchTarget();
        if (ImGui::InvisibleButton("##pen", ImVec2(side, side))) state.penColour = i;
        ui::tag(("canvas.colour." + std::to_string(i)).c_str());
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddCircleFilled(ImVec2(p.x + side / 2, p.y + side / 2), side * 0.4f, kPens[i], 24);
        if (state.penColour == i)
            dl->AddCircle(ImVec2(p.x + side / 2, p.y + side / 2), side * 0.48f, ui::colours::text, 24,
                          ui::dp(3));
        ImGui::PopID();
        ImGui::SameLine();
    }
    if (ui::bigButton(_("Undo"), "canvas.undo", ui::dp(120))) {
        run.undoStroke();
        changed = true;
    }

    ImVec2 canvasSize(std::max(ui::dp(100), ImGui::GetContentRegionAvail().x),
                      std::max(ui::dp(100), std::min(size.y, ImGui::GetContentRegionAvail().y) - ui::dp(4)));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##canvas", canvasSize);
    ui::tag("canvas");
    ui::claimGesture(); // a finger drawing must never scroll the screen
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, ImVec2(origin.x + canvasSize.x, origin.y + canvasSize.y),
                      IM_COL32(255, 255, 255, 255), ui::dp(8));
    dl->AddRect(origin, ImVec2(origin.x + canvasSize.x, origin.y + canvasSize.y),
                IM_COL32(200, 196, 190, 255), ui::dp(8));

    // While the finger is down on the canvas the stroke grows; lifting it saves the stroke.
    if (ImGui::IsItemActive()) {
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        const float x = std::clamp((mouse.x - origin.x) / canvasSize.x, 0.0f, 1.0f);
        const float y = std::clamp((mouse.y - origin.y) / canvasSize.y, 0.0f, 1.0f);
        if (!state.drawing) {
            state.drawing = true;
            state.currentStroke = Stroke{{}, kPens[state.penColour], kPenWidth};
        }
        auto& points = state.currentStroke.points;
        // Skip points closer than half a pen width: fewer points, same line.
        const bool far = points.size() < 2 || std::hypot((x - points[points.size() - 2]) * canvasSize.x,
                                                         (y - points.back()) * canvasSize.y) > ui::dp(2);
        if (far) {
            points.push_back(x);
            points.push_back(y);
        }
    } else if (state.drawing) {
        state.drawing = false;
        Stroke stroke = std::move(state.currentStroke);
        state.currentStroke = Stroke{};
        if (stroke.points.size() == 2) { // a tap: a dot
            stroke.points.push_back(stroke.points[0]);
            stroke.points.push_back(stroke.points[1]);
        }
        run.addStroke(std::move(stroke));
        changed = true;
    }

    dl->PushClipRect(origin, ImVec2(origin.x + canvasSize.x, origin.y + canvasSize.y), true);
    for (const Stroke& stroke : run.currentAnswer()->strokes)
        drawStroke(dl, stroke, origin, canvasSize);
    if (state.drawing && !state.currentStroke.points.empty())
        drawStroke(dl, state.currentStroke, origin, canvasSize);
    dl->PopClipRect();
    return changed;
}

} // namespace heard::tools
