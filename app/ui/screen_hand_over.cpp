// Before handing the tablet over (issue 18.5): the activity's guidance for the practitioner,
// written in every content file, read here in the practitioner's language, and what the child
// will be asked. Nothing of this screen is ever in child mode; "Hand the tablet to the child"
// is the one way into it from a visit.
#include "app/i18n/i18n.h"
#include "app/tools/framework/model/activity_content.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/kit/wrapped_text.h"
#include "app/ui/screens.h"

namespace heard::ui {

void drawHandOverScreen(App& app, Actions& actions) {
    beginScreen("##hand_over");
    if (childScreenHeader(app, _("< Visit"), _("Before you hand over")))
        actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    const std::string id = app.editors().childMode.handingOver;
    const tools::ActivityContent* content = app.activityLibrary().find(id);
    if (!content) {
        mutedText(_("That activity could not be opened: its content file is missing or damaged."));
        endScreen();
        return;
    }
    screenTitle(_(content->title.c_str()));
    tag("handover.title");
    sectionHeader(_("Guidance for you"));
    wrappedText(_(content->guidance.c_str()));
    tag("handover.guidance");
    mutedText(_("The child does not see this guidance."));
    sectionHeader(_("What the child will be asked"));
    for (const tools::Step& step : content->steps) {
        wrappedTextF("\u2022 %s", _(step.prompt.c_str()));
        if (!step.note.empty()) mutedText(_(step.note.c_str()));
    }
    tag("handover.steps");
    ImGui::Spacing();
    if (primaryButton(_("Hand the tablet to the child"), "handover.start", dp(360)))
        actions.later([id](App& a) { a.enterChildMode(id); });
    endScreen();
}

} // namespace heard::ui
