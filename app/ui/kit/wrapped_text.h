// Text wrapped at the window edge with the kit's own line breaking (text_engine.h): breaks at
// spaces, never after the '.' of "SF 2.92" (ImGui::TextWrapped breaks after punctuation), and
// inside a word only when the word alone is wider than the line.
#pragma once

namespace heard::ui {

// In the current text colour, from the cursor to the window's right edge (or the pushed
// text wrap position), as one item.
void wrappedText(const char* text);
// printf-style, formatted first.
void wrappedTextF(const char* format, ...);

} // namespace heard::ui
