// [SECTION] Index
//   creation and teardown, DPI and fonts, events, frames, screenshots
#include "platform/window.h"

#include "base/data_dir.h"
#include "platform/imgui_backend.h"
#include "platform/ui_tags.h"

#include <imgui_internal.h>

#include <stb_image_write.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <vector>

namespace heard::platform {

namespace {

// The SDL user event a worker pushes to wake a waiting loop. Registered once.
Uint32 wakeEventType() {
    static const Uint32 s_type = SDL_RegisterEvents(1);
    return s_type;
}

bool fileExists(const std::string& path) {
    struct stat st {};
    return !path.empty() && stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string firstExisting(const std::vector<std::string>& candidates) {
    for (const auto& path : candidates)
        if (fileExists(path)) return path;
    return {};
}

bool headlessDriver() {
    const char* driver = SDL_GetCurrentVideoDriver();
    return driver && std::strcmp(driver, "dummy") == 0;
}

// Latin (English, Welsh: ŵ ŷ are in Latin Extended-A), general punctuation, arrows and the
// symbol blocks that give icons without image files.
const ImWchar kBodyGlyphs[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x205E, 0x2190, 0x21FF,
                               0x25A0, 0x25FF, 0x2600, 0x26FF, 0x2700, 0x27BF, 0};
const ImWchar kHugeGlyphs[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x205E, 0};

constexpr float kBodyPixels = 20.0f;
constexpr float kTitlePixels = 28.0f;
constexpr float kHugePixels = 44.0f;

} // namespace

// [SECTION] creation and teardown

std::unique_ptr<Window> Window::create(const WindowOptions& options, std::string& error) {
    // Touch produces mouse events too, so ImGui sees one pointer; SDL must not also invent
    // touches from the mouse.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) {
        error = std::string("could not start SDL: ") + SDL_GetError();
        return nullptr;
    }
    std::unique_ptr<Window> window(new Window());
    window->m_options = options;
    (void)wakeEventType();

