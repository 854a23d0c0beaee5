// The first-run welcome (issue 21.4): when Heard starts for real (no --demo, no --tour) on a
// tablet with no store yet, the window first says what it is about to do (set up a real
// encrypted store) and how to look around with fictional children instead (heard --demo).
// Once dismissed it is not shown again: a small marker file in the data folder remembers it,
// outside the store (there is no store yet), holding nothing personal.
#pragma once

#include <string>

namespace heard::ui {

// The marker's path in the data folder.
std::string welcomeMarkerPath(const std::string& dataDir);
// True once the practitioner has dismissed the welcome on this tablet.
bool welcomeDismissed(const std::string& dataDir);
// Remembers the dismissal (the folder is made 0700 if needed). Throws base::Error when the file
// cannot be written; the welcome then shows again next time, nothing else is affected.
void rememberWelcomeDismissed(const std::string& dataDir);

} // namespace heard::ui
