#include "app/ui/tour.h"

#include "app/i18n/i18n.h"
#include "app/model/demo_caseload.h"
#include "app/tools/framework/model/activity_content.h"
#include "app/tools/framework/model/activity_run.h"
#include "app/tools/skin_map/model/skin_map_demo.h"
#include "app/tools/skin_map/view/skin_map_controller.h"
#include "app/model/event_time.h"
#include "app/model/safeguarding_content.h"
#include "platform/paths.h"
#include "platform/test_driver.h"

#include <imgui_internal.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace heard::ui {

namespace {

// A few strokes that look like a signature, for screens that show one.
Strokes demoSignature() {
    return {{0.1f, 0.6f, 0.2f, 0.3f, 0.3f, 0.7f, 0.4f, 0.35f, 0.55f, 0.65f, 0.7f, 0.4f}};
}

void unlockDemo(App& app) {
    if (app.unlocked()) return;
    app.choosePractitioner(""); // the demo's own store, also when the tour has shared the tablet
    app.unlock(model::kDemoPassphrase);
}

// A shared tablet (practitioners.h): a second, fictional practitioner joins the demo tablet, so
// the lock screen lists both; the last stop wipes that store again (as a remote wipe would), so
// the tablet is the demo's alone for the stops after it.
constexpr const char* kTourSecondPractitioner = "Sam Example (fictional)";
constexpr const char* kTourSecondPassphrase = "sam's tour passphrase 1";

const PractitionerProfile* tourSecondPractitioner(App& app) {
    for (const PractitionerProfile& profile : app.practitioners().list())
        if (profile.name == kTourSecondPractitioner) return &profile;
    return nullptr;
}

void showAddPractitioner(App& app) {
    app.lock();
    app.beginAddingPractitioner();
    app.unlockForm.name = kTourSecondPractitioner;
}

// A shared tablet's lock screen is in the tablet's language and text size, not the last
// practitioner's (lock puts them back); the tour shows it as the stop asked for.
struct KeepLanguageAndSize {
    explicit KeepLanguageAndSize(App& app)
        : app(app), language(i18n::language()), size(app.window().textSize()) {}
    void restore() const {
        i18n::setLanguage(language);
        app.window().setTextSize(size);
    }
    App& app;
    std::string language;
    float size;
};

void showSharedTablet(App& app) {
    const KeepLanguageAndSize asked(app);
    if (!tourSecondPractitioner(app)) {
        app.lock();
        app.beginAddingPractitioner();
        app.createStore(kTourSecondPractitioner, "Family centre worker", kTourSecondPassphrase);
    }
    // The demo practitioner unlocks once the tablet is shared, so the list has her name too.
    app.lock();
    unlockDemo(app);
    app.lock();
    asked.restore();
}

void showSharedTabletChosen(App& app) {
    if (const PractitionerProfile* second = tourSecondPractitioner(app)) app.choosePractitioner(second->id);
}

void showSharedTabletWiped(App& app) {
    const KeepLanguageAndSize asked(app);
    app.lock();
    if (const PractitionerProfile* second = tourSecondPractitioner(app)) app.wipeStoreAt(second->dir);
    // The wipe locks again, so its notice is in the tablet's own language, and the stop shows it
    // so; only the text size the stop asked for comes back.
    app.window().setTextSize(asked.size);
}

void openDemoChild(App& app, const char* childId) {
    unlockDemo(app);
    app.openChild(childId);
}

void fillVisitStart(App& app) {
    auto& visit = app.editors().visit.visit;
    visit.where = "At home, in the kitchen (fictional)";
    visit.present = "The child; mother in the next room";
    visit.purpose = "To hear the child's wishes and feelings about time with each parent";
}

void fillVisitWriteUp(App& app) {
    auto& writeUp = app.editors().visit.visit.writeUp;
    writeUp["setting"] = "Sat at the kitchen table with pens and paper; the child chose where to sit.";
    writeUp["what_happened"] = "We did the three houses together. The child drew a house with a dog.";
    writeUp["reasons"] = "Three houses suits the child's age and lets them show rather than tell.";
    writeUp["impact"] = "The child was relaxed and chatty by the end.";
}

void startDemoVisit(App& app, const char* childId) {
    openDemoChild(app, childId);
    app.startVisit();
    fillVisitStart(app);
    app.editors().visit.visit.confidentialityExplained = true;
    app.editors().visit.confirmStart(app);
}

// The skin map of a new visit, with the fictional demo marks, opened afresh (the notice
// shows) or past the notice on a view with a mark selected.
void showSkinMap(App& app, bool pastNotice, skinmap::ViewId view, int selectedMark) {
    startDemoVisit(app, "child-demo-1");
    app.openSkinMap(app.editors().visit.draft.recordId);
    if (!app.editors().skinMap.controller()) return;
    skinmap::SkinMapViewState& state = app.editors().skinMap.controller()->state();
    const skinmap::SkinMap demo = skinmap::demoSkinMap();
    state.map.bodyShape = demo.bodyShape; // the demo marks sit on the demo's outline
    state.map.marks = demo.marks;
    state.map.nextMarkNumber = demo.nextMarkNumber;
    state.noticeAcknowledged = pastNotice;
    state.view = view;
    state.selectedMark = selectedMark;
}

// A new skin map on one body set (issue 18.7), past the notice, with no marks: the baby set
// shows the NICE CG89 prompt for a baby who is not yet mobile.
void showBodySet(App& app, skinmap::BodyShape set, skinmap::ViewId view) {
    startDemoVisit(app, "child-demo-1");
    app.openSkinMap(app.editors().visit.draft.recordId);
    if (!app.editors().skinMap.controller()) return;
    skinmap::SkinMapViewState& state = app.editors().skinMap.controller()->state();
    state.map.bodyShape = set;
    state.noticeAcknowledged = true;
    state.view = view;
}

// A child-facing activity in child mode, at its first screen, in a language.
void showActivity(App& app, const std::string& contentId, const std::string& language) {
    startDemoVisit(app, "child-demo-1");
    app.enterChildMode(contentId);
    if (app.editors().childMode.session && app.editors().childMode.session->run)
        app.editors().childMode.session->run->setLanguage(language);
}

// A visit in which the child did "when grown-ups argue" (fictional answers, three skipped),
// [SECTION] the safeguarding records (issue 14): risk identification, concern referrals,
// information sharing, each in the language given.

// Puts a screen back at its top (a later stop may have scrolled it).
void scrollToTop(const char* windowName) {
    if (ImGuiWindow* window = ImGui::FindWindowByName(windowName)) ImGui::SetScrollY(window, 0.0f);
}

// Scrolls the screen so the tagged widget is in view, as a finger would.
void revealTag(App& app, const std::string& tagName) {
    platform::TestDriver driver(app.window(), [&app] { app.runOneFrame(); });
    driver.frames(2);
    if (driver.has(tagName)) driver.reveal(tagName);
}

void fillRisk(App& app, bool complete) {
    model::RiskIdentification& risk = app.editors().risk.risk;
    const auto& factors = model::safeguardingContent().riskFactors;
    for (size_t i = 0; i < factors.size(); ++i) {
        if (!complete && i >= 3) break;
        model::FactorAnswer& answer = risk.factors[factors[i].id];
        answer.state = i == 1 ? model::kFactorPresent : i == 5 ? model::kFactorUnknown : model::kFactorAbsent;
        if (i == 1) {
            answer.source = "Police check and the mother's account (fictional).";
            answer.evidence = "Two call-outs this year; no injuries recorded (fictional).";
        }
    }
    risk.likelihood = "Harm is possible at handovers while the adults meet (fictional).";
    risk.seriousness =
        "Emotional harm from seeing arguments; physical harm not indicated so far (fictional).";
    risk.safetyPlan = "Handovers at school; no direct contact between the adults (fictional).";
    const model::TimePoint now = model::fromIsoUtc(app.now());
    risk.reviewDate = model::toIsoUtc(now + std::chrono::hours(24 * 5)).substr(0, 10);
    risk.signatureName = model::kDemoPractitioner;
    risk.signatureStrokes = demoSignature();
}

void showRisk(App& app, const char* language) {
    i18n::setLanguage(language);
    openDemoChild(app, "child-demo-3");
    app.editors().risk.start(app);
    fillRisk(app, false);
    scrollToTop("##risk");
}

// A risk identification signed, then reviewed once: the record shows both versions.
void showRiskReviewed(App& app, const char* language) {
    i18n::setLanguage(language);
    openDemoChild(app, "child-demo-3");
    app.editors().risk.start(app);
    fillRisk(app, true);
    app.editors().risk.sign(app);
    const std::string first = app.recordId();
    app.editors().risk.startReview(app, first);
    fillRisk(app, true);
    app.editors().risk.risk.reviewReason = "The father moved back to the area (fictional).";
    app.editors().risk.sign(app);
    scrollToTop("##record");
}

// A concern written up later: identified yesterday at 16:00, telephoned then, confirmed in
// writing this morning; the deadlines count from when it happened.
void fillLateConcern(App& app) {
    ConcernEditor& form = app.editors().concern;
    form.start(app);
    const model::TimePoint now = model::fromIsoUtc(app.now());
    const std::string yesterday =
        model::eventTimeText(model::toIsoUtc(now - std::chrono::hours(24))).substr(0, 10);
    form.identifiedWhen = yesterday + " 16:00";
    form.setIdentified(app);
    form.concern.fields["child_words"] = "\"He said he would take me away\" (fictional)";
    form.concern.fields["third_party"] = "none";
    form.newActionWhat = "Telephoned children's services duty desk";
    form.newActionWhen = yesterday + " 16:30";
    form.addAction(app);
    form.newReferralRoute = "phone";
    form.newReferralWhen = yesterday + " 16:30";
    form.newReferralNote = "Duty social worker (fictional), ref. FICT-001";
    form.addReferral(app);
    form.newReferralRoute = "written";
    form.newReferralNote = "Letter and referral form sent (fictional)";
    form.addReferral(app);
}

void showLateConcern(App& app, const char* language, bool atReferrals) {
    i18n::setLanguage(language);
    openDemoChild(app, "child-demo-4");
    fillLateConcern(app);
    scrollToTop("##concern");
    if (atReferrals) revealTag(app, "concern.referral.1");
}

void showSharing(App& app, const char* language, bool refused) {
    i18n::setLanguage(language);
    openDemoChild(app, "child-demo-3");
    SharingEditor& form = app.editors().sharing;
    form.start(app);
    form.sharing.what = "The dates of the two police call-outs (fictional).";
    form.sharing.withWhom = "The school's safeguarding lead (fictional).";
    form.sharing.why = "So that handovers at school can be made safe.";
    form.sharing.decidedBy = std::string(model::kDemoPractitioner) + ", after talking to the service manager";
    scrollToTop("##sharing");
    if (refused) {
        form.sharing.signatureName = model::kDemoPractitioner;
        form.sharing.signatureStrokes = demoSignature();
        form.sign(app); // no basis: refused, and says why
        revealTag(app, "sharing.sign");
    } else {
        form.sharing.basis = "consent_refused";
        form.sharing.basisReason =
            "The mother refused; the child's safety at handovers overrides it (fictional).";
    }
}

// then the practitioner's analysis of it in a language: part written with answers cited and
// one answer chosen, or complete, signed and with an addendum.
void showConflictAnalysis(App& app, const char* language, bool signedWithAddendum) {
    i18n::setLanguage(language);
    startDemoVisit(app, "child-demo-1");
    app.enterChildMode("parental_conflict");
    if (app.editors().childMode.session && app.editors().childMode.session->run) {
        tools::ActivityRun& run = *app.editors().childMode.session->run;
        run.setScale(6); // how often
        run.next();
        run.skip(); // how big
        run.chooseOption("another_room");
        run.next();
        run.chooseOption("shouting");
        run.setWords("doors banging", false);
        run.next();
        run.chooseFace("worried");
        run.setStrength(2);
        run.next();
        run.setWords("I go upstairs and read to the dog", false);
        run.next();
        run.chooseOption("yes"); // carries messages
        run.next();
        run.skip();                    // asked to choose
        run.chooseOption("sometimes"); // blamed
        run.next();
        run.skip(); // told about the other parent
        run.chooseOption("pet");
        run.setWords("Pip the dog", false);
        run.next();
        run.setWords("If they said hello nicely at the door", false);
        run.next();
        app.editors().childMode.session->save();
    }
    app.editors().childMode.clear();
    app.openConflictAnalysis(app.editors().visit.draft.recordId);
    tools::ConflictAnalysisScreen& screen = app.editors().conflict.screen;
    tools::ConflictAnalysis& analysis = screen.analysis;
    using S = tools::ConflictSection;
    auto write = [&](S section, const char* text, std::initializer_list<const char*> cited) {
        analysis.section(section).text = text;
        for (const char* step : cited)
            analysis.cite(section, {screen.activityRecordId, step});
    };
    write(S::HappeningNow,
          "A fictional eight-year-old who lives with mother and sees father at weekends; the handovers "
          "at the door are where the arguing happens.",
          {});
    analysis.section(S::DomesticAbuse).notApplicable = true;
    write(S::Frequency, "Most handovers, by the child's account and both parents'.", {"how_often"});
    write(S::Exposure, "The child hears it from another room: shouting and doors.",
          {"where_you_are", "see_hear"});
    screen.chosenStep = "carry_messages";
    if (!signedWithAddendum) {
        app.editors().conflict.markEdited();
        return;
    }
    write(S::Intensity, "Shouting; no threats or violence described by anyone.", {});
    analysis.section(S::Resolution).notApplicable = true;
    write(S::Involvement, "Carries messages about money and times between the parents.", {"carry_messages"});
    write(S::CoachingPressure, "None seen: the child's words were their own and fitted their age.", {});
    write(S::Effects, "Worried before handovers; goes upstairs to get away from it.",
          {"feel", "what_you_do"});
    write(S::Protective, "The dog, a teacher, and time with each parent that the child enjoys.",
          {"who_helps", "make_better"});
    write(S::Conclusion,
          "The conflict at handovers reaches the child and worries them; they are drawn in as a "
          "messenger. Both parents are warm to the child.",
          {});
    write(S::NextSteps, "Suggest handovers at school; a parenting programme for both parents.", {});
    analysis.harmJudgement = tools::HarmJudgement::Medium;
    analysis.signatureName = model::kDemoPractitioner;
    analysis.signatureStrokes = demoSignature();
    app.editors().conflict.sign(app);
    app.startAddendum(screen.recordId);
    app.editors().addendum.text = "Both parents agreed to handovers at school (fictional).";
    app.editors().addendum.reason = "Heard from the parents after signing.";
    app.editors().addendum.sign(app);
}

// A child in "when grown-ups argue" chooses "Pushing or hitting": the calm screen the child
// sees, in a language.
void showCalmScreen(App& app, const std::string& language) {
    app.editors().safetyAlert.clear(); // the alerts of earlier stops are in the store, signed or not
    startDemoVisit(app, "child-demo-1");
    app.enterChildMode("parental_conflict");
    auto& mode = app.editors().childMode;
    if (!mode.session || !mode.session->run) return;
    tools::ActivityRun& run = *mode.session->run;
    run.setLanguage(language);
    run.setScale(6);
    run.next();
    run.skip();
    run.chooseOption("another_room");
    run.next();
    run.chooseOption("pushing_hitting");
    // The next frame notices the answer, raises the alert and shows the calm screen.
}

// Then the practitioner takes the tablet back: the safety alert, unsigned or signed.
void showSafetyAlert(App& app, bool sign) {
    showCalmScreen(app, "en");
    for (int i = 0; i < 3; ++i)
        app.runOneFrame();
    leaveTourChildMode(app);
    if (!sign) return;
    SafetyAlertEditor& alerts = app.editors().safetyAlert;
    if (!alerts.current()) return;
    alerts.current()->alert.signatureName = model::kDemoPractitioner;
    alerts.current()->alert.signatureStrokes = demoSignature();
    alerts.sign(app);
}

// The welcome does not depend on the store: the tour shows it while its demo store is locked.
void showWelcome(App& app, const char* language) {
    i18n::setLanguage(language);
    app.lock();
    app.show(ScreenId::Welcome);
}

} // namespace

