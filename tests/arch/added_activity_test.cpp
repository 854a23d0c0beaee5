// Adding an activity is adding one content file (issue 12, item 2): a throw-away activity written
// to a temporary folder is listed in the catalogue next to the shipped ones, without touching any
// code, and a child can play it through the same ActivitySession the App uses, its answers saved
// as an activity record linked to the visit. Everything here is fictional.
#include "app/tools/framework/model/activity_content.h"
#include "storage/record_kinds.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/tools/framework/view/activity_screen.h"
#include "storage/store.h"
#include "tests/support/temp_dir.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

using namespace heard;
using namespace heard::tools;

namespace {

const char* const kActivityId = "arch_garden_trial";

// A fictional activity of an existing type ("two_homes": choice, scale, words, face, drawing),
// using existing step kinds and icons, with the safety question that type requires.
const char* const kActivityJson = R"json({
  "format": 1,
  "id": "arch_garden_trial",
  "version": 2,
  "type": "two_homes",
  "title": "The garden (trial)",
  "childTitle": "My garden",
  "guidance": "A throw-away activity written by the arch.added_activity test.",
  "icon": "house",
  "ageRange": [6, 12],
  "faces": [
    {"id": "happy", "label": "Happy", "expression": "happy"},
    {"id": "worried", "label": "Worried", "expression": "worried"}
  ],
  "steps": [
    {"id": "garden_feel", "kind": "face", "prompt": "How do you feel in the garden?", "icon": "house"},
    {"id": "garden_safe", "kind": "scale", "prompt": "How safe is the garden?", "icon": "house",
     "low": "Not safe", "high": "Very safe", "lowIcon": "sad_face", "highIcon": "happy_face",
     "unsafeAtOrBelow": 2},
    {"id": "garden_who", "kind": "choice", "prompt": "Who plays with you there?", "icon": "house",
     "choices": [{"id": "friend", "label": "A friend", "icon": "tick"},
                 {"id": "nobody", "label": "Nobody", "icon": "cross"}]},
    {"id": "garden_wish", "kind": "words", "prompt": "What would you grow?", "icon": "star"}
  ]
})json";

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    REQUIRE(out.good());
}

struct StoreFixture {
    test::TempDir dir{"heard-arch-store"};
    std::unique_ptr<storage::Store> store;
    std::string visitId;

    StoreFixture() {
        auto recovery = storage::RecoveryKeyPair::generate();
        store = storage::Store::create(dir.path() + "/store", "correct horse battery staple",
                                       recovery.publicKey, storage::KdfParams::fastForTests());
        store->putCase(storage::Case{"case-fictional-9", "FX/0009", "Fictional case", {}, false, ""});
        store->putChild(
            storage::Child{"child-fictional-9", "case-fictional-9", "Sam Example", "2017-05-01", {}});
        storage::NewRecord visit{
            "case-fictional-9",      "child-fictional-9", "visit", "A. Practitioner", "", false,
            nlohmann::json::object()};
        visitId = store->createDraft(visit).id;
    }
};

} // namespace

TEST_CASE("a new activity file in a second folder is listed with the shipped ones") {
    test::TempDir extra("heard-arch-activity");
    writeFile(extra.file(std::string(kActivityId) + ".json"), kActivityJson);

    const ContentLibrary shipped = loadContentLibrary(defaultContentDir());
    REQUIRE(shipped.errors.empty());
    REQUIRE_FALSE(shipped.activities.empty());
    CHECK(shipped.find(kActivityId) == nullptr);

    const ContentLibrary library = loadContentFolders({defaultContentDir(), extra.path()});
    for (const ContentError& error : library.errors)
        FAIL_CHECK(error.text());
    CHECK(library.activities.size() == shipped.activities.size() + 1);
    const ActivityContent* added = library.find(kActivityId);
    REQUIRE(added);
    CHECK(added->version == 2);
    CHECK(added->steps.size() == 4);
    CHECK(added->suitsAge(8));
    CHECK_FALSE(added->suitsAge(15));
    bool offered = false; // what the picker shows for an 8-year-old
    for (const ActivityContent* content : library.forAge(8))
        offered = offered || content->id == kActivityId;
    CHECK(offered);
    for (const ActivityContent& content : shipped.activities) // the shipped ones are all still there
        CHECK_MESSAGE(library.find(content.id), content.id);

    // The app's own folder list takes an extra folder from the environment.
    ::setenv("HEARD_EXTRA_TOOLS_DIRS", (extra.path() + ":/nonexistent/heard-extra").c_str(), 1);
    const ContentLibrary fromEnv = loadContentFolders(contentFolders());
    ::unsetenv("HEARD_EXTRA_TOOLS_DIRS");
    CHECK(fromEnv.find(kActivityId));
    REQUIRE(fromEnv.errors.size() == 1); // the missing folder is named, the rest loads
    CHECK(fromEnv.errors[0].text().find("/nonexistent/heard-extra") != std::string::npos);
    CHECK(loadContentFolders(contentFolders()).find(kActivityId) == nullptr);
}

