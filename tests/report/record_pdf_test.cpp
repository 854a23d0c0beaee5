// The reports of one signed record (issue 16, item 3; gaps16): the visit record with its
// activities and the conflict analysis with the answers it cites, read through their text
// (pdftotext) and their pixels (the faces and scales in the colours the child saw), written to
// build/tests/report/ for a person to look at. Also: the app's report view shows the stored PDF
// bytes (poppler), and the one shared test of "the child gave this answer".
#include "tests/report/pdf_text.h"
#include "tests/report/report_world.h"

#include "app/model/visit.h"
#include "app/report/pdf_pages.h"
#include "app/report/report_store.h"
#include "app/tools/framework/model/activity_pictures.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/tools/parental_conflict/model/conflict_analysis.h"
#include "storage/record_kinds.h"

#include <doctest/doctest.h>

#include <cstdlib>

using namespace heard;
using test::pdfText;
using test::squeeze;

namespace {

const char* kInterpretation = "PRACTITIONER-READING: she looked relieved when we talked about weekends";
const char* kFaceWords = "because nobody shouts at Granny Fern's";
const char* kWhatYouDo = "I go upstairs and put my headphones on";

const tools::ActivityContent& content(test::ReportWorld& world, const char* id) {
    const tools::ActivityContent* c = world.library.find(id);
    REQUIRE_MESSAGE(c, id);
    return *c;
}

std::string labelOfFace(const tools::ActivityContent& c, const std::string& id) {
    for (const tools::FaceOption& f : c.faces)
        if (f.id == id) return f.label;
    FAIL("no face " << id);
    return {};
}

// A fully written, signed visit of the main child on 2026-11-03 (no activities yet).
storage::Record writtenVisit(test::ReportWorld& world) {
    model::Visit v;
    v.where = "The family centre, the small room with the beanbags";
    v.present = "The child; the practitioner";
    v.purpose = "Wishes and feelings before the hearing";
    v.confidentialityExplained = true;
    v.confidentialityExplainedAt = "2026-11-03T10:02:00Z";
    v.startedAt = "2026-11-03T10:00:00Z";
    for (const model::FieldSpec& f : model::visitWriteUpFields())
        v.writeUp[f.key] = std::string("WRITEUP-") + f.key + " fictional practitioner's words.";
    v.signatureName = test::kAuthor;
    return world.addSigned(storage::kinds::kVisit, model::toJson(v), "");
}

// Whether any pixel of the page is within 6 of the colour in every channel.
bool hasColour(const std::vector<unsigned char>& pixels, int stride, int height, int width, tools::Rgba c) {
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const unsigned char* p = &pixels[size_t(y) * size_t(stride) + size_t(x) * 4];
            // cairo ARGB32, native-endian: bytes B, G, R, A on this machine.
            if (std::abs(p[2] - c.r) <= 6 && std::abs(p[1] - c.g) <= 6 && std::abs(p[0] - c.b) <= 6)
                return true;
        }
    return false;
}

bool anyPageHasColour(const std::vector<unsigned char>& pdf, tools::Rgba c) {
    int pages = 0;
    std::string error;
    REQUIRE_MESSAGE(report::pdfPageCount(pdf, pages, error), error);
    for (int page = 0; page < pages; ++page) {
        int height = 0, stride = 0;
        std::vector<unsigned char> pixels;
        REQUIRE_MESSAGE(report::pdfPagePixels(pdf, page, 600, height, stride, pixels, error), error);
        if (hasColour(pixels, stride, height, 600, c)) return true;
    }
    return false;
}

} // namespace

