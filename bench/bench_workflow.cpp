// Workflow figures: the caseload screen with 1,000 children. UI build time per frame
// (NewFrame to the end of the screen's ImGui calls) p50/p95, and a full software-rendered
// frame, each against an empty ImGui frame measured in the same run.
#include "bench/bench.h"

#include "app/model/demo_caseload.h"
#include "app/ui/app.h"
#include "app/ui/kit/theme.h"

#include <imgui.h>

#include <cstdlib>
#include <filesystem>

namespace heard::bench {
namespace {

void caseloadFrames(const Options& options) {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    char pattern[] = "/tmp/heard-bench-workflow-XXXXXX";
    if (!mkdtemp(pattern)) std::exit(1);
    platform::WindowOptions windowOptions;
    windowOptions.scale = 1.0f;
    windowOptions.styleBuilder = ui::buildStyle;
    std::string error;
    auto window = platform::Window::create(windowOptions, error);
    if (!window) {
        std::fprintf(stderr, "bench workflow: %s\n", error.c_str());
        std::exit(1);
    }
    {
        ui::AppOptions appOptions;
        appOptions.dataDir = pattern;
        appOptions.fastKeyDerivationForTests = true;
        ui::App app(*window, appOptions);
        app.createStore("Bench Practitioner", "Family Court Adviser", "bench passphrase long enough");
        const int children = options.quick ? 100 : 1000;
        const model::DemoCaseload caseload = model::syntheticCaseload(children);
        for (const auto& c : caseload.cases)
            app.store()->putCase(c);
        for (const auto& child : caseload.children)
            app.store()->putChild(child);
        app.show(ui::ScreenId::Caseload);
        for (int i = 0; i < 5; ++i)
            app.runOneFrame(); // builds the cached caseload once

        const int frames = options.quick ? 30 : 300;
        std::vector<double> buildMs, fullMs, emptyBuildMs, emptyFullMs;
        for (int i = 0; i < frames; ++i) {
            auto start = std::chrono::steady_clock::now();
            window->beginFrame();
            app.drawFrame();
            ImGui::EndFrame(); // end of the UI build; Render() in endFrame finishes the frame
            buildMs.push_back(secondsSince(start) * 1000.0);
            window->endFrame();
            fullMs.push_back(secondsSince(start) * 1000.0);

            start = std::chrono::steady_clock::now();
            window->beginFrame();
            ImGui::EndFrame();
            emptyBuildMs.push_back(secondsSince(start) * 1000.0);
            window->endFrame();
            emptyFullMs.push_back(secondsSince(start) * 1000.0);
        }
        report("workflow.caseload_children", children, "children");
        report("workflow.caseload_build_p50_ms", percentile(buildMs, 50), "ms");
        report("workflow.caseload_build_p95_ms", percentile(buildMs, 95), "ms");
        report("workflow.caseload_build_vs_empty_ratio",
               percentile(buildMs, 50) / percentile(emptyBuildMs, 50), "x");
        report("workflow.caseload_full_frame_p50_ms", percentile(fullMs, 50), "ms");
        report("workflow.caseload_full_frame_p95_ms", percentile(fullMs, 95), "ms");
        report("workflow.caseload_full_vs_empty_ratio", percentile(fullMs, 50) / percentile(emptyFullMs, 50),
               "x");
    }
    std::filesystem::remove_all(pattern);
}

} // namespace

HEARD_BENCH_GROUP("workflow.caseload", caseloadFrames);

} // namespace heard::bench
