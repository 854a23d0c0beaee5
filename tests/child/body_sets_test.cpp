// Issue 18.7 on the real app, by touch: an infant's skin map opens on the baby set with the
// NICE CG89 prompt for a baby who is not yet mobile; the set is chosen by age and changeable,
// and the change is kept after reopening; the mark types offered describe what is seen (in
// English and Welsh); an old signed record with "burn" on the earlier outline still opens,
// shows its mark readably and is not rewritten.
#include "../workflow/workflow_harness.h"
#include "app/i18n/i18n.h"
#include "app/tools/skin_map/model/skin_map_json.h"
#include "app/tools/skin_map/view/skin_map_controller.h"
#include "storage/record_kinds.h"
#include "tests/support/drawn_text.h"

#include <doctest/doctest.h>
#include <imgui.h>

#include <cctype>

using namespace heard;
using test::WorkflowApp;

namespace {

const char* const kBabyId = "child-test-baby";

bool frameShows(const std::string& words) {
    std::string wanted;
    for (char c : words)
        if (c != ' ') wanted += c;
    REQUIRE(ImGui::GetDrawData());
    return test::drawnCharacters(ImGui::GetDrawData()).find(wanted) != std::string::npos;
}

skinmap::SkinMapViewState& mapState(WorkflowApp& w) {
    REQUIRE(w.app->editors().skinMap.controller());
    return w.app->editors().skinMap.controller()->state();
}

// From the caseload, by touch: the child, a visit begun, "Add a skin map", past the notice.
std::string openNewSkinMap(WorkflowApp& w, const std::string& childId) {
    w.driver->frames(2);
    w.driver->tap("caseload.child." + childId);
    w.driver->tap("child.start_visit");
    w.tapAndType("visit.where", "At home");
    w.tapAndType("visit.present", "The child and mother");
    w.tapAndType("visit.purpose", "Home visit");
    w.driver->tap("visit.confidentiality");
    w.driver->tap("visit.begin");
    REQUIRE(w.app->editors().visit.started);
    w.driver->tap("visit.skin_map");
    REQUIRE((w.app->screen() == ui::ScreenId::SkinMap));
    CHECK(w.driver->has("skinmap.notice"));
    w.driver->tap("skinmap.notice.ok");
    REQUIRE(w.driver->has("skinmap.canvas"));
    return w.app->editors().skinMap.controller()->recordId();
}

void tapRegion(WorkflowApp& w, skinmap::ViewId view, const char* regionId) {
    auto& state = mapState(w);
    if (state.view != view) {
        // The part of the body first (body, head, hands, feet), then its view.
        const std::string id = skinmap::toString(view);
        const char* group = id.rfind("body", 0) == 0   ? "body"
                            : id.rfind("head", 0) == 0 ? "head"
                            : id.find("foot") != std::string::npos || id.find("sole") != std::string::npos
                                ? "feet"
                                : "hands";
        w.driver->tap(std::string("skinmap.group.") + group);
        w.driver->tap("skinmap.view." + id);
    }
    const auto p = skinmap::pointInRegion(skinmap::outlineView(state.map.bodyShape, view), regionId);
    REQUIRE(p);
    float x, y;
    skinmap::screenPointFor(state, *p, x, y);
    w.driver->tapAt(x, y);
}

} // namespace

