// The parental conflict content: it loads and validates as shipped, asks about everything the
// issue lists, every step can be skipped (no step is a safety gate), and every string has Welsh.
#include "app/i18n/i18n.h"
#include "app/tools/framework/model/activity_content.h"
#include "app/tools/framework/model/activity_type.h"
#include "app/tools/parental_conflict/model/conflict_type.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace heard;
using namespace heard::tools;

namespace {
std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}
const std::string kFile = std::string(HEARD_SOURCE_DIR) + "/assets/tools/parental_conflict.json";
} // namespace

TEST_CASE("the shipped parental conflict content loads with its registered type") {
    REQUIRE(activityTypes().find(kParentalConflictType));
    ContentLibrary library = loadContentLibrary(std::string(HEARD_SOURCE_DIR) + "/assets/tools");
    for (const ContentError& e : library.errors)
        FAIL_CHECK(e.text());
    const ActivityContent* content = library.find("parental_conflict");
    REQUIRE(content);
    CHECK(content->type == kParentalConflictType);
    CHECK(content->version >= 1);
    // Every part the issue asks the child about is there.
    for (const char* step :
         {"how_often", "how_big", "where_you_are", "see_hear", "feel", "what_you_do", "carry_messages",
          "asked_to_choose", "blamed", "told_about_other", "who_helps", "make_better"})
        CHECK_MESSAGE(content->findStep(step), step);
    CHECK(content->findStep("how_often")->kind == StepKind::Scale);
    CHECK(content->findStep("feel")->kind == StepKind::Face);
    CHECK(content->findStep("feel")->multiple); // mixed feelings: several may be chosen (issue 18.3)
    CHECK_FALSE(content->faces.empty());
}

TEST_CASE("content the type refuses: a step kind it does not use, and too few steps") {
    std::string text = readFile(kFile);
    REQUIRE_FALSE(text.empty());
    ActivityContent content;
    std::vector<ContentError> errors;
    REQUIRE(parseContent("parental_conflict.json", text, content, errors));
    CHECK(errors.empty());

    // A "place" step is not part of this activity: refused with its path.
    std::string withPlace = text;
    const std::string marker = "\"steps\": [";
    const size_t at = withPlace.find(marker);
    REQUIRE(at != std::string::npos);
    withPlace.insert(
        at + marker.size(),
        "{\"id\": \"world\", \"kind\": \"place\", \"prompt\": \"Who is near you?\", \"icon\": \"people\","
        " \"people\": [{\"id\": \"mum\", \"label\": \"Mum\", \"icon\": \"person\"}]},");
    ActivityContent bad;
    errors.clear();
    CHECK_FALSE(parseContent("parental_conflict.json", withPlace, bad, errors));
    REQUIRE_FALSE(errors.empty());
    CHECK(errors[0].text().find("parental_conflict.json") == 0);
}

TEST_CASE("every string of the content has Welsh") {
    i18n::setCatalogueDir(HEARD_LOCALE_DIR);
    ContentLibrary library = loadContentLibrary(std::string(HEARD_SOURCE_DIR) + "/assets/tools");
    const ActivityContent* content = library.find("parental_conflict");
    REQUIRE(content);
    for (const std::string& msgid : translatableStrings(*content)) {
        const std::string welsh = i18n::trIn("cy", msgid.c_str());
        CHECK_MESSAGE(welsh != msgid, "no Welsh for: " << msgid);
    }
}

TEST_CASE("the conflict scales are stormy, with a calm picture at 0 and a storm at 10") {
    ContentLibrary library = loadContentLibrary(std::string(HEARD_SOURCE_DIR) + "/assets/tools");
    const ActivityContent* content = library.find("parental_conflict");
    REQUIRE(content);
    for (const char* id : {"how_often", "how_big"}) {
        const Step* step = content->findStep(id);
        REQUIRE_MESSAGE(step, id);
        CHECK_MESSAGE(step->tone == ScaleTone::Stormy, id); // more arguing must not look sunnier
        CHECK_MESSAGE(step->highIcon == "storm", id);
        CHECK_MESSAGE((step->lowIcon == "sun" || step->lowIcon == "small_cloud"), id);
    }
}

TEST_CASE("the child can say they see fighting, not only shouting") {
    ContentLibrary library = loadContentLibrary(std::string(HEARD_SOURCE_DIR) + "/assets/tools");
    const ActivityContent* content = library.find("parental_conflict");
    REQUIRE(content);
    const Step* seeHear = content->findStep("see_hear");
    REQUIRE(seeHear);
    std::vector<std::string> ids;
    for (const ChoiceOption& choice : seeHear->choices)
        ids.push_back(choice.id);
    CHECK(ids ==
          std::vector<std::string>{"shouting", "quiet_upset", "things_broken", "pushing_hitting", "nothing"});
    // A child who sees the adults hit each other has told of domestic abuse: the record is
    // flagged for the manager at once, like a child who says they are not safe.
    for (const ChoiceOption& choice : seeHear->choices)
        CHECK_MESSAGE(choice.unsafe == (choice.id == "pushing_hitting"), choice.id);
    CHECK(content->version == 3); // the content changed: records say which version the child saw
}
