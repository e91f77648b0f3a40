// The stacking engine through WASM: each offer type, each rejection code, manual selection,
// points, 运费险, hints and refunds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { xd, NOW, fixture, throwsCode } from "./helpers.mjs";

const lines300 = [1, 2, 3].map((i) => ({ skuId: `i${i}`, unitPrice: "100.00", quantity: 1, shopId: "s" }));
const shopAndPlat = [
  { id: "shop", kind: "threshold", threshold: "200", amount: "30", scope: { level: "shop", shopId: "s" } },
  { id: "plat", kind: "threshold", threshold: "299", amount: "50", scope: { level: "platform" } },
];
const q = (cart) => xd.quote({ now: NOW, ...cart });
const applied = (r) => r.applied.map((a) => [a.id, a.amount]);
const rejection = (r, id) => r.rejected.find((x) => x.id === id);

test("contract: auto pays ¥250 with the platform coupon alone", () => {
  const r = q({ lines: lines300, coupons: shopAndPlat });
  assert.equal(r.payable, "250.00");
  assert.deepEqual(applied(r), [["plat", "50.00"]]);
  assert.equal(rejection(r, "shop").code, "NOT_CHOSEN");
});

test("contract: manual [shop, plat] pays ¥270 and rejects plat with ¥29.00 missing", () => {
  const r = q({ lines: lines300, coupons: shopAndPlat, couponSelection: ["shop", "plat"] });
  assert.equal(r.payable, "270.00");
  const plat = rejection(r, "plat");
  assert.equal(plat.code, "THRESHOLD_NOT_MET");
  assert.equal(plat.missing, "29.00");
  assert.match(plat.message, /还差 ¥29\.00/);
  assert.match(plat.messageEn, /¥29\.00 short/);
});

test("each offer type", () => {
  const one = (coupon, lines = [{ skuId: "a", unitPrice: "350.00", quantity: 1 }], extra = {}) =>
    q({ lines, coupons: [{ id: "c", ...coupon }], ...extra });
  assert.equal(one({ kind: "threshold", threshold: "300", amount: "40" }).discount, "40.00");
  assert.equal(one({ kind: "everyThreshold", threshold: "100", amount: "15" }).discount, "45.00");
  assert.equal(one({ kind: "everyThreshold", threshold: "100", amount: "15", cap: "20" }).discount, "20.00");
  assert.equal(one({ kind: "percent", rate: "0.85" }).discount, "52.50");
  assert.equal(one({ kind: "percent", rate: "0.5", cap: "100" }).applied[0].capHit, true);
  assert.equal(one({ kind: "fixed", amount: "5" }, [{ skuId: "a", unitPrice: "3.00", quantity: 1 }]).payable, "0.00");
  const ship = one({ kind: "freeShipping" }, [{ skuId: "a", unitPrice: "10", quantity: 1, shopId: "s" }], { shipping: { default: { fee: "6" } } });
  assert.equal(ship.shipping, "0.00");
  assert.equal(ship.shippingSaved, "6.00");
  assert.deepEqual(ship.applied[0].shopsFreed, ["s"]);
});

test("promotions apply automatically, beside a shop coupon", () => {
  const r = q({
    lines: lines300,
    promotions: [{ id: "campaign", kind: "threshold", threshold: "299", amount: "40", scope: { level: "shop", shopId: "s" } }],
    coupons: [{ id: "c", kind: "threshold", threshold: "200", amount: "20", scope: { level: "shop", shopId: "s" } }],
  });
  assert.equal(r.discount, "60.00");
  assert.deepEqual(r.applied.map((a) => a.source).sort(), ["coupon", "promotion"]);
});