TEST_CASE("an added file that reuses a shipped id, or names an unknown type, is refused with its reason") {
    test::TempDir extra("heard-arch-activity");
    const ContentLibrary shipped = loadContentLibrary(defaultContentDir());
    REQUIRE_FALSE(shipped.activities.empty());
    const std::string takenId = shipped.activities.front().id;
    std::string clash = kActivityJson;
    clash.replace(clash.find(kActivityId), std::string(kActivityId).size(), takenId);
    writeFile(extra.file("zz_clash.json"), clash);
    std::string unknownType = kActivityJson;
    unknownType.replace(unknownType.find("\"two_homes\""), 11, "\"no_such_type\"");
    writeFile(extra.file("unknown_type.json"), unknownType);

    const ContentLibrary library = loadContentFolders({defaultContentDir(), extra.path()});
    CHECK(library.activities.size() == shipped.activities.size()); // the shipped ones, unchanged
    CHECK(library.find(takenId)->title == shipped.find(takenId)->title);
    std::string errors;
    for (const ContentError& error : library.errors)
        errors += error.text() + "\n";
    CHECK_MESSAGE(errors.find("zz_clash.json: /id: \"" + takenId + "\" is already used") != std::string::npos,
                  errors);
    CHECK_MESSAGE(errors.find("unknown_type.json: /type: unknown activity type") != std::string::npos,
                  errors);
}

TEST_CASE("a child plays the added activity through ActivitySession and the record holds every answer") {
    test::TempDir extra("heard-arch-activity");
    writeFile(extra.file(std::string(kActivityId) + ".json"), kActivityJson);
    StoreFixture f;

    ActivitySession session;
    session.folders = {defaultContentDir(), extra.path()};
    REQUIRE(session.start(kActivityId, "en"));
    CHECK_FALSE(session.start("arch_no_such_activity", "en"));
    REQUIRE(session.start(kActivityId, "en"));
    session.attachStore(*f.store, ActivityRecordContext{"case-fictional-9", "child-fictional-9", f.visitId,
                                                        "A. Practitioner"});
    ActivityRun& run = *session.run;

    // Answer each step in turn, saving after each change as the App does.
    int steps = 0;
    while (const Step* step = run.currentStep()) {
        switch (step->kind) {
        case StepKind::Face:
            run.chooseFace("happy");
            run.setStrength(3);
            break;
        case StepKind::Scale:
            run.setScale(9);
            break;
        case StepKind::Choice:
            run.chooseOption("friend");
            break;
        case StepKind::Words:
            run.setWords("Sunflowers as tall as the shed", false);
            break;
        default:
            FAIL("the trial activity uses only face, scale, choice and words");
        }
        session.save();
        run.next();
        session.save();
        REQUIRE(++steps <= 4);
    }
    CHECK(steps == 4);
    CHECK(run.finished());
    CHECK(session.saveError.empty());

    // The record: an activity draft linked to the visit, holding exactly what the child gave.
    REQUIRE(session.recorder);
    const auto record = f.store->recordById(session.recorder->recordId());
    REQUIRE(record);
    CHECK(record->kind == storage::kinds::kActivity);
    CHECK(record->parentId == f.visitId);
    CHECK_FALSE(record->highRisk); // a 9 of 10 is not a safety flag
    ActivityResult result;
    std::string error;
    REQUIRE_MESSAGE(resultFromJson(record->payload, result, error), error);
    CHECK(result.contentId == kActivityId);
    CHECK(result.contentVersion == 2);
    CHECK(result.type == "two_homes");
    CHECK_FALSE(result.stopped);
    REQUIRE(result.answers.size() == 4);
    for (const Answer& answer : result.answers)
        CHECK_MESSAGE(answer.status == AnswerStatus::Answered, answer.stepId);
    CHECK(result.answerFor("garden_feel")->faceId == "happy");
    CHECK(result.answerFor("garden_feel")->strength == 3);
    CHECK(result.answerFor("garden_safe")->scale == 9);
    CHECK(result.answerFor("garden_who")->choiceId == "friend");
    CHECK(result.answerFor("garden_wish")->words == "Sunflowers as tall as the shed");
    CHECK(result.order ==
          std::vector<std::string>{"garden_feel", "garden_safe", "garden_who", "garden_wish"});
}

TEST_CASE("the added activity's safety question flags the record at once, like a shipped one") {
    test::TempDir extra("heard-arch-activity");
    writeFile(extra.file(std::string(kActivityId) + ".json"), kActivityJson);
    StoreFixture f;
    ActivitySession session;
    session.folders = {defaultContentDir(), extra.path()};
    REQUIRE(session.start(kActivityId, "en"));
    session.attachStore(*f.store, ActivityRecordContext{"case-fictional-9", "child-fictional-9", f.visitId,
                                                        "A. Practitioner"});
    session.run->skip(); // the face
    session.run->setScale(1);
    session.save();
    REQUIRE(session.recorder);
    CHECK(f.store->recordById(session.recorder->recordId())->highRisk);
}
