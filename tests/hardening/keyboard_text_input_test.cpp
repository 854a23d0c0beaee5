// hardening.keyboard_text_input (issue 17 item 5, keyboard caching): what the app controls of
// the system keyboard on this platform. Heard draws its own fields; the system's text input (the
// input method — IBus, fcitx, some of which learn words — and on a tablet the on-screen
// keyboard) only delivers characters through SDL. SDL switches it on for every window on a
// desktop, so before this test it was on from start-up, on the lock screen with no field
// chosen, on the caseload, and after lock. Now it is on only while a field has the keyboard:
// the test drives the real app headless and reads SDL's own state (SDL_IsTextInputActive) on
// every screen and after each step. What SDL 2 offers no control over (an input method's or
// keyboard's own learning while a field has it) is set out in docs/security-model.md.
#include "tests/workflow/workflow_harness.h"

#include "app/ui/kit/text_area.h"

#include <doctest/doctest.h>

#include <SDL.h>

using namespace heard;

namespace {

bool textInputOn() {
    return SDL_IsTextInputActive() == SDL_TRUE;
}

void pushWindowEvent(test::WorkflowApp& w, Uint8 what) {
    SDL_Event event{};
    event.type = SDL_WINDOWEVENT;
    event.window.event = what;
    event.window.windowID = SDL_GetWindowID(w.window->sdlWindow());
    SDL_PushEvent(&event);
}

} // namespace

TEST_CASE("the system keyboard is on only while a text field has it: never on the lock screen by itself, "
          "off when the field loses it, off at lock") {
    test::WorkflowApp w(/*autoLockSeconds=*/0, 1280, 4200);
    w.driver->frames(2);

    // The lock screen, nothing chosen: no keyboard, no input method listening.
    CHECK(w.app->screen() == ui::ScreenId::Unlock);
    CHECK_FALSE(textInputOn());
    // The passphrase field takes it; a tap on a button gives it back.
    w.driver->tap("unlock.passphrase");
    CHECK(textInputOn());
    w.driver->tap("unlock.fill_demo");
    CHECK_FALSE(textInputOn());
    w.driver->tap("unlock.ok");
    w.settleUnlock();
    REQUIRE(w.app->unlocked());

    // The caseload (its search field not chosen) and the child's page: off.
    CHECK_FALSE(textInputOn());
    w.driver->tap("caseload.child.child-demo-3");
    CHECK_FALSE(textInputOn());
    w.driver->tap("child.start_visit");
    w.driver->tap("visit.confidentiality");
    w.driver->tap("visit.begin");
    CHECK_FALSE(textInputOn());

    // A visit field (the kit's text area) has it while chosen, and what is typed arrives.
    w.tapAndType("visit.carer_feedback", "fictional note");
    CHECK(textInputOn());
    ui::TextAreaProbe probe;
    REQUIRE(ui::textAreaProbe("visit.carer_feedback", probe));
    CHECK(probe.focused);
    CHECK(w.app->editors().visit.dirty());
    // A tap outside any field (on the "saved" line) gives it back.
    w.driver->tap("visit.saved_state");
    CHECK_FALSE(ui::textAreaFocused());
    CHECK_FALSE(textInputOn());

    // The window losing focus (the privacy screen): off; back to the visit: still off until a
    // field is chosen again.
    w.driver->tap("visit.carer_feedback");
    CHECK(textInputOn());
    pushWindowEvent(w, SDL_WINDOWEVENT_FOCUS_LOST);
    w.driver->frames(2);
    CHECK_FALSE(textInputOn());
    pushWindowEvent(w, SDL_WINDOWEVENT_FOCUS_GAINED);
    w.driver->frames(2);

    // Lock with a field chosen: off on the lock screen.
    w.driver->tap("visit.carer_feedback");
    CHECK(textInputOn());
    w.app->lock();
    w.driver->frames(2);
    CHECK(w.app->screen() == ui::ScreenId::Unlock);
    CHECK_FALSE(textInputOn());
}
