// One child's page: details, visits and records, and actions.
#include "app/i18n/i18n.h"
#include "app/ui/screens.h"
#include "app/ui/widgets.h"

namespace heard::ui {

void drawChildScreen(const App& /*app*/, Actions& actions) {
    beginScreen("##child");
    if (bigButton(_("< Caseload"), "nav.back")) actions.back = true;
    screenTitle(_("Child"));
    placeholderNotice(_("The child page comes with the workflow work."));
    if (bigButton(_("Start a visit"), "child.start_visit", dp(300))) {
        actions.navigate = true;
        actions.target.screen = ScreenId::Visit;
    }
    endScreen();
}

} // namespace heard::ui
