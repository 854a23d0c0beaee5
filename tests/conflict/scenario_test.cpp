// Scenarios in the real app, headless, on the fictional demo store: a child does "when grown-ups
// argue" in child mode by touch, skipping some questions; the record is stored under the visit;
// then the practitioner writes the analysis citing the child's answers, and signs it.
#include "../workflow/workflow_harness.h"
#include "storage/record_kinds.h"

#include "app/model/demo_caseload.h"
#include "app/model/record_fields.h"
#include "app/model/visit.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/i18n/i18n.h"
#include "app/tools/parental_conflict/model/conflict_analysis.h"
#include "app/tools/parental_conflict/view/conflict_analysis_view.h"
#include "app/ui/kit/widgets.h"
#include "platform/ui_tags.h"

#include <doctest/doctest.h>

#include <thread>

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
    w.driver->tap("handover.start"); // after its guidance (issue 18.5)
    REQUIRE((w.app->screen() == ui::ScreenId::ChildMode));
    w.driver->tap("scale.7"); // how often
    w.driver->tap("activity.next");
    w.driver->tap("activity.skip"); // how big: skipped
    w.driver->tap("choice.another_room");
    w.driver->tap("activity.next");
    w.driver->tap("choice.shouting");
    w.tapAndType("words.input", "doors banging");
    w.driver->tap("activity.next");
    w.driver->tap("face.worried"); // several feelings on this step (issue 18.3): two chosen
    w.driver->tap("face.sad");
    w.driver->tap("activity.next");
    w.tapAndType("words.input", "I put my headphones on and hug Biscuit");
    w.driver->tap("activity.next");
    w.driver->tap("choice.yes"); // carries messages
    w.driver->tap("activity.next");
    w.driver->tap("activity.skip");    // asked to choose: skipped
    w.driver->tap("choice.sometimes"); // blamed
    w.driver->tap("activity.next");
    w.driver->tap("activity.skip"); // told about the other parent: skipped
    w.driver->tap("choice.pet");
    w.tapAndType("words.input", "Biscuit the dog");
    w.driver->tap("activity.next");
    w.tapAndType("words.input", "If they talked nicely at the door");
    w.driver->tap("activity.next");
    // Nothing of the practitioner's analysis is ever on screen in the child's hands.
    for (const std::string& tag : platform::TagRegistry::instance().visibleTags())
        CHECK_MESSAGE(tag.rfind("conflict.", 0) != 0, tag);
    w.driver->tap("activity.done");
    // Hand back: leaving child mode needs the practitioner's passphrase.
    REQUIRE(w.driver->has("childmode.passphrase"));
    w.tapAndType("childmode.passphrase", model::kDemoPassphrase);
    w.driver->tap("childmode.leave");
    w.settleChildModeCheck();
    REQUIRE((w.app->screen() == ui::ScreenId::Visit));
    auto record = findKind(w.store().recordsForChild("child-demo-1"), storage::kinds::kActivity, visitId);
    REQUIRE(record);
    return *record;
}

} // namespace

