// Child-mode views of the parental conflict activity (issue 7).
#pragma once

#include "app/tools/framework/view/activity_views.h"

namespace heard::tools {

void registerParentalConflictViews(ActivityViewRegistry& registry);

} // namespace heard::tools
