// Issue 13.5 and 13.6, by touch through the test driver on the real app:
//   - every screen about one child shows the child's name, age and case number in its header;
//   - "Start a visit" with a visit draft open offers to continue it and makes no second draft;
//   - after a refused sign the list of what is missing shrinks as fields are filled, and a tap
//     on an item scrolls to its field and gives it the keyboard.
#include "app/model/visit.h"
#include "app/ui/kit/text_area.h"
#include "app/ui/screens.h"
#include "storage/record_kinds.h"
#include "tests/workflow/workflow_harness.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace heard;

namespace {

// The child's line is drawn in the header: on screen, near the top, before any form field.
void checkChildHeader(test::WorkflowApp& w, const char* where) {
    INFO(where);
    REQUIRE(w.driver->has("child.header"));
    const auto r = w.driver->rect("child.header");
    CHECK(r.y0 >= 0.0f);
    CHECK(r.y1 < 400.0f);
}

bool hasProblem(const std::vector<std::string>& items, const std::string& problem) {
    return std::find(items.begin(), items.end(), problem) != items.end();
}

int visitCount(test::WorkflowApp& w, const std::string& childId) {
    int n = 0;
    for (const auto& record : w.store().recordsForChild(childId))
        n += record.kind == storage::kinds::kVisit;
    return n;
}

} // namespace

TEST_CASE("every screen about one child names the child, their age and the case") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-1");
    // Poppy and her brother share the case: name, age and case number tell them apart.
    const std::string line = ui::childIdentityLine(*w.app);
    CHECK(line.find("Poppy Applebridge") != std::string::npos);
    CHECK(line.find("age 9") != std::string::npos); // born 2017-03-14, today 2026-11-23
    CHECK(line.find("case DEMO/0001") != std::string::npos);
    checkChildHeader(w, "child page");

    w.driver->tap("child.start_visit");
    checkChildHeader(w, "visit, before it begins");
    w.driver->tap("visit.confidentiality");
    w.driver->tap("visit.begin");
    checkChildHeader(w, "visit");
    w.driver->tap("visit.skin_map");
    REQUIRE((w.app->screen() == ui::ScreenId::SkinMap));
    checkChildHeader(w, "skin map");
    w.driver->tap("skinmap.notice.ok");
    checkChildHeader(w, "skin map, past the notice");
    w.driver->tap("skinmap.close");
    w.driver->tap("nav.back");
    REQUIRE((w.app->screen() == ui::ScreenId::Child));
    for (const char* button : {"child.concern", "child.not_seen", "child.risk", "child.sharing"}) {
        w.driver->tap(button);
        REQUIRE((w.app->screen() != ui::ScreenId::Child));
        checkChildHeader(w, button);
        w.driver->tap("nav.back");
        REQUIRE((w.app->screen() == ui::ScreenId::Child));
    }

    // The brother on the same case: his own name and age, the same case.
    w.driver->tap("nav.back");
    w.driver->tap("caseload.child.child-demo-2");
    const std::string brother = ui::childIdentityLine(*w.app);
    CHECK(brother.find("Finn Applebridge") != std::string::npos);
    CHECK(brother.find("age 6") != std::string::npos);
    CHECK(brother.find("case DEMO/0001") != std::string::npos);
    checkChildHeader(w, "the brother's page");
}

