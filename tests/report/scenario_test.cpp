// Through the real app by touch (issue 16): on the fictional demo store, a child with three
// signed visits (activities in the child's words), a skin map and a conflict analysis, and a
// confidential address planted in the child's details. The practitioner records what
// the court is deciding, writes the child impact analysis citing the child's words from two
// visits, is refused signing for an uncited conclusion and for no order left unevaluated (the
// reasons next to the sections), signs, makes the reports, and reads them page by page.
#include "../workflow/workflow_harness.h"
#include "tests/report/pdf_text.h"
#include "tests/report/report_world.h"

#include "app/model/child_impact.h"
#include "app/model/court_matter.h"
#include "app/model/demo_caseload.h"
#include "app/report/report_store.h"
#include "app/tools/parental_conflict/model/conflict_analysis.h"
#include "app/tools/skin_map/model/skin_map_demo.h"
#include "app/tools/skin_map/model/skin_map_json.h"
#include "platform/ui_tags.h"
#include "storage/record_kinds.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace heard;

namespace {

constexpr const char* kChild = "child-demo-1";
constexpr const char* kCase = "case-demo-1";

std::vector<storage::Record> ofKind(test::WorkflowApp& w, const char* kind) {
    std::vector<storage::Record> out;
    for (const auto& r : w.store().recordsForChild(kChild))
        if (r.kind == kind) out.push_back(r);
    return out;
}

bool visible(const std::string& tag) {
    for (const std::string& t : platform::TagRegistry::instance().visibleTags())
        if (t == tag) return true;
    return false;
}

} // namespace

