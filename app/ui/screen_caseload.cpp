// The caseload: the practitioner's children and cases.
#include "app/i18n/i18n.h"
#include "app/ui/screens.h"
#include "app/ui/widgets.h"

namespace heard::ui {

void drawCaseloadScreen(const App& /*app*/, Actions& actions) {
    beginScreen("##caseload");
    screenTitle(_("Caseload"));
    placeholderNotice(_("The caseload list comes with the workflow work. No children are shown here yet."));
    if (bigButton(_("Open the child page"), "caseload.open_child", dp(300))) {
        actions.navigate = true;
        actions.target.screen = ScreenId::Child;
    }
    endScreen();
}

} // namespace heard::ui
