#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer in the build folder scripts/sanitize.sh shares, and runs each for
# N seconds (default 60) over its seed corpus. Exits non-zero if any target crashes, leaks or trips a sanitizer; the
# crashing input is left in build-sanitize/findings/<target>/ (make it a regression test
# in tests/hardening).
#
#   scripts/fuzz.sh [seconds]          e.g. scripts/fuzz.sh 20
# Environment: HEARD_SANITIZED_BUILD_DIR (default build-sanitize), HEARD_FUZZ_JOBS (default nproc:
#              the build's parallelism and how many targets run at once),
#              CC / CXX (default clang-14 / clang++-14, else clang / clang++),
#              HEARD_FUZZ_SEED (default 1; 0 = a random seed each run) and HEARD_FUZZ_RUNS
#              (at most this many inputs per target, within the time limit; default: per target,
#              the count a seed-1 run on a fresh work corpus reached in 60 s when last checked).
# With a fixed seed, a fresh work corpus and that cap, a run explores the same inputs each
# time, so CI repeats what was checked before a change lands; fuzz with HEARD_FUZZ_SEED=0 and
# HEARD_FUZZ_RUNS=-1 to look further, and keep what it finds as a regression.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
JOBS="${HEARD_FUZZ_JOBS:-$(nproc)}"
SEED="${HEARD_FUZZ_SEED:-1}"
# Checked clean with seed 1 on 2026-11-30 (runs reached in 60 s on a loaded 2-core machine).
declare -A CHECKED_RUNS=([protocol]=500000 [content]=500000 [mo]=900000 [keyfile]=240000 [record_verifier]=500000)
TARGETS=(protocol content mo keyfile record_verifier)

# The sanitized build scripts/sanitize.sh uses (scripts/sanitized-build.sh): after it, only the
# fuzz_* links remain, if anything.
source scripts/sanitized-build.sh
BUILD_DIR="$SANITIZED_BUILD_DIR"
started=$(date +%s)
sanitized_configure
cmake --build "$BUILD_DIR" -j "$JOBS" --target "${TARGETS[@]/#/fuzz_}"
echo "fuzz.sh: clang build took $(( $(date +%s) - started )) s"

# One target per core at a time: each run is single-threaded. A target that reaches its run cap
# (CHECKED_RUNS) within the time has run the same inputs as when the cap was checked; on a
# slower or busier machine the time limit may stop it a little short (keyfile: 235,346 of
# 240,000 in 61 s, two at a time, on 1 December).
fuzz_one() {
  local t="$1"
  local work="$BUILD_DIR/fuzz-corpus/$t"      # new inputs libFuzzer finds (the seeds stay untouched)
  local findings="$BUILD_DIR/findings/$t"
  mkdir -p "$work" "$findings"
  echo "fuzz.sh: $t for ${SECONDS_EACH}s"
  if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$BUILD_DIR/tests/fuzz/fuzz_$t" "$work" "tests/fuzz/corpus/$t" \
      -max_total_time="$SECONDS_EACH" -seed="$SEED" -runs="${HEARD_FUZZ_RUNS:-${CHECKED_RUNS[$t]}}" -max_len=262144 -rss_limit_mb=2048 -timeout=10 \
      -artifact_prefix="$findings/" -print_final_stats=1 >"$BUILD_DIR/fuzz-$t.log" 2>&1; then
    echo "fuzz.sh: $t FAILED; log $BUILD_DIR/fuzz-$t.log; input(s) in $findings/" >&2
    tail -n 40 "$BUILD_DIR/fuzz-$t.log" >&2
    return 1
  fi
  echo "fuzz.sh: $t: $(grep -E "^stat::number_of_executed_units|^Done" "$BUILD_DIR/fuzz-$t.log" | tr '\n' ' ')"
}

failed=()
declare -A running=()
reap() { # waits for one running target and records whether it failed
  local pid
  wait -n -p pid "${!running[@]}" || failed+=("${running[$pid]}")
  unset "running[$pid]"
}
for t in "${TARGETS[@]}"; do
  while ((${#running[@]} >= JOBS)); do reap; done
  fuzz_one "$t" &
  running[$!]="$t"
done
while ((${#running[@]})); do reap; done
if ((${#failed[@]})); then
  echo "fuzz.sh: crashes in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: all ${#TARGETS[@]} targets ran (up to ${SECONDS_EACH}s each, $JOBS at a time) without a finding"