TEST_CASE("the visit record PDF holds the whole record, the child's words apart from the practitioner's, "
          "the faces and scales as the child saw them, and no answer that was not given") {
    test::ReportWorld world(1);
    const storage::Record visit = writtenVisit(world);

    const tools::ActivityContent& faces = content(world, "feelings_faces");
    tools::ActivityResult f = tools::newResult(faces, "en");
    REQUIRE(f.answers.size() >= 3);
    f.answers[0].status = tools::AnswerStatus::Answered; // at home: sad, very
    f.answers[0].faceId = "sad";
    f.answers[0].strength = 3;
    f.answers[1].status = tools::AnswerStatus::Skipped; // at school: skipped
    f.interpretation = kInterpretation;
    world.addActivity(visit.id, f);

    const tools::ActivityContent& scaling = content(world, "scaling");
    tools::ActivityResult s = tools::newResult(scaling, "en");
    s.answers[0].status = tools::AnswerStatus::Answered;
    s.answers[0].scale = 7;
    world.addActivity(visit.id, s);

    const tools::ActivityContent& drawing = content(world, "drawing");
    tools::ActivityResult d = tools::newResult(drawing, "en");
    d.answers[0].status = tools::AnswerStatus::Answered;
    tools::Stroke stroke;
    stroke.points = {0.1f, 0.1f, 0.5f, 0.6f, 0.9f, 0.2f};
    stroke.colour = 0xff2020d0; // 0xAABBGGRR: a red
    stroke.width = 0.03f;
    d.answers[0].strokes = {stroke};
    world.addActivity(visit.id, d);

    const tools::ActivityContent& wishes = content(world, "three_wishes");
    tools::ActivityResult w = tools::newResult(wishes, "en");
    w.answers[0].status = tools::AnswerStatus::Answered;
    w.answers[0].words = kFaceWords;
    world.addActivity(visit.id, w);

    const report::CaseFile file = world.caseFile();
    storage::Record made;
    std::string error;
    REQUIRE_MESSAGE(
        report::makeReport(*world.store, file, visit, report::kVisitReport, test::kAuthor, made, error),
        error);
    std::vector<unsigned char> pdf;
    REQUIRE(report::reportBytes(made, pdf, error));
    const std::string text = squeeze(pdfText(pdf, "visit_record"));
    INFO(text);

    // Everything SF 2.47 asks of the record, with the practitioner's words.
    for (const model::FieldSpec& field : model::visitStartFields())
        CHECK_MESSAGE(text.find(field.label) != std::string::npos, field.label);
    for (const model::FieldSpec& field : model::visitWriteUpFields()) {
        CHECK_MESSAGE(text.find(field.label) != std::string::npos, field.label);
        CHECK(text.find(std::string("WRITEUP-") + field.key) != std::string::npos);
    }
    CHECK(text.find("The family centre, the small room with the beanbags") != std::string::npos);
    CHECK(text.find("Explained to the child") != std::string::npos);
    CHECK(text.find("03 Nov 2026") != std::string::npos);
    CHECK(text.find("Signed by") != std::string::npos);
    CHECK(text.find(test::kReportCaseRef) != std::string::npos);

    // The child's words: a quotation, marked as theirs; the practitioner's never in quotation marks.
    CHECK(text.find(std::string("\u201c") + kFaceWords + "\u201d") != std::string::npos);
    CHECK(text.find("the child's own words, exactly as given") != std::string::npos);
    CHECK(text.find("\u201cWRITEUP-") == std::string::npos);
    const size_t interpretation = text.find(kInterpretation);
    REQUIRE(interpretation != std::string::npos);
    CHECK(text.find("\u201c" + std::string(kInterpretation)) == std::string::npos);
    CHECK(text.rfind("The practitioner's interpretation (not the child's words)", interpretation) !=
          std::string::npos);

    // The face chosen and its strength, the scale's value, each under its question.
    CHECK(text.find(faces.steps[0].prompt) != std::string::npos);
    CHECK(text.find(labelOfFace(faces, "sad") + " (Very)") != std::string::npos);
    CHECK(text.find(scaling.steps[0].prompt) != std::string::npos);
    CHECK(text.find("7 out of 10") != std::string::npos);
    // No answer that was not given: the skipped question is named as skipped, the questions never
    // reached are not there at all.
    CHECK(text.find("The child chose to skip: " + faces.steps[1].prompt) != std::string::npos);
    for (size_t i = 2; i < faces.steps.size(); ++i)
        CHECK_MESSAGE(text.find(faces.steps[i].prompt) == std::string::npos, faces.steps[i].prompt);
    for (size_t i = 1; i < scaling.steps.size(); ++i)
        CHECK_MESSAGE(text.find(scaling.steps[i].prompt) == std::string::npos, scaling.steps[i].prompt);
    CHECK(text.find(wishes.steps[1].prompt) == std::string::npos); // wish 2: not reached
    // The drawing is shown, not described as a choice.
    CHECK(text.find(drawing.steps[0].prompt) != std::string::npos);
    CHECK(text.find("(a drawing)") == std::string::npos);

    // Drawn as the child saw them: the sad face's colour, the scale's seventh step, the red pen.
    CHECK(anyPageHasColour(pdf, tools::faceRgba(tools::Expression::Sad)));
    CHECK(anyPageHasColour(pdf, tools::scaleStepRgba(scaling.steps[0].tone, 7)));
    CHECK(anyPageHasColour(pdf, tools::Rgba{0xd0, 0x20, 0x20, 255}));
    // A face the child did not choose is not drawn.
    CHECK_FALSE(anyPageHasColour(pdf, tools::faceRgba(tools::Expression::Angry)));
    CHECK(text.find("Hidden Orchard") == std::string::npos);
}

