// The view side of the activity framework (the model side is
// app/tools/framework/model/activity_type.h): how an activity looks in child mode and in the
// practitioner's summary.
//
// The child-mode container (the workflow, issue 4) owns the full screen and the way out (which
// needs the practitioner). Inside it, it calls
//     heard::tools::drawChildView(run, state, actions);
// every frame, and applies `actions` (save the record, finish, leave). For a record it calls
//     heard::tools::drawSummary(result, content);
// inside any window (content may be nullptr when its file is gone: the record still shows).
//
// A type's views are registered under the type id by its tool (called from
// app/tools/builtin_views.cpp). A type with no registered view is drawn by the shared step views
// (one per step kind, step_views.h); a type with its own screens registers its own drawChildBody
// / drawSummary.
#pragma once

#include "app/tools/framework/model/activity_run.h"

#include <functional>
#include <string>
#include <vector>

namespace heard::tools {

// View-only state of one activity on screen (never saved): the word/draw mode, the pen
// colour, a stroke being drawn, the person picked to place.
struct ChildViewState {
    bool drawMode = false;
    int penColour = 0;
    Stroke currentStroke;
    bool drawing = false;
    std::string selectedToken;   // my world: tapped in the tray, placed by the next tap on the map
    std::string draggingToken;   // my world: being moved by a finger
    std::string lastStepId;      // resets per-step state when the step changes
    bool confirmingStop = false; // the child tapped Stop: "Do you want to stop?" is asked, once
    bool spokenOnOpen = false;   // read aloud: this screen was read as it opened
    // My world (issue 18.2): the child adding someone of their own, named in their own words.
    bool addingPerson = false;
    std::string newName;   // exactly as the child types it
    std::string newFigure; // the picture chosen; "" none yet
};

// What happened in child mode this frame, for the container to apply.
struct ActivityActions {
    bool changed = false;         // the answers changed: autosave
    bool stopped = false;         // the child stopped the activity
    bool done = false;            // the child tapped "All done" on the last screen
    bool languageChanged = false; // the child switched language (the run already has it)
};

struct ChildViewOptions {
    bool showStop = true; // false when the container draws its own stop button
    bool showLanguageSwitch = true;
    bool readAloudOnOpen = false; // the child's setting: each screen is read aloud as it opens
};

// The least room between Stop and any other button (issue 18.4): a finger aiming for the
// language switch or Next never lands on Stop.
constexpr float kStopClearanceDp = 48.0f;
// The narrowest a "where would you like to start?" card gets before the cards go onto more rows.
constexpr float kStartCardMinDp = 200.0f;

using ChildViewFn = std::function<void(ActivityRun&, ChildViewState&, ActivityActions&)>;
using SummaryViewFn = std::function<bool(const ActivityResult&, const ActivityContent*, std::string*)>;

struct ActivityView {
    std::string typeId;
    ChildViewFn drawChildBody; // the step area; empty: the shared step views
    SummaryViewFn drawSummary; // empty: the shared summary
};

class ActivityViewRegistry {
public:
    void add(ActivityView view);
    const ActivityView* find(const std::string& typeId) const;

private:
    std::vector<ActivityView> m_views;
};
// Every type's views; filled on first use by registerBuiltinActivityViews().
ActivityViewRegistry& activityViews();

// Registers every built-in tool's views. Declared here, defined in ONE place above the tools
// (app/tools/builtin_views.cpp), so the framework names no concrete tool (see activity_type.h).
void registerBuiltinActivityViews(ActivityViewRegistry& registry);

// Draws the whole child-mode activity in the current window, in the run's language (the
// practitioner's language is restored afterwards): title, prompt with its picture, the step,
// and big Back / Skip / Next buttons, a language switch and Stop.
void drawChildView(ActivityRun& run, ChildViewState& state, ActivityActions& actions,
                   const ChildViewOptions& options = {});

// The practitioner's view of a result: each step's prompt, status and the child's answer
// exactly as given, what was skipped, a stop, a safety flag, and separately the practitioner's
// interpretation. Drawn in the current (practitioner's) language. With `interpretation` the
// practitioner can write their interpretation (tagged interpretationTag); returns true when it
// changed. The child's answers are never editable here.
bool drawSummary(const ActivityResult& result, const ActivityContent* content,
                 std::string* interpretation = nullptr,
                 const char* interpretationTag = "activity.interpretation");

// For the practitioner choosing an activity: the activities that suit the child's age (age < 0:
// all), each a big picture button tagged "activity.pick.<content id>", and below them any content
// file that could not be loaded, with its error. Returns the chosen content or nullptr.
const ActivityContent* drawActivityPicker(const ContentLibrary& library, int childAge);

} // namespace heard::tools