TEST_CASE("an infant's skin map opens on the baby set with the non-mobile baby prompt") {
    WorkflowApp w;
    w.unlockDemo();
    // A fictional baby of seven months on the fixed Monday (23 November 2026).
    w.store().putChild(storage::Child{kBabyId, "case-demo-1", "Bobbi Applebridge", "2026-04-10", {}});
    const std::string id = openNewSkinMap(w, kBabyId);
    CHECK((mapState(w).map.bodyShape == skinmap::BodyShape::Baby));
    CHECK(w.driver->has("skinmap.bodyset.baby"));
    CHECK(w.driver->has("skinmap.baby.prompt"));
    CHECK(frameShows("NICE CG89"));
    // Nothing is pre-selected for the baby: mobility stays unrecorded until the practitioner says.
    CHECK((mapState(w).map.header.mobility == skinmap::Mobility::Unknown));

    // A red mark on the chest: the record is flagged at once, whatever the type.
    tapRegion(w, skinmap::ViewId::BodyFront, "left_chest");
    REQUIRE(mapState(w).map.marks.size() == 1);
    w.driver->tap("skinmap.type.red_mark");
    CHECK((mapState(w).map.marks[0].type == skinmap::InjuryType::RedMark));
    w.driver->frames(2);
    CHECK(w.driver->has("skinmap.concerns"));
    auto record = w.store().recordById(id);
    REQUIRE(record);
    CHECK(record->highRisk);

    // The baby's own views: the sole of a foot can be marked too.
    tapRegion(w, skinmap::ViewId::LeftSole, "left_heel");
    REQUIRE(mapState(w).map.marks.size() == 2);
    CHECK(mapState(w).map.marks[1].regionName == "left heel");

    // Told the baby is mobile, the non-mobile prompt goes and the flag with it.
    w.driver->tap("skinmap.baby.mobility.independently_mobile");
    w.driver->frames(2);
    CHECK_FALSE(w.driver->has("skinmap.baby.prompt"));
    CHECK((mapState(w).map.header.mobility == skinmap::Mobility::IndependentlyMobile));
    record = w.store().recordById(id);
    REQUIRE(record);
    CHECK_FALSE(record->highRisk);
    const skinmap::SkinMap saved = skinmap::skinMapFromJson(record->payload);
    CHECK((saved.bodyShape == skinmap::BodyShape::Baby));
    CHECK(saved.marks.size() == 2);
}

TEST_CASE("a nine-year-old's map opens on the child set; a change of set is kept after reopening") {
    WorkflowApp w;
    w.unlockDemo();
    const std::string id = openNewSkinMap(w, "child-demo-1"); // born 14 March 2017: nine
    CHECK((mapState(w).map.bodyShape == skinmap::BodyShape::Child));
    CHECK_FALSE(w.driver->has("skinmap.baby.prompt"));
    w.driver->tap("skinmap.bodyset.toddler");
    CHECK((mapState(w).map.bodyShape == skinmap::BodyShape::Toddler));
    w.driver->tap("skinmap.close");
    CHECK((w.app->screen() == ui::ScreenId::Visit));

    // Reopened (as a synced copy would be: from the stored record), the same outline.
    w.app->openRecord(id);
    w.driver->frames(2);
    REQUIRE((w.app->screen() == ui::ScreenId::SkinMap));
    w.driver->tap("skinmap.notice.ok");
    CHECK((mapState(w).map.bodyShape == skinmap::BodyShape::Toddler));
    CHECK(w.driver->has("skinmap.canvas"));

    // Once a mark is placed the outline stays, and the screen says why.
    tapRegion(w, skinmap::ViewId::BodyFront, "left_chest");
    REQUIRE(mapState(w).map.marks.size() == 1);
    w.driver->frames(1);
    CHECK(w.driver->has("skinmap.bodyset.why"));
    w.driver->tap("skinmap.bodyset.teen");
    CHECK((mapState(w).map.bodyShape == skinmap::BodyShape::Toddler));
    w.driver->tap("skinmap.close");
    const skinmap::SkinMap saved = skinmap::skinMapFromJson(w.store().recordById(id)->payload);
    CHECK((saved.bodyShape == skinmap::BodyShape::Toddler));
    CHECK(saved.marks.at(0).regionId == "left_chest");
}

TEST_CASE("the mark types on screen describe what is seen, in English and in Welsh") {
    WorkflowApp w;
    w.unlockDemo();
    openNewSkinMap(w, "child-demo-4"); // sixteen: the teenager set
    CHECK((mapState(w).map.bodyShape == skinmap::BodyShape::Teen));
    tapRegion(w, skinmap::ViewId::BodyFront, "left_chest");
    REQUIRE(mapState(w).map.marks.size() == 1);
    w.driver->frames(1);
    int offered = 0;
    for (const std::string& name : platform::TagRegistry::instance().visibleTags()) {
        if (name.rfind("skinmap.type.", 0) != 0) continue;
        ++offered;
        CAPTURE(name);
        for (const char* cause : {"burn", "bite", "scratch", "cut"})
            CHECK(name.find(cause) == std::string::npos);
    }
    CHECK(offered == int(skinmap::allInjuryTypes().size()) - 1); // all but "not recorded"
    CHECK(frameShows("Break in the skin"));
    CHECK_FALSE(frameShows("Burn"));
    // Welsh: every type offered is translated (not left in English), and none says burn or bite.
    for (skinmap::InjuryType t : skinmap::allInjuryTypes()) {
        const std::string welsh = i18n::trIn("cy", skinmap::title(t));
        CAPTURE(skinmap::title(t));
        CHECK(welsh != skinmap::title(t));
        std::string lowered;
        for (char c : welsh)
            lowered += char(std::tolower(static_cast<unsigned char>(c)));
        CHECK(lowered.find("llosg") == std::string::npos);
        CHECK(lowered.find("brath") == std::string::npos);
    }
    for (skinmap::BodyShape set : skinmap::bodySets())
        CHECK(std::string(i18n::trIn("cy", skinmap::bodyShapeTitle(set))) != skinmap::bodyShapeTitle(set));
    CHECK(std::string(i18n::trIn("cy", skinmap::babyPrompt([] {
                                     skinmap::SkinMap baby;
                                     baby.bodyShape = skinmap::BodyShape::Baby;
                                     return baby;
                                 }()))) != skinmap::babyPrompt([] {
              skinmap::SkinMap baby;
              baby.bodyShape = skinmap::BodyShape::Baby;
              return baby;
          }()));
}

