// The wishes-and-feelings activity types (SF 2.40-2.43, NS 5), registered with the activity
// framework (app/tools/framework/model/activity_type.h). Their words live in assets/tools/*.json.
//
//   feelings_faces   choose a face, and how strongly, for each person or place
//   three_wishes     three wishes, in words or pictures
//   three_houses     worries, good things, dreams: the child picks the house to start with
//   my_world         place people and pets near or far from the child
//   scaling          0-10 questions with a friendly visual; some ask about safety
//   two_homes        what each home is like, and whether the child feels safe there
//   drawing          a free drawing canvas
//   words_for_judge  a message to the judge in the child's own words (typed or dictated)
#pragma once

#include "app/tools/framework/model/activity_type.h"

namespace heard::tools {

void registerWishesFeelingsTypes(ActivityTypeRegistry& registry);

// The three houses' step ids, which views draw as three different houses.
inline constexpr const char* kHouseWorries = "worries";
inline constexpr const char* kHouseGoodThings = "good_things";
inline constexpr const char* kHouseDreams = "dreams";

} // namespace heard::tools
