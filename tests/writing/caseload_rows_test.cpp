// Issue 13.7/13.8 follow-up: caseload rows are as tall as the flags each child has, so a
// 1280x800 landscape tablet shows a useful number of children (it showed 4 when every row was
// as tall as the fullest row could be), and the list still scrolls to its last child.
#include "app/model/demo_caseload.h"
#include "platform/ui_tags.h"
#include "tests/workflow/workflow_harness.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace heard;

namespace {

// Children whose row is wholly on screen (not cut by the list's edge).
int childrenInView(std::vector<std::string>* names = nullptr) {
    int n = 0;
    const auto& tags = platform::TagRegistry::instance();
    for (const std::string& name : tags.visibleTags()) {
        if (name.rfind("caseload.child.", 0) != 0) continue;
        const platform::TagRect* r = tags.find(name);
        // Wholly in the list's view from top to bottom (a row's tag reaches half a gap past
        // its painted edge, as ImGui's selectables do).
        if (r && r->seenY1 > r->seenY0 && r->y0 >= r->seenY0 - 8.0f && r->y1 <= r->seenY1 + 8.0f) {
            ++n;
            if (names) names->push_back(name);
        }
    }
    return n;
}

} // namespace

TEST_CASE("caseload rows are as tall as their flags: at least 7 children on a 1280x800 screen") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    // Thirty more fictional children with the usual mix of flags (a plan, a confidential
    // address, an interpreter on some; most with none).
    const model::DemoCaseload more = model::syntheticCaseload(30);
    for (const auto& c : more.cases)
        w.store().putCase(c);
    for (const auto& child : more.children)
        w.store().putChild(child);
    w.driver->frames(3);
    std::vector<std::string> seen;
    const int inView = childrenInView(&seen);
    MESSAGE(inView << " children in view at 1280x800");
    CHECK(inView >= 7);

    // Rows are not all one height: a row with flags is taller than one without.
    const auto& tagRects = platform::TagRegistry::instance();
    float shortest = 1e9f, tallest = 0.0f;
    for (const std::string& name : seen) {
        shortest = std::min(shortest, tagRects.find(name)->height());
        tallest = std::max(tallest, tagRects.find(name)->height());
    }
    CHECK(tallest > shortest + 10.0f);
    // Every row still a touch target, and rows do not overlap.
    const auto& tags = platform::TagRegistry::instance();
    for (const std::string& name : seen) {
        INFO(name);
        CHECK(tags.find(name)->height() >= 48.0f - 0.5f);
        for (const std::string& other : seen)
            if (other != name) {
                const auto* a = tags.find(name);
                const auto* b = tags.find(other);
                CHECK((a->y1 <= b->y0 + 0.5f || b->y1 <= a->y0 + 0.5f));
            }
    }

    // The list scrolls to its last child by finger, and a row there opens its child.
    const std::string last = "caseload.child." + more.children.back().id;
    for (int i = 0; i < 40 && !w.driver->has(last); ++i)
        w.driver->drag(640, 700, 640, 300);
    REQUIRE(w.driver->has(last));
    w.driver->tap(last);
    CHECK(w.app->childId() == more.children.back().id);
}

TEST_CASE("caseload rows are laid out again when the list changes") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    w.driver->frames(2);
    REQUIRE(w.driver->has("caseload.child.child-demo-1"));
    const float before = w.driver->rect("caseload.child.child-demo-1").height();
    // Poppy gets a child protection plan and an interpreter: her row grows to hold the flags.
    auto poppy = w.store().childById("child-demo-1");
    REQUIRE(poppy);
    poppy->details["childProtectionPlan"] = true;
    // A long interpreter note: the flags take two lines at this width.
    poppy->details["interpreterLanguage"] =
        "Portuguese, with a Brazilian Portuguese speaker preferred by the family (fictional)";
    poppy->details["addressConfidential"] = true;
    w.store().putChild(*poppy);
    w.driver->frames(3);
    CHECK(w.driver->rect("caseload.child.child-demo-1").height() > before);
    // A search shows only matching rows, each still its own height.
    w.tapAndType("caseload.search", "Zara");
    w.driver->frames(2);
    CHECK(w.driver->has("caseload.child.child-demo-4"));
    CHECK_FALSE(w.driver->has("caseload.child.child-demo-1"));
}
