#!/usr/bin/env bash
# ship.package (issue 21.2): builds the .deb packages from the already-built tree (cpack, no
# rebuild), unpacks them into a throw-away root, runs the installed heard (--version, --tour) and
# the installed heard-server (--version, a config file with a flag that wins, a health check on
# 127.0.0.1 over TLS) and checks the systemd unit with systemd-analyze verify.
#   package_test.sh <build dir>
set -euo pipefail
BUILD="$(cd "$1" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/heard-ship-package-XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# --- an install under a prefix stays under it (the config file included: never the machine's /etc)
cmake --install "$BUILD" --prefix "$WORK/prefix" --component server >"$WORK/install.log" 2>&1 ||
  { cat "$WORK/install.log"; fail "cmake --install --prefix"; }
[ -f "$WORK/prefix/etc/heard/server.conf" ] || fail "server.conf not installed under the prefix"
if grep -q -- "Installing: /etc/" "$WORK/install.log"; then fail "cmake --install --prefix wrote /etc"; fi

# --- packages
(cd "$BUILD" && cpack -G DEB -B "$WORK/deb" >"$WORK/cpack.log" 2>&1) || { cat "$WORK/cpack.log"; fail "cpack"; }
APP_DEB=$(ls "$WORK"/deb/heard_*.deb) || fail "no heard .deb"
SERVER_DEB=$(ls "$WORK"/deb/heard-server_*.deb) || fail "no heard-server .deb"
ROOT="$WORK/root"
mkdir -p "$ROOT"
dpkg-deb -x "$APP_DEB" "$ROOT"
dpkg-deb -x "$SERVER_DEB" "$ROOT"
dpkg-deb -f "$SERVER_DEB" Package | grep -qx heard-server || fail "package name"
dpkg-deb -I "$SERVER_DEB" conffiles | grep -qx /etc/heard/server.conf || fail "server.conf is not a conffile"
for f in usr/bin/heard usr/bin/heard-server usr/share/heard/tools/three_wishes.json \
         usr/share/heard/safeguarding/safeguarding.json usr/share/heard/locale/cy.mo \
         usr/lib/systemd/system/heard-server.service usr/lib/sysusers.d/heard-server.conf \
         etc/heard/server.conf usr/share/doc/heard/user-guide.md usr/share/doc/heard-server/admin-guide.md; do
  [ -e "$ROOT/$f" ] || fail "missing /$f in the packages"
done

# --- Debian policy: each package has its copyright file and its changelog (gzip -9n)
VERSION=$(dpkg-deb -f "$APP_DEB" Version)
for deb in "$APP_DEB" "$SERVER_DEB"; do
  pkg=$(dpkg-deb -f "$deb" Package)
  listing=$(dpkg-deb -c "$deb")
  for f in copyright changelog.gz; do
    echo "$listing" | grep -q " \./usr/share/doc/$pkg/$f\$" || fail "$pkg lacks /usr/share/doc/$pkg/$f"
  done
  head -1 "$ROOT/usr/share/doc/$pkg/copyright" |
    grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' ||
    fail "$pkg: the copyright file is not in the machine-readable format"
  grep -q '^License: ' "$ROOT/usr/share/doc/$pkg/copyright" || fail "$pkg: the copyright file names no licence"
  gzip -t "$ROOT/usr/share/doc/$pkg/changelog.gz" || fail "$pkg: changelog.gz is not gzip"
  gunzip -c "$ROOT/usr/share/doc/$pkg/changelog.gz" >"$WORK/changelog"
  logged=$(dpkg-parsechangelog -l "$WORK/changelog" -S Version) || fail "$pkg: the changelog does not parse"
  [ "$logged" = "$VERSION" ] || fail "$pkg: the changelog's version $logged is not the package's $VERSION"
done

# --- the installed app finds its data next to itself (not the build tree's)
unset HEARD_DATA_DIR HEARD_LOCALE_DIR HEARD_TOOLS_DIR HEARD_ASSETS_DIR HEARD_SAFEGUARDING_CONTENT
VERSION_OUT=$("$ROOT/usr/bin/heard" --version)
echo "$VERSION_OUT"
echo "$VERSION_OUT" | grep -q '^heard [0-9]' || fail "heard --version: no version"
echo "$VERSION_OUT" | grep -qx "data $ROOT/usr/share/heard" || fail "heard does not use the installed data"
echo "$VERSION_OUT" | grep -qx "translations cy $ROOT/usr/share/heard/locale/cy.mo" || fail "installed cy.mo not found"
echo "$VERSION_OUT" | grep -q '^content tool three_wishes [0-9]' || fail "installed tool content not found"
SDL_VIDEODRIVER=dummy "$ROOT/usr/bin/heard" --tour "$WORK/tour" >/dev/null || fail "installed heard --tour"
SHOTS=$(ls "$WORK"/tour/*.png | wc -l)
[ "$SHOTS" -ge 50 ] || fail "the installed tour wrote only $SHOTS pictures"
ls "$WORK"/tour/*-activity-three_wishes-cy.png >/dev/null || fail "no Welsh activity in the installed tour"
echo "installed tour: $SHOTS pictures"

# --- the installed server: version, config file, flags win, health over TLS on 127.0.0.1
"$ROOT/usr/bin/heard-server" --no-config --version | grep -q '^heard-server [0-9]' || fail "heard-server --version"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$WORK/server.conf" <<CONF
# as an administrator would write it
db = sqlite:$WORK/server.db
listen = 127.0.0.1:1
cert = $WORK/cert.pem
key = $WORK/key.pem
CONF
echo "bogus = 1" >"$WORK/bad.conf"
if "$ROOT/usr/bin/heard-server" --config "$WORK/bad.conf" --version 2>"$WORK/bad.err"; then fail "bad config accepted"; fi
grep -q "bad.conf:1: unknown setting 'bogus'" "$WORK/bad.err" || fail "bad config message: $(cat "$WORK/bad.err")"
"$ROOT/usr/bin/heard-server" --config "$WORK/server.conf" --listen "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
HEALTHY=""
for _ in $(seq 1 100); do
  if curl -sf --max-time 2 --cacert "$WORK/cert.pem" "https://127.0.0.1:$PORT/v1/health" >"$WORK/health.json"; then
    HEALTHY=1; break
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
[ -n "$HEALTHY" ] || { cat "$WORK/server.log"; fail "no health answer from the installed heard-server"; }
echo "health: $(cat "$WORK/health.json")"
[ -f "$WORK/server.db" ] || fail "the config file's db was not used"
kill "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=""

# --- the systemd unit: sandboxing present, and systemd-analyze accepts every line
UNIT="$ROOT/usr/lib/systemd/system/heard-server.service"
for line in User=heard-server ProtectSystem=strict PrivateTmp=yes NoNewPrivileges=yes \
            StateDirectory=heard-server StateDirectoryMode=0700; do
  grep -qx "$line" "$UNIT" || fail "unit lacks $line"
done
# The binary is in the staging root, not /usr/bin: verify a copy pointing at it.
sed "s|/usr/bin/heard-server|$ROOT/usr/bin/heard-server|" "$UNIT" >"$WORK/heard-server.service"
systemd-analyze verify --recursive-errors=no --man=no --generators=no "$WORK/heard-server.service" \
  >"$WORK/verify.log" 2>&1 || { cat "$WORK/verify.log"; fail "systemd-analyze verify"; }
if [ -s "$WORK/verify.log" ]; then cat "$WORK/verify.log"; fail "systemd-analyze verify printed warnings"; fi
echo "ship.package: ok"
