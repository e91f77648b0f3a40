// The shopper's module (www/pkg-shop, built without the `merchant` feature, loaded by the
// storefront): only the checkout exports, and the same quotes as the full module.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { xd, throwsCode } from "./helpers.mjs";

const dir = new URL("../../www/pkg-shop/", import.meta.url);
const shop = await import(new URL("xiaodian.js", dir));
shop.initSync({ module: readFileSync(new URL("xiaodian_bg.wasm", dir)) });
const corpus = JSON.parse(readFileSync(new URL("../fixtures/corpus.json", import.meta.url), "utf8"));

test("the shopper's module exports checkout only", () => {
  for (const name of ["quote", "refundPreview", "catalogCart", "Storefront", "version"]) {
    assert.equal(typeof shop[name], "function", name);
  }
  // No demo catalog inside: the pages load data/demo-catalog.json (copied to www/ by the build).
  assert.equal(shop.demoCatalog, undefined);
  for (const name of ["validateListing", "validateListings", "validateCsv", "previewFees", "compareFees", "checkCategory", "checkIdentity", "shopHealth", "rulebook", "validateRulebook", "categoryTree"]) {
    assert.equal(shop[name], undefined, name);
    assert.equal(typeof xd[name], "function", `the full module keeps ${name}`);
  }
  assert.ok(readFileSync(new URL("xiaodian_bg.wasm", dir)).length < readFileSync(new URL("../../www/pkg/xiaodian_bg.wasm", import.meta.url)).length * 0.8);
});

test("the shopper's module quotes exactly as the full one", () => {
  for (const [i, { cart }] of corpus.quotes.entries()) {
    assert.deepEqual(shop.quote(cart), xd.quote(cart), `cart ${i}`);
  }
  const file = JSON.parse(readFileSync(new URL("../../www/demo-catalog.json", import.meta.url), "utf8"));
  const catalog = new shop.Storefront(file).catalog();
  assert.deepEqual(catalog, xd.demoCatalog());
  const order = { picks: [{ skuId: "puer-357", quantity: 2 }, { skuId: "cup-single", quantity: 3 }], coupons: catalog.coupons, now: "2026-11-11T20:30:00+08:00" };
  const a = new shop.Storefront(catalog).quote(order);
  assert.deepEqual(a, new xd.Storefront(catalog).quote(order));
  assert.deepEqual(shop.version(), xd.version());
  // Points with the rulebook's defaults: the shopper's module reads them from build.rs's copy.
  const points = corpus.quotes.filter(({ cart }) => cart.points && !cart.points.pointsPerYuan);
  assert.ok(points.length >= 20, `${points.length} corpus carts use the default points rule`);
});

test("the shopper's module throws the same structured errors", () => {
  const bad = { lines: [{ skuId: "a", unitPrice: "1.005", quantity: 1 }] };
  const e = throwsCode(() => shop.quote(bad), "INVALID_MONEY", "lines[0].unitPrice");
  throwsCode(() => xd.quote(bad), e.code, e.path);
  assert.equal(shop.quote({ lines: [{ skuId: "a", unitPrice: "19.90", quantity: 3 }] }).payable, "59.70");
});
