// First run and unlock. Shows nothing about any child: no names, no counts, no case numbers.
// On a shared tablet (practitioners.h) it lists the practitioners by name, big enough to tap,
// with none chosen after a lock; each one's passphrase opens only their own store.
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

// A practitioner's name as the lock screen shows it.
std::string practitionerLabel(const PractitionerProfile& profile) {
    return profile.name.empty() ? std::string(_("The practitioner who set up this tablet")) : profile.name;
}

void addPractitionerButton(Actions& actions) {
    if (bigButton(_("Add a practitioner to this tablet"), "unlock.add_practitioner", -1.0f))
        actions.later([](App& a) { a.beginAddingPractitioner(); });
}

void drawCreate(App& app, Actions& actions) {
    UnlockForm& form = app.unlockForm;
    const bool adding = app.practitioners().adding;
    if (adding) {
        ImGui::TextUnformatted(_("Add a practitioner to this tablet"));
        tag("unlock.adding");
        mutedText(_("You get an encrypted store of your own, with your own passphrase. Nobody else on this "
                    "tablet can open it, and you cannot open theirs. Only your name is shown on the lock "
                    "screen."));
    } else {
        ImGui::TextUnformatted(_("Set up Heard on this tablet"));
        mutedText(_("Everything you record is kept encrypted on this tablet until it syncs. Choose a "
                    "passphrase only you know: without it, nothing on this tablet can be read."));
    }
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
    drawError(form);
    if (adding) {
        ImGui::Spacing();
        if (bigButton(_("Cancel"), "unlock.add_cancel"))
            actions.later([](App& a) { a.cancelAddingPractitioner(); });
    }
}

// A shared tablet, locked: whose store to open. Names only, nothing of what is in any store.
void drawChooser(App& app, Actions& actions) {
    ImGui::TextUnformatted(_("Locked"));
    mutedText(_("This tablet is shared. Choose your name, then enter your passphrase."));
    ImGui::Spacing();
    const auto& list = app.practitioners().list();
    for (std::size_t i = 0; i < list.size(); ++i) {
        ImGui::PushID(int(i));
        const std::string tagName = "unlock.practitioner." + std::to_string(i);
        if (bigButton(practitionerLabel(list[i]).c_str(), tagName.c_str(), -1.0f))
            actions.later([id = list[i].id](App& a) { a.choosePractitioner(id); });
        ImGui::PopID();
    }
    ImGui::Spacing();
    addPractitionerButton(actions);
}

void drawUnlock(App& app, Actions& actions) {
    UnlockForm& form = app.unlockForm;
    const Practitioners& practitioners = app.practitioners();
    ImGui::TextUnformatted(_("Locked"));
    if (practitioners.shared() && practitioners.chosen()) {
        // Whose passphrase this is: it opens their store and no one else's.
        ImGui::PushFont(fonts().title);
        ImGui::TextUnformatted(practitionerLabel(*practitioners.chosen()).c_str());
        ImGui::PopFont();
        tag("unlock.chosen");
    }
    mutedText(_("Enter your passphrase to open your records."));
    if (app.options().demo && app.storeDir() == practitioners.rootDir()) {
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
    ImGui::Spacing();
    if (practitioners.shared()) {
        if (bigButton(_("Not you? Choose another practitioner"), "unlock.choose_other", -1.0f))
            actions.later([](App& a) { a.forgetPractitionerChoice(); });
    } else if (!app.options().demo) // the demo's fictional store is nobody's to share
        addPractitionerButton(actions);
}

} // namespace

void drawUnlockScreen(App& app, Actions& actions) {
    // A lost, locked tablet can still be wiped (issue 17.9): while this screen shows, a worker asks
    // the server for device commands with the credential kept outside the store.
    // On a shared tablet there is one poll per practitioner's store, each wiping only its own.
    app.pollWhileLocked();
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
    } else if (app.practitioners().adding || (!app.storeExists() && !app.options().demo))
        drawCreate(app, actions);
    else if (app.practitioners().shared() && !app.practitioners().chosen())
        drawChooser(app, actions);
    else
        drawUnlock(app, actions);
    endCard();
    endCentredColumn();
    endScreen();
}

} // namespace heard::ui
