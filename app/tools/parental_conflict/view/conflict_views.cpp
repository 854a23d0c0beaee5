#include "app/tools/parental_conflict/view/conflict_views.h"

#include "app/tools/parental_conflict/model/conflict_type.h"

namespace heard::tools {

void registerParentalConflictViews(ActivityViewRegistry& registry) {
    // Drawn by the shared step views: a feelings face or a picture scale looks the same to a
    // child here as in any other activity, which keeps the session familiar.
    registry.add(ActivityView{kParentalConflictType, {}, {}});
}

} // namespace heard::tools
