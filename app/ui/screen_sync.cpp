// The central system: sign in once while online (enrolment), then the sync status, what is
// still to send, and "Sync now". Sync runs on its own thread; this screen only reads status.
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/screens.h"
#include "app/ui/sync_status_text.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <imgui_stdlib.h>

namespace heard::ui {

void drawSyncScreen(App& app, Actions& actions) {
    beginScreen("##sync");
    if (screenHeader(_("< Caseload"), _("Central system")))
        actions.later([](App& a) { a.show(ScreenId::Caseload); });
    noticeBar(app.notice);
    if (!app.enrolled()) {
        EnrolForm& form = app.syncControl().enrolForm;
        mutedText(
            _("Sign in once while you have a connection. Your children and cases then come to this tablet, "
              "and your records go to the central system whenever there is a connection."));
        textField(_("Server"), nullptr, form.host, "sync.host", 1);
        ImGui::TextUnformatted(_("Port"));
        ImGui::SetNextItemWidth(dp(200));
        ImGui::InputInt("##port", &form.port, 0);
        tag("sync.port");
        textField(_("Your user name"), nullptr, form.username, "sync.username", 1);
        ImGui::TextUnformatted(_("Your password"));
        ImGui::SetNextItemWidth(-1.0f);
        ImGui::InputText("##password", &form.password, ImGuiInputTextFlags_Password);
        tag("sync.password");
        if (!form.error.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
            ImGui::TextWrapped("%s", form.error.c_str());
            ImGui::PopStyleColor();
            tag("sync.error");
        }
        ImGui::BeginDisabled(form.busy || form.username.empty() || form.password.empty());
        if (primaryButton(form.busy ? _("Signing in\u2026") : _("Sign in"), "sync.enrol", dp(300)))
            actions.later([](App& a) { a.enrol(); });
        ImGui::EndDisabled();
        endScreen();
        return;
    }
    const auto status = app.syncStatus();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(syncStatusLine(status).c_str());
    ImGui::PopTextWrapPos();
    tag("sync.status");
    if (status && status->state == sync::SyncState::Syncing) {
        ImGui::ProgressBar(float(status->progress), ImVec2(-1.0f, dp(24)));
    }
    if (status && status->quarantinedCount > 0)
        ImGui::TextWrapped(
            _("%zu records were refused by the central system and are kept here. Please tell support."),
            status->quarantinedCount);
    if (primaryButton(_("Sync now"), "sync.now", dp(300))) actions.later([](App& a) { a.syncNow(); });
    endScreen();
}

} // namespace heard::ui
