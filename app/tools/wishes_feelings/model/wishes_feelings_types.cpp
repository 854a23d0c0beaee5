#include "app/tools/wishes_feelings/model/wishes_feelings_types.h"

#include "app/i18n/i18n.h"
#include "app/tools/wishes_feelings/model/judge_message.h"

#include <algorithm>

namespace heard::tools {

namespace {

bool hasSafetyQuestion(const ActivityContent& content) {
    for (const Step& step : content.steps) {
        if (step.kind == StepKind::Scale && step.unsafeAtOrBelow >= 0) return true;
        for (const ChoiceOption& choice : step.choices) {
            if (choice.unsafe) return true;
        }
    }
    return false;
}

ActivityType make(const char* id, const char* name, const char* description, std::vector<StepKind> kinds,
                  size_t minSteps, size_t maxSteps) {
    ActivityType type;
    type.id = id;
    type.name = name;
    type.description = description;
    type.stepKinds = std::move(kinds);
    type.minSteps = minSteps;
    type.maxSteps = maxSteps;
    return type;
}

} // namespace

void registerWishesFeelingsTypes(ActivityTypeRegistry& registry) {
    registry.add(make("feelings_faces", N_("Feelings faces"),
                      N_("The child chooses a face, and how strong the feeling is, for people and places."),
                      {StepKind::Face}, 1, 20));

    registry.add(make("three_wishes", N_("Three wishes"),
                      N_("The child makes three wishes, in words or pictures."), {StepKind::Words}, 3, 3));

    ActivityType houses =
        make("three_houses", N_("Three houses"),
             N_("Worries, good things and dreams: the child chooses which house to start with."),
             {StepKind::Words}, 3, 3);
    houses.extraChecks = [](const ActivityContent& content, const ContentProblem& problem) {
        for (const char* house : {kHouseWorries, kHouseGoodThings, kHouseDreams}) {
            if (!content.findStep(house))
                problem("/steps", std::string("needs a step with id \"") + house + "\"");
        }
        if (!content.childChoosesOrder)
            problem("/childChoosesOrder", "must be true: the child chooses which house to start with");
    };
    registry.add(std::move(houses));

    registry.add(make("my_world", N_("My world"),
                      N_("The child places the people and pets in their life near or far from them."),
                      {StepKind::Place}, 1, 1));

    registry.add(make("scaling", N_("Scaling"), N_("The child answers questions on a scale from 0 to 10."),
                      {StepKind::Scale}, 1, 10));

    ActivityType homes =
        make("two_homes", N_("Two homes"),
             N_("What each home is like for the child, and whether they feel safe there."),
             {StepKind::Choice, StepKind::Scale, StepKind::Words, StepKind::Face, StepKind::Drawing}, 2, 20);
    homes.extraChecks = [](const ActivityContent& content, const ContentProblem& problem) {
        // The point of the activity is to hear whether the child is safe where they live.
        if (!hasSafetyQuestion(content))
            problem(
                "/steps",
                "needs a safety question: a choice marked \"unsafe\" or a scale with \"unsafeAtOrBelow\"");
    };
    registry.add(std::move(homes));

    // A drawing, then the child's own account of it in words (issue 18.5).
    registry.add(make("drawing", N_("Drawing"), N_("A free drawing: the child draws with a finger."),
                      {StepKind::Drawing, StepKind::Words}, 1, 2));

    ActivityType judge = make("words_for_judge", N_("Words for the judge"),
                              N_("A message to the judge in the child's own words, typed or dictated."),
                              {StepKind::Words, StepKind::Choice}, 2, 4);
    judge.extraChecks = [](const ActivityContent& content, const ContentProblem& problem) {
        // NS 4.7: it goes to court only with the child's agreement, asked on the child's screen.
        const Step* agree = content.findStep(kJudgeAgreeStep);
        if (!agree || agree->kind != StepKind::Choice) {
            problem("/steps", std::string("needs a choice step with id \"") + kJudgeAgreeStep + "\"");
            return;
        }
        for (const char* id : {kJudgeAgreeYes, kJudgeAgreeNotYet})
            if (std::none_of(agree->choices.begin(), agree->choices.end(),
                             [&](const ChoiceOption& c) { return c.id == id; }))
                problem("/steps", std::string("the agreement step needs a choice \"") + id + "\"");
        if (content.steps.back().id != kJudgeAgreeStep)
            problem("/steps", "the agreement step must come last: the child agrees to what they wrote");
    };
    registry.add(std::move(judge));
}

} // namespace heard::tools
