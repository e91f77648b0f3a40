// One module's first quote in a fresh Node. V8 compiles a wasm function the first time it is
// called (lazy compilation), so the first quote after loading also pays for compiling every
// function it reaches; bench.mjs prints this next to the instantiate time.
//   node bench/first-quote.mjs <full|shop> '<cart JSON>'   → {"load":ms,"first":ms,"second":ms}
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [which, cartJson] = process.argv.slice(2);
const cart = JSON.parse(cartJson);
const t0 = performance.now();
let xd;
if (which === "full") {
  xd = createRequire(import.meta.url)("../pkg/node/xiaodian.js");
} else {
  xd = await import("../www/pkg-shop/xiaodian.js");
  xd.initSync({ module: readFileSync(new URL("../www/pkg-shop/xiaodian_bg.wasm", import.meta.url)) });
}
const t1 = performance.now();
xd.quote(cart);
const t2 = performance.now();
xd.quote(cart);
const t3 = performance.now();
console.log(JSON.stringify({ load: t1 - t0, first: t2 - t1, second: t3 - t2 }));
