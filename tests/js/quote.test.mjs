import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { xd, NOW, fixture, throwsCode, quoteLine, segs } from "./helpers.mjs";

test("contract: 3 × ¥19.90 quotes 59.70", () => {
  const q = xd.quote({ lines: [{ skuId: "a", unitPrice: "19.90", quantity: 3 }] });
  assert.equal(q.subtotal, "59.70");
  assert.equal(q.payable, "59.70");
  assert.equal(q.lines[0].payable, "59.70");
  assert.match(q.fingerprint, /^xd2-[0-9a-f]{16}$/);
});

test("contract: ¥1.005 throws INVALID_MONEY at lines[0].unitPrice", () => {
  const e = throwsCode(() => xd.quote({ lines: [{ skuId: "a", unitPrice: "1.005", quantity: 1 }] }), "INVALID_MONEY", "lines[0].unitPrice");
  assert.equal(e.message, "金额最多两位小数（精确到分）：“1.005”");
  assert.equal(e.messageEn, 'amount has more than two decimals (fen): "1.005"');
});

test("money inputs: strings, short forms and JS numbers; outputs always two decimals", () => {
  assert.equal(quoteLine({ unitPrice: "12.3" }).payable, "12.30");
  assert.equal(quoteLine({ unitPrice: "12" }).payable, "12.00");
  assert.equal(quoteLine({ unitPrice: 0.1, quantity: 3 }).payable, "0.30");
  for (const bad of ["", "1e2", "NaN", "-1", "abc", "1.999", NaN, Infinity, -5, 0.1 + 0.2]) {
    throwsCode(() => quoteLine({ unitPrice: bad }), "INVALID_MONEY", "lines[0].unitPrice");
  }
  throwsCode(() => quoteLine({ unitPrice: "100000001" }), "AMOUNT_OUT_OF_RANGE", "lines[0].unitPrice");
});

test("member price by level, as a price or a rate (half-up)", () => {
  const memberPrices = [{ level: 1, rate: "0.85" }, { level: 3, unitPrice: "12.00" }];
  const at = (memberLevel) => quoteLine({ unitPrice: "19.90", memberPrices }, { buyer: { memberLevel } });
  assert.deepEqual(segs(at(0)), [["list", "19.90", 1]]);
  assert.deepEqual(segs(at(1)), [["member", "16.92", 1]]); // 16.915 → 16.92
  assert.deepEqual(segs(at(3)), [["member", "12.00", 1]]);
});

test("秒杀 flash price inside [start, end) with a per-buyer limit", () => {
  const flashSale = { unitPrice: "50.00", start: "2026-11-11T20:00:00+08:00", end: "2026-11-11T21:00:00+08:00", limitPerBuyer: 2 };
  assert.deepEqual(segs(quoteLine({ flashSale, quantity: 3 })), [["flash", "50.00", 2], ["list", "100.00", 1]]);
  assert.deepEqual(segs(quoteLine({ flashSale: { ...flashSale, purchased: 2 }, quantity: 1 })), [["list", "100.00", 1]]);
  const ended = quoteLine({ flashSale: { ...flashSale, end: NOW } });
  assert.deepEqual(segs(ended), [["list", "100.00", 1]]);
  assert.match(ended.lines[0].priceNotes[0].reason, /已结束/);
  const early = quoteLine({ flashSale: { ...flashSale, start: "2026-11-11T21:00:00+08:00", end: "2026-11-11T22:00:00+08:00" } });
  assert.match(early.lines[0].priceNotes[0].reasonEn, /starts/);
  throwsCode(() => quoteLine({ flashSale: { ...flashSale, end: flashSale.start } }), "INVALID_TIME_WINDOW", "lines[0].flashSale");
  throwsCode(() => quoteLine({ flashSale: { ...flashSale, start: "tomorrow" } }), "INVALID_TIME", "lines[0].flashSale.start");
});

test("拼团 group price only when the buyer joins", () => {
  const groupBuy = { unitPrice: "70.00", groupSize: 3 };
  assert.deepEqual(segs(quoteLine({ groupBuy })), [["list", "100.00", 1]]);
  assert.deepEqual(segs(quoteLine({ groupBuy, joinGroup: true, quantity: 2 })), [["group", "70.00", 2]]);
});

test("砍价 bargain price for its units only", () => {
  assert.deepEqual(segs(quoteLine({ bargain: { unitPrice: "1.00" }, quantity: 2 })), [["bargain", "1.00", 1], ["list", "100.00", 1]]);
});

test("ladder price by quantity tier", () => {
  const ladder = [{ minQuantity: 3, unitPrice: "90.00" }, { minQuantity: 10, unitPrice: "80.00" }];
  assert.deepEqual(segs(quoteLine({ ladder, quantity: 2 })), [["list", "100.00", 2]]);
  assert.deepEqual(segs(quoteLine({ ladder, quantity: 3 })), [["ladder", "90.00", 3]]);
  assert.equal(quoteLine({ ladder, quantity: 10 }).subtotal, "800.00");
});

