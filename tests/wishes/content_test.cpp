// Tool content: the shipped files load; bad files are refused with errors naming the file, the
// JSON path and the problem; a bad file never blocks the others; hostile input never crashes.
#include "app/tools/framework/model/activity_content.h"
#include "app/tools/framework/model/activity_type.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <random>

using namespace heard::tools;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kToolsDir = std::string(HEARD_SOURCE_DIR) + "/assets/tools";

json goodWishes() {
    return json::parse(R"({
      "format": 1, "id": "test_wishes", "version": 2, "type": "three_wishes",
      "title": "Three wishes", "childTitle": "Wishes", "guidance": "Be kind.", "icon": "star",
      "ageRange": [4, 17],
      "steps": [
        {"id": "a", "kind": "words", "prompt": "First?"},
        {"id": "b", "kind": "words", "prompt": "Second?", "drawing": true},
        {"id": "c", "kind": "words", "prompt": "Third?", "icon": "star"}
      ]})");
}

// Parses j and returns the error texts (empty when it was accepted).
std::vector<std::string> problems(const json& j) {
    ActivityContent content;
    std::vector<ContentError> errors;
    bool ok = parseContent("test.json", j.dump(), content, errors);
    std::vector<std::string> out;
    for (const auto& e : errors)
        out.push_back(e.text());
    CHECK(ok == out.empty());
    return out;
}

bool mentions(const std::vector<std::string>& errors, const std::string& needle) {
    for (const auto& e : errors) {
        if (e.find(needle) != std::string::npos) return true;
    }
    return false;
}

