// Child mode: the tablet is in the child's hands. Only the activity is on screen, full
// screen, with big friendly controls and a way to stop at any time. Nothing about other
// children, the practitioner's notes or the case is drawn here, and leaving needs the
// practitioner's passphrase (wrong ones meet the same growing delay as unlocking).
#include "app/i18n/i18n.h"
#include "app/tools/framework/model/activity_run.h"
#include "app/tools/framework/view/activity_screen.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/screens.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <imgui_stdlib.h>

namespace heard::ui {

namespace {

void drawHandBack(App& app, Actions& actions) {
    ChildModeEditor& mode = app.editors().childMode;
    ImGui::PushFont(fonts().huge);
    ImGui::TextWrapped("%s", _("Thank you!"));
    ImGui::PopFont();
    ImGui::PushFont(fonts().title);
    ImGui::TextWrapped("%s", _("Please give the tablet back to the grown-up."));
    ImGui::PopFont();
    ImGui::Spacing();
    if (mode.session && mode.session->run && !mode.session->run->finished()) {
        if (bigButton(_("\u25C0 Back to the activity"), "childmode.resume", dp(320)))
            mode.askingToLeave = false;
        ImGui::Spacing();
    }
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::TextUnformatted(_("Practitioner: your passphrase"));
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, dp(480)));
    const bool enter = ImGui::InputText("##leave", &mode.passphrase,
                                        ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    tag("childmode.passphrase");
    if (!mode.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
        ImGui::TextWrapped("%s", mode.error.c_str());
        ImGui::PopStyleColor();
    }
    if (mode.checking()) {
        // Argon2id takes about a second on a worker; the screen keeps drawing meanwhile.
        ImGui::TextUnformatted(_("Checking, please wait."));
        tag("childmode.checking");
        return;
    }
    if (primaryButton(_("Leave child mode"), "childmode.leave", dp(320)) || enter) {
        actions.later([pass = mode.passphrase](App& a) { a.editors().childMode.leave(a, pass); });
        wipeText(mode.passphrase);
    }
}

} // namespace

void drawChildModeScreen(App& app, Actions& actions) {
    ChildModeEditor& mode = app.editors().childMode;
    if (mode.session && !mode.askingToLeave) {
        // Every change is saved right after this frame (ChildModeEditor); a failed save is
        // kept for the practitioner and never shown to the child.
        const bool done = tools::drawActivityScreen(*mode.session);
        if (mode.session->lastActions.stopped || mode.session->lastActions.languageChanged)
            mode.session->saveWanted = true;
        if (done || mode.session->lastActions.stopped) mode.askingToLeave = true;
        return;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(253, 250, 240, 255));
    ImGui::Begin("##child_mode_hand_back", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    drawHandBack(app, actions);
    ImGui::End();
    ImGui::PopStyleColor();
}

} // namespace heard::ui