TEST_CASE("by touch: what the court is deciding, an analysis citing two visits, refused twice, then signed, "
          "with its reports viewed page by page") {
    test::WorkflowApp w(0, 1280, 4200);
    w.unlockDemo();
    // A confidential address planted in the child's details: it must never reach a report.
    storage::Child planted = *w.store().childById(kChild);
    planted.details["address"] = test::kPlantedAddress;
    planted.details["addressConfidential"] = true;
    w.store().putChild(planted);
    std::vector<std::string> activities, visits;
    for (int i = 1; i <= 3; ++i) {
        std::string visitId;
        activities.push_back(test::addSignedVisit(w.store(), w.app->activityLibrary(), kCase, kChild,
                                                  "2026-10-0" + std::to_string(i), test::wishWords(i),
                                                  &visitId));
        visits.push_back(visitId);
    }
    // The second visit has a signed conflict analysis too.
    tools::ConflictAnalysis conflict;
    conflict.visitId = visits[1];
    for (tools::ConflictSection s : tools::conflictSections())
        conflict.section(s).text = std::string("Fictional: ") + tools::sectionId(s);
    conflict.cite(tools::ConflictSection::Effects, {activities[1], "wish_1"});
    conflict.harmJudgement = tools::HarmJudgement::Low;
    conflict.signatureName = test::kAuthor;
    storage::NewRecord ca;
    ca.caseId = kCase;
    ca.childId = kChild;
    ca.kind = storage::kinds::kConflictAnalysis;
    ca.author = test::kAuthor;
    ca.parentId = visits[1];
    ca.payload = tools::analysisToJson(conflict);
    const std::string conflictId = w.store().sign(w.store().createDraft(ca).id, test::kAuthor).id;
    skinmap::SkinMap map = skinmap::demoSkinMap();
    storage::NewRecord sm;
    sm.caseId = kCase;
    sm.childId = kChild;
    sm.kind = storage::kinds::kSkinMap;
    sm.author = test::kAuthor;
    sm.payload = skinmap::toJson(map);
    const std::string skinMapId = w.store().sign(w.store().createDraft(sm).id, test::kAuthor).id;

    w.driver->tap("caseload.child.child-demo-1");
    // What the court is deciding.
    w.driver->tap("child.court_matter");
    REQUIRE((w.app->screen() == ui::ScreenId::CourtMatter));
    w.tapAndType("court.application_type", "Child arrangements order");
    w.tapAndType("court.applicant", "The father (fictional)");
    w.tapAndType("court.new_question", "What does Poppy want about weekends?");
    w.driver->tap("court.add_question");
    w.tapAndType("court.new_party_name", "Dee Fernhollow");
    w.tapAndType("court.new_party_role", "Applicant");
    w.driver->tap("court.add_party");
    w.tapAndType("court.party.0.rel.child-demo-1", "father");
    w.driver->tap("nav.back");
    const auto stored = w.store().courtMatter(kCase);
    REQUIRE(stored);
    model::CourtMatter matter;
    std::string error;
    REQUIRE(model::courtMatterFromJson(*stored, matter, error));
    CHECK(matter.applicationType == "Child arrangements order");
    CHECK(matter.questions.size() == 1);
    REQUIRE(matter.parties.size() == 1);
    CHECK(matter.parties[0].relationships.at(kChild) == "father");

    // The analysis: the child's words from two visits in the wishes and feelings.
    w.driver->tap("child.child_impact");
    REQUIRE((w.app->screen() == ui::ScreenId::ChildImpact));
    for (const std::string& id : activities)
        CHECK(w.driver->has("impact.evidence." + id + "#wish_1"));
    CHECK(w.driver->has("impact.evidence." + skinMapId + "#"));
    w.driver->tap("impact.evidence." + activities[0] + "#wish_1");
    w.driver->tap("impact.cite.wishes_feelings");
    w.driver->tap("impact.evidence." + activities[1] + "#wish_1");
    w.driver->tap("impact.cite.wishes_feelings");
    for (model::ImpactSection s : model::impactSections())
        w.tapAndType(std::string("impact.text.") + model::impactSectionId(s),
                     std::string("Fictional: ") + model::impactSectionId(s));
    // Every checklist conclusion cites the skin map or a visit's words; the recommendation nothing yet.
    w.driver->tap("impact.evidence." + skinMapId + "#");
    for (model::ImpactSection s : model::impactSections())
        if (model::isChecklistSection(s))
            w.driver->tap(std::string("impact.cite.") + model::impactSectionId(s));
    w.tapAndType("impact.signer", "Sam Demo-Practitioner");
    w.driver->tap("impact.sign");
    // Refused: the recommendation cites nothing and no order is not evaluated, said next to each.
    const ui::ImpactEditor& editor = w.app->editors().impact;
    CHECK_FALSE(editor.isSigned);
    REQUIRE(editor.problems.count("recommendation"));
    CHECK(editor.problems.at("recommendation") == std::vector<std::string>{"cites no evidence"});
    REQUIRE(editor.problems.count("option.0"));
    CHECK(editor.problems.at("option.0") ==
          std::vector<std::string>{"no order must be evaluated for the child"});
    CHECK(w.driver->has("impact.problem.recommendation"));
    CHECK(w.driver->has("impact.problem.option.0"));
    CHECK((ofKind(w, storage::kinds::kChildImpact).at(0).status == storage::RecordStatus::Draft));

    // Cite the recommendation: still refused for no order.
    w.driver->tap("impact.evidence." + activities[1] + "#wish_1");
    w.driver->tap("impact.cite.recommendation");
    w.driver->tap("impact.sign");
    CHECK_FALSE(editor.isSigned);
    CHECK_FALSE(editor.problems.count("recommendation"));
    CHECK(editor.problems.count("option.0"));

    w.tapAndType("impact.option.0.evaluation", "Fictional: without an order the weekends stay uncertain.");
    w.driver->tap("impact.sign");
    REQUIRE(editor.isSigned);
    CHECK(editor.problems.empty());
    const storage::Record analysis = ofKind(w, storage::kinds::kChildImpact).at(0);
    CHECK((analysis.status == storage::RecordStatus::Signed));
    // Cited, not copied.
    CHECK(analysis.payload.dump().find(test::wishWords(1)) == std::string::npos);
    model::ChildImpactAnalysis stored2;
    REQUIRE(model::impactFromJson(analysis.payload, stored2, error));
    CHECK(stored2.part(model::ImpactSection::WishesFeelings).citations.size() == 2);
    // Signed is read-only: no text fields, an addendum instead.
    CHECK_FALSE(w.driver->has("impact.text.experiences"));
    CHECK(w.driver->has("impact.add_addendum"));
    CHECK_THROWS(w.store().saveDraft(analysis.id, model::impactToJson(stored2)));

    // Signing put what the court is deciding on file: a signed court_matter record of the case.
    int matters = 0;
    for (const auto& r : w.store().recordsForCase(kCase))
        if (r.kind == storage::kinds::kCourtMatter && r.status == storage::RecordStatus::Signed) ++matters;
    CHECK(matters == 1);

    // The reports: made, stored encrypted as signed records under the analysis, viewed page by page.
    w.driver->tap("impact.make_reports");
    const auto reports = ofKind(w, storage::kinds::kReport);
    REQUIRE(reports.size() == 2);
    // The court's PDF: the cited words with their dates, every checklist heading, no order, never
    // the planted address; its pages written to build/tests/report/ to look at.
    const auto courtReport = report::latestReport(reports, analysis.id, report::kChildImpactReport);
    REQUIRE(courtReport);
    std::vector<unsigned char> courtPdf;
    REQUIRE(report::reportBytes(*courtReport, courtPdf, error));
    {
        const std::string text = test::squeeze(test::pdfText(courtPdf, "scenario-child_impact"));
        INFO(text);
        CHECK(text.find(test::wishWords(1)) != std::string::npos);
        CHECK(text.find(test::wishWords(2)) != std::string::npos);
        CHECK(text.find("01 Oct 2026") != std::string::npos);
        CHECK(text.find("02 Oct 2026") != std::string::npos);
        for (model::ImpactSection s : model::impactSections())
            CHECK_MESSAGE(text.find(model::impactSectionTitle(s)) != std::string::npos,
                          model::impactSectionTitle(s));
        CHECK(text.find("No order") != std::string::npos);
        CHECK(text.find("Hidden Orchard") == std::string::npos);
        CHECK(text.find("Applebridge") ==
              std::string::npos); // the child: initials only (the party named above has another surname)
    }
    for (const auto& r : reports) {
        CHECK(r.parentId == analysis.id);
        CHECK((r.status == storage::RecordStatus::Signed));
        std::vector<unsigned char> pdf;
        CHECK_MESSAGE(report::reportBytes(r, pdf, error), error);
    }
    // What the court is deciding changes after signing: a new rendering would differ, but the
    // view shows the stored PDF, exactly as signed.
    {
        auto changed = *w.store().courtMatter(kCase);
        changed["applicationType"] = "CHANGED-AFTER-SIGNING";
        w.store().putCourtMatter(kCase, changed);
        report::Document fresh;
        REQUIRE(report::childImpactDocument(
            report::loadCaseFile(w.store(), kChild, &w.app->activityLibrary()), analysis, fresh, error));
        CHECK(test::pdfText(report::renderPdf(fresh).bytes, "scenario-rerendered")
                  .find("CHANGED-AFTER-SIGNING") != std::string::npos);
    }
    w.driver->tap("impact.view_report");
    REQUIRE((w.app->screen() == ui::ScreenId::Report));
    const ui::ReportViewer& viewer = w.app->editors().reportViewer;
    CHECK(viewer.reportId == courtReport->id);
    CHECK(viewer.pdf() == courtPdf);
    CHECK(test::pdfText(viewer.pdf(), "scenario-viewed").find("CHANGED-AFTER-SIGNING") == std::string::npos);
    CHECK(viewer.pages == courtReport->payload["pages"].get<int>());
    CHECK(viewer.pages >= 2);
    CHECK(viewer.texture != nullptr);
    CHECK(visible("report.page"));
    w.driver->tap("report.next");
    CHECK(viewer.page == 1);
    // Export needs the warning ticked first, then writes the stored bytes to the chosen path only.
    const std::string path = std::string(HEARD_TEST_BINARY_DIR) + "/exported-court-report.pdf";
    std::filesystem::remove(path);
    w.tapAndType("report.export_path", path);
    w.driver->tap("report.export");
    CHECK(viewer.exported.empty());
    CHECK_FALSE(std::filesystem::exists(path));
    w.driver->tap("report.export_confirm");
    w.driver->tap("report.export");
    CHECK(viewer.exported == path);
    REQUIRE(std::filesystem::exists(path));
    std::vector<unsigned char> storedPdf;
    for (const auto& r : reports)
        if (r.id == viewer.reportId) REQUIRE(report::reportBytes(r, storedPdf, error));
    std::ifstream in(path, std::ios::binary);
    const std::vector<unsigned char> written((std::istreambuf_iterator<char>(in)),
                                             std::istreambuf_iterator<char>());
    CHECK(written == storedPdf);
    bool audited = false;
    for (const auto& entry : w.store().auditLog())
        if (entry.action == "export" && entry.target == viewer.reportId) audited = true;
    CHECK(audited);
    // Nothing in the data folder holds the child's name in the clear (the store is encrypted).
    for (const auto& file : std::filesystem::recursive_directory_iterator(w.dataDir)) {
        if (!file.is_regular_file()) continue;
        std::ifstream f(file.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        CHECK_MESSAGE(bytes.find("Applebridge") == std::string::npos, file.path().string());
    }
    // The signed skin map makes its own report, shown at once.
    w.app->openRecord(skinMapId);
    REQUIRE((w.app->screen() == ui::ScreenId::SkinMap));
    w.driver->frames(2);
    w.driver->tap("skinmap.make_report");
    REQUIRE((w.app->screen() == ui::ScreenId::Report));
    CHECK(w.app->editors().reportViewer.pages >= 1);
    const auto mapReport =
        report::latestReport(w.store().recordsForChild(kChild), skinMapId, report::kSkinMapReport);
    REQUIRE(mapReport);
    CHECK(mapReport->id == w.app->editors().reportViewer.reportId);
    // The second visit's record screen makes its visit report and its conflict analysis report by touch.
    w.app->openRecord(visits[1]);
    REQUIRE((w.app->screen() == ui::ScreenId::Record));
    w.driver->frames(2);
    w.driver->tap("record.visit_report");
    REQUIRE((w.app->screen() == ui::ScreenId::Report));
    const auto visitReport =
        report::latestReport(w.store().recordsForChild(kChild), visits[1], report::kVisitReport);
    REQUIRE(visitReport);
    CHECK(w.app->editors().reportViewer.reportId == visitReport->id);
    CHECK(w.app->editors().reportViewer.texture != nullptr);
    {
        const std::string text =
            test::squeeze(test::pdfText(w.app->editors().reportViewer.pdf(), "scenario-visit"));
        INFO(text);
        CHECK(text.find("Visit record") != std::string::npos);
        CHECK(text.find(std::string("\u201c") + test::wishWords(2) + "\u201d") != std::string::npos);
        CHECK(text.find("02 Oct 2026") != std::string::npos);
        CHECK(text.find("Hidden Orchard") == std::string::npos);
    }
    w.app->openRecord(visits[1]);
    w.driver->frames(2);
    w.driver->tap("record.conflict_report");
    REQUIRE((w.app->screen() == ui::ScreenId::Report));
    const auto conflictReport =
        report::latestReport(w.store().recordsForChild(kChild), conflictId, report::kConflictAnalysisReport);
    REQUIRE(conflictReport);
    CHECK(w.app->editors().reportViewer.reportId == conflictReport->id);
    {
        const std::string text =
            test::squeeze(test::pdfText(w.app->editors().reportViewer.pdf(), "scenario-conflict"));
        INFO(text);
        CHECK(text.find(std::string("\u201c") + test::wishWords(2) + "\u201d") != std::string::npos);
        CHECK(text.find("Fictional: effects") != std::string::npos);
    }
    // A second tap opens the report already made, not a new one.
    w.app->openRecord(visits[1]);
    w.driver->frames(2);
    w.driver->tap("record.visit_report");
    CHECK(w.app->editors().reportViewer.reportId == visitReport->id);

    // Lock forgets the page (its texture) through the one list.
    w.app->lock();
    CHECK(w.app->editors().reportViewer.texture == nullptr);
    CHECK(w.app->editors().impact.recordId.empty());
}
