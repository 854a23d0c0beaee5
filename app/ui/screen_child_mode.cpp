// Child mode: the tablet is in the child's hands. Only the activity is on screen, full
// screen, with big friendly controls and a way to stop at any time. Nothing about other
// children, the practitioner's notes or the case is drawn here, and leaving needs the
// practitioner's passphrase (wrong ones meet the same growing delay as unlocking).
#include "app/i18n/i18n.h"
#include "app/tools/framework/model/activity_run.h"
#include "app/tools/framework/view/activity_recorder.h"
#include "app/tools/framework/view/activity_views.h"
#include "app/ui/form_widgets.h"
#include "app/ui/screens.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"

#include <imgui_stdlib.h>

namespace heard::ui {

namespace {

void drawHandBack(App& app, Actions& actions) {
    ChildModeState& mode = app.childMode;
    ImGui::PushFont(fonts().huge);
    ImGui::TextWrapped("%s", _("Thank you!"));
    ImGui::PopFont();
    ImGui::PushFont(fonts().title);
    ImGui::TextWrapped("%s", _("Please give the tablet back to the grown-up."));
    ImGui::PopFont();
    ImGui::Spacing();
    if (mode.run && !mode.run->finished()) {
        if (bigButton(_("\u25C0 Back to the activity"), "childmode.resume", dp(320))) mode.askingToLeave = false;
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
    if (primaryButton(_("Leave child mode"), "childmode.leave", dp(320)) || enter) {
        actions.later([pass = mode.passphrase](App& a) { a.leaveChildMode(pass); });
        mode.passphrase.clear();
    }
}

} // namespace

void drawChildModeScreen(App& app, Actions& actions) {
    ChildModeState& mode = app.childMode;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(253, 250, 240, 255));
    ImGui::Begin("##child_mode", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    if (!mode.run || mode.askingToLeave) {
        drawHandBack(app, actions);
    } else {
        tools::ActivityActions activity;
        tools::drawChildView(*mode.run, *mode.view, activity);
        if (activity.changed || activity.stopped || activity.done || activity.languageChanged) {
            try {
                mode.recorder->save(*mode.run); // every change at once: a crash loses at most this tap
            } catch (const storage::StoreError&) {
                // The run in memory keeps the answers; the next change saves again. The child
                // is never shown a storage error.
            }
        }
        if (activity.stopped || activity.done) mode.askingToLeave = true;
    }
    ImGui::End();
    ImGui::PopStyleColor();
}

} // namespace heard::ui
