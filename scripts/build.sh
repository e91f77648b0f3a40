#!/usr/bin/env bash
# Builds the release .wasm and the JS packages: pkg/node (CommonJS, --target nodejs), www/pkg
# (ES module, --target web) and www/miniprogram/xiaodian (WeChat), each optimised by wasm-opt.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --release --locked --target wasm32-unknown-unknown
wasm=target/wasm32-unknown-unknown/release/xiaodian.wasm
# wasm-opt from npm binaryen: -O3 measured 25 % faster than -Oz here at <1 % more size.
# Feature flags match what rustc emits for wasm32.
opt_flags=(-O3 --strip-debug --strip-producers --enable-bulk-memory --enable-reference-types
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-multivalue --enable-mutable-globals)

for spec in "nodejs pkg/node" "web www/pkg"; do
  set -- $spec
  rm -rf "$2"
  wasm-bindgen --target "$1" --out-dir "$2" "$wasm"
  node_modules/.bin/wasm-opt "${opt_flags[@]}" -o "$2/xiaodian_bg.wasm" "$2/xiaodian_bg.wasm"
done
# The WeChat mini-program copy: CommonJS glue and a Brotli .wasm.br for WXWebAssembly.
XD_WASM_OPT_FLAGS="${opt_flags[*]}" node scripts/build-miniprogram.mjs "$wasm"
raw=$(stat -c %s www/pkg/xiaodian_bg.wasm)
gz=$(gzip -9 -c www/pkg/xiaodian_bg.wasm | wc -c)
echo "[build] xiaodian_bg.wasm: $raw bytes raw, $gz bytes gzip -9" >&2
