// Each activity's record payload survives a JSON round trip exactly, the child's words byte for
// byte, separate from the practitioner's interpretation; malformed payloads are refused clearly.
#include "app/tools/framework/model/activity_run.h"
#include "app/tools/framework/model/activity_type.h"

#include <doctest/doctest.h>

#include <random>

using namespace heard::tools;
using nlohmann::json;

namespace {

const ContentLibrary& library() {
    static ContentLibrary s_library = loadContentLibrary(std::string(HEARD_SOURCE_DIR) + "/assets/tools");
    return s_library;
}

// Words a child might really type: Welsh letters, emoji, spacing and case left as they are.
const std::string kChildWords = "  I want Mam-gu's dog 🐶 to live with us ŵ ŷ\nAND a trampoline!!  ";

// Answers every step of a run in the way its kind allows, skipping the second step.
void completeWithASkip(ActivityRun& run) {
    if (run.choosingStart()) REQUIRE(run.startWith(run.content().steps.back().id));
    int index = 0;
    while (const Step* step = run.currentStep()) {
        if (index++ == 1) {
            run.skip();
            continue;
        }
        switch (step->kind) {
        case StepKind::Face:
            run.chooseFace(run.content().faces.back().id);
            run.setStrength(3);
            break;
        case StepKind::Words:
            run.setWords(kChildWords, index % 2 == 0);
            if (step->allowDrawing)
                run.addStroke(Stroke{{0.1f, 0.2f, 0.333333f, 0.7f, 0.9f, 0.95f}, 0xff3366ffu, 0.02f});
            break;
        case StepKind::Scale:
            run.setScale(7);
            break;
        case StepKind::Choice:
            run.chooseOption(step->choices.front().id);
            if (step->allowWords) run.setWords("only at weekends", false);
            break;
        case StepKind::Place:
            run.addPerson("Nain Teg", "older_woman", 0.123456f, -0.5f);
            run.addPerson("", "cat", -0.9f, 0.9f);
            break;
        case StepKind::Drawing:
            run.addStroke(Stroke{{0.5f, 0.5f, 0.6f, 0.6f}, 0xff000000u, 0.01f});
            run.addStroke(Stroke{{0.1f, 0.9f, 0.2f, 0.8f, 0.3f, 0.7f}, 0xff00ff00u, 0.03f});
            break;
        }
        run.next();
    }
}

} // namespace

TEST_CASE("every activity's result survives a JSON round trip exactly") {
    REQUIRE_FALSE(library().activities.empty()); // every activity of the catalogue, whatever their number
    REQUIRE(library().errors.empty());
    for (const ActivityContent& content : library().activities) {
        CAPTURE(content.id);
        ActivityRun run(content, "cy");
        completeWithASkip(run);
        run.setInterpretation("Practitioner: seemed relaxed; talked freely about the dog.");
        REQUIRE(run.finished());

        json payload = resultToJson(run.result());
        // Through text, as the store keeps it.
        json reread = json::parse(payload.dump());
        ActivityResult back;
        std::string error;
        REQUIRE_MESSAGE(resultFromJson(reread, back, error), error);
        CHECK(back.type == content.type);
        CHECK(back.contentId == content.id);
        CHECK(back.contentVersion == content.version);
        CHECK(back.language == "cy");
        CHECK(back.order == run.result().order);
        CHECK(back.stopped == run.result().stopped);
        CHECK(back.interpretation == run.result().interpretation);
        REQUIRE(back.answers.size() == run.result().answers.size());
        for (size_t i = 0; i < back.answers.size(); ++i)
            CHECK(back.answers[i] == run.result().answers[i]);
        CHECK(resultToJson(back) == payload);

        // What was skipped is on the record, by step id.
        if (content.steps.size() >= 2) {
            REQUIRE(payload["child"]["skipped"].size() == 1);
            CHECK(payload["child"]["skipped"][0] == run.result().order.at(1));
        }
        // The child's answers and the practitioner's interpretation are kept apart.
        CHECK(payload["child"].dump().find("Practitioner:") == std::string::npos);
        CHECK(payload["practitioner"]["interpretation"] == run.result().interpretation);
    }
}

TEST_CASE("the child's own words are stored exactly as given") {
    const ActivityContent* judge = library().find("words_for_judge");
    REQUIRE(judge);
    ActivityRun run(*judge, "en");
    run.setWords(kChildWords, true);
    run.next();
    json payload = json::parse(resultToJson(run.result()).dump());
    const json& answer = payload["child"]["answers"][0];
    CHECK(answer["words"].get<std::string>() == kChildWords); // untrimmed, uncorrected
    CHECK(answer["dictated"] == true);
    CHECK(answer["status"] == "answered");
}

TEST_CASE("malformed payloads are refused with the field named") {
    const ActivityContent* faces = library().find("feelings_faces");
    REQUIRE(faces);
    ActivityRun run(*faces, "en");
    completeWithASkip(run);
    const json good = resultToJson(run.result());
    ActivityResult out;
    std::string error;
    auto refuse = [&](json bad, const std::string& expected) {
        CHECK_FALSE(resultFromJson(bad, out, error));
        CHECK_MESSAGE(error.find(expected) != std::string::npos, error);
    };
    json bad = good;
    bad.erase("activity");
    refuse(bad, "/activity: is missing");
    bad = good;
    bad["child"]["answers"][0]["status"] = "maybe";
    refuse(bad, "/child/answers/0/status: unknown status \"maybe\"");
    bad = good;
    bad["child"]["answers"][0]["strength"] = 9;
    refuse(bad, "/child/answers/0/strength: out of range");
    bad = good;
    bad["child"]["answers"] = "none";
    refuse(bad, "/child/answers: must be a list");
    bad = good;
    bad["child"]["answers"][0]["strokes"] = json::array({{{"points", {1, 2, 3}}, {"width", 0.1}}});
    refuse(bad, "/child/answers/0/strokes/0/points: must be a list of x, y pairs");
    refuse(json::array(), "must be an object");
    bad = good;
    bad["child"]["answers"][0]["strokes"] = json::array({{{"points", {1e300, 2}}, {"width", 0.1}}});
    refuse(bad, "/child/answers/0/strokes/0/points: out of range");
    bad = good;
    bad["activity"]["contentVersion"] = "one";
    refuse(bad, "/activity/contentVersion: must be a whole number");
}

TEST_CASE("fuzz: mutated payloads never crash resultFromJson and a refusal always says why") {
    const ActivityContent* homes = library().find("two_homes");
    REQUIRE(homes);
    ActivityRun run(*homes, "en");
    completeWithASkip(run);
    const std::string text = resultToJson(run.result()).dump();
    std::mt19937 random(6);
    int refused = 0;
    for (int round = 0; round < 1500; ++round) {
        std::string mutated = text;
        for (int e = 0; e < 3; ++e) {
            size_t at = random() % mutated.size();
            const char replacement[] = "{}[]\",:0-9aetn\\";
            mutated[at] = replacement[random() % (sizeof(replacement) - 1)];
        }
        json parsed = json::parse(mutated, nullptr, false);
        if (parsed.is_discarded()) continue;
        ActivityResult out;
        std::string error;
        if (!resultFromJson(parsed, out, error)) {
            ++refused;
            CHECK_FALSE(error.empty());
        }
    }
    CHECK(refused > 0);
}
