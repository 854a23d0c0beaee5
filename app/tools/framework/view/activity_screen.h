// An activity in the App, in child mode: the content library, the run in progress and its view
// state, drawn full screen. The App owns one ActivitySession (ScreenId::Activity); the
// workflow's child-mode container (issue 4) will wrap it with the practitioner's passphrase to
// leave and an ActivityRecorder (activity_recorder.h) to save it.
#pragma once

#include "app/tools/framework/view/activity_recorder.h"
#include "app/tools/framework/view/activity_views.h"

#include <SDL.h>

#include <memory>
#include <string>
#include <vector>

namespace heard::tools {

struct ActivitySession {
    ContentLibrary library;
    bool libraryLoaded = false;
    std::unique_ptr<ActivityRun> run;
    ChildViewState state;
    ActivityActions lastActions;
    bool saveWanted = false;  // the last frame changed the run: the container saves after the frame
    ChildViewOptions options; // read aloud as each screen opens: the child's setting (issue 18.1)

    // Where the content comes from; empty: contentFolders() (assets/tools and any extra folder).
    std::vector<std::string> folders;

    // Loads the catalogue from `folders` once; bad files are kept in library.errors.
    void ensureLibrary();
    // Starts contentId in a language, in the form for a child of childAge (the content's age
    // bands; -1: unknown, the whole activity); false (and no change) when there is no such content.
    bool start(const std::string& contentId, const std::string& language, int childAge = -1);

    // With a store attached, every change is saved as a draft record linked to the visit
    // (ActivityRecorder: highRisk at once when the child says they are not safe). Attach after
    // start(); the App does so once it owns the unlocked store.
    void attachStore(storage::Store& store, const ActivityRecordContext& context);
    // Saves if a store is attached and the run changed. A failure is kept in saveError (for the
    // practitioner, never shown to the child) and retried at the next change; the run in memory
    // keeps everything.
    void save();
    std::unique_ptr<ActivityRecorder> recorder;
    std::string saveError;
};

// Draws the session's activity full screen. Returns true when the child is done (the App goes
// back to the visit). Draws a plain message when nothing is running. Never writes the store:
// a change sets saveWanted, and the container calls save() after the frame.
bool drawActivityScreen(ActivitySession& session);

// Every SDL event, so typed characters ImGui cannot hold are kept (child_text.h).
void handleActivityEvent(ActivitySession& session, const SDL_Event& event);

} // namespace heard::tools
