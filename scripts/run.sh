#!/usr/bin/env bash
# Installs what is missing, builds, and starts Heard on its embedded default with the
# fictional demo caseload. Extra arguments go to heard (see `heard --help`).
# Without a display, `scripts/run.sh --tour DIR` saves every screen as pictures instead.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${HEARD_BUILD_DIR:-build}"

# The tour needs no display: SDL's dummy driver and the software renderer.
for arg in "$@"; do
  if [ "$arg" = "--tour" ]; then export SDL_VIDEODRIVER="${SDL_VIDEODRIVER:-dummy}"; fi
done
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${SDL_VIDEODRIVER:-}" ]; then
  echo "heard: there is no display here, so Heard cannot open its window; to see every screen as" \
       "pictures instead, run: scripts/run.sh --tour DIR (or $BUILD_DIR/app/heard --tour DIR)." >&2
  exit 1
fi

bash scripts/setup-deps.sh
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)" --target heard
exec "$BUILD_DIR/app/heard" --demo "$@"