TEST_CASE(
    "a child does 'when grown-ups argue' by touch with skips; then a signed analysis cites their answers") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    const std::string visitId = startVisit(w);
    const storage::Record activity = childDoesTheActivity(w, visitId);

    ActivityResult result;
    std::string error;
    REQUIRE_MESSAGE(resultFromJson(activity.payload, result, error), error);
    CHECK(result.contentId == "parental_conflict");
    CHECK(result.contentVersion == 3);
    CHECK(result.answerFor("how_often")->scale == 7);
    CHECK(result.answerFor("how_big")->status == AnswerStatus::Skipped);
    CHECK(result.answerFor("where_you_are")->choiceId == "another_room");
    CHECK(result.answerFor("see_hear")->choiceId == "shouting");
    CHECK(result.answerFor("see_hear")->words == "doors banging");
    CHECK(result.answerFor("feel")->faces == std::vector<std::string>{"worried", "sad"});
    CHECK(result.answerFor("feel")->faceId.empty());
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
    analysis.section(ConflictSection::CoachingPressure).text =
        "No signs of coaching: the child used their own words.";
    const std::vector<std::pair<ConflictSection, std::string>> cited = {
        {ConflictSection::Frequency, "how_often"},   {ConflictSection::Exposure, "where_you_are"},
        {ConflictSection::Exposure, "see_hear"},     {ConflictSection::Involvement, "carry_messages"},
        {ConflictSection::Involvement, "blamed"},    {ConflictSection::Effects, "feel"},
        {ConflictSection::Effects, "what_you_do"},   {ConflictSection::Protective, "who_helps"},
        {ConflictSection::Protective, "make_better"}};
    for (const auto& [section, stepId] : cited) {
        const std::string& step =
            stepId; // the message's lambda cannot take a structured binding (clang, C++17)
        const Citation c{activity.id, step};
        CHECK_MESSAGE(citationIsEvidence(c, activity.id, result), step);
        analysis.cite(section, c);
    }
    // A skipped question is no evidence: the practitioner cannot lean on it.
    CHECK_FALSE(citationIsEvidence({activity.id, "asked_to_choose"}, activity.id, result));
    analysis.harmJudgement = HarmJudgement::Medium;
    analysis.signatureName = "Sam Demo-Practitioner";
    analysis.signatureStrokes = {{0.2f, 0.5f, 0.7f, 0.3f}};
    REQUIRE(analysis.problemsBeforeSigning(activity.id, result).empty());

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

bool anyProblemMentions(const std::vector<std::string>& problems, const std::string& text) {
    for (const std::string& p : problems)
        if (p.find(text) != std::string::npos) return true;
    return false;
}

} // namespace

