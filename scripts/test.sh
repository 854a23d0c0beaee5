#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test. Exits non-zero on failure.
#   1. the ordinary build (gcc, RelWithDebInfo, -Werror): the app, the server, the benchmarks and
#      the suites of the tests that need an optimised build (HEARD_UNSANITIZED_TESTS in
#      scripts/sanitized-build.sh);
#   2. those tests: volume tests and benchmark smoke runs (scale.*, bench.*), the fuzz seed
#      replays, packaging (ship.package, ...), the source checks (arch.*_check) and the
#      process-memory scan (hardening.secrets_memory);
#   3. every other test, built with clang under AddressSanitizer + UndefinedBehaviorSanitizer
#      (-Werror too) and run there (scripts/sanitize.sh; any report fails the run);
#   4. each libFuzzer target, from that same sanitized build, for HEARD_FUZZ_SECONDS (default 60)
#      with a fixed seed (scripts/fuzz.sh; any crash fails the run).
# So CI builds and runs every test once: steps 2 and 3 between them are the whole suite. Two
# builds fit CI's 45 minutes on 2 cores only that way (docs/architecture.md, "The checks and how
# to run them", has the figures).
# HEARD_QUICK=1, for a quick local check: step 1 with every suite, then the whole suite in the
# ordinary build; no sanitizers, no fuzzing.
# Extra arguments go to every ctest run (e.g. -R store).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
source scripts/sanitized-build.sh # HEARD_UNSANITIZED_TESTS
BUILD_DIR="${HEARD_BUILD_DIR:-build}"
LAUNCHER=()
if command -v ccache >/dev/null 2>&1; then
  LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  # ccache caches a compile that uses a precompiled header only with these (HEARD_PCH).
  export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
fi
started=$(date +%s)
# CI builds only the suites it runs here (HEARD_BUILD_ONLY_TESTS; the rest are built and run
# in step 3); HEARD_QUICK builds them all.
ONLY=""
[ "${HEARD_QUICK:-0}" = 1 ] || ONLY="$HEARD_UNSANITIZED_TESTS"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHEARD_WERROR=ON \
  -DHEARD_BUILD_ONLY_TESTS="$ONLY" "${LAUNCHER[@]}" >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)"
echo "test.sh: the ordinary build took $(($(date +%s) - started)) s"
stage=$(date +%s)
if [ "${HEARD_QUICK:-0}" = 1 ]; then
  (cd "$BUILD_DIR" && ctest --output-on-failure -j "$(nproc)" "$@")
  echo "test.sh: the suite took $(($(date +%s) - stage)) s; everything $(($(date +%s) - started)) s"
  exit 0
fi
(cd "$BUILD_DIR" && ctest --output-on-failure -j "$(nproc)" -R "$HEARD_UNSANITIZED_TESTS" "$@")
echo "test.sh: the tests that need the optimised build took $(($(date +%s) - stage)) s"
stage=$(date +%s)
bash scripts/sanitize.sh "$@"
echo "test.sh: the sanitized build and suite took $(($(date +%s) - stage)) s"
stage=$(date +%s)
bash scripts/fuzz.sh "${HEARD_FUZZ_SECONDS:-60}"
echo "test.sh: fuzzing took $(($(date +%s) - stage)) s; everything $(($(date +%s) - started)) s"
