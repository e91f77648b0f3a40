#!/usr/bin/env bash
# Builds the release .wasm and the JS packages: pkg/node (CommonJS, --target nodejs), www/pkg
# (ES module, --target web), www/pkg-shop (the shopper's module: no merchant exports, for the
# storefront) and www/miniprogram/{xiaodian,merchant/xiaodian} (WeChat: the shopper's module in the
# main package, the full one in the merchant sub-package), each optimised by wasm-opt, and the npm
# package dist/xiaodian-<version>.tgz.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# The shopper's module is built in its own target dir: one dir would relink on every switch
# between the two feature sets (30 s each).
cargo build --release --locked --target wasm32-unknown-unknown --features ts
wasm=target/wasm32-unknown-unknown/release/xiaodian.wasm
# It carries no demo catalog: a real shop's comes from its server, and the demo pages load
# data/demo-catalog.json as the copies written below.
CARGO_TARGET_DIR=target/shop cargo build --release --locked --target wasm32-unknown-unknown \
  --no-default-features --features ts
shop_wasm=target/shop/wasm32-unknown-unknown/release/xiaodian.wasm
# wasm-opt from npm binaryen: -O3 measured 25 % faster than -Oz here at <1 % more size.
# Feature flags match what rustc emits for wasm32. --low-memory-unused folds `p + c` into the
# load's offset (fewer instructions; differs only for a pointer within 1 KB of 4 GB, which Rust
# never makes) and --zero-filled-memory lets the module's own (exported, so zeroed) memory skip
# zero bytes of data: −9.1 KB raw / −2.7 KB gzip on the shopper's module (docs/bench.md, "Sizes,
# session 5"; -O4, --converge, --gufa, -Oz and --traps-never-happen measured there too, none kept).
# -ocimfs 400 (--one-caller-inline-max-function-size): binaryen inlined every once-called step
# into one 146 KB `quote_with`, which V8 compiles whole with Liftoff on the first quote; keeping
# steps above 400 size units apart lets it compile only what the quote reaches. Measured on the
# shopper's module (docs/bench.md, "Integration, session 6"): first 20-line quote 202–270 →
# 134–152 ms under load, steady state equal in four interleaved A/B runs, +1.3 KB gzip.
opt_flags=(-O3 -ocimfs 400 --low-memory-unused --zero-filled-memory --strip-debug --strip-producers
  --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-multivalue --enable-mutable-globals)

for spec in "nodejs pkg/node $wasm" "web www/pkg $wasm" "web www/pkg-shop $shop_wasm"; do
  set -- $spec
  rm -rf "$2"
  wasm-bindgen --target "$1" --out-dir "$2" "$3"
  node_modules/.bin/wasm-opt "${opt_flags[@]}" -o "$2/xiaodian_bg.wasm" "$2/xiaodian_bg.wasm"
  # The web builds are ES modules; say so for Node, which also imports them (tests, bench).
  if [ "$1" = web ]; then echo '{ "type": "module" }' > "$2/package.json"; fi
  if [ "$1" = nodejs ]; then node scripts/snippets-cjs.mjs "$2"; fi
  # Storefront methods check their handle in JS first (a freed or forged pointer: coded error).
  node scripts/guard-handles.mjs "$2/xiaodian.js"
done
cp data/demo-catalog.json www/demo-catalog.json
# The regions table, loaded once by the storefront's address box (not part of the module).
cp data/regions.txt www/regions.txt
# The WeChat mini-program copies: CommonJS glue and a Brotli .wasm.br for WXWebAssembly.
XD_WASM_OPT_FLAGS="${opt_flags[*]}" node scripts/build-miniprogram.mjs "$shop_wasm" "$wasm"
# The npm package from the mini-program step's optimised bindgen output: dist/npm/ and
# dist/xiaodian-<version>.tgz (docs/package.md).
node scripts/build-npm.mjs
for f in www/pkg/xiaodian_bg.wasm www/pkg-shop/xiaodian_bg.wasm; do
  echo "[build] $f: $(stat -c %s "$f") bytes raw, $(gzip -9 -c "$f" | wc -c) bytes gzip -9" >&2
done