fs::path freshDir(const std::string& name) {
    fs::path dir = fs::path(HEARD_TEST_BINARY_DIR) / ("content_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

} // namespace

TEST_CASE("every shipped content file is valid and every activity type has content") {
    ContentLibrary library = loadContentLibrary(kToolsDir);
    for (const auto& e : library.errors)
        FAIL_CHECK(e.text());
    // The catalogue is the folder: one activity per shipped file, whatever their number.
    size_t files = 0;
    for (const auto& entry : fs::directory_iterator(kToolsDir))
        files += entry.path().extension() == ".json" ? 1 : 0;
    REQUIRE(files > 0);
    CHECK(library.activities.size() == files);
    for (const ActivityType& type : activityTypes().all()) {
        bool found = false;
        for (const auto& content : library.activities)
            found = found || content.type == type.id;
        CHECK_MESSAGE(found, "no content for " << type.id);
    }
    const ActivityContent* houses = library.find("three_houses");
    REQUIRE(houses);
    CHECK(houses->childChoosesOrder);
    CHECK(houses->version == 1);
    CHECK(houses->sourceFile == "three_houses.json");
    // Age filter: a 4 year old is not offered the grown-ups' arguments (5+), a 12 year old is;
    // scaling is for both (from 3, with pictures-only scales under seven: issue 18.3).
    auto young = library.forAge(4);
    auto older = library.forAge(12);
    auto has = [](const std::vector<const ActivityContent*>& list, const std::string& id) {
        for (auto* c : list) {
            if (c->id == id) return true;
        }
        return false;
    };
    CHECK_FALSE(has(young, "parental_conflict"));
    CHECK(has(older, "parental_conflict"));
    CHECK(has(young, "scaling"));
    CHECK(has(older, "scaling"));
    CHECK(has(young, "feelings_faces"));
}

TEST_CASE("a good file parses into content") {
    ActivityContent content;
    std::vector<ContentError> errors;
    REQUIRE(parseContent("w.json", goodWishes().dump(), content, errors));
    CHECK(content.id == "test_wishes");
    CHECK(content.version == 2);
    CHECK(content.steps.size() == 3);
    CHECK(content.steps[1].allowDrawing);
    CHECK(content.minAge == 4);
    CHECK(content.maxAge == 17);
}

TEST_CASE("bad files are refused with the file, the path and the problem") {
    json j = goodWishes();
    SUBCASE("not JSON") {
        ActivityContent content;
        std::vector<ContentError> errors;
        CHECK_FALSE(parseContent("broken.json", "{\"id\": \"x\",", content, errors));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].text().find("broken.json: not valid JSON near byte") == 0);
    }
    SUBCASE("not an object") {
        CHECK(mentions(problems(json::array()), "must be a JSON object"));
    }
    SUBCASE("missing title") {
        j.erase("title");
        CHECK(mentions(problems(j), "test.json: /title: is missing"));
    }
    SUBCASE("wrong field type") {
        j["version"] = "three";
        CHECK(mentions(problems(j), "/version: must be a whole number"));
    }
    SUBCASE("version out of range") {
        j["version"] = 0;
        CHECK(mentions(problems(j), "/version: must be between 1"));
    }
    SUBCASE("newer format") {
        j["format"] = 2;
        CHECK(mentions(problems(j), "/format: format 2 is newer"));
    }
    SUBCASE("bad id") {
        j["id"] = "Three Wishes!";
        CHECK(mentions(problems(j), "/id: must be 1-64 characters"));
    }
    SUBCASE("unknown type") {
        j["type"] = "tea_party";
        CHECK(mentions(problems(j), "/type: unknown activity type \"tea_party\""));
    }
    SUBCASE("unknown icon") {
        j["steps"][2]["icon"] = "dragon";
        CHECK(mentions(problems(j), "/steps/2/icon: unknown icon \"dragon\""));
    }
    SUBCASE("unknown step kind") {
        j["steps"][1]["kind"] = "dance";
        CHECK(mentions(problems(j), "/steps/1/kind: unknown kind \"dance\""));
    }
    SUBCASE("empty prompt") {
        j["steps"][0]["prompt"] = "";
        CHECK(mentions(problems(j), "/steps/0/prompt: must not be empty"));
    }
    SUBCASE("duplicate step ids") {
        j["steps"][2]["id"] = "a";
        CHECK(mentions(problems(j), "/steps/2/id: repeats \"a\""));
    }
    SUBCASE("bad age range") {
        j["ageRange"] = json::array({12, 4});
        CHECK(mentions(problems(j), "/ageRange: must satisfy"));
        j["ageRange"] = "4-17";
        CHECK(mentions(problems(j), "/ageRange: must be two whole numbers"));
    }
    SUBCASE("wrong step count for the type") {
        j["steps"].erase(2);
        CHECK(mentions(problems(j), "/steps: a three_wishes activity needs 3 steps (has 2)"));
    }
    SUBCASE("a kind the type does not allow") {
        j["steps"][0] =
            json::parse(R"({"id": "a", "kind": "scale", "prompt": "?", "low": "0", "high": "10"})");
        CHECK(mentions(problems(j), "/steps/0/kind: a three_wishes activity cannot use \"scale\" steps"));
    }
    SUBCASE("steps not a list") {
        j["steps"] = "lots";
        CHECK(mentions(problems(j), "/steps: must be a list"));
    }
    SUBCASE("a step that is not an object") {
        j["steps"][1] = 7;
        CHECK(mentions(problems(j), "/steps/1: must be an object"));
    }
    SUBCASE("every problem is reported, not just the first") {
        j.erase("title");
        j["icon"] = "dragon";
        j["steps"][0]["prompt"] = 5;
        auto errors = problems(j);
        CHECK(errors.size() >= 3);
    }
}

