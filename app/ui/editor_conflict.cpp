// The practitioner's impact of parental conflict analysis of a visit (app/tools/parental_conflict).
#include "app/i18n/i18n.h"
#include "app/ui/app.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/editors.h"

#include <stdexcept>

namespace heard::ui {

const char* ConflictEditor::what() const {
    return _("the parental conflict analysis");
}

void ConflictEditor::saveTo(storage::Store& store) {
    // A failed save keeps everything on screen and stays dirty, so the next save retries.
    if (!tools::saveConflictAnalysis(store, screen)) throw std::runtime_error(screen.error);
}

bool ConflictEditor::open(App& app, const std::string& visitId, std::string& error) {
    tools::ConflictAnalysisScreen opened;
    if (!tools::openConflictAnalysis(*app.store(), app.activityLibrary(), visitId, app.author(), opened,
                                     error))
        return false;
    clear();
    screen = std::move(opened);
    return true;
}

void ConflictEditor::sign(App& app) {
    if (!app.store()) return;
    if (!tools::signConflictAnalysis(*app.store(), screen)) {
        if (!screen.error.empty())
            app.notice = {std::string(_("The analysis could not be signed: ")) + screen.error, true};
        return;
    }
    markSaved();
    app.nav().setRecord(screen.recordId);
    app.notice = catalogueNotice(N_("Analysis signed. It will sync when there is a connection."));
}

} // namespace heard::ui
