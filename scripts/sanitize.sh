#!/usr/bin/env bash
# Builds the whole tree a second time with AddressSanitizer + UndefinedBehaviorSanitizer
# (build-asan, -DHEARD_SANITIZE=ON) and runs every test once under them. Any sanitizer
# report stops the test that produced it (halt_on_error=1), so the run fails.
#   scripts/sanitize.sh               # everything
#   scripts/sanitize.sh -R 'wishes'   # extra arguments go to ctest
#   HEARD_SANITIZE_TARGETS="test_wishes_model test_arch_added_activity" scripts/sanitize.sh -R 'wishes.model|arch'
#                                     # build only those targets (a quicker look; pair it with -R)
# HEARD_ASAN_DIR overrides the build folder; HEARD_JOBS the parallelism (default: nproc).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
BUILD_DIR="${HEARD_ASAN_DIR:-build-asan}"
JOBS="${HEARD_JOBS:-$(nproc)}"
LAUNCHER=()
if command -v ccache >/dev/null 2>&1; then
  LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
start=$(date +%s)
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHEARD_WERROR=ON \
  -DHEARD_SANITIZE=ON "${LAUNCHER[@]}" >/dev/null
TARGETS=()
for t in ${HEARD_SANITIZE_TARGETS:-}; do TARGETS+=(--target "$t"); done
cmake --build "$BUILD_DIR" -j "$JOBS" "${TARGETS[@]}"
built=$(date +%s)
echo "sanitize: build took $((built - start)) s"

# detect_leaks: LeakSanitizer runs at exit; tests/lsan.supp names leaks inside system
# libraries (SDL's video/audio drivers, fontconfig) that are not ours to fix.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=0:check_initialization_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0"
cd "$BUILD_DIR"
status=0
ctest --output-on-failure -j "$JOBS" --timeout 1500 "$@" || status=$?
echo "sanitize: tests took $(($(date +%s) - built)) s (status $status)"
exit $status
