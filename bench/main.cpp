// heard-bench entry point: runs every registered group (or those matching a filter).
#include "bench/bench.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <utility>

namespace heard::bench {

namespace {
std::vector<std::pair<std::string, GroupFn>>& groups() {
    static std::vector<std::pair<std::string, GroupFn>> s_groups;
    return s_groups;
}
} // namespace

GroupRegistrar::GroupRegistrar(const char* name, GroupFn fn) {
    groups().emplace_back(name, fn);
}

void report(const std::string& name, double value, const std::string& unit) {
    std::printf("%s %.4g %s\n", name.c_str(), value, unit.c_str());
    std::fflush(stdout);
}

double percentile(std::vector<double> samples, double p) {
    if (samples.empty()) return 0.0;
    std::sort(samples.begin(), samples.end());
    const double rank = p / 100.0 * double(samples.size() - 1);
    const size_t lo = size_t(std::floor(rank));
    const size_t hi = std::min(lo + 1, samples.size() - 1);
    return samples[lo] + (samples[hi] - samples[lo]) * (rank - double(lo));
}

} // namespace heard::bench

int main(int argc, char** argv) {
    if (argc == 2 && std::strcmp(argv[1], "--bare-first-frame") == 0)
        return heard::bench::runBareFirstFrame();
    heard::bench::Options options;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) {
            options.quick = true;
        } else if (std::strcmp(argv[i], "--help") == 0) {
            std::printf("usage: heard-bench [--quick] [GROUP-FILTER]\n"
                        "Prints one figure per line: name value unit.\n");
            return 0;
        } else {
            options.filter = argv[i];
        }
    }
    auto& all = heard::bench::groups();
    std::sort(all.begin(), all.end());
    int ran = 0;
    for (auto& [name, fn] : all) {
        if (!options.filter.empty() && name.find(options.filter) == std::string::npos) continue;
        fn(options);
        ++ran;
    }
    if (ran == 0) {
        std::fprintf(stderr, "heard-bench: no group matches '%s'\n", options.filter.c_str());
        return 1;
    }
    return 0;
}
