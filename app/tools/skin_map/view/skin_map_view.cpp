// The skin map screen: the notice shown at every opening, the toolbar (views, zoom, undo,
// sign), and the canvas beside (landscape) or above (portrait) the panel of marks.
#include "app/tools/skin_map/view/skin_map_view.h"

#include "app/i18n/i18n.h"
#include "app/tools/skin_map/view/skin_map_canvas.h"
#include "app/tools/skin_map/view/skin_map_details.h"
#include "app/tools/skin_map/view/skin_map_fields.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/kit/wrapped_text.h"

#include <imgui.h>

#include <algorithm>

namespace heard::skinmap {

namespace {

// Short labels for the view buttons (the full title is shown under the map).
const char* shortViewLabel(ViewId view) {
    switch (view) {
    case ViewId::BodyFront:
        return N_("Front");
    case ViewId::BodyBack:
        return N_("Back");
    case ViewId::HeadFront:
        return N_("Face");
    case ViewId::HeadBack:
        return N_("Back of head");
    case ViewId::HeadLeft:
        return N_("Head, left");
    case ViewId::HeadRight:
        return N_("Head, right");
    case ViewId::LeftPalm:
        return N_("Left palm");
    case ViewId::LeftHandBack:
        return N_("Back of left hand");
    case ViewId::RightPalm:
        return N_("Right palm");
    case ViewId::RightHandBack:
        return N_("Back of right hand");
    case ViewId::LeftFootTop:
        return N_("Top of left foot");
    case ViewId::LeftSole:
        return N_("Left sole");
    case ViewId::RightFootTop:
        return N_("Top of right foot");
    case ViewId::RightSole:
        return N_("Right sole");
    }
    return "";
}

void drawNotice(SkinMapViewState& state, SkinMapViewActions& actions) {
    // Shown every time the tool opens, before anything can be marked (SF 2.96).
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(255, 246, 224, 255));
    ImGui::BeginChild("##skinmap.notice", ImVec2(0, 0), true);
    ImGui::PushFont(ui::fonts().title);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(_("Before you start"));
    ImGui::PopFont();
    ImGui::Spacing();
    ImGui::Bullet();
    ui::wrappedText(_("Record only marks you can see. Never ask a child to undress."));
    ImGui::Bullet();
    ui::wrappedText(_("No photographs: photographs belong to a medical examination."));
    ImGui::Bullet();
    ui::wrappedText(_("Record what you see, not a guess at the cause."));
    ImGui::Bullet();
    ui::wrappedText(_("This is your record. Never use it to question the child."));
    ImGui::PopTextWrapPos();
    ui::tag("skinmap.notice");
    ImGui::Spacing();
    if (ui::primaryButton(_("I understand"), "skinmap.notice.ok", -1)) {
        state.noticeAcknowledged = true;
        actions.noticeAcknowledged = true;
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void drawToolbar(SkinMapViewState& state, SkinMapViewActions& actions) {
    if (ui::bigButton(_("< Close"), "skinmap.close")) actions.close = true;
    ImGui::SameLine();
    ImGui::PushFont(ui::fonts().title);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(state.readOnly ? _("Skin map (signed)") : _("Skin map"));
    ImGui::PopFont();
    if (!state.readOnly) {
        ImGui::SameLine();
        const bool nothingToUndo = state.undoStack.empty();
        ImGui::BeginDisabled(nothingToUndo);
        if (ui::bigButton(_("Undo"), "skinmap.undo") && undo(state)) actions.changed = true;
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ui::primaryButton(_("Sign"), "skinmap.sign")) {
            state.signingProblems = validateForSigning(state.map);
            actions.sign = state.signingProblems.empty();
        }
        // A disabled control says why (13.8): beside the buttons when it fits, else below.
        if (nothingToUndo) {
            const char* why = _("Nothing to undo yet: Undo takes back your last change to the map.");
            ui::sameLineIfFits(std::min(ImGui::CalcTextSize(why).x, ui::dp(420)));
            ImGui::BeginGroup();
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() +
                                   std::max(ImGui::GetContentRegionAvail().x, ui::dp(120)));
            ImGui::AlignTextToFramePadding();
            ImGui::PushStyleColor(ImGuiCol_Text, ui::colours::muted);
            ImGui::TextUnformatted(why);
            ImGui::PopStyleColor();
            ImGui::PopTextWrapPos();
            ImGui::EndGroup();
            ui::tag("skinmap.undo.why");
        }
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ui::colours::danger);
    ImGui::TextUnformatted(_("Visible marks only. Never ask a child to undress. No photographs."));
    ImGui::PopStyleColor();