std::vector<TourStop> tourStops() {
    std::vector<TourStop> stops = {
        {"unlock", [](App& app) { app.lock(); }},
        {"caseload",
         [](App& app) {
             unlockDemo(app);
             app.show(ScreenId::Caseload);
         }},
        {"child", [](App& app) { openDemoChild(app, "child-demo-3"); }},
        {"sync-sign-in",
         [](App& app) {
             unlockDemo(app);
             app.show(ScreenId::Sync);
         }},
        {"settings",
         [](App& app) {
             unlockDemo(app);
             app.show(ScreenId::Settings);
         }},
        // A shared tablet (issue 20.5): adding a practitioner, the lock screen listing names only,
        // one chosen, and one practitioner's store wiped while the other's stays.
        {"unlock-add-practitioner", showAddPractitioner},
        {"unlock-shared", showSharedTablet},
        {"unlock-shared-chosen", showSharedTabletChosen},
        {"unlock-shared-wiped", showSharedTabletWiped},
        // The first-run welcome, as a practitioner starting Heard for real first sees it (after
        // the caseload: the tour's first stops make its demo store, tour_cleanup_test relies on it).
        {"welcome-cy", [](App& app) { showWelcome(app, "cy"); }},
        {"welcome-en", [](App& app) { showWelcome(app, "en"); }},
        {"visit-start",
         [](App& app) {
             openDemoChild(app, "child-demo-1");
             app.startVisit();
             fillVisitStart(app);
             app.editors().visit.visit.interpreter = {"yes", "Polish", "Ewa Nowak (fictional)", "in_person"};
         }},
        {"visit-write-up",
         [](App& app) {
             startDemoVisit(app, "child-demo-1");
             fillVisitWriteUp(app);
         }},
        {"visit-sign-refused",
         [](App& app) {
             // Continues the visit above: signing with fields still empty is refused and says which.
             app.editors().visit.visit.signatureName = model::kDemoPractitioner;
             app.editors().visit.sign(app);
         }},
        {"concern",
         [](App& app) {
             openDemoChild(app, "child-demo-4");
             app.editors().concern.start(app);
             app.editors().concern.concern.fields["child_words"] =
                 "\"I don't like it when the shouting starts\" (fictional)";
             app.editors().concern.concern.referrals.push_back({"phone", app.now(), app.now(), ""});
             scrollToTop("##concern");
         }},
        {"not-seen",
         [](App& app) {
             openDemoChild(app, "child-demo-2");
             app.editors().notSeen.start(app);
             app.editors().notSeen.reason = "The family was not at home at the agreed time (fictional).";
         }},
        {"identity-needs",
         [](App& app) {
             openDemoChild(app, "child-demo-1");
             app.editors().identity.start(app);
             app.editors().identity.needs.set("first_language", {"Welsh and English (fictional)", false});
         }},
        {"record-signed",
         [](App& app) {
             openDemoChild(app, "child-demo-2");
             app.editors().notSeen.start(app);
             app.editors().notSeen.reason = "The child was unwell (fictional).";
             app.editors().notSeen.plannedNext = "Rearranged for next week.";
             app.editors().notSeen.signatureName = model::kDemoPractitioner;
             app.editors().notSeen.signatureStrokes = demoSignature();
             app.editors().notSeen.sign(app);
             scrollToTop("##record");
         }},
        {"addendum",
         [](App& app) {
             // Continues the signed record above: a dated addendum to it.
             app.startAddendum(app.recordId());
             app.editors().addendum.text = "The family phoned to rearrange (fictional).";
         }},
        {"child-mode",
         [](App& app) {
             startDemoVisit(app, "child-demo-1");
             const auto& library = app.activityLibrary();
             if (!library.activities.empty()) app.enterChildMode(library.activities.front().id);
         }},
        {"child-mode-hand-back", [](App& app) { app.editors().childMode.askingToLeave = true; }},
        {"child-mode-calm-en", [](App& app) { showCalmScreen(app, "en"); }},
        {"child-mode-calm-cy", [](App& app) { showCalmScreen(app, "cy"); }},
        {"safety-alert", [](App& app) { showSafetyAlert(app, false); }},
        {"safety-alert-signed", [](App& app) { showSafetyAlert(app, true); }},
        {"safety-worried",
         [](App& app) {
             app.editors().safetyAlert.clear();
             openDemoChild(app, "child-demo-3");
             app.editors().safetyAlert.raiseByPractitioner(app);
         }},
        {"skin-map-notice", [](App& app) { showSkinMap(app, false, skinmap::ViewId::BodyFront, 0); }},
        {"skin-map-front", [](App& app) { showSkinMap(app, true, skinmap::ViewId::BodyFront, 1); }},
        {"skin-map-hand", [](App& app) { showSkinMap(app, true, skinmap::ViewId::LeftPalm, 3); }},
        // The body sets (issue 18.7): each age's outline, and the feet.
        {"skin-map-baby-front",
         [](App& app) { showBodySet(app, skinmap::BodyShape::Baby, skinmap::ViewId::BodyFront); }},
        {"skin-map-baby-back",
         [](App& app) { showBodySet(app, skinmap::BodyShape::Baby, skinmap::ViewId::BodyBack); }},
        {"skin-map-baby-sole",
         [](App& app) { showBodySet(app, skinmap::BodyShape::Baby, skinmap::ViewId::LeftSole); }},
        {"skin-map-toddler-front",
         [](App& app) { showBodySet(app, skinmap::BodyShape::Toddler, skinmap::ViewId::BodyFront); }},
        {"skin-map-child-front",
         [](App& app) { showBodySet(app, skinmap::BodyShape::Child, skinmap::ViewId::BodyFront); }},
        {"skin-map-child-foot-top",
         [](App& app) { showBodySet(app, skinmap::BodyShape::Child, skinmap::ViewId::RightFootTop); }},
        {"skin-map-teen-front",
         [](App& app) { showBodySet(app, skinmap::BodyShape::Teen, skinmap::ViewId::BodyFront); }},
        {"skin-map-teen-head",
         [](App& app) { showBodySet(app, skinmap::BodyShape::Teen, skinmap::ViewId::HeadFront); }},
        // The safeguarding records (issue 14), in English and in Welsh: each stop sets the language.
        {"risk-identification-en", [](App& app) { showRisk(app, "en"); }},
        {"risk-identification-cy", [](App& app) { showRisk(app, "cy"); }},
        {"risk-reviewed-en", [](App& app) { showRiskReviewed(app, "en"); }},
        {"risk-reviewed-cy", [](App& app) { showRiskReviewed(app, "cy"); }},
        {"caseload-risk-review-cy",
         [](App& app) {
             // Continues the reviewed risk identification above: its review date is within a week.
             app.show(ScreenId::Caseload);
         }},
        {"caseload-risk-review-en",
         [](App& app) {
             i18n::setLanguage("en");
             app.show(ScreenId::Caseload);
         }},
        {"concern-late-en", [](App& app) { showLateConcern(app, "en", false); }},
        {"concern-referrals-en", [](App& app) { showLateConcern(app, "en", true); }},
        {"concern-referrals-cy", [](App& app) { showLateConcern(app, "cy", true); }},
        {"concern-signed-en",
         [](App& app) {
             i18n::setLanguage("en");
             openDemoChild(app, "child-demo-4");
             fillLateConcern(app);
             ConcernEditor& form = app.editors().concern;
             for (const auto& spec : model::concernTextFields())
                 if (form.concern.fields.value(spec.key, "").empty())
                     form.concern.fields[spec.key] = "none (fictional)";
             form.concern.parentsInformed = "no";
             form.concern.managerInformed = true;
             form.concern.managerInformedAt = app.now();
             form.concern.signatureName = model::kDemoPractitioner;
             form.concern.signatureStrokes = demoSignature();
             form.sign(app);
             scrollToTop("##record");
             revealTag(app, "record.referral.0");
         }},
        {"information-sharing-en", [](App& app) { showSharing(app, "en", false); }},
        {"information-sharing-cy", [](App& app) { showSharing(app, "cy", false); }},
        {"information-sharing-refused-en", [](App& app) { showSharing(app, "en", true); }},
        // The practitioner's analysis is in the practitioner's language: each stop sets it.
        {"conflict-analysis-en", [](App& app) { showConflictAnalysis(app, "en", false); }},
        {"conflict-analysis-cy", [](App& app) { showConflictAnalysis(app, "cy", false); }},
        {"conflict-analysis-signed-cy", [](App& app) { showConflictAnalysis(app, "cy", true); }},
        {"conflict-analysis-signed-en", [](App& app) { showConflictAnalysis(app, "en", true); }},
    };
    for (TourStop& stop : courtTourStops())
        stops.push_back(std::move(stop));
    for (TourStop& stop : answersTourStops())
        stops.push_back(std::move(stop));
    for (TourStop& stop : practitionerTourStops())
        stops.push_back(std::move(stop));
    // Every activity of the catalogue (assets/tools/*.json and any extra folder), in child mode,
    // in English and in Welsh: a new content file joins the tour with no edit here.
    const tools::ContentLibrary catalogue = tools::loadContentFolders(tools::contentFolders());
    for (const tools::ActivityContent& content : catalogue.activities)
        for (const char* language : {"en", "cy"})
            stops.push_back({"activity-" + content.id + "-" + language,
                             [id = content.id, language](App& app) { showActivity(app, id, language); }});
    for (TourStop& stop : peopleTourStops())
        stops.push_back(std::move(stop));
    return stops;
}

