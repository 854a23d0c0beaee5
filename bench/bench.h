// heard-bench: a tiny harness that prints comparable figures.
//
// Each figure is one line, "name value unit", e.g. "store.cipher_plain_ratio 1.21 x".
// A group measures its workload and a baseline in the same run and reports the ratio,
// because absolute times on a shared machine are noise.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace heard::bench {

struct Options {
    bool quick = false; // --quick: smallest workloads, for the CTest smoke run
    std::string filter; // only groups whose name contains this
};

using GroupFn = void (*)(const Options&);

// Registers a group at static-initialisation time (bench sources are linked directly
// into heard-bench, never through a static library, so registrars are kept).
struct GroupRegistrar {
    GroupRegistrar(const char* name, GroupFn fn);
};

#define HEARD_BENCH_GROUP(name, fn) static ::heard::bench::GroupRegistrar s_registrar_##fn(name, fn)

// Prints "name value unit" and flushes.
void report(const std::string& name, double value, const std::string& unit);

// p-th percentile (0..100) of samples; sorts a copy.
double percentile(std::vector<double> samples, double p);

// heard-bench --bare-first-frame: a bare SDL + ImGui window that prints
// "first_frame_monotonic_ns N" after its first frame (the app.first_frame baseline).
int runBareFirstFrame();

inline double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace heard::bench
