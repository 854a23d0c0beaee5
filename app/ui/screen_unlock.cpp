// The unlock screen: shows nothing about any child.
#include "app/i18n/i18n.h"
#include "app/ui/screens.h"
#include "app/ui/widgets.h"

namespace heard::ui {

void drawUnlockScreen(const App& /*app*/, Actions& actions) {
    beginScreen("##unlock");
    screenTitle(_("Heard"));
    mutedText(_("Direct work with children, recorded safely."));
    ImGui::Spacing();
    placeholderNotice(_("Creating and unlocking the encrypted store comes with the store and workflow work. "
                        "This button only moves to the next screen."));
    if (primaryButton(_("Continue"), "unlock.continue", dp(260))) {
        actions.navigate = true;
        actions.target.screen = ScreenId::Caseload;
    }
    endScreen();
}

} // namespace heard::ui