TEST_CASE("an old signed record with 'burn' on the earlier outline opens, shows its mark, is not rewritten") {
    WorkflowApp w;
    w.unlockDemo();
    // As the first version of Heard saved it (young child outline, outlines version 1).
    const nlohmann::json old = nlohmann::json::parse(R"({"schemaVersion":1,
      "outlinesVersion":"heard-body-outlines/1","bodyShape":"young_child",
      "header":{"childId":"child-demo-1","childName":"Poppy Applebridge","completedByName":"Sam Demoworth",
        "completedByRole":"Family court adviser","accountGivenBy":"Poppy Applebridge",
        "firstNoticedAt":"2026-11-20","recordedAt":"2026-11-21T10:00:00Z","mobility":"independently_mobile"},
      "marks":[{"number":1,"view":"left_palm","position":{"x":0.5,"y":0.6},"regionId":"left_palm",
        "regionName":"left palm","type":"burn","lengthCm":1,"widthCm":1,"shape":"round","colours":["pink"],
        "skinBroken":"unknown","swelling":false,"scab":false,"blister":true,"bleeding":false,
        "progress":"not_known","painOrLimitedMovement":"unknown","imprintOfObject":false,"petechiae":false,
        "description":"","explanations":[],"childFeelings":"","foundBy":"","observedBy":"Sam Demoworth",
        "observedAt":"2026-11-21T10:00:00Z"}],
      "nextMarkNumber":2,"patternNotes":"","noticeShownAt":""})");
    storage::NewRecord draft;
    draft.caseId = "case-demo-1";
    draft.childId = "child-demo-1";
    draft.kind = storage::kinds::kSkinMap;
    draft.author = w.app->author();
    draft.payload = old;
    const std::string id = w.store().createDraft(draft).id;
    w.store().sign(id, w.app->author());

    w.app->openRecord(id);
    w.driver->frames(2);
    REQUIRE((w.app->screen() == ui::ScreenId::SkinMap));
    w.driver->tap("skinmap.notice.ok");
    REQUIRE(w.driver->has("skinmap.list.1"));
    CHECK(frameShows("Burn (earlier type)"));
    CHECK(w.driver->has("skinmap.bodyset.current")); // signed: the outline is named, not offered
    CHECK(frameShows("Young child (earlier outline)"));
    w.driver->tap("skinmap.list.1");
    CHECK((mapState(w).view == skinmap::ViewId::LeftPalm));
    {
        // Drawn on the canvas where it was placed, on the palm of the same outline as before.
        const auto& state = mapState(w);
        float x, y;
        skinmap::screenPointFor(state, state.map.marks.at(0).position, x, y);
        CHECK(x > state.canvas.x);
        CHECK(x < state.canvas.x + state.canvas.width);
        CHECK(y > state.canvas.y);
        CHECK(y < state.canvas.y + state.canvas.height);
        const auto hit = skinmap::hitTest(skinmap::outlineView(state.map.bodyShape, state.view),
                                          state.map.marks.at(0).position);
        REQUIRE(hit);
        CHECK(hit->region->id == "left_palm");
    }
    CHECK(w.driver->has("skinmap.readonly.details"));
    w.driver->tap("skinmap.close");
    // Never rewritten: the payload is byte for byte what was signed.
    const auto after = w.store().recordById(id);
    REQUIRE(after);
    CHECK(after->payload == old);
}
