// The child impact analysis (issue 16, item 2): opened for the child on screen, autosaved as a
// draft, signed only when nothing is missing (the reasons shown next to each section), then
// read-only with dated addenda and its reports (app/report).
#include "app/i18n/i18n.h"
#include "app/model/record_fields.h"
#include "app/report/report_store.h"
#include "app/ui/app.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/editors.h"
#include "storage/record_kinds.h"

namespace heard::ui {

const char* ImpactEditor::what() const {
    return _("the child impact analysis");
}

void ImpactEditor::clearState() {
    *this = ImpactEditor{};
}

void ImpactEditor::open(App& app, const std::string& wanted) {
    storage::Store* store = app.store();
    if (!store || app.childId().empty()) return;
    const report::CaseFile file = report::loadCaseFile(*store, app.childId(), &app.activityLibrary());
    ImpactEditor fresh;
    fresh.childId = file.child.id;
    fresh.caseId = file.child.caseId;
    fresh.author = app.author();
    fresh.words = report::citableWords(file);
    fresh.records = report::citableRecords(file);
    fresh.evidence = report::evidenceIndex(file);
    const storage::Record* chosen = nullptr;
    for (const storage::Record& r : file.records) // oldest first: the newest wins
        if (r.kind == storage::kinds::kChildImpact && (wanted.empty() || r.id == wanted)) chosen = &r;
    if (chosen) {
        std::string problem;
        if (!model::impactFromJson(chosen->payload, fresh.analysis, problem)) {
            app.notice = {std::string(_("The analysis cannot be read: ")) + problem, true};
            return;
        }
        fresh.recordId = chosen->id;
        fresh.isSigned = chosen->status == storage::RecordStatus::Signed;
        fresh.signedBy = chosen->signedBy;
        fresh.signedAt = chosen->signedAt;
        if (auto r = report::latestReport(file.records, chosen->id, report::kChildImpactReport))
            fresh.reportId = r->id;
        if (auto r = report::latestReport(file.records, chosen->id, report::kChildLetter))
            fresh.letterId = r->id;
    }
    clear();
    *this = std::move(fresh);
    app.nav().setRecord(recordId);
    app.show(ScreenId::ChildImpact);
}

const report::Evidence* ImpactEditor::evidenceFor(const model::ImpactCitation& c) const {
    for (const auto& list : {&words, &records})
        for (const auto& [citation, e] : *list)
            if (citation == c) return &e;
    return nullptr;
}

void ImpactEditor::cite(std::vector<model::ImpactCitation>& list) {
    for (const auto& l : {&words, &records})
        for (const auto& [citation, e] : *l)
            if (citation.key() == chosen && model::ChildImpactAnalysis::cite(list, citation)) markEdited();
}

void ImpactEditor::addOption() {
    if (model::isBlank(newOption)) return;
    analysis.options.push_back({newOption, false, "", {}});
    newOption.clear();
    markEdited();
}

void ImpactEditor::saveTo(storage::Store& store) {
    if (isSigned || childId.empty()) return;
    if (recordId.empty()) {
        storage::NewRecord record;
        record.caseId = caseId;
        record.childId = childId;
        record.kind = storage::kinds::kChildImpact;
        record.author = author;
        record.payload = model::impactToJson(analysis);
        recordId = store.createDraft(record).id;
    } else {
        store.saveDraft(recordId, model::impactToJson(analysis));
    }
}

void ImpactEditor::sign(App& app) {
    storage::Store* store = app.store();
    if (!store || isSigned) return;
    // Whatever happens next, what was written is in the store now.
    markEdited();
    save(*store);
    problems.clear();
    for (const model::ImpactProblem& p : analysis.problemsBeforeSigning(evidence))
        problems[p.subject].push_back(_(p.need));
    if (!problems.empty()) {
        app.notice = catalogueNotice(
            N_("The analysis cannot be signed yet: the reasons are shown next to each section."), true);
        return;
    }
    const storage::Record signedRecord = store->sign(recordId, analysis.signatureName);
    // The matter the analysis answers goes on file with it (issue 16): the central system then
    // holds what the court was deciding when the analysis was signed.
    bool matterOnFile = true;
    try {
        if (app.editors().court.caseId == caseId) app.editors().court.save(*store);
        report::recordCourtMatter(*store, caseId, author);
    } catch (const std::exception&) {
        matterOnFile = false; // the analysis is signed; the matter can be put on file from its screen
    }
    isSigned = true;
    signedBy = signedRecord.signedBy;
    signedAt = signedRecord.signedAt;
    chosen.clear();
    app.nav().setRecord(recordId);
    app.notice = {matterOnFile ? _("Analysis signed. It will sync when there is a connection.")
                               : _("Analysis signed. What the court is deciding could not be put on file: "
                                   "put it on file from its screen."),
                  !matterOnFile};
}

void ImpactEditor::makeReports(App& app) {
    storage::Store* store = app.store();
    if (!store || !isSigned) return;
    const auto of = store->recordById(recordId);
    if (!of) return;
    const report::CaseFile file = report::loadCaseFile(*store, childId, &app.activityLibrary());
    storage::Record made;
    std::string problem;
    if (!report::makeReport(*store, file, *of, report::kChildImpactReport, author, made, problem)) {
        app.notice = {std::string(_("The report could not be made: ")) + problem, true};
        return;
    }
    reportId = made.id;
    if (!report::makeReport(*store, file, *of, report::kChildLetter, author, made, problem)) {
        app.notice = {std::string(_("The child's letter could not be made: ")) + problem, true};
        return;
    }
    letterId = made.id;
    app.notice = catalogueNotice(
        N_("Reports made and kept encrypted on this tablet. They will sync with the analysis."));
}

} // namespace heard::ui
