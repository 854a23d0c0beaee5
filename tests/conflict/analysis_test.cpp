// The practitioner's analysis model: JSON round trip (and format 1 still read), malformed payloads
// refused with the field named, what must be done before signing, citations kept once, only real
// answers as evidence, indicators never counted.
#include "app/tools/parental_conflict/model/conflict_analysis.h"

#include <doctest/doctest.h>

using namespace heard::tools;

namespace {

ConflictAnalysis completeAnalysis() {
    ConflictAnalysis a;
    a.visitId = "visit-fictional-1";
    for (ConflictSection s : conflictSections())
        a.section(s).text = std::string("Notes on ") + sectionId(s);
    a.section(ConflictSection::Resolution).text.clear();
    a.section(ConflictSection::Resolution).notApplicable = true;
    a.section(ConflictSection::CoachingPressure).text =
        "Used the phrase \"parental alienation\", not a child's words.";
    a.cite(ConflictSection::Frequency, {"activity-1", "how_often"});
    a.cite(ConflictSection::Involvement, {"activity-1", "carry_messages"});
    a.cite(ConflictSection::Involvement, {"activity-1", "blamed"});
    a.cite(ConflictSection::Protective, {"activity-1", "how_often"});
    a.indicator(ConflictIndicator::RehearsedLanguage) = {true,
                                                         "Used \"manipulative\", an adult's word, twice."};
    a.harmJudgement = HarmJudgement::Medium;
    a.signatureName = "Sam Demo-Practitioner";
    a.signatureStrokes = {{0.1f, 0.5f, 0.4f, 0.2f, 0.8f, 0.6f}};
    return a;
}

std::vector<std::string> subjects(const std::vector<AnalysisProblem>& problems) {
    std::vector<std::string> out;
    for (const AnalysisProblem& p : problems)
        out.push_back(p.subject);
    return out;
}

ActivityResult childResult() {
    ActivityResult r;
    r.type = "parental_conflict";
    r.contentId = "parental_conflict";
    r.contentVersion = 1;
    Answer often;
    often.stepId = "how_often";
    often.status = AnswerStatus::Answered;
    often.scale = 7;
    Answer blamed;
    blamed.stepId = "blamed";
    blamed.status = AnswerStatus::Skipped;
    Answer helps;
    helps.stepId = "who_helps";
    helps.status = AnswerStatus::NotReached;
    r.answers = {often, blamed, helps};
    return r;
}

} // namespace

TEST_CASE("every section has a distinct id, a title and a hint, and ids read back") {
    // The analysis starts with what is happening for the child and domestic abuse, and ends with
    // the conclusion and next steps.
    CHECK((conflictSections().front() == ConflictSection::HappeningNow));
    CHECK((conflictSections()[1] == ConflictSection::DomesticAbuse));
    CHECK((conflictSections().back() == ConflictSection::NextSteps));
    CHECK(sectionNoneLabel(ConflictSection::HappeningNow) == nullptr);
    CHECK(sectionNoneLabel(ConflictSection::Conclusion) == nullptr);
    CHECK(sectionNoneLabel(ConflictSection::NextSteps) == nullptr);
    CHECK(std::string(sectionNoneLabel(ConflictSection::DomesticAbuse)).find("domestic abuse") !=
          std::string::npos);
    std::vector<std::string> seen;
    for (ConflictSection s : conflictSections()) {
        const std::string id = sectionId(s);
        CHECK(std::find(seen.begin(), seen.end(), id) == seen.end());
        seen.push_back(id);
        CHECK(std::string(sectionTitle(s)).size() > 3);
        CHECK(std::string(sectionHint(s)).size() > 10);
        ConflictSection back = ConflictSection::Frequency;
        REQUIRE(sectionFromId(id, back));
        CHECK(back == s);
    }
    ConflictSection unused;
    CHECK_FALSE(sectionFromId("score", unused));
}

TEST_CASE("indicators and judgements have distinct ids that read back, and no score anywhere") {
    std::vector<std::string> seen;
    for (ConflictIndicator i : conflictIndicators()) {
        const std::string id = indicatorId(i);
        CHECK(std::find(seen.begin(), seen.end(), id) == seen.end());
        seen.push_back(id);
        CHECK(std::string(indicatorTitle(i)).size() > 10);
        ConflictIndicator back = ConflictIndicator::FitsAge;
        REQUIRE(indicatorFromId(id, back));
        CHECK((back == i));
    }
    CHECK(seen.size() == kConflictIndicatorCount);
    for (HarmJudgement j : {HarmJudgement::NotChosen, HarmJudgement::Low, HarmJudgement::Medium,
                            HarmJudgement::High, HarmJudgement::CannotSayYet}) {
        HarmJudgement back = HarmJudgement::High;
        REQUIRE(harmJudgementFromId(harmJudgementId(j), back));
        CHECK((back == j));
    }
    HarmJudgement unused;
    CHECK_FALSE(harmJudgementFromId("7", unused));
    const std::string payload = analysisToJson(ConflictAnalysis{}).dump();
    CHECK(payload.find("score") == std::string::npos);
    CHECK(payload.find("total") == std::string::npos);
}

