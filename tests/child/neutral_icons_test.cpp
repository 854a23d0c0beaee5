// Issue 18.8 (part): no answer a child can give is pictured as right or wrong. The shipped
// activities draw yes and no as a nod and a shake, never a tick and a cross, and the names they
// use are the app's own icons (the view draws each; "judge" is a listener at a bench, no gavel).
#include "app/tools/framework/model/activity_content.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace heard;

namespace {

bool rightOrWrong(const std::string& icon) {
    return icon == "tick" || icon == "cross";
}

bool known(const std::string& icon) {
    const auto& icons = tools::contentIcons();
    return std::find(icons.begin(), icons.end(), icon) != icons.end();
}

} // namespace

TEST_CASE("no shipped answer is pictured with a tick or a cross, and every icon is a named one") {
    const tools::ContentLibrary library =
        tools::loadContentLibrary(std::string(HEARD_SOURCE_DIR) + "/assets/tools");
    REQUIRE(library.errors.empty());
    REQUIRE(library.activities.size() >= 4);
    int choices = 0;
    for (const tools::ActivityContent& content : library.activities) {
        CHECK_MESSAGE(known(content.icon), content.id);
        for (const tools::Step& step : content.steps) {
            const std::string where = content.id + "/" + step.id;
            CHECK_MESSAGE(!rightOrWrong(step.icon), where);
            for (const auto* list : {&step.choices, &step.people})
                for (const tools::ChoiceOption& option : *list) {
                    ++choices;
                    CHECK_MESSAGE(!rightOrWrong(option.icon),
                                  (where + "/" + option.id + " uses " + option.icon));
                    CHECK_MESSAGE((option.icon.empty() || known(option.icon)), (where + "/" + option.id));
                }
        }
    }
    CHECK(choices > 20); // the check saw the answers, not an empty catalogue
    // Yes and no are there, pictured neutrally.
    const tools::ActivityContent* conflict = library.find("parental_conflict");
    REQUIRE(conflict);
    const tools::Step* blamed = conflict->findStep("blamed");
    REQUIRE(blamed);
    for (const tools::ChoiceOption& option : blamed->choices) {
        if (option.id == "yes") CHECK(option.icon == "nod");
        if (option.id == "no") CHECK(option.icon == "shake");
    }
}
