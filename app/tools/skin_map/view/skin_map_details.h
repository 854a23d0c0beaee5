// The side panel of the skin map screen: prompts, the list of marks with their region names,
// the selected mark's details, and the record's header.
#pragma once

#include "app/tools/skin_map/view/skin_map_view.h"

namespace heard::skinmap {

void drawSkinMapPanel(SkinMapViewState& state, SkinMapViewActions& actions);

} // namespace heard::skinmap
