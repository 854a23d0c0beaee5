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
#include <string>
#include <vector>

namespace heard::skinmap {

namespace {

// Short labels for the view buttons, shown under their part of the body ("Hands": "Left back");
// the full title is shown under the map.
const char* shortViewLabel(ViewId view) {
    switch (view) {
    case ViewId::BodyFront:
        return N_("Front");
    case ViewId::BodyBack:
        return N_("Back");
    case ViewId::HeadFront:
        return N_("Face");
    case ViewId::HeadBack:
        return N_("Back");
    case ViewId::HeadLeft:
        return N_("Left side");
    case ViewId::HeadRight:
        return N_("Right side");
    case ViewId::LeftPalm:
        return N_("Left palm");
    case ViewId::LeftHandBack:
        return N_("Left back");
    case ViewId::RightPalm:
        return N_("Right palm");
    case ViewId::RightHandBack:
        return N_("Right back");
    case ViewId::LeftFootTop:
        return N_("Left top");
    case ViewId::LeftSole:
        return N_("Left sole");
    case ViewId::RightFootTop:
        return N_("Right top");
    case ViewId::RightSole:
        return N_("Right sole");
    }
    return "";
}

struct ViewGroup {
    const char* id;
    const char* title;
    std::vector<ViewId> views;
};
const std::vector<ViewGroup>& viewGroups() {
    static const std::vector<ViewGroup> s_groups{
        {"body", N_("Body"), {ViewId::BodyFront, ViewId::BodyBack}},
        {"head", N_("Head"), {ViewId::HeadFront, ViewId::HeadBack, ViewId::HeadLeft, ViewId::HeadRight}},
        {"hands",
         N_("Hands"),
         {ViewId::LeftPalm, ViewId::LeftHandBack, ViewId::RightPalm, ViewId::RightHandBack}},
        {"feet",
         N_("Feet"),
         {ViewId::LeftFootTop, ViewId::LeftSole, ViewId::RightFootTop, ViewId::RightSole}},
    };
    return s_groups;
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

    // Two rows whatever the text size: the part of the body (with zoom), then its views. Fourteen
    // views in one flow took four rows at 150 % text and left the canvas no room.
    auto changeView = [&state](ViewId view) {
        if (state.view != view) state.zoom = 1, state.panX = state.panY = 0;
        state.view = view;
    };
    auto marksIn = [&state](const std::vector<ViewId>& views) {
        return int(std::count_if(state.map.marks.begin(), state.map.marks.end(), [&views](const Mark& m) {
            return std::find(views.begin(), views.end(), m.view) != views.end();
        }));
    };
    flowStart();
    for (const ViewGroup& group : viewGroups()) {
        std::string label = _(group.title);
        if (const int count = marksIn(group.views)) label += " (" + std::to_string(count) + ")";
        const bool current =
            std::find(group.views.begin(), group.views.end(), state.view) != group.views.end();
        if (choiceButton(label.c_str(), current, (std::string("skinmap.group.") + group.id).c_str()) &&
            !current)
            changeView(group.views.front());
    }
    const float centreX = state.canvas.x + state.canvas.width / 2,
                centreY = state.canvas.y + state.canvas.height / 2;
    if (choiceButton(" + ", false, "skinmap.zoomIn")) zoomAt(state, kZoomStep, centreX, centreY);
    if (choiceButton(" - ", false, "skinmap.zoomOut")) zoomAt(state, 1 / kZoomStep, centreX, centreY);
    if (choiceButton(_("Fit"), false, "skinmap.zoomFit")) state.zoom = 1, state.panX = state.panY = 0;
    flowStart();
    for (const ViewGroup& group : viewGroups()) {
        if (std::find(group.views.begin(), group.views.end(), state.view) == group.views.end()) continue;
        for (ViewId view : group.views) {
            std::string label = _(shortViewLabel(view));
            if (const int count = marksIn({view})) label += " (" + std::to_string(count) + ")";
            if (choiceButton(label.c_str(), state.view == view,
                             (std::string("skinmap.view.") + toString(view)).c_str()))
                changeView(view);
        }
    }
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
    // Never less than a few touch targets: at the largest text sizes the toolbar is tall, and
    // then the screen scrolls rather than leave a strip too thin to mark on.
    const float canvasHeight = std::max(landscape ? avail.y : avail.y * 0.55f, ui::touchTarget() * 2.5f);
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
