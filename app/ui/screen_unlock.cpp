// First run and unlock. Shows nothing about any child: no names, no counts, no case numbers.
#include "app/i18n/i18n.h"
#include "app/model/demo_caseload.h"
#include "app/model/passphrase_policy.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/screens.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/kit/wrapped_text.h"

#include <imgui_stdlib.h>

namespace heard::ui {

namespace {

bool passphraseField(const char* label, std::string& value, const char* tagName) {
    ImGui::TextUnformatted(label);
    ImGui::SetNextItemWidth(-1.0f);
    bool enter;
    {
        TouchFieldHeight touch;
        enter = ImGui::InputText((std::string("##") + tagName).c_str(), &value,
                                 ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    }
    tagField(tagName);
    return enter;
}

void drawError(const UnlockForm& form) {
    if (form.error.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(form.error.c_str());
    if (form.retryAfterSeconds > 0)
        ImGui::Text(_("You can try again in %d seconds."), form.retryAfterSeconds);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    tag("unlock.error");
}

void drawCreate(App& app, Actions& actions) {
    UnlockForm& form = app.unlockForm;
    ImGui::TextUnformatted(_("Set up Heard on this tablet"));
    mutedText(
        _("Everything you record is kept encrypted on this tablet until it syncs. Choose a passphrase only "
          "you know: without it, nothing on this tablet can be read."));
    ImGui::Spacing();
    textField(_("Your name"), nullptr, form.name, "unlock.name", 1);
    textField(_("Your role"), nullptr, form.role, "unlock.role", 1);
    passphraseField(_("Passphrase"), form.passphrase, "unlock.passphrase");
    passphraseField(_("Type it again"), form.confirmation, "unlock.confirmation");
    for (const auto& rule : model::checkPassphrase(form.passphrase, form.confirmation)) {
        ImGui::PushStyleColor(ImGuiCol_Text, rule.met ? colours::accent : colours::muted);
        ImGui::Text("%s  %s", rule.met ? "\u2713" : "\u2022", _(rule.text));
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    const bool ready = !form.name.empty() && model::passphraseAcceptable(form.passphrase, form.confirmation);
    ImGui::BeginDisabled(!ready);
    if (primaryButton(_("Create my encrypted store"), "unlock.create", dp(360))) {
        actions.later([name = form.name, role = form.role, pass = form.passphrase](App& a) {
            a.beginCreateStore(name, role, pass);
        });
    }
    ImGui::EndDisabled();
    // A button that cannot be used says why (issue 13.8).
    if (!ready) {
        mutedText(form.name.empty() ? _("Type your name first.")
                                    : _("The passphrase does not meet the rules above yet."));
        tag("unlock.create.why");
    }
}

void drawUnlock(App& app, Actions& actions) {
    UnlockForm& form = app.unlockForm;
    ImGui::TextUnformatted(_("Locked"));
    mutedText(_("Enter your passphrase to open your records."));
    if (app.options().demo) {
        ImGui::Spacing();
        chip(_("Demo: fictional children only"), IM_COL32(255, 241, 204, 255), colours::text);
        wrappedTextF(_("The demo passphrase is: %s"), model::kDemoPassphrase);
        tag("unlock.demo_hint");
        if (bigButton(_("Fill in the demo passphrase"), "unlock.fill_demo"))
            form.passphrase = model::kDemoPassphrase;
    }
    ImGui::Spacing();
    const bool enter = passphraseField(_("Passphrase"), form.passphrase, "unlock.passphrase");
    drawError(form);
    ImGui::Spacing();
    if (primaryButton(_("Unlock"), "unlock.ok", dp(260)) || enter) {
        actions.later([pass = form.passphrase](App& a) { a.beginUnlock(pass); });
        std::fill(form.passphrase.begin(), form.passphrase.end(), '\0');
        form.passphrase.clear();
    }
}

} // namespace

void drawUnlockScreen(App& app, Actions& actions) {
    // A lost, locked tablet can still be wiped (issue 17.9): while this screen shows, a worker asks
    // the server for device commands with the credential kept outside the store.
    if (!app.unlocked() && !app.unlocking())
        app.syncControl().pollWhileLocked(app.storeDir(),
                                          std::chrono::seconds(app.options().lockedPollSeconds),
                                          [&app](sync::DeviceCommand command) {
                                              if (command == sync::DeviceCommand::Wipe)
                                                  app.postToMain([](App& a) { a.wipeThisTablet(); });
                                          });
    beginScreen("##unlock");
    noticeBar(app.notice);
    const float width = beginCentredColumn();
    ImGui::PushFont(fonts().huge);
    ImGui::TextUnformatted(_("Heard"));
    ImGui::PopFont();
    mutedText(_("Direct work with children, recorded safely."));
    ImGui::Spacing();
    beginCard("##unlock_card", width);
    if (app.unlocking()) {
        // The key derivation (creating or unlocking) runs on a worker; the screen keeps drawing.
        ImGui::TextUnformatted(_("Unlocking, please wait."));
        tag("unlock.unlocking");
    } else if (app.storeExists() || app.options().demo)
        drawUnlock(app, actions);
    else
        drawCreate(app, actions);
    endCard();
    endCentredColumn();
    endScreen();
}

} // namespace heard::ui
