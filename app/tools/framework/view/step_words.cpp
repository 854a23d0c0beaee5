// Words steps: the child writes (or the practitioner types what the child says), or draws.
#include "app/i18n/i18n.h"
#include "app/tools/framework/view/step_views.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <algorithm>

namespace heard::tools {

bool drawWordsStep(ActivityRun& run, const Step& step, ChildViewState& state, ImVec2 area) {
    const Answer* answer = run.currentAnswer();
    if (!answer) return false;
    bool changed = false;
    if (step.allowDrawing) {
        // Two big modes, each with a picture-like label: writing or drawing.
        // The mode in use is the filled button, so a child sees which one is on.
        const bool drawing = state.drawMode;
        auto modeButton = [](const char* label, const char* tagName, bool on) {
            return on ? ui::primaryButton(label, tagName, ui::dp(160))
                      : ui::bigButton(label, tagName, ui::dp(160));
        };
        if (modeButton(_("Write"), "words.mode.write", !drawing)) state.drawMode = false;
        ImGui::SameLine();
        if (modeButton(_("Draw"), "words.mode.draw", drawing)) state.drawMode = true;
    }
    if (state.drawMode) {
        ImVec2 size = ImGui::GetContentRegionAvail();
        return drawCanvas(run, state, size);
    }
    // A big toggle (a checkbox is too small a target): filled while the practitioner types
    // what the child says. The words stay the child's either way.
    const bool dictated = answer->dictated;
    const char* dictatedLabel = _("The practitioner is typing the child's words");
    if (dictated ? ui::primaryButton(dictatedLabel, "words.dictated")
                 : ui::bigButton(dictatedLabel, "words.dictated")) {
        run.setWords(answer->words, !dictated);
        changed = true;
    }
    std::string words = answer->words;
    ImGui::PushFont(ui::fonts().title);
    const float height = std::max(ui::dp(100), ImGui::GetContentRegionAvail().y - ui::dp(8));
    if (inputChildWords("words.input", words,
                        ImVec2(std::min(area.x, ImGui::GetContentRegionAvail().x), height))) {
        run.setWords(words, run.currentAnswer()->dictated);
        changed = true;
    }
    ImGui::PopFont();
    return changed;
}

} // namespace heard::tools