test("lowest price wins, prices never stack, and the quote says why", () => {
  const q = quoteLine(
    { quantity: 4, memberPrices: [{ level: 1, unitPrice: "95.00" }], ladder: [{ minQuantity: 4, unitPrice: "90.00" }], groupBuy: { unitPrice: "92.00" }, joinGroup: true },
    { buyer: { memberLevel: 1 } },
  );
  assert.deepEqual(segs(q), [["ladder", "90.00", 4]]);
  assert.equal(q.lines[0].priceRule, "ladder");
  assert.equal(q.lines[0].priceNotes.length, 2);
  assert.ok(q.lines[0].priceNotes.every((n) => /never stack/.test(n.reasonEn)));
});

test("shipping per shop: flat, free at the threshold, per-piece extra", () => {
  const shipping = { shops: { s1: { fee: "8.00", freeThreshold: "99.00", extraPerItem: "2.00" } } };
  const at = (unitPrice, quantity) => xd.quote({ shipping, lines: [{ skuId: "a", shopId: "s1", unitPrice, quantity }] });
  assert.equal(at("10.00", 1).shipping, "8.00");
  assert.equal(at("10.00", 3).shipping, "12.00");
  assert.equal(at("10.00", 3).payable, "42.00");
  assert.equal(at("33.00", 3).shipping, "0.00");
  const hint = at("10.00", 1).hints[0];
  assert.equal(hint.addAmount, "89.00");
  assert.match(hint.message, /再买 ¥89\.00/);
});

test("stock, purchase limits, duplicates and line count are checked", () => {
  throwsCode(() => quoteLine({ stock: 2, quantity: 3 }), "OUT_OF_STOCK", "lines[0].quantity");
  throwsCode(() => quoteLine({ limitPerOrder: 2, quantity: 3 }), "PURCHASE_LIMIT_EXCEEDED", "lines[0].quantity");
  throwsCode(() => quoteLine({ quantity: 0 }), "INVALID_QUANTITY", "lines[0].quantity");
  throwsCode(() => xd.quote({ lines: [{ skuId: "a", unitPrice: "1", quantity: 1 }, { skuId: "a", unitPrice: "1", quantity: 1 }] }), "DUPLICATE_ID", "lines[1].skuId");
  const lines = Array.from({ length: 10001 }, (_, i) => ({ skuId: `s${i}`, unitPrice: "1", quantity: 1 }));
  throwsCode(() => xd.quote({ lines }), "TOO_MANY_LINES", "lines");
});

test("the module keeps working after any bad input", () => {
  const bad = [undefined, null, 42, "cart", [], {}, { lines: null }, { lines: [null] }, { lines: [{ skuId: 1 }] }, { lines: [{ skuId: "a", unitPrice: {}, quantity: 1 }] }];
  for (const input of bad) {
    assert.throws(() => xd.quote(input), (e) => e instanceof Error && typeof e.code === "string" && typeof e.path === "string");
    assert.equal(xd.quote({ lines: [{ skuId: "ok", unitPrice: "2.00", quantity: 2 }] }).payable, "4.00");
  }
});

test("golden fixtures: WASM gives exactly the native quotes", () => {
  for (const name of ["basic", "every-rule", "demo-order"]) {
    const got = xd.quote(fixture(`${name}.cart.json`));
    assert.deepEqual(got, fixture(`${name}.quote.json`), name);
  }
});

test("version, rulebook and the demo catalog", () => {
  const v = xd.version();
  assert.match(v.engine, /^\d+\.\d+\.\d+$/);
  const book = xd.rulebook();
  assert.equal(book.version, v.rulebook);
  assert.deepEqual(book.platforms.map((p) => p.id), ["wechat", "douyin", "kuaishou", "xiaohongshu"]);
  assert.ok(Object.keys(book.sources).includes("assumed"));
  const catalog = xd.demoCatalog();
  const cart = xd.catalogCart(catalog, { picks: [{ skuId: "walnut-500", quantity: 2, joinGroup: true }], now: NOW });
  assert.equal(cart.lines[0].shopId, "snack");
  const q = xd.quote(cart);
  assert.equal(q.subtotal, "39.80");
  assert.equal(q.shipping, "6.00");
  // A SKU gone from the catalog is dropped and reported (tests/js/strict.test.mjs).
  assert.deepEqual(xd.catalogCart(catalog, { picks: [{ skuId: "gone", quantity: 1 }] }).adjustments.map((a) => a.code), ["UNAVAILABLE"]);
});

