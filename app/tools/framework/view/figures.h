// The pictures of the child's people (issue 18.2, 18.8): one drawing per figure of
// model::figures(), each different from every other (age, gender, skin tone, hair, clothes; a
// carer's badge, a teacher's book; a dog and a cat), drawn as vectors so they stay sharp.
#pragma once

#include <imgui.h>

#include <string>

namespace heard::tools {

// Draws the figure centred in a square of side size. An unknown or empty id draws the plain
// "someone" figure, never nothing.
void drawFigure(ImDrawList* drawList, const std::string& figureId, ImVec2 centre, float size);

} // namespace heard::tools
