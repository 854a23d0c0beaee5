// The tool catalogue, model side: the ONE place that knows every built-in tool's activity
// types. The framework (app/tools/framework) declares registerBuiltinActivityTypes() and calls it
// once, on first use of activityTypes(); it never includes a concrete tool. Built into
// heard_model, so model-only programs and tests (no ImGui) get every type.
//
// A new tool: add its registerXTypes() call here and its registerXViews() call in
// builtin_views.cpp. A new activity of an existing type needs neither: it is one JSON file in
// assets/tools (docs/adding-an-activity.md).
#include "app/tools/framework/model/activity_type.h"
#include "app/tools/parental_conflict/model/conflict_type.h"
#include "app/tools/wishes_feelings/model/wishes_feelings_types.h"

namespace heard::tools {

void registerBuiltinActivityTypes(ActivityTypeRegistry& registry) {
    registerWishesFeelingsTypes(registry);
    registerParentalConflictTypes(registry);
}

} // namespace heard::tools
