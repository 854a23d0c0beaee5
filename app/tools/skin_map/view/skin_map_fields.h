// Small form widgets for the skin map screen: text bound to std::string, choice buttons.
#pragma once

#include <string>

namespace heard::skinmap {

// A text field bound to a std::string (grows as needed). Returns true when it changed.
bool textField(const char* label, std::string& value, const char* tagName, const char* hint = "");
bool textArea(const char* label, std::string& value, const char* tagName, float lines = 3.0f);
// A touch-sized toggle button that looks selected when on. Returns true when pressed.
bool choiceButton(const char* label, bool selected, const char* tagName);
// Starts a row of flowing items (the first one starts on a new line).
void flowStart();
// Starts a new line unless the next item of this width still fits on the current one.
void flowNext(float itemWidth);

} // namespace heard::skinmap
