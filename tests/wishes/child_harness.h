// Child mode for tests: the real window (SDL, dummy video driver, software renderer), the real
// ImGui style and fonts, the real headless test driver, and drawChildView() full screen, as the
// child-mode container draws it. Taps and drags go through the same pointer path as a finger.
#pragma once

#include "app/i18n/i18n.h"
#include "app/tools/framework/model/activity_run.h"
#include "app/tools/framework/view/activity_views.h"
#include "app/tools/framework/view/child_text.h"
#include "app/ui/kit/text_area.h"
#include "app/ui/kit/widgets.h"
#include "platform/test_driver.h"
#include "platform/window.h"
#include "tests/support/headless_window.h"

#include <doctest/doctest.h>

#include <memory>

namespace heard::test {

inline const tools::ContentLibrary& shippedContent() {
    static tools::ContentLibrary s_library =
        tools::loadContentLibrary(std::string(HEARD_SOURCE_DIR) + "/assets/tools");
    return s_library;
}

struct ChildHarness {
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<platform::TestDriver> driver;
    std::unique_ptr<tools::ActivityRun> run;
    tools::ChildViewState state;
    tools::ActivityActions lastActions;
    int changes = 0;
    bool done = false;

    ChildHarness(const std::string& contentId, const std::string& language = "en", int width = 1280,
                 int height = 800) {
        i18n::setCatalogueDir(HEARD_LOCALE_DIR);
        window = headlessWindow(width, height);
        driver = std::make_unique<platform::TestDriver>(*window, [this] { frame(); });
        restart(contentId, language);
    }

    // A new run in the same window (opening windows is the slow part of these tests).
    void restart(const std::string& contentId, const std::string& language) {
        const tools::ActivityContent* content = shippedContent().find(contentId);
        REQUIRE_MESSAGE(content, "no content " << contentId);
        run = std::make_unique<tools::ActivityRun>(*content, language);
        state = tools::ChildViewState{};
        done = false;
        driver->frames(2);
    }

    void frame() {
        window->pumpEvents(0, [](const SDL_Event& e) { // as the container must
            tools::noteTextInput(e);
            ui::textAreaEvent(e); // the child's words box is the kit's text area (issue 13.1)
        });
        window->beginFrame();
        ui::setFrameContext(window->scale(), window->fonts());
        ui::beginScreen("##child_mode");
        tools::ActivityActions actions;
        tools::drawChildView(*run, state, actions);
        ui::endScreen();
        window->endFrame();
        if (actions.changed) ++changes;
        if (actions.done) done = true;
        lastActions = actions;
    }

    const tools::ActivityResult& result() const { return run->result(); }
    const tools::Answer& answer(const std::string& stepId) const {
        const tools::Answer* a = run->result().answerFor(stepId);
        REQUIRE(a);
        return *a;
    }
    std::string currentStepId() const { return run->currentStep() ? run->currentStep()->id : std::string(); }
    // Taps Next and checks the step moved on.
    void next() { driver->tap("activity.next"); }
    void skip() { driver->tap("activity.skip"); }
    void finish() {
        REQUIRE(run->finished());
        driver->tap("activity.done");
        CHECK(done);
    }
};

} // namespace heard::test
