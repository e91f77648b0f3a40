// 运费模板 through both modules (pkg/node: full; www/pkg-shop: the shopper's): the worked
// examples, blockers, 到店自提, the address in a cart and in a Storefront order, and what a cart
// with an address does before loadRegions (REGIONS_NOT_LOADED: no quote the server would refuse).
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { xd, throwsCode, NOW } from "./helpers.mjs";

const dir = new URL("../../www/pkg-shop/", import.meta.url);
const shop = await import(new URL("xiaodian.js", dir));
shop.initSync({ module: readFileSync(new URL("xiaodian_bg.wasm", dir)) });
const text = readFileSync(new URL("../../data/regions.txt", import.meta.url), "utf8");
const catalog = JSON.parse(readFileSync(new URL("../../data/demo-catalog.json", import.meta.url), "utf8"));

const byWeight = {
  charge: "weight", first: 1, firstFee: "10", extra: 1, extraFee: "5",
  regions: [{ codes: ["650000", "540000"], first: 1, firstFee: "20", extra: 1, extraFee: "10" }],
};
const heavy = (address) => ({
  now: NOW,
  lines: [{ skuId: "rice", unitPrice: "30", quantity: 1, templateId: "heavy", weight: 2.3 }],
  shipping: { templates: { heavy: byWeight } },
  ...(address ? { address } : {}),
});
const twoTemplates = (merge) => ({
  now: NOW,
  lines: [
    { skuId: "a", unitPrice: "10", quantity: 2, templateId: "t8" },
    { skuId: "b", unitPrice: "10", quantity: 3, templateId: "t12" },
  ],
  shipping: {
    merge,
    templates: {
      t8: { charge: "count", first: 1, firstFee: "8", extra: 1, extraFee: "2" },
      t12: { charge: "count", first: 1, firstFee: "12", extra: 1, extraFee: "3" },
    },
  },
});

for (const [label, m] of [["full", xd], ["shopper's", shop]]) {
  test(`${label} module: templates without an address need no regions table`, () => {
    assert.equal(m.quote(twoTemplates("sum")).shipping, "28.00");
    assert.equal(m.quote(twoTemplates("maxFirst")).shipping, "22.00");
    const q = m.quote(heavy());
    assert.equal(q.shipping, "20.00");
    assert.deepEqual(q.blockers.map((b) => [b.code, b.path]), [["ADDRESS_REQUIRED", "address"]]);
  });

  test(`${label} module: a cart with an address before loadRegions is REGIONS_NOT_LOADED`, () => {
    throwsCode(() => m.quote(heavy({ regionCode: "650102" })), "REGIONS_NOT_LOADED", "address");
  });

  test(`${label} module: the worked examples once the table is loaded`, () => {
    m.loadRegions(text);
    assert.equal(m.quote(heavy({ regionCode: "650102" })).shipping, "40.00");
    assert.equal(m.quote(heavy({ regionCode: "330106" })).shipping, "20.00");
    // The wx.chooseAddress object works as the address too.
    const wx = { provinceName: "新疆维吾尔自治区", cityName: "乌鲁木齐市", countyName: "天山区", detailInfo: "解放北路1号", userName: "张三", telNumber: "13800138000" };
    assert.equal(m.quote(heavy(wx)).shipping, "40.00");
    const jzh = (price, code) => m.quote({
      now: NOW,
      lines: [{ skuId: "tea", unitPrice: price, quantity: 1, templateId: "std" }],
      shipping: { templates: { std: { charge: "count", first: 1, firstFee: "8", extra: 1, extraFee: "2", free: [{ codes: ["310000", "320000", "330000"], minAmount: "59" }] } } },
      address: { regionCode: code },
    });
    assert.equal(jzh("60", "310115").shipping, "0.00");
    const short = jzh("50", "310115");
    assert.equal(short.shipping, "8.00");
    assert.equal(short.hints.find((h) => h.kind === "freeShipping").addAmount, "9.00");
    assert.equal(jzh("60", "440305").shipping, "8.00");
    assert.equal(m.quote(heavy()).blockers[0].code, "ADDRESS_REQUIRED");
    assert.equal(m.quote({ ...heavy(), delivery: "pickup" }).shipping, "0.00");
    assert.equal(m.quote({ ...heavy(), delivery: "pickup" }).blockers, undefined);
  });

  test(`${label} module: not delivered, and refusals`, () => {
    const cart = heavy({ regionCode: "540102" });
    cart.shipping.templates.heavy = { ...byWeight, noDelivery: ["540000"] };
    const q = m.quote(cart);
    assert.equal(q.lines[0].deliverable, false);
    assert.deepEqual(q.blockers.map((b) => [b.code, b.path]), [["NOT_DELIVERABLE", "lines[0]"]]);
    assert.match(q.blockers[0].message, /不支持配送/);
    assert.equal(q.shipping, "0.00");
    // Deliverable lines carry no `deliverable` field at all: old quotes read the same.
    assert.equal("deliverable" in m.quote(heavy({ regionCode: "330106" })).lines[0], false);
    throwsCode(() => m.quote(heavy({ regionCode: "659999" })), "UNKNOWN_REGION", "address.regionCode");
    throwsCode(() => m.quote({ ...heavy(), lines: [{ ...heavy().lines[0], weight: 0.1 + 0.2 }] }), "INVALID_INPUT", "lines[0].weight");
    throwsCode(() => m.quote({ ...heavy(), lines: [{ ...heavy().lines[0], templateId: "x" }] }), "UNKNOWN_ID", "lines[0].templateId");
  });

  test(`${label} module: the Storefront order carries the address`, () => {
    const store = new m.Storefront(catalog);
    const order = (code) => ({ now: NOW, picks: [{ skuId: "rice-5kg", quantity: 1 }], ...(code ? { address: { regionCode: code, detail: "文三路90号" } } : {}) });
    const zj = store.quote(order("330106"));
    const gd = store.quote(order("440305"));
    const xj = store.quote(order("650102"));
    assert.equal(zj.shipping, "0.00");
    assert.equal(gd.shipping, "20.00"); // 8 + 4 × 3
    assert.equal(xj.shipping, "60.00"); // 20 + 4 × 10
    assert.equal(store.quote(order()).blockers[0].code, "ADDRESS_REQUIRED");
    assert.equal(store.quote(order("810001")).blockers[0].code, "NOT_DELIVERABLE");
    assert.equal(store.cart(order("330106")).address.regionCode, "330106");
    assert.equal(store.quote({ ...order(), delivery: "pickup" }).shipping, "0.00");
    // A pasted address parsed by the engine, then quoted: the page does exactly this.
    const p = m.parseAddress("收货人：李四，手机号码：159-1234-5678，所在地区：新疆 乌鲁木齐市 天山区，详细地址：解放北路1号");
    assert.equal(p.regionCode, "650102");
    assert.equal(store.quote({ ...order(), address: { regionCode: p.regionCode, detail: p.detail, name: p.name, phone: p.phone } }).shipping, "60.00");
  });
}
