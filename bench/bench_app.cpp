// App shell figures: idle CPU against an always-redrawing loop, and time to first frame
// against a bare SDL + ImGui window's first frame.
//
// Both run the real heard executable headless (SDL_VIDEODRIVER=dummy, software renderer) in
// a child process, and read its CPU time from wait4(), so the figures include SDL and ImGui.
#include "bench/bench.h"

#include "platform/imgui_backend.h"

#include <SDL.h>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vector>

namespace heard::bench {
namespace {

struct ChildRun {
    double cpuSeconds = 0;
    double wallSeconds = 0;
    std::string output;
    int exitCode = -1;
};

long long monotonicNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

// A virtual X server for the idle figure: SDL's dummy video driver cannot sleep until an
// event arrives (it polls every millisecond), so only a real display driver shows what a
// tablet's idle loop costs. Xvfb comes from scripts/setup-deps.sh.
class VirtualDisplay {
public:
    VirtualDisplay() {
        if (access("/usr/bin/Xvfb", X_OK) != 0) return;
        const int number = 90 + int(getpid() % 100);
        m_name = ":" + std::to_string(number);
        m_pid = fork();
        if (m_pid == 0) {
            const int devnull = open("/dev/null", O_WRONLY);
            dup2(devnull, STDOUT_FILENO);
            dup2(devnull, STDERR_FILENO);
            execl("/usr/bin/Xvfb", "Xvfb", m_name.c_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp",
                  static_cast<char*>(nullptr));
            _exit(127);
        }
        const std::string socket = "/tmp/.X11-unix/X" + std::to_string(number);
        for (int i = 0; i < 100 && access(socket.c_str(), F_OK) != 0; ++i)
            usleep(50 * 1000);
        if (access(socket.c_str(), F_OK) != 0) m_name.clear();
    }
    ~VirtualDisplay() {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
            waitpid(m_pid, nullptr, 0);
        }
    }
    const std::string& name() const { return m_name; } // empty: none available

private:
    std::string m_name;
    pid_t m_pid = -1;
};

// Runs heard with args, capturing stdout; returns its CPU time (user + system).
// display: an X display to use; empty runs headless on SDL's dummy driver.
ChildRun runHeard(const std::vector<std::string>& args, long long* startNs = nullptr,
                  const std::string& display = {}) {
    ChildRun run;
    int pipeFds[2];
    if (pipe(pipeFds) != 0) return run;
    const auto started = std::chrono::steady_clock::now();
    if (startNs) *startNs = monotonicNs();
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(pipeFds[1], STDOUT_FILENO);
        close(pipeFds[0]);
        close(pipeFds[1]);
        if (display.empty()) {
            setenv("SDL_VIDEODRIVER", "dummy", 1);
        } else {
            setenv("SDL_VIDEODRIVER", "x11", 1);
            setenv("DISPLAY", display.c_str(), 1);
        }
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        const std::string dataDir = "/tmp/heard-bench-app-" + std::to_string(getpid());
        std::vector<std::string> full = {HEARD_EXE, "--data-dir", dataDir, "--software"};
        full.insert(full.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : full)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(HEARD_EXE, argv.data());
        _exit(127);
    }
    close(pipeFds[1]);
    char buffer[4096];
    ssize_t n;
    while ((n = read(pipeFds[0], buffer, sizeof buffer)) > 0)
        run.output.append(buffer, size_t(n));
    close(pipeFds[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    run.wallSeconds = secondsSince(started);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.cpuSeconds = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                     double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    return run;
}

void idleCpu(const Options& options) {
    const std::string seconds = options.quick ? "1" : "5";
    // The loop's own CPU time, as heard reports it: start-up (fonts, SDL) is the same in both
    // runs and would only blur the ratio.
    VirtualDisplay display;
    auto loopCpu = [&](bool alwaysRedraw, double& frames) {
        std::vector<std::string> args = {"--run-for", seconds, "--print-loop-cpu"};
        if (alwaysRedraw) args.push_back("--always-redraw");
        const ChildRun run = runHeard(args, nullptr, display.name());
        double cpu = -1, wall = 0;
        if (run.exitCode != 0 ||
            std::sscanf(run.output.c_str(), "loop_cpu_seconds %lf wall_seconds %lf frames %lf", &cpu, &wall,
                        &frames) != 3) {
            std::fprintf(stderr, "bench app.idle: heard exited with %d and printed '%s'\n", run.exitCode,
                         run.output.c_str());
            std::exit(1);
        }
        return cpu;
    };
    double idleFrames = 0, redrawFrames = 0;
    const double idle = loopCpu(false, idleFrames);
    const double redraw = loopCpu(true, redrawFrames);
    report("app.idle_on_real_display", display.name().empty() ? 0.0 : 1.0, "bool");
    report("app.idle_loop_cpu_seconds", idle, "s");
    report("app.idle_frames_drawn", idleFrames, "frames");
    report("app.redraw_loop_cpu_seconds", redraw, "s");
    report("app.redraw_frames_drawn", redrawFrames, "frames");
    report("app.idle_cpu_ratio", redraw > 0 ? idle / redraw : 0.0, "x");
}

// Runs this heard-bench again as a bare SDL + ImGui window (runBareFirstFrame), headless like
// heard; returns the time from fork to its first presented frame, in ms (-1 on failure).
double bareFirstFrameMs() {
    int pipeFds[2];
    if (pipe(pipeFds) != 0) return -1;
    const long long startNs = monotonicNs();
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(pipeFds[1], STDOUT_FILENO);
        close(pipeFds[0]);
        close(pipeFds[1]);
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        char self[] = "/proc/self/exe";
        char flag[] = "--bare-first-frame";
        char* argv[] = {self, flag, nullptr};
        execv(self, argv);
        _exit(127);
    }
    close(pipeFds[1]);
    std::string output;
    char buffer[512];
    ssize_t n;
    while ((n = read(pipeFds[0], buffer, sizeof buffer)) > 0)
        output.append(buffer, size_t(n));
    close(pipeFds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    const char* line = std::strstr(output.c_str(), "first_frame_monotonic_ns ");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !line) return -1;
    return double(std::atoll(line + std::strlen("first_frame_monotonic_ns ")) - startNs) / 1e6;
}

void firstFrame(const Options& options) {
    const int runs = options.quick ? 2 : 7;
    std::vector<double> firstFrameMs, execMs;
    for (int i = 0; i < runs; ++i) {
        long long startNs = 0;
        const ChildRun run = runHeard({"--quit-after-frames", "1", "--print-first-frame"}, &startNs);
        const char* line = std::strstr(run.output.c_str(), "first_frame_monotonic_ns ");
        if (run.exitCode != 0 || !line) {
            std::fprintf(stderr, "bench app.first_frame: heard printed no first frame (exit %d)\n",
                         run.exitCode);
            std::exit(1);
        }
        const long long frameNs = std::atoll(line + std::strlen("first_frame_monotonic_ns "));
        firstFrameMs.push_back(double(frameNs - startNs) / 1e6);
        // Baseline: a bare SDL + ImGui window (software renderer, same size, headless) showing
        // its first frame: what any SDL + ImGui app pays before drawing (issue 19).
        const double bare = bareFirstFrameMs();
        if (bare < 0) {
            std::fprintf(stderr, "bench app.first_frame: the bare SDL + ImGui window drew no frame\n");
            std::exit(1);
        }
        execMs.push_back(bare);
    }
    const double frame = percentile(firstFrameMs, 50);
    const double bare = percentile(execMs, 50);
    report("app.first_frame_ms", frame, "ms");
    report("app.bare_sdl_imgui_first_frame_ms", bare, "ms");
    report("app.first_frame_start_ratio", bare > 0 ? frame / bare : 0.0, "x");
}

} // namespace

int runBareFirstFrame() {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) return 2;
    SDL_Window* window = SDL_CreateWindow("bare", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 800,
                                          SDL_WINDOW_ALLOW_HIGHDPI);
    if (!window) return 3;
    SDL_Renderer* renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer) return 4;
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui_ImplSDL2_InitForSDLRenderer(window);
    HEARD_RENDERER_INIT(renderer);
    HEARD_RENDERER_NEW_FRAME();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    ImGui::Begin("bare");
    ImGui::TextUnformatted("first frame");
    ImGui::End();
    ImGui::Render();
    SDL_RenderClear(renderer);
    HEARD_RENDERER_RENDER(ImGui::GetDrawData(), renderer);
    SDL_RenderPresent(renderer);
    std::printf("first_frame_monotonic_ns %lld\n", monotonicNs());
    std::fflush(stdout);
    _exit(0); // the figure ends at the first frame; teardown is not measured
}

HEARD_BENCH_GROUP("app.idle", idleCpu);
HEARD_BENCH_GROUP("app.first_frame", firstFrame);

} // namespace heard::bench
