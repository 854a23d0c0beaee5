// Read aloud in child mode (issue 18.1): a speaker button beside every prompt and choice says
// its words in the activity's language. Only the content's words are ever given to it; the
// child's own typed words are never spoken.
#pragma once

#include "platform/speech.h"

namespace heard::tools {

using platform::speech;

// A square speaker button (a touch target) tagged tagName: tapped, it says text in the
// language being drawn (i18n::language(), the child's inside drawChildView).
bool speakButton(const char* text, const char* tagName);

// A bar button with a picture at its left and its label (the pictured "I don't know").
bool pictureBarButton(const char* label, const char* tagName, const char* icon, float width);

} // namespace heard::tools