TEST_CASE("type rules: faces, houses, homes, choices") {
    ContentLibrary library = loadContentLibrary(kToolsDir);
    auto fileOf = [&](const std::string& id) {
        std::ifstream in(kToolsDir + "/" + id + ".json");
        return json::parse(in);
    };
    SUBCASE("face steps need faces") {
        json j = fileOf("feelings_faces");
        j.erase("faces");
        CHECK(mentions(problems(j), "/faces: is missing"));
    }
    SUBCASE("unknown expression") {
        json j = fileOf("feelings_faces");
        j["faces"][0]["expression"] = "smug";
        CHECK(mentions(problems(j), "/faces/0/expression: unknown expression \"smug\""));
    }
    SUBCASE("three houses must let the child choose where to start") {
        json j = fileOf("three_houses");
        j["childChoosesOrder"] = false;
        CHECK(mentions(problems(j), "/childChoosesOrder: must be true"));
    }
    SUBCASE("three houses needs each house") {
        json j = fileOf("three_houses");
        j["steps"][0]["id"] = "sorrows";
        CHECK(mentions(problems(j), "needs a step with id \"worries\""));
    }
    SUBCASE("two homes needs a safety question") {
        json j = fileOf("two_homes");
        for (auto& step : j["steps"]) {
            if (step.contains("choices")) {
                for (auto& choice : step["choices"])
                    choice.erase("unsafe");
            }
        }
        CHECK(mentions(problems(j), "needs a safety question"));
    }
    SUBCASE("choices need at least two options, unsafe only on choices") {
        json j = fileOf("two_homes");
        j["steps"][2]["choices"] = json::array({j["steps"][2]["choices"][0]});
        CHECK(mentions(problems(j), "/steps/2/choices: must hold between 2 and"));
        json w = fileOf("my_world");
        w["steps"][0]["people"] =
            json::array({{{"id", "pet"}, {"label", "Pet"}, {"icon", "pet"}, {"unsafe", true}}});
        CHECK(mentions(problems(w), "/steps/0/people/0/unsafe: is only allowed on choices"));
    }
    SUBCASE("safety threshold in range") {
        json j = fileOf("scaling");
        j["steps"][1]["unsafeAtOrBelow"] = 10;
        CHECK(mentions(problems(j), "/steps/1/unsafeAtOrBelow: must be between 0 and 9"));
    }
}

// A scaling activity of one scale step, for the scale's pictures and tone.
json goodScale() {
    return json::parse(R"({
      "format": 1, "id": "test_scale", "version": 1, "type": "scaling",
      "title": "Scaling", "childTitle": "How much?", "guidance": "Gently.", "icon": "scale",
      "ageRange": [6, 17],
      "steps": [
        {"id": "often", "kind": "scale", "prompt": "How often?", "low": "Never", "high": "All the time",
         "lowIcon": "sun", "highIcon": "storm", "tone": "stormy"}
      ]})");
}

TEST_CASE("scale steps: the pictures at the two ends and the tone are read from the content") {
    SUBCASE("given") {
        ActivityContent content;
        std::vector<ContentError> errors;
        REQUIRE(parseContent("s.json", goodScale().dump(), content, errors));
        const Step& step = content.steps.at(0);
        CHECK(step.lowIcon == "sun");
        CHECK(step.highIcon == "storm");
        CHECK(step.tone == ScaleTone::Stormy);
    }
    SUBCASE("warm by name") {
        json j = goodScale();
        j["steps"][0]["tone"] = "warm";
        ActivityContent content;
        std::vector<ContentError> errors;
        REQUIRE(parseContent("s.json", j.dump(), content, errors));
        CHECK(content.steps.at(0).tone == ScaleTone::Warm);
    }
    SUBCASE("left out: no pictures (the view draws a small and a big circle) and the warm tone") {
        json j = goodScale();
        j["steps"][0].erase("lowIcon");
        j["steps"][0].erase("highIcon");
        j["steps"][0].erase("tone");
        ActivityContent content;
        std::vector<ContentError> errors;
        REQUIRE(parseContent("s.json", j.dump(), content, errors));
        CHECK(content.steps.at(0).lowIcon.empty());
        CHECK(content.steps.at(0).highIcon.empty());
        CHECK(content.steps.at(0).tone == ScaleTone::Warm);
    }
    CHECK(std::string(scaleToneName(ScaleTone::Warm)) == "warm");
    CHECK(std::string(scaleToneName(ScaleTone::Stormy)) == "stormy");
}

