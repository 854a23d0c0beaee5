#!/usr/bin/env bash
# Installs every Debian 12 package Heard needs to build, run and test.
# Idempotent: packages already present are skipped, so a second run is quick.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  libsdl2-dev libimgui-dev libstb-dev fonts-dejavu-core
  libsqlcipher-dev sqlcipher libsodium-dev nlohmann-json3-dev
  libcpp-httplib-dev libssl-dev openssl
  libpqxx-dev postgresql
  doctest-dev libbenchmark-dev xvfb xauth
  libcairo2-dev gettext
  zlib1g-dev
  clang clang-format libclang-rt-dev lld  # lld: both builds link with it (HEARD_LLD)
  libaspell-dev aspell-en aspell-cy
  libespeak-ng-dev espeak-ng-data
  libpango1.0-dev poppler-utils
  libpoppler-glib-dev  # the app shows a stored report from its stored PDF bytes (issue 16)
  liboath-dev libqrencode-dev
  chromium chromium-driver python3-selenium
  systemd curl  # systemd-analyze verify and the health check of ctest -R ship.package
  dpkg-dev  # dpkg-parsechangelog: ship.package reads the packages' changelogs
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "heard: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
