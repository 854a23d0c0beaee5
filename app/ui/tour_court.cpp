// The tour's stops for issue 16 (what the court is deciding, the child impact analysis, its
// reports page by page, the Welsh child's letter). The demo caseload has no signed visits, so the
// first stop adds two fictional ones with the child's words (once: both sizes reuse them).
#include "app/i18n/i18n.h"
#include "app/model/demo_caseload.h"
#include "app/model/visit.h"
#include "app/report/report_store.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/ui/tour.h"
#include "storage/record_kinds.h"

namespace heard::ui {

namespace {

void openChild(App& app, const char* childId) {
    if (!app.unlocked()) app.unlock(model::kDemoPassphrase);
    app.openChild(childId);
}

// Two signed visits with a three wishes activity each (fictional words), once per child.
void seedVisits(App& app, const char* childId, const char* first, const char* second) {
    if (!app.store()) return; // a tour without the demo store (app.shell's test) shows the screens empty
    storage::Store& store = *app.store();
    for (const auto& r : store.recordsForChild(childId))
        if (r.kind == storage::kinds::kActivity && r.status == storage::RecordStatus::Signed) return;
    const auto child = store.childById(childId);
    const tools::ActivityContent* content = app.activityLibrary().find("three_wishes");
    if (!child || !content) return;
    int day = 2;
    for (const char* words : {first, second}) {
        model::Visit v;
        v.where = "At home (fictional)";
        v.present = "The child only";
        v.purpose = "Wishes and feelings";
        v.confidentialityExplained = true;
        v.startedAt = "2026-10-0" + std::to_string(day++) + "T10:00:00Z";
        const std::string visitId = store
                                        .createDraft({child->caseId, childId, storage::kinds::kVisit,
                                                      app.author(), "", false, model::toJson(v)})
                                        .id;
        tools::ActivityResult result =
            tools::newResult(*content, child->details.value("preferredLanguage", "en"));
        result.answers[0].status = tools::AnswerStatus::Answered;
        result.answers[0].words = words;
        const std::string activityId =
            store
                .createDraft({child->caseId, childId, storage::kinds::kActivity, app.author(), visitId, false,
                              tools::resultToJson(result)})
                .id;
        store.sign(activityId, model::kDemoPractitioner);
        store.sign(visitId, model::kDemoPractitioner);
    }
}

void fillAnalysis(App& app, bool complete) {
    ImpactEditor& e = app.editors().impact;
    for (model::ImpactSection s : model::impactSections())
        e.analysis.part(s).text =
            std::string("Fictional analysis for the tour: ") + model::impactSectionId(s) + ".";
    for (const auto& [c, ev] : e.words) {
        model::ChildImpactAnalysis::cite(e.analysis.part(model::ImpactSection::WishesFeelings).citations, c);
        for (model::ImpactSection s : model::impactSections())
            if (model::needsEvidence(s) && (complete || s != model::ImpactSection::Recommendation))
                model::ChildImpactAnalysis::cite(e.analysis.part(s).citations, c);
    }
    if (complete)
        e.analysis.noOrderOption()->evaluation = "Fictional: without an order nothing would change.";
    e.analysis.signatureName = model::kDemoPractitioner;
    e.markEdited();
}

void showImpact(App& app, const char* childId, const char* language, bool sign, const char* first,
                const char* second) {
    i18n::setLanguage(language);
    openChild(app, childId);
    seedVisits(app, childId, first, second);
    app.editors().impact.open(app);
    if (!app.editors().impact.isSigned) fillAnalysis(app, sign);
    app.editors().impact.sign(app); // refused without no order evaluated (the reasons shown)
    if (sign && app.editors().impact.reportId.empty()) app.editors().impact.makeReports(app);
}

// The child's first signed visit ("" none).
std::string firstSignedVisit(App& app, const char* childId) {
    if (!app.store()) return {};
    for (const auto& r : app.store()->recordsForChild(childId))
        if (r.kind == storage::kinds::kVisit && r.status == storage::RecordStatus::Signed) return r.id;
    return {};
}

} // namespace

std::vector<TourStop> courtTourStops() {
    return {
        {"court-matter-en",
         [](App& app) {
             i18n::setLanguage("en");
             openChild(app, "child-demo-1");
             app.editors().court.open(app);
             CourtMatterEditor& e = app.editors().court;
             if (e.matter.empty()) {
                 e.matter.applicationType = "Child arrangements order (fictional)";
                 e.matter.applicant = "The father (fictional)";
                 e.matter.asked = "Every other weekend with him";
                 e.matter.questions = {"What does the child want about weekends?"};
                 e.matter.hearings = {{"2027-01-18", "Dispute resolution appointment"}};
                 e.matter.parties = {
                     {"Dee Applebridge (fictional)", "Applicant", {{"child-demo-1", "father"}}}};
                 e.markEdited();
             }
         }},
        {"child-impact-refused-en",
         [](App& app) {
             showImpact(app, "child-demo-1", "en", false, "I wish I could see my dad on Saturdays",
                        "I want to keep my room with the blue ceiling");
         }},
        {"child-impact-signed-en",
         [](App& app) {
             showImpact(app, "child-demo-1", "en", true, "I wish I could see my dad on Saturdays",
                        "I want to keep my room with the blue ceiling");
         }},
        {"report-court-en",
         [](App& app) {
             if (!app.editors().impact.reportId.empty())
                 app.editors().reportViewer.open(app, app.editors().impact.reportId);
         }},
        {"record-visit-en", // a signed visit's record: its reports (PDF)
         [](App& app) {
             i18n::setLanguage("en");
             openChild(app, "child-demo-1");
             const std::string visitId = firstSignedVisit(app, "child-demo-1");
             if (!visitId.empty()) app.openRecord(visitId);
         }},
        {"report-visit-en",
         [](App& app) {
             const std::string visitId = firstSignedVisit(app, "child-demo-1");
             if (visitId.empty()) return;
             const auto made = report::latestReport(app.store()->recordsForChild("child-demo-1"), visitId,
                                                    report::kVisitReport);
             if (made)
                 app.editors().reportViewer.open(app, made->id);
             else
                 app.editors().reportViewer.makeAndOpen(app, visitId, report::kVisitReport);
         }},
        {"report-letter-cy",
         [](App& app) {
             showImpact(app, "child-demo-3", "en", true, "Dw i eisiau aros gyda Mam-gu",
                        "Dw i'n hoffi fy ysgol newydd");
             if (!app.editors().impact.letterId.empty())
                 app.editors().reportViewer.open(app, app.editors().impact.letterId);
         }},
    };
}

} // namespace heard::ui
