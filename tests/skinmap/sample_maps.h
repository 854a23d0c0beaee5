// Fictional skin maps for the tests (invented names; no real case details).
#pragma once

#include "app/tools/skin_map/model/skin_map.h"

#include <stdexcept>

namespace heard::skinmap::testing {

// Places a mark by hit-testing (as a tap would) and fills its details; throws if off the body.
inline Mark& placeMark(SkinMap& map, ViewId view, Point p) {
    EditError error = EditError::None;
    const int number = addMark(map, view, p, 0.0, error);
    if (number == 0) throw std::runtime_error("sample mark is outside the body");
    Mark& m = *map.mark(number);
    m.lengthCm = 3;
    m.widthCm = 2;
    m.colours = {Colour::Purple, Colour::Yellow};
    m.observedBy = "Pat Examplewood";
    m.observedAt = "2026-11-23T10:15:00Z";
    return m;
}

// A complete map that can be signed: three marks on the front, the back and a hand.
inline SkinMap completeMap() {
    SkinMap map;
    map.bodyShape = BodyShape::YoungChild;
    map.header.childId = "child-0001";
    map.header.childName = "Robin Testchild";
    map.header.completedByName = "Pat Examplewood";
    map.header.completedByRole = "Family court adviser";
    map.header.accountGivenBy = "Robin Testchild and their carer";
    map.header.firstNoticedAt = "2026-11-22";
    map.header.recordedAt = "2026-11-23T10:30:00Z";
    map.header.mobility = Mobility::IndependentlyMobile;
    Mark& arm = placeMark(map, ViewId::BodyFront, {0.195, 0.443}); // right forearm, outer
    arm.type = InjuryType::Bruise;
    arm.shape = MarkShape::Oval;
    arm.skinBroken = YesNoUnknown::No;
    arm.progress = Progress::Healing;
    arm.explanations = {{Speaker::Child, "the child", "I fell off the \"big\" slide"},
                        {Speaker::Adult, "carer", "She fell at the park on Saturday."}};
    arm.childFeelings = "It doesn't hurt now";
    arm.foundBy = "carer";
    arm.description = "Oval bruise, purple centre with yellow edges";
    Mark& back = placeMark(map, ViewId::BodyBack, {0.575, 0.295}); // right upper back
    back.type = InjuryType::Scratch;
    back.shape = MarkShape::Linear;
    back.lengthCm = 4.5;
    back.widthCm = 0.2;
    back.colours = {Colour::Red};
    back.skinBroken = YesNoUnknown::Yes;
    back.scab = true;
    Mark& hand = placeMark(map, ViewId::LeftPalm, {0.5, 0.6}); // left palm
    hand.type = InjuryType::Burn;
    hand.shape = MarkShape::Round;
    hand.lengthCm = 1;
    hand.widthCm = 1;
    hand.colours = {Colour::Pink};
    hand.blister = true;
    hand.painOrLimitedMovement = YesNoUnknown::Yes;
    return map;
}

} // namespace heard::skinmap::testing
