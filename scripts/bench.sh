#!/usr/bin/env bash
# Benchmarks: prints tables, asserts no timings. XD_BENCH_MS sets the time per case (default 1500).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo bench --locked --bench engine
bash scripts/build.sh
node bench/bench.mjs
