// The tour's stops for issue 18.3, answers that fit: the pictures-only scales a three-year-old
// and a five-year-old get, the 0-10 scale of an older child for comparison, two feelings chosen
// on one step, and the short "When the grown-ups argue" of a six-year-old. Each child's age is
// set from a date of birth for the stop and put back after the activity has begun (the band is
// chosen then), so later stops see the demo caseload as it was.
#include "app/model/child_details.h"
#include "app/tools/framework/model/activity_run.h"
#include "app/ui/tour.h"

#include <string>

namespace heard::ui {

namespace {

// Begins contentId for childId as a child of `age` today, in a language.
tools::ActivityRun* beginAsAge(App& app, const char* childId, int age, const char* contentId,
                               const char* language) {
    startTourVisit(app, childId);
    if (!app.store()) return nullptr;
    auto child = app.store()->childById(childId);
    if (!child) return nullptr;
    const std::string kept = child->dateOfBirth;
    const int year = std::stoi(app.now().substr(0, 4));
    child->dateOfBirth = std::to_string(year - age) + "-01-01"; // `age` on every day of this year
    app.store()->putChild(*child);
    app.enterChildMode(contentId);
    child->dateOfBirth = kept;
    app.store()->putChild(*child);
    auto& session = app.editors().childMode.session;
    if (!session || !session->run) return nullptr;
    session->run->setLanguage(language);
    return session->run.get();
}

} // namespace

std::vector<TourStop> answersTourStops() {
    return {
        {"answers-scale-pictures-3-en",
         [](App& app) {
             if (auto* run = beginAsAge(app, "child-demo-2", 3, "scaling", "en")) run->setScale(1);
         }},
        {"answers-scale-pictures-5-cy",
         [](App& app) { beginAsAge(app, "child-demo-2", 5, "scaling", "cy"); }},
        {"answers-scale-numbers-en",
         [](App& app) {
             if (auto* run = beginAsAge(app, "child-demo-1", 10, "scaling", "en")) run->setScale(7);
         }},
        {"answers-conflict-short-en",
         [](App& app) { beginAsAge(app, "child-demo-2", 6, "parental_conflict", "en"); }},
        {"answers-feelings-several-en",
         [](App& app) {
             auto* run = beginAsAge(app, "child-demo-2", 6, "parental_conflict", "en");
             while (run && run->currentStep() && run->currentStep()->id != "feel")
                 run->skip();
             if (run) {
                 run->chooseFace("sad");
                 run->chooseFace("worried");
             }
         }},
        {"answers-feelings-several-cy",
         [](App& app) {
             auto* run = beginAsAge(app, "child-demo-1", 9, "parental_conflict", "cy");
             while (run && run->currentStep() && run->currentStep()->id != "feel")
                 run->skip();
             if (run) run->chooseFace("confused");
         }},
        {"answers-three-houses-cy",
         [](App& app) { beginAsAge(app, "child-demo-3", 12, "three_houses", "cy"); }},
    };
}

} // namespace heard::ui
