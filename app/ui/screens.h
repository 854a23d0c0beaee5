// Every screen's draw function. One screen per file: screen_<name>.cpp.
// A screen draws from the App, edits only its own form state, and queues anything that
// touches the store or navigation in actions.
#pragma once

#include "app/ui/app.h"

namespace heard::ui {

void drawUnlockScreen(App& app, Actions& actions);
void drawCaseloadScreen(App& app, Actions& actions);
void drawChildScreen(App& app, Actions& actions);
void drawVisitScreen(App& app, Actions& actions);
void drawConcernScreen(App& app, Actions& actions);
void drawNotSeenScreen(App& app, Actions& actions);
void drawAddendumScreen(App& app, Actions& actions);
void drawRecordScreen(App& app, Actions& actions);
void drawChildModeScreen(App& app, Actions& actions);
void drawSyncScreen(App& app, Actions& actions);
void drawConflictAnalysisScreen(App& app, Actions& actions);

// The dated addenda under a signed record, oldest first (screen_record.cpp).
void drawAddenda(App& app, const std::string& parentRecordId);

} // namespace heard::ui
