#include "app/tools/parental_conflict/view/conflict_analysis_view.h"
#include "storage/record_kinds.h"

#include "app/i18n/i18n.h"
#include "app/tools/framework/model/answer_text.h"
#include "app/model/calendar.h"
#include "app/tools/parental_conflict/model/conflict_type.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/kit/wrapped_text.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace heard::tools {

namespace {

// The child's answer as they gave it: their words byte for byte, choices and faces by label.
std::string answerSummary(const Answer& answer, const Step& step, const ActivityContent& content) {
    std::string out;
    switch (step.kind) {
    case StepKind::Scale:
        out = scaleText(answer, i18n::language()); // with the form it was given on
        break;
    case StepKind::Choice:
        for (const ChoiceOption& c : step.choices)
            if (c.id == answer.choiceId) out = _(c.label.c_str());
        break;
    case StepKind::Face:
        out = facesText(answer, content, i18n::language()); // every feeling chosen
        break;
    default:
        break;
    }
    if (!answer.words.empty()) out += (out.empty() ? "\"" : ": \"") + answer.words + "\"";
    if (!answer.strokes.empty()) out += (out.empty() ? "" : " ") + std::string(_("(a drawing)"));
    return out;
}

std::string citationText(const ConflictAnalysisScreen& screen, const Citation& c) {
    const Step* step = screen.content ? screen.content->findStep(c.stepId) : nullptr;
    const Answer* answer = screen.childResult.answerFor(c.stepId);
    if (!step || !answer || c.activityRecordId != screen.activityRecordId) return c.stepId;
    return childText(screen.childResult, step->prompt) + " " + answerSummary(*answer, *step, *screen.content);
}

void dangerText(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::colours::danger);
    ui::wrappedText(text);
    ImGui::PopStyleColor();
}

// One of the child's answers as a card to tap: the question, then the answer, wrapped to the
// column (a button label would be cut off in a narrow column or a long Welsh question).
bool answerCard(const std::string& question, const std::string& answer, bool chosen, const std::string& id) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x;
    const float wrap = width - style.FramePadding.x * 2.0f;
    const ImVec2 questionSize = ImGui::CalcTextSize(question.c_str(), nullptr, false, wrap);
    const ImVec2 answerSize = ImGui::CalcTextSize(answer.c_str(), nullptr, false, wrap);
    const float height =
        std::max(ui::touchTarget(),
                 questionSize.y + answerSize.y + style.FramePadding.y * 2.0f + style.ItemInnerSpacing.y);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const bool tapped = ImGui::InvisibleButton(("##answer_" + id).c_str(), ImVec2(width, height));
    const ImVec2 max = ImGui::GetItemRectMax();
    const ImGuiCol fill = chosen                   ? ImGuiCol_ButtonActive
                          : ImGui::IsItemHovered() ? ImGuiCol_ButtonHovered
                                                   : ImGuiCol_Button;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, ImGui::GetColorU32(fill), style.FrameRounding);
    draw->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border), style.FrameRounding);
    const ImVec2 text(min.x + style.FramePadding.x, min.y + style.FramePadding.y);
    draw->AddText(nullptr, 0.0f, text, ImGui::GetColorU32(ImGuiCol_Text), question.c_str(), nullptr, wrap);
    draw->AddText(nullptr, 0.0f, ImVec2(text.x, text.y + questionSize.y + style.ItemInnerSpacing.y),
                  ImGui::GetColorU32(ImGuiCol_Text), answer.c_str(), nullptr, wrap);
    return tapped;
}

void drawChildAnswers(ConflictAnalysisScreen& screen) {
    ui::sectionHeader(_("The child's answers"));
    if (screen.activityRecordId.empty() || !screen.content) {
        ui::mutedText(
            _("No answers from the child in this visit. You can still write the analysis from what you "
              "saw and heard."));
        return;
    }
    if (!screen.isSigned)
        ui::mutedText(_("Tap an answer, then \"Cite\" in a section to use it as evidence."));
    for (const Step& step : screen.content->steps) {
        const Answer* answer = screen.childResult.answerFor(step.id);
        if (!answer || !citationIsEvidence({screen.activityRecordId, step.id}, screen.activityRecordId,
                                           screen.childResult))
            continue;          // skipped or not reached: nothing to cite
        if (screen.isSigned) { // read-only: the answers as text, nothing to tap
            ui::wrappedText(childText(screen.childResult, step.prompt).c_str());
            ImGui::Indent(ui::dp(28));
            ui::wrappedText(answerSummary(*answer, step, *screen.content).c_str());
            ImGui::Unindent(ui::dp(28));
            ImGui::Spacing();
            continue;
        }
        const bool chosen = screen.chosenStep == step.id;
        if (answerCard(childText(screen.childResult, step.prompt),
                       answerSummary(*answer, step, *screen.content), chosen, step.id))
            screen.chosenStep = chosen ? "" : step.id;
        ui::tag(("conflict.answer." + step.id).c_str());
    }
    const auto skipped = screen.childResult.skipped();
    if (!skipped.empty()) {
        char line[96];
        std::snprintf(line, sizeof line, _("%d questions skipped: a skip is not evidence of anything."),
                      int(skipped.size()));
        ui::mutedText(line);
    }
}

