// The whole tablet app: navigation state, the screens, and the frame they draw in.
//
// Screens are functions of state: each reads the App's state and returns Actions; the App
// applies them. main.cpp owns the event loop; tests and the tour call runOneFrame().
#pragma once

#include "app/tools/framework/view/activity_screen.h"
#include "app/tools/skin_map/view/skin_map_view.h"
#include "platform/window.h"

#include <SDL.h>

#include <string>

namespace heard::ui {

struct AppOptions {
    std::string dataDir;         // where the encrypted store lives
    bool demo = false;           // open the fictional demo caseload
    int autoLockSeconds = 300;   // practitioner mode locks after this much idle time
};

enum class ScreenId {
    Unlock,   // first run / unlock
    Caseload, // the practitioner's children and cases
    Child,    // one child's page
    Visit,    // one visit record
    SkinMap,  // the skin map tool (app/tools/skin_map); back goes to the visit
    Activity, // a child-facing activity in child mode (app/tools/framework); done goes to the visit
};

struct Navigation {
    ScreenId screen = ScreenId::Unlock;
    std::string childId;
    std::string recordId;
};

// What a screen asks the App to do after drawing.
struct Actions {
    bool navigate = false;
    Navigation target;
    bool back = false;
};

class App {
public:
    App(platform::Window& window, AppOptions options);

    // Pumps pending events without waiting, draws one frame and presents it.
    void runOneFrame();
    // Draws the current screen; call between Window::beginFrame and endFrame.
    void drawFrame();
    void handleEvent(const SDL_Event& event);
    // How long the loop may sleep before the App needs a frame (timers), in ms; -1: no limit.
    int idleWaitMs() const;

    platform::Window& window() { return m_window; }
    const Navigation& navigation() const { return m_nav; }
    void navigate(const Navigation& target) { m_nav = target; }
    const AppOptions& options() const { return m_options; }
    // The skin map screen's state (until the App owns the store: then a SkinMapController).
    skinmap::SkinMapViewState& skinMap() { return m_skinMap; }
    // The activity in child mode (wishes and feelings, issue 6).
    tools::ActivitySession& activity() { return m_activity; }

private:
    void apply(const Actions& actions);

    platform::Window& m_window;
    AppOptions m_options;
    Navigation m_nav;
    skinmap::SkinMapViewState m_skinMap;
    tools::ActivitySession m_activity;
};

} // namespace heard::ui
