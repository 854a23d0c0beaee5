// Place steps ("my world"): the child in the middle of rings; people and pets from the tray are
// tapped and then placed with a tap on the map, and dragged to move nearer or further away.
// The tray holds the child's people as the practitioner set them (their names and pictures) and
// "Add someone": the child names a person in their own words, picks a picture and places them,
// as many as they like (issue 18.2: no fixed list of one of each).
#include "app/i18n/i18n.h"
#include "app/model/child_people.h"
#include "app/tools/framework/view/activity_drawing.h"
#include "app/tools/framework/view/figures.h"
#include "app/tools/framework/view/step_views.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "platform/ui_tags.h"

#include <algorithm>
#include <cmath>

namespace heard::tools {

namespace {

// The token a placed id stands for: its caption and how to draw it.
struct Token {
    std::string id;
    std::string caption;
    std::string figure; // a figures() id, or "" to draw `icon`
    std::string icon;
};

std::vector<Token> trayTokens(const ActivityRun& run, const Step& step) {
    std::vector<Token> out;
    for (const model::ChildPerson& person : run.people().people)
        out.push_back(
            {"person." + person.id, person.name, person.figure.empty() ? "someone" : person.figure, ""});
    for (const ChoiceOption& person : step.people)
        out.push_back({person.id, i18n::tr(person.label), "", person.icon.empty() ? "person" : person.icon});
    return out;
}

// Who a placement is: a tray token, or a person the child added (their name is the caption).
Token tokenFor(const std::vector<Token>& tray, const Placement& p) {
    for (const Token& token : tray)
        if (token.id == p.tokenId) return token;
    return {p.tokenId, p.name, p.figure.empty() ? "someone" : p.figure, ""};
}

void drawToken(ImDrawList* dl, const Token& token, ImVec2 centre, float size, ImU32 colour) {
    if (!token.figure.empty()) // a figure fills less of its square than an icon: drawn larger
        drawFigure(dl, token.figure, centre, size * 1.35f);
    else
        drawIcon(dl, token.icon, centre, size, colour);
}

constexpr const char* kNewToken = "child.new"; // the person being added, until the map is tapped

// The child names someone and picks their picture. Returns true when they are ready to place.
bool drawAddPerson(ChildViewState& state, ImVec2 area) {
    // The name and the two buttons first, the pictures under them: in landscape the buttons
    // stay on screen however many pictures there are.
    ImGui::TextUnformatted(_("Who is it? Write their name, or ask for help."));
    inputChildWords("world.add.name", state.newName, ImVec2(std::min(area.x, ui::dp(420)), ui::dp(56)));
    bool ready = false;
    const float gap = ui::dp(24);
    ui::sameLineIfFits(ui::dp(260));
    if (ui::primaryButton(_("Put them on my map"), "world.add.done", ui::dp(260))) ready = true;
    ImGui::SameLine(0, gap); // far enough apart that a finger meant for one never lands on the other
    if (ui::bigButton(_("Cancel"), "world.add.cancel", ui::dp(160))) {
        state.addingPerson = false;
        state.newName.clear();
        state.newFigure.clear();
    }
    ImGui::TextUnformatted(_("Choose a picture:"));
    const float tile = figureTileSide();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const int perRow = std::max(1, int((area.x + spacing) / (tile + spacing)));
    int column = 0;
    for (const model::FigureSpec& figure : model::figures()) {
        const std::string tagName = std::string("world.add.figure.") + figure.id;
        if (pictureButton(figure.id, tagName.c_str(), i18n::tr(figure.name), tile,
                          state.newFigure == figure.id,
                          [&](ImDrawList* d, ImVec2 c, float s) { drawFigure(d, figure.id, c, s * 1.1f); }))
            state.newFigure = figure.id;
        if (++column < perRow)
            ImGui::SameLine();
        else
            column = 0;
    }
    if (column != 0) ImGui::NewLine();
    return ready;
}

} // namespace

float figureTileSide() {
    return ui::dp(96); // wide enough for "athrawes" and every figure's name unbroken (child.people)
}

bool drawPlaceStep(ActivityRun& run, const Step& step, ChildViewState& state, ImVec2 area) {
    const Answer* answer = run.currentAnswer();
    if (!answer) return false;
    bool changed = false;
    if (state.addingPerson) {
        if (drawAddPerson(state, area)) {
            state.addingPerson = false;
            state.selectedToken = kNewToken; // the next tap on the map places them
        }
        return false;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::vector<Token> tray = trayTokens(run, step);

    // The tray: one tile per person or pet, in a column to the right (or a row when narrow).
    const bool portrait = area.y > area.x;
    const float tile = figureTileSide();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    // In portrait the tray goes under the map: leave room for all its rows (tiles may be three
    // caption lines tall in Welsh).
    const float tileHeight = tile + ImGui::GetTextLineHeightWithSpacing() * 3 + spacing;
    const int trayColumns = std::max(1, int((area.x + spacing) / (tile + spacing)));
    const int trayRows = int((tray.size() + 1 + size_t(trayColumns) - 1) / size_t(trayColumns));
    const float trayHeight = ImGui::GetTextLineHeightWithSpacing() + float(trayRows) * tileHeight + ui::dp(8);
    // Never taller than the room left (a fixed floor of 160 dp ran the map, and the people placed
    // low on it, off the bottom of the screen at 200% text: writing.text_size_200); the floor
    // only keeps room for a person's token either side of the child.
    const float mapSide =
        std::max(ui::touchTarget() * 1.8f,
                 portrait ? std::min(area.x, area.y - trayHeight) : std::min(area.y, area.x - tile * 3.4f));
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
            if (state.selectedToken == kNewToken) {
                // The name goes into the record exactly as the child typed it.
                run.addPerson(state.newName, state.newFigure, x, y);
                state.newName.clear();
                state.newFigure.clear();
            } else {
                run.place(state.selectedToken, "", x, y);
            }
            state.selectedToken.clear();
            changed = true;
        }
        state.draggingToken.clear();
    }

