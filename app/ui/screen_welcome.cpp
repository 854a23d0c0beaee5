// The first-run welcome (welcome.h): demo or a real store, said in the window before anything
// is set up. Shows nothing about any child.
#include "app/i18n/i18n.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/kit/wrapped_text.h"
#include "app/ui/screens.h"

namespace heard::ui {

void drawWelcomeScreen(App& app, Actions& actions) {
    beginScreen("##welcome");
    noticeBar(app.notice);
    const float width = beginCentredColumn();
    beginCard("##welcome_card", width);
    ImGui::PushFont(fonts().huge);
    ImGui::PushTextWrapPos(0.0f); // at 200% text the title is wider than a portrait card
    ImGui::TextUnformatted(_("Welcome to Heard"));
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    tag("welcome.title");
    mutedText(_("Heard keeps the records of your direct work with children in an encrypted store on "
                "this tablet until they sync to your organisation."));
    ImGui::Spacing();
    screenTitle(_("Setting up for real work?"));
    wrappedText(_("Continue to set up your own encrypted store, with your name and a passphrase only "
                  "you know. Use it only for the children you really work with."));
    ImGui::Spacing();
    screenTitle(_("Just looking around?"));
    wrappedText(_("Close Heard and start it again with heard --demo. The demo opens a caseload of "
                  "fictional children in a separate store, with its passphrase shown on screen; "
                  "nothing there mixes with real records."));
    tag("welcome.demo");
    ImGui::Spacing();
    if (primaryButton(_("Set up my store for real work"), "welcome.continue", dp(420)))
        actions.later([](App& a) { a.dismissWelcome(); });
    mutedText(_("This note is not shown again on this tablet."));
    endCard();
    endCentredColumn();
    endScreen();
}

} // namespace heard::ui
