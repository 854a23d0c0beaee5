// Keeping the child's typed words exactly, although Dear ImGui 1.86 (as Debian builds it, with
// 16-bit ImWchar) cannot hold characters beyond the Basic Multilingual Plane: an emoji typed
// into an ImGui text field becomes U+FFFD, and editing a field that holds one destroys it.
//
// So the child's words go to ImGui with every such character (and any private-use character,
// so the mapping is always reversible) swapped for a private-use placeholder, and come back with
// the originals restored. Newly typed characters are recovered from the raw SDL_TEXTINPUT text:
// the container forwards each text event to noteTextInput(), and the field's character filter
// replaces each U+FFFD ImGui delivers with the placeholder of the character the child typed.
#pragma once

#include <string>

union SDL_Event;

namespace heard::tools {

// Call for every SDL event (cheap: only SDL_TEXTINPUT is looked at).
void noteTextInput(const SDL_Event& event);
void noteTextInput(const std::string& utf8);

// The text ImGui is given / the text it gave back. decode(encode(s)) == s for any UTF-8 s.
std::string encodeForImGui(const std::string& utf8);
std::string decodeFromImGui(const std::string& shown);

// Filters one character ImGui is about to insert (for ImGuiInputTextFlags_CallbackCharFilter).
unsigned int filterTypedCharacter(unsigned int character);

} // namespace heard::tools