test("each rejection code", () => {
  const lines = [{ skuId: "a", unitPrice: "100", quantity: 2, shopId: "s", categoryId: "food.snacks.nuts" }];
  const r = q({
    lines,
    buyer: { memberLevel: 0, newCustomer: false },
    coupons: [
      { id: "EXPIRED", kind: "fixed", amount: "1", validTo: "2026-11-10" },
      { id: "NOT_YET_VALID", kind: "fixed", amount: "1", validFrom: "2026-12-01" },
      { id: "MEMBER_ONLY", kind: "fixed", amount: "1", memberOnly: true },
      { id: "NEW_CUSTOMER_ONLY", kind: "fixed", amount: "1", newCustomerOnly: true },
      { id: "SCOPE_NO_MATCH", kind: "fixed", amount: "1", scope: { level: "item", categoryIds: ["books"] } },
      { id: "MIN_QUANTITY_NOT_MET", kind: "fixed", amount: "1", minQuantity: 3 },
      { id: "THRESHOLD_NOT_MET", kind: "threshold", threshold: "500", amount: "50", scope: { level: "shop", shopId: "s" }, stackable: true },
      { id: "winner", kind: "fixed", amount: "30", exclusive: true },
      { id: "EXCLUSIVE_CONFLICT", kind: "fixed", amount: "2", scope: { level: "item", skuIds: ["a"] } },
    ],
  });
  assert.deepEqual(applied(r), [["winner", "30.00"]]);
  for (const code of ["EXPIRED", "NOT_YET_VALID", "MEMBER_ONLY", "NEW_CUSTOMER_ONLY", "SCOPE_NO_MATCH", "MIN_QUANTITY_NOT_MET", "EXCLUSIVE_CONFLICT"]) {
    assert.equal(rejection(r, code).code, code, code);
    assert.match(rejection(r, code).messageEn, /\S/);
  }
  // Against an exclusive winner everything else is an exclusive conflict; alone it is a threshold miss.
  const t = q({ lines, coupons: [{ id: "t", kind: "threshold", threshold: "500", amount: "50" }] });
  assert.deepEqual([rejection(t, "t").code, rejection(t, "t").missing], ["THRESHOLD_NOT_MET", "300.00"]);
  const groups = q({ lines, coupons: [
    { id: "g1", kind: "fixed", amount: "9", stackGroup: "new", scope: { level: "shop", shopId: "s" } },
    { id: "g2", kind: "fixed", amount: "8", stackGroup: "new" },
    { id: "l1", kind: "fixed", amount: "7", scope: { level: "item", skuIds: ["a"] } },
    { id: "l2", kind: "fixed", amount: "6", scope: { level: "item", skuIds: ["a"] } },
  ] });
  assert.equal(rejection(groups, "g2").code, "STACK_GROUP_CONFLICT");
  assert.equal(rejection(groups, "l2").code, "LAYER_CONFLICT");
  const manual = q({ lines, couponSelection: ["l1"], coupons: [{ id: "l1", kind: "fixed", amount: "7" }, { id: "other", kind: "fixed", amount: "1", stackable: true }] });
  assert.equal(rejection(manual, "other").code, "NOT_SELECTED");
  const loser = q({ lines: [{ skuId: "a", unitPrice: "100", quantity: 1, shopId: "s" }], shipping: { default: { fee: "10", freeThreshold: "100" } }, coupons: [{ id: "n", kind: "fixed", amount: "5", scope: { level: "shop", shopId: "s" } }] });
  assert.equal(rejection(loser, "n").code, "NOT_CHOSEN");
});

test("hints: 再买 ¥12.00 可用『满199减20』再省 ¥20.00", () => {
  const r = q({ lines: [{ skuId: "a", unitPrice: "187.00", quantity: 1, shopId: "s" }], coupons: [{ id: "m", kind: "threshold", threshold: "199", amount: "20", scope: { level: "shop", shopId: "s" } }] });
  assert.equal(r.hints[0].message, "再买 ¥12.00 可用『满199减20』再省 ¥20.00");
  assert.equal(r.hints[0].addAmount, "12.00");
});

test("points: 100 = ¥1, at most half the goods after coupons, 'max' and overrides", () => {
  const lines = [{ skuId: "a", unitPrice: "100", quantity: 1 }];
  const r = q({ lines, coupons: [{ id: "c", kind: "fixed", amount: "10" }], points: { balance: 99999, use: "max" } });
  assert.equal(r.pointsDeduction, "45.00");
  assert.equal(r.points.used, 4500);
  assert.equal(r.payable, "45.00");
  assert.equal(q({ lines, points: { balance: 500, use: 250 } }).pointsDeduction, "2.50");
  assert.equal(q({ lines, points: { balance: 500, use: "max", pointsPerYuan: 10, maxDeductionRate: "0.2" } }).pointsDeduction, "20.00");
  throwsCode(() => q({ lines, points: { balance: 5, use: 6 } }), "INVALID_INPUT", "points.use");
});

