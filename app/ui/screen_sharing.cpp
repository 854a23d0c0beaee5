// Information shared, or a decision not to share (SF 3.62): what, with whom, why, the basis
// (content-driven, none chosen for the practitioner), who decided and when.
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/model/event_time.h"
#include "app/model/safeguarding_content.h"
#include "app/ui/choice_button.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/screens.h"

namespace heard::ui {

void drawSharingScreen(App& app, Actions& actions) {
    beginScreen("##sharing");
    SharingEditor& form = app.editors().sharing;
    model::InformationSharing& sharing = form.sharing;
    if (childScreenHeader(app, _("< Child"), _("Information shared")))
        actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    mutedText(
        _("Share only what is needed, with those who need it, securely. The child's safety comes first. "
          "Always record the reasons for your decision, to share or not (SF 3.62)."));
    if (textField(_("What was shared"), nullptr, sharing.what, "sharing.what", 3)) form.markEdited();
    if (textField(_("With whom"), _("Name, role and organisation."), sharing.withWhom, "sharing.with_whom",
                  1))
        form.markEdited();
    if (textField(_("Why"), _("The purpose of sharing."), sharing.why, "sharing.why", 2)) form.markEdited();

    sectionHeader(_("Basis"));
    const model::SafeguardingContent& content = model::safeguardingContent();
    for (const std::string& error : content.errors)
        mutedText(error.c_str());
    const model::SharingBasis* chosen = content.basis(sharing.basis);
    for (const model::SharingBasis& basis : content.sharingBases)
        if (choiceButton(basis.text.shown().c_str(), sharing.basis == basis.id,
                         ("sharing.basis." + basis.id).c_str(), -1.0f)) {
            sharing.basis = sharing.basis == basis.id ? "" : basis.id;
            form.markEdited();
        }
    if (chosen && chosen->needsReason &&
        textField(_("The reasons for your decision"), _("Why consent was not needed, or why not shared."),
                  sharing.basisReason, "sharing.basis_reason", 3))
        form.markEdited();

    sectionHeader(_("The decision"));
    if (textField(_("Who decided"), _("Name and role; say if your manager was consulted."), sharing.decidedBy,
                  "sharing.decided_by", 1))
        form.markEdited();
    if (textField(_("When it was decided, if not now"), _("year-month-day hours:minutes"), form.decidedWhen,
                  "sharing.decided_when", 1)) {
        // Kept in the record as soon as it reads as a time, so lock or a crash loses nothing.
        std::string at;
        const char* why = nullptr;
        if (model::parseEventTime(form.decidedWhen, model::fromIsoUtc(app.now()), at, why)) {
            sharing.decidedAt = at;
            form.timeError.clear();
        }
        form.markEdited();
    }
    errorLine(form.timeError.c_str());

    sectionHeader(_("Sign"));
    if (textField(_("Your name, typed"), nullptr, sharing.signatureName, "sharing.signature_name", 1))
        form.markEdited();
    if (signaturePad(sharing.signatureStrokes, form.draft.currentStroke, "sharing.signature_pad"))
        form.markEdited();
    ImGui::Text(_("Date and time: %s"), model::formatForPeople(app.now()).c_str());
    if (form.timeError.empty())
        form.draft.signProblems.update(model::sharingProblems(sharing, model::fromIsoUtc(app.now())));
    signProblemsPanel(form.draft.signProblems, problemFields("sharing.", {}));
    if (primaryButton(_("Save and sign"), "sharing.sign", dp(300)))
        actions.later([](App& a) { a.editors().sharing.sign(a); });
    endScreen();
}

} // namespace heard::ui
