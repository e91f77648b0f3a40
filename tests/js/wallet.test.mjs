// Storefront.setWallet: a wallet kept with the catalog is the order's `coupons` when the order
// sends none — results byte for byte those of quote(catalogCart(catalog, { ...order, coupons })),
// fingerprint included; an order with `coupons` (even []) keeps its own; a bad wallet is refused
// at `coupons[i]…` and leaves the kept one as it was.
import { test } from "node:test";
import assert from "node:assert/strict";
import { xd, NOW, throwsCode } from "./helpers.mjs";
import { cart } from "../../bench/carts.mjs";

const catalog = xd.demoCatalog();
const wallet = catalog.coupons;
const picks = [
  [{ skuId: "puer-357", quantity: 1 }],
  [{ skuId: "puer-357", quantity: 2 }, { skuId: "longjing-100", quantity: 1 }, { skuId: "walnut-500", quantity: 3 }],
  [{ skuId: "poems-hc", quantity: 2 }, { skuId: "history-set", quantity: 1 }, { skuId: "mango-250", quantity: 4 }, { skuId: "cup-single", quantity: 2 }],
  // A sold-out SKU and one above its stock: adjustments come along.
  [{ skuId: "jasmine-250", quantity: 1 }, { skuId: "jerky-200", quantity: 70 }, { skuId: "bookmark", quantity: 1 }],
];
const orders = picks.flatMap((p) => [
  { picks: p, now: NOW },
  { picks: p, now: NOW, buyer: { memberLevel: 2, newCustomer: true } },
  { picks: p, now: NOW, couponSelection: ["plat-5", "tea-150-30"] },
]);
const optionSets = [undefined, { detail: "totals" }, { detail: "lines" }, { detail: "full", locale: "zh-CN" }, { detail: "totals", locale: "en" }];
/** Throws a coded Error (any code) at `path` when given. */
function fails(fn, path) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, "expected an Error");
  assert.match(caught.code ?? "", /^[A-Z_]+$/);
  if (path !== undefined) assert.equal(caught.path, path);
}
const same = (a, b, what) => assert.equal(JSON.stringify(a), JSON.stringify(b), what);
const reference = (order, options, coupons = wallet) => xd.quote(xd.catalogCart(catalog, { ...order, coupons }), options);

test("an order without coupons is quoted with the kept wallet, byte for byte", () => {
  const s = new xd.Storefront(catalog);
  s.setWallet(wallet);
  let applied = 0;
  for (const order of orders) {
    for (const options of optionSets) {
      const q = s.quote(order, options);
      same(q, reference(order, options), `${JSON.stringify(order.picks)} ${JSON.stringify(options)}`);
      assert.match(q.fingerprint, /\S/);
      applied += q.applied.filter((a) => wallet.some((c) => c.id === a.id)).length;
    }
    same(s.cart(order), xd.catalogCart(catalog, { ...order, coupons: wallet }), "cart(order)");
  }
  // The wallet mattered: its coupons were applied.
  assert.ok(applied > 0);
  s.free();
});

test("the 20-SKU order of the bench with a 10-coupon wallet equals sending the coupons", () => {
  const { lines, coupons, shipping: { default: shipping } } = cart(20, 3, 10);
  const cat = {
    shops: ["shop0", "shop1", "shop2"].map((id) => ({ id, name: `店铺${id}`, shipping })),
    products: lines.map((l) => ({ id: `p-${l.skuId}`, shopId: l.shopId, categoryId: l.categoryId, title: `商品${l.skuId}`, skus: [{ skuId: l.skuId, unitPrice: l.unitPrice }] })),
  };
  const s = new xd.Storefront(cat);
  s.setWallet(coupons);
  const order = { picks: lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })), now: NOW };
  for (const options of optionSets) {
    const q = s.quote(order, options);
    same(q, xd.quote(xd.catalogCart(cat, { ...order, coupons }), options));
    same(q, s.quote({ ...order, coupons }, options), "the same as sending them");
  }
  assert.ok(s.quote(order, { detail: "totals" }).applied.length > 0);
  s.free();
});

test("an order with coupons keeps its own, even []; setWallet([]) clears; wallet() reads back", () => {
  const s = new xd.Storefront(catalog);
  assert.deepEqual(s.wallet(), []);
  const order = orders[3];
  const none = reference(order, { detail: "totals" }, []);
  same(s.quote(order, { detail: "totals" }), none, "no wallet: no coupons");
  s.setWallet(wallet);
  same(s.wallet(), wallet);
  const withWallet = s.quote(order, { detail: "totals" });
  assert.notEqual(withWallet.payable, none.payable, "this order's wallet coupons change the price");
  same(s.quote({ ...order, coupons: [] }, { detail: "totals" }), none, "coupons: [] is none");
  const own = [wallet[7]];
  same(s.quote({ ...order, coupons: own }), reference(order, undefined, own), "its own coupons only");
  // The kept wallet is untouched by those.
  same(s.quote(order, { detail: "totals" }), withWallet);
  s.setWallet([]);
  same(s.wallet(), []);
  same(s.quote(order, { detail: "totals" }), none);
  s.free();
});

test("each Storefront keeps its own wallet", () => {
  const a = new xd.Storefront(catalog), b = new xd.Storefront(catalog);
  a.setWallet(wallet);
  b.setWallet([wallet[7]]);
  const order = orders[3];
  same(a.quote(order), reference(order, undefined, wallet));
  same(b.quote(order), reference(order, undefined, [wallet[7]]));
  a.free();
  b.free();
});

test("a bad wallet is refused at coupons[i]… and the kept one stays", () => {
  const s = new xd.Storefront(catalog);
  s.setWallet(wallet);
  const before = s.quote(orders[3]);
  const e = throwsCode(() => s.setWallet([wallet[0], { ...wallet[1], rat: "0.9" }]), "UNKNOWN_FIELD", "coupons[1].rat");
  assert.match(e.messageEn, /rate/, "did you mean");
  throwsCode(() => s.setWallet([{ id: "x", kind: "threshold", threshold: "100" }]), "INVALID_INPUT", "coupons[0].amount");
  throwsCode(() => s.setWallet([wallet[0], wallet[0]]), "DUPLICATE_ID", "coupons[1].id");
  // A wallet coupon named as one of the catalog's promotions could never be quoted.
  throwsCode(() => s.setWallet([{ ...wallet[7], id: catalog.promotions[0].id }]), "DUPLICATE_ID", "coupons[0].id");
  throwsCode(() => s.setWallet([{ id: "", kind: "fixed", amount: "5" }]), "INVALID_INPUT", "coupons[0].id");
  throwsCode(() => s.setWallet([{ id: "w", kind: "threshold", threshold: "10", amount: "1.234" }]), "INVALID_MONEY", "coupons[0].amount");
  fails(() => s.setWallet({ id: "x" }), "coupons");
  fails(() => s.setWallet(null), "coupons");
  fails(() => s.setWallet(undefined), "coupons");
  same(s.wallet(), wallet);
  same(s.quote(orders[3]), before, "the kept wallet is unchanged");
  // A quote that fails leaves the wallet in place too.
  fails(() => s.quote({ picks: [{ skuId: "puer-357", quantity: 0 }], now: NOW }));
  fails(() => s.quote({ ...orders[3], points: { balance: -1, use: 1 } }));
  same(s.quote(orders[3]), before);
  s.free();
  throwsCode(() => s.setWallet(wallet), "INVALID_INPUT");
  throwsCode(() => s.wallet(), "INVALID_INPUT");
});
