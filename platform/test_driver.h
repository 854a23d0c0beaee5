// Drives the real app headless: taps, drags and typing aimed at tagged widgets, then frames.
//
// Used by scenario tests and the screenshot tour. The pointer goes through
// Window::pointerOverride (SDL's mouse state cannot be injected); keys and text go through
// real SDL events so they take the same path as a keyboard or the on-screen keyboard.
#pragma once

#include "platform/ui_tags.h"
#include "platform/window.h"

#include <functional>
#include <string>

namespace heard::platform {

class TestDriver {
public:
    // runOneFrame pumps events and draws exactly one frame of the app.
    TestDriver(Window& window, std::function<void()> runOneFrame);
    ~TestDriver();

    void frames(int count = 1);
    bool has(const std::string& tag) const;
    // The tag's rectangle in the latest frame; throws std::runtime_error naming the visible
    // tags when it is not on screen, so a failing test says what it saw instead.
    TagRect rect(const std::string& tag) const;

    // Taps the tag's centre. A widget laid out beyond the window edge is first scrolled into
    // view in the window that holds it, as a finger would (drag-to-scroll has its own tests).
    void tap(const std::string& tag);
    // Scrolls the tag's window so the tag is on screen; returns its rectangle then.
    TagRect reveal(const std::string& tag);
    void tapAt(float x, float y);
    void drag(float fromX, float fromY, float toX, float toY, int steps = 8);
    // Presses at the tag's centre and drags by (dx, dy): a finger scrolling or moving a mark.
    void dragTag(const std::string& tag, float dx, float dy, int steps = 8);
    void typeText(const std::string& utf8);
    // mod: SDL key modifiers held with it (KMOD_CTRL for Ctrl+X, KMOD_SHIFT to select).
    void pressKey(SDL_Keycode key, Uint16 mod = 0);

private:
    void pointerTo(float x, float y, bool down);

    Window& m_window;
    std::function<void()> m_runOneFrame;
};

} // namespace heard::platform
