#!/usr/bin/env bash
# The full-size hostile cases (marked "slow" in tests/data/hostile/expect.json: 50 MB of
# prose, a 5 MB line without punctuation, 100,000 one-line paragraphs, one sentence 10,000
# times) through the release CLI, each under a time limit, with time and peak memory.
#
#   scripts/slow-hostile.sh            # limit 120 s per file
#   SLOW_LIMIT=600 scripts/slow-hostile.sh
#
# The files are written by the ignored test `hostile_inputs_slow` (HOSTILE_WRITE=DIR), so
# they are exactly the ones expect.json describes. A file over the limit, or a non-zero
# exit, fails the script. scripts/test.sh runs it in CI.
set -euo pipefail

cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
limit=${SLOW_LIMIT:-120}
out=target/hostile-slow
echo "==> slow hostile cases through the release CLI (limit ${limit}s each)"
cargo build --release --bin entente
rm -rf "$out"
HOSTILE_WRITE="$PWD/$out" cargo test --test hostile hostile_inputs_slow -- --ignored --quiet
status=0
for f in "$out"/*; do
  start=$(date +%s%N)
  # Peak memory with GNU time when the machine has it (Debian package `time`).
  timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -f '%M' -o "$out.mem")
  if timeout "$limit" "${timer[@]}" target/release/entente analyze "$f" --format jsonl >/dev/null; then
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    peak=""
    [ -s "$out.mem" ] && peak=", peak $(( $(tail -1 "$out.mem") / 1024 )) MB"
    echo "    $(basename "$f"): $(stat -c %s "$f") bytes in ${ms} ms${peak}"
  else
    echo "    $(basename "$f"): FAILED or over ${limit}s"
    status=1
  fi
done
rm -f "$out.mem"
exit "$status"
