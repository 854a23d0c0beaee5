// The canvas part of the skin map screen (see skin_map_view.h for the gestures).
#pragma once

#include "app/tools/skin_map/view/skin_map_view.h"

namespace heard::skinmap {

// Draws the outline and marks in a width x height canvas at the cursor and handles taps/drags.
void drawSkinMapCanvas(SkinMapViewState& state, SkinMapViewActions& actions, float width, float height);

// Zooms by factor keeping the view point under (focusX, focusY) in place.
void zoomAt(SkinMapViewState& state, float factor, float focusX, float focusY);

} // namespace heard::skinmap
