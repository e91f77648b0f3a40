#!/usr/bin/env bash
# Command two: every test. Installs what is missing first (including Debian chromium).
#   1. cargo fmt --check and clippy -D warnings (host, wasm32, and wasm32 as the shopper's module)
#   2. cargo test on the host (unit, integration, property tests), and the order server's tests
#      against its real binary and SQLite (incl. the 500-order load test)
#   3. wasm_bindgen_test tests compiled to wasm32, run headless in Node
#   4. the release build, the size check of both modules, and node --test over pkg/node and
#      www/pkg-shop
#   5. the mini-program harness: www/miniprogram loaded through a WXWebAssembly stand-in
#   6. the browser suite: playwright-core driving Debian chromium against www/
#   7. the npm package: packed, installed into fresh apps: Node CJS and ESM; browser ESM, Vite
#      (dev and build), esbuild, webpack and Rollup in Chromium; tsc --strict; the mini-program
#      harness (tests/package/)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n== %s\n' "$*"; }

step "setup"
bash scripts/setup.sh --browser

step "format and lints"
cargo fmt --all -- --check
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown --lib --features ts -- -D warnings
# The shopper's module (no merchant exports) must lint clean too.
cargo clippy --locked --target wasm32-unknown-unknown --lib --no-default-features --features ts -- -D warnings

step "cargo test (host)"
cargo test --locked

step "cargo test -p xiaodian-server (the order server, real HTTP and SQLite)"
cargo test --locked -p xiaodian-server -- --nocapture

step "cargo test (wasm32 in Node via wasm-bindgen-test-runner)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked --target wasm32-unknown-unknown --test wasm

step "release build"
bash scripts/build.sh

step "size check"
node scripts/size-check.mjs

step "node --test (pkg/node)"
node --test tests/js/

step "mini-program harness (WXWebAssembly in Node)"
node --test tests/miniprogram/

step "browser tests (Chromium)"
node --test --test-concurrency=1 tests/browser/

step "npm package (tests/package: pack, install, Node, bundlers in Chromium, tsc, mini-program)"
node --test --test-concurrency=1 tests/package/
