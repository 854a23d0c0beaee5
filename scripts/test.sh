#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test. Exits non-zero on failure.
#   1. the app, the server, the tests and the benchmarks (-Werror), and every CTest test
#      (including the layering and format checks, ctest -R arch);
#   2. each libFuzzer target under ASan + UBSan for HEARD_FUZZ_SECONDS (default 60) with a fixed
#      seed (scripts/fuzz.sh; any crash fails the run).
# HEARD_QUICK=1 runs step 1 only, for a quick local check; CI (.ci/run) runs both.
# The whole suite under ASan + UBSan is scripts/sanitize.sh (not yet part of this command).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
BUILD_DIR="${HEARD_BUILD_DIR:-build}"
LAUNCHER=()
if command -v ccache >/dev/null 2>&1; then
  LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
started=$(date +%s)
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHEARD_WERROR=ON "${LAUNCHER[@]}" >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)"
(cd "$BUILD_DIR" && ctest --output-on-failure -j "$(nproc)" "$@")
echo "test.sh: build and tests took $(($(date +%s) - started)) s"
if [ "${HEARD_QUICK:-0}" = 1 ]; then exit 0; fi
stage=$(date +%s)
bash scripts/fuzz.sh "${HEARD_FUZZ_SECONDS:-60}"
echo "test.sh: fuzzing took $(($(date +%s) - stage)) s; everything $(($(date +%s) - started)) s"
