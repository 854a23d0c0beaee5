// The reports rendered from a fictional case (issue 16, item 3): the child impact analysis for
// the court, the skin map and the child's letter, checked through their text (pdftotext, Debian
// poppler-utils) and written as page images (pdftoppm) to build/tests/report/ for a person to
// look at. A confidential address and detail are planted in the child's details: neither may
// appear. After rendering, no file under the data folder or the temporary folder holds the
// child's name (rendering happens in memory).
#include "tests/report/pdf_text.h"
#include "tests/report/report_world.h"

#include "app/i18n/i18n.h"
#include "app/report/pdf_document.h"
#include "app/report/report_store.h"
#include "app/tools/skin_map/model/skin_map_json.h"
#include "storage/record_kinds.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace heard;
namespace fs = std::filesystem;

namespace {

using test::pdfText;
using test::squeeze;

bool fileContains(const fs::path& path, const std::string& needle) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return bytes.find(needle) != std::string::npos;
}

// Files under `root` changed since `since` that contain `needle` (bounded: at most 20,000 files).
std::vector<std::string> filesWith(const fs::path& root, const std::string& needle,
                                   fs::file_time_type since) {
    std::vector<std::string> found;
    std::error_code ec;
    int seen = 0;
    for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
         it != end && seen < 20000; it.increment(ec)) {
        if (ec) break;
        std::error_code e2;
        if (!it->is_regular_file(e2) || it->last_write_time(e2) < since || it->file_size(e2) > 50'000'000)
            continue;
        ++seen;
        if (fileContains(it->path(), needle)) found.push_back(it->path().string());
    }
    return found;
}

} // namespace

TEST_CASE("the child impact analysis PDF cites the child's words with their dates, every checklist heading, "
          "no order, and never the confidential address") {
    const auto started = fs::file_time_type::clock::now();
    test::ReportWorld world(3);
    report::CaseFile file = world.caseFile();
    const model::ChildImpactAnalysis analysis = world.completeAnalysis();
    REQUIRE(analysis.problemsBeforeSigning(report::evidenceIndex(file)).empty());
    const storage::Record signedAnalysis = world.saveAndSign(analysis);
    // The analysis cites, it never copies: the child's words are not in its payload.
    CHECK(signedAnalysis.payload.dump().find(test::wishWords(1)) == std::string::npos);

    file = world.caseFile();
    storage::Record made;
    std::string error;
    REQUIRE_MESSAGE(report::makeReport(*world.store, file, signedAnalysis, report::kChildImpactReport,
                                       test::kAuthor, made, error),
                    error);
    CHECK((made.status == storage::RecordStatus::Signed));
    CHECK(made.kind == storage::kinds::kReport);
    CHECK(made.parentId == signedAnalysis.id);
    std::vector<unsigned char> pdf;
    REQUIRE_MESSAGE(report::reportBytes(*world.store->recordById(made.id), pdf, error), error);
    REQUIRE(pdf.size() > 1000);
    CHECK(std::string(pdf.begin(), pdf.begin() + 5) == "%PDF-");

    const std::string text = squeeze(pdfText(pdf, "child_impact"));
    INFO(text);
    // Cited words from two visits, each with the date of its visit.
    CHECK(text.find(test::wishWords(1)) != std::string::npos);
    CHECK(text.find(test::wishWords(2)) != std::string::npos);
    CHECK(text.find("01 Sep 2026") != std::string::npos);
    CHECK(text.find("02 Sep 2026") != std::string::npos);
    for (model::ImpactSection s : model::impactSections())
        CHECK_MESSAGE(text.find(model::impactSectionTitle(s)) != std::string::npos,
                      model::impactSectionTitle(s));
    CHECK(text.find("No order") != std::string::npos);
    CHECK(text.find("s1(5)") != std::string::npos);
    CHECK(text.find("Evidence list") != std::string::npos);
    CHECK(text.find("What the court is deciding") != std::string::npos);
    CHECK(text.find("Child arrangements order") != std::string::npos);
    // The header on every page: case number and initials; the marking; page numbers.
    const int pages = report::countPages([&] {
        report::Document d;
        REQUIRE(report::childImpactDocument(file, signedAnalysis, d, error));
        return d;
    }());
    CHECK(pages == made.payload["pages"].get<int>());
    CHECK(pages >= 2);
    size_t markings = 0;
    for (size_t at = text.find("OFFICIAL-SENSITIVE"); at != std::string::npos;
         at = text.find("OFFICIAL-SENSITIVE", at + 1))
        ++markings;
    CHECK(markings == size_t(2 * pages)); // top and bottom of every page
    CHECK(text.find("Page 1 of " + std::to_string(pages)) != std::string::npos);
    CHECK(text.find(test::kReportCaseRef) != std::string::npos);
    CHECK(text.find("W.Q.") != std::string::npos);
    // Never the confidential address or detail.
    CHECK(text.find("Hidden Orchard") == std::string::npos);
    CHECK(text.find("01632") == std::string::npos);
    CHECK(text.find(test::kReportChildName) == std::string::npos); // initials only

    // Rendering left no file with the child's name in the data folder or the temporary folder.
    CHECK(filesWith(world.folder.path(), test::kReportChildName, started).empty());
    CHECK(filesWith(fs::temp_directory_path(), test::kReportChildName, started).empty());
    CHECK(filesWith(fs::temp_directory_path(), "Quillfeather", started).empty());
}

