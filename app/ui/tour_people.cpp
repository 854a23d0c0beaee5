// The tour's stops for issue 18.2 (the child's people): the practitioner's screen with a
// picture being chosen, My world with the child's people and one the child added, the add
// panel, and the arguments activity naming the grown-ups in Welsh. On child-demo-4, after every
// other stop, so no other stop's pictures change.
#include "app/model/demo_caseload.h"
#include "app/tools/framework/model/activity_run.h"
#include "app/ui/editors.h"
#include "app/ui/tour.h"

namespace heard::ui {

namespace {

constexpr const char* kChild = "child-demo-4";

void openChild(App& app) {
    if (!app.unlocked()) app.unlock(model::kDemoPassphrase);
    app.openChild(kChild);
}

// The practitioner's screen filled in (fictional names), the third person's picture being chosen.
void showPeopleScreen(App& app) {
    openChild(app);
    PeopleEditor& form = app.editors().people;
    form.start(app);
    form.people.people = {
        {"p1", "Mummy", "woman", true}, {"p2", "Steve", "man_beard", true}, {"p3", "Biscuit", "", false}};
    form.people.homes = {{"h1", "Mummy's flat"}, {"h2", "Grandad's house"}};
    form.choosingFigureFor = "p3";
    form.markEdited();
}

void handOver(App& app, const char* contentId) {
    openChild(app);
    app.saveDrafts();
    app.startVisit();
    VisitEditor& visit = app.editors().visit;
    visit.visit.where = "At home (fictional)";
    visit.visit.present = "The child; Mummy in the next room";
    visit.visit.purpose = "To hear who matters to the child";
    visit.visit.confidentialityExplained = true;
    visit.confirmStart(app);
    app.enterChildMode(contentId);
}

tools::ActivityRun* run(App& app) {
    auto& session = app.editors().childMode.session;
    return session && session->run ? session->run.get() : nullptr;
}

} // namespace

std::vector<TourStop> peopleTourStops() {
    return {
        {"child-people", [](App& app) { showPeopleScreen(app); }},
        {"child-people-my-world",
         [](App& app) {
             showPeopleScreen(app);
             app.editors().people.people.people[2].figure = "dog";
             handOver(app, "my_world");
             if (tools::ActivityRun* r = run(app)) {
                 r->place("person.p1", "", 0.25f, -0.1f);
                 r->place("person.p3", "", -0.2f, 0.3f);
                 r->addPerson("Nan", "older_woman", 0.1f, 0.5f);
                 r->addPerson("Mr Hughes (fictional)", "teacher", -0.8f, -0.7f);
             }
         }},
        {"child-people-my-world-add",
         [](App& app) {
             if (!run(app)) return;
             auto& state = app.editors().childMode.session->state;
             state.addingPerson = true;
             state.newName = "Auntie Jo";
             state.newFigure = "woman_hijab";
         }},
        {"child-people-conflict-cy",
         [](App& app) {
             handOver(app, "parental_conflict");
             if (tools::ActivityRun* r = run(app)) r->setLanguage("cy");
         }},
    };
}

} // namespace heard::ui
