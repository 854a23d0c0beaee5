// The editors for issue 16 (from the child's words to the court): what the court is deciding
// (per case), the child impact analysis (a record per child), and the report viewer (pages of a
// stored PDF report as textures). Members of Editors (editors.h), so autosave, lock and clear
// reach them through the one list like every other editor.
#pragma once

#include "app/model/child_impact.h"
#include "app/model/court_matter.h"
#include "app/report/case_reports.h"
#include "app/ui/kit/form_types.h"
#include "app/ui/record_editor.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

struct SDL_Texture;

namespace heard::ui {

class App;

// What the court is deciding in the case of the child on screen (model/court_matter.h). Kept in
// the store's court_matters table, autosaved like a draft.
class CourtMatterEditor : public RecordEditor {
public:
    std::string caseId, caseReference;
    std::vector<std::pair<std::string, std::string>> children; // the case's children: id, name
    model::CourtMatter matter;
    std::string newQuestion, newHearingDate, newHearingPurpose, newPartyName, newPartyRole;
    std::string error;
    std::string recordedAt; // when the matter was last put on file, for people ("" never)

    const char* what() const override;
    void open(App& app); // the case of the child on screen
    // Saves, then records the matter as a signed court_matter version (report::recordCourtMatter).
    void recordForFile(App& app);
    void addQuestion();
    void addHearing();
    void addParty();

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override { *this = CourtMatterEditor{}; }
};

// The child impact analysis of the child on screen: one per child per case; a draft until it is
// signed, then read-only with dated addenda and its reports.
class ImpactEditor : public RecordEditor {
public:
    std::string recordId, caseId, childId, author;
    model::ChildImpactAnalysis analysis;
    bool isSigned = false;
    std::string signedBy, signedAt;
    // What may be cited, read when the analysis opened: the child's answers in signed activities
    // (newest first) and the other signed records of the child.
    std::vector<std::pair<model::ImpactCitation, report::Evidence>> words, records;
    model::EvidenceIndex evidence;
    std::string chosen; // the key of the evidence tapped, ready to cite ("" none)
    // Why signing was refused, by subject (a section id, "option.<n>", "options", "signature"),
    // in the practitioner's language: shown next to the section.
    std::map<std::string, std::vector<std::string>> problems;
    std::string newOption;
    std::string error;
    Strokes currentStroke;
    std::string reportId, letterId; // the reports made from the signed analysis ("" not yet)

    const char* what() const override;
    // Opens recordId, else the child's newest analysis, else a new one not yet in the store.
    void open(App& app, const std::string& recordId = "");
    void cite(std::vector<model::ImpactCitation>& list);
    void addOption();
    void sign(App& app);
    // Renders and stores the court report and the child's letter (signed analysis only).
    void makeReports(App& app);
    const report::Evidence* evidenceFor(const model::ImpactCitation& c) const;

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override;
};

// A stored report, page by page: each page of the stored PDF bytes (what was signed and sent)
// rasterised into one texture. Nothing to save; lock clears it (the bytes and the texture)
// through the one list.
class ReportViewer : public RecordEditor {
public:
    ReportViewer() = default;
    ~ReportViewer() override;
    ReportViewer(const ReportViewer&) = delete;
    ReportViewer& operator=(const ReportViewer&) = delete;

    std::string reportId, title, error;
    int page = 0, pages = 0;
    SDL_Texture* texture = nullptr;
    int textureWidth = 0, textureHeight = 0;
    std::string exportPath;
    bool exportConfirmed = false; // the practitioner read the warning and ticked it
    std::string exported;         // where it was written, once

    const char* what() const override;
    bool dirty() const override { return false; }
    void open(App& app, const std::string& reportRecordId); // shows the report's first page
    // Renders and stores the report of a signed record (e.g. a skin map), then shows it.
    void makeAndOpen(App& app, const std::string& recordId, const std::string& reportType);
    void showPage(App& app, int page);
    void exportTo(App& app);
    const std::vector<unsigned char>& pdf() const { return m_pdf; } // the stored bytes shown

protected:
    void saveTo(storage::Store&) override {}
    void clearState() override;

private:
    std::vector<unsigned char> m_pdf;
};

} // namespace heard::ui
