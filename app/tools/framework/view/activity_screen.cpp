#include "app/tools/framework/view/activity_screen.h"

#include "app/i18n/i18n.h"
#include "app/tools/framework/view/child_text.h"
#include "app/ui/kit/widgets.h"

namespace heard::tools {

void ActivitySession::ensureLibrary() {
    if (libraryLoaded) return;
    library = loadContentFolders(folders.empty() ? contentFolders() : folders);
    libraryLoaded = true;
}

bool ActivitySession::start(const std::string& contentId, const std::string& language, int childAge) {
    ensureLibrary();
    const ActivityContent* content = library.find(contentId);
    if (!content) return false;
    run = std::make_unique<ActivityRun>(*content, language, childAge);
    state = ChildViewState{};
    lastActions = ActivityActions{};
    recorder.reset();
    saveError.clear();
    return true;
}

void ActivitySession::attachStore(storage::Store& store, const ActivityRecordContext& context) {
    recorder = std::make_unique<ActivityRecorder>(store, context);
}

void ActivitySession::save() {
    saveWanted = false;
    if (!recorder || !run) return;
    try {
        recorder->save(*run);
        saveError.clear();
    } catch (const std::exception& e) {
        saveError = e.what();
    }
}

bool drawActivityScreen(ActivitySession& session) {
    ui::beginScreen("##activity");
    bool close = false;
    if (session.run) {
        ActivityActions actions;
        drawChildView(*session.run, session.state, actions, session.options);
        session.lastActions = actions;
        if (actions.changed || actions.done) session.saveWanted = true;
        close = actions.done;
    } else {
        ui::mutedText(_("No activity is running."));
        close = ui::bigButton(_("< Back"), "activity.close");
    }
    ui::endScreen();
    return close;
}

void handleActivityEvent(ActivitySession& /*session*/, const SDL_Event& event) {
    noteTextInput(event);
}

} // namespace heard::tools