TEST_CASE("the skin map PDF lists every mark with its region name and the visible-only statement") {
    test::ReportWorld world(1);
    const report::CaseFile file = world.caseFile();
    const storage::Record map = *world.store->recordById(world.skinMapId);
    storage::Record made;
    std::string error;
    REQUIRE_MESSAGE(
        report::makeReport(*world.store, file, map, report::kSkinMapReport, test::kAuthor, made, error),
        error);
    std::vector<unsigned char> pdf;
    REQUIRE(report::reportBytes(made, pdf, error));
    const std::string text = squeeze(pdfText(pdf, "skin_map"));
    INFO(text);
    const skinmap::SkinMap parsed = skinmap::skinMapFromJson(map.payload);
    REQUIRE(parsed.marks.size() >= 2);
    for (const skinmap::Mark& mark : parsed.marks) {
        CHECK_MESSAGE(text.find(mark.regionName) != std::string::npos, mark.regionName);
        CHECK(text.find(std::to_string(mark.number) + " " + mark.regionName) != std::string::npos);
    }
    CHECK(text.find("Visible marks only") != std::string::npos);
    CHECK(text.find("Hidden Orchard") == std::string::npos);
}

TEST_CASE("the letter to a Welsh-speaking child is in Welsh, in large type, and names no other party") {
    test::ReportWorld world(1);
    const report::CaseFile file = world.caseFile(test::kWelshChildId);
    CHECK(file.language == "cy");
    model::ChildImpactAnalysis a;
    a.part(model::ImpactSection::WishesFeelings).citations = {{world.welshActivityId, "wish_1"}};
    const storage::Record analysis = world.saveAndSign(a, test::kWelshChildId);
    report::Document letter;
    std::string error;
    REQUIRE_MESSAGE(report::childLetterDocument(file, analysis, letter, error), error);
    CHECK(letter.fontSize >= 14);
    const std::string text = squeeze(pdfText(report::renderPdf(letter).bytes, "child_letter_cy"));
    INFO(text);
    CHECK(text.find(i18n::trIn("cy", "A letter for you")) != std::string::npos);
    CHECK(std::string(i18n::trIn("cy", "A letter for you")) != "A letter for you");
    CHECK(text.find(i18n::trIn("cy", "What happens next")) != std::string::npos);
    CHECK(text.find("Dw i eisiau aros gyda Mam-gu") != std::string::npos); // the child's own words
    CHECK(text.find("Gethin") != std::string::npos);
    CHECK(text.find("05 Hyd 2026") != std::string::npos);       // the visit's date, in Welsh
    CHECK(text.find("What happens next") == std::string::npos); // not in English
    // No other party's name, no address.
    CHECK(text.find("Ash Quillfeather") == std::string::npos);
    CHECK(text.find("Rowan") == std::string::npos);
    CHECK(text.find("Hidden Orchard") == std::string::npos);
}

TEST_CASE("a page renders to an image of A4 proportions; a missing page is a clear error") {
    test::ReportWorld world(2);
    const report::CaseFile file = world.caseFile();
    const storage::Record analysis = world.saveAndSign(world.completeAnalysis());
    report::Document d;
    std::string error;
    REQUIRE(report::childImpactDocument(file, analysis, d, error));
    std::vector<unsigned char> png;
    REQUIRE(report::renderPagePng(d, 0, 600, png, error));
    CHECK(png.size() > 1000);
    CHECK(png[1] == 'P');
    CHECK_FALSE(report::renderPagePng(d, 99, 600, png, error));
    CHECK(error.find("no page 100") != std::string::npos);
}