TEST_CASE("the conflict analysis PDF quotes the child's answers it cites, with their dates, and only those") {
    test::ReportWorld world(1);
    const storage::Record visit = writtenVisit(world);
    const tools::ActivityContent& conflict = content(world, "parental_conflict");
    tools::ActivityResult r = tools::newResult(conflict, "en");
    tools::Answer* words = r.answerFor("what_you_do");
    REQUIRE(words);
    words->status = tools::AnswerStatus::Answered;
    words->words = kWhatYouDo;
    tools::Answer* often = r.answerFor("how_often");
    REQUIRE(often);
    often->status = tools::AnswerStatus::Answered;
    often->scale = 8;
    const std::string activityId = world.addActivity(visit.id, r);

    tools::ConflictAnalysis a;
    a.visitId = visit.id;
    for (tools::ConflictSection s : tools::conflictSections())
        a.section(s).text = std::string("ANALYSIS-") + tools::sectionId(s);
    a.cite(tools::ConflictSection::Exposure, {activityId, "what_you_do"});
    a.cite(tools::ConflictSection::Frequency, {activityId, "how_often"});
    a.indicator(tools::ConflictIndicator::AnxietyAroundContact) = {true, "INDICATOR-NOTE fictional"};
    a.harmJudgement = tools::HarmJudgement::Medium;
    a.signatureName = test::kAuthor;
    const storage::Record signedAnalysis =
        world.addSigned(storage::kinds::kConflictAnalysis, tools::analysisToJson(a), visit.id);

    storage::Record made;
    std::string error;
    REQUIRE_MESSAGE(report::makeReport(*world.store, world.caseFile(), signedAnalysis,
                                       report::kConflictAnalysisReport, test::kAuthor, made, error),
                    error);
    std::vector<unsigned char> pdf;
    REQUIRE(report::reportBytes(made, pdf, error));
    const std::string text = squeeze(pdfText(pdf, "conflict_analysis"));
    INFO(text);
    for (tools::ConflictSection s : tools::conflictSections()) {
        CHECK_MESSAGE(text.find(tools::sectionTitle(s)) != std::string::npos, tools::sectionTitle(s));
        CHECK(text.find(std::string("ANALYSIS-") + tools::sectionId(s)) != std::string::npos);
    }
    // The cited answers, quoted with the visit's date and the question, marked as the child's.
    CHECK(text.find(std::string("\u201c") + kWhatYouDo + "\u201d") != std::string::npos);
    CHECK(text.find("03 Nov 2026, " + conflict.title + ": " + conflict.findStep("what_you_do")->prompt) !=
          std::string::npos);
    CHECK(text.find("8 out of 10") != std::string::npos);
    CHECK(text.find("INDICATOR-NOTE fictional") != std::string::npos);
    CHECK(text.find(tools::harmJudgementLabel(tools::HarmJudgement::Medium)) != std::string::npos);
    // Questions the child did not answer are not quoted.
    const tools::Step* unanswered = conflict.findStep("carry_messages");
    REQUIRE(unanswered);
    CHECK(text.find(unanswered->prompt) == std::string::npos);
    CHECK(text.find("Hidden Orchard") == std::string::npos);
}

