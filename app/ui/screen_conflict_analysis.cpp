// The practitioner's impact of parental conflict analysis of one visit, in the app: the tool's
// own view (app/tools/parental_conflict/view) inside the screen frame, autosaved like every
// draft; once signed, read-only with its dated addenda and a way to add one.
#include "app/i18n/i18n.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/screens.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

namespace heard::ui {

void drawConflictAnalysisScreen(App& app, Actions& actions) {
    beginScreen("##conflict_analysis");
    ConflictEditor& form = app.editors().conflict;
    if (childScreenHeader(app, _("< Visit"), _("Impact of parental conflict: analysis")))
        actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    if (!form.screen.isSigned) {
        chip(form.dirty()                   ? _("Saving soon")
             : form.screen.recordId.empty() ? _("Not started")
                                            : _("Draft saved"),
             IM_COL32(236, 244, 243, 255), colours::muted);
        tag("conflict.saved_state");
    }
    tools::ConflictAnalysisActions changes;
    tools::drawConflictAnalysisView(form.screen, changes);
    if (changes.changed) app.editors().conflict.markEdited();
    if (changes.signTapped) actions.later([](App& a) { a.editors().conflict.sign(a); });
    if (form.screen.isSigned) {
        ImGui::Spacing();
        if (primaryButton(_("Add an addendum"), "conflict.add_addendum", dp(300)))
            actions.later([id = form.screen.recordId](App& a) { a.startAddendum(id); });
        drawAddenda(app, form.screen.recordId);
    }
    endScreen();
}

} // namespace heard::ui
