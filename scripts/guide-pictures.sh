#!/usr/bin/env bash
# Regenerates the user guide's pictures (docs/pictures/*.png) from the tour, so they never go
# stale: runs `heard --tour` headless and copies the named screens, without the tour's running
# number (which moves when a screen is added). Run it after changing a screen the guide shows.
#
#   scripts/guide-pictures.sh [--heard BIN] [--out DIR] [--tour-dir DIR]
#     --heard     the heard binary (default: build/app/heard)
#     --out       where the pictures go (default: docs/pictures)
#     --tour-dir  keep the tour's own output there (default: a temporary folder, removed)
set -euo pipefail
cd "$(dirname "$0")/.."

# The pictures docs/user-guide.md uses: the tour's stop names (tour file name without number).
PICTURES=(
  landscape-welcome-en
  landscape-unlock
  landscape-caseload
  landscape-visit-write-up
  landscape-child-mode-hand-back
  landscape-safety-alert
  landscape-sync-sign-in
)

HEARD=build/app/heard
OUT=docs/pictures
TOUR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --heard) HEARD="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --tour-dir) TOUR="$2"; shift 2 ;;
    *) echo "guide-pictures.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ ! -x "$HEARD" ]; then
  echo "guide-pictures.sh: no heard binary at $HEARD (build it: cmake --build build --target heard)" >&2
  exit 1
fi
if [ -z "$TOUR" ]; then
  TOUR="$(mktemp -d "${TMPDIR:-/tmp}/heard-guide-tour-XXXXXX")"
  trap 'rm -rf "$TOUR"' EXIT
fi
SDL_VIDEODRIVER=dummy "$HEARD" --tour "$TOUR" >/dev/null

mkdir -p "$OUT"
rm -f "$OUT"/*.png
for name in "${PICTURES[@]}"; do
  found=("$TOUR"/[0-9]*-"$name".png)
  if [ ! -f "${found[0]}" ]; then
    echo "guide-pictures.sh: the tour has no screen named $name" >&2
    exit 1
  fi
  cp "${found[0]}" "$OUT/$name.png"
done
echo "guide-pictures.sh: ${#PICTURES[@]} pictures in $OUT"
