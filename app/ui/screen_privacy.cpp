// The privacy screen: drawn instead of every other screen while the app is in the background
// or has lost focus (the app switcher's thumbnail, a notification pulled over it, another
// window on top). It shows nothing of any child or record; the screen underneath keeps its
// state and comes back as it was when focus returns (issue 17.5).
#include "app/i18n/i18n.h"
#include "app/ui/app.h"
#include "app/ui/kit/widgets.h"

#include <imgui.h>

namespace heard::ui {

void drawPrivacyScreen() {
    beginScreen("##privacy");
    ImGui::PushFont(fonts().huge);
    ImGui::TextUnformatted(_("Heard"));
    ImGui::PopFont();
    tag("privacy.screen"); // only the app's name: a sentence here would need its Welsh first
    endScreen();
}

} // namespace heard::ui