TEST_CASE("a stored report's pages are drawn from its stored bytes; damaged bytes are a clear error") {
    test::ReportWorld world(2);
    const storage::Record analysis = world.saveAndSign(world.completeAnalysis());
    storage::Record made;
    std::string error;
    REQUIRE(report::makeReport(*world.store, world.caseFile(), analysis, report::kChildImpactReport,
                               test::kAuthor, made, error));
    std::vector<unsigned char> pdf;
    REQUIRE(report::reportBytes(made, pdf, error));
    int pages = 0;
    REQUIRE_MESSAGE(report::pdfPageCount(pdf, pages, error), error);
    CHECK(pages == made.payload["pages"].get<int>());
    int height = 0, stride = 0;
    std::vector<unsigned char> pixels;
    REQUIRE(report::pdfPagePixels(pdf, 0, 600, height, stride, pixels, error));
    CHECK(height == 849); // A4: 600 * 841.89 / 595.276, rounded up
    CHECK_FALSE(report::pdfPagePixels(pdf, pages, 600, height, stride, pixels, error));
    CHECK(error.find("no page") != std::string::npos);

    std::vector<unsigned char> damaged(pdf.begin(), pdf.begin() + long(pdf.size() / 3));
    CHECK_FALSE(report::pdfPageCount(damaged, pages, error));
    CHECK(error.find("cannot be read") != std::string::npos);
    CHECK_FALSE(report::pdfPageCount({}, pages, error));

    // A report whose bytes do not match their hash is never shown.
    storage::Record tampered = made;
    tampered.payload["blake2b"] = std::string(64, '0');
    CHECK_FALSE(report::reportBytes(tampered, pdf, error));
    CHECK(error.find("do not match") != std::string::npos);
}

TEST_CASE("one test of 'the child gave this answer' for every analysis that cites the child") {
    test::ReportWorld world(1);
    const tools::ActivityContent& conflict = content(world, "parental_conflict");
    tools::ActivityResult r = tools::newResult(conflict, "en");
    r.answerFor("what_you_do")->status = tools::AnswerStatus::Answered;
    r.answerFor("what_you_do")->words = kWhatYouDo;
    r.answerFor("how_often")->status = tools::AnswerStatus::Answered; // answered, but nothing in it
    r.answerFor("how_big")->status = tools::AnswerStatus::Skipped;
    r.answerFor("how_big")->scale = 3; // skipped: whatever is left in it is not an answer
    CHECK(r.givenAnswer("what_you_do") != nullptr);
    CHECK(r.givenAnswer("how_often") == nullptr);
    CHECK(r.givenAnswer("how_big") == nullptr);
    CHECK(r.givenAnswer("carry_messages") == nullptr); // not reached
    CHECK(r.givenAnswer("no_such_step") == nullptr);

    // The conflict analysis and the child impact analysis agree on every step, through it.
    const std::string visitId = world.visitIds.front();
    const std::string activityId = world.addActivity(visitId, r);
    const model::EvidenceIndex index = report::evidenceIndex(world.caseFile());
    for (const tools::Step& step : conflict.steps) {
        const bool conflictSays = tools::citationIsEvidence({activityId, step.id}, activityId, r);
        const bool impactSays = index.childWords.count(model::ImpactCitation{activityId, step.id}.key()) > 0;
        CHECK_MESSAGE(conflictSays == (r.givenAnswer(step.id) != nullptr), step.id);
        CHECK_MESSAGE(impactSays == conflictSays, step.id);
    }
}
