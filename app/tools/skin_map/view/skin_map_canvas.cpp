// The skin map canvas: the outline drawn with ImDrawList (crisp at any zoom), the numbered
// marks, and the gestures (tap to mark or select, drag to move or pan, pinch/wheel to zoom).
#include "app/tools/skin_map/view/skin_map_canvas.h"

#include "app/i18n/i18n.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace heard::skinmap {

namespace {

constexpr ImU32 kFill = IM_COL32(242, 242, 242, 255);
constexpr ImU32 kBorder = IM_COL32(178, 178, 184, 255);
constexpr ImU32 kStroke = IM_COL32(64, 64, 64, 255);
constexpr ImU32 kMark = IM_COL32(191, 0, 33, 255);

ImVec2 toScreen(const SkinMapViewState::FrameRect& f, Point p) {
    return ImVec2(f.x + float(p.x) * f.width, f.y + float(p.y) * f.height);
}

// Triangles of each part's outline, computed once (the outlines never change at run time).
const std::vector<std::array<int, 3>>& trianglesOf(const BodyPart& part) {
    static std::unordered_map<const BodyPart*, std::vector<std::array<int, 3>>> s_cache;
    auto it = s_cache.find(&part);
    if (it == s_cache.end()) it = s_cache.emplace(&part, triangulate(part.outline)).first;
    return it->second;
}

void polyline(ImDrawList* list, const Polygon& polygon, const SkinMapViewState::FrameRect& f, ImU32 colour,
              float thickness) {
    std::vector<ImVec2> points;
    points.reserve(polygon.size());
    for (const Point& p : polygon)
        points.push_back(toScreen(f, p));
    list->AddPolyline(points.data(), int(points.size()), colour, ImDrawFlags_Closed, thickness);
}

void drawOutlineList(ImDrawList* list, const OutlineView& view, const SkinMapViewState::FrameRect& f) {
    const float outlineWidth = std::max(1.5f, f.width * 0.007f);
    const float borderWidth = std::max(1.0f, f.width * 0.0025f);
    for (const BodyPart& part : view.parts) {
        // No anti-aliasing on fills: it would draw faint seams between the triangles.
        const ImDrawListFlags saved = list->Flags;
        list->Flags &= ~ImDrawListFlags_AntiAliasedFill;
        for (const auto& t : trianglesOf(part))
            list->AddTriangleFilled(toScreen(f, part.outline[size_t(t[0])]),
                                    toScreen(f, part.outline[size_t(t[1])]),
                                    toScreen(f, part.outline[size_t(t[2])]), kFill);
        list->Flags = saved;
        for (const RegionPiece& piece : part.pieces)
            polyline(list, piece.polygon, f, kBorder, borderWidth);
        polyline(list, part.outline, f, kStroke, outlineWidth);
    }
}

float markRadiusPx() {
    return ui::dp(15.0f);
}

void drawMark(ImDrawList* list, ImVec2 centre, int number, bool selected) {
    const float r = markRadiusPx();
    if (selected) list->AddCircleFilled(centre, r * 1.45f, ui::colours::accent);
    list->AddCircleFilled(centre, r, kMark);
    list->AddCircle(centre, r, IM_COL32(255, 255, 255, 255), 0, ui::dp(2.0f));
    const std::string label = std::to_string(number);
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    list->AddText(ImVec2(centre.x - size.x / 2, centre.y - size.y / 2), IM_COL32(255, 255, 255, 255),
                  label.c_str());
}

// The topmost mark of the current view under a screen point, or 0.
int markAt(const SkinMapViewState& state, float x, float y) {
    const float reach = markRadiusPx() * 1.3f;
    for (auto it = state.map.marks.rbegin(); it != state.map.marks.rend(); ++it) {
        if (it->view != state.view) continue;
        float mx, my;
        screenPointFor(state, it->position, mx, my);
        if ((mx - x) * (mx - x) + (my - y) * (my - y) <= reach * reach) return it->number;
    }
    return 0;
}

// How far off the outline a tap may land and still count (a fingertip is ~7 mm wide).
double touchTolerance(const SkinMapViewState& state) {
    return state.frame.width > 0 ? double(ui::dp(14.0f) / state.frame.width) : 0.0;
}

// The part of a view's frame the body occupies (normalised), so the body, not its empty
// margins, fills the canvas.
struct Bounds {
    double x0 = 1, y0 = 1, x1 = 0, y1 = 0;
};
Bounds contentBounds(const OutlineView& view) {
    Bounds b;
    for (const BodyPart& part : view.parts)
        for (const Point& p : part.outline) {
            b.x0 = std::min(b.x0, p.x);
            b.y0 = std::min(b.y0, p.y);
            b.x1 = std::max(b.x1, p.x);
            b.y1 = std::max(b.y1, p.y);
        }
    return b;
}

// Where the frame's top-left corner goes, unpanned, for a frame of this width.
void fittedOrigin(const SkinMapViewState& state, const OutlineView& view, float width, float& x, float& y) {
    const Bounds b = contentBounds(view);
    const float height = width * float(view.aspect);
    x = state.canvas.x + (state.canvas.width - width) / 2 + (0.5f - float(b.x0 + b.x1) / 2) * width;
    y = state.canvas.y + (state.canvas.height - height) / 2 + (0.5f - float(b.y0 + b.y1) / 2) * height;
}

void layoutFrame(SkinMapViewState& state, const OutlineView& view) {
    const auto& c = state.canvas;
    const float aspect = float(view.aspect);
    const Bounds b = contentBounds(view);
    const float contentWidth = float(b.x1 - b.x0),
                contentHeight = float(b.y1 - b.y0) * aspect; // in frame widths
    const float fitWidth = std::min(c.width * 0.92f / contentWidth, c.height * 0.92f / contentHeight);
    state.zoom = std::clamp(state.zoom, kMinZoom, kMaxZoom);
    const float width = fitWidth * state.zoom, height = width * aspect;
    // Keep at least a third of the canvas covered by the picture when panning.
    const float limitX = std::max(0.0f, (width - c.width) / 2 + c.width / 3);
    const float limitY = std::max(0.0f, (height - c.height) / 2 + c.height / 3);
    if (state.zoom <= kMinZoom) state.panX = state.panY = 0;
    state.panX = std::clamp(state.panX, -limitX, limitX);
    state.panY = std::clamp(state.panY, -limitY, limitY);
    float x, y;
    fittedOrigin(state, view, width, x, y); // the body's bounds, not the frame, centred
    state.frame = {x + state.panX, y + state.panY, width, height};
}

} // namespace

