// Issue 18.8 (portrait): on the real app held upright, no title runs under a button on any child
// activity screen, and the three-houses cards reflow onto more rows rather than squeezing. Read
// from the tag rectangles the app registers as it draws (platform/ui_tags.h): every screen of
// every activity the child's age allows (where to start, each step, the stop question, the end),
// for a Welsh child (the longer words), an English nine-year-old, a six-year-old (the short
// version, pictures-only scales) and a three-year-old.
#include "child_harness.h"

#include "app/model/child_details.h"
#include "app/tools/framework/view/activity_views.h"
#include "platform/ui_tags.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

using namespace heard;

namespace {

bool overlaps(const platform::TagRect& a, const platform::TagRect& b) {
    return std::min(a.x1, b.x1) > std::max(a.x0, b.x0) && std::min(a.y1, b.y1) > std::max(a.y0, b.y0);
}

// Every title and prompt on screen now against every tappable widget on screen now; returns how
// many titles it checked (a screen with none is itself a failure: it must have a title).
int checkTitlesClear(const std::string& where) {
    const auto& tags = platform::TagRegistry::instance();
    const std::vector<std::string> visible = tags.visibleTags();
    int titles = 0;
    for (const char* title : {"activity.title", "activity.prompt"}) {
        const platform::TagRect* t = tags.find(title);
        if (!t || std::find(visible.begin(), visible.end(), title) == visible.end()) continue;
        ++titles;
        for (const std::string& other : visible) {
            const platform::TagRect* b = tags.find(other);
            if (!b || !b->tappable || other == title) continue;
            CHECK_MESSAGE(!overlaps(*t, *b), where << ": " << title << " [" << t->x0 << "," << t->y0 << " - "
                                                   << t->x1 << "," << t->y1 << "] runs under " << other
                                                   << " [" << b->x0 << "," << b->y0 << " - " << b->x1 << ","
                                                   << b->y1 << "]");
        }
    }
    return titles;
}

// Walks one activity by touch: each screen checked, then on with Skip (or the first card where
// the child chooses where to start). Returns the number of screens checked.
int walkActivity(test::WorkflowApp& w, const std::string& id, const std::string& who) {
    auto* session = w.app->editors().childMode.session.get();
    REQUIRE(session);
    auto* run = session->run.get();
    int screens = 0;
    for (int guard = 0; guard < 60 && !run->finished(); ++guard) {
        std::ostringstream where;
        where << who << " " << id << " screen " << screens;
        CHECK_MESSAGE(checkTitlesClear(where.str()) >= 1, where.str() << ": no title drawn");
        ++screens;
        if (screens == 1) { // the stop question is a screen too
            w.driver->tap("activity.stop");
            checkTitlesClear(where.str() + " (stop question)");
            w.driver->tap("activity.stop.keep_going");
        }
        if (run->choosingStart()) {
            w.driver->tap("activity.start." + run->content().steps.front().id);
        } else if (w.driver->has("childmode.calm.go_on")) {
            w.driver->tap("childmode.calm.go_on");
        } else {
            w.driver->tap("activity.skip");
        }
    }
    CHECK(run->finished());
    checkTitlesClear(who + " " + id + " end");
    ++screens;
    return screens;
}

void setBirthday(test::WorkflowApp& w, const std::string& childId, const std::string& dateOfBirth) {
    auto child = w.store().childById(childId);
    REQUIRE(child);
    child->dateOfBirth = dateOfBirth;
    w.store().putChild(*child);
    w.driver->frames(2);
}

} // namespace

TEST_CASE("portrait: on every screen of every child activity, no title runs under a button") {
    struct Who {
        const char* childId;
        const char* born; // "" keeps the demo date
        const char* label;
    };
    for (const Who& who : {Who{"child-demo-3", "", "Welsh 12"}, Who{"child-demo-1", "", "English 9"},
                           Who{"child-demo-2", "", "six"}, Who{"child-demo-2", "2023-06-01", "three"}}) {
        const std::string label = who.label;
        CAPTURE(label);
        test::WorkflowApp w(0, 800, 1280);
        w.unlockDemo();
        if (*who.born) setBirthday(w, who.childId, who.born);
        test::beginChildMode(w, who.childId, "drawing");
        const auto child = w.store().childById(who.childId);
        const int age = model::ageInYears(child->dateOfBirth, w.app->now().substr(0, 10));
        int activities = 0, screens = 0;
        for (const tools::ActivityContent& content : w.app->activityLibrary().activities) {
            if (!content.suitsAge(age)) continue;
            w.app->editors().childMode.enter(*w.app, content.id);
            w.driver->frames(2);
            REQUIRE(w.app->editors().childMode.session);
            screens += walkActivity(w, content.id, who.label);
            ++activities;
        }
        MESSAGE(label << ": " << activities << " activities, " << screens << " screens checked");
        CHECK(activities >= 2);
        CHECK(screens >= activities * 2);
    }
}

TEST_CASE("portrait, large text: the three-houses cards reflow onto more rows, each whole on screen") {
    for (float scale : {1.0f, 1.5f, 2.0f}) {
        CAPTURE(scale);
        test::WorkflowApp w(0, 800, 1280, scale); // the same tablet, larger text

        w.unlockDemo();
        test::beginChildMode(w, "child-demo-3", "three_houses"); // Welsh: the longer captions
        REQUIRE(w.app->editors().childMode.session->run->choosingStart());
        const char* cards[] = {"activity.start.worries", "activity.start.good_things",
                               "activity.start.dreams"};
        int rows = 1;
        for (int i = 0; i < 3; ++i) {
            const auto r = w.driver->rect(cards[i]);
            CAPTURE(cards[i]);
            // Never squeezed below the least width a card's caption needs, never off the screen.
            CHECK(r.width() >= tools::kStartCardMinDp * scale - 0.5f);
            CHECK(r.x0 >= 0.0f);
            CHECK(r.x1 <= 800.0f);
            for (int k = 0; k < i; ++k)
                CHECK_FALSE(overlaps(r, w.driver->rect(cards[k])));
            if (i > 0 && r.y0 > w.driver->rect(cards[i - 1]).y1 - 1.0f) ++rows;
        }
        // At 1x all three share a row; larger text sends the third (or more) to the row below.
        if (scale > 1.0f)
            CHECK(rows >= 2);
        else
            CHECK(rows == 1);
        checkTitlesClear("three houses cards");
        // A card still starts the house it shows.
        w.driver->tap("activity.start.dreams");
        CHECK(w.app->editors().childMode.session->run->currentStep()->id == "dreams");
    }
}
