#!/usr/bin/env bash
# Runs every test of the project, installing what is missing first.
#
#   scripts/test.sh
#
# Order: setup → wasm tests in a headless browser → trunk release build → end-to-end browser
# tests → cargo tests (unit, integration, score gates, doc tests) last, so the final lines
# are cargo's own summary. Steps whose files do not exist yet are skipped with a note.
# Every step runs even when an earlier one failed; the exit status is non-zero if any failed.
#
# cargo tests run in the debug profile: on two cores the release profile (fat LTO, one
# codegen unit) costs minutes of compiling for seconds of testing, and dependencies are
# already built at opt-level 2 in dev (Cargo.toml).
set -euo pipefail

cd "$(dirname "$0")/.."

scripts/setup.sh web

# npm's wasm-opt (binaryen 132) must come before any system one; see ../shared/SETUP.md.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}

say() { printf '\n==> %s\n' "$*"; }
failed=()

# Runs a step; on failure records its name and returns 1 (call it as a condition, or with
# `|| true`, so that `set -e` does not stop the remaining steps).
step() {
  local name=$1
  shift
  say "$name: $*"
  if "$@"; then
    echo "    $name: ok"
  else
    echo "    $name: FAILED"
    failed+=("$name")
    return 1
  fi
}

if [ -f tests/wasm.rs ]; then
  wasm_targets=(--test wasm)
  if grep -rqs --include='*.rs' 'wasm_bindgen_test' src; then
    wasm_targets+=(--lib)
  fi
  step "wasm tests" cargo test --target wasm32-unknown-unknown "${wasm_targets[@]}" || true
else
  say "wasm tests: skipped (no tests/wasm.rs)"
fi

built=0
if [ -f index.html ] && [ -f Trunk.toml ]; then
  if step "trunk build" trunk build --release; then
    built=1
  fi
else
  say "trunk build: skipped (no index.html / Trunk.toml)"
fi

if [ -d e2e ]; then
  if [ "$built" -eq 1 ]; then
    step "e2e tests" node --test e2e/ || true
  else
    say "e2e tests: not run (no dist/ from a successful trunk build)"
    failed+=("e2e tests (no build)")
  fi
else
  say "e2e tests: skipped (no e2e/)"
fi

# The full-size hostile cases (50 MB of prose, a 5 MB line…) through the release CLI, in
# CI or with SLOW=1: a fat-LTO release build (a few minutes) and ~25 s of runs.
if [ "${SLOW:-}" = 1 ] || [ "${CI:-}" = true ]; then
  step "slow hostile cases" scripts/slow-hostile.sh || true
else
  say "slow hostile cases: skipped (SLOW=1 or CI=true runs scripts/slow-hostile.sh)"
fi

# Fuzzing (scripts/fuzz.sh) with FUZZ=1 and in CI: 30 s per target, as cargo-fuzz's install
# and instrumented build already take ~10 minutes on two cores.
if [ "${FUZZ:-}" = 1 ] || [ "${CI:-}" = true ]; then
  step "fuzz" scripts/fuzz.sh 30 || true
else
  say "fuzz: skipped (FUZZ=1 or CI=true runs scripts/fuzz.sh 30)"
fi

if [ "${#failed[@]}" -gt 0 ]; then
  say "failed before the cargo tests: ${failed[*]}"
fi

say "cargo tests: cargo test"
cargo_status=0
cargo test || cargo_status=$?

if [ "$cargo_status" -ne 0 ] || [ "${#failed[@]}" -gt 0 ]; then
  exit 1
fi
