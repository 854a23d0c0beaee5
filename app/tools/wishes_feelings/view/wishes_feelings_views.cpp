#include "app/tools/wishes_feelings/view/wishes_feelings_views.h"

#include "app/tools/wishes_feelings/model/wishes_feelings_types.h"

namespace heard::tools {

void registerWishesFeelingsViews(ActivityViewRegistry& registry) {
    // Every wishes-and-feelings activity is drawn by the shared step views: a face step is a
    // face step wherever it appears, so two homes and feelings faces look alike to a child.
    for (const char* id : {"feelings_faces", "three_wishes", "three_houses", "my_world", "scaling",
                           "two_homes", "drawing", "words_for_judge"}) {
        registry.add(ActivityView{id, {}, {}});
    }
}

} // namespace heard::tools
