// A child completes each activity by touch in child mode, including a skip; stop; switching
// language. Everything goes through the real window, renderer, ImGui and input path.
#include "tests/wishes/child_harness.h"

#include <filesystem>
#include <fstream>

using heard::test::ChildHarness;
using namespace heard::tools;

TEST_CASE("feelings faces: choose and rate faces, skip one") {
    ChildHarness h("feelings_faces");
    REQUIRE(h.currentStepId() == "at_home");
    // Big targets: every face is at least a touch target (48 dp) across.
    CHECK(h.driver->rect("face.happy").width() >= 48.0f);
    h.driver->tap("face.happy");
    h.driver->tap("face.strength.3");
    h.next();
    CHECK(h.currentStepId() == "at_school");
    h.skip();
    h.driver->tap("face.worried");
    h.driver->tap("face.strength.1");
    h.next();
    for (int i = 0; i < 3; ++i) {
        h.driver->tap("face.calm");
        h.next();
    }
    h.finish();
    CHECK(h.answer("at_home").faceId == "happy");
    CHECK(h.answer("at_home").strength == 3);
    CHECK(h.answer("at_school").status == AnswerStatus::Skipped);
    CHECK(h.answer("with_mum").faceId == "worried");
    CHECK(h.answer("with_mum").strength == 1);
    CHECK(h.answer("bedtime").status == AnswerStatus::Answered);
    CHECK(h.result().skipped() == std::vector<std::string>{"at_school"});
}

TEST_CASE("three wishes: typed words kept exactly, a drawn wish, a skip") {
    ChildHarness h("three_wishes");
    h.driver->tap("words.input");
    h.driver->typeText("A dog called Sbarc, and  more time with Nain");
    h.next();
    h.skip();
    h.driver->tap("words.mode.draw");
    const auto canvas = h.driver->rect("canvas");
    h.driver->drag(canvas.x0 + 40, canvas.y0 + 40, canvas.x0 + 200, canvas.y0 + 120);
    h.next();
    h.finish();
    CHECK(h.answer("wish_1").words == "A dog called Sbarc, and  more time with Nain");
    CHECK(h.answer("wish_2").status == AnswerStatus::Skipped);
    REQUIRE(h.answer("wish_3").strokes.size() == 1);
    CHECK(h.answer("wish_3").status == AnswerStatus::Answered);
    CHECK(h.answer("wish_3").strokes[0].points.size() >= 4);
}

TEST_CASE("three houses: the child picks the house to start with; words read back in order") {
    ChildHarness h("three_houses");
    CHECK(h.run->choosingStart());
    h.driver->tap("activity.start.good_things");
    CHECK(h.currentStepId() == "good_things");
    h.driver->tap("words.input");
    h.driver->typeText("football on Saturdays");
    h.next();
    CHECK(h.currentStepId() == "worries");
    h.skip();
    h.driver->tap("words.input");
    h.driver->typeText("to live by the sea");
    h.next();
    CHECK(h.driver->has("activity.read_back")); // their words are read back to them
    h.finish();
    CHECK(h.result().order == std::vector<std::string>{"good_things", "worries", "dreams"});
    CHECK(h.answer("good_things").words == "football on Saturdays");
    CHECK(h.answer("worries").status == AnswerStatus::Skipped);
    CHECK(h.answer("dreams").words == "to live by the sea");
}

