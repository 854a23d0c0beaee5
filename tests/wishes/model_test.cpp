// The activity model: skip and stop, the child choosing where to start, edits that do not fit a
// step, resuming a draft, and the "not safe" flag that makes a record high risk.
#include "app/tools/framework/model/activity_run.h"
#include "app/tools/framework/model/activity_type.h"

#include <doctest/doctest.h>

using namespace heard::tools;

namespace {
const ContentLibrary& library() {
    static ContentLibrary s_library = loadContentLibrary(std::string(HEARD_SOURCE_DIR) + "/assets/tools");
    return s_library;
}
const ActivityContent& content(const std::string& id) {
    const ActivityContent* c = library().find(id);
    REQUIRE_MESSAGE(c, "missing content " << id);
    return *c;
}
} // namespace

TEST_CASE("skip and next: the record shows what was skipped") {
    ActivityRun run(content("three_wishes"), "en");
    CHECK_FALSE(run.choosingStart());
    REQUIRE(run.currentStep());
    CHECK(run.currentStep()->id == "wish_1");
    run.setWords("a puppy", false);
    run.next();
    run.skip();
    run.next(); // nothing given: counts as skipped, never as an empty answer
    CHECK(run.finished());
    CHECK(run.result().skipped() == std::vector<std::string>{"wish_2", "wish_3"});
    CHECK(run.result().answerFor("wish_1")->status == AnswerStatus::Answered);
    CHECK(run.result().answerFor("wish_1")->words == "a puppy");
}

TEST_CASE("stop keeps what was answered and marks the rest not reached") {
    ActivityRun run(content("feelings_faces"), "en");
    run.chooseFace("happy");
    run.next();
    run.chooseFace("sad"); // chosen but the child stops before moving on
    run.stop();
    CHECK(run.finished());
    CHECK(run.result().stopped);
    CHECK(run.result().stoppedAt == "at_school");
    CHECK(run.result().answerFor("at_home")->status == AnswerStatus::Answered);
    CHECK(run.result().answerFor("at_school")->status == AnswerStatus::NotReached);
    CHECK(run.result().answerFor("bedtime")->status == AnswerStatus::NotReached);
    CHECK(run.currentStep() == nullptr);
    auto before = run.revision();
    run.next(); // nothing happens after the end
    run.skip();
    CHECK(run.revision() == before);
}

TEST_CASE("faces: choose and rate; unknown faces and bad strengths are ignored") {
    ActivityRun run(content("feelings_faces"), "en");
    run.chooseFace("dragon");
    CHECK(run.currentAnswer()->faceId.empty());
    run.chooseFace("worried");
    // No intensity is assumed (issue 13.3): "how much" is recorded only when the child picks it.
    CHECK(run.currentAnswer()->strength == 0);
    run.setStrength(3);
    run.setStrength(7);
    CHECK(run.currentAnswer()->strength == 3);
    run.setScale(5); // not a scale step
    CHECK(run.currentAnswer()->scale == -1);
}

TEST_CASE("back returns to the previous step and keeps its answer") {
    ActivityRun run(content("three_wishes"), "en");
    run.setWords("one", false);
    run.next();
    run.back();
    CHECK(run.currentStep()->id == "wish_1");
    CHECK(run.currentAnswer()->words == "one");
    run.back(); // already at the start
    CHECK(run.position() == 0);
}

TEST_CASE("three houses: the child chooses which house to start with") {
    ActivityRun run(content("three_houses"), "en");
    CHECK(run.choosingStart());
    CHECK(run.currentStep() == nullptr);
    CHECK_FALSE(run.startWith("attic"));
    REQUIRE(run.startWith("dreams"));
    CHECK_FALSE(run.choosingStart());
    CHECK(run.currentStep()->id == "dreams");
    run.setWords("to be an astronaut", false);
    run.next();
    CHECK(run.currentStep()->id == "worries");
    run.skip();
    CHECK(run.currentStep()->id == "good_things");
    run.setWords("my cat Pickle", false);
    run.next();
    CHECK(run.finished());
    CHECK(run.result().order == std::vector<std::string>{"dreams", "worries", "good_things"});
    CHECK(run.result().skipped() == std::vector<std::string>{"worries"});
}