void drawSection(ConflictAnalysisScreen& screen, ConflictSection section, ConflictAnalysisActions& actions) {
    AnalysisSection& sec = screen.analysis.section(section);
    const std::string id = sectionId(section);
    ImGui::PushID(id.c_str());
    ui::sectionHeader(_(sectionTitle(section)));
    if (section == ConflictSection::DomesticAbuse && screen.childResult.unsafeDisclosed) {
        dangerText(
            _("The child's answers raised a safety concern and the visit is flagged for your manager. Write "
              "how you considered it here."));
        ui::tag("conflict.safety_concern");
    }
    if (ui::textField("", _(sectionHint(section)), sec.text, ("conflict.text." + id).c_str(), 4))
        actions.changed = true;
    if (const char* none = sectionNoneLabel(section))
        if (ui::bigCheckbox(_(none), sec.notApplicable, ("conflict.na." + id).c_str()))
            actions.changed = true;
    for (size_t i = 0; i < sec.citations.size(); ++i) {
        const Citation c = sec.citations[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::Bullet();
        ImGui::SameLine();
        ui::wrappedText(citationText(screen, c).c_str());
        if (ui::bigButton(_("Remove"), ("conflict.uncite." + id + "." + c.stepId).c_str())) {
            screen.analysis.uncite(section, c);
            actions.changed = true;
        }
        ImGui::PopID();
    }
    if (!screen.chosenStep.empty() &&
        ui::bigButton(_("Cite the chosen answer"), ("conflict.cite." + id).c_str())) {
        if (screen.analysis.cite(section, {screen.activityRecordId, screen.chosenStep}))
            actions.changed = true;
    }
    ImGui::PopID();
}

void drawIndicators(ConflictAnalysisScreen& screen, ConflictAnalysisActions& actions) {
    ui::sectionHeader(_("Indicators"));
    ui::mutedText(
        _("Tick only those that apply significantly for this child, and say what you saw or heard. They "
          "are never counted or added up."));
    for (ConflictIndicator i : conflictIndicators()) {
        IndicatorMark& mark = screen.analysis.indicator(i);
        const std::string id = indicatorId(i);
        ImGui::PushID(id.c_str());
        if (ui::bigCheckbox(_(indicatorTitle(i)), mark.applies, ("conflict.indicator." + id).c_str()))
            actions.changed = true;
        if (mark.applies || !mark.note.empty()) {
            ImGui::Indent(ui::dp(40));
            if (ui::textField(_("What you saw or heard"), nullptr, mark.note,
                              ("conflict.indicator_note." + id).c_str(), 2))
                actions.changed = true;
            ImGui::Unindent(ui::dp(40));
        }
        ImGui::PopID();
    }
}

void drawJudgement(ConflictAnalysisScreen& screen, ConflictAnalysisActions& actions) {
    ui::sectionHeader(_("Your judgement of harmful conflict"));
    ui::mutedText(_("Your professional judgement for this child, not a calculation. Give your reasons in the "
                    "conclusion."));
    int shown = 0;
    for (HarmJudgement j :
         {HarmJudgement::Low, HarmJudgement::Medium, HarmJudgement::High, HarmJudgement::CannotSayYet}) {
        if (shown++ > 0) ImGui::SameLine();
        const bool chosen = screen.analysis.harmJudgement == j;
        if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        const std::string label = std::string(chosen ? "\u25C9 " : "\u25CB ") + _(harmJudgementLabel(j));
        if (ui::bigButton(label.c_str(), (std::string("conflict.judgement.") + harmJudgementId(j)).c_str(),
                          ui::dp(170))) {
            screen.analysis.harmJudgement = j;
            actions.changed = true;
        }
        if (chosen) ImGui::PopStyleColor();
    }
}

void drawProblems(ConflictAnalysisScreen& screen) {
    if (screen.problems.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(253, 236, 230, 255));
    const float height =
        ImGui::GetTextLineHeightWithSpacing() * float(screen.problems.size() + 1) + ui::dp(28);
    ImGui::BeginChild("##conflict_problems", ImVec2(0, height), true);
    dangerText(_("Cannot sign yet. Still needed:"));
    for (const std::string& p : screen.problems)
        ImGui::BulletText("%s", p.c_str());
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ui::tag("conflict.problems");
    if (screen.revealProblems) { // Sign is at the bottom: show why it was refused
        ImGui::SetScrollHereY(1.0f);
        screen.revealProblems = false;
    }
}

void drawSign(ConflictAnalysisScreen& screen, ConflictAnalysisActions& actions) {
    ui::sectionHeader(_("Sign"));
    ui::mutedText(_("Signing freezes this analysis. Anything you add later is a dated addendum."));
    if (ui::textField(_("Your name, typed"), nullptr, screen.analysis.signatureName, "conflict.signer", 1))
        actions.changed = true;
    if (ui::signaturePad(screen.analysis.signatureStrokes, screen.currentStroke, "conflict.signature_pad"))
        actions.changed = true;
    drawProblems(screen);
    if (ui::primaryButton(_("Sign the analysis"), "conflict.sign", ui::dp(300))) actions.signTapped = true;
}

void drawSigned(const ConflictAnalysisScreen& screen) {
    ui::wrappedTextF(_("Signed by %s, %s"), screen.signedBy.c_str(),
                     model::formatForPeople(screen.signedAt).c_str());
    ui::tag("conflict.signed");
    for (ConflictSection s : conflictSections()) {
        const AnalysisSection& sec = screen.analysis.section(s);
        ui::sectionHeader(_(sectionTitle(s)));
        const char* none = sectionNoneLabel(s);
        ui::wrappedText(sec.text.empty() && sec.notApplicable && none ? _(none) : sec.text.c_str());
        for (const Citation& c : sec.citations)
            ImGui::BulletText("%s", citationText(screen, c).c_str());
        if (s == ConflictSection::CoachingPressure) {
            ui::sectionHeader(_("Indicators that apply significantly"));
            int marked = 0;
            for (ConflictIndicator i : conflictIndicators()) {
                const IndicatorMark& mark = screen.analysis.indicator(i);
                if (!mark.applies) continue;
                ++marked;
                ImGui::BulletText("%s", _(indicatorTitle(i)));
                ImGui::Indent(ui::dp(28));
                ui::wrappedText(mark.note.c_str());
                ImGui::Unindent(ui::dp(28));
            }
            if (marked == 0) ui::wrappedText(_("None marked."));
        }
        if (s == ConflictSection::Protective) {
            ui::sectionHeader(_("Your judgement of harmful conflict"));
            ImGui::TextUnformatted(_(harmJudgementLabel(screen.analysis.harmJudgement)));
        }
    }
    ui::sectionHeader(_("Signed by"));
    ImGui::TextUnformatted(screen.analysis.signatureName.c_str());
    ui::signatureView(screen.analysis.signatureStrokes, ui::dp(80));
}

void drawAnalysis(ConflictAnalysisScreen& screen, ConflictAnalysisActions& actions) {
    for (ConflictSection s : conflictSections()) {
        drawSection(screen, s, actions);
        if (s == ConflictSection::CoachingPressure) drawIndicators(screen, actions);
        if (s == ConflictSection::Protective) drawJudgement(screen, actions);
    }
    drawSign(screen, actions);
}

} // namespace