TEST_CASE("my world: place people by tapping, move them by dragging") {
    ChildHarness h("my_world");
    // The child's people as the practitioner set them (issue 18.2).
    heard::model::ChildPeople people;
    people.people = {{"p1", "Biscuit", "dog", false}, {"p2", "Dad", "man", true}};
    h.run->setPeople(people);
    h.frame();
    const auto map = h.driver->rect("world.map");
    h.driver->tap("world.token.person.p1");
    h.driver->tapAt(map.centreX() + map.width() * 0.1f, map.centreY()); // near the child
    h.driver->tap("world.token.person.p2");
    h.driver->tapAt(map.x0 + map.width() * 0.1f, map.y0 + map.height() * 0.1f); // far away
    const Answer* answer = h.run->currentAnswer();
    REQUIRE(answer);
    REQUIRE(answer->placements.size() == 2);
    CHECK(answer->placements[0].tokenId == "person.p1");
    CHECK(answer->placements[0].distance() < 0.4f);
    CHECK(answer->placements[1].tokenId == "person.p2");
    CHECK(answer->placements[1].distance() > 0.75f);
    // The child thinks again and drags Dad in closer.
    const auto dad = h.driver->rect("world.placed.person.p2");
    h.driver->drag(dad.centreX(), dad.centreY(), map.centreX() - map.width() * 0.15f, map.centreY());
    CHECK(h.run->currentAnswer()->placements[1].distance() < 0.5f);
    CHECK(h.run->currentAnswer()->placements.size() == 2);
    h.next();
    h.finish();
    CHECK(h.answer("people_around_me").status == AnswerStatus::Answered);
}

TEST_CASE("my world: the child can skip the whole map") {
    ChildHarness h("my_world");
    h.skip();
    h.finish();
    CHECK(h.answer("people_around_me").status == AnswerStatus::Skipped);
}

TEST_CASE("scaling: a low safety answer flags the record at once") {
    ChildHarness h("scaling");
    h.driver->tap("scale.8");
    h.next();
    CHECK_FALSE(h.run->unsafeDisclosed());
    h.driver->tap("scale.2");
    CHECK(h.run->unsafeDisclosed()); // before the child even moves on
    h.next();
    h.skip();
    h.finish();
    CHECK(h.answer("happy_now").scale == 8);
    CHECK(h.answer("safe_at_home").scale == 2);
    CHECK(h.answer("worried_now").status == AnswerStatus::Skipped);
    CHECK(h.result().unsafeDisclosed);
}

TEST_CASE("two homes: words, faces and a 'not safe' choice") {
    ChildHarness h("two_homes");
    h.driver->tap("words.input");
    h.driver->typeText("Mam and Taid");
    h.next();
    h.driver->tap("face.happy");
    h.next();
    h.driver->tap("choice.yes");
    h.next();
    h.skip();
    h.driver->tap("face.scared");
    h.next();
    h.driver->tap("choice.no");
    CHECK(h.run->unsafeDisclosed());
    // No "do you want to say more?" after a 'not safe' choice: questioning stops (issue 14).
    CHECK_FALSE(h.driver->has("words.input"));
    h.next();
    h.finish();
    CHECK(h.answer("first_home_who").words == "Mam and Taid");
    CHECK(h.answer("second_home_who").status == AnswerStatus::Skipped);
    CHECK(h.answer("second_home_safe").choiceId == "no");
    CHECK(h.answer("second_home_safe").words.empty());
    CHECK(h.result().unsafeDisclosed);
}

TEST_CASE("drawing: strokes in two colours, undo one") {
    ChildHarness h("drawing");
    const auto canvas = h.driver->rect("canvas");
    h.driver->drag(canvas.x0 + 30, canvas.y0 + 30, canvas.x0 + 300, canvas.y0 + 200);
    h.driver->tap("canvas.colour.1");
    h.driver->drag(canvas.x0 + 300, canvas.y0 + 30, canvas.x0 + 30, canvas.y0 + 200);
    h.driver->drag(canvas.x0 + 100, canvas.y0 + 100, canvas.x0 + 120, canvas.y0 + 250);
    CHECK(h.run->currentAnswer()->strokes.size() == 3);
    h.driver->tap("canvas.undo");
    const auto& strokes = h.run->currentAnswer()->strokes;
    REQUIRE(strokes.size() == 2);
    CHECK(strokes[0].colour != strokes[1].colour);
    // Vectors normalised to the canvas: the first stroke starts near (30, 30) px in.
    CHECK(strokes[0].points[0] == doctest::Approx(30.0f / canvas.width()).epsilon(0.05));
    h.next();
    CHECK(h.currentStepId() == "about"); // the child's own account of the picture (issue 18.5)
    h.skip();
    h.finish();
    CHECK(h.answer("picture").status == AnswerStatus::Answered);
    CHECK(h.answer("about").status == AnswerStatus::Skipped);
}

