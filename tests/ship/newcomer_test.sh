#!/usr/bin/env bash
# ship.newcomer (issue 21.4): what a newcomer sees first.
#   - heard --version and heard-server --version print the version and the content versions;
#   - scripts/run.sh with no display (DISPLAY, WAYLAND_DISPLAY and SDL_VIDEODRIVER unset) says so
#     in one plain sentence and offers `heard --tour DIR`, instead of SDL's bare error.
#   newcomer_test.sh <source dir> <heard binary> <heard-server binary>
set -euo pipefail
SRC="$1"
HEARD="$2"
SERVER="$3"
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$HEARD" --version)
echo "$out"
version=$(sed -n 's/^project(heard VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
echo "$out" | grep -qx "heard $version" || fail "heard --version does not say $version"
echo "$out" | grep -q '^sync protocol [0-9]' || fail "no protocol version"
echo "$out" | grep -q '^content safeguarding [0-9]' || fail "no safeguarding content version"
echo "$out" | grep -q '^content body-outlines ' || fail "no body outlines version"
for file in "$SRC"/assets/tools/*.json; do
  id=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["id"], d["version"])' "$file")
  echo "$out" | grep -qx "content tool $id" || fail "heard --version lacks 'content tool $id'"
done
# $HEARD_DATA_DIR overrides where the content is (an installed layout: content, locale/).
FAKE="$(mktemp -d "${TMPDIR:-/tmp}/heard-ship-data-XXXXXX")"
cp -r "$SRC/assets/tools" "$SRC/assets/safeguarding" "$FAKE/"
python3 - "$FAKE/tools/three_wishes.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); d["version"] = 77; json.dump(d, open(sys.argv[1], "w"))
PY
over=$(HEARD_DATA_DIR="$FAKE" "$HEARD" --version)
rm -rf "$FAKE"
echo "$over" | grep -qx "data $FAKE" || fail "HEARD_DATA_DIR is not used"
echo "$over" | grep -qx "content tool three_wishes 77" || fail "content is not read from HEARD_DATA_DIR"

sout=$("$SERVER" --no-config --version)
echo "$sout"
echo "$sout" | grep -qx "heard-server $version" || fail "heard-server --version does not say $version"
echo "$sout" | grep -q '^sync protocol [0-9]' || fail "heard-server: no protocol version"

# First run without --demo and no store: the terminal says what the window is about to do.
DATA="$(mktemp -d "${TMPDIR:-/tmp}/heard-ship-first-run-XXXXXX")"
trap 'rm -rf "$DATA"' EXIT
first=$(SDL_VIDEODRIVER=dummy "$HEARD" --data-dir "$DATA/store" --run-for 0.3 2>&1 >/dev/null)
echo "$first"
echo "$first" | grep -q "real encrypted store" || fail "first run does not explain the real store"
echo "$first" | grep -q -- "--demo" || fail "first run does not offer --demo"
demo=$(SDL_VIDEODRIVER=dummy "$HEARD" --demo --data-dir "$DATA/demo" --run-for 0.3 2>&1)
if echo "$demo" | grep -q "real encrypted store"; then fail "the note shows with --demo"; fi

# run.sh without a display: one plain sentence and the tour, before any build work.
msg=$(env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER bash "$SRC/scripts/run.sh" 2>&1) && rc=0 || rc=$?
echo "$msg"
[ "$rc" -ne 0 ] || fail "run.sh without a display exited 0"
echo "$msg" | grep -q "no display" || fail "run.sh does not say there is no display"
echo "$msg" | grep -q -- "--tour" || fail "run.sh does not offer heard --tour"
if echo "$msg" | grep -q "XDG_RUNTIME_DIR"; then fail "run.sh still shows SDL's bare error"; fi
echo "ship.newcomer: ok"