    flowStart();
    for (ViewId view : allViews()) {
        const int count = int(std::count_if(state.map.marks.begin(), state.map.marks.end(),
                                            [view](const Mark& m) { return m.view == view; }));
        std::string label = _(shortViewLabel(view));
        if (count) label += " (" + std::to_string(count) + ")";
        if (choiceButton(label.c_str(), state.view == view,
                         (std::string("skinmap.view.") + toString(view)).c_str())) {
            if (state.view != view) state.zoom = 1, state.panX = state.panY = 0;
            state.view = view;
        }
    }
    const float centreX = state.canvas.x + state.canvas.width / 2,
                centreY = state.canvas.y + state.canvas.height / 2;
    if (choiceButton(" + ", false, "skinmap.zoomIn")) zoomAt(state, kZoomStep, centreX, centreY);
    if (choiceButton(" - ", false, "skinmap.zoomOut")) zoomAt(state, 1 / kZoomStep, centreX, centreY);
    if (choiceButton(_("Fit"), false, "skinmap.zoomFit")) state.zoom = 1, state.panX = state.panY = 0;
}

} // namespace

void openSkinMapView(SkinMapViewState& state, SkinMap map, bool readOnly) {
    SkinMapViewState fresh;
    fresh.map = std::move(map);
    fresh.readOnly = readOnly;
    fresh.noticeAcknowledged = false; // every opening, signed or not, shows the notice first
    fresh.now = state.now;
    fresh.practitioner = state.practitioner;
    state = std::move(fresh);
}

bool undo(SkinMapViewState& state) {
    while (!state.undoStack.empty()) {
        SkinMap previous = std::move(state.undoStack.back());
        state.undoStack.pop_back();
        if (previous == state.map) continue;
        state.map = std::move(previous);
        if (!state.map.mark(state.selectedMark)) state.selectedMark = 0;
        state.message.clear();
        return true;
    }
    return false;
}

void drawSkinMapView(SkinMapViewState& state, SkinMapViewActions& actions) {
    if (!state.noticeAcknowledged) {
        drawNotice(state, actions);
        return;
    }
    const SkinMap before = state.map;
    const size_t undoDepthBefore = state.undoStack.size();

    drawToolbar(state, actions);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const bool landscape = avail.x > avail.y;
    const float canvasWidth = landscape ? avail.x * 0.56f : avail.x;
    const float canvasHeight = landscape ? avail.y : avail.y * 0.55f;
    drawSkinMapCanvas(state, actions, canvasWidth, canvasHeight);
    if (landscape) ImGui::SameLine();
    ImGui::BeginChild("##skinmap.panel", ImVec2(0, 0), false);
    ui::dragToScroll();
    drawSkinMapPanel(state, actions);
    ImGui::EndChild();
    ui::tag("skinmap.panel");

    // One undo step per change; typing counts as one change until the field is left.
    const bool typing = ImGui::GetIO().WantTextInput;
    const bool undone = state.undoStack.size() < undoDepthBefore;
    if (!undone && state.map != before) {
        actions.changed = true;
        if (!typing || !state.typingUndoSaved) {
            state.undoStack.push_back(before);
            if (state.undoStack.size() > kUndoDepth) state.undoStack.erase(state.undoStack.begin());
        }
        state.typingUndoSaved = typing;
        state.signingProblems.clear();
    }
    if (!typing) state.typingUndoSaved = false;
    actions.editingText = typing;
}

void handleSkinMapEvent(SkinMapViewState& state, const SDL_Event& event) {
    if (!state.noticeAcknowledged) return;
    if (event.type == SDL_MULTIGESTURE && event.mgesture.numFingers >= 2 && event.mgesture.dDist != 0) {
        // dDist is the change in finger spread, normalised to the touch surface.
        zoomAt(state, 1.0f + event.mgesture.dDist * 3.0f, state.canvas.x + state.canvas.width / 2,
               state.canvas.y + state.canvas.height / 2);
    } else if (event.type == SDL_MOUSEWHEEL && event.wheel.y != 0) {
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        const auto& c = state.canvas;
        if (mouse.x >= c.x && mouse.x < c.x + c.width && mouse.y >= c.y && mouse.y < c.y + c.height)
            zoomAt(state, event.wheel.y > 0 ? 1.15f : 1 / 1.15f, mouse.x, mouse.y);
    }
}

} // namespace heard::skinmap
