// Scenarios in the real app, headless, on the fictional demo store: a child does "when grown-ups
// argue" in child mode by touch, skipping some questions; the record is stored under the visit;
// then the practitioner writes the analysis citing the child's answers, and signs it.
#include "../workflow/workflow_harness.h"

#include "app/model/demo_caseload.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/i18n/i18n.h"
#include "app/tools/parental_conflict/model/conflict_analysis.h"
#include "app/tools/parental_conflict/view/conflict_analysis_view.h"
#include "app/ui/widgets.h"
#include "platform/ui_tags.h"

#include <doctest/doctest.h>

using namespace heard;
using namespace heard::tools;

namespace {

std::optional<storage::Record> findKind(const std::vector<storage::Record>& records, const std::string& kind,
                                        const std::string& parentId) {
    for (const auto& r : records)
        if (r.kind == kind && r.parentId == parentId) return r;
    return std::nullopt;
}

// Starts a visit for the first demo child and returns its record id.
std::string startVisit(test::WorkflowApp& w) {
    w.driver->tap("caseload.child.child-demo-1");
    w.driver->tap("child.start_visit");
    w.tapAndType("visit.where", "At school, in a quiet room");
    w.tapAndType("visit.present", "The child only");
    w.tapAndType("visit.purpose", "Impact of the adults' arguments");
    w.driver->tap("visit.confidentiality");
    w.driver->tap("visit.begin");
    REQUIRE((w.app->screen() == ui::ScreenId::Visit));
    auto visit = w.store().recordsForChild("child-demo-1");
    REQUIRE(visit.size() == 1);
    return visit[0].id;
}

// The child's turn, by touch, with three questions skipped. Returns the stored activity record.
storage::Record childDoesTheActivity(test::WorkflowApp& w, const std::string& visitId) {
    w.driver->tap("visit.activity.parental_conflict");
    REQUIRE((w.app->screen() == ui::ScreenId::ChildMode));
    w.driver->tap("scale.7"); // how often
    w.driver->tap("activity.next");
    w.driver->tap("activity.skip"); // how big: skipped
    w.driver->tap("choice.another_room");
    w.driver->tap("activity.next");
    w.driver->tap("choice.shouting");
    w.tapAndType("words.input", "doors banging");
    w.driver->tap("activity.next");
    w.driver->tap("face.worried");
    w.driver->tap("face.strength.2");
    w.driver->tap("activity.next");
    w.tapAndType("words.input", "I put my headphones on and hug Biscuit");
    w.driver->tap("activity.next");
    w.driver->tap("choice.yes"); // carries messages
    w.driver->tap("activity.next");
    w.driver->tap("activity.skip"); // asked to choose: skipped
    w.driver->tap("choice.sometimes"); // blamed
    w.driver->tap("activity.next");
    w.driver->tap("activity.skip"); // told about the other parent: skipped
    w.driver->tap("choice.pet");
    w.tapAndType("words.input", "Biscuit the dog");
    w.driver->tap("activity.next");
    w.tapAndType("words.input", "If they talked nicely at the door");
    w.driver->tap("activity.next");
    w.driver->tap("activity.done");
    // Hand back: leaving child mode needs the practitioner's passphrase.
    REQUIRE(w.driver->has("childmode.passphrase"));
    w.tapAndType("childmode.passphrase", model::kDemoPassphrase);
    w.driver->tap("childmode.leave");
    REQUIRE((w.app->screen() == ui::ScreenId::Visit));
    auto record = findKind(w.store().recordsForChild("child-demo-1"), "activity", visitId);
    REQUIRE(record);
    return *record;
}

} // namespace

