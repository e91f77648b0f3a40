// Issue 20 through the built module: unknown fields throw UNKNOWN_FIELD at their path with the
// nearest field suggested, `meta` is accepted and inert, and a Storefront adjusts orders to stock
// and 限购 instead of throwing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { xd, NOW, throwsCode } from "./helpers.mjs";

const lines = [
  { skuId: "tea", unitPrice: "100.00", quantity: 1, shopId: "s1" },
  { skuId: "cup", unitPrice: "100.00", quantity: 1, shopId: "s1" },
];
const cart = (extra = {}) => ({ now: NOW, lines, ...extra });

function typo(value, path, suggestion) {
  const e = throwsCode(() => xd.quote(value), "UNKNOWN_FIELD", path);
  assert.ok(e.messageEn.includes(`did you mean ${suggestion}?`), e.messageEn);
  assert.ok(e.message.includes(`是否想写 ${suggestion}？`), e.message);
}

test("the issue's four typos are refused at their own path, with the field meant", () => {
  typo(cart({ coupons: [{ id: "old", kind: "fixed", amount: "50", validto: "2026-11-01" }] }), "coupons[0].validto", "validTo");
  typo(cart({ coupons: [{ id: "vip", kind: "fixed", amount: "50", memberonly: true }] }), "coupons[0].memberonly", "memberOnly");
  typo(cart({ lines: [lines[0], { ...lines[1], shopId: undefined, shopID: "s1" }] }), "lines[1].shopID", "shopId");
  typo(cart({ coupons: [{ id: "half", kind: "percent", rate: "0.5", scope: { level: "item", skuids: ["tea"] } }] }),
    "coupons[0].scope.skuids", "skuIds");
});

test("unknown keys in other arguments carry the argument's name; nothing close, no guess", () => {
  const catalog = xd.demoCatalog();
  throwsCode(() => xd.catalogCart(catalog, { picks: [{ skuId: "mango-250", qty: 2 }] }), "UNKNOWN_FIELD", "order.picks[0].qty");
  throwsCode(() => new xd.Storefront({ ...catalog, currency: "CNY" }), "UNKNOWN_FIELD", "catalog.currency");
  const e = throwsCode(() => xd.quote(cart({ buyer: { favouriteColour: "red" } })), "UNKNOWN_FIELD", "buyer.favouriteColour");
  assert.doesNotMatch(e.messageEn, /did you mean/);
  throwsCode(() => xd.validateListing({ title: "核桃", categry: "food" }), "UNKNOWN_FIELD", "categry");
});

test("meta is accepted on cart, line, offer and listing and changes neither payable nor fingerprint", () => {
  const coupons = [{ id: "c", kind: "threshold", threshold: "150", amount: "20" }];
  const plain = xd.quote(cart({ coupons }));
  const withMeta = xd.quote(cart({
    meta: { orderRef: "A-1", nested: [1, { x: null }] },
    lines: [{ ...lines[0], meta: "note" }, lines[1]],
    coupons: [{ ...coupons[0], meta: { campaign: 7 } }],
  }));
  assert.equal(withMeta.payable, plain.payable);
  assert.equal(withMeta.fingerprint, plain.fingerprint);
  assert.deepEqual(withMeta, plain);
  assert.equal(xd.validateListing({ title: "核桃", meta: { cms: 1 } }).ok, xd.validateListing({ title: "核桃" }).ok);
  throwsCode(() => xd.quote(cart({ buyer: { meta: {} } })), "UNKNOWN_FIELD", "buyer.meta");
});

test("a Storefront caps and drops picks it cannot fill, and says so", () => {
  const shop = new xd.Storefront(xd.demoCatalog());
  const q = shop.quote({
    now: NOW,
    picks: [
      { skuId: "teaset-travel", quantity: 45 }, // 40 in stock
      { skuId: "mixnuts-30", quantity: 8 }, // 限购 5
      { skuId: "jasmine-250", quantity: 1 }, // sold out
      { skuId: "retired", quantity: 2 }, // not in the catalog
      { skuId: "mango-250", quantity: 1 },
    ],
  });
  assert.deepEqual(q.adjustments.map((a) => [a.skuId, a.requested, a.quantity, a.code]), [
    ["teaset-travel", 45, 40, "OUT_OF_STOCK"],
    ["mixnuts-30", 8, 5, "PURCHASE_LIMIT_EXCEEDED"],
    ["jasmine-250", 1, 0, "OUT_OF_STOCK"],
    ["retired", 2, 0, "UNAVAILABLE"],
  ]);
  assert.equal(q.adjustments[0].message, "“便携旅行茶具套装 · 一壶四杯”库存仅剩 40 件，数量已从 45 件改为 40 件");
  assert.equal(q.adjustments[1].messageEn, "\"Daily mixed nuts, 30 packs · 30 packs\" is limited to 5 per order: quantity changed from 8 to 5");
  assert.equal(q.adjustments[3].message, "商品“retired”已下架，已从购物车移除");
  assert.deepEqual(q.lines.map((l) => [l.skuId, l.quantity]), [["teaset-travel", 40], ["mixnuts-30", 5], ["mango-250", 1]]);
  // Priced as the order for what was allowed; that order has no adjustments key at all.
  const allowed = shop.quote({ now: NOW, picks: q.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })) });
  assert.equal(allowed.payable, q.payable);
  assert.equal("adjustments" in allowed, false);
  // catalogCart carries them: quote(catalogCart(…)) reports the same.
  const viaCart = xd.quote(xd.catalogCart(xd.demoCatalog(), { now: NOW, picks: [{ skuId: "mixnuts-30", quantity: 8 }] }));
  assert.deepEqual(viaCart.adjustments.map((a) => a.code), ["PURCHASE_LIMIT_EXCEEDED"]);
  // 秒杀 per-buyer limit: not an adjustment; the units beyond it pay the list price.
  const flash = shop.quote({ now: NOW, picks: [{ skuId: "longjing-100", quantity: 5 }] });
  assert.equal(flash.adjustments, undefined);
  assert.deepEqual(flash.lines[0].pricing.map((s) => [s.rule, s.quantity]), [["flash", 2], ["list", 3]]);
  shop.free();
});

test("malformed orders still throw; raw carts keep their strict errors", () => {
  const shop = new xd.Storefront(xd.demoCatalog());
  throwsCode(() => shop.quote({ picks: [{ skuId: "mango-250", quantity: -1 }] }), "INVALID_QUANTITY", "order.picks[0].quantity");
  throwsCode(() => shop.quote({ picks: [{ skuId: "mango-250", quantity: 1.5 }] }), "INVALID_QUANTITY", "order.picks[0].quantity");
  throwsCode(() => shop.quote({ picks: [{ skuId: 7, quantity: 1 }] }), "INVALID_INPUT", "order.picks[0].skuId");
  throwsCode(() => shop.quote({ picks: "all" }), "INVALID_INPUT", "order.picks");
  throwsCode(() => xd.quote({ lines: [{ skuId: "a", unitPrice: "1", quantity: 3, stock: 2 }] }), "OUT_OF_STOCK", "lines[0].quantity");
  throwsCode(() => xd.quote({ lines: [{ skuId: "a", unitPrice: "1", quantity: 3, limitPerOrder: 2 }] }), "PURCHASE_LIMIT_EXCEEDED", "lines[0].quantity");
  shop.free();
});
