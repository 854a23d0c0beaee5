// The child's identity and needs (issue 18.6; NS 3.3, 8.6): each item optional, "Not known"
// a tap away, nothing chosen for the practitioner.
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/ui/identity_view.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/screens.h"

namespace heard::ui {

void drawIdentityScreen(App& app, Actions& actions) {
    beginScreen("##identity");
    IdentityEditor& form = app.editors().identity;
    if (childScreenHeader(app, _("< Child"), _("Identity and needs")))
        actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    mutedText(_("Each item is optional. Write it as the child or family describe it, or tick Not known. "
                "Anything left empty is kept as not recorded."));
    for (const model::FieldSpec& spec : model::identityNeedsFields()) {
        model::IdentityItem item = form.needs.item(spec.key);
        if (identityItemField(spec, item, "identity.")) {
            form.needs.set(spec.key, item);
            form.markEdited();
        }
    }
    sectionHeader(_("Sign"));
    if (textField(_("Your name, typed"), nullptr, form.signatureName, "identity.signature_name", 1))
        form.markEdited();
    if (signaturePad(form.signatureStrokes, form.currentStroke, "identity.signature_pad")) form.markEdited();
    ImGui::Text(_("Date and time: %s"), model::formatForPeople(app.now()).c_str());
    form.signProblems.update(form.problems());
    signProblemsPanel(form.signProblems, problemFields("identity.", {}, {}));
    if (primaryButton(_("Sign"), "identity.sign", dp(300)))
        actions.later([](App& a) { a.editors().identity.sign(a); });
    endScreen();
}

} // namespace heard::ui