TEST_CASE("in the app: the practitioner opens the analysis from the visit, cites answers, signs, adds an "
          "addendum") {
    // A landscape tablet: the answers beside the sections; the driver scrolls to what it taps.
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    const std::string visitId = startVisit(w);
    const storage::Record activity = childDoesTheActivity(w, visitId);

    // From the visit being written, its analysis is one tap away.
    w.driver->tap("visit.conflict_analysis");
    REQUIRE((w.app->screen() == ui::ScreenId::ConflictAnalysis));
    const tools::ConflictAnalysisScreen& screen = w.app->editors().conflict.screen;
    REQUIRE(screen.activityRecordId == activity.id);
    CHECK(screen.recordId.empty()); // nothing stored until something is written
    // Only answers the child gave are offered as evidence; skipped questions are not.
    CHECK(w.driver->has("conflict.answer.how_often"));
    CHECK(w.driver->has("conflict.answer.who_helps"));
    CHECK_FALSE(w.driver->has("conflict.answer.how_big"));
    CHECK_FALSE(w.driver->has("conflict.answer.asked_to_choose"));

    // Signing an empty analysis is refused, says why, and signs nothing.
    w.driver->tap("conflict.sign");
    w.driver->frames(2);
    CHECK(w.driver->has("conflict.problems"));
    CHECK(screen.problems.size() == kConflictSectionCount + 3); // sections, judgement, name, signature
    CHECK_FALSE(screen.isSigned);
    CHECK(screen.recordId.empty());

    // Write every section by touch; resolution ticked as not applicable, no sign of domestic abuse.
    for (ConflictSection s : conflictSections()) {
        if (s == ConflictSection::Resolution) {
            w.driver->tap("conflict.na.resolution");
            continue;
        }
        if (s == ConflictSection::DomesticAbuse) {
            w.driver->tap("conflict.na.domestic_abuse");
            continue;
        }
        w.tapAndType(std::string("conflict.text.") + sectionId(s),
                     std::string("Fictional notes on ") + sectionId(s));
    }
    // Autosave writes the draft under the visit once the typing stops.
    std::this_thread::sleep_for(ui::kAutosaveDelay + std::chrono::milliseconds(200));
    w.driver->frames(2);
    REQUIRE_FALSE(screen.recordId.empty());
    CHECK(w.driver->has("conflict.saved_state"));
    auto draft = w.store().recordById(screen.recordId);
    REQUIRE(draft);
    CHECK(draft->kind == kConflictAnalysisKind);
    CHECK(draft->parentId == visitId);
    CHECK((draft->status == storage::RecordStatus::Draft));

    CHECK_FALSE(w.driver->has("conflict.cite.frequency")); // nothing chosen yet: nothing to cite
    w.driver->tap("conflict.answer.how_often");
    w.driver->tap("conflict.cite.frequency");
    w.driver->tap("conflict.answer.carry_messages");
    w.driver->tap("conflict.cite.involvement");
    w.driver->tap("conflict.answer.blamed");
    w.driver->tap("conflict.cite.involvement");
    w.driver->tap("conflict.cite.involvement"); // twice: kept once
    w.driver->tap("conflict.answer.who_helps");
    w.driver->tap("conflict.cite.protective");
    w.driver->tap("conflict.cite.effects");
    w.driver->tap("conflict.uncite.effects.who_helps"); // a second thought
    w.driver->frames(1);
    CHECK(screen.analysis.section(ConflictSection::Involvement).citations.size() == 2);
    CHECK(screen.analysis.section(ConflictSection::Effects).citations.empty());
    // Coaching concerns are the practitioner's, in their own section; the child's words are untouched.
    CHECK(screen.analysis.section(ConflictSection::CoachingPressure).text ==
          "Fictional notes on coaching_pressure");

    // An indicator ticked without a note, no judgement, no signature: refused, each named.
    w.driver->tap("conflict.indicator.rehearsed_language");
    w.driver->tap("conflict.sign");
    w.driver->frames(2);
    CHECK_FALSE(screen.isSigned);
    CHECK(screen.problems.size() == 4);
    CHECK(anyProblemMentions(screen.problems, indicatorTitle(ConflictIndicator::RehearsedLanguage)));
    CHECK(anyProblemMentions(screen.problems, "Your judgement of harmful conflict"));
    CHECK(anyProblemMentions(screen.problems, "Your signature"));
    w.tapAndType("conflict.indicator_note.rehearsed_language",
                 "Fictional: said \"emotionally abusive\", then "
                 "could not say what it meant.");
    w.driver->tap("conflict.judgement.medium");
    w.tapAndType("conflict.signer", "Sam Demo-Practitioner");
    w.sign("conflict.signature_pad");
    w.driver->tap("conflict.sign");
    w.driver->frames(2);
    REQUIRE_MESSAGE(screen.isSigned, screen.error);
    CHECK(w.driver->has("conflict.signed"));
    CHECK_FALSE(w.driver->has("conflict.sign"));
    CHECK_FALSE(w.driver->has("conflict.text.conclusion"));

    const std::string analysisId = screen.recordId;
    auto stored = w.store().recordById(analysisId);
    REQUIRE(stored);
    CHECK((stored->status == storage::RecordStatus::Signed));
    CHECK(stored->parentId == visitId);
    CHECK(stored->signedBy == "Sam Demo-Practitioner");
    ConflictAnalysis back;
    std::string error;
    REQUIRE_MESSAGE(analysisFromJson(stored->payload, back, error), error);
    CHECK(back == screen.analysis);
    CHECK(back.section(ConflictSection::Resolution).notApplicable);
    CHECK(back.section(ConflictSection::DomesticAbuse).notApplicable);
    CHECK(back.section(ConflictSection::Frequency).citations ==
          std::vector<Citation>{{activity.id, "how_often"}});
    CHECK(back.section(ConflictSection::Protective).citations ==
          std::vector<Citation>{{activity.id, "who_helps"}});
    CHECK(back.indicator(ConflictIndicator::RehearsedLanguage).applies);
    CHECK((back.harmJudgement == HarmJudgement::Medium));
    CHECK_FALSE(back.signatureStrokes.empty());
    CHECK(back.guidanceVersion == kConflictGuidanceVersion);
    // The child's words are cited, not copied: they live only in the child's activity record.
    CHECK(stored->payload.dump().find("Biscuit") == std::string::npos);

    // An addendum through the app; the signed analysis stays as it was.
    const nlohmann::json signedPayload = stored->payload;
    w.driver->tap("conflict.add_addendum");
    REQUIRE((w.app->screen() == ui::ScreenId::Addendum));
    w.tapAndType("addendum.text", "Fictional: the school confirmed the child's account of the mornings.");
    w.tapAndType("addendum.reason", "Heard from the school after signing.");
    w.driver->tap("addendum.save");
    REQUIRE((w.app->screen() == ui::ScreenId::ConflictAnalysis)); // back to the analysis it belongs to
    CHECK(w.driver->has("record.addendum"));
    CHECK(w.store().recordById(analysisId)->payload == signedPayload);
    auto addendum =
        findKind(w.store().recordsForChild("child-demo-1"), storage::kinds::kAddendum, analysisId);
    REQUIRE(addendum);
    CHECK((addendum->status == storage::RecordStatus::Signed));
    CHECK(w.store().verifyCase(activity.caseId).ok);

    // Back goes to the visit still being written, which the analysis did not change.
    w.driver->tap("nav.back");
    CHECK((w.app->screen() == ui::ScreenId::Visit));
    CHECK(w.app->editors().visit.draft.recordId == visitId);
}