void leaveTourChildMode(App& app) {
    app.editors().childMode.leave(app, model::kDemoPassphrase);
    // The passphrase is checked on a worker; the picture must show its answer, however fast
    // frames are drawn (at most 15 s, then the stop shows whatever is on screen).
    for (int i = 0; i < 3000 && app.editors().childMode.checking(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        app.runOneFrame();
    }
    for (int i = 0; i < 2; ++i)
        app.runOneFrame();
}

void startTourVisit(App& app, const char* childId) {
    startDemoVisit(app, childId);
}

bool runTour(App& app, const std::string& dir, std::string& error, std::vector<std::string>* written) {
    if (!platform::makeDirs(dir)) {
        error = "cannot create the tour folder " + dir;
        return false;
    }
    const std::string language = i18n::language();
    int number = 1;
    for (const TourSize& size : kTourSizes) {
        app.window().setSize(size.width, size.height);
        for (const TourStop& stop : tourStops()) {
            try {
                stop.prepare(app);
            } catch (const std::exception& e) {
                error = "tour stop " + stop.name + ": " + e.what();
                return false;
            }
            // A few frames so layouts that measure themselves (auto-fit, scrolling) settle.
            for (int i = 0; i < 3; ++i)
                app.runOneFrame();
            char name[64];
            std::snprintf(name, sizeof name, "%02d-%s-", number++, size.name);
            const std::string path = dir + "/" + name + stop.name + ".png";
            app.window().queueScreenshot(path);
            app.runOneFrame();
            if (!app.window().lastScreenshotOk()) {
                error = "could not save " + path;
                return false;
            }
            if (written) written->push_back(path);
        }
    }
    i18n::setLanguage(language);
    return true;
}

} // namespace heard::ui