void screenPointFor(const SkinMapViewState& state, Point p, float& x, float& y) {
    const ImVec2 s = toScreen(state.frame, p);
    x = s.x;
    y = s.y;
}

Point viewPointAt(const SkinMapViewState& state, float x, float y) {
    if (state.frame.width <= 0 || state.frame.height <= 0) return {-1, -1};
    return {double((x - state.frame.x) / state.frame.width),
            double((y - state.frame.y) / state.frame.height)};
}

void zoomAt(SkinMapViewState& state, float factor, float focusX, float focusY) {
    const Point under = viewPointAt(state, focusX, focusY);
    const float oldZoom = state.zoom;
    state.zoom = std::clamp(state.zoom * factor, kMinZoom, kMaxZoom);
    if (state.zoom == oldZoom) return;
    // Keep the point under the focus where it is.
    const float ratio = state.zoom / oldZoom;
    const float newWidth = state.frame.width * ratio, newHeight = state.frame.height * ratio;
    float fittedX, fittedY;
    fittedOrigin(state, outlineView(state.map.bodyShape, state.view), newWidth, fittedX, fittedY);
    state.panX = focusX - float(under.x) * newWidth - fittedX;
    state.panY = focusY - float(under.y) * newHeight - fittedY;
    state.frame.width = newWidth;
    state.frame.height = newHeight;
    state.frame.x = fittedX + state.panX;
    state.frame.y = fittedY + state.panY;
}