TEST_CASE("'Start a visit' with a draft open offers to continue it and makes no second draft") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-1");
    REQUIRE(w.driver->has("child.start_visit"));
    CHECK_FALSE(w.driver->has("child.continue_visit"));
    w.driver->tap("child.start_visit");
    w.tapAndType("visit.where", "At home (fictional)");
    w.driver->tap("visit.confidentiality");
    w.driver->tap("visit.begin");
    const std::string draftId = w.app->editors().visit.draft.recordId;
    REQUIRE_FALSE(draftId.empty());
    w.tapAndType("visit.setting", "At the kitchen table.");
    w.driver->tap("nav.back");
    REQUIRE((w.app->screen() == ui::ScreenId::Child));
    CHECK(visitCount(w, "child-demo-1") == 1);

    // The page offers the draft instead of a blank visit.
    CHECK_FALSE(w.driver->has("child.start_visit"));
    REQUIRE(w.driver->has("child.continue_visit"));
    w.driver->tap("child.continue_visit");
    REQUIRE((w.app->screen() == ui::ScreenId::Visit));
    CHECK(w.app->editors().visit.draft.recordId == draftId);
    CHECK(w.app->editors().visit.started);
    CHECK(w.app->editors().visit.visit.where == "At home (fictional)");
    CHECK(w.app->editors().visit.visit.writeUp.value("setting", "") == "At the kitchen table.");
    w.driver->tap("nav.back");
    CHECK(visitCount(w, "child-demo-1") == 1);

    // A sibling's page is not affected: their own visits only.
    w.driver->tap("nav.back");
    w.driver->tap("caseload.child.child-demo-2");
    CHECK(w.driver->has("child.start_visit"));
    CHECK_FALSE(w.driver->has("child.continue_visit"));
}

TEST_CASE("after a refused sign the list updates as fields are filled, and each item goes to its field") {
    test::WorkflowApp w(0, 1280, 800); // a tablet's height: the form scrolls
    w.beginDemoVisit();
    w.driver->tap("visit.sign");
    const auto& items = w.app->editors().visit.draft.signProblems.items;
    const auto& writeUp = model::visitWriteUpFields();
    REQUIRE(items.size() == writeUp.size() + 2); // every write-up field, the name, the signature
    CHECK(hasProblem(items, writeUp[0].label));

    // Filling a field takes it off the list at once, with no second tap on Sign.
    w.tapAndType(std::string("visit.") + writeUp[0].key, "Fictional entry.");
    CHECK_FALSE(hasProblem(items, writeUp[0].label));
    CHECK(items.size() == writeUp.size() + 1);
    w.tapAndType("visit.signature_name", "Sam Demo-Practitioner");
    CHECK_FALSE(hasProblem(items, "Your name, typed"));

    // Each item is a touch target that scrolls to its field and gives it the keyboard.
    REQUIRE(w.driver->has("sign.problem.0"));
    CHECK(w.driver->rect("sign.problem.0").height() >= 48.0f);
    REQUIRE(items[0] == writeUp[1].label);
    const std::string field = std::string("visit.") + writeUp[1].key;
    const float fieldYBefore = w.driver->rect(field).y0;
    w.driver->tap("sign.problem.0");
    w.driver->frames(3);
    const auto r = w.driver->rect(field);
    CHECK(r.y0 != fieldYBefore); // the form scrolled
    CHECK(r.y0 >= 0.0f);
    CHECK(r.y1 <= 800.0f);
    ui::TextAreaProbe probe;
    REQUIRE(ui::textAreaProbe(field, probe));
    CHECK(probe.focused);
    w.driver->typeText("Typed straight after the jump.");
    CHECK(w.app->editors().visit.visit.writeUp.value(writeUp[1].key, "") == "Typed straight after the jump.");
    CHECK_FALSE(hasProblem(items, writeUp[1].label));

    // The signature item goes to the pad; a real signature takes it off the list.
    const auto padItem = std::find_if(items.begin(), items.end(),
                                      [](const std::string& p) { return p.rfind("Your signature", 0) == 0; });
    REQUIRE(padItem != items.end());
    w.driver->tap("sign.problem." + std::to_string(padItem - items.begin()));
    w.driver->frames(3);
    const auto pad = w.driver->rect("visit.signature_pad");
    CHECK(pad.y0 >= 0.0f);
    CHECK(pad.y1 <= 800.0f);
    w.sign("visit.signature_pad");
    CHECK(std::none_of(items.begin(), items.end(),
                       [](const std::string& p) { return p.rfind("Your signature", 0) == 0; }));
}