TEST_CASE("JSON round trip keeps every section, flag and citation") {
    const ConflictAnalysis a = completeAnalysis();
    const nlohmann::json payload = analysisToJson(a);
    CHECK(payload["sections"]["involvement"]["citations"].size() == 2);
    CHECK(payload["sections"]["resolution"]["notApplicable"] == true);
    ConflictAnalysis back;
    std::string error;
    REQUIRE_MESSAGE(analysisFromJson(nlohmann::json::parse(payload.dump()), back, error), error);
    CHECK(back == a);
    CHECK(back.section(ConflictSection::CoachingPressure).text ==
          a.section(ConflictSection::CoachingPressure).text);
    CHECK(back.section(ConflictSection::Involvement).citations[1] == Citation{"activity-1", "blamed"});
    CHECK(back.indicator(ConflictIndicator::RehearsedLanguage).applies);
    CHECK(back.indicator(ConflictIndicator::RehearsedLanguage).note ==
          "Used \"manipulative\", an adult's word, twice.");
    CHECK_FALSE(back.indicator(ConflictIndicator::FitsAge).applies);
    CHECK((back.harmJudgement == HarmJudgement::Medium));
    CHECK(back.signatureStrokes == a.signatureStrokes);
    CHECK(payload["format"] == 2);
    CHECK(payload["guidanceVersion"] == kConflictGuidanceVersion);
    CHECK(analysisToJson(back) == payload);
}

TEST_CASE("a format 1 record, made before indicators and signatures, still reads") {
    const nlohmann::json old = {{"format", 1},
                                {"visitId", "visit-fictional-1"},
                                {"sections",
                                 {{"frequency",
                                   {{"text", "Weekly, by the child's account."},
                                    {"notApplicable", false},
                                    {"citations", {{{"record", "activity-1"}, {"step", "how_often"}}}}}},
                                  {"conclusion", {{"text", "Fictional conclusion."}}}}}};
    ConflictAnalysis back;
    std::string error;
    REQUIRE_MESSAGE(analysisFromJson(old, back, error), error);
    CHECK(back.guidanceVersion == 1);
    CHECK(back.section(ConflictSection::Frequency).citations.size() == 1);
    CHECK(back.section(ConflictSection::Conclusion).text == "Fictional conclusion.");
    CHECK((back.harmJudgement == HarmJudgement::NotChosen));
    CHECK(back.signatureStrokes.empty());
}

TEST_CASE("malformed payloads are refused with the field named, and the output is untouched") {
    ConflictAnalysis out = completeAnalysis();
    const ConflictAnalysis before = out;
    std::string error;
    auto refuses = [&](nlohmann::json payload, const std::string& field) {
        error.clear();
        CHECK_FALSE(analysisFromJson(payload, out, error));
        CHECK_MESSAGE(error.find(field) != std::string::npos, error);
        CHECK(out == before);
    };
    const nlohmann::json good = analysisToJson(completeAnalysis());
    refuses(nlohmann::json::array(), "object");
    nlohmann::json p = good;
    p["format"] = 3;
    refuses(p, "/format");
    p = good;
    p["guidanceVersion"] = "one";
    refuses(p, "/guidanceVersion");
    p = good;
    p.erase("visitId");
    refuses(p, "/visitId");
    p = good;
    p["sections"]["score"] = {{"text", "7/10"}};
    refuses(p, "/sections/score");
    p = good;
    p["sections"]["effects"]["text"] = 3;
    refuses(p, "/sections/effects/text");
    p = good;
    p["sections"]["effects"]["notApplicable"] = "yes";
    refuses(p, "/sections/effects/notApplicable");
    p = good;
    p["sections"]["involvement"]["citations"][1] = {{"record", "activity-1"}};
    refuses(p, "/sections/involvement/citations/1");
    p = good;
    p["indicators"]["tally"] = {{"applies", true}};
    refuses(p, "/indicators/tally");
    p = good;
    p["indicators"]["fits_age"]["applies"] = 1;
    refuses(p, "/indicators/fits_age/applies");
    p = good;
    p["indicators"]["fits_age"]["note"] = nullptr;
    refuses(p, "/indicators/fits_age/note");
    p = good;
    p["harmJudgement"] = "7 out of 10";
    refuses(p, "/harmJudgement");
    p = good;
    p["signature_name"] = 12;
    refuses(p, "/signature_name");
    p = good;
    p["signature_strokes"] = {{0.1, "x"}};
    refuses(p, "/signature_strokes/0");
    p = good;
    p["signature_strokes"] = {{0.1, 0.2, 0.3}};
    refuses(p, "/signature_strokes/0");
}