TEST_CASE("a child does 'when grown-ups argue' by touch with skips; then a signed analysis cites their answers") {
    test::WorkflowApp w;
    w.unlockDemo();
    const std::string visitId = startVisit(w);
    const storage::Record activity = childDoesTheActivity(w, visitId);

    ActivityResult result;
    std::string error;
    REQUIRE_MESSAGE(resultFromJson(activity.payload, result, error), error);
    CHECK(result.contentId == "parental_conflict");
    CHECK(result.contentVersion == 1);
    CHECK(result.answerFor("how_often")->scale == 7);
    CHECK(result.answerFor("how_big")->status == AnswerStatus::Skipped);
    CHECK(result.answerFor("where_you_are")->choiceId == "another_room");
    CHECK(result.answerFor("see_hear")->choiceId == "shouting");
    CHECK(result.answerFor("see_hear")->words == "doors banging");
    CHECK(result.answerFor("feel")->faceId == "worried");
    CHECK(result.answerFor("feel")->strength == 2);
    CHECK(result.answerFor("what_you_do")->words == "I put my headphones on and hug Biscuit");
    CHECK(result.answerFor("carry_messages")->choiceId == "yes");
    CHECK(result.answerFor("asked_to_choose")->status == AnswerStatus::Skipped);
    CHECK(result.answerFor("blamed")->choiceId == "sometimes");
    CHECK(result.answerFor("told_about_other")->status == AnswerStatus::Skipped);
    CHECK(result.answerFor("who_helps")->words == "Biscuit the dog");
    CHECK(result.answerFor("make_better")->words == "If they talked nicely at the door");
    CHECK(result.skipped() == std::vector<std::string>{"how_big", "asked_to_choose", "told_about_other"});
    CHECK_FALSE(result.unsafeDisclosed);

    // The practitioner's analysis, in its own record under the visit, citing the child's answers.
    ConflictAnalysis analysis;
    analysis.visitId = visitId;
    for (ConflictSection s : conflictSections())
        analysis.section(s).text = std::string("Fictional practitioner notes: ") + sectionId(s);
    analysis.section(ConflictSection::CoachingPressure).text = "No signs of coaching: the child used their own words.";
    const std::vector<std::pair<ConflictSection, std::string>> cited = {
        {ConflictSection::Frequency, "how_often"},     {ConflictSection::Exposure, "where_you_are"},
        {ConflictSection::Exposure, "see_hear"},       {ConflictSection::Involvement, "carry_messages"},
        {ConflictSection::Involvement, "blamed"},      {ConflictSection::Effects, "feel"},
        {ConflictSection::Effects, "what_you_do"},     {ConflictSection::Protective, "who_helps"},
        {ConflictSection::Protective, "make_better"}};
    for (const auto& [section, step] : cited) {
        const Citation c{activity.id, step};
        CHECK_MESSAGE(citationIsEvidence(c, activity.id, result), step);
        analysis.cite(section, c);
    }
    // A skipped question is no evidence: the practitioner cannot lean on it.
    CHECK_FALSE(citationIsEvidence({activity.id, "asked_to_choose"}, activity.id, result));
    REQUIRE(analysis.problemsBeforeSigning().empty());

    storage::NewRecord draft;
    draft.caseId = activity.caseId;
    draft.childId = activity.childId;
    draft.kind = kConflictAnalysisKind;
    draft.author = activity.author;
    draft.parentId = visitId;
    draft.payload = analysisToJson(analysis);
    const storage::Record created = w.store().createDraft(draft);
    const storage::Record signedRecord = w.store().sign(created.id, "Sam Demo-Practitioner");
    CHECK((signedRecord.status == storage::RecordStatus::Signed));

    auto stored = w.store().recordById(created.id);
    REQUIRE(stored);
    CHECK(stored->parentId == visitId);
    CHECK((stored->status == storage::RecordStatus::Signed));
    ConflictAnalysis back;
    REQUIRE_MESSAGE(analysisFromJson(stored->payload, back, error), error);
    CHECK(back == analysis);
    CHECK(back.section(ConflictSection::Involvement).citations.size() == 2);
    // The child's words are cited, not copied: they live only in the child's activity record.
    CHECK(stored->payload.dump().find("Biscuit") == std::string::npos);
    // Signed is frozen: a later change is refused, an addendum is the way to add to it.
    CHECK_THROWS(w.store().saveDraft(created.id, analysisToJson(ConflictAnalysis{})));
    const storage::Record addendum =
        w.store().addAddendum(created.id, "Sam Demo-Practitioner", {{"text", "Fictional later note."}});
    CHECK(addendum.parentId == created.id);
}

namespace {

// The analysis screen drawn full screen in the app's own window, with its own driver: taps and
// typing go through the same pointer and keyboard path as a finger. Saves on every change and
// signs when asked, as the practitioner container does.
struct AnalysisHarness {
    test::WorkflowApp& w;
    ConflictAnalysisScreen screen;
    std::unique_ptr<platform::TestDriver> driver;
    int saves = 0;

    AnalysisHarness(test::WorkflowApp& app, const std::string& visitId) : w(app) {
        std::string error;
        REQUIRE_MESSAGE(openConflictAnalysis(w.store(), w.app->activityLibrary(), visitId, w.app->author(), screen, error),
                        error);
        driver = std::make_unique<platform::TestDriver>(*w.window, [this] { frame(); });
        driver->frames(2);
    }
    void frame() {
        w.window->pumpEvents(0, [](const SDL_Event&) {});
        w.window->beginFrame();
        ui::setFrameContext(w.window->scale(), w.window->fonts());
        ui::beginScreen("##conflict_analysis");
        ConflictAnalysisActions actions;
        drawConflictAnalysisView(screen, actions);
        ui::endScreen();
        w.window->endFrame();
        if (actions.changed && saveConflictAnalysis(w.store(), screen)) ++saves;
        if (actions.signTapped) signConflictAnalysis(w.store(), screen);
    }
    void type(const std::string& tagName, const std::string& text) {
        driver->tap(tagName);
        driver->typeText(text);
        driver->frames(1);
    }
};

} // namespace

