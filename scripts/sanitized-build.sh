#!/usr/bin/env bash
# Sourced by scripts/sanitize.sh and scripts/fuzz.sh: configures the one clang build both use
# (build-sanitize), so CI compiles the tree once for the sanitizer suite and the fuzzers, not
# twice. Everything is compiled with AddressSanitizer + UndefinedBehaviorSanitizer; the
# libraries the fuzzers link also get libFuzzer's coverage hooks, and only the fuzz_*
# executables link libFuzzer's main (tests/fuzz/CMakeLists.txt).
# Sets SANITIZED_BUILD_DIR and HEARD_UNSANITIZED_TESTS, and defines sanitized_configure.
# Environment: HEARD_SANITIZED_BUILD_DIR (default build-sanitize), CC / CXX (default clang-14 /
# clang++-14, else clang / clang++).
SANITIZED_BUILD_DIR="${HEARD_SANITIZED_BUILD_DIR:-build-sanitize}"

# The tests that run in the ordinary (optimised) build only: the volume tests and benchmark
# smoke runs (scale.*, bench.*: the same code paths as the unit tests, at sizes that take many
# minutes under ASan; bench.* is not built here), the fuzz harnesses' seed replays (here the
# harnesses are libFuzzer targets, which scripts/fuzz.sh runs over the same seeds), packaging
# (it would package the sanitized binaries), the source checks (Python: no C++ of ours runs),
# and hardening.secrets_memory, which reads every readable mapping of its own process: under ASan that includes the shadow memory,
# terabytes of it (it ran past its 16-minute limit). scripts/sanitize.sh skips them;
# scripts/test.sh runs them in the ordinary build. A ctest -R / -E pattern.
HEARD_UNSANITIZED_TESTS='^(scale\.|bench\.|fuzz\.replay_|ship\.package$|ship\.links$|ship\.no_config$|arch\.layers_check$|arch\.format_check$|hardening\.secrets_memory$)'

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
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    # ccache caches a compile that uses a precompiled header only with these (HEARD_PCH).
    export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
  fi
  # -O1: the sanitizers' own advice (fast enough, stacks still readable). Line tables only: a
  # report names file and line, and the objects and links are far smaller than with full -g.
  # -Werror: CI compiles most test suites only here (scripts/test.sh), so this build is their
  # warning gate, as the ordinary gcc build is the product's.
  local flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -gline-tables-only -O1"
  # No heard-bench: timings under the sanitizers mean nothing, and it is a tenth of the build.
  # Every test's time limit is four times its own: instrumented code runs 2-4x slower.
  # Debug keeps assert() on; its own "-g" is emptied, or it would override -gline-tables-only.
  cmake -S . -B "$SANITIZED_BUILD_DIR" -DCMAKE_BUILD_TYPE=Debug -DHEARD_FUZZ=ON -DHEARD_BENCH=OFF -DHEARD_WERROR=ON \
    -DCMAKE_C_FLAGS_DEBUG= -DCMAKE_CXX_FLAGS_DEBUG= \
    -DHEARD_TEST_TIMEOUT_FACTOR=4 \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" "${launcher[@]}" \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
}
