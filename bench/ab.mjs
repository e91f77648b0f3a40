// Interleaved A/B of two builds in one Node process (docs/bench.md): quote() on the bench carts,
// cases alternating, fastest of 5 medians each. node bench/ab.mjs <old pkg/node/xiaodian.js> <new …>
// To compare builds, run it as `node --no-wasm-dynamic-tiering bench/ab.mjs …`: with V8's default
// tier-up a module instance can stay 1.4–1.6× slower for the whole process, whichever build it is
// (the same module loaded twice differed so; docs/bench.md, "Native core, session 8").
import { createRequire } from "node:module";
import { cart } from "./carts.mjs";
const require = createRequire(import.meta.url);
const mods = process.argv.slice(2).map((p) => [p, require(p)]);
function med(fn, ms = 250) {
  const s = []; const t0 = performance.now();
  while (performance.now() - t0 < ms || s.length < 10) { const a = performance.now(); fn(); s.push((performance.now() - a) * 1000); }
  s.sort((a, b) => a - b); return s[s.length >> 1];
}
const c20 = cart(20, 3, 10);
const cases = [["20×10 full", c20, undefined], ["20×10 totals", c20, { detail: "totals" }], ["20×10 full zh-CN", c20, { detail: "full", locale: "zh-CN" }],
  ["1 line totals", cart(1, 1, 0), { detail: "totals" }], ["200×30 totals", cart(200, 5, 30), { detail: "totals" }]];
// The 20-line cart as a catalog held in a Storefront and an order of its 20 SKUs with the wallet
// (as bench.mjs): only the order crosses.
const stores = new Map(mods.map(([p, m]) => {
  const shops = [...new Set(c20.lines.map((l) => l.shopId))];
  const catalog = {
    shops: shops.map((id) => ({ id, name: `店铺${id}`, shipping: c20.shipping.default })),
    products: c20.lines.map((l) => ({ id: `p-${l.skuId}`, shopId: l.shopId, categoryId: l.categoryId, title: `商品${l.skuId}`,
      skus: [{ skuId: l.skuId, unitPrice: l.unitPrice }] })),
  };
  return [p, new m.Storefront(catalog)];
}));
const order20 = { picks: c20.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })), coupons: c20.coupons, now: c20.now };
cases.push(["Storefront totals", null, { detail: "totals" }]);
// The same order with the wallet kept in the Storefront (`setWallet`): only the picks cross.
// Modules before setWallet show "—".
const walleted = new Map(mods.filter(([, m]) => m.Storefront.prototype.setWallet).map(([p, m]) => {
  const s = new m.Storefront(stores.get(p).catalog());
  s.setWallet(c20.coupons);
  return [p, s];
}));
const picks20 = { picks: order20.picks, now: c20.now };
cases.push(["Storefront wallet", "wallet", { detail: "totals" }]);
const stringify = [];
const best = {};
for (let round = 0; round < 5; round++) {
  for (const [name, c, o] of cases) for (const [p, m] of mods) {
    const k = `${name}|${p}`;
    if (c === "wallet" && !walleted.has(p)) continue;
    const call = c === "wallet" ? () => walleted.get(p).quote(picks20, o) : c ? () => m.quote(c, o) : () => stores.get(p).quote(order20, o);
    const v = med(call, name.startsWith("200") ? 600 : 250);
    best[k] = Math.min(best[k] ?? Infinity, v);
  }
  stringify.push(med(() => JSON.stringify(c20)));
}
for (const [name] of cases) console.log(name.padEnd(20) + mods.map(([p]) => (best[`${name}|${p}`]?.toFixed(1) ?? "—").padStart(10)).join(""));
console.log(`JSON.stringify of the 20-line cart alone: ${Math.min(...stringify).toFixed(1)} µs; an empty crossing (version()): ${mods.map(([, m]) => med(() => m.version()).toFixed(1)).join(" / ")} µs`);
