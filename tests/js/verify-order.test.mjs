// verifyOrder in both modules: a server that trusts only the buyer's choices rebuilds the order
// from its own catalog, wallet and clock and lists where the client's quote differs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { xd as full } from "./helpers.mjs";

const shop = await import("../../www/pkg-shop/xiaodian.js");
shop.initSync({ module: readFileSync(new URL("../../www/pkg-shop/xiaodian_bg.wasm", import.meta.url)) });
const catalog = JSON.parse(readFileSync(new URL("../../data/demo-catalog.json", import.meta.url), "utf8"));
const NOW = "2026-07-15T12:00:00+08:00";
const coupon = catalog.coupons.find((c) => c.id === "tea-150-30");
const order = {
  picks: [{ skuId: "puer-357", quantity: 1 }, { skuId: "longjing-100", quantity: 1 }],
  coupons: [coupon],
  now: NOW,
};

for (const [name, xd] of [["full", full], ["shop", shop]]) {
  const honest = new xd.Storefront(catalog).quote(order);

  test(`${name}: an honest quote made within the skew is ok`, () => {
    const v = xd.verifyOrder(catalog, order, honest, { now: "2026-07-15T12:03:00+08:00", wallet: ["tea-150-30"] });
    assert.equal(v.ok, true, JSON.stringify(v.differences));
    assert.deepEqual(v.differences, []);
    assert.equal(v.quote.payable, honest.payable);
  });

  test(`${name}: a lowered price, an unheld coupon and a skewed clock are differences`, () => {
    const lowered = { ...honest, payable: "0.01" };
    let v = xd.verifyOrder(catalog, order, lowered, { now: NOW, wallet: ["tea-150-30"] });
    assert.equal(v.ok, false);
    assert.ok(v.differences.some((d) => d.code === "PAYABLE_MISMATCH" && d.path === "payable" && d.client === "0.01"));
    v = xd.verifyOrder(catalog, order, honest, { now: NOW, wallet: [] });
    assert.ok(v.differences.some((d) => d.code === "UNKNOWN_COUPON"), JSON.stringify(v.differences));
    v = xd.verifyOrder(catalog, order, honest, { now: "2026-08-04T12:00:00+08:00", wallet: ["tea-150-30"] });
    assert.ok(v.differences.some((d) => d.code === "CLOCK_SKEW" && d.path === "evaluatedAt"));
  });

  test(`${name}: bad options are coded errors`, () => {
    assert.throws(() => xd.verifyOrder(catalog, order, honest, { walet: [] }), (e) => e.code === "UNKNOWN_FIELD" && e.path === "options.walet");
  });
}