TEST_CASE("the practitioner completes and signs the analysis on its screen, citing the child's answers") {
    test::WorkflowApp w(0, 1280, 6000); // tall enough for the whole analysis without scrolling
    w.unlockDemo();
    const std::string visitId = startVisit(w);
    const storage::Record activity = childDoesTheActivity(w, visitId);

    AnalysisHarness h(w, visitId);
    REQUIRE(h.screen.activityRecordId == activity.id);
    // Only answers the child gave are offered as evidence; skipped questions are not.
    CHECK(h.driver->has("conflict.answer.how_often"));
    CHECK(h.driver->has("conflict.answer.who_helps"));
    CHECK_FALSE(h.driver->has("conflict.answer.how_big"));
    CHECK_FALSE(h.driver->has("conflict.answer.asked_to_choose"));

    // Signing an empty analysis is refused, says why, and signs nothing.
    h.driver->tap("conflict.sign");
    h.driver->frames(1);
    CHECK_FALSE(h.screen.isSigned);
    CHECK(h.driver->has("conflict.problems"));
    CHECK(h.screen.problems.size() == kConflictSectionCount + 1); // every section, and the signer's name
    CHECK(h.screen.recordId.empty());

    // Write every section (resolution is marked not applicable) and cite answers by touch.
    for (ConflictSection s : conflictSections()) {
        if (s == ConflictSection::Resolution) {
            h.driver->tap("conflict.na.resolution");
            continue;
        }
        h.type(std::string("conflict.text.") + sectionId(s), std::string("Fictional notes on ") + sectionId(s));
    }
    CHECK(h.saves > 0);
    CHECK_FALSE(h.screen.recordId.empty()); // autosaved as a draft under the visit
    CHECK_FALSE(h.driver->has("conflict.cite.frequency")); // nothing chosen yet: nothing to cite
    h.driver->tap("conflict.answer.how_often");
    h.driver->tap("conflict.cite.frequency");
    h.driver->tap("conflict.answer.carry_messages");
    h.driver->tap("conflict.cite.involvement");
    h.driver->tap("conflict.answer.blamed");
    h.driver->tap("conflict.cite.involvement");
    h.driver->tap("conflict.cite.involvement"); // twice: kept once
    h.driver->tap("conflict.answer.who_helps");
    h.driver->tap("conflict.cite.protective");
    h.driver->tap("conflict.cite.effects");
    h.driver->tap("conflict.uncite.effects.who_helps"); // a second thought
    h.driver->frames(1);
    CHECK(h.screen.analysis.section(ConflictSection::Involvement).citations.size() == 2);
    CHECK(h.screen.analysis.section(ConflictSection::Effects).citations.empty());

    // Coaching concerns are the practitioner's, in their own section; the child's words are untouched.
    CHECK(h.screen.analysis.section(ConflictSection::CoachingPressure).text == "Fictional notes on coaching_pressure");

    // Still no name: refused. Then signed.
    h.driver->tap("conflict.sign");
    h.driver->frames(1);
    CHECK_FALSE(h.screen.isSigned);
    REQUIRE(h.screen.problems.size() == 1);
    h.type("conflict.signer", "Sam Demo-Practitioner");
    h.driver->tap("conflict.sign");
    h.driver->frames(2);
    REQUIRE_MESSAGE(h.screen.isSigned, h.screen.error);
    CHECK(h.driver->has("conflict.signed"));
    CHECK_FALSE(h.driver->has("conflict.sign"));

    auto stored = w.store().recordById(h.screen.recordId);
    REQUIRE(stored);
    CHECK((stored->status == storage::RecordStatus::Signed));
    CHECK(stored->kind == kConflictAnalysisKind);
    CHECK(stored->parentId == visitId);
    CHECK(stored->signedBy == "Sam Demo-Practitioner");
    ConflictAnalysis back;
    std::string error;
    REQUIRE_MESSAGE(analysisFromJson(stored->payload, back, error), error);
    CHECK(back == h.screen.analysis);
    CHECK(back.section(ConflictSection::Resolution).notApplicable);
    CHECK(back.section(ConflictSection::Frequency).citations == std::vector<Citation>{{activity.id, "how_often"}});
    CHECK(back.section(ConflictSection::Protective).citations == std::vector<Citation>{{activity.id, "who_helps"}});

    // Reopened later, in Welsh: the signed analysis is shown read-only with its evidence.
    i18n::setLanguage("cy");
    AnalysisHarness again(w, visitId);
    CHECK(again.screen.isSigned);
    CHECK(again.driver->has("conflict.signed"));
    CHECK_FALSE(again.driver->has("conflict.text.conclusion"));
    i18n::setLanguage("en");
}
