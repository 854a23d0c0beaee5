// The impact of parental conflict activity type (issue 7), registered with the activity
// framework. Its words live in assets/tools/parental_conflict.json; the practitioner's analysis
// of what the child said lives apart, in conflict_analysis.h.
#pragma once

#include "app/tools/framework/model/activity_type.h"

namespace heard::tools {

inline constexpr const char* kParentalConflictType = "parental_conflict";

void registerParentalConflictTypes(ActivityTypeRegistry& registry);

} // namespace heard::tools
