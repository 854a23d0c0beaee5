// Choice steps: big picture tiles (tick, question mark, cross...), and words if the content allows.
#include "app/i18n/i18n.h"
#include "app/tools/framework/view/activity_drawing.h"
#include "app/tools/framework/view/read_aloud.h"
#include "app/tools/framework/view/step_views.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <algorithm>

namespace heard::tools {

bool drawChoiceStep(ActivityRun& run, const Step& step, ImVec2 area) {
    const Answer* answer = run.currentAnswer();
    bool changed = false;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    float side = std::min(ui::dp(180), (area.x - spacing * float(step.choices.size())) /
                                           float(std::max<size_t>(1, step.choices.size())));
    // A short step area (landscape, under a note and the child's own message) shrinks the tiles so
    // each keeps its caption (two lines) and its speaker on screen.
    const float captions = ImGui::GetTextLineHeightWithSpacing() * 2;
    const float room = area.y - captions - ui::touchTarget() - ImGui::GetStyle().ItemSpacing.y * 3;
    side = std::max(ui::touchTarget() * 1.5f, std::min(side, room));
    for (size_t i = 0; i < step.choices.size(); ++i) {
        const ChoiceOption& choice = step.choices[i];
        const std::string tagName = "choice." + choice.id;
        ImGui::BeginGroup();
        if (pictureButton(choice.id.c_str(), tagName.c_str(), i18n::tr(choice.label), side,
                          answer && answer->choiceId == choice.id, [&](ImDrawList* dl, ImVec2 c, float s) {
                              drawIcon(dl, choice.icon.empty() ? "question" : choice.icon, c, s * 0.7f,
                                       choice.icon.empty() ? ui::colours::accent
                                                           : naturalIconColour(choice.icon));
                          })) {
            run.chooseOption(choice.id);
            changed = true;
        }
        // Read aloud: every choice has its own speaker, under its picture.
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (side - ui::touchTarget()) / 2));
        speakButton(i18n::tr(choice.label), ("activity.speak.choice." + choice.id).c_str());
        ImGui::EndGroup();
        if (i + 1 < step.choices.size()) ImGui::SameLine();
    }
    answer = run.currentAnswer();
    // After a choice that says the child is not safe, nothing asks for more: once a child has
    // said it, questioning stops (SF 2.89); the child mode container shows the calm screen.
    const bool unsafeChosen =
        answer && std::any_of(step.choices.begin(), step.choices.end(),
                              [&](const ChoiceOption& c) { return c.unsafe && c.id == answer->choiceId; });
    if (step.allowWords && answer && !answer->choiceId.empty() && !unsafeChosen) {
        ImGui::Spacing();
        ImGui::TextUnformatted(_("Do you want to say more? (you don't have to)"));
        std::string words = answer->words;
        const float height = std::max(ui::dp(80), ImGui::GetContentRegionAvail().y - ui::dp(8));
        if (inputChildWords("words.input", words, ImVec2(-1, height))) {
            run.setWords(words, answer->dictated);
            changed = true;
        }
    }
    return changed;
}

} // namespace heard::tools