    window->m_window =
        SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width,
                         options.height, SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!window->m_window) {
        error = std::string("could not open a window: ") + SDL_GetError();
        return nullptr;
    }
    SDL_StopTextInput(); // until a text field has the keyboard (syncTextInput)
    window->m_nobodyWatching = headlessDriver();
    const bool software = options.softwareRenderer || window->m_nobodyWatching;
    const Uint32 flags =
        software ? SDL_RENDERER_SOFTWARE : (SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    window->m_renderer = SDL_CreateRenderer(window->m_window, -1, flags);
    if (!window->m_renderer && !software)
        window->m_renderer = SDL_CreateRenderer(window->m_window, -1, SDL_RENDERER_SOFTWARE);
    if (!window->m_renderer) {
        error = std::string("could not create a renderer: ") + SDL_GetError();
        return nullptr;
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // no layout files: nothing written to disk behind the store's back
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplSDL2_InitForSDLRenderer(window->m_window);
    HEARD_RENDERER_INIT(window->m_renderer);
    window->m_imguiReady = true;

    window->m_scaleForced = options.scale > 0.0f;
    window->m_scale = window->m_scaleForced ? options.scale : window->scaleFromDisplay();
    window->rebuildFontsAndStyle();
    return window;
}

Window::~Window() {
    if (m_imguiReady) {
        HEARD_RENDERER_SHUTDOWN();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (m_renderer) SDL_DestroyRenderer(m_renderer);
    if (m_window) SDL_DestroyWindow(m_window);
    SDL_Quit();
}

// [SECTION] DPI and fonts

float Window::scaleFromDisplay() const {
    float ddpi = 0, hdpi = 0, vdpi = 0;
    const int display = m_window ? SDL_GetWindowDisplayIndex(m_window) : 0;
    if (SDL_GetDisplayDPI(display < 0 ? 0 : display, &ddpi, &hdpi, &vdpi) != 0 || ddpi <= 0) return 1.0f;
    // 96 dpi is a desktop monitor; a tablet held closer wants a little more than DPI alone.
    return std::clamp(ddpi / 96.0f, 1.0f, 4.0f);
}

void Window::setScale(float scale) {
    scale = std::clamp(scale, 0.5f, 4.0f);
    if (scale == m_scale) return;
    m_scale = scale;
    m_scaleForced = true;
    rebuildFontsAndStyle();
}

void Window::rebuildFontsAndStyle() {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const std::string assets = base::assetsDir();
    const std::string regular = firstExisting({m_options.fontPath, assets + "/fonts/DejaVuSans.ttf",
                                               "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"});
    const std::string bold = firstExisting({assets + "/fonts/DejaVuSans-Bold.ttf",
                                            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", regular});
    ImFontConfig config;
    config.OversampleH = 2;
    config.OversampleV = 1;
    if (!regular.empty()) {
        m_fonts.body =
            io.Fonts->AddFontFromFileTTF(regular.c_str(), kBodyPixels * m_scale, &config, kBodyGlyphs);
        m_fonts.title =
            io.Fonts->AddFontFromFileTTF(bold.c_str(), kTitlePixels * m_scale, &config, kHugeGlyphs);
        m_fonts.huge =
            io.Fonts->AddFontFromFileTTF(bold.c_str(), kHugePixels * m_scale, &config, kHugeGlyphs);
    }
    if (!m_fonts.body) { // no font file at all: ImGui's built-in font still lets the app work
        ImFontConfig fallback;
        fallback.SizePixels = kBodyPixels * m_scale;
        m_fonts.body = m_fonts.title = m_fonts.huge = io.Fonts->AddFontDefault(&fallback);
    }
    io.FontDefault = m_fonts.body;
    io.Fonts->Build();
    HEARD_RENDERER_DESTROY_FONTS();
    HEARD_RENDERER_CREATE_FONTS();

    ImGuiStyle style;
    if (m_options.styleBuilder) m_options.styleBuilder(style);
    style.ScaleAllSizes(m_scale);
    ImGui::GetStyle() = style;
}

// [SECTION] events

void Window::wakeFromAnyThread() {
    SDL_Event event{};
    event.type = wakeEventType();
    SDL_PushEvent(&event);
}

bool Window::pumpEvents(int timeoutMs, const std::function<void(const SDL_Event&)>& onEvent) {
    bool gotEvent = false;
    auto handle = [&](const SDL_Event& event) {
        gotEvent = true;
        ImGui_ImplSDL2_ProcessEvent(&event);
        if (event.type == SDL_QUIT) m_quitRequested = true;
        if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE)
            m_quitRequested = true;
        if (event.type == SDL_DISPLAYEVENT ||
            (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED)) {
            if (!m_scaleForced) {
                const float scale = scaleFromDisplay() * m_textSize;
                if (scale != m_scale) {
                    m_scale = scale;
                    rebuildFontsAndStyle();
                }
            }
        }
        if (onEvent) onEvent(event);
    };
    SDL_Event event;
    if (timeoutMs != 0) {
        const int got = timeoutMs < 0 ? SDL_WaitEvent(&event) : SDL_WaitEventTimeout(&event, timeoutMs);
        if (got) handle(event);
    }
    while (SDL_PollEvent(&event))
        handle(event);
    return gotEvent;
}

// [SECTION] frames

void Window::setTextSize(float factor) {
    m_pendingTextSize = std::clamp(factor, 0.5f, 3.0f);
}

void Window::beginFrame() {
    // A new text size multiplies the display's (or the forced) scale; fonts are rebuilt here,
    // between frames, because ImGui's font atlas is locked inside one.
    if (m_pendingTextSize > 0.0f && m_pendingTextSize != m_textSize) {
        const float base = m_scale / m_textSize;
        m_textSize = m_pendingTextSize;
        m_scale = std::clamp(base * m_textSize, 0.5f, 8.0f);
        rebuildFontsAndStyle();
    }
    m_pendingTextSize = 0.0f;
    TagRegistry::instance().beginFrame();
    HEARD_RENDERER_NEW_FRAME();
    ImGui_ImplSDL2_NewFrame();
    if (m_pointer.active) {
        ImGuiIO& io = ImGui::GetIO();
#if IMGUI_VERSION_NUM >= 18700
        io.AddMousePosEvent(m_pointer.x, m_pointer.y);
        io.AddMouseButtonEvent(0, m_pointer.down);
#else
        io.MousePos = ImVec2(m_pointer.x, m_pointer.y);
        io.MouseDown[0] = m_pointer.down;
#endif
    }
    ImGui::NewFrame();
}

void Window::endFrame() {
    ImGui::Render();
    // With no display, rasterising a frame nobody saves is pure cost: it was half the time of
    // every headless test. Each frame is drawn whole from ImGui's lists, so a saved frame shows
    // exactly what it would have shown had every frame been drawn.
    if (m_nobodyWatching && m_screenshotPath.empty()) {
        ++m_framesPresented;
        syncTextInput();
        return;
    }
    SDL_SetRenderDrawColor(m_renderer, 246, 244, 240, 255);
    SDL_RenderClear(m_renderer);
    HEARD_RENDERER_RENDER(ImGui::GetDrawData(), m_renderer);
    if (!m_screenshotPath.empty()) {
        int w = 0, h = 0;
        SDL_GetRendererOutputSize(m_renderer, &w, &h);
        std::vector<unsigned char> pixels(size_t(w) * size_t(h) * 4);
        m_lastScreenshotOk =
            SDL_RenderReadPixels(m_renderer, nullptr, SDL_PIXELFORMAT_RGBA32, pixels.data(), w * 4) == 0 &&
            writePng(m_screenshotPath, w, h, pixels.data(), w * 4);
        m_screenshotPath.clear();
    }
    SDL_RenderPresent(m_renderer);
    ++m_framesPresented;
    syncTextInput();
}

// Keyboard caching (issue 17, docs/security-model.md section 8): the system's text input (the
// input method, and on a tablet the on-screen keyboard) is on only while a text field has the
// keyboard in the frame just drawn (an ImGui input, or the kit's text area, both of which ask
// for it through WantTextInputNextFrame). SDL turns it on for every window on desktops; left
// on, an input method (IBus, fcitx: some learn words) would see every key typed on any screen.
// It goes off as soon as no field has the keyboard: a tap elsewhere, another screen, the
// privacy screen, lock.
void Window::syncTextInput() {
    const bool wanted = ImGui::GetCurrentContext()->WantTextInputNextFrame == 1;
    if (wanted == (SDL_IsTextInputActive() == SDL_TRUE)) return;
    if (wanted)
        SDL_StartTextInput();
    else
        SDL_StopTextInput();
}

void Window::setSize(int width, int height) {
    SDL_SetWindowSize(m_window, width, height);
    // Let the renderer see the resize before the next frame (the software renderer
    // recreates its surface on the size-changed event).
    pumpEvents(0, nullptr);
}

int Window::width() const {
    int w = 0, h = 0;
    SDL_GetWindowSize(m_window, &w, &h);
    return w;
}

int Window::height() const {
    int w = 0, h = 0;
    SDL_GetWindowSize(m_window, &w, &h);
    return h;
}

// [SECTION] screenshots

bool writePng(const std::string& path, int width, int height, const void* rgba, int strideBytes) {
    return stbi_write_png(path.c_str(), width, height, 4, rgba, strideBytes) != 0;
}

} // namespace heard::platform
