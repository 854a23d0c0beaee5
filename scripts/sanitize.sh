#!/usr/bin/env bash
# Builds the whole tree with clang, AddressSanitizer + UndefinedBehaviorSanitizer (the one
# sanitized build that scripts/fuzz.sh shares: scripts/sanitized-build.sh) and runs the test
# suite under them. Any sanitizer report stops the test that produced it (halt_on_error=1),
# so the run fails. scripts/test.sh runs it after the ordinary build.
#   scripts/sanitize.sh               # every test but the ones named in HEARD_SANITIZE_SKIP
#   scripts/sanitize.sh -R 'wishes'   # extra arguments go to ctest
#   HEARD_SANITIZE_TARGETS="test_wishes_model test_arch_added_activity" scripts/sanitize.sh -R 'wishes.model|arch'
#                                     # build only those targets (a quicker look; pair it with -R)
# HEARD_SANITIZED_BUILD_DIR overrides the build folder; HEARD_JOBS the parallelism (default nproc).
# Skipped by default (HEARD_SANITIZE_SKIP, a ctest -E pattern; set it empty to run them): the
# tests that need the optimised build, HEARD_UNSANITIZED_TESTS in scripts/sanitized-build.sh;
# scripts/test.sh runs those in the ordinary build.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
JOBS="${HEARD_JOBS:-$(nproc)}"
source scripts/sanitized-build.sh
SKIP="${HEARD_SANITIZE_SKIP-$HEARD_UNSANITIZED_TESTS}"
start=$(date +%s)
sanitized_configure
TARGETS=()
for t in ${HEARD_SANITIZE_TARGETS:-}; do TARGETS+=(--target "$t"); done
cmake --build "$SANITIZED_BUILD_DIR" -j "$JOBS" "${TARGETS[@]}"
built=$(date +%s)
echo "sanitize: build took $((built - start)) s"

# detect_leaks: LeakSanitizer runs at exit; tests/lsan.supp names leaks inside system
# libraries (SDL's video/audio drivers, fontconfig) that are not ours to fix.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=0:check_initialization_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0"
cd "$SANITIZED_BUILD_DIR"
EXCLUDE=()
[[ -n "$SKIP" ]] && EXCLUDE=(-E "$SKIP")
status=0
ctest --output-on-failure -j "$JOBS" --timeout 1500 "${EXCLUDE[@]}" "$@" || status=$?
echo "sanitize: tests took $(($(date +%s) - built)) s (status $status)"
exit $status
