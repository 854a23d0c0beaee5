// The child was not seen: the reason goes on the file (NS 5.1).
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/screens.h"
#include "app/ui/kit/widgets.h"

namespace heard::ui {

void drawNotSeenScreen(App& app, Actions& actions) {
    beginScreen("##not_seen");
    NotSeenEditor& form = app.editors().notSeen;
    if (childScreenHeader(app, _("< Child"), _("Child not seen"))) actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    if (textField(_("Why the child was not seen"),
                  _("For example: the child was unwell; the family was not at home."), form.reason,
                  "not_seen.reason", 4))
        form.markEdited();
    if (textField(_("What happens next"), _("When you will try again, and who you told."), form.plannedNext,
                  "not_seen.next", 3))
        form.markEdited();
    sectionHeader(_("Sign"));
    if (textField(_("Your name, typed"), nullptr, form.signatureName, "not_seen.signature_name", 1))
        form.markEdited();
    if (signaturePad(form.signatureStrokes, form.draft.currentStroke, "not_seen.signature_pad"))
        form.markEdited();
    ImGui::Text(_("Date and time: %s"), model::formatForPeople(app.now()).c_str());
    form.draft.signProblems.update(form.problems());
    signProblemsPanel(form.draft.signProblems, problemFields("not_seen.", {},
                                                             {{"Why the child was not seen", "reason"},
                                                              {"What happens next", "next"}}));
    if (primaryButton(_("Sign"), "not_seen.sign", dp(300)))
        actions.later([](App& a) { a.editors().notSeen.sign(a); });
    endScreen();
}

} // namespace heard::ui