TEST_CASE("drawing: the child can skip it") {
    ChildHarness h("drawing");
    h.skip();
    h.skip(); // the account of the picture
    h.finish();
    CHECK(h.answer("picture").status == AnswerStatus::Skipped);
}

TEST_CASE("words for the judge: dictated to the practitioner, marked as the child's words") {
    ChildHarness h("words_for_judge");
    CHECK(h.driver->rect("words.dictated").height() >= 48.0f); // a touch target, not a tiny box
    CHECK(h.driver->rect("activity.skip").height() >= 48.0f);
    CHECK(h.driver->rect("activity.stop").height() >= 48.0f);
    h.driver->tap("words.dictated");
    h.driver->tap("words.input");
    h.driver->typeText("Please let me see my brother every week.");
    h.next();
    CHECK(h.currentStepId() == "agree"); // the child's agreement to send it (issue 18.5, NS 4.7)
    h.skip();
    h.finish();
    CHECK(h.answer("message").words == "Please let me see my brother every week.");
    CHECK(h.answer("message").dictated);
}

TEST_CASE("words for the judge: the child can skip it") {
    ChildHarness h("words_for_judge");
    h.skip();
    h.skip(); // the agreement step
    h.finish();
    CHECK(h.answer("message").status == AnswerStatus::Skipped);
}

TEST_CASE("typed Welsh letters and emoji are kept exactly") {
    ChildHarness h("words_for_judge", "cy");
    h.driver->tap("words.input");
    const std::string words = "Dw i eisiau gweld Taid a'r ŵyn bach \xf0\x9f\x90\x91 ŷ";
    h.driver->typeText(words);
    CHECK(h.run->currentAnswer()->words == words);
    // Editing after the emoji keeps it: backspace removes the last letter only.
    h.driver->pressKey(SDLK_BACKSPACE);
    CHECK(h.run->currentAnswer()->words == words.substr(0, words.size() - std::string("ŷ").size()));
}

TEST_CASE("the placeholder mapping round-trips any text") {
    for (const std::string& s : {std::string("plain"), std::string("ŵ ŷ \xf0\x9f\x90\x91\xf0\x9f\x98\x80"),
                                 std::string("private \xee\x80\x80 use"), std::string("bad \xff\xfe bytes"),
                                 std::string("cut \xf0\x9f")}) {
        CHECK(decodeFromImGui(encodeForImGui(s)) == s);
        const std::string shown = encodeForImGui(s);
        for (size_t i = 0; i + 3 < shown.size(); ++i)
            CHECK((static_cast<unsigned char>(shown[i]) & 0xF8) != 0xF0);
    }
}

TEST_CASE("stop: the child stops half way; the record says so") {
    ChildHarness h("feelings_faces");
    h.driver->tap("face.sad");
    h.next();
    h.driver->tap("activity.stop");
    CHECK_FALSE(h.run->finished()); // asked once first (issue 18.4)
    h.driver->tap("activity.stop.yes");
    CHECK(h.run->finished());
    CHECK(h.result().stopped);
    CHECK(h.result().stoppedAt == "at_school");
    CHECK(h.answer("at_home").faceId == "sad");
    CHECK(h.answer("with_dad").status == AnswerStatus::NotReached);
    CHECK_FALSE(h.driver->has("activity.stop"));
    h.finish();
}

TEST_CASE("the child switches to Welsh while the practitioner works in English") {
    heard::i18n::setLanguage("en");
    ChildHarness h("three_wishes", "en");
    h.driver->tap("activity.lang.cy");
    CHECK(h.run->language() == "cy");
    CHECK(h.result().language == "cy");
    // The practitioner's language is untouched outside the activity.
    CHECK(heard::i18n::language() == "en");
    // The prompt on screen is Welsh: it is wider or narrower than the English one and the
    // translation exists.
    CHECK(std::string(heard::i18n::trIn("cy", "What is your first wish?")) != "What is your first wish?");
    h.driver->tap("activity.lang.en");
    CHECK(h.run->language() == "en");
}

