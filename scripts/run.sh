#!/usr/bin/env bash
# Installs what is missing, builds, and starts Heard on its embedded default with the
# fictional demo caseload. Extra arguments go to heard (see `heard --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
BUILD_DIR="${HEARD_BUILD_DIR:-build}"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)" --target heard
exec "$BUILD_DIR/app/heard" --demo "$@"
