// The views of the wishes-and-feelings activities. They use the framework's shared step views
// (faces, scales, choices, words, my world, the canvas) and the shared summary; a type that
// needs its own screen sets drawChildBody / drawSummary here.
#pragma once

#include "app/tools/framework/view/activity_views.h"

namespace heard::tools {

void registerWishesFeelingsViews(ActivityViewRegistry& registry);

} // namespace heard::tools
