#!/usr/bin/env bash
# ship.guide_pictures: scripts/guide-pictures.sh regenerates the user guide's pictures from the
# tour. Runs it into a temporary folder (keeping the tour's own output), then checks that
#   - each picture is byte for byte the tour's screen of that name;
#   - docs/pictures holds exactly the pictures the script makes (none missing, none stale by name)
#     at the tour's size;
#   - every picture docs/user-guide.md shows is one of them, and each one is shown.
#   - each committed picture shows today's layout: under 1% of its pixels differ from today's
#     tour (not byte for byte: the tour shows today's date; a moved widget changes far more,
#     about 5% for the safety bar that stale pictures lacked).
#   guide_pictures_test.sh <source dir> <heard binary>
set -euo pipefail
SRC="$1"
HEARD="$2"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/heard-ship-pictures-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

bash "$SRC/scripts/guide-pictures.sh" --heard "$HEARD" --out "$WORK/out" --tour-dir "$WORK/tour"
made=$(cd "$WORK/out" && ls *.png | sort)
[ -n "$made" ] || fail "the script made no pictures"
for name in $made; do
  tour=("$WORK"/tour/[0-9]*-"$name")
  [ -f "${tour[0]}" ] || fail "$name is not a tour screen"
  cmp -s "${tour[0]}" "$WORK/out/$name" || fail "$name differs from the tour's ${tour[0]##*/}"
done
committed=$(cd "$SRC/docs/pictures" && ls *.png | sort)
[ "$made" = "$committed" ] || fail "docs/pictures is not what the script makes; run scripts/guide-pictures.sh
made:      $(echo $made)
committed: $(echo $committed)"
size() { python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print(*struct.unpack(">II", d[16:24]))' "$1"; }
for name in $made; do
  [ "$(size "$WORK/out/$name")" = "$(size "$SRC/docs/pictures/$name")" ] || fail "docs/pictures/$name has another size"
done
for name in $made; do
  share=$(python3 "$SRC/tests/ship/png_diff.py" "$SRC/docs/pictures/$name" "$WORK/out/$name")
  python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < 0.01 else 1)' "$share" ||
    fail "docs/pictures/$name is stale ($share of its pixels differ from the tour); run scripts/guide-pictures.sh"
done
shown=$(grep -o 'pictures/[A-Za-z0-9_.-]*\.png' "$SRC/docs/user-guide.md" | sed 's|pictures/||' | sort -u)
[ "$shown" = "$made" ] || fail "docs/user-guide.md shows $(echo $shown), the script makes $(echo $made)"
echo "ship.guide_pictures: $(echo "$made" | wc -l) pictures match the tour"
