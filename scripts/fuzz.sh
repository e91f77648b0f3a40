#!/usr/bin/env bash
# Coverage-guided fuzzing of the targets in fuzz/ with cargo-fuzz (libFuzzer), on the stable
# toolchain: `-s none` builds without a sanitizer, and with no sanitizer and no --build-std
# cargo-fuzz passes only stable flags (-Cpasses=sancov-module, -Cllvm-args=…, --cfg fuzzing,
# -Cdebug-assertions), so no nightly and no RUSTC_BOOTSTRAP are needed. (The safe Rust here
# gains little from AddressSanitizer; panics, aborts, stack overflows, timeouts and OOM are what
# the targets find.) Each target runs FUZZ_RUNS executions (default 10,000,000) or until
# FUZZ_SECONDS (default: no limit), from the committed seeds in fuzz/corpus/<target> plus a
# working corpus in target/fuzz-corpus/<target>, at nice 19, FUZZ_JOBS (default 2) targets at
# once. New crashes are copied to fuzz/regressions/<target>/, which `cargo test --test
# fuzz_corpus` replays on stable. The table (also in target/fuzz-summary.txt) is what
# docs/fuzz.md records.
#   bash scripts/fuzz.sh [target…]      e.g. FUZZ_RUNS=100000 bash scripts/fuzz.sh quote csv
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
runs=${FUZZ_RUNS:-10000000}
seconds=${FUZZ_SECONDS:-0}
jobs=${FUZZ_JOBS:-2}
niceness=${FUZZ_NICE:-19}
# FUZZ_FAST=1: build without trace-compares (cargo-fuzz --no-trace-compares) into its own target
# dir — fewer comparisons guide the mutations, but the slow targets run several times faster.
build_flags=(-s none --fuzz-dir fuzz)
if [ "${FUZZ_FAST:-0}" = 1 ]; then build_flags+=(--no-trace-compares --target-dir fuzz/target-ntc); fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(money json quote listing csv rulebook search)

command -v cargo-fuzz >/dev/null || nice -n 19 cargo install --locked cargo-fuzz --version 0.13.2
# All targets at once (they share one instrumented build of the crate).
nice -n "$niceness" cargo fuzz build "${build_flags[@]}"

fuzz_one() {
  local t=$1 work="target/fuzz-corpus/$1" log="target/fuzz-$1.log"
  mkdir -p "$work" "fuzz/regressions/$t" "fuzz/artifacts/$t"
  # -max_len: a little past what each target reads (64 offers are 257 bytes of `search`; the
  # largest seed of `rulebook` is the 28 KB default rulebook); past the caps the variants build
  # their own big inputs. The default (64 KiB) let inputs grow into the slow tail.
  local max_len
  case $t in
    money) max_len=64 ;; search) max_len=320 ;; listing | csv) max_len=4096 ;;
    quote) max_len=8192 ;; json) max_len=16384 ;; *) max_len=32768 ;;
  esac
  # -timeout: one input past 10 s is a search time bomb, reported like a crash.
  nice -n "$niceness" cargo fuzz run "${build_flags[@]}" "$t" "$work" "fuzz/corpus/$t" -- \
    -runs="$runs" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=$max_len \
    -print_final_stats=1 >"$log" 2>&1 || true
}

summary() {
  local t=$1 log="target/fuzz-$1.log" crashes=0 f
  for f in fuzz/artifacts/"$t"/crash-* fuzz/artifacts/"$t"/oom-* fuzz/artifacts/"$t"/timeout-*; do
    [ -e "$f" ] || continue
    cp "$f" "fuzz/regressions/$t/"
    crashes=$((crashes + 1))
  done
  # Final stats when libFuzzer finished; else its last status line (a run stopped early).
  local execs rate corpus
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$log" | tr -d '#' | tail -1)
  [ -n "$rate" ] || rate=$(grep -o 'exec/s: [0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  corpus=$(find "target/fuzz-corpus/$t" -type f | wc -l)
  printf '%-10s %12s %10s %8s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "$corpus" "$crashes"
}

# A pool of FUZZ_JOBS: the next target starts when any one ends (money ends in a minute).
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  fuzz_one "$t" &
done
wait
{
  printf '%-10s %12s %10s %8s %8s\n' target executions exec/s corpus crashes
  for t in "${targets[@]}"; do summary "$t"; done
} | tee target/fuzz-summary.txt
