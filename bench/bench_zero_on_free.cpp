// The cost of the app's zero-on-free allocator (platform/zero_on_free.cpp, issue 17.5):
// allocate, fill and free blocks of the sizes the app's strings and JSON nodes have, once
// with plain free() and once with zeroingFree (what the app's operator delete does), in the
// same run. `app.zero_on_free_ratio` is zeroing time over plain time for the whole cycle.
#include "bench/bench.h"
#include "platform/process_hardening.h"

#include <cstdlib>
#include <cstring>
#include <vector>

namespace heard::bench {
namespace {

// Sizes weighted like the app's heap: many short strings, some notes, a few big buffers.
const size_t kSizes[] = {24, 32, 48, 64, 96, 128, 200, 256, 512, 1024, 4096, 16384};

double cycle(bool zeroing, int rounds) {
    std::vector<void*> blocks(sizeof(kSizes) / sizeof(kSizes[0]) * 64);
    const auto start = std::chrono::steady_clock::now();
    for (int r = 0; r < rounds; ++r) {
        for (size_t i = 0; i < blocks.size(); ++i) {
            const size_t size = kSizes[i % (sizeof(kSizes) / sizeof(kSizes[0]))];
            blocks[i] = std::malloc(size);
            std::memset(blocks[i], int('a' + i % 26), size); // the block is used, as a string is
        }
        for (void* block : blocks) {
            if (zeroing)
                platform::zeroingFree(block);
            else
                std::free(block);
        }
    }
    return secondsSince(start);
}

void runZeroOnFree(const Options& options) {
    const int rounds = options.quick ? 200 : 4000;
    cycle(false, rounds / 10); // warm the allocator's caches
    double plain = 0, zeroing = 0;
    for (int repeat = 0; repeat < 3; ++repeat) { // interleaved, so drift hits both alike
        plain += cycle(false, rounds);
        zeroing += cycle(true, rounds);
    }
    report("app.zero_on_free_ratio", zeroing / plain, "x");
}

} // namespace

HEARD_BENCH_GROUP("zero_on_free", runZeroOnFree);

} // namespace heard::bench