bool openConflictAnalysis(storage::Store& store, const ContentLibrary& library, const std::string& visitId,
                          const std::string& author, ConflictAnalysisScreen& screen, std::string& error) {
    const auto visit = store.recordById(visitId);
    if (!visit || visit->kind != storage::kinds::kVisit) {
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
        if (r.kind == storage::kinds::kActivity) {
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
            fresh.signedAt = r.signedAt;
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
    screen.problems.clear();
    for (const AnalysisProblem& p :
         screen.analysis.problemsBeforeSigning(screen.activityRecordId, screen.childResult))
        screen.problems.push_back(std::string(_(p.subject)) + ": " + _(p.need));
    screen.revealProblems = !screen.problems.empty();
    if (!screen.problems.empty()) return false;
    if (!saveConflictAnalysis(store, screen)) return false;
    try {
        const storage::Record signedRecord = store.sign(screen.recordId, screen.analysis.signatureName);
        screen.isSigned = true;
        screen.signedBy = signedRecord.signedBy;
        screen.signedAt = signedRecord.signedAt;
        screen.chosenStep.clear();
        return true;
    } catch (const std::exception& e) {
        screen.error = e.what();
        return false;
    }
}

void drawConflictAnalysisView(ConflictAnalysisScreen& screen, ConflictAnalysisActions& actions) {
    ui::mutedText(
        _("Your professional judgement, never a score. The child's words stay as they gave them; your "
          "view of coaching or pressure goes in its own section."));
    if (!screen.error.empty()) dangerText(screen.error.c_str());
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (screen.isSigned) { // one document: the analysis with its evidence, then all the child's answers
        drawSigned(screen);
        drawChildAnswers(screen);
        return;
    }
    const bool sideBySide =
        ImGui::GetIO().DisplaySize.x > ImGui::GetIO().DisplaySize.y * 1.1f && avail.x > ui::dp(900);
    if (!sideBySide) {
        drawChildAnswers(screen);
        drawAnalysis(screen, actions);
        return;
    }
    // Landscape: the evidence column stays put while the sections scroll.
    ImGui::BeginChild("##conflict_answers", ImVec2(avail.x * 0.36f, avail.y), false);
    ui::dragToScroll();
    drawChildAnswers(screen);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##conflict_sections", ImVec2(0.0f, avail.y), false);
    ui::dragToScroll();
    drawAnalysis(screen, actions);
    ImGui::EndChild();
}

} // namespace heard::tools
