// The tool catalogue, view side: the ONE place that knows every built-in tool's views (the
// model side is builtin_types.cpp). The framework declares registerBuiltinActivityViews() and
// calls it once, on first use of activityViews(); it never includes a concrete tool. Built
// into heard_tools.
#include "app/tools/framework/view/activity_views.h"
#include "app/tools/parental_conflict/view/conflict_views.h"
#include "app/tools/wishes_feelings/view/wishes_feelings_views.h"

namespace heard::tools {

void registerBuiltinActivityViews(ActivityViewRegistry& registry) {
    registerWishesFeelingsViews(registry);
    registerParentalConflictViews(registry);
}

} // namespace heard::tools
