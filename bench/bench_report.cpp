// The reports (issue 16): rendering the child impact analysis of a case with 20 visits to a PDF
// in memory, against the same text rendered as plain pango paragraphs in the same run.
//
//   report.child_impact_20_visits_ms  build the document (citations resolved from the records)
//                                     and render the PDF in memory, median of the runs
//   report.plain_pango_ms             the same text (every block's text) as plain pango
//                                     paragraphs into a PDF in memory, one layout per paragraph,
//                                     whole paragraphs to a page (the baseline)
//   report.child_impact_vs_plain_ratio the two, as a ratio (goal: at most 2)
//   report.child_impact_pages         pages of the report
#include "bench/bench.h"

#include "app/model/child_impact.h"
#include "app/model/visit.h"
#include "app/report/case_reports.h"
#include "app/report/pdf_document.h"
#include "app/tools/framework/model/activity_result.h"
#include "storage/record_kinds.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>

namespace {

using namespace heard;
using heard::bench::report;

// A fictional case file with `visits` signed visits, each with a three_wishes activity.
report::CaseFile caseFile(int visits, const tools::ContentLibrary& library, model::ChildImpactAnalysis& a) {
    report::CaseFile file;
    file.theCase.id = "case-bench";
    file.theCase.reference = "BENCH/2026/0001";
    file.child.id = "child-bench";
    file.child.caseId = "case-bench";
    file.child.displayName = "Robin Benchmark";
    file.child.dateOfBirth = "2015-06-01";
    file.library = &library;
    file.matter.applicationType = "Child arrangements order";
    file.matter.questions = {"What are the child's wishes and feelings?"};
    const tools::ActivityContent* content = library.find("three_wishes");
    for (int i = 0; i < visits; ++i) {
        storage::Record visit;
        visit.id = "visit-" + std::to_string(i);
        visit.kind = storage::kinds::kVisit;
        visit.childId = file.child.id;
        visit.status = storage::RecordStatus::Signed;
        model::Visit v;
        v.startedAt = "2026-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + "T10:00:00Z";
        visit.payload = model::toJson(v);
        visit.signedAt = v.startedAt;
        file.records.push_back(visit);
        storage::Record activity = visit;
        activity.id = "activity-" + std::to_string(i);
        activity.kind = storage::kinds::kActivity;
        activity.parentId = visit.id;
        tools::ActivityResult result = content ? tools::newResult(*content, "en") : tools::ActivityResult{};
        if (!result.answers.empty()) {
            result.answers[0].status = tools::AnswerStatus::Answered;
            result.answers[0].words = "I wish I could see my dad on Saturdays and keep my room, visit " +
                                      std::to_string(i + 1) + ", and that nobody shouts at the door any more";
        }
        activity.payload = tools::resultToJson(result);
        file.records.push_back(activity);
        a.part(model::ImpactSection::WishesFeelings).citations.push_back({activity.id, "wish_1"});
        a.part(model::ImpactSection::ChecklistA).citations.push_back({activity.id, "wish_1"});
    }
    const std::string paragraph =
        "Fictional analysis: the child spoke clearly and consistently across the visits, and the evidence "
        "below shows how their account relates to what the court has been asked to decide. ";
    for (model::ImpactSection s : model::impactSections())
        a.part(s).text = paragraph + paragraph + paragraph;
    a.noOrderOption()->evaluation = paragraph;
    a.signatureName = "Sam Benchmark";
    return file;
}

std::vector<std::string> textOf(const report::Document& d) {
    std::vector<std::string> out;
    for (const report::Block& b : d.blocks) {
        if (!b.text.empty()) out.push_back(b.text);
        for (const auto& row : b.rows) {
            std::string line;
            for (const std::string& cell : row)
                line += cell + "  ";
            out.push_back(line);
        }
    }
    return out;
}

cairo_status_t discard(void* closure, const unsigned char*, unsigned int length) {
    *static_cast<size_t*>(closure) += length;
    return CAIRO_STATUS_SUCCESS;
}

// The baseline: the same text as plain pango paragraphs into an A4 PDF in memory.
size_t plainPango(const std::vector<std::string>& paragraphs) {
    size_t bytes = 0;
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(discard, &bytes, report::kPageWidth, report::kPageHeight);
    cairo_t* cr = cairo_create(surface);
    PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans 10.5");
    double y = 74;
    for (const std::string& p : paragraphs) {
        PangoLayout* layout = pango_cairo_create_layout(cr);
        pango_layout_set_font_description(layout, font);
        pango_layout_set_width(layout, int((report::kPageWidth - 112) * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(layout, p.c_str(), int(p.size()));
        int h = 0;
        pango_layout_get_size(layout, nullptr, &h);
        if (y + h / double(PANGO_SCALE) > report::kPageHeight - 58) {
            cairo_show_page(cr);
            y = 74;
        }
        cairo_move_to(cr, 56, y);
        pango_cairo_show_layout(cr, layout);
        y += h / double(PANGO_SCALE) + 6;
        g_object_unref(layout);
    }
    pango_font_description_free(font);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    return bytes;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void reportGroup(const bench::Options& options) {
    const tools::ContentLibrary library = tools::loadContentLibrary(tools::defaultContentDir());
    model::ChildImpactAnalysis a;
    const report::CaseFile file = caseFile(20, library, a);
    storage::Record record;
    record.id = "analysis-bench";
    record.kind = storage::kinds::kChildImpact;
    record.childId = file.child.id;
    record.status = storage::RecordStatus::Signed;
    record.payload = model::impactToJson(a);
    const int runs = options.quick ? 1 : 7;
    std::vector<double> full, plain;
    int pages = 0;
    std::vector<std::string> text;
    for (int i = 0; i < runs + 1; ++i) { // the first run warms fontconfig's caches: not counted
        auto start = std::chrono::steady_clock::now();
        report::Document d;
        std::string error;
        report::childImpactDocument(file, record, d, error);
        const report::RenderedPdf pdf = report::renderPdf(d);
        const double fullMs = bench::secondsSince(start) * 1000;
        pages = pdf.pages;
        text = textOf(d);
        start = std::chrono::steady_clock::now();
        plainPango(text);
        const double plainMs = bench::secondsSince(start) * 1000;
        if (i == 0 && runs > 1) continue;
        full.push_back(fullMs);
        plain.push_back(plainMs);
    }
    report("report.child_impact_20_visits_ms", median(full), "ms");
    report("report.plain_pango_ms", median(plain), "ms");
    report("report.child_impact_vs_plain_ratio", median(full) / std::max(1e-6, median(plain)), "x");
    report("report.child_impact_pages", pages, "pages");
}

} // namespace

HEARD_BENCH_GROUP("report", reportGroup);
