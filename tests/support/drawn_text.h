// The words a frame actually drew, read back from ImGui's draw lists: every glyph quad is
// matched to its glyph in the font atlas by its texture coordinates. This sees text however it
// was drawn (ImGui widgets, the kit's own AddText calls, strings built at run time), which a
// check of msgids cannot: an English string typed without _() shows up here in a Welsh frame.
#pragma once

#include <string>
#include <vector>

struct ImDrawData;

namespace heard::test {

// The words (runs of letters, digits, apostrophes and hyphens, UTF-8) in the order drawn.
// Glyphs cut by a clip rectangle are missed, so a word at a scrolled edge may be partial.
std::vector<std::string> drawnWords(const ImDrawData* drawData);

// Every visible character drawn, in order, one line per draw list (spaces are not drawn, so
// they are absent): for "does this frame show X anywhere".
std::string drawnCharacters(const ImDrawData* drawData);

} // namespace heard::test
