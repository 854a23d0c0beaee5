// hardening.store_concurrent_guesses (issue 17.10): 8 wrong passphrases tried at the same
// moment used to raise the failure counter by 1 (each loaded the counter, then each saved
// its own +1). Guesses are now serialised on a lock, so each one counts.
#include "tests/storage/store_test_support.h"

#include <atomic>
#include <condition_variable>
#include <thread>

using namespace heard::storage;
using namespace heard::storage::test;

TEST_CASE("8 simultaneous wrong guesses raise the failure counter by 8") {
    TempDir tmp;
    createStore(tmp.dataDir());
    // Each guess reads a clock an hour after the one before, so no delay stops a guess:
    // the only thing that can lose a count is a race on the key file.
    std::atomic<int64_t> tick{0};
    StoreOptions options;
    options.clock = [&tick] {
        return std::chrono::system_clock::time_point(
            std::chrono::seconds(1795428900 + 3600 * tick.fetch_add(1)));
    };
    constexpr int kGuesses = 8;
    std::mutex m;
    std::condition_variable go;
    bool started = false;
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kGuesses; ++i)
        threads.emplace_back([&, i] {
            {
                std::unique_lock<std::mutex> lock(m);
                go.wait(lock, [&] { return started; });
            }
            try {
                Store::unlock(tmp.dataDir(), "wrong guess " + std::to_string(i), options);
            } catch (const StoreError& e) {
                if (e.kind() == StoreErrorKind::WrongPassphrase) ++wrong;
            }
        });
    {
        std::lock_guard<std::mutex> lock(m);
        started = true;
    }
    go.notify_all();
    for (auto& t : threads)
        t.join();
    CHECK(wrong.load() == kGuesses);
    CHECK(KeyFile::load(Store::keyFilePath(tmp.dataDir())).failedAttempts == kGuesses);
}