TEST_CASE(
    "signing the visit signs the child's activity with it, never the practitioner's unfinished analysis") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    const std::string visitId = startVisit(w);
    const storage::Record activity = childDoesTheActivity(w, visitId);
    w.driver->tap("visit.conflict_analysis");
    w.tapAndType("conflict.text.happening_now", "Fictional: a half-written analysis.");
    w.driver->tap("nav.back"); // leaving saves the draft at once
    REQUIRE((w.app->screen() == ui::ScreenId::Visit));
    auto analysis = findKind(w.store().recordsForChild("child-demo-1"), kConflictAnalysisKind, visitId);
    REQUIRE(analysis);

    for (const auto& spec : model::visitWriteUpFields())
        w.tapAndType(std::string("visit.") + spec.key, "Fictional write-up.");
    w.tapAndType("visit.signature_name", "Sam Demo-Practitioner");
    w.sign("visit.signature_pad");
    w.driver->tap("visit.sign");
    REQUIRE((w.app->screen() == ui::ScreenId::Record));
    CHECK((w.store().recordById(visitId)->status == storage::RecordStatus::Signed));
    CHECK((w.store().recordById(activity.id)->status == storage::RecordStatus::Signed));
    CHECK((w.store().recordById(analysis->id)->status == storage::RecordStatus::Draft));

    // After the visit is signed, the analysis is finished from the visit's record, in Welsh.
    i18n::setLanguage("cy");
    w.driver->tap("record.conflict_analysis");
    REQUIRE((w.app->screen() == ui::ScreenId::ConflictAnalysis));
    CHECK(w.app->editors().conflict.screen.recordId == analysis->id);
    CHECK(w.app->editors().conflict.screen.analysis.section(ConflictSection::HappeningNow).text ==
          "Fictional: a half-written analysis.");
    CHECK(w.driver->has("conflict.text.conclusion"));
    CHECK(std::string(_("Impact of parental conflict: analysis")) != "Impact of parental conflict: analysis");
    i18n::setLanguage("en");

    // Back leads to the signed visit it belongs to; from the child's page the draft opens again.
    w.driver->tap("nav.back");
    CHECK((w.app->screen() == ui::ScreenId::Record));
    CHECK(w.app->recordId() == visitId);
    w.driver->tap("nav.back");
    REQUIRE((w.app->screen() == ui::ScreenId::Child));
    w.driver->tap("child.record.conflict_analysis");
    REQUIRE((w.app->screen() == ui::ScreenId::ConflictAnalysis));
    CHECK(w.app->editors().conflict.screen.recordId == analysis->id);
}
