// The practitioner's analysis model: JSON round trip, malformed payloads refused with the field
// named, what must be done before signing, citations kept once, and only real answers as evidence.
#include "app/tools/parental_conflict/model/conflict_analysis.h"

#include <doctest/doctest.h>

using namespace heard::tools;

namespace {

ConflictAnalysis completeAnalysis() {
    ConflictAnalysis a;
    a.visitId = "visit-fictional-1";
    for (ConflictSection s : conflictSections()) a.section(s).text = std::string("Notes on ") + sectionId(s);
    a.section(ConflictSection::Resolution).text.clear();
    a.section(ConflictSection::Resolution).notApplicable = true;
    a.section(ConflictSection::CoachingPressure).text = "Used the phrase \"parental alienation\", not a child's words.";
    a.cite(ConflictSection::Frequency, {"activity-1", "how_often"});
    a.cite(ConflictSection::Involvement, {"activity-1", "carry_messages"});
    a.cite(ConflictSection::Involvement, {"activity-1", "blamed"});
    a.cite(ConflictSection::Protective, {"activity-1", "who_helps"});
    return a;
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

TEST_CASE("JSON round trip keeps every section, flag and citation") {
    const ConflictAnalysis a = completeAnalysis();
    const nlohmann::json payload = analysisToJson(a);
    CHECK(payload["sections"]["involvement"]["citations"].size() == 2);
    CHECK(payload["sections"]["resolution"]["notApplicable"] == true);
    ConflictAnalysis back;
    std::string error;
    REQUIRE_MESSAGE(analysisFromJson(nlohmann::json::parse(payload.dump()), back, error), error);
    CHECK(back == a);
    CHECK(back.section(ConflictSection::CoachingPressure).text == a.section(ConflictSection::CoachingPressure).text);
    CHECK(back.section(ConflictSection::Involvement).citations[1] == Citation{"activity-1", "blamed"});
    CHECK(analysisToJson(back) == payload);
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
    p["format"] = 2;
    refuses(p, "/format");
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
}

TEST_CASE("before signing: every section written or marked not applicable; conclusion and next steps written") {
    ConflictAnalysis a = completeAnalysis();
    CHECK(a.problemsBeforeSigning().empty());

    a.section(ConflictSection::Effects).text = "   ";
    auto problems = a.problemsBeforeSigning();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("effects") == 0);
    a.section(ConflictSection::Effects).notApplicable = true;
    CHECK(a.problemsBeforeSigning().empty());

    // A conclusion can never be "not applicable".
    a.section(ConflictSection::Conclusion).text.clear();
    a.section(ConflictSection::Conclusion).notApplicable = true;
    problems = a.problemsBeforeSigning();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("conclusion") == 0);

    ConflictAnalysis empty;
    CHECK(empty.problemsBeforeSigning().size() == kConflictSectionCount + 1); // + no visit
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
