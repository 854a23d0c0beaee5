// Risk identification (SF 2.26-2.30): every SF 2.14 factor answered present, not present or not
// known (none chosen for the practitioner), with source and evidence; the practitioner's own
// judgement of likelihood and seriousness in words (nothing is calculated or scored); the
// safety plan; a review date. A review of a signed version is a new version that names it.
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/model/safeguarding_content.h"
#include "app/ui/choice_button.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/screens.h"

namespace heard::ui {

namespace {

struct StateChoice {
    const char* state;
    const char* label; // msgid
    const char* tag;
};
const StateChoice kStates[] = {
    {model::kFactorPresent, N_("Present"), "present"},
    {model::kFactorAbsent, N_("Not present"), "not_present"},
    {model::kFactorUnknown, N_("Not known"), "not_known"},
};

} // namespace

void drawRiskScreen(App& app, Actions& actions) {
    beginScreen("##risk");
    RiskEditor& form = app.editors().risk;
    model::RiskIdentification& risk = form.risk;
    if (childScreenHeader(app, _("< Child"),
                          risk.reviews.empty() ? _("Risk identification")
                                               : _("Review of the risk identification")))
        actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    mutedText(_(
        "Describe the risk factors present, judge the likelihood and seriousness of harm in your own words, "
        "and plan what reduces or manages the risk (SF 2.26). High or imminent risk: talk to your manager "
        "now (SF 2.30)."));
    if (!risk.reviews.empty()) {
        if (const auto previous = app.store()->recordById(risk.reviews))
            ImGui::Text(_("Reviews the version signed %s by %s. That version is kept as it was."),
                        model::formatForPeople(previous->signedAt).c_str(), previous->signedBy.c_str());
        if (textField(_("Why it is being reviewed"), _("What changed, or that the review date came."),
                      risk.reviewReason, "risk.review_reason", 2))
            form.markEdited();
    }

    sectionHeader(_("Risk factors (SF 2.14)"));
    const model::SafeguardingContent& content = model::safeguardingContent();
    for (const std::string& error : content.errors)
        mutedText(error.c_str());
    for (const model::ContentItem& factor : content.riskFactors) {
        ImGui::PushID(factor.id.c_str());
        model::FactorAnswer& answer = risk.factors[factor.id];
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(factor.text.shown().c_str());
        ImGui::PopTextWrapPos();
        bool first = true;
        for (const StateChoice& choice : kStates) {
            if (!first) ImGui::SameLine();
            first = false;
            if (choiceButton(_(choice.label), answer.state == choice.state,
                             ("risk.factor." + factor.id + "." + choice.tag).c_str())) {
                answer.state = answer.state == choice.state ? "" : choice.state;
                form.markEdited();
            }
        }
        if (answer.state == model::kFactorPresent) {
            if (textField(
                    _("Source"),
                    _("Where this comes from: screening, a check, a parent, the child, another agency."),
                    answer.source, ("risk.factor." + factor.id + ".source").c_str(), 1))
                form.markEdited();
            if (textField(_("Evidence"), _("What it rests on."), answer.evidence,
                          ("risk.factor." + factor.id + ".evidence").c_str(), 2))
                form.markEdited();
        }
        ImGui::Spacing();
        ImGui::PopID();
    }
    if (textField(_("Other risk factors"), _("The list is not exclusive: anything else, in your own words."),
                  risk.otherFactors, "risk.other", 3))
        form.markEdited();

    sectionHeader(_("Your judgement"));
    mutedText(_("In your own words. Nothing here is calculated or scored."));
    if (textField(_("How likely is harm?"), nullptr, risk.likelihood, "risk.likelihood", 3))
        form.markEdited();
    if (textField(_("How serious would the harm be?"), nullptr, risk.seriousness, "risk.seriousness", 3))
        form.markEdited();
    if (textField(_("Safety plan"), _("What needs to happen, by whom, to keep the child safe."),
                  risk.safetyPlan, "risk.safety_plan", 4))
        form.markEdited();
    if (textField(_("Review date"), _("year-month-day, e.g. 2026-12-14. It shows on your caseload when due."),
                  risk.reviewDate, "risk.review_date", 1))
        form.markEdited();

    sectionHeader(_("Sign"));
    if (textField(_("Your name, typed"), nullptr, risk.signatureName, "risk.signature_name", 1))
        form.markEdited();
    if (signaturePad(risk.signatureStrokes, form.draft.currentStroke, "risk.signature_pad"))
        form.markEdited();
    ImGui::Text(_("Date and time: %s"), model::formatForPeople(app.now()).c_str());
    form.draft.signProblems.update(model::riskSigningProblems(risk, app.now().substr(0, 10)));
    signProblemsPanel(form.draft.signProblems, problemFields("risk.", {}));
    if (primaryButton(_("Sign the risk identification"), "risk.sign", dp(360)))
        actions.later([](App& a) { a.editors().risk.sign(a); });
    endScreen();
}

} // namespace heard::ui
