// The child impact analysis (issue 16, item 2): the evidence the analysis may cite (the child's
// answers in signed activities, newest visit first, then the other signed records) beside the
// sections: the child's experiences, their wishes and feelings, the welfare checklist (a)-(g),
// the options open to the court (no order always among them) and the recommendation. A refused
// signing shows its reasons next to the section concerned. Signed: read-only, with its reports
// and dated addenda. Practitioner only.
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/screens.h"

#include <algorithm>

namespace heard::ui {

namespace {

void dangerLines(const ImpactEditor& e, const std::string& subject) {
    const auto it = e.problems.find(subject);
    if (it == e.problems.end()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
    for (const std::string& need : it->second)
        ImGui::TextWrapped("\u26A0 %s", need.c_str());
    ImGui::PopStyleColor();
    tag(("impact.problem." + subject).c_str());
}

std::string evidenceText(const report::Evidence& e) {
    if (e.question.empty()) return e.source + ", " + e.date;
    return e.date + ", " + e.source + ": " + e.question + "\n" +
           (e.ownWords ? "\u201c" + e.answer + "\u201d" : e.answer + " " + _("(chosen from a list)"));
}

// One piece of evidence as a card to tap (wrapped to the column).
bool evidenceCard(const std::string& text, bool chosen, const std::string& tagName) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x;
    const float wrap = width - style.FramePadding.x * 2.0f;
    const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
    const float height = std::max(touchTarget(), size.y + style.FramePadding.y * 2.0f);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const bool tapped = ImGui::InvisibleButton(("##" + tagName).c_str(), ImVec2(width, height));
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max,
                        ImGui::GetColorU32(chosen                   ? ImGuiCol_ButtonActive
                                           : ImGui::IsItemHovered() ? ImGuiCol_ButtonHovered
                                                                    : ImGuiCol_Button),
                        style.FrameRounding);
    draw->AddText(nullptr, 0.0f, ImVec2(min.x + style.FramePadding.x, min.y + style.FramePadding.y),
                  ImGui::GetColorU32(ImGuiCol_Text), text.c_str(), nullptr, wrap);
    tag(tagName.c_str());
    return tapped;
}

void drawEvidence(ImpactEditor& e) {
    sectionHeader(_("The child's words"));
    if (!e.isSigned)
        mutedText(_("Tap a piece of evidence, then \"Cite\" in a section. Only signed records count."));
    if (e.words.empty()) mutedText(_("No answers from the child in a signed visit yet."));
    for (const auto& [c, ev] : e.words)
        if (evidenceCard(evidenceText(ev), e.chosen == c.key(), "impact.evidence." + c.key()) && !e.isSigned)
            e.chosen = e.chosen == c.key() ? "" : c.key();
    sectionHeader(_("Other records"));
    for (const auto& [c, ev] : e.records)
        if (evidenceCard(evidenceText(ev), e.chosen == c.key(), "impact.evidence." + c.key()) && !e.isSigned)
            e.chosen = e.chosen == c.key() ? "" : c.key();
}

bool chosenIsWords(const ImpactEditor& e) {
    return std::any_of(e.words.begin(), e.words.end(),
                       [&](const auto& w) { return w.first.key() == e.chosen; });
}

void drawCitations(ImpactEditor& e, std::vector<model::ImpactCitation>& list, const std::string& id,
                   bool wordsOnly) {
    for (size_t i = 0; i < list.size(); ++i) {
        ImGui::PushID(int(i));
        const report::Evidence* ev = e.evidenceFor(list[i]);
        ImGui::Bullet();
        ImGui::SameLine();
        ImGui::TextWrapped("%s",
                           ev ? evidenceText(*ev).c_str() : _("Cited evidence not found on this device"));
        if (!e.isSigned &&
            bigButton(_("Remove"), ("impact.uncite." + id + "." + std::to_string(i)).c_str())) {
            list.erase(list.begin() + long(i));
            e.markEdited();
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }
    if (!e.isSigned && !e.chosen.empty() && (!wordsOnly || chosenIsWords(e)) &&
        bigButton(_("Cite the chosen evidence"), ("impact.cite." + id).c_str()))
        e.cite(list);
}

void drawSection(ImpactEditor& e, model::ImpactSection s) {
    const std::string id = model::impactSectionId(s);
    ImGui::PushID(id.c_str());
    if (s == model::ImpactSection::ChecklistA)
        sectionHeader(_("The welfare checklist (Children Act 1989, s1(3))"));
    sectionHeader(_(model::impactSectionTitle(s)));
    dangerLines(e, id);
    model::ImpactPart& p = e.analysis.part(s);
    if (e.isSigned) {
        ImGui::TextWrapped("%s", p.text.c_str());
    } else if (textField("", _(model::impactSectionHint(s)), p.text, ("impact.text." + id).c_str(), 3)) {
        e.markEdited();
    }
    const bool words = s == model::ImpactSection::WishesFeelings;
    drawCitations(e, p.citations, id, words);
    if (words) {
        if (e.isSigned) {
            if (!e.analysis.noWishesReason.empty())
                ImGui::TextWrapped("%s: %s", _("No wishes and feelings recorded"),
                                   e.analysis.noWishesReason.c_str());
        } else if (textField(_("If the child's wishes and feelings cannot be given, why"), nullptr,
                             e.analysis.noWishesReason, "impact.no_wishes_reason", 2)) {
            e.markEdited();
        }
    }
    ImGui::PopID();
}

void drawOptions(ImpactEditor& e, Actions& actions) {
    sectionHeader(_("The options open to the court"));
    mutedText(
        _("Evaluate each for this child. The court makes no order unless that is better for the child than "
          "no order (s1(5))."));
    dangerLines(e, "options");
    for (size_t i = 0; i < e.analysis.options.size(); ++i) {
        model::CourtOption& o = e.analysis.options[i];
        const std::string id = "option." + std::to_string(i);
        ImGui::PushID(id.c_str());
        ImGui::Separator();
        if (o.noOrder || e.isSigned) {
            ImGui::TextUnformatted(o.noOrder ? _("No order") : o.order.c_str());
        } else if (textField(_("The order"), nullptr, o.order, ("impact." + id + ".order").c_str(), 1)) {
            e.markEdited();
        }
        dangerLines(e, id);
        if (e.isSigned)
            ImGui::TextWrapped("%s", o.evaluation.c_str());
        else if (textField(_("What it would mean for the child"), nullptr, o.evaluation,
                           ("impact." + id + ".evaluation").c_str(), 3))
            e.markEdited();
        drawCitations(e, o.citations, id, false);
        ImGui::PopID();
    }
    if (!e.isSigned) {
        textField(_("Another option"), _("e.g. a child arrangements order"), e.newOption, "impact.new_option",
                  1);
        if (bigButton(_("Add the option"), "impact.add_option"))
            actions.later([](App& a) { a.editors().impact.addOption(); });
    }
}

void drawSigning(ImpactEditor& e, Actions& actions) {
    sectionHeader(_("Sign"));
    mutedText(_("Signing freezes this analysis. Anything you add later is a dated addendum."));
    dangerLines(e, "signature");
    if (textField(_("Your name, typed"), nullptr, e.analysis.signatureName, "impact.signer", 1))
        e.markEdited();
    if (signaturePad(e.analysis.signatureStrokes, e.currentStroke, "impact.signature_pad")) e.markEdited();
    if (primaryButton(_("Sign the analysis"), "impact.sign", dp(300)))
        actions.later([](App& a) { a.editors().impact.sign(a); });
}

void drawReports(App& app, ImpactEditor& e, Actions& actions) {
    ImGui::TextWrapped(_("Signed by %s, %s"), e.signedBy.c_str(), model::formatForPeople(e.signedAt).c_str());
    tag("impact.signed");
    sectionHeader(_("Reports"));
    if (primaryButton(e.reportId.empty() ? _("Make the court report and the child's letter (PDF)")
                                         : _("Make them again"),
                      "impact.make_reports"))
        actions.later([](App& a) { a.editors().impact.makeReports(a); });
    if (!e.reportId.empty()) {
        if (bigButton(_("View the court report"), "impact.view_report"))
            actions.later([id = e.reportId](App& a) { a.editors().reportViewer.open(a, id); });
        ImGui::SameLine();
        if (bigButton(_("View the child's letter"), "impact.view_letter"))
            actions.later([id = e.letterId](App& a) { a.editors().reportViewer.open(a, id); });
    }
    if (bigButton(_("Add an addendum"), "impact.add_addendum"))
        actions.later([id = e.recordId](App& a) { a.startAddendum(id); });
    drawAddenda(app, e.recordId);
}

void drawSections(App& app, ImpactEditor& e, Actions& actions) {
    if (e.isSigned) drawReports(app, e, actions);
    for (model::ImpactSection s : model::impactSections()) {
        if (s == model::ImpactSection::Recommendation) drawOptions(e, actions);
        drawSection(e, s);
    }
    if (!e.isSigned) drawSigning(e, actions);
}

} // namespace

void drawChildImpactScreen(App& app, Actions& actions) {
    beginScreen("##child_impact");
    ImpactEditor& e = app.editors().impact;
    if (screenHeader(_("< Child"), _("Child impact analysis"))) actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    if (!e.isSigned) {
        chip(e.dirty()            ? _("Saving soon")
             : e.recordId.empty() ? _("Not started")
                                  : _("Draft saved"),
             IM_COL32(236, 244, 243, 255), colours::muted);
        tag("impact.saved_state");
    }
    mutedText(
        _("For the court: relate the evidence to what the court is deciding. The child's words are cited "
          "from their records, never copied."));
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const bool sideBySide =
        ImGui::GetIO().DisplaySize.x > ImGui::GetIO().DisplaySize.y * 1.1f && avail.x > dp(900);
    if (!sideBySide) {
        drawEvidence(e);
        drawSections(app, e, actions);
    } else {
        ImGui::BeginChild("##impact_evidence", ImVec2(avail.x * 0.36f, avail.y), false);
        dragToScroll();
        drawEvidence(e);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("##impact_sections", ImVec2(0.0f, avail.y), false);
        dragToScroll();
        drawSections(app, e, actions);
        ImGui::EndChild();
    }
    endScreen();
}

} // namespace heard::ui