void drawSkinMapCanvas(SkinMapViewState& state, SkinMapViewActions& actions, float width, float height) {
    const OutlineView& view = outlineView(state.map.bodyShape, state.view);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    state.canvas = {origin.x, origin.y, width, height};
    layoutFrame(state, view);

    ImGui::InvisibleButton("##skinmap.canvas", ImVec2(width, height));
    ui::tag("skinmap.canvas");
    ui::claimGesture();
    const ImGuiIO& io = ImGui::GetIO();
    const bool enabled = !state.readOnly && state.noticeAcknowledged;

    if (enabled && ImGui::IsItemActivated()) {
        state.gesture = SkinMapViewState::Gesture::Pending;
        state.pressX = io.MousePos.x;
        state.pressY = io.MousePos.y;
        state.pressedMark = markAt(state, state.pressX, state.pressY);
    }
    if (enabled && ImGui::IsItemActive() && state.gesture != SkinMapViewState::Gesture::None) {
        const float dx = io.MousePos.x - state.pressX, dy = io.MousePos.y - state.pressY;
        if (state.gesture == SkinMapViewState::Gesture::Pending && dx * dx + dy * dy > ui::dp(8) * ui::dp(8))
            state.gesture =
                state.pressedMark ? SkinMapViewState::Gesture::MoveMark : SkinMapViewState::Gesture::Pan;
        if (state.gesture == SkinMapViewState::Gesture::Pan) {
            state.panX += io.MouseDelta.x;
            state.panY += io.MouseDelta.y;
        }
        state.dragX = io.MousePos.x;
        state.dragY = io.MousePos.y;
    }
    if (enabled && ImGui::IsItemDeactivated() && state.gesture != SkinMapViewState::Gesture::None) {
        const Point p = viewPointAt(state, io.MousePos.x, io.MousePos.y);
        if (state.gesture == SkinMapViewState::Gesture::Pending) {
            if (state.pressedMark) {
                state.selectedMark = state.pressedMark;
                state.message.clear();
            } else {
                EditError error = EditError::None;
                const int number = addMark(state.map, state.view, p, touchTolerance(state), error);
                if (number) {
                    Mark* mark = state.map.mark(number);
                    mark->observedAt = state.now;
                    mark->observedBy = state.practitioner;
                    state.selectedMark = number;
                    state.message.clear();
                    actions.changed = true;
                } else {
                    state.message = _("Tap on the body outline to place a mark.");
                }
            }
        } else if (state.gesture == SkinMapViewState::Gesture::MoveMark) {
            if (moveMark(state.map, state.pressedMark, p, touchTolerance(state)) == EditError::None) {
                state.selectedMark = state.pressedMark;
                state.message.clear();
                actions.changed = true;
            } else {
                state.message = _("A mark must stay on the body: it went back.");
            }
        }
        state.gesture = SkinMapViewState::Gesture::None;
        state.pressedMark = 0;
    }

    ImDrawList* list = ImGui::GetWindowDrawList();
    list->PushClipRect(origin, ImVec2(origin.x + width, origin.y + height), true);
    list->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), ui::colours::card);
    drawOutlineList(list, view, state.frame);
    if (view.childsLeft != ChildsLeft::NotShown) {
        // Which side is the child's left: never leave it to be worked out.
        const bool leftOnRight = view.childsLeft == ChildsLeft::ImageRight;
        const char* leftWord = _("Child's left");
        const char* rightWord = _("Child's right");
        const char* onLeft = leftOnRight ? rightWord : leftWord;
        const char* onRight = leftOnRight ? leftWord : rightWord;
        const float pad = ui::dp(8);
        list->AddText(ImVec2(origin.x + pad, origin.y + pad), ui::colours::muted, onLeft);
        list->AddText(ImVec2(origin.x + width - pad - ImGui::CalcTextSize(onRight).x, origin.y + pad),
                      ui::colours::muted, onRight);
    }
    for (const Mark& m : state.map.marks) {
        if (m.view != state.view) continue;
        ImVec2 at = toScreen(state.frame, m.position);
        if (state.gesture == SkinMapViewState::Gesture::MoveMark && state.pressedMark == m.number)
            at = ImVec2(state.dragX, state.dragY);
        drawMark(list, at, m.number, m.number == state.selectedMark);
    }
    list->PopClipRect();
}

} // namespace heard::skinmap