TEST_CASE("before signing: every section written or ticked; the start, conclusion and next steps written") {
    ConflictAnalysis a = completeAnalysis();
    ActivityResult child = childResult();
    child.answers[1].status = AnswerStatus::Answered; // "blamed" answered for this case
    child.answers[1].choiceId = "sometimes";
    auto problemsOf = [&](const ConflictAnalysis& x) { return x.problemsBeforeSigning("activity-1", child); };
    REQUIRE(problemsOf(a).size() == 1); // carry_messages was never answered: not evidence
    CHECK(std::string(problemsOf(a)[0].subject) == sectionTitle(ConflictSection::Involvement));
    CHECK(std::string(problemsOf(a)[0].need).find("did not give") != std::string::npos);
    a.uncite(ConflictSection::Involvement, {"activity-1", "carry_messages"});
    CHECK(problemsOf(a).empty());

    a.section(ConflictSection::Effects).text = "   ";
    auto problems = problemsOf(a);
    REQUIRE(problems.size() == 1);
    CHECK(std::string(problems[0].subject) == sectionTitle(ConflictSection::Effects));
    a.section(ConflictSection::Effects).notApplicable = true;
    CHECK(problemsOf(a).empty());

    // Domestic abuse is considered first: blank and unticked blocks signing; ticked "no indication" does not.
    a.section(ConflictSection::DomesticAbuse).text.clear();
    CHECK(subjects(problemsOf(a)) == std::vector<std::string>{sectionTitle(ConflictSection::DomesticAbuse)});
    a.section(ConflictSection::DomesticAbuse).notApplicable = true;
    CHECK(problemsOf(a).empty());

    // When the child's answers flagged a safety concern, "no indication" is not enough.
    child.unsafeDisclosed = true;
    problems = problemsOf(a);
    REQUIRE(problems.size() == 1);
    CHECK(std::string(problems[0].subject) == sectionTitle(ConflictSection::DomesticAbuse));
    CHECK(std::string(problems[0].need).find("safety concern") != std::string::npos);
    a.section(ConflictSection::DomesticAbuse).text =
        "Fictional: the child saw pushing once; discussed with manager.";
    CHECK(problemsOf(a).empty());
    child.unsafeDisclosed = false;

    // The start and the conclusion can never be "not applicable".
    for (ConflictSection s : {ConflictSection::HappeningNow, ConflictSection::Conclusion}) {
        ConflictAnalysis b = a;
        b.section(s).text.clear();
        b.section(s).notApplicable = true;
        problems = problemsOf(b);
        REQUIRE(problems.size() == 1);
        CHECK(std::string(problems[0].subject) == sectionTitle(s));
        CHECK(std::string(problems[0].need) == "must be written");
    }

    // An indicator marked as applying needs the practitioner's note.
    a.indicator(ConflictIndicator::AnxietyAroundContact).applies = true;
    CHECK(subjects(problemsOf(a)) ==
          std::vector<std::string>{indicatorTitle(ConflictIndicator::AnxietyAroundContact)});
    a.indicator(ConflictIndicator::AnxietyAroundContact).note =
        "Fictional: asked twice when the visit would end.";
    CHECK(problemsOf(a).empty());

    // A judgement, a typed name and a finger signature.
    a.harmJudgement = HarmJudgement::NotChosen;
    a.signatureName = " ";
    a.signatureStrokes.clear();
    CHECK(subjects(problemsOf(a)) == std::vector<std::string>{"Your judgement of harmful conflict",
                                                              "Your name, typed", "Your signature"});

    ConflictAnalysis empty;
    // no visit, the 12 sections, the judgement, the name and the signature
    CHECK(empty.problemsBeforeSigning("", ActivityResult{}).size() == 1 + kConflictSectionCount + 3);
}

TEST_CASE("a citation is kept once and can be withdrawn") {
    ConflictAnalysis a;
    CHECK(a.cite(ConflictSection::Exposure, {"activity-1", "see_hear"}));
    CHECK_FALSE(a.cite(ConflictSection::Exposure, {"activity-1", "see_hear"}));
    CHECK(a.cite(ConflictSection::Effects, {"activity-1", "see_hear"})); // another section may cite it too
    CHECK(a.section(ConflictSection::Exposure).citations.size() == 1);
    CHECK(a.uncite(ConflictSection::Exposure, {"activity-1", "see_hear"}));
    CHECK_FALSE(a.uncite(ConflictSection::Exposure, {"activity-1", "see_hear"}));
    CHECK(a.section(ConflictSection::Exposure).citations.empty());
    CHECK(a.section(ConflictSection::Effects).citations.size() == 1);
}

TEST_CASE("only an answer the child gave is evidence") {
    const ActivityResult r = childResult();
    CHECK(citationIsEvidence({"activity-1", "how_often"}, "activity-1", r));
    CHECK_FALSE(citationIsEvidence({"activity-1", "blamed"}, "activity-1", r));    // skipped
    CHECK_FALSE(citationIsEvidence({"activity-1", "who_helps"}, "activity-1", r)); // not reached
    CHECK_FALSE(citationIsEvidence({"activity-1", "no_such_step"}, "activity-1", r));
    CHECK_FALSE(citationIsEvidence({"activity-2", "how_often"}, "activity-1", r)); // another record
}