test("运费险 paid by the buyer is shipping; by the merchant it is reported apart", () => {
  const lines = [{ skuId: "a", unitPrice: "50", quantity: 1, shopId: "s" }];
  const buyer = q({ lines, shippingInsurance: { fee: "0.80", paidBy: "buyer" } });
  assert.deepEqual([buyer.insurance, buyer.shipping, buyer.payable], ["0.80", "0.80", "50.80"]);
  const merchant = q({ lines, shippingInsurance: { fee: "0.80", paidBy: "merchant" } });
  assert.deepEqual([merchant.merchantInsurance, merchant.payable], ["0.80", "50.00"]);
});

test("allocation: line discounts by offer id sum to the totals", () => {
  const r = q({ lines: [{ skuId: "a", unitPrice: "33.33", quantity: 1 }, { skuId: "b", unitPrice: "66.67", quantity: 1 }], coupons: [{ id: "c", kind: "fixed", amount: "10.01" }] });
  assert.deepEqual(r.lines.map((l) => l.discounts[0].amount), ["3.34", "6.67"]);
  const cents = (m) => Math.round(Number(m) * 100);
  assert.equal(r.lines.reduce((n, l) => n + cents(l.discount), 0), cents(r.discount));
  assert.equal(r.lines.reduce((n, l) => n + cents(l.payable), 0) + cents(r.shipping), cents(r.payable));
});

test("refundPreview is consistent with the allocation", () => {
  const r = q({ lines: [{ skuId: "a", unitPrice: "10.00", quantity: 3 }], coupons: [{ id: "c", kind: "fixed", amount: "1.00" }] });
  const parts = [0, 1, 2].map((returned) => xd.refundPreview(r, "a", 1, returned));
  // ¥29.00 over 3 units is 9.67 + 9.67 + 9.66; returns take the last (smallest) share first.
  assert.deepEqual(parts.map((p) => p.refund), ["9.66", "9.67", "9.67"]);
  const total = parts.reduce((n, p) => n + Math.round(Number(p.refund) * 100), 0);
  assert.equal(total, Math.round(Number(r.lines[0].payable) * 100));
  assert.equal(xd.refundPreview(r, "a", 3).refund, r.lines[0].payable);
  throwsCode(() => xd.refundPreview(r, "a", 4), "INVALID_QUANTITY", "quantity");
  throwsCode(() => xd.refundPreview(r, "zz", 1), "UNKNOWN_ID", "skuId");
  throwsCode(() => xd.refundPreview(r, "a", 1.5), "INVALID_QUANTITY", "quantity");
  throwsCode(() => xd.refundPreview({}, "a", 1), "INVALID_INPUT", "quote.lines");
});

test("bad offers throw with paths", () => {
  const lines = [{ skuId: "a", unitPrice: "1", quantity: 1 }];
  throwsCode(() => q({ lines, coupons: [{ id: "x", kind: "threshold", amount: "1" }] }), "INVALID_INPUT", "coupons[0].threshold");
  throwsCode(() => q({ lines, coupons: [{ id: "x", kind: "nope" }] }), "INVALID_INPUT", "coupons[0].kind");
  throwsCode(() => q({ lines, coupons: [], couponSelection: ["ghost"] }), "UNKNOWN_ID", "couponSelection[0]");
  throwsCode(() => q({ lines, promotions: [{ id: "x", kind: "percent", rate: 2 }] }), "INVALID_RATE", "promotions[0].rate");
});

test("golden promo fixture: WASM equals native", () => {
  assert.deepEqual(xd.quote(fixture("promo.cart.json")), fixture("promo.quote.json"));
});

// The newer kinds (issue 24): tiered, nthItem, bundle, addOn, usesLeft / budgetLeft.
const s1 = (skuId, unitPrice, quantity = 1, extra = {}) => ({ skuId, unitPrice, quantity, shopId: "s", ...extra });

