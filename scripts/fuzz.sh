#!/usr/bin/env bash
# Coverage-guided fuzzing of every target in fuzz/ with cargo-fuzz (libFuzzer; needs a nightly
# toolchain). Each target runs for FUZZ_SECONDS (default 60) from the committed seeds in
# fuzz/corpus/<target> plus a working corpus in target/fuzz-corpus/<target>. New crashes are
# copied to fuzz/regressions/<target>/, which `cargo test` replays on stable (tests/fuzz_corpus.rs).
#   bash scripts/fuzz.sh [target…]      e.g. FUZZ_SECONDS=300 bash scripts/fuzz.sh quote csv
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${FUZZ_SECONDS:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json money quote listing csv rulebook)

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: cargo-fuzz needs a nightly toolchain (rustup toolchain install nightly); the seeds and" >&2
  echo "      past crashes are still replayed on stable by: cargo test --test fuzz_corpus" >&2
  exit 2
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2

printf '%-10s %12s %10s %8s\n' target executions exec/s crashes
for t in "${targets[@]}"; do
  work="target/fuzz-corpus/$t"
  mkdir -p "$work" "fuzz/regressions/$t"
  log="target/fuzz-$t.log"
  set +e
  cargo +nightly fuzz run --fuzz-dir fuzz "$t" "$work" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e
  crashes=0
  for f in fuzz/artifacts/"$t"/crash-* fuzz/artifacts/"$t"/oom-* fuzz/artifacts/"$t"/timeout-*; do
    [ -e "$f" ] || continue
    cp "$f" "fuzz/regressions/$t/"
    crashes=$((crashes + 1))
  done
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  printf '%-10s %12s %10s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "$crashes"
  if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then
    echo "fuzz: $t exited $status without an artifact; see $log" >&2
  fi
done
