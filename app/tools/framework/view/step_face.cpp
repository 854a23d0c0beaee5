// Face steps: a grid of big vector faces; then how strong the feeling is (a little, quite, very).
// Where the content allows several feelings ("multiple"), each tap adds or takes away a feeling
// and "how much" is not asked: mixed feelings are kept as the child chose them.
#include "app/i18n/i18n.h"
#include "app/tools/framework/view/activity_drawing.h"
#include "app/tools/framework/view/step_views.h"
#include "app/ui/kit/widgets.h"

#include <algorithm>
#include <cmath>

namespace heard::tools {

bool drawFaceStep(ActivityRun& run, const Step& step, ImVec2 area) {
    const auto& faces = run.content().faces;
    const Answer* answer = run.currentAnswer();
    bool changed = false;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    // As many columns as fit with faces no smaller than a comfortable target.
    // Room below the faces for "how much?"; a step of several feelings asks no "how much", only
    // shows a line saying more than one may be chosen.
    const float strengthRow = step.multiple ? ImGui::GetTextLineHeightWithSpacing() : ui::dp(110);
    if (step.multiple) {
        ImGui::TextUnformatted(_("You can choose more than one."));
        ui::tag("face.multiple_hint");
    }
    const size_t count = faces.size();
    int columns = int(std::min<size_t>(count, 4));
    float side = std::min(ui::dp(170), (area.x - spacing * float(columns)) / float(columns));
    int rows = int((count + size_t(columns) - 1) / size_t(columns));
    const float caption = ImGui::GetTextLineHeightWithSpacing() * 2;
    if (float(rows) * (side + caption + spacing) > area.y - strengthRow) {
        side = std::max(ui::dp(72), (area.y - strengthRow) / float(rows) - caption - spacing);
        columns = std::max(1, int((area.x + spacing) / (side + spacing)));
        // All on one row now: as big as the row's width and height allow, so a caption such as
        // "Cymysglyd" is not broken mid-word on a tile cut down for two rows.
        if (size_t(columns) >= count)
            side = std::max(side, std::min({ui::dp(170), (area.x - spacing * float(count)) / float(count),
                                            area.y - strengthRow - caption - spacing}));
    }
    for (size_t i = 0; i < count; ++i) {
        const FaceOption& face = faces[i];
        const bool selected = answer && (step.multiple ? std::find(answer->faces.begin(), answer->faces.end(),
                                                                   face.id) != answer->faces.end()
                                                       : answer->faceId == face.id);
        const std::string tagName = "face." + face.id;
        if (pictureButton(face.id.c_str(), tagName.c_str(), i18n::tr(face.label), side, selected,
                          [&](ImDrawList* dl, ImVec2 c, float s) {
                              drawFace(dl, face.expression, c, s * 0.45f,
                                       selected && !step.multiple ? answer->strength : 2);
                          })) {
            run.chooseFace(face.id);
            changed = true;
        }
        if ((int(i) + 1) % columns != 0 && i + 1 < count) ImGui::SameLine();
    }
    answer = run.currentAnswer();
    if (answer && !step.multiple && !answer->faceId.empty()) {
        ImGui::Spacing();
        ImGui::TextUnformatted(_("How much?"));
        const char* labels[] = {N_("A little"), N_("Quite"), N_("Very")};
        for (int strength = 1; strength <= 3; ++strength) {
            const std::string tagName = "face.strength." + std::to_string(strength);
            const bool selected = answer->strength == strength;
            if (pictureButton(tagName.c_str(), tagName.c_str(), i18n::tr(labels[strength - 1]), ui::dp(100),
                              selected, [&](ImDrawList* dl, ImVec2 c, float s) {
                                  // One, two or three circles: size without reading.
                                  for (int k = 0; k < strength; ++k)
                                      dl->AddCircleFilled(
                                          ImVec2(c.x + (float(k) - float(strength - 1) / 2) * s * 0.3f, c.y),
                                          s * 0.12f, IM_COL32(230, 150, 60, 255), 16);
                              })) {
                run.setStrength(strength);
                changed = true;
            }
            ImGui::SameLine();
        }
        ImGui::NewLine();
    }
    return changed;
}

} // namespace heard::tools
