// A fictional skin map for the demo caseload and the screenshot tour (invented names, no
// real case details).
#pragma once

#include "app/tools/skin_map/model/skin_map.h"

namespace heard::skinmap {

// Three marks (front, back, left palm) placed by hit-testing, details filled, header complete.
SkinMap demoSkinMap();

} // namespace heard::skinmap