TEST_CASE("the practitioner's summary draws every activity's result without touching it") {
    for (const auto& content : heard::test::shippedContent().activities) {
        ChildHarness h(content.id);
        // A quick pass: skip everything but the start choice.
        if (h.run->choosingStart()) h.driver->tap("activity.start." + content.steps[0].id);
        while (!h.run->finished())
            h.skip();
        ActivityResult before = h.result();
        h.window->beginFrame();
        ImGui::Begin("summary");
        drawSummary(h.result(), &content);
        drawSummary(h.result(), nullptr); // content gone: the record still shows
        ImGui::End();
        h.window->endFrame();
        CHECK(resultToJson(before) == resultToJson(h.result()));
    }
}

namespace {
// Draws `body` full screen in the harness's window, with its own test driver.
struct ScreenHarness {
    ChildHarness& h;
    std::function<void()> body;
    std::unique_ptr<heard::platform::TestDriver> driver;
    ScreenHarness(ChildHarness& harness, std::function<void()> draw) : h(harness), body(std::move(draw)) {
        driver = std::make_unique<heard::platform::TestDriver>(*h.window, [this] {
            h.window->pumpEvents(0, [](const SDL_Event& e) {
                noteTextInput(e);
                heard::ui::textAreaEvent(e); // the kit's text area, as the App forwards
            });
            h.window->beginFrame();
            heard::ui::setFrameContext(h.window->scale(), h.window->fonts());
            heard::ui::beginScreen("##screen");
            body();
            heard::ui::endScreen();
            h.window->endFrame();
        });
        driver->frames(2);
    }
};
} // namespace

TEST_CASE("the practitioner picks an activity for the child's age; a bad content file is shown, not fatal") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(HEARD_TEST_BINARY_DIR) / "picker_content";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string tools = std::string(HEARD_SOURCE_DIR) + "/assets/tools/";
    for (const char* id : {"feelings_faces", "scaling", "drawing"})
        fs::copy_file(tools + id + ".json", dir / (std::string(id) + ".json"));
    std::ofstream(dir / "broken.json") << "{\"format\": 1, \"id\": ";
    const ContentLibrary library = loadContentLibrary(dir.string());
    REQUIRE(library.activities.size() == 3);

    ChildHarness h("drawing");
    const ActivityContent* picked = nullptr;
    int age = 5;
    ScreenHarness screen(h, [&] {
        if (const ActivityContent* c = drawActivityPicker(library, age)) picked = c;
    });
    CHECK(screen.driver->has("activity.pick.feelings_faces"));
    CHECK(screen.driver->has("activity.pick.scaling")); // 3 and over: pictures-only under 7 (issue 18.3)
    CHECK(screen.driver->has("activity.content_errors"));
    screen.driver->tap("activity.pick.drawing");
    REQUIRE(picked);
    CHECK(picked->id == "drawing");
    age = 13;
    screen.driver->frames(2);
    CHECK(screen.driver->has("activity.pick.scaling"));
    CHECK_FALSE(screen.driver->has("activity.pick.feelings_faces")); // 4 to 12
}

TEST_CASE("the practitioner writes an interpretation beside, never into, the child's answers") {
    ChildHarness h("three_wishes");
    h.driver->tap("words.input");
    h.driver->typeText("a treehouse");
    h.next();
    h.skip();
    h.skip();
    const ActivityResult before = h.result();
    std::string interpretation;
    ScreenHarness screen(h, [&] { drawSummary(h.result(), &h.run->content(), &interpretation); });
    screen.driver->tap("activity.interpretation");
    screen.driver->typeText("Wants somewhere of their own to play.");
    CHECK(interpretation == "Wants somewhere of their own to play.");
    h.run->setInterpretation(interpretation);
    CHECK(h.result().answers == before.answers);
    auto payload = resultToJson(h.result());
    CHECK(payload["practitioner"]["interpretation"] == interpretation);
    CHECK(payload["child"].dump().find("somewhere of their own") == std::string::npos);
}
