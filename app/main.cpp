// heard: the tablet app. Flags, wiring and the main loop; nothing else lives here.
#include "app/model/safeguarding_content.h"
#include "app/tools/framework/model/activity_content.h"
#include "app/tools/skin_map/model/body_outlines.h"
#include "app/ui/app.h"
#include "app/ui/kit/theme.h"
#include "app/ui/tour.h"
#include "platform/paths.h"
#include "platform/process_hardening.h"
#include "platform/window.h"
#include "base/data_dir.h"
#include "sync/protocol.h"
#include "sync/org_config.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <ctime>
#include <string>

namespace {

#ifndef HEARD_VERSION
#define HEARD_VERSION "0.0.0"
#endif
constexpr const char* kVersion = HEARD_VERSION;

// `heard --version`: the program's version and the versions of the content it would use, so a
// support question can start from one pasted block (docs/admin-guide.md).
void printVersion() {
    std::printf("heard %s\n", kVersion);
    std::printf("sync protocol %d\n", heard::sync::kProtocolVersion);
    std::printf("data %s\n", heard::base::assetsDir().c_str());
    std::error_code ec;
    for (const auto& file : std::filesystem::directory_iterator(heard::base::localeDir(), ec))
        if (file.path().extension() == ".mo")
            std::printf("translations %s %s\n", file.path().stem().c_str(), file.path().c_str());
    std::printf("content safeguarding %d\n", heard::model::safeguardingContent().version);
    std::printf("content body-outlines %s\n", heard::skinmap::kOutlinesVersion);
    const auto library = heard::tools::loadContentFolders(heard::tools::contentFolders());
    for (const auto& activity : library.activities)
        std::printf("content tool %s %d\n", activity.id.c_str(), activity.version);
}

// Said once in the terminal when Heard starts without --demo and no store yet: the window
// that opens sets up a real encrypted store, which a newcomer may not want.
constexpr const char* kFirstRunNote =
    "heard: no store on this tablet yet. The window sets up a real encrypted store for real work;\n"
    "       to look around with fictional children instead, start `heard --demo`\n"
    "       (or `heard --tour DIR` to save every screen as pictures without a display).\n";

constexpr const char* kHelp =
    "usage: heard [options]\n"
    "\n"
    "Heard guides direct work with children and keeps the record in an encrypted store.\n"
    "\n"
    "options:\n"
    "  --help                 show this help and exit\n"
    "  --version              print the version and exit\n"
    "  --demo                 open the fictional demo caseload (no real data)\n"
    "  --data-dir DIR         where the encrypted store lives (default: $XDG_DATA_HOME/heard)\n"
    "  --size WxH             window size in pixels (default 1280x800)\n"
    "  --portrait             start in portrait, 800x1280\n"
    "  --scale S              force the UI scale (default: from the display's DPI)\n"
    "  --software             use SDL's software renderer (always so when SDL_VIDEODRIVER=dummy)\n"
    "  --auto-lock SECONDS    lock after this much idle time in practitioner mode (default 300)\n"
    "  --org-config FILE      the organisation configuration from the administrator (heard-server admin\n"
    "                         enrolment-config); default: organisation.json in the data folder\n"
    "  --tour DIR             render every screen at 1280x800 and 800x1280 to numbered PNGs\n"
    "                         in DIR, then exit (works headless with SDL_VIDEODRIVER=dummy)\n"
    "\n"
    "measurement flags (used by heard-bench):\n"
    "  --run-for SECONDS      quit after this long\n"
    "  --quit-after-frames N  quit after N presented frames\n"
    "  --always-redraw        draw every frame even when nothing changes (the idle baseline)\n"
    "  --print-first-frame    print 'first_frame_monotonic_ns N' when the first frame is presented\n"
    "  --print-loop-cpu       on exit, print 'loop_cpu_seconds S wall_seconds W frames N': the main\n"
    "                         loop's CPU time once the first frames have settled\n"
    "\n"
    "environment:\n"
    "  HEARD_DATA_DIR         the content and translations (default: ../share/heard next to the\n"
    "                         program when installed, else the build tree; heard --version shows it)\n";

struct Flags {
    heard::ui::AppOptions app;
    heard::platform::WindowOptions window;
    std::string tourDir;
    double runForSeconds = 0;
    long quitAfterFrames = 0;
    bool alwaysRedraw = false;
    bool printFirstFrame = false;
    bool printLoopCpu = false;
};

[[noreturn]] void usageError(const std::string& message) {
    std::fprintf(stderr, "heard: %s\n(see heard --help)\n", message.c_str());
    std::exit(2);
}

double parseNumber(const char* flag, const char* text) {
    char* end = nullptr;
    const double value = std::strtod(text, &end);
    if (!end || *end != '\0' || value < 0)
        usageError(std::string(flag) + " takes a number, not '" + text + "'");
    return value;
}

Flags parseFlags(int argc, char** argv) {
    Flags flags;
    flags.window.styleBuilder = heard::ui::buildStyle;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> const char* {
            if (i + 1 >= argc) usageError(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            std::fputs(kHelp, stdout);
            std::exit(0);
        } else if (arg == "--version") {
            printVersion();
            std::exit(0);
        } else if (arg == "--demo") {
            flags.app.demo = true;
        } else if (arg == "--data-dir") {
            flags.app.dataDir = value();
        } else if (arg == "--size") {
            const char* text = value();
            if (std::sscanf(text, "%dx%d", &flags.window.width, &flags.window.height) != 2 ||
                flags.window.width < 320 || flags.window.height < 320)
                usageError(std::string("--size takes WIDTHxHEIGHT (at least 320x320), not '") + text + "'");
        } else if (arg == "--portrait") {
            flags.window.width = 800;
            flags.window.height = 1280;
        } else if (arg == "--scale") {
            flags.window.scale = float(parseNumber("--scale", value()));
        } else if (arg == "--software") {
            flags.window.softwareRenderer = true;
        } else if (arg == "--auto-lock") {
            flags.app.autoLockSeconds = int(parseNumber("--auto-lock", value()));
        } else if (arg == "--org-config") {
            const char* path = value();
            try {
                flags.app.orgConfig = heard::sync::readOrgConfigFile(path);
            } catch (const heard::sync::OrgConfigError& e) {
                usageError(std::string("--org-config ") + path + ": " + e.what());
            }
        } else if (arg == "--tour") {
            flags.tourDir = value();
        } else if (arg == "--run-for") {
            flags.runForSeconds = parseNumber("--run-for", value());
        } else if (arg == "--quit-after-frames") {
            flags.quitAfterFrames = long(parseNumber("--quit-after-frames", value()));
        } else if (arg == "--always-redraw") {
            flags.alwaysRedraw = true;
        } else if (arg == "--print-loop-cpu") {
            flags.printLoopCpu = true;
        } else if (arg == "--print-first-frame") {
            flags.printFirstFrame = true;
        } else {
            usageError("unknown option '" + arg + "'");
        }
    }
    return flags;
}

double processCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

long long monotonicNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

// A folder in the temporary directory ($TMPDIR, else /tmp) removed with everything in it when
// this object goes, on every return path.
class TempFolder {
public:
    TempFolder() = default;
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    ~TempFolder() {
        if (m_path.empty()) return;
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    bool make(const std::string& prefix) {
        std::error_code ec;
        std::string pattern = (std::filesystem::temp_directory_path(ec) / (prefix + "-XXXXXX")).string();
        if (ec || !mkdtemp(pattern.data())) return false;
        m_path = pattern;
        return true;
    }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

} // namespace

int main(int argc, char** argv) {
    // Before anything secret exists: no core file, not readable by other processes, and
    // freed memory wiped (issue 17.5, docs/security-model.md).
    if (!heard::platform::hardenProcess())
        std::fprintf(stderr, "heard: warning: could not turn off core dumps for this process\n");
    heard::platform::enableZeroOnFree();
    Flags flags = parseFlags(argc, argv);
    if (flags.app.dataDir.empty()) flags.app.dataDir = heard::platform::defaultDataDir();
    if (flags.app.dataDir.empty()) {
        std::fprintf(stderr, "heard: no data folder (set --data-dir or HOME)\n");
        return 1;
    }

    // The tour shows the fictional demo in a throw-away store, never the practitioner's; the
    // folder goes however the tour ends (declared before the App, so removed after it closes).
    TempFolder tourData;
    if (!flags.tourDir.empty()) {
        if (!tourData.make("heard-tour")) {
            std::fprintf(stderr, "heard: cannot make a temporary folder for the tour\n");
            return 1;
        }
        flags.app.dataDir = tourData.path();
        flags.app.demo = true;
        flags.app.fastKeyDerivationForTests = true;
    }

    std::string error;
    auto window = heard::platform::Window::create(flags.window, error);
    if (!window) {
        std::fprintf(stderr, "heard: %s\n", error.c_str());
        return 1;
    }
    // Started for real: the window opens on the welcome (demo or a real store) until it is read.
    flags.app.offerWelcome = !flags.app.demo && flags.tourDir.empty();
    heard::ui::App app(*window, flags.app);
    if (!flags.app.demo && flags.tourDir.empty() && !app.storeExists()) std::fputs(kFirstRunNote, stderr);

    if (!flags.tourDir.empty()) {
        std::vector<std::string> written;
        if (!heard::ui::runTour(app, flags.tourDir, error, &written)) {
            std::fprintf(stderr, "heard: tour failed: %s\n", error.c_str());
            return 1;
        }
        std::printf("heard: tour wrote %zu screenshots to %s\n", written.size(), flags.tourDir.c_str());
        app.lock();
        return 0;
    }

    // Event-driven loop: sleep in SDL_WaitEventTimeout until something happens, then draw
    // a few frames so ImGui can settle hover/active states and layouts (Tracy's activeFrames).
    constexpr int kFramesAfterEvent = 3;
    int activeFrames = kFramesAfterEvent;
    const auto started = std::chrono::steady_clock::now();
    // The settled loop is measured from the moment the start-up frames are drawn.
    double loopCpuStart = -1;
    std::chrono::steady_clock::time_point loopWallStart;
    auto secondsRunning = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    while (!window->quitRequested()) {
        int waitMs = activeFrames > 0 || flags.alwaysRedraw ? 0 : app.idleWaitMs();
        if (flags.runForSeconds > 0) {
            const int remainingMs = std::max(0, int((flags.runForSeconds - secondsRunning()) * 1000.0) + 1);
            waitMs = waitMs < 0 ? remainingMs : std::min(waitMs, remainingMs);
        }
        if (window->pumpEvents(waitMs, [&](const SDL_Event& event) { app.handleEvent(event); }))
            activeFrames = kFramesAfterEvent;
        if (flags.runForSeconds > 0 && secondsRunning() >= flags.runForSeconds) break;
        if (activeFrames == 0 && !flags.alwaysRedraw && app.idleWaitMs() != 0) continue;

        window->beginFrame();
        app.drawFrame();
        window->endFrame();
        if (activeFrames > 0) --activeFrames;
        if (loopCpuStart < 0 && window->framesPresented() >= uint64_t(kFramesAfterEvent)) {
            loopCpuStart = processCpuSeconds();
            loopWallStart = std::chrono::steady_clock::now();
        }

        if (flags.printFirstFrame && window->framesPresented() == 1) {
            std::printf("first_frame_monotonic_ns %lld\n", monotonicNs());
            std::fflush(stdout);
        }
        if (flags.quitAfterFrames > 0 && long(window->framesPresented()) >= flags.quitAfterFrames) break;
    }
    if (flags.printLoopCpu && loopCpuStart >= 0)
        std::printf("loop_cpu_seconds %.6f wall_seconds %.6f frames %llu\n",
                    processCpuSeconds() - loopCpuStart,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - loopWallStart).count(),
                    static_cast<unsigned long long>(window->framesPresented()));
    return 0;
}
