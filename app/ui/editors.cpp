#include "app/ui/editors.h"

#include "app/tools/skin_map/view/skin_map_controller.h"

namespace heard::ui {

// The one list every autosave, lock and shutdown goes through. A new record kind's editor is
// added here (and to the record kinds table, record_kinds.cpp).
Editors::Editors() {
    for (RecordEditor* editor : std::initializer_list<RecordEditor*>{
             &safetyAlert, &visit, &concern, &notSeen, &addendum, &skinMap, &conflict, &childMode, &risk,
             &sharing, &court, &impact, &reportViewer, &identity, &people, &interpretation, &judgeSending})
        set.add(*editor);
}

} // namespace heard::ui
