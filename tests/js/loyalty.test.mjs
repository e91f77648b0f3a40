// After the price (issue 25) through both modules: 改价, points earned, 储值, member levels,
// refund consequences, e-invoice lines. Worked examples by name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { xd, NOW, throwsCode } from "./helpers.mjs";

const dir = new URL("../../www/pkg-shop/", import.meta.url);
const shop = await import(new URL("xiaodian.js", dir));
shop.initSync({ module: readFileSync(new URL("xiaodian_bg.wasm", dir)) });
const both = [["full", xd], ["shopper", shop]];

test("¥199.00 paid at 1 point per yuan with VIP2 ×1.5 earns 298 points", () => {
  for (const [name, m] of both) {
    const q = m.quote({ now: NOW, buyer: { memberLevel: 2 },
      lines: [{ skuId: "tea", unitPrice: "199.00", quantity: 1 }],
      pointsEarn: { perYuan: 1, levelMultipliers: { 2: "1.5" } } });
    assert.equal(q.pointsEarned, 298, name);
    assert.equal(q.lines[0].pointsEarned, 298, name);
    assert.match(q.earning.message, /298 积分/);
    assert.match(q.earning.messageEn, /298 points/);
    // The rulebook's defaults give the same, in the shopper's module too (build.rs's copy).
    const d = m.quote({ now: NOW, buyer: { memberLevel: 2 }, lines: [{ skuId: "tea", unitPrice: "199.00", quantity: 1 }], pointsEarn: {} });
    assert.equal(d.pointsEarned, 298, name);
  }
});

test("¥113.00 of 13 % goods: tax ¥13.00, ex-tax ¥100.00", () => {
  const cart = { now: NOW, lines: [{ skuId: "phone", title: "手机", categoryId: "digital.phone.smartphone", unitPrice: "113.00", quantity: 1 }] };
  for (const [name, m] of both) {
    const inv = m.invoice(m.quote(cart), { cart });
    assert.deepEqual(
      [inv.lines[0].title, inv.lines[0].taxRate, inv.lines[0].tax, inv.lines[0].amountExTax, inv.lines[0].source],
      ["手机", "0.13", "13.00", "100.00", "vat-rates"], name);
    assert.deepEqual(inv.totals, { amount: "113.00", amountExTax: "100.00", tax: "13.00" });
    assert.equal(inv.shipping, undefined);
  }
  // Books at 9 %, overridable per SKU; shipping its own line.
  const books = { now: NOW, lines: [{ skuId: "b", categoryId: "books.history", unitPrice: "109.00", quantity: 1 }], shipping: { default: { fee: "10" } } };
  const q = xd.quote(books);
  const inv = xd.invoice(q, { cart: books });
  assert.equal(inv.lines[0].tax, "9.00");
  assert.equal(inv.shipping.amount, "10.00");
  assert.equal(inv.totals.amount, q.payable);
  assert.equal(xd.invoice(q, { cart: books, skuRates: { b: "0.13" } }).lines[0].tax, "12.54");
  throwsCode(() => xd.invoice(q, { rates: { books: "13%" } }), "INVALID_RATE", "options.rates.books");
});

test("改价: a cut split over lines, before points, fingerprinted; too large is an error", () => {
  const cart = { now: NOW, lines: [{ skuId: "a", unitPrice: "100.00", quantity: 1 }, { skuId: "b", unitPrice: "50.00", quantity: 1 }] };
  const q = xd.quote({ ...cart, adjustment: { amount: "-10.00", reason: "老客" } });
  assert.deepEqual(q.lines.map((l) => l.adjustment), ["-6.67", "-3.33"]);
  assert.equal(q.payable, "140.00");
  assert.match(q.adjustment.message, /老客/);
  assert.notEqual(q.fingerprint, xd.quote(cart).fingerprint);
  assert.equal(xd.quote(cart).adjustment, undefined);
  throwsCode(() => xd.quote({ ...cart, adjustment: { amount: -150.01 } }), "ADJUSTMENT_TOO_LARGE", "adjustment.amount");
});

test("储值 pays part of payable; storedValue + cash = payable; clear errors", () => {
  const cart = { now: NOW, lines: [{ skuId: "a", unitPrice: "30.00", quantity: 1 }], shipping: { default: { fee: "10" } } };
  for (const [name, m] of both) {
    const q = m.quote({ ...cart, storedValue: { balance: "25.00", use: "max" } });
    assert.deepEqual([q.payment.storedValue, q.payment.cash, q.payable], ["25.00", "15.00", "40.00"], name);
    assert.match(q.payment.message, /储值支付 ¥25.00/);
  }
  throwsCode(() => xd.quote({ ...cart, storedValue: { balance: "10", use: "20" } }), "INSUFFICIENT_BALANCE", "storedValue.use");
  throwsCode(() => xd.quote({ ...cart, storedValue: { balance: "-1", use: "max" } }), "INVALID_MONEY", "storedValue.balance");
});