TEST_CASE("scale steps: a bad tone or end picture is refused, naming the field") {
    json j = goodScale();
    SUBCASE("unknown tone") {
        j["steps"][0]["tone"] = "gloomy";
        CHECK(mentions(problems(j),
                       "test.json: /steps/0/tone: unknown tone \"gloomy\" (expected warm or stormy)"));
    }
    SUBCASE("tone in capitals is not a tone") {
        j["steps"][0]["tone"] = "Stormy";
        CHECK(mentions(problems(j), "/steps/0/tone: unknown tone \"Stormy\""));
    }
    SUBCASE("tone not a string: one error, not two") {
        j["steps"][0]["tone"] = 3;
        auto errors = problems(j);
        CHECK(mentions(errors, "/steps/0/tone: must be a string"));
        CHECK(errors.size() == 1);
    }
    SUBCASE("unknown picture at the low end") {
        j["steps"][0]["lowIcon"] = "rainbow";
        CHECK(mentions(problems(j), "test.json: /steps/0/lowIcon: unknown icon \"rainbow\""));
    }
    SUBCASE("unknown picture at the high end") {
        j["steps"][0]["highIcon"] = "tornado";
        CHECK(mentions(problems(j), "/steps/0/highIcon: unknown icon \"tornado\""));
    }
    SUBCASE("an empty picture name") {
        j["steps"][0]["highIcon"] = "";
        CHECK(mentions(problems(j), "/steps/0/highIcon: must not be empty"));
    }
    SUBCASE("a picture at one end only") {
        j["steps"][0].erase("highIcon");
        CHECK(mentions(problems(j), "/steps/0/highIcon: is missing: give a picture for both ends"));
        json k = goodScale();
        k["steps"][0].erase("lowIcon");
        CHECK(mentions(problems(k), "/steps/0/lowIcon: is missing"));
    }
    SUBCASE("scale fields on a step that is not a scale") {
        json w = goodWishes();
        w["steps"][1]["tone"] = "stormy";
        w["steps"][2]["lowIcon"] = "sun";
        auto errors = problems(w);
        CHECK(mentions(errors, "/steps/1/tone: is only allowed on scale steps"));
        CHECK(mentions(errors, "/steps/2/lowIcon: is only allowed on scale steps"));
    }
}

TEST_CASE("every scale step in every shipped content file has a picture at each end") {
    ContentLibrary library = loadContentLibrary(kToolsDir);
    for (const auto& e : library.errors)
        FAIL_CHECK(e.text());
    int scales = 0;
    for (const ActivityContent& content : library.activities) {
        for (const Step& step : content.steps) {
            if (step.kind != StepKind::Scale) continue;
            ++scales;
            CHECK_MESSAGE(!step.lowIcon.empty(), content.sourceFile << ": " << step.id << " has no lowIcon");
            CHECK_MESSAGE(!step.highIcon.empty(),
                          content.sourceFile << ": " << step.id << " has no highIcon");
            CHECK_MESSAGE(step.lowIcon != step.highIcon,
                          content.sourceFile << ": " << step.id << " ends look the same");
        }
    }
    CHECK(scales >= 5); // three in scaling, two in parental conflict
    // More worry must not look sunnier: the worry scale is stormy, the happiness one warm.
    const ActivityContent* scaling = library.find("scaling");
    REQUIRE(scaling);
    CHECK(scaling->findStep("worried_now")->tone == ScaleTone::Stormy);
    CHECK(scaling->findStep("happy_now")->tone == ScaleTone::Warm);
}

TEST_CASE("oversized and deeply nested input is refused before it can hurt") {
    ContentLimits limits;
    ActivityContent content;
    std::vector<ContentError> errors;
    SUBCASE("too big") {
        std::string text(limits.maxFileBytes + 1, ' ');
        CHECK_FALSE(parseContent("big.json", text, content, errors, limits));
        CHECK(errors.at(0).text().find("big.json: file is") == 0);
    }
    SUBCASE("a million brackets") {
        std::string text(200000, '[');
        CHECK_FALSE(parseContent("deep.json", text, content, errors, limits));
        CHECK(errors.at(0).message.find("nested more than") == 0);
    }
    SUBCASE("brackets inside strings do not count") {
        json j = goodWishes();
        j["guidance"] = std::string(100, '[');
        CHECK(parseContent("ok.json", j.dump(), content, errors, limits));
    }
    SUBCASE("an overlong string") {
        json j = goodWishes();
        j["steps"][0]["prompt"] = std::string(limits.maxStringBytes + 1, 'a');
        CHECK(mentions(problems(j), "/steps/0/prompt: is longer than"));
    }
    SUBCASE("too many steps") {
        json j = goodWishes();
        j["type"] = "scaling";
        j["steps"] = json::array();
        for (int i = 0; i < 100; ++i)
            j["steps"].push_back({{"id", "s" + std::to_string(i)},
                                  {"kind", "scale"},
                                  {"prompt", "?"},
                                  {"low", "l"},
                                  {"high", "h"}});
        CHECK(mentions(problems(j), "/steps: must hold between 1 and 40 items (has 100)"));
    }
}

