#include "app/tools/wishes_feelings/view/wishes_feelings_views.h"

namespace heard::tools {

void registerWishesFeelingsViews(ActivityViewRegistry& /*registry*/) {
    // Nothing to add: a type with no registered view is drawn by the framework's shared step
    // views, and every wishes-and-feelings type is (a face step is a face step wherever it
    // appears, so two homes and feelings faces look alike to a child). A type that needs its own
    // screen adds ActivityView{typeId, drawChildBody, drawSummary} here.
}

} // namespace heard::tools