    answer = run.currentAnswer();
    for (const Placement& p : answer->placements) {
        const Token token = tokenFor(tray, p);
        ImVec2 at = toScreen(p.x, p.y);
        dl->AddCircleFilled(at, tokenRadius, IM_COL32(255, 255, 255, 255), 32);
        dl->AddCircle(at, tokenRadius,
                      state.draggingToken == p.tokenId ? ui::colours::accent : IM_COL32(190, 184, 176, 255),
                      32, ui::dp(3));
        drawToken(dl, token, ImVec2(at.x, at.y - tokenRadius * 0.15f), tokenRadius * 1.1f,
                  ui::colours::accent);
        const std::string& label = p.name.empty() ? token.caption : p.name;
        const ImVec2 labelSize = ImGui::CalcTextSize(label.c_str());
        // Kept inside the map so a name near the edge stays readable.
        const float labelX = std::clamp(at.x - labelSize.x / 2, mapOrigin.x,
                                        std::max(mapOrigin.x, mapOrigin.x + mapSide - labelSize.x));
        dl->AddText(ImVec2(labelX, at.y + tokenRadius), ui::colours::text, label.c_str());
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
    for (const Token& token : tray) {
        const bool placed = std::any_of(answer->placements.begin(), answer->placements.end(),
                                        [&](const Placement& p) { return p.tokenId == token.id; });
        const std::string tagName = "world.token." + token.id;
        if (pictureButton(token.id.c_str(), tagName.c_str(), token.caption.c_str(), tile,
                          state.selectedToken == token.id || placed, [&](ImDrawList* d, ImVec2 c, float s) {
                              drawToken(d, token, c, s * 0.8f,
                                        placed ? ui::colours::muted : ui::colours::accent);
                          }))
            state.selectedToken = state.selectedToken == token.id ? std::string() : token.id;
        if (++column < perRow)
            ImGui::SameLine();
        else
            column = 0;
    }
    // Anyone else: as many as the child wants, each named in their own words.
    if (pictureButton(
            "##add", "world.add", _("Add someone"), tile, state.selectedToken == kNewToken,
            [&](ImDrawList* d, ImVec2 c, float s) {
                drawFigure(d,
                           state.selectedToken == kNewToken && !state.newFigure.empty() ? state.newFigure
                                                                                        : "someone",
                           c, s * 0.7f);
                d->AddCircleFilled(ImVec2(c.x + s * 0.3f, c.y - s * 0.3f), s * 0.14f, ui::colours::accent,
                                   16);
                d->AddLine(ImVec2(c.x + s * 0.22f, c.y - s * 0.3f), ImVec2(c.x + s * 0.38f, c.y - s * 0.3f),
                           IM_COL32(255, 255, 255, 255), s * 0.04f);
                d->AddLine(ImVec2(c.x + s * 0.3f, c.y - s * 0.38f), ImVec2(c.x + s * 0.3f, c.y - s * 0.22f),
                           IM_COL32(255, 255, 255, 255), s * 0.04f);
            })) {
        if (state.selectedToken == kNewToken) {
            state.selectedToken.clear();
        } else {
            state.addingPerson = true;
            state.selectedToken.clear();
        }
    }
    ImGui::EndGroup();
    return changed;
}

} // namespace heard::tools
