// Place steps ("my world"): the child in the middle of rings; people and pets from the tray are
// tapped and then placed with a tap on the map, and dragged to move nearer or further away.
#include "app/i18n/i18n.h"
#include "app/tools/framework/view/activity_drawing.h"
#include "app/tools/framework/view/step_views.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "platform/ui_tags.h"

#include <algorithm>
#include <cmath>

namespace heard::tools {

namespace {
const ChoiceOption* personFor(const Step& step, const std::string& id) {
    for (const ChoiceOption& person : step.people) {
        if (person.id == id) return &person;
    }
    return nullptr;
}
} // namespace

bool drawPlaceStep(ActivityRun& run, const Step& step, ChildViewState& state, ImVec2 area) {
    const Answer* answer = run.currentAnswer();
    if (!answer) return false;
    bool changed = false;
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // The tray: one tile per person or pet, in a column to the right (or a row when narrow).
    const bool portrait = area.y > area.x;
    const float tile = ui::dp(96); // wide enough for "athrawes" unbroken
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    // In portrait the tray goes under the map: leave room for all its rows (tiles may be three
    // caption lines tall in Welsh).
    const float tileHeight = tile + ImGui::GetTextLineHeightWithSpacing() * 3 + spacing;
    const int trayColumns = std::max(1, int((area.x + spacing) / (tile + spacing)));
    const int trayRows = int((step.people.size() + size_t(trayColumns) - 1) / size_t(trayColumns));
    const float trayHeight = ImGui::GetTextLineHeightWithSpacing() + float(trayRows) * tileHeight + ui::dp(8);
    const float mapSide = std::max(ui::dp(160), portrait ? std::min(area.x, area.y - trayHeight)
                                                         : std::min(area.y, area.x - tile * 3.4f));
    const ImVec2 mapOrigin = ImGui::GetCursorScreenPos();
    const ImVec2 centre(mapOrigin.x + mapSide / 2, mapOrigin.y + mapSide / 2);
    const float radius = mapSide / 2;

    ImGui::InvisibleButton("##map", ImVec2(mapSide, mapSide));
    ui::tag("world.map");
    ui::claimGesture();
    const bool mapActive = ImGui::IsItemActive();
    const bool mapReleased =
        ImGui::IsItemDeactivated() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);

    // Rings: near, in between, far.
    const ImU32 rings[] = {IM_COL32(236, 228, 214, 255), IM_COL32(244, 238, 226, 255),
                           IM_COL32(252, 249, 242, 255)};
    for (int i = 0; i < 3; ++i)
        dl->AddCircleFilled(centre, radius * (1.0f - 0.3f * float(i)), rings[i], 64);
    drawIcon(dl, "person", centre, radius * 0.35f, IM_COL32(230, 150, 60, 255));
    const char* me = _("Me");
    const ImVec2 meSize = ImGui::CalcTextSize(me);
    dl->AddText(ImVec2(centre.x - meSize.x / 2, centre.y + radius * 0.2f), ui::colours::text, me);

    const float tokenRadius = ui::touchTarget() * 0.6f;
    auto toScreen = [&](float x, float y) {
        return ImVec2(centre.x + x * (radius - tokenRadius), centre.y + y * (radius - tokenRadius));
    };
    auto fromScreen = [&](ImVec2 p, float& x, float& y) {
        x = std::clamp((p.x - centre.x) / (radius - tokenRadius), -1.0f, 1.0f);
        y = std::clamp((p.y - centre.y) / (radius - tokenRadius), -1.0f, 1.0f);
    };
    const ImVec2 mouse = ImGui::GetIO().MousePos;

    // A press on a placed token starts moving it; otherwise a tap on the map places the token
    // picked in the tray.
    if (mapActive && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        state.draggingToken.clear();
        for (const Placement& p : answer->placements) {
            ImVec2 at = toScreen(p.x, p.y);
            if (std::hypot(mouse.x - at.x, mouse.y - at.y) <= tokenRadius) state.draggingToken = p.tokenId;
        }
    }
    if (mapActive && !state.draggingToken.empty() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
        float x, y;
        fromScreen(mouse, x, y);
        run.place(state.draggingToken, "", x, y);
        changed = true;
    }
    if (mapReleased) {
        if (state.draggingToken.empty() && !state.selectedToken.empty()) {
            float x, y;
            fromScreen(mouse, x, y);
            run.place(state.selectedToken, "", x, y);
            state.selectedToken.clear();
            changed = true;
        }
        state.draggingToken.clear();
    }

    answer = run.currentAnswer();
    for (const Placement& p : answer->placements) {
        const ChoiceOption* person = personFor(step, p.tokenId);
        ImVec2 at = toScreen(p.x, p.y);
        dl->AddCircleFilled(at, tokenRadius, IM_COL32(255, 255, 255, 255), 32);
        dl->AddCircle(at, tokenRadius,
                      state.draggingToken == p.tokenId ? ui::colours::accent : IM_COL32(190, 184, 176, 255),
                      32, ui::dp(3));
        drawIcon(dl, person && !person->icon.empty() ? person->icon : "person",
                 ImVec2(at.x, at.y - tokenRadius * 0.15f), tokenRadius * 1.1f, ui::colours::accent);
        const char* label =
            p.name.empty() ? (person ? i18n::tr(person->label) : p.tokenId.c_str()) : p.name.c_str();
        const ImVec2 labelSize = ImGui::CalcTextSize(label);
        // Kept inside the map so a name near the edge stays readable.
        const float labelX = std::clamp(at.x - labelSize.x / 2, mapOrigin.x,
                                        std::max(mapOrigin.x, mapOrigin.x + mapSide - labelSize.x));
        dl->AddText(ImVec2(labelX, at.y + tokenRadius), ui::colours::text, label);
        platform::TagRegistry::instance().set("world.placed." + p.tokenId, at.x - tokenRadius,
                                              at.y - tokenRadius, at.x + tokenRadius, at.y + tokenRadius);
    }

    // The tray.
    if (portrait)
        ImGui::SetCursorScreenPos(ImVec2(mapOrigin.x, mapOrigin.y + mapSide + ui::dp(8)));
    else
        ImGui::SetCursorScreenPos(ImVec2(mapOrigin.x + mapSide + ui::dp(12), mapOrigin.y));
    ImGui::BeginGroup();
    if (!state.selectedToken.empty())
        ImGui::TextUnformatted(_("Now tap the map to put them there."));
    else
        ImGui::TextUnformatted(_("Tap someone, then tap the map."));
    const float trayWidth = portrait ? area.x : area.x - mapSide - ui::dp(12);
    const int perRow = std::max(1, int((trayWidth + spacing) / (tile + spacing)));
    int column = 0;
    for (const ChoiceOption& person : step.people) {
        const bool placed = std::any_of(answer->placements.begin(), answer->placements.end(),
                                        [&](const Placement& p) { return p.tokenId == person.id; });
        const std::string tagName = "world.token." + person.id;
        if (pictureButton(person.id.c_str(), tagName.c_str(), i18n::tr(person.label), tile,
                          state.selectedToken == person.id || placed, [&](ImDrawList* d, ImVec2 c, float s) {
                              drawIcon(d, person.icon.empty() ? "person" : person.icon, c, s * 0.8f,
                                       placed ? ui::colours::muted : ui::colours::accent);
                          }))
            state.selectedToken = state.selectedToken == person.id ? std::string() : person.id;
        if (++column < perRow)
            ImGui::SameLine();
        else
            column = 0;
    }
    ImGui::EndGroup();
    return changed;
}

} // namespace heard::tools
