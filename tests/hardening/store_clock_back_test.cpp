// hardening.store_clock_back (issue 17.10): a clock set back after wrong passphrases used to
// lock the store for good (the wait was counted from the last failure's time, which the
// clock would not reach again for a year). The wait now ends a delay after the attempt made
// with the clock set back, and a restart does not start it again.
#include "tests/storage/store_test_support.h"

using namespace heard::storage;
using namespace heard::storage::test;

TEST_CASE("a clock set back a year after wrong passphrases delays, then lets the practitioner in") {
    TempDir tmp;
    ManualClock clock;
    createStore(tmp.dataDir(), optionsWith(clock));
    for (int i = 0; i < 6; ++i) {
        CHECK_STORE_ERROR(Store::unlock(tmp.dataDir(), "not the passphrase", optionsWith(clock)),
                          StoreErrorKind::WrongPassphrase);
        clock.advance(3600); // past each delay
    }
    clock.advance(-3600);
    const int delay = unlockDelaySeconds(6);
    REQUIRE(delay > 0);
    // Now the tablet's clock goes back a year (a flat battery, a wrong setting).
    clock.advance(-365 * 24 * 3600);
    CHECK_STORE_ERROR(unlockStore(tmp.dataDir(), optionsWith(clock)), StoreErrorKind::RetryLater);
    // A restart a moment later: still waiting, and no longer than the delay.
    clock.advance(1);
    try {
        unlockStore(tmp.dataDir(), optionsWith(clock));
        FAIL("the delay was skipped");
    } catch (const StoreError& e) {
        CHECK(std::string(toString(e.kind())) == "RetryLater");
        CHECK(e.retryAfterSeconds() <= delay);
        CHECK(e.retryAfterSeconds() > 0);
    }
    // Once the delay has passed on the (set back) clock, the right passphrase opens the store.
    clock.advance(delay + 1);
    CHECK_NOTHROW(unlockStore(tmp.dataDir(), optionsWith(clock)));
}