test("TypeScript declarations describe the API with real types", () => {
  const dts = readFileSync(new URL("../../pkg/node/xiaodian.d.ts", import.meta.url), "utf8");
  // Overloads on the `detail` literal: a lean detail is declared a LeanQuote (binding/typescript.rs).
  assert.match(dts, /export function quote\(cart: Cart, options: LeanQuoteOptions\): LeanQuote;/);
  assert.match(dts, /export function quote\(cart: Cart, options\?: FullQuoteOptions\): Quote;/);
  assert.match(dts, /quote\(order: Order, options: LeanQuoteOptions\): LeanQuote;/);
  assert.match(dts, /export type LeanQuoteOptions = QuoteOptions & \{ detail: "totals" \| "lines" \};/);
  assert.match(dts, /export interface LeanQuote \{/);
  assert.match(dts, /export interface Quote \{/);
  assert.match(dts, /payable: Money;/);
  assert.match(dts, /export type Money = string;/);
  assert.doesNotMatch(dts, /\bany\b/);
});

// The declarations are generated (tsify derives, feature `ts`) and committed, so a change to the
// JS surface shows in review. Regenerate: UPDATE_DTS=1 node --test tests/js/quote.test.mjs
test("the committed declarations (docs/api/xiaodian.d.ts) match the build", () => {
  const built = readFileSync(new URL("../../www/pkg/xiaodian.d.ts", import.meta.url), "utf8");
  const committed = new URL("../../docs/api/xiaodian.d.ts", import.meta.url);
  if (process.env.UPDATE_DTS) writeFileSync(committed, built);
  assert.equal(readFileSync(committed, "utf8"), built, "run UPDATE_DTS=1 node --test tests/js/quote.test.mjs");
});

test("Storefront keeps the catalog: quote(order) equals quote(catalogCart(catalog, order))", () => {
  const catalog = xd.demoCatalog();
  const shop = new xd.Storefront(catalog);
  const order = {
    picks: [{ skuId: "puer-357", quantity: 2 }, { skuId: "walnut-1000", quantity: 1, joinGroup: true }, { skuId: "history-set", quantity: 1 }],
    buyer: { memberLevel: 2 }, now: NOW, coupons: catalog.coupons,
    points: { balance: 3000, use: "max" }, shippingInsurance: catalog.shippingInsurance,
  };
  const kept = shop.quote(order);
  assert.deepEqual(kept, xd.quote(xd.catalogCart(catalog, order)));
  assert.deepEqual(shop.cart(order), xd.catalogCart(catalog, order));
  assert.ok(kept.applied.some((a) => a.source === "coupon"));
  assert.equal(kept.points.used, kept.points.maxUsable);
  // Over 限购 or gone: adjusted, not thrown; malformed orders still throw.
  assert.deepEqual(shop.quote({ picks: [{ skuId: "bookmark", quantity: 11 }] }).adjustments.map((a) => [a.code, a.quantity]), [["PURCHASE_LIMIT_EXCEEDED", 10]]);
  throwsCode(() => shop.quote({ picks: [{ skuId: "bookmark", quantity: -1 }] }), "INVALID_QUANTITY", "order.picks[0].quantity");
  throwsCode(() => new xd.Storefront({ shops: [], products: [{ id: "p" }] }), "INVALID_INPUT");
  // Still usable after the errors.
  assert.equal(shop.quote(order).fingerprint, kept.fingerprint);
  shop.free();
});

test("offers carry `reason`: their sentence without the name, at detail full only, per locale", () => {
  const cart = {
    now: NOW,
    lines: [{ skuId: "a", unitPrice: "100.00", quantity: 1, shopId: "s1" }],
    coupons: [
      { id: "ship", title: "包邮券", titleEn: "Free shipping", kind: "freeShipping" },
      { id: "big", title: "茶庄券 满150减30", titleEn: "Tea ¥30 off ¥150", kind: "threshold", threshold: "150", amount: "30" },
    ],
    shipping: { shops: { s1: { fee: "8.00" } } },
  };
  const q = xd.quote(cart);
  const big = q.rejected.find((r) => r.id === "big");
  assert.equal(big.reason, "未达使用门槛，还差 ¥50.00");
  assert.equal(big.message, `『茶庄券 满150减30』${big.reason}`);
  assert.equal(big.messageEn, `"Tea ¥30 off ¥150" ${big.reasonEn}`);
  const ship = q.applied.find((a) => a.id === "ship");
  assert.equal(ship.reason, "免运费 ¥8.00");
  assert.equal(ship.reasonEn, "saves ¥8.00 shipping");
  const en = xd.quote(cart, { locale: "en" }).rejected[0];
  assert.deepEqual([en.reason, en.message, en.reasonEn], [undefined, undefined, big.reasonEn]);
  const lean = xd.quote(cart, { detail: "totals" });
  assert.ok(lean.applied.every((a) => !("reason" in a) && !("message" in a)));
});
