#!/usr/bin/env bash
# Sourced by scripts/sanitize.sh and scripts/fuzz.sh: configures the one clang build both use
# (build-sanitize), so CI compiles the tree once for the sanitizer suite and the fuzzers, not
# twice. Everything is compiled with AddressSanitizer + UndefinedBehaviorSanitizer; the
# libraries the fuzzers link also get libFuzzer's coverage hooks, and only the fuzz_*
# executables link libFuzzer's main (tests/fuzz/CMakeLists.txt).
# Sets SANITIZED_BUILD_DIR and defines sanitized_configure.
# Environment: HEARD_SANITIZED_BUILD_DIR (default build-sanitize), CC / CXX (default clang-14 /
# clang++-14, else clang / clang++).
SANITIZED_BUILD_DIR="${HEARD_SANITIZED_BUILD_DIR:-build-sanitize}"

sanitized_configure() {
  local pick cc cxx
  pick() { for c in "$@"; do command -v "$c" >/dev/null 2>&1 && { echo "$c"; return; }; done; }
  cc="${CC:-$(pick clang-14 clang)}"
  cxx="${CXX:-$(pick clang++-14 clang++)}"
  if [[ -z "$cc" || -z "$cxx" ]]; then
    echo "sanitized build: clang not found (install clang and libclang-rt-dev)" >&2
    return 2
  fi
  local launcher=()
  command -v ccache >/dev/null 2>&1 &&
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # -O1: the sanitizers' own advice (fast enough, stacks still readable). Line tables only: a
  # report names file and line, and the objects and links are far smaller than with full -g.
  # No -Werror here: the ordinary gcc build is the warning gate; clang's extra warnings are not
  # failures.
  local flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -gline-tables-only -O1"
  # No heard-bench: timings under the sanitizers mean nothing, and it is a tenth of the build.
  # Every test's time limit is four times its own: instrumented code runs 2-4x slower.
  # Debug keeps assert() on; its own "-g" is emptied, or it would override -gline-tables-only.
  cmake -S . -B "$SANITIZED_BUILD_DIR" -DCMAKE_BUILD_TYPE=Debug -DHEARD_FUZZ=ON -DHEARD_BENCH=OFF \
    -DCMAKE_C_FLAGS_DEBUG= -DCMAKE_CXX_FLAGS_DEBUG= \
    -DHEARD_TEST_TIMEOUT_FACTOR=4 \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" "${launcher[@]}" \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
}
