// Issue 13.3: the record holds only what happened.
//   - a feelings face is recorded without an intensity unless the child picks one, and the
//     record says the answer was picked from the choices offered (and which are own words);
//   - a new skin-map mark has no type and no shape until the practitioner chooses them;
//   - a dot or a tap on the signature pad is not a signature: signing is refused, with why.
#include "app/model/demo_caseload.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/tools/skin_map/view/skin_map_controller.h"
#include "tests/wishes/child_harness.h"
#include "tests/workflow/workflow_harness.h"

#include <doctest/doctest.h>

using namespace heard;

TEST_CASE(
    "a feelings face without 'how much' stores no intensity; the record says how each answer was given") {
    test::ChildHarness h("feelings_faces");
    REQUIRE(h.currentStepId() == "at_home");
    h.driver->tap("face.worried");
    CHECK(h.run->currentAnswer()->strength == 0); // nothing chosen for "how much"
    h.next();
    h.driver->tap("face.happy");
    h.driver->tap("face.strength.3");
    h.next();
    for (int i = 0; i < 8 && !h.run->finished(); ++i) { // the other steps: a face each, no "how much"
        h.driver->tap("face.calm");
        h.next();
    }
    h.finish();
    CHECK(h.answer("at_home").faceId == "worried");
    CHECK(h.answer("at_home").strength == 0);
    CHECK(h.answer("at_school").strength == 3);
    const nlohmann::json record = tools::resultToJson(h.result());
    nlohmann::json atHome;
    for (const auto& a : record["child"]["answers"])
        if (a["step"] == "at_home") atHome = a;
    REQUIRE_FALSE(atHome.is_null());
    CHECK_FALSE(atHome.contains("strength"));
    CHECK(atHome["answered_with"] == nlohmann::json::array({"picked_from_list"}));

    // The child's own words are marked as such.
    h.restart("three_wishes", "en");
    h.driver->tap("words.input");
    h.driver->typeText("a puppy");
    h.next();
    const nlohmann::json words = tools::resultToJson(h.result());
    bool found = false;
    for (const auto& a : words["child"]["answers"])
        if (a.contains("words")) {
            CHECK(a["answered_with"] == nlohmann::json::array({"own_words"}));
            found = true;
        }
    CHECK(found);
}

TEST_CASE("a new skin-map mark stores no type and no shape until they are chosen") {
    test::WorkflowApp w(0, 1280, 4200);
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-1");
    w.driver->tap("child.start_visit");
    w.driver->tap("visit.confidentiality");
    w.driver->tap("visit.begin");
    w.driver->tap("visit.skin_map");
    REQUIRE((w.app->screen() == ui::ScreenId::SkinMap));
    w.driver->tap("skinmap.notice.ok");
    auto* controller = w.app->editors().skinMap.controller();
    REQUIRE(controller);
    float x, y;
    skinmap::screenPointFor(controller->state(), {0.575, 0.295}, x, y);
    w.driver->tapAt(x, y);
    REQUIRE(controller->state().map.marks.size() == 1);
    const skinmap::Mark& mark = controller->state().map.marks[0];
    CHECK((mark.type == skinmap::InjuryType::NotRecorded));
    CHECK((mark.shape == skinmap::MarkShape::NotRecorded));
    // No choice button is drawn as already chosen, and "not recorded" is not offered as one.
    CHECK(w.driver->has("skinmap.type.bruise"));
    CHECK_FALSE(w.driver->has("skinmap.type.not_recorded"));
    const std::string id = controller->recordId();
    w.driver->tap("skinmap.close");
    const auto record = w.store().recordById(id);
    REQUIRE(record);
    const std::string payload = record->payload.dump();
    CHECK(payload.find("\"type\":\"not_recorded\"") != std::string::npos);
    CHECK(payload.find("\"shape\":\"not_recorded\"") != std::string::npos);
    CHECK(payload.find("bruise") == std::string::npos);
    CHECK(payload.find("irregular") == std::string::npos);
}

TEST_CASE("a dot signature is refused with a reason; a real one signs") {
    test::WorkflowApp w(0, 1280, 4200);
    w.beginDemoVisit();
    const std::string visitId = w.app->editors().visit.draft.recordId;
    for (const char* key : {"visit.setting", "visit.what_happened", "visit.reasons", "visit.impact",
                            "visit.outcomes", "visit.carer_feedback", "visit.next"})
        w.tapAndType(key, "Fictional entry.");
    w.tapAndType("visit.signature_name", "Sam Demo-Practitioner");
    // A tap on the pad: a dot.
    const auto pad = w.driver->reveal("visit.signature_pad");
    w.driver->tapAt(pad.centreX(), pad.centreY());
    REQUIRE_FALSE(w.app->editors().visit.visit.signatureStrokes.empty());
    w.driver->tap("visit.sign");
    CHECK((w.store().recordById(visitId)->status == storage::RecordStatus::Draft));
    const auto& problems = w.app->editors().visit.draft.signProblems.items;
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] ==
          std::string("Your signature: a dot or a tap is not a signature; sign with your finger"));
    // A short wobble is still not a signature.
    w.driver->drag(pad.centreX(), pad.centreY(), pad.centreX() + 4, pad.centreY() + 2, 3);
    w.driver->tap("visit.sign");
    CHECK((w.store().recordById(visitId)->status == storage::RecordStatus::Draft));
    // A real signature signs.
    w.sign("visit.signature_pad");
    w.driver->tap("visit.sign");
    CHECK((w.store().recordById(visitId)->status == storage::RecordStatus::Signed));
}

TEST_CASE("the signature rule itself") {
    CHECK_FALSE(model::isRealSignature({}));
    CHECK_FALSE(model::isRealSignature({{0.5f, 0.5f}}));                             // a dot
    CHECK_FALSE(model::isRealSignature({{0.5f, 0.5f, 0.51f, 0.52f, 0.505f, 0.5f}})); // a tap's wobble
    CHECK_FALSE(model::isRealSignature({{0.5f, 0.1f, 0.5f, 0.9f}}));                 // a short vertical tick
    CHECK(model::isRealSignature({{0.2f, 0.5f, 0.4f, 0.3f, 0.7f, 0.6f}}));
    CHECK(model::signatureProblem({}) == std::string("Your signature"));
    CHECK(model::signatureProblem({{0.2f, 0.5f, 0.7f, 0.5f}}) == nullptr);
}
