// The practitioner's settings (issue 13.7): the language of the app and the text size. A choice
// takes effect at once and is kept in the encrypted store, so it stays with this practitioner.
#include "app/i18n/i18n.h"
#include "app/ui/choice_button.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/screens.h"
#include "app/ui/settings.h"

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
    endScreen();
}

} // namespace heard::ui
