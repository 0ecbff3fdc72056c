#!/usr/bin/env bash
# Installs what entente needs, skipping whatever is already there at the right version.
#
#   scripts/setup.sh [core|web]
#
#   core (default)  Rust toolchain check, python3 (for the scorers), cargo fetch.
#   web             core + wasm32 target, trunk 0.21.14, wasm-bindgen-cli at Cargo.lock's
#                   wasm-bindgen version, Chromium + chromedriver (Debian, as root), npm packages.
#
# Safe to run again: each step checks first and says what it does. Runs as root on a fresh
# Debian CI machine (only the crates.io, PyPI, npm and Debian registries reachable) or on a
# developer machine (apt steps are skipped without root, with a note).
set -euo pipefail

mode=${1:-core}
case "$mode" in
  core | web) ;;
  -h | --help)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "usage: scripts/setup.sh [core|web]" >&2
    exit 2
    ;;
esac

cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14

say() { printf '==> %s\n' "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
die() {
  printf 'setup: error: %s\n' "$*" >&2
  exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

apt_updated=0
apt_install() {
  if ! is_root; then
    echo "    not root: skipping 'apt-get install $*' (install it yourself, e.g. with sudo)"
    return 0
  fi
  if [ "$apt_updated" -eq 0 ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    apt_updated=1
  fi
  say "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

# --- core ------------------------------------------------------------------------------

say "Rust toolchain"
command -v cargo >/dev/null || die "cargo not found: install Rust (https://rustup.rs) first"
ok "$(cargo --version)"

say "python3 (runs the eval scorers)"
if ! command -v python3 >/dev/null; then
  apt_install python3
fi
command -v python3 >/dev/null || die "python3 not found"
ok "$(python3 --version)"

say "GNU time (peak memory of the slow hostile cases, scripts/slow-hostile.sh)"
if [ ! -x /usr/bin/time ]; then
  apt_install time || true
fi
[ -x /usr/bin/time ] && ok "/usr/bin/time" || echo "    /usr/bin/time missing: peak memory not reported"

say "cargo fetch (so later builds, and trunk's offline build, need no network)"
cargo fetch

if [ "$mode" = core ]; then
  say "core setup done"
  exit 0
fi

# --- web -------------------------------------------------------------------------------

say "wasm32-unknown-unknown target"
command -v rustup >/dev/null || die "rustup not found: it is needed to add the wasm32 target"
installed_targets=$(rustup target list --installed)
if grep -qx wasm32-unknown-unknown <<<"$installed_targets"; then
  ok "installed"
else
  rustup target add wasm32-unknown-unknown
fi

say "trunk $TRUNK_VERSION"
have_trunk=$(trunk --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_trunk" = "$TRUNK_VERSION" ]; then
  ok "trunk $have_trunk"
else
  say "cargo install trunk --version $TRUNK_VERSION --locked (about 15 minutes on a fresh machine)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

say "wasm-bindgen-cli (must equal the wasm-bindgen crate in Cargo.lock)"
bindgen_version=$(awk '
  /^\[\[package\]\]/ { name = "" }
  /^name = / { name = $3; gsub(/"/, "", name) }
  /^version = / && name == "wasm-bindgen" { v = $3; gsub(/"/, "", v); print v; exit }
' Cargo.lock)
[ -n "$bindgen_version" ] || die "no wasm-bindgen package in Cargo.lock"
have_bindgen=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_bindgen" = "$bindgen_version" ]; then
  ok "wasm-bindgen $have_bindgen"
else
  # Not --locked: its lockfile pins a webpki-roots version the registry lacks.
  say "cargo install wasm-bindgen-cli --version $bindgen_version (about 5 minutes)"
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

say "Chromium and chromedriver (browser tests)"
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  ok "$(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
else
  apt_install chromium chromium-driver
fi

if [ -f package.json ]; then
  say "npm packages"
  if ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
  command -v npm >/dev/null || die "npm not found: install Node.js"
  if [ -f package-lock.json ]; then
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
      npm ci --no-audit --no-fund
      if [ -d node_modules ]; then touch node_modules; fi
    else
      ok "node_modules up to date with package-lock.json"
    fi
  elif [ ! -d node_modules ] || [ package.json -nt node_modules ]; then
    npm install --no-audit --no-fund
    if [ -d node_modules ]; then touch node_modules; fi
  else
    ok "node_modules up to date with package.json"
  fi
fi

say "web setup done"
