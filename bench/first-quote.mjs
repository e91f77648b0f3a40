// One module's first quote in a fresh Node. V8 compiles a wasm function the first time it is
// called (lazy compilation), so the first quote after loading also pays for compiling every
// function it reaches; bench.mjs prints this next to the instantiate time.
//   node bench/first-quote.mjs <full|shop> '<cart JSON>' [module.wasm]
//     → {"load":ms,"first":ms,"second":ms, "read","compile","instantiate": ms of the load}
// The shopper's module is loaded in three timed steps (read the file, compile it, instantiate
// it); a .wasm given third replaces www/pkg-shop's (a variant build with the same glue).
// Run it with V8 flags to see where the first call goes, e.g. `node --no-wasm-lazy-compilation`
// (everything compiled at load) or `--liftoff-only` (no tier-up).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [which, cartJson, wasmPath] = process.argv.slice(2);
const cart = JSON.parse(cartJson);
const t0 = performance.now();
let xd;
const steps = {};
if (which === "full") {
  xd = createRequire(import.meta.url)("../pkg/node/xiaodian.js");
} else {
  xd = await import("../www/pkg-shop/xiaodian.js");
  const a = performance.now();
  const bytes = readFileSync(wasmPath ?? new URL("../www/pkg-shop/xiaodian_bg.wasm", import.meta.url));
  const b = performance.now();
  const module = new WebAssembly.Module(bytes);
  const c = performance.now();
  xd.initSync({ module });
  const d = performance.now();
  Object.assign(steps, { glue: a - t0, read: b - a, compile: c - b, instantiate: d - c });
}
const t1 = performance.now();
xd.quote(cart);
const t2 = performance.now();
xd.quote(cart);
const t3 = performance.now();
console.log(JSON.stringify({ load: t1 - t0, first: t2 - t1, second: t3 - t2, ...steps }));
