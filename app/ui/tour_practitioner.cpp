// The tour's stops for issue 18.5 (for the practitioner): an activity's guidance before the
// tablet is handed over, the child's account of a drawing, the agreement step of a message to
// the judge in Welsh, and after hand-back the interpretation and the record of sending.
#include "app/i18n/i18n.h"
#include "app/model/demo_caseload.h"
#include "app/tools/framework/model/activity_run.h"
#include "app/ui/tour.h"
#include "platform/test_driver.h"

#include <chrono>
#include <thread>

namespace heard::ui {

namespace {

void beginVisit(App& app) {
    if (!app.unlocked()) app.unlock(model::kDemoPassphrase);
    app.editors().safetyAlert.clear();
    app.notice = {}; // an earlier stop's notice is not this screen's
    app.openChild("child-demo-1");
    app.startVisit();
    auto& visit = app.editors().visit.visit;
    visit.where = "At home, in the kitchen (fictional)";
    visit.present = "The child; mother in the next room";
    visit.purpose = "To hear the child's wishes and feelings about time with each parent";
    visit.confidentialityExplained = true;
    app.editors().visit.confirmStart(app);
}

// A few strokes that look like a house and a dog, on the canvas's 0..1 square.
void drawHouseAndDog(tools::ActivityRun& run) {
    run.addStroke(
        {{0.15f, 0.7f, 0.15f, 0.4f, 0.3f, 0.2f, 0.45f, 0.4f, 0.45f, 0.7f, 0.15f, 0.7f}, 0xff3c3cdcu, 0.012f});
    run.addStroke(
        {{0.6f, 0.65f, 0.62f, 0.55f, 0.75f, 0.55f, 0.78f, 0.48f, 0.8f, 0.65f}, 0xff285078u, 0.012f});
    run.addStroke({{0.05f, 0.72f, 0.95f, 0.72f}, 0xff50aa3cu, 0.012f});
}

// Takes the tablet back as the practitioner does (the passphrase, checked on a worker).
void handBack(App& app) {
    app.editors().childMode.askingToLeave = true;
    leaveTourChildMode(app);
}

void revealTag(App& app, const std::string& tagName) {
    platform::TestDriver driver(app.window(), [&app] { app.runOneFrame(); });
    driver.frames(2);
    if (driver.has(tagName)) driver.reveal(tagName);
}

void showHandOver(App& app, const char* contentId, const char* language) {
    beginVisit(app);
    i18n::setLanguage(language);
    app.editors().childMode.handingOver = contentId;
    app.show(ScreenId::HandOver);
}

void showDrawingAccount(App& app) {
    beginVisit(app);
    app.enterChildMode("drawing");
    auto& mode = app.editors().childMode;
    if (!mode.session || !mode.session->run) return;
    tools::ActivityRun& run = *mode.session->run;
    run.setLanguage("en");
    drawHouseAndDog(run);
    run.next();
    run.setWords("That's our house and Pip the dog (fictional)", true);
}

void showJudgeAgreement(App& app, const char* language) {
    beginVisit(app);
    app.enterChildMode("words_for_judge");
    auto& mode = app.editors().childMode;
    if (!mode.session || !mode.session->run) return;
    tools::ActivityRun& run = *mode.session->run;
    run.setLanguage(language);
    run.setWords("Dw i eisiau gweld Taid bob dydd Sadwrn (fictional)", false);
    run.next();
}

void showInterpretation(App& app) {
    showDrawingAccount(app);
    auto& mode = app.editors().childMode;
    if (!mode.session || !mode.session->run) return;
    mode.session->run->next();
    mode.session->saveWanted = true;
    mode.session->save();
    const std::string id = mode.session->recorder ? mode.session->recorder->recordId() : "";
    handBack(app);
    if (id.empty() || !app.store()) return;
    tools::ActivityResult result;
    std::string error;
    const auto record = app.store()->recordById(id);
    if (!record || !tools::resultFromJson(record->payload, result, error)) return;
    app.editors().interpretation.textFor(id, result) =
        "Relaxed while drawing; the dog seems a comfort at both homes (practitioner's reading, fictional).";
    app.editors().interpretation.edited(id);
    revealTag(app, "activity.interpretation.drawing");
}

void showJudgeSending(App& app, bool recorded) {
    showJudgeAgreement(app, "en");
    auto& mode = app.editors().childMode;
    if (!mode.session || !mode.session->run) return;
    mode.session->run->chooseOption("yes");
    mode.session->run->next();
    mode.session->saveWanted = true;
    mode.session->save();
    const std::string id = mode.session->recorder ? mode.session->recorder->recordId() : "";
    handBack(app);
    if (id.empty()) return;
    JudgeSendingEditor& form = app.editors().judgeSending;
    form.open(id);
    form.sending.sentOn = app.now().substr(0, 10);
    form.sending.how = "court_report";
    if (recorded) {
        form.sending.note = "Attached to the report as an appendix (fictional).";
        form.record(app);
        revealTag(app, "judge.sent");
    } else {
        revealTag(app, "judge.record");
    }
}

} // namespace

std::vector<TourStop> practitionerTourStops() {
    return {
        {"hand-over-judge-en", [](App& app) { showHandOver(app, "words_for_judge", "en"); }},
        {"hand-over-drawing-cy", [](App& app) { showHandOver(app, "drawing", "cy"); }},
        {"child-mode-drawing-account",
         [](App& app) {
             i18n::setLanguage("en");
             showDrawingAccount(app);
         }},
        {"child-mode-judge-agree-cy",
         [](App& app) {
             i18n::setLanguage("en");
             showJudgeAgreement(app, "cy");
         }},
        {"visit-interpretation", showInterpretation},
        {"visit-judge-sending", [](App& app) { showJudgeSending(app, false); }},
        {"visit-judge-sent", [](App& app) { showJudgeSending(app, true); }},
    };
}

} // namespace heard::ui