TEST_CASE("a bad file in the folder is skipped with its error; the others load") {
    fs::path dir = freshDir("mixed");
    for (const char* id : {"three_wishes", "drawing", "scaling"})
        fs::copy_file(kToolsDir + "/" + id + ".json", dir / (std::string(id) + ".json"));
    std::ofstream(dir / "broken.json") << "{ not json";
    std::ofstream(dir / "notes.txt") << "not content, ignored";
    json dup = goodWishes();
    dup["id"] = "drawing";
    dup["type"] = "three_wishes";
    std::ofstream(dir / "z_duplicate.json") << dup.dump();
    {
        std::ofstream huge(dir / "huge.json");
        huge << std::string(300 * 1024, ' ');
    }
    ContentLibrary library = loadContentLibrary(dir.string());
    CHECK(library.activities.size() == 3);
    REQUIRE(library.errors.size() == 3);
    CHECK(library.errors[0].text().find("broken.json: not valid JSON") == 0);
    CHECK(library.errors[1].text().find("huge.json: file is") == 0);
    CHECK(library.errors[2].text().find(
              "z_duplicate.json: /id: \"drawing\" is already used by drawing.json") == 0);
}

TEST_CASE("a missing folder is an error, not a crash") {
    ContentLibrary library = loadContentLibrary("/nonexistent/heard/tools");
    CHECK(library.activities.empty());
    REQUIRE(library.errors.size() == 1);
    CHECK(library.errors[0].message == "tool content folder not found");
}

TEST_CASE("fuzz: mutated and truncated content never crashes and always explains a refusal") {
    std::vector<std::string> seeds;
    for (const char* id : {"feelings_faces", "two_homes", "my_world", "three_houses"}) {
        std::ifstream in(kToolsDir + "/" + id + ".json");
        seeds.emplace_back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }
    std::mt19937 random(20261123); // fixed seed: the same cases every run
    const char alphabet[] = "{}[]\",:0123456789-truefalsnul \\\xff\xc3\xa9";
    int accepted = 0, refused = 0;
    for (int round = 0; round < 1500; ++round) {
        std::string text = seeds[size_t(round) % seeds.size()];
        int edits = 1 + int(random() % 4);
        for (int e = 0; e < edits; ++e) {
            size_t at = random() % text.size();
            switch (random() % 4) {
            case 0:
                text[at] = alphabet[random() % (sizeof(alphabet) - 1)];
                break;
            case 1:
                text.erase(at, 1 + random() % 8);
                break;
            case 2:
                text.insert(at, 1, alphabet[random() % (sizeof(alphabet) - 1)]);
                break;
            case 3:
                text.resize(at);
                break;
            }
            if (text.empty()) text = "x";
        }
        ActivityContent content;
        std::vector<ContentError> errors;
        bool ok = parseContent("fuzz.json", text, content, errors);
        if (ok) {
            ++accepted;
            CHECK(errors.empty());
            CHECK_FALSE(content.steps.empty());
        } else {
            ++refused;
            REQUIRE_FALSE(errors.empty());
            CHECK(errors[0].file == "fuzz.json");
            CHECK_FALSE(errors[0].message.empty());
        }
    }
    CHECK(refused > 0);
    MESSAGE("fuzz: " << accepted << " accepted, " << refused << " refused");
}
