#!/usr/bin/env bash
# Builds the web page and serves it at http://127.0.0.1:${PORT:-8080}/ (rebuilds on change).
#
#   scripts/serve.sh            PORT=9000 scripts/serve.sh
#
# Installs what is missing first (scripts/setup.sh web). The page needs no server of its own:
# `trunk build --release` writes a static dist/ that any static host can serve.
set -euo pipefail

cd "$(dirname "$0")/.."

scripts/setup.sh web

# npm's wasm-opt (binaryen 132) must come before any system one; see ../shared/SETUP.md.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

port=${PORT:-8080}
echo "==> serving on http://127.0.0.1:$port/"
# --no-autoreload: trunk's reload client is an inline script, which the page's CSP forbids.
exec trunk serve --release --no-autoreload --address 127.0.0.1 --port "$port"