test("memberLevel from growth, with the rulebook's levels or a given one", () => {
  for (const [, m] of both) {
    const l = m.memberLevel(150);
    assert.deepEqual([l.level, l.name, l.next.level, l.next.missing, l.next.missingAmount], [1, "VIP1", 2, 850, "850.00"]);
    assert.match(l.message, /再消费 ¥850.00 升级 VIP2/);
  }
  const own = { membership: { growthPerYuan: "2", source: "assumed", levels: [
    { level: 0, minGrowth: 0, name: "新人", nameEn: "New" }, { level: 1, minGrowth: 10, name: "铁粉", nameEn: "Fan" }] } };
  assert.deepEqual(xd.memberLevel(3, own).next.missingAmount, "3.50");
  assert.equal(xd.memberLevel(10, own).next, undefined);
  throwsCode(() => xd.memberLevel(-1), "INVALID_INPUT", "growth");
  throwsCode(() => xd.memberLevel(1, { membership: { ...own.membership, levels: [] } }), "INVALID_RULEBOOK", "rulebook.membership.levels");
  const q = xd.quote({ now: NOW, lines: [{ skuId: "a", unitPrice: "99.99", quantity: 1 }], growth: { current: 900 } });
  assert.equal(q.growthEarned, 99);
  assert.equal(q.memberLevel.level, 1);
});

test("refundPreview: returning everything, line by line, gives back what was paid", () => {
  const cart = { now: NOW, lines: [
    { skuId: "a", unitPrice: "100.00", quantity: 2, shopId: "s" },
    { skuId: "b", unitPrice: "50.00", quantity: 1, shopId: "s" }],
    shipping: { default: { fee: "10.00" } },
    coupons: [{ id: "c", kind: "threshold", threshold: "100", amount: "20", scope: { level: "item", skuIds: ["a"] }, validTo: "2026-12-31T00:00:00+08:00" }],
    points: { balance: 1000, use: 1000 }, pointsEarn: {}, storedValue: { balance: "60", use: "max" } };
  for (const [name, m] of both) {
    const q = m.quote(cart);
    const context = { now: NOW, coupons: cart.coupons };
    const r1 = m.refundPreview(q, "a", 1, {}, context);
    const r2 = m.refundPreview(q, "a", 1, { a: 1 }, context);
    const r3 = m.refundPreview(q, "b", 1, { a: 2 }, context);
    const fen = (s) => Math.round(Number(s) * 100);
    const sum = (k) => [r1, r2, r3].reduce((n, r) => n + fen(r[k]), 0);
    assert.equal(sum("totalRefund"), fen(q.payable), name);
    assert.equal(sum("storedValueReturned"), fen(q.payment.storedValue));
    assert.equal(sum("cashReturned"), fen(q.payment.cash));
    assert.equal(r1.pointsReturned + r2.pointsReturned + r3.pointsReturned, q.points.used);
    assert.equal(r1.pointsClawback + r2.pointsClawback + r3.pointsClawback, q.pointsEarned);
    assert.equal(r1.couponsReturned, undefined);
    assert.deepEqual(r2.couponsReturned.map((c) => [c.id, c.validity]), [["c", "valid"]]);
    assert.equal(r3.shippingRefund, "10.00");
    assert.equal(r1.shippingRefund, "0.00");
    assert.match(r1.consequences, /运费不退/);
    // The plain form still works: a number of this line's units already returned.
    assert.equal(m.refundPreview(q, "a", 1, 1).refund, r2.refund);
  }
  throwsCode(() => xd.refundPreview(xd.quote(cart), "a", 1, { a: 3 }), "INVALID_QUANTITY", "returned");
});

test("the Storefront passes the after-the-price fields through", () => {
  const catalog = JSON.parse(readFileSync(new URL("../../www/demo-catalog.json", import.meta.url), "utf8"));
  const order = { now: NOW, picks: [{ skuId: catalog.products[0].skus[0].skuId, quantity: 1 }], pointsEarn: {}, growth: { current: 10 }, storedValue: { balance: "1.00", use: "max" } };
  const q = new shop.Storefront(catalog).quote(order);
  assert.equal(typeof q.pointsEarned, "number");
  assert.equal(q.payment.storedValue, "1.00");
  assert.equal(typeof q.memberLevel.message, "string");
  assert.deepEqual(q, new xd.Storefront(catalog).quote(order));
});
