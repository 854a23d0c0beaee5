// Every screen's draw function. One screen per file: screen_<name>.cpp.
#pragma once

#include "app/ui/app.h"

namespace heard::ui {

void drawUnlockScreen(const App& app, Actions& actions);
void drawCaseloadScreen(const App& app, Actions& actions);
void drawChildScreen(const App& app, Actions& actions);
void drawVisitScreen(const App& app, Actions& actions);

} // namespace heard::ui