TEST_CASE("my world: place, move and remove people; positions are clamped") {
    ActivityRun run(content("my_world"), "en");
    heard::model::ChildPeople people;
    people.people = {{"p1", "Mummy", "woman", true}};
    run.setPeople(people);
    const std::string pet = run.addPerson("Biscuit", "dog", 0.2f, 0.1f);
    CHECK(pet == "child.1");
    run.place("person.p1", "", 3.0f, -4.0f);
    run.place(pet, "", -0.3f, 0.4f); // a drag keeps the child's name for them
    run.place("unicorn", "", 0, 0);
    run.place("person.p9", "", 0, 0); // not one of the child's people
    const Answer* answer = run.currentAnswer();
    REQUIRE(answer->placements.size() == 2);
    CHECK(answer->placements[0].name == "Biscuit");
    CHECK(answer->placements[0].figure == "dog");
    CHECK(answer->placements[0].x == doctest::Approx(-0.3f));
    CHECK(answer->placements[0].distance() == doctest::Approx(0.5f));
    CHECK(answer->placements[1].x == 1.0f);
    CHECK(answer->placements[1].y == -1.0f);
    CHECK(run.addPerson("Nan", "not-a-figure", 0, 0) == "child.2");
    CHECK(run.currentAnswer()->placements.back().figure == "someone"); // an unknown picture: the plain one
    run.removePlacement("child.2");
    run.removePlacement("person.p1");
    CHECK(run.currentAnswer()->placements.size() == 1);
}

TEST_CASE("drawing: strokes are vectors; malformed strokes are refused; undo") {
    ActivityRun run(content("drawing"), "en");
    run.addStroke(Stroke{{0.1f}, 0, 0.01f});
    CHECK(run.currentAnswer()->strokes.empty());
    run.addStroke(Stroke{{0.1f, 0.1f, 0.2f, 0.2f}, 0xff0000ffu, 0.01f});
    run.addStroke(Stroke{{0.3f, 0.3f}, 0xff0000ffu, 0.01f});
    run.undoStroke();
    CHECK(run.currentAnswer()->strokes.size() == 1);
}

TEST_CASE("scaling: a low answer to the safety question flags the record at once") {
    ActivityRun run(content("scaling"), "en");
    run.setScale(2); // "how happy": low is not a safety answer
    run.next();
    CHECK_FALSE(run.unsafeDisclosed());
    run.setScale(4); // "how safe": above the threshold (3)
    CHECK_FALSE(run.unsafeDisclosed());
    run.setScale(3);
    CHECK(run.unsafeDisclosed()); // before moving on
    run.setScale(8);              // the child changes their mind: it was still said
    CHECK(run.unsafeDisclosed());
    run.stop();
    CHECK(run.result().unsafeDisclosed);
}

TEST_CASE("two homes: saying 'no' to feeling safe flags the record; 'sometimes' does not") {
    ActivityRun run(content("two_homes"), "en");
    run.skip();
    run.skip();
    run.chooseOption("sometimes");
    CHECK_FALSE(run.unsafeDisclosed());
    run.next();
    run.setWords("Nobody", false);
    run.next();
    run.skip();
    run.chooseOption("no");
    CHECK(run.unsafeDisclosed());
    run.setWords("he shouts", false); // the choice allows words too
    run.next();
    CHECK(run.finished());
    CHECK(run.result().answerFor("second_home_safe")->words == "he shouts");
}

TEST_CASE("a draft result resumes where the child was") {
    const ActivityContent& houses = content("three_houses");
    ActivityRun run(houses, "cy");
    run.startWith("good_things");
    run.setWords("football", false);
    run.next();
    ActivityResult saved;
    std::string error;
    REQUIRE(resultFromJson(resultToJson(run.result()), saved, error));
    ActivityRun resumed(houses, saved);
    CHECK_FALSE(resumed.choosingStart());
    REQUIRE(resumed.currentStep());
    CHECK(resumed.currentStep()->id == "worries");
    CHECK(resumed.language() == "cy");
    CHECK(resumed.result().answerFor("good_things")->words == "football");
}

TEST_CASE("every built-in type is registered with its rules") {
    // The types the shipped content names, read from the catalogue (no list kept here).
    REQUIRE_FALSE(library().activities.empty());
    for (const ActivityContent& content : library().activities) {
        const ActivityType* type = activityTypes().find(content.type);
        REQUIRE_MESSAGE(type, content.type);
        CHECK(std::string(type->name).size() > 0);
        CHECK_FALSE(type->stepKinds.empty());
    }
    CHECK(activityTypes().find("unknown") == nullptr);
}
