// Vector pictures for child-facing activities: icons and feelings faces drawn with ImDrawList,
// so they stay sharp at any size and need no image files.
#pragma once

#include "app/tools/framework/model/activity_content.h"

#include <imgui.h>

#include <string>

namespace heard::tools {

// Draws the named icon (activity_content.h contentIcons()) centred in a square of side size.
// Unknown names draw a question mark, never nothing.
void drawIcon(ImDrawList* drawList, const std::string& name, ImVec2 centre, float size, ImU32 colour);
// A colour that suits the icon on the light paper background, where nothing else decides one
// (a yellow sun, a grey-blue cloud, a dark storm). Faces keep their own colours whatever is given.
ImU32 naturalIconColour(const std::string& name);

// A feelings face of radius r. strength 1..3 deepens the expression (0: neutral depth).
void drawFace(ImDrawList* drawList, Expression expression, ImVec2 centre, float r, int strength = 2);
ImU32 faceColour(Expression expression);

} // namespace heard::tools
