#!/usr/bin/env bash
# Fuzzes the decoder, the analysis and the shared-link decoder with cargo-fuzz (libFuzzer),
# each target briefly.
#
#   scripts/fuzz.sh [SECONDS]      # seconds per target, default 60
#   FUZZ_TARGETS="analyze_html" scripts/fuzz.sh 600    # only some targets
#
# Installs cargo-fuzz when missing. The machine has stable Rust only: cargo-fuzz's nightly
# flags (-Zsanitizer=address…) are allowed with RUSTC_BOOTSTRAP=1. Each target's corpus
# (fuzz/corpus/<target>/, git-ignored) is seeded at every run from fuzz/seeds/<target>/
# and, for the analysis targets, the seed articles (seeds/*.txt, plus the small hostile
# cases); crashes land in fuzz/artifacts/<target>/ and make this script fail. Turn a crash
# into a regression case: in tests/data/hostile/ (file + expect.json entry) for the
# analysis, in tests/data/share/cases.json for share_fragment (the shared-results link).
#
# FUZZ_SLOW=1 also runs scripts/slow-hostile.sh (the full-size hostile cases through the
# release CLI, FUZZ_SLOW_LIMIT seconds each, default 600); scripts/test.sh runs that in CI.
set -euo pipefail

cd "$(dirname "$0")/.."
seconds=${1:-60}
targets=${FUZZ_TARGETS:-"analyze_bytes analyze_html analyze_markdown share_fragment"}
export PATH="$HOME/.cargo/bin:$PATH"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

export RUSTC_BOOTSTRAP=1
status=0
for t in $targets; do
  corpus=fuzz/corpus/$t
  mkdir -p "$corpus" "fuzz/artifacts/$t"
  cp -f fuzz/seeds/"$t"/* "$corpus"/
  case $t in
    analyze_*)
      cp -f seeds/*.txt "$corpus"/
      for f in tests/data/hostile/*.txt tests/data/hostile/*.html; do
        [ -f "$f" ] && cp -f "$f" "$corpus/hostile_$(basename "$f")"
      done
      ;;
  esac
  echo "==> fuzz $t for ${seconds}s"
  # -a: debug assertions and overflow checks, as in the test profile.
  # -timeout: one input taking longer than 20 s is reported as a hang.
  # -max_len: big enough for the seed articles, small enough to stay fast.
  if ! cargo fuzz run -a "$t" "$corpus" -- \
      -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=8192 \
      -print_final_stats=1; then
    echo "    fuzz $t: FAILED (reproducer in fuzz/artifacts/$t/)"
    status=1
  else
    echo "    fuzz $t: ok"
  fi
done
if [ "${FUZZ_SLOW:-0}" = 1 ]; then
  unset RUSTC_BOOTSTRAP
  SLOW_LIMIT=${FUZZ_SLOW_LIMIT:-600} scripts/slow-hostile.sh || status=1
fi
exit "$status"