test("tiered: 199→20 / 299→40 takes ¥20 at ¥250 and ¥40 at ¥320, with a tier-up hint", () => {
  const tiers = [{ id: "t", kind: "tiered", tiers: [{ min: "199", amount: "20" }, { min: "299", amount: "40" }] }];
  const at250 = q({ lines: [s1("a", "250")], promotions: tiers });
  assert.deepEqual(applied(at250), [["t", "20.00"]]);
  const up = at250.hints.find((h) => h.kind === "tierUp");
  assert.equal(up.message, "再买 ¥49.00 升级到『满299减40』再省 ¥20.00");
  assert.deepEqual(applied(q({ lines: [s1("a", "320")], promotions: tiers })), [["t", "40.00"]]);
  const count = [{ id: "c", kind: "tiered", basis: "count", tiers: [{ min: 3, rate: "0.8" }] }];
  assert.deepEqual(applied(q({ lines: [s1("a", "10", 3)], promotions: count })), [["c", "6.00"]]);
  assert.equal(rejection(q({ lines: [s1("a", "10", 2)], promotions: count }), "c").code, "MIN_QUANTITY_NOT_MET");
});

test("nthItem and bundle: 第二件半价 and 3件99元", () => {
  const half = [{ id: "h", kind: "nthItem", n: 2, rate: "0.5" }];
  assert.deepEqual(applied(q({ lines: [s1("a", "100", 2)], promotions: half })), [["h", "50.00"]]);
  const three = q({ lines: [s1("a", "100"), s1("b", "80"), s1("c", "60")], promotions: half });
  assert.deepEqual(applied(three), [["h", "40.00"]]);
  assert.equal(three.lines[1].discount, "40.00");
  const bundle = [{ id: "n", kind: "bundle", count: 3, price: "99" }];
  const r = q({ lines: [s1("a", "50"), s1("b", "40"), s1("c", "30"), s1("d", "20")], promotions: bundle });
  assert.deepEqual(applied(r), [["n", "21.00"]]);
  assert.deepEqual(r.lines.map((l) => l.discount), ["8.75", "7.00", "5.25", "0.00"]);
});

test("addOn, gifts, rewards and limits", () => {
  const addOn = { id: "j", kind: "addOn", threshold: "99", items: [{ skuId: "cup", unitPrice: "9.90" }] };
  const r = q({ lines: [s1("a", "100"), s1("cup", "39", 1, { addOnOf: "j" })], promotions: [addOn] });
  assert.deepEqual(applied(r), [["j", "29.10"]]);
  assert.equal(r.lines[1].payable, "9.90");
  const hint = q({ lines: [s1("a", "100")], promotions: [addOn] }).hints.find((h) => h.kind === "addOn");
  assert.equal(hint.id, "j");
  throwsCode(() => q({ lines: [s1("a", "1", 1, { addOnOf: "ghost" })] }), "UNKNOWN_ID", "lines[0].addOnOf");
  const gift = { id: "g", kind: "tiered", tiers: [{ min: "100", gifts: [{ skuId: "bag", quantity: 2 }], points: 50, issueCoupons: ["t1"] }] };
  const g = q({ lines: [s1("a", "120")], promotions: [gift] });
  assert.deepEqual(g.gifts, [{ skuId: "bag", quantity: 2, offerId: "g", shopId: "s" }]);
  assert.deepEqual(g.rewards, { points: 50, coupons: ["t1"] });
  assert.equal(g.payable, "120.00");
  const plain = q({ lines: [s1("a", "50")], promotions: [gift] });
  assert.equal("gifts" in plain || "rewards" in plain, false);
  const budget = { id: "m", kind: "threshold", threshold: "100", amount: "20", budgetLeft: "5" };
  assert.deepEqual(applied(q({ lines: [s1("a", "120")], promotions: [budget] })), [["m", "5.00"]]);
  const used = q({ lines: [s1("a", "120")], coupons: [{ id: "u", kind: "fixed", amount: "5", usesLeft: 0 }] });
  assert.equal(rejection(used, "u").code, "USAGE_LIMIT_REACHED");
  assert.equal(rejection(used, "u").messageEn, "\"无门槛减5\" has no uses left");
});

test("golden newer-kinds fixture: WASM equals native", () => {
  assert.deepEqual(xd.quote(fixture("offers-new.cart.json")), fixture("offers-new.quote.json"));
});
