#include "app/ui/app.h"

#include "app/ui/screens.h"
#include "app/ui/widgets.h"

namespace heard::ui {

App::App(platform::Window& window, AppOptions options) : m_window(window), m_options(std::move(options)) {}

void App::runOneFrame() {
    m_window.pumpEvents(0, [this](const SDL_Event& event) { handleEvent(event); });
    m_window.beginFrame();
    drawFrame();
    m_window.endFrame();
}

void App::drawFrame() {
    setFrameContext(m_window.scale(), m_window.fonts());
    Actions actions;
    switch (m_nav.screen) {
    case ScreenId::Unlock: drawUnlockScreen(*this, actions); break;
    case ScreenId::Caseload: drawCaseloadScreen(*this, actions); break;
    case ScreenId::Child: drawChildScreen(*this, actions); break;
    case ScreenId::Visit: drawVisitScreen(*this, actions); break;
    case ScreenId::SkinMap: {
        beginScreen("##skinmap");
        skinmap::SkinMapViewActions skinMapActions;
        skinmap::drawSkinMapView(m_skinMap, skinMapActions);
        endScreen();
        actions.back = actions.back || skinMapActions.close;
        break;
    }
    case ScreenId::Activity: actions.back = tools::drawActivityScreen(m_activity); break;
    }
    apply(actions);
}

void App::apply(const Actions& actions) {
    if (actions.navigate) m_nav = actions.target;
    if (actions.back) {
        switch (m_nav.screen) {
        case ScreenId::Visit: m_nav.screen = ScreenId::Child; break;
        case ScreenId::SkinMap: m_nav.screen = ScreenId::Visit; break;
        case ScreenId::Activity: m_nav.screen = ScreenId::Visit; break;
        case ScreenId::Child: m_nav.screen = ScreenId::Caseload; break;
        default: break;
        }
    }
}

void App::handleEvent(const SDL_Event& event) {
    if (m_nav.screen == ScreenId::SkinMap) skinmap::handleSkinMapEvent(m_skinMap, event);
    if (m_nav.screen == ScreenId::Activity) tools::handleActivityEvent(m_activity, event);
}

int App::idleWaitMs() const { return -1; }

} // namespace heard::ui
