#include "app/tools/parental_conflict/view/conflict_analysis_view.h"

#include "app/i18n/i18n.h"
#include "app/tools/parental_conflict/model/conflict_type.h"
#include "app/ui/form_widgets.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"

#include <imgui.h>

#include <cstdio>

namespace heard::tools {

namespace {

// The child's answer as they gave it: their words byte for byte, choices and faces by label.
std::string answerSummary(const Answer& answer, const Step& step, const ActivityContent& content) {
    std::string out;
    switch (step.kind) {
    case StepKind::Scale:
        if (answer.scale >= 0) {
            char buffer[64];
            std::snprintf(buffer, sizeof buffer, _("%d out of 10"), answer.scale);
            out = buffer;
        }
        break;
    case StepKind::Choice:
        for (const ChoiceOption& c : step.choices)
            if (c.id == answer.choiceId) out = _(c.label.c_str());
        break;
    case StepKind::Face:
        for (const FaceOption& f : content.faces)
            if (f.id == answer.faceId) out = _(f.label.c_str());
        break;
    default:
        break;
    }
    if (!answer.words.empty()) out += (out.empty() ? "\"" : ": \"") + answer.words + "\"";
    if (!answer.strokes.empty()) out += (out.empty() ? "" : " ") + std::string(_("(a drawing)"));
    return out;
}

const Step* stepOf(const ConflictAnalysisScreen& screen, const std::string& stepId) {
    return screen.content ? screen.content->findStep(stepId) : nullptr;
}

std::string citationText(const ConflictAnalysisScreen& screen, const Citation& c) {
    const Step* step = stepOf(screen, c.stepId);
    const Answer* answer = screen.childResult.answerFor(c.stepId);
    if (!step || !answer || c.activityRecordId != screen.activityRecordId) return c.stepId;
    return std::string(_(step->prompt.c_str())) + " " + answerSummary(*answer, *step, *screen.content);
}

void drawChildAnswers(ConflictAnalysisScreen& screen) {
    ui::sectionHeader(_("The child's answers"));
    if (screen.activityRecordId.empty() || !screen.content) {
        ui::mutedText(_("No answers from the child in this visit yet."));
        return;
    }
    for (const Step& step : screen.content->steps) {
        const Answer* answer = screen.childResult.answerFor(step.id);
        if (!answer || !citationIsEvidence({screen.activityRecordId, step.id}, screen.activityRecordId,
                                           screen.childResult))
            continue; // skipped or not reached: nothing to cite
        const bool chosen = screen.chosenStep == step.id;
        if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        const std::string label = std::string(_(step.prompt.c_str())) + "\n" +
                                  answerSummary(*answer, step, *screen.content) + "##" + step.id;
        if (ImGui::Button(label.c_str(), ImVec2(-1.0f, 0.0f))) screen.chosenStep = chosen ? "" : step.id;
        ui::tag(("conflict.answer." + step.id).c_str());
        if (chosen) ImGui::PopStyleColor();
    }
}

void drawSection(ConflictAnalysisScreen& screen, ConflictSection section, ConflictAnalysisActions& actions) {
    AnalysisSection& sec = screen.analysis.section(section);
    const std::string id = sectionId(section);
    ImGui::PushID(id.c_str());
    ui::sectionHeader(_(sectionTitle(section)));
    if (ui::textField("", _(sectionHint(section)), sec.text, ("conflict.text." + id).c_str(), 4))
        actions.changed = true;
    const bool mustWrite = section == ConflictSection::Conclusion || section == ConflictSection::NextSteps;
    if (!mustWrite && ui::bigCheckbox(_("Not applicable"), sec.notApplicable, ("conflict.na." + id).c_str()))
        actions.changed = true;
    for (size_t i = 0; i < sec.citations.size(); ++i) {
        const Citation c = sec.citations[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TextWrapped("%s", citationText(screen, c).c_str());
        if (ImGui::Button(_("Remove"))) {
            screen.analysis.uncite(section, c);
            actions.changed = true;
        }
        ui::tag(("conflict.uncite." + id + "." + c.stepId).c_str());
        ImGui::PopID();
    }
    if (!screen.chosenStep.empty() && ui::bigButton(_("Cite the chosen answer"), ("conflict.cite." + id).c_str())) {
        if (screen.analysis.cite(section, {screen.activityRecordId, screen.chosenStep})) actions.changed = true;
    }
    ImGui::PopID();
}

void drawSigned(const ConflictAnalysisScreen& screen) {
    ImGui::TextWrapped("%s %s", _("Signed by"), screen.signedBy.c_str());
    ui::tag("conflict.signed");
    for (ConflictSection s : conflictSections()) {
        const AnalysisSection& sec = screen.analysis.section(s);
        ui::sectionHeader(_(sectionTitle(s)));
        ImGui::TextWrapped("%s", sec.notApplicable && sec.text.empty() ? _("Not applicable") : sec.text.c_str());
        for (const Citation& c : sec.citations) ImGui::BulletText("%s", citationText(screen, c).c_str());
    }
}

} // namespace

bool openConflictAnalysis(storage::Store& store, const ContentLibrary& library, const std::string& visitId,
                          const std::string& author, ConflictAnalysisScreen& screen, std::string& error) {
    const auto visit = store.recordById(visitId);
    if (!visit) {
        error = "no visit " + visitId;
        return false;
    }
    ConflictAnalysisScreen fresh;
    fresh.visitId = visitId;
    fresh.caseId = visit->caseId;
    fresh.childId = visit->childId;
    fresh.author = author;
    fresh.analysis.visitId = visitId;
    for (const storage::Record& r : store.recordsForChild(visit->childId)) { // oldest first: the latest wins
        if (r.parentId != visitId) continue;
        if (r.kind == "activity") {
            ActivityResult result;
            std::string problem;
            if (resultFromJson(r.payload, result, problem) && result.type == kParentalConflictType) {
                fresh.activityRecordId = r.id;
                fresh.childResult = std::move(result);
                fresh.content = library.find(fresh.childResult.contentId);
            }
        } else if (r.kind == kConflictAnalysisKind) {
            ConflictAnalysis analysis;
            std::string problem;
            if (!analysisFromJson(r.payload, analysis, problem)) {
                error = "the analysis record " + r.id + " cannot be read: " + problem;
                return false;
            }
            fresh.analysis = std::move(analysis);
            fresh.recordId = r.id;
            fresh.isSigned = r.status == storage::RecordStatus::Signed;
            fresh.signedBy = r.signedBy;
        }
    }
    screen = std::move(fresh);
    return true;
}

bool saveConflictAnalysis(storage::Store& store, ConflictAnalysisScreen& screen) {
    if (screen.isSigned) return false;
    try {
        if (screen.recordId.empty()) {
            storage::NewRecord record;
            record.caseId = screen.caseId;
            record.childId = screen.childId;
            record.kind = kConflictAnalysisKind;
            record.author = screen.author;
            record.parentId = screen.visitId;
            record.payload = analysisToJson(screen.analysis);
            screen.recordId = store.createDraft(record).id;
        } else {
            store.saveDraft(screen.recordId, analysisToJson(screen.analysis));
        }
        screen.error.clear();
        return true;
    } catch (const std::exception& e) {
        screen.error = e.what();
        return false;
    }
}

bool signConflictAnalysis(storage::Store& store, ConflictAnalysisScreen& screen) {
    // The model decides what blocks signing; the lines here say it in the practitioner's language.
    screen.problems.clear();
    for (ConflictSection s : conflictSections()) {
        const AnalysisSection& sec = screen.analysis.section(s);
        const bool mustWrite = s == ConflictSection::Conclusion || s == ConflictSection::NextSteps;
        const bool blankText = sec.text.find_first_not_of(" \t\r\n") == std::string::npos;
        const std::string title = _(sectionTitle(s));
        if (blankText && mustWrite) screen.problems.push_back(title + ": " + _("must be written"));
        else if (blankText && !sec.notApplicable)
            screen.problems.push_back(title + ": " + _("write it, or mark it not applicable"));
        for (const Citation& c : sec.citations)
            if (!citationIsEvidence(c, screen.activityRecordId, screen.childResult))
                screen.problems.push_back(title + ": " + _("cites an answer the child did not give"));
    }
    if (screen.signerName.find_first_not_of(" \t\r\n") == std::string::npos)
        screen.problems.push_back(_("Your name is needed to sign."));
    if (screen.problems.empty() && !screen.analysis.problemsBeforeSigning().empty())
        screen.problems.push_back(_("This analysis belongs to no visit."));
    if (!screen.problems.empty()) return false;
    if (!saveConflictAnalysis(store, screen)) return false;
    try {
        const storage::Record signedRecord = store.sign(screen.recordId, screen.signerName);
        screen.isSigned = true;
        screen.signedBy = signedRecord.signedBy;
        return true;
    } catch (const std::exception& e) {
        screen.error = e.what();
        return false;
    }
}

void drawConflictAnalysisView(ConflictAnalysisScreen& screen, ConflictAnalysisActions& actions) {
    ui::screenTitle(_("Impact of parental conflict: analysis"));
    ui::mutedText(_("Your professional judgement, never a score. Tap one of the child's answers, then cite it in a "
                    "section as evidence."));
    if (!screen.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui::colours::danger);
        ImGui::TextWrapped("%s", screen.error.c_str());
        ImGui::PopStyleColor();
    }
    drawChildAnswers(screen);
    if (screen.isSigned) {
        drawSigned(screen);
        return;
    }
    for (ConflictSection s : conflictSections()) drawSection(screen, s, actions);
    ui::sectionHeader(_("Sign"));
    ui::textField(_("Your name"), "", screen.signerName, "conflict.signer", 1);
    if (!screen.problems.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui::colours::danger);
        ImGui::TextWrapped("%s", _("Cannot sign yet:"));
        for (const std::string& p : screen.problems) ImGui::BulletText("%s", p.c_str());
        ImGui::PopStyleColor();
        ui::tag("conflict.problems");
    }
    if (ui::primaryButton(_("Sign the analysis"), "conflict.sign")) actions.signTapped = true;
}

} // namespace heard::tools
