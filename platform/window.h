// The app's window: SDL2 window + SDL_Renderer + Dear ImGui context, fonts scaled by DPI,
// event pumping that sleeps when idle, and screenshots.
//
// Only the main thread touches this (SDL video and ImGui are single-threaded). Workers wake
// the loop with wakeFromAnyThread(), which pushes an SDL user event.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

struct ImFont;
struct ImGuiStyle;

namespace heard::platform {

struct WindowOptions {
    std::string title = "Heard";
    int width = 1280;
    int height = 800;
    float scale = 0.0f;            // 0: from the display's DPI; otherwise forced (e.g. 1.5)
    bool softwareRenderer = false; // also forced when SDL_VIDEODRIVER=dummy
    std::string fontPath;          // empty: the bundled list of candidates (DejaVu Sans)
    // Builds the base (unscaled) style; called again whenever the scale changes.
    std::function<void(ImGuiStyle&)> styleBuilder;
};

struct Fonts {
    ImFont* body = nullptr;  // everyday text and controls
    ImFont* title = nullptr; // screen titles, section headers
    ImFont* huge = nullptr;  // child mode: big friendly words and symbols
};

// A pointer position and button state that replaces the real mouse for one frame.
// The headless test driver uses it: SDL's own mouse state cannot be injected.
struct PointerOverride {
    bool active = false;
    float x = 0, y = 0;
    bool down = false;
};

class Window {
public:
    // Returns nullptr and fills error when SDL, the renderer or ImGui cannot start.
    static std::unique_ptr<Window> create(const WindowOptions& options, std::string& error);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    // Waits up to timeoutMs for events (0: do not wait), feeds every pending event to ImGui
    // and to onEvent. Returns true when an event arrived (so a few frames should be drawn).
    bool pumpEvents(int timeoutMs, const std::function<void(const SDL_Event&)>& onEvent);
    bool quitRequested() const { return m_quitRequested; }
    void requestQuit() { m_quitRequested = true; }

    void beginFrame();
    void endFrame(); // renders and presents
    uint64_t framesPresented() const { return m_framesPresented; }

    // Saves what the last rendered frame shows (call between render and present:
    // endFrame() does it when a path was queued) as a PNG.
    void queueScreenshot(const std::string& pngPath) { m_screenshotPath = pngPath; }
    bool lastScreenshotOk() const { return m_lastScreenshotOk; }

    void setSize(int width, int height);
    int width() const;
    int height() const;

    float scale() const { return m_scale; }
    void setScale(float scale); // rebuilds fonts and style
    // The practitioner's text size (1.0: 100%) multiplies the display's or the forced scale.
    // It takes effect at the next beginFrame (fonts cannot be rebuilt inside a frame).
    void setTextSize(float factor);
    float textSize() const { return m_pendingTextSize > 0.0f ? m_pendingTextSize : m_textSize; }
    const Fonts& fonts() const { return m_fonts; }

    PointerOverride& pointerOverride() { return m_pointer; }

    SDL_Window* sdlWindow() const { return m_window; }
    SDL_Renderer* sdlRenderer() const { return m_renderer; }

    // Safe from any thread: makes a waiting pumpEvents() return.
    static void wakeFromAnyThread();

private:
    Window() = default;
    void rebuildFontsAndStyle();
    void syncTextInput(); // system text input on only while a field has the keyboard
    float scaleFromDisplay() const;

    SDL_Window* m_window = nullptr;
    SDL_Renderer* m_renderer = nullptr;
    bool m_imguiReady = false;
    bool m_nobodyWatching = false; // SDL's dummy video driver: frames are drawn only to be saved
    bool m_quitRequested = false;
    float m_scale = 1.0f;
    bool m_scaleForced = false;
    float m_textSize = 1.0f, m_pendingTextSize = 0.0f;
    Fonts m_fonts;
    WindowOptions m_options;
    PointerOverride m_pointer;
    std::string m_screenshotPath;
    bool m_lastScreenshotOk = false;
    uint64_t m_framesPresented = 0;
};

// Writes an RGBA8 buffer as PNG. Returns false on failure (e.g. a full disk).
bool writePng(const std::string& path, int width, int height, const void* rgba, int strideBytes);

} // namespace heard::platform
