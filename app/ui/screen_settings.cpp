// The practitioner's settings (issue 13.7): the language of the app and the text size. A choice
// takes effect at once and is kept in the encrypted store, so it stays with this practitioner.
#include "app/i18n/i18n.h"
#include "app/ui/choice_button.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/screens.h"
#include "app/ui/settings.h"
#include "app/ui/kit/theme.h"
#include "storage/hand_back_pin.h"

#include <imgui_stdlib.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace heard::ui {

namespace {

void choose(Actions& actions, PractitionerSettings chosen) {
    actions.later([chosen](App& a) {
        applySettings(a, chosen);
        if (a.store()) saveSettings(*a.store(), chosen);
    });
}

// Hashes the new hand-back PIN on a worker (Argon2id, about a second) and keeps only the hash.
void setHandBackPin(App& app) {
    ChildModeEditor& form = app.editors().childMode;
    form.pinFormError = true;
    // A refused PIN is typed again from the start, in both fields.
    const auto refuse = [&form](const char* why) {
        form.pinFormMessage = why;
        wipeText(form.newPin);
        wipeText(form.newPinRepeat);
    };
    if (!storage::handBackPinWellFormed(form.newPin)) return refuse(_("The PIN must be exactly six digits."));
    if (form.newPin != form.newPinRepeat) return refuse(_("The two PINs are not the same."));
    if (!app.store() || app.session().pinWorking()) return;
    form.pinFormError = false;
    form.pinFormMessage.clear();
    const std::string pin = form.newPin;
    wipeText(form.newPin);
    wipeText(form.newPinRepeat);
    const storage::KdfParams params = app.session().pinParams();
    app.session().beginPinWork([&app, pin, params] {
        std::string hash, failure;
        try {
            hash = storage::hashHandBackPin(pin, params);
        } catch (const std::exception& e) {
            failure = e.what();
        }
        app.postToMain([hash, failure](App& a) {
            a.session().pinFinished();
            ChildModeEditor& f = a.editors().childMode;
            if (!a.store()) return; // locked meanwhile: nothing kept
            if (hash.empty()) {
                f.pinFormError = true;
                f.pinFormMessage = std::string(_("The PIN could not be set: ")) + failure;
                return;
            }
            storage::saveHandBackPin(*a.store(), hash, a.practitioner());
            f.pinFormError = false;
            f.pinFormMessage = _("The hand-back PIN is set. Use it to take the tablet back from a child.");
        });
    });
}

bool pinField(const char* label, std::string& value, const char* tagName) {
    ImGui::TextUnformatted(label);
    ImGui::SetNextItemWidth(dp(240));
    bool enter;
    {
        TouchFieldHeight touch; // a finger's height, and its edge is what the eye finds (13.x)
        enter = ImGui::InputText((std::string("##") + tagName).c_str(), &value,
                                 ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal |
                                     ImGuiInputTextFlags_EnterReturnsTrue);
    }
    tagField(tagName);
    if (value.size() > size_t(storage::kHandBackPinDigits)) value.resize(size_t(storage::kHandBackPinDigits));
    return enter;
}

void drawHandBackPin(App& app, Actions& actions) {
    ChildModeEditor& form = app.editors().childMode;
    sectionHeader(_("Hand-back PIN"));
    mutedText(
        _("Six digits to take the tablet back from a child, in place of your passphrase. The digits are "
          "placed differently each time. After five wrong PINs only your passphrase will do."));
    pinField(_("New PIN (six digits)"), form.newPin, "settings.pin.new");
    const bool enter = pinField(_("Type it again"), form.newPinRepeat, "settings.pin.repeat");
    if (app.session().pinWorking()) {
        mutedText(_("Setting the PIN, please wait."));
    } else if (primaryButton(_("Set the PIN"), "settings.pin.set", dp(240)) || enter) {
        actions.later([](App& a) { setHandBackPin(a); });
    }
    if (!form.pinFormMessage.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, form.pinFormError ? colours::danger : colours::accent);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(form.pinFormMessage.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        tag("settings.pin.message");
    }
}

} // namespace

void drawSettingsScreen(App& app, Actions& actions) {
    beginScreen("##settings");
    if (screenHeader(_("< Caseload"), _("Settings"))) actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);

    sectionHeader(_("Language of the app"));
    mutedText(_("Every screen, message and record form. A child's activity keeps the language the child "
                "chooses."));
    for (const i18n::LanguageInfo& info : i18n::supportedLanguages()) {
        // Each language is named in itself, so it can be found whatever the app shows now.
        if (choiceButton(info.nativeName, i18n::language() == info.code,
                         (std::string("settings.language.") + info.code).c_str()))
            choose(actions, {info.code, 0.0f});
        ImGui::SameLine();
    }
    ImGui::NewLine();

    sectionHeader(_("Text size"));
    mutedText(_("Larger text makes every screen larger; long screens scroll."));
    const float current = app.window().textSize();
    for (float size : kTextSizes) {
        char label[16], tagName[32];
        std::snprintf(label, sizeof label, "%d%%", int(std::lround(size * 100)));
        std::snprintf(tagName, sizeof tagName, "settings.text_size.%d", int(std::lround(size * 100)));
        const float width = ImGui::CalcTextSize((std::string("\u25CB ") + label).c_str()).x +
                            ImGui::GetStyle().FramePadding.x * 2;
        if (choiceButton(label, std::fabs(current - size) < 0.01f, tagName)) choose(actions, {"", size});
        sameLineIfFits(width);
    }
    ImGui::NewLine();

    if (app.unlocked()) drawHandBackPin(app, actions);
    endScreen();
}

} // namespace heard::ui
