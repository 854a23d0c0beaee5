// One answer of a list the practitioner chooses from (risk factor states, referral routes,
// sharing bases): a touch-sized button that shows whether it is chosen. Nothing starts chosen:
// every list of the safeguarding records begins with no answer (issue 13 item 3).
#pragma once

namespace heard::ui {

// Returns true when tapped. width 0: fits the label; -1: the whole row.
bool choiceButton(const char* label, bool selected, const char* tagName, float width = 0.0f);

// A bulleted line that wraps at the window edge (ImGui's BulletText does not wrap), so a
// referral or deadline stays readable in portrait.
void wrappedBullet(const char* text);

// An error line in the danger colour (a msgid, translated here); nothing when empty.
void errorLine(const char* msgid);

} // namespace heard::ui
