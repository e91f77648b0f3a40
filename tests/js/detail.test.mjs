// Lean results (issue 23) through both modules (pkg/node: full; www/pkg-shop: the shopper's) and
// Storefront: quote(cart, { detail, locale }) — totals and lines carry the full quote's amounts
// and fingerprint and no text; a locale keeps one language; the default is today's quote; unknown
// options are coded errors.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { xd, NOW, throwsCode, fixture } from "./helpers.mjs";

const dir = new URL("../../www/pkg-shop/", import.meta.url);
const shop = await import(new URL("xiaodian.js", dir));
shop.initSync({ module: readFileSync(new URL("xiaodian_bg.wasm", dir)) });

const catalog = JSON.parse(readFileSync(new URL("../../data/demo-catalog.json", import.meta.url), "utf8"));
const order = {
  picks: [{ skuId: "puer-357", quantity: 2 }, { skuId: "walnut-1000", quantity: 1 }, { skuId: "cup-single", quantity: 4 }],
  buyer: { memberLevel: 2 }, coupons: catalog.coupons, points: { balance: 3000, use: "max" }, now: NOW,
};

function cart(lines, coupons) {
  const c = { now: NOW, lines: [], coupons: [], shipping: { default: { fee: "8", freeThreshold: "120" } } };
  for (let i = 0; i < lines; i++) {
    c.lines.push({ skuId: `s${i}`, unitPrice: `${(19 + (i * 7) % 80).toFixed(2)}`, quantity: 1 + (i % 3), shopId: `shop${i % 3}`, categoryId: `c${i % 2}.x` });
  }
  const kinds = (i) => [
    { kind: "threshold", threshold: String(50 + (i * 37) % 200), amount: String(5 + (i % 20)), scope: { level: "shop", shopId: `shop${i % 3}` } },
    { kind: "percent", rate: `0.${85 + (i % 10)}`, cap: "30", scope: { level: "item", shopId: `shop${i % 3}`, categoryIds: ["c0"] } },
    { kind: "threshold", threshold: String(200 + (i * 53) % 600), amount: String(20 + (i % 30)) },
    { kind: "freeShipping", threshold: "60", scope: { level: "shop", shopId: `shop${i % 3}` } },
  ][i % 4];
  for (let i = 0; i < coupons; i++) c.coupons.push({ id: `c${i}`, ...kinds(i) });
  return c;
}

const TOTALS = ["subtotal", "discount", "shipping", "pointsDeduction", "payable", "listSubtotal", "priceSavings", "freight",
  "insurance", "merchantInsurance", "shippingSaved", "saving", "itemCount", "selection", "evaluatedAt", "engine", "rulebook", "fingerprint"];

function assertLeanOf(full, lean, detail) {
  assert.equal(lean.detail, detail);
  for (const k of TOTALS) assert.deepEqual(lean[k], full[k], k);
  assert.deepEqual(lean.applied.map((a) => [a.id, a.amount, a.kind, a.layer]), full.applied.map((a) => [a.id, a.amount, a.kind, a.layer]));
  assert.deepEqual(lean.shops.map((s) => [s.shopId, s.payable, s.shipping]), full.shops.map((s) => [s.shopId, s.payable, s.shipping]));
  assert.equal("rejected" in lean, false);
  assert.equal("hints" in lean, false);
  assert.doesNotMatch(JSON.stringify(lean), /"message|"reasonEn/);
  if (detail === "lines") {
    assert.deepEqual(lean.lines.map((l) => [l.skuId, l.payable, l.discounts]), full.lines.map((l) => [l.skuId, l.payable, l.discounts]));
    assert.equal("pricing" in lean.lines[0], false);
  } else {
    assert.equal("lines" in lean, false);
  }
}

for (const [label, m] of [["full", xd], ["shopper's", shop]]) {
  test(`${label} module: totals and lines are the full quote's amounts, with no text`, () => {
    for (const c of [cart(1, 0), cart(20, 10), cart(60, 16), fixture("promo.cart.json"), fixture("offers-new.cart.json"), fixture("every-rule.cart.json")]) {
      const full = m.quote(c);
      for (const detail of ["totals", "lines"]) assertLeanOf(full, m.quote(c, { detail }), detail);
    }
    assert.ok(m.quote(cart(20, 10), { detail: "totals" }).applied.length > 1);
  });

  test(`${label} module: the default and "full"/"both" are today's quote`, () => {
    const c = cart(20, 10);
    const today = JSON.stringify(m.quote(c));
    assert.equal(JSON.stringify(m.quote(c, undefined)), today);
    assert.equal(JSON.stringify(m.quote(c, {})), today);
    assert.equal(JSON.stringify(m.quote(c, { detail: "full", locale: "both" })), today);
  });

  test(`${label} module: a locale keeps one language`, () => {
    const c = cart(20, 10);
    const full = m.quote(c);
    const zh = m.quote(c, { locale: "zh-CN" });
    const en = m.quote(c, { detail: "full", locale: "en" });
    assert.equal(zh.fingerprint, full.fingerprint);
    assert.ok(full.rejected.length > 0);
    assert.doesNotMatch(JSON.stringify(zh), /"messageEn"|"reasonEn"/);
    assert.deepEqual(zh.applied.map((a) => a.message), full.applied.map((a) => a.message));
    assert.deepEqual(zh.rejected.map((r) => r.code), full.rejected.map((r) => r.code));
    assert.doesNotMatch(JSON.stringify(en), /"message"|"reason"/);
    assert.deepEqual(en.hints.map((h) => h.messageEn), full.hints.map((h) => h.messageEn));
    assert.equal(en.payable, full.payable);
  });

  test(`${label} module: unknown options are coded errors`, () => {
    const c = cart(2, 1);
    throwsCode(() => m.quote(c, { detail: "short" }), "INVALID_INPUT", "options.detail");
    throwsCode(() => m.quote(c, { locale: "fr" }), "INVALID_INPUT", "options.locale");
    throwsCode(() => m.quote(c, { lang: "en" }), "UNKNOWN_FIELD", "options.lang");
    throwsCode(() => m.quote(c, "totals"), "INVALID_INPUT", "options");
  });

  test(`${label} module: Storefront.quote(order, options)`, () => {
    const s = new m.Storefront(catalog);
    const full = s.quote(order);
    assert.equal(JSON.stringify(s.quote(order, { detail: "full", locale: "both" })), JSON.stringify(full));
    for (const detail of ["totals", "lines"]) assertLeanOf(full, s.quote(order, { detail }), detail);
    assert.deepEqual(s.quote(order, { detail: "totals" }).points, full.points);
    throwsCode(() => s.quote(order, { detail: "everything" }), "INVALID_INPUT", "options.detail");
  });
}
