// The central system: sign in once while online (enrolment), then the sync status, what is
// still to send, and "Sync now". Sync runs on its own thread; this screen only reads status.
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/screens.h"
#include "app/ui/sync_status_text.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/kit/wrapped_text.h"

#include <imgui_stdlib.h>

namespace heard::ui {

namespace {

// No organisation configuration: the practitioner cannot sign in, and is told who can fix it.
// An administrator can paste the enrolment code here (or install the file, sync/org_config.h).
void drawNoOrganisation(App& app, Actions& actions, EnrolForm& form) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(_("This tablet is not set up for your organisation yet. Your administrator must "
                             "install the organisation's configuration before you can sign in."));
    ImGui::PopTextWrapPos();
    tag("sync.no_org");
    textField(_("Enrolment code from your administrator"), nullptr, form.code, "sync.org_code", 3);
    if (!form.orgError.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
        wrappedText(form.orgError.c_str());
        ImGui::PopStyleColor();
        tag("sync.org_error");
    }
    ImGui::BeginDisabled(form.code.empty());
    if (primaryButton(_("Install"), "sync.org_install", dp(300)))
        actions.later([dataDir = app.options().dataDir](App& a) {
            EnrolForm& f = a.syncControl().enrolForm;
            try {
                sync::OrgConfig config = sync::parseOrgConfig(f.code);
                sync::installOrgConfig(dataDir, config);
                f.org = std::move(config);
                f.orgError.clear();
                f.code.clear();
            } catch (const sync::OrgConfigError& e) {
                f.orgError = std::string(_("This code cannot be used: ")) + e.what();
            }
        });
    ImGui::EndDisabled();
    if (form.code.empty()) {
        mutedText(_("Paste the enrolment code first."));
        tag("sync.org_install.why");
    }
}

} // namespace

void drawSyncScreen(App& app, Actions& actions) {
    beginScreen("##sync");
    if (screenHeader(_("< Caseload"), _("Central system")))
        actions.later([](App& a) { a.show(ScreenId::Caseload); });
    noticeBar(app.notice);
    if (!app.enrolled() || app.syncControl().enrolForm.again) {
        EnrolForm& form = app.syncControl().enrolForm;
        if (!form.org) {
            drawNoOrganisation(app, actions, form);
            endScreen();
            return;
        }
        mutedText(
            _("Sign in once while you have a connection. Your children and cases then come to this tablet, "
              "and your records go to the central system whenever there is a connection."));
        ImGui::TextDisabled(_("Central system: %s"), form.org->server.c_str());
        tag("sync.server");
        textField(_("Your user name"), nullptr, form.username, "sync.username", 1);
        ImGui::TextUnformatted(_("Your password"));
        ImGui::SetNextItemWidth(-1.0f);
        {
            TouchFieldHeight touch;
            ImGui::InputText("##password", &form.password, ImGuiInputTextFlags_Password);
        }
        tagField("sync.password");
        if (!form.error.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
            wrappedText(form.error.c_str());
            ImGui::PopStyleColor();
            tag("sync.error");
        }
        ImGui::BeginDisabled(form.busy || form.username.empty() || form.password.empty());
        if (primaryButton(form.busy ? (std::string(_("Signing in")) + "\u2026").c_str() : _("Sign in"),
                          "sync.enrol", dp(300)))
            actions.later([](App& a) { a.enrol(); });
        ImGui::EndDisabled();
        if (!form.busy && (form.username.empty() || form.password.empty())) {
            mutedText(_("Type your user name and password first."));
            tag("sync.enrol.why");
        }
        if (form.again) {
            // Enrolling again (issue 20): the records stay; only the credential changes.
            wrappedText(
                _("Enrolling this tablet again: its records stay on it. It gets a new credential, the "
                  "old one stops working, and its records are made recoverable with your "
                  "organisation's current key."));
            tag("sync.again_info");
            ImGui::BeginDisabled(form.busy);
            if (bigButton(_("Cancel"), "sync.again_cancel", dp(300)))
                actions.later([](App& a) { a.cancelEnrolAgain(); });
            ImGui::EndDisabled();
        }
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
        wrappedTextF(
            _("%zu records were refused by the central system and are kept here. Please tell support."),
            status->quarantinedCount);
    if (primaryButton(_("Sync now"), "sync.now", dp(300))) actions.later([](App& a) { a.syncNow(); });

    // Enrolling again (issue 20), when the administrator asks: after the practitioner's passphrase.
    sectionHeader(_("Enrol this tablet again"));
    mutedText(_("Only if your administrator asks you to. Type your passphrase first."));
    EnrolForm& form = app.syncControl().enrolForm;
    ImGui::SetNextItemWidth(dp(400));
    ImGui::InputText("##again_passphrase", &form.againPassphrase, ImGuiInputTextFlags_Password);
    tag("sync.again_passphrase");
    if (!form.againError.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
        wrappedText(form.againError.c_str());
        ImGui::PopStyleColor();
        tag("sync.again_error");
    }
    ImGui::BeginDisabled(form.againPassphrase.empty());
    if (bigButton(_("Enrol again"), "sync.enrol_again", dp(300)))
        actions.later([](App& a) { a.beginEnrolAgain(); });
    ImGui::EndDisabled();
    endScreen();
}

} // namespace heard::ui
