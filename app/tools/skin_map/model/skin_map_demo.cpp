#include "app/tools/skin_map/model/skin_map_demo.h"

namespace heard::skinmap {

namespace {

// A mark in the middle of a named region of the map's own outline.
Mark* place(SkinMap& map, ViewId view, const char* regionId) {
    const auto p = pointInRegion(outlineView(map.bodyShape, view), regionId);
    if (!p) return nullptr;
    EditError error = EditError::None;
    const int number = addMark(map, view, *p, 0.0, error);
    Mark* mark = map.mark(number);
    if (mark) {
        mark->observedBy = "Sam Demoworth";
        mark->observedAt = "2026-11-23T10:15:00Z";
    }
    return mark;
}

} // namespace

SkinMap demoSkinMap() {
    SkinMap map;
    map.bodyShape = BodyShape::Child;
    map.header.childId = "demo-child-1";
    map.header.childName = "Alex Demo";
    map.header.completedByName = "Sam Demoworth";
    map.header.completedByRole = "Family court adviser";
    map.header.accountGivenBy = "Alex Demo";
    map.header.firstNoticedAt = "2026-11-22";
    map.header.recordedAt = "2026-11-23T10:30:00Z";
    map.header.mobility = Mobility::IndependentlyMobile;
    if (Mark* m = place(map, ViewId::BodyFront, "right_forearm_outer")) {
        m->type = InjuryType::Bruise;
        m->shape = MarkShape::Oval;
        m->lengthCm = 3;
        m->widthCm = 2;
        m->colours = {Colour::Purple, Colour::Yellow};
        m->skinBroken = YesNoUnknown::No;
        m->progress = Progress::Healing;
        m->explanations = {{Speaker::Child, "the child", "I bumped it on the climbing frame"}};
        m->foundBy = "carer";
    }
    if (Mark* m = place(map, ViewId::BodyBack, "right_upper_back")) {
        m->type = InjuryType::LineMark;
        m->shape = MarkShape::Linear;
        m->lengthCm = 4;
        m->widthCm = 0.2;
        m->colours = {Colour::Red};
        m->scab = true;
    }
    if (Mark* m = place(map, ViewId::LeftPalm, "left_palm")) {
        m->type = InjuryType::Blister;
        m->shape = MarkShape::Round;
        m->lengthCm = 1;
        m->widthCm = 1;
        m->colours = {Colour::Pink};
        m->blister = true;
    }
    return map;
}

} // namespace heard::skinmap
