// One visit record.
#include "app/i18n/i18n.h"
#include "app/ui/screens.h"
#include "app/ui/widgets.h"

namespace heard::ui {

void drawVisitScreen(const App& /*app*/, Actions& actions) {
    beginScreen("##visit");
    if (bigButton(_("< Child"), "nav.back")) actions.back = true;
    screenTitle(_("Visit"));
    placeholderNotice(_("The visit record comes with the workflow work."));
    endScreen();
}

} // namespace heard::ui
