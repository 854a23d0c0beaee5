#include "platform/test_driver.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstring>
#include <stdexcept>

namespace heard::platform {

TestDriver::TestDriver(Window& window, std::function<void()> runOneFrame)
    : m_window(window), m_runOneFrame(std::move(runOneFrame)) {
    m_window.pointerOverride().active = true;
    m_window.pointerOverride().x = -1000; // off-window until the first tap
    m_window.pointerOverride().y = -1000;
}

TestDriver::~TestDriver() {
    m_window.pointerOverride().active = false;
}

void TestDriver::frames(int count) {
    for (int i = 0; i < count; ++i)
        m_runOneFrame();
}

bool TestDriver::has(const std::string& tag) const {
    return TagRegistry::instance().find(tag) != nullptr;
}

TagRect TestDriver::rect(const std::string& tag) const {
    if (const TagRect* found = TagRegistry::instance().find(tag)) return *found;
    std::string visible;
    for (const auto& name : TagRegistry::instance().visibleTags())
        visible += " " + name;
    throw std::runtime_error("tag '" + tag + "' is not on screen; visible:" + visible);
}

void TestDriver::pointerTo(float x, float y, bool down) {
    PointerOverride& pointer = m_window.pointerOverride();
    pointer.x = x;
    pointer.y = y;
    pointer.down = down;
}

void TestDriver::tap(const std::string& tag) {
    const TagRect r = reveal(tag);
    tapAt(r.centreX(), r.centreY());
}

TagRect TestDriver::reveal(const std::string& tag) {
    // One frame first: a scroll the screen asked for in the last frame (a refused sign showing
    // its reasons) lands before the tap is aimed, as a finger would wait for it.
    frames(1);
    TagRect r = rect(tag);
    for (int attempt = 0; attempt < 6; ++attempt) {
        // Visible means inside the scrolling window's visible area (a column of its own, say),
        // or on the display when nothing scrolls it.
        ImGuiWindow* window = r.scrollWindow ? ImGui::FindWindowByID(r.scrollWindow) : nullptr;
        const float top = window ? window->InnerRect.Min.y : 0.0f;
        const float bottom = window ? window->InnerRect.Max.y : ImGui::GetIO().DisplaySize.y;
        if (r.y0 >= top && r.y1 <= bottom) return r;
        // ImGui sizes a window's scroll range from the frame before: on a screen that has just
        // changed, the range shows a frame late.
        if (window) ImGui::SetScrollY(window, window->Scroll.y + r.centreY() - (top + bottom) * 0.5f);
        frames(window ? 2 : 1);
        r = rect(tag);
    }
    return r;
}

// ImGui times double taps by the wall clock, and headless frames are fast enough that two of a
// test's taps can fall within MouseDoubleClickTime (a text field then selects a word, and the
// next typing replaces it). A finger's separate taps are well apart: the last press is moved a
// second into the past before each new one.
static void apartFromLastPress() {
    ImGuiIO& io = ImGui::GetIO();
    for (double& pressedAt : io.MouseClickedTime)
        pressedAt = ImGui::GetTime() - 1.0 - double(io.MouseDoubleClickTime);
}

void TestDriver::tapAt(float x, float y) {
    pointerTo(x, y, false); // hover first, as a finger landing does through SDL's mouse emulation
    frames(1);
    apartFromLastPress();
    pointerTo(x, y, true);
    frames(2);
    pointerTo(x, y, false);
    frames(2);
}

void TestDriver::drag(float fromX, float fromY, float toX, float toY, int steps) {
    pointerTo(fromX, fromY, false);
    frames(1);
    apartFromLastPress();
    pointerTo(fromX, fromY, true);
    frames(1);
    for (int i = 1; i <= steps; ++i) {
        const float t = float(i) / float(steps);
        pointerTo(fromX + (toX - fromX) * t, fromY + (toY - fromY) * t, true);
        frames(1);
    }
    pointerTo(toX, toY, false);
    frames(2);
}

void TestDriver::dragTag(const std::string& tag, float dx, float dy, int steps) {
    const TagRect r = rect(tag);
    drag(r.centreX(), r.centreY(), r.centreX() + dx, r.centreY() + dy, steps);
}

void TestDriver::typeText(const std::string& utf8) {
    // SDL_TEXTINPUT carries at most 31 bytes; split on UTF-8 character boundaries.
    size_t start = 0;
    while (start < utf8.size()) {
        size_t end = std::min(utf8.size(), start + sizeof(SDL_TextInputEvent::text) - 1);
        while (end < utf8.size() && end > start && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80)
            --end;
        SDL_Event event{};
        event.type = SDL_TEXTINPUT;
        event.text.windowID = SDL_GetWindowID(m_window.sdlWindow());
        std::memcpy(event.text.text, utf8.data() + start, end - start);
        event.text.text[end - start] = '\0';
        SDL_PushEvent(&event);
        frames(1);
        start = end;
    }
    frames(1);
}

void TestDriver::pressKey(SDL_Keycode key, Uint16 mod) {
    for (Uint32 type : {Uint32(SDL_KEYDOWN), Uint32(SDL_KEYUP)}) {
        SDL_Event event{};
        event.type = type;
        event.key.windowID = SDL_GetWindowID(m_window.sdlWindow());
        event.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
        event.key.keysym.sym = key;
        event.key.keysym.scancode = SDL_GetScancodeFromKey(key);
        event.key.keysym.mod = mod;
        SDL_PushEvent(&event);
        frames(1);
    }
    frames(1);
}

} // namespace heard::platform
