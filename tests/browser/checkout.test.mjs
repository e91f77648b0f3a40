// Checkout end to end against the real order server binary (temp data dir, free port): cart →
// checkout → pasted address → freight → 提交订单 → confirmation → 我的订单, at 1280 and 375 px;
// and a price changed on the server between quote and submit (409 → 价格已更新 → resubmit).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { start, ARTIFACTS, add } from "./harness.mjs";
import { serverBinary, startServer, freePort, tempDir, catalogFile, removeDir } from "./order-server.mjs";

const xd = createRequire(import.meta.url)("../../pkg/node/xiaodian.js");
const demo = xd.demoCatalog();
const ADDRESS = "张三 13800138000 浙江省杭州市西湖区文三路90号 东方通信大厦";

let h;
let bin;
const cleanup = [];
before(async () => {
  bin = serverBinary();
  h = await start();
});
after(async () => {
  for (const f of cleanup.reverse()) await f();
  await h?.close();
});

async function server(tag, options = {}) {
  const data = tempDir(tag);
  const s = await startServer({ bin, data, ...options });
  cleanup.push(() => s.stop(), () => removeDir(data));
  return { ...s, data };
}

async function open(base, viewport) {
  const s = await h.page(viewport);
  await s.page.goto(`${base}/index.html`);
  await s.page.waitForSelector("body[data-ready=true]");
  return s;
}

/** Storefront → 去结算 → the checkout page with the pasted address read. */
async function toCheckout(page) {
  await page.locator("#to-checkout").click();
  await page.waitForSelector("body[data-ready=true]");
  await page.locator("#co-paste").fill(ADDRESS);
  await page.locator("#co-parse").click();
  await page.waitForFunction(() => document.querySelector("#co-district").value !== "");
}

const text = (page, sel) => page.locator(sel).textContent();

/** What the server itself quotes for the order the page would send (its clock, its catalog). */
async function serverQuote(page) {
  return page.evaluate(async () => {
    const cart = JSON.parse(localStorage.getItem("xiaodian.cart"));
    const wallet = (await (await fetch("/api/wallet")).json()).wallet;
    const catalog = await (await fetch("/api/catalog")).json();
    const order = {
      picks: cart.picks, buyer: { memberLevel: cart.memberLevel, newCustomer: cart.newCustomer },
      coupons: wallet.map((id) => catalog.coupons.find((c) => c.id === id)),
      couponSelection: "auto", points: { balance: 3000, use: cart.points },
    };
    return (await fetch("/api/quote", { method: "POST", body: JSON.stringify(order) })).json();
  });
}

for (const [label, viewport] of [["desktop", { width: 1280, height: 900 }], ["mobile", { width: 375, height: 800 }]]) {
  test(`an order placed end to end (${label} ${viewport.width} px): address pasted, freight, confirmation, 我的订单`, async () => {
    const srv = await server(label);
    const { page, context, problems } = await open(srv.base, viewport);
    // 领取 claims on the server: the wallet is there.
    await page.locator('[data-center="tea-150-30"] button').click();
    await page.waitForFunction(() => document.querySelector('[data-center="tea-150-30"] button').disabled);
    const wallet = await page.evaluate(async () => (await (await fetch("/api/wallet")).json()).wallet);
    assert.deepEqual(wallet, ["tea-150-30"]);
    await add(page, "puer-357", 2);
    await add(page, "walnut-500", 1);

    await toCheckout(page);
    assert.equal(await page.locator("#co-province").inputValue(), "330000");
    assert.equal(await page.locator("#co-city").inputValue(), "330100");
    assert.equal(await page.locator("#co-district").inputValue(), "330106");
    assert.equal(await page.locator("#co-name").inputValue(), "张三");
    assert.equal(await page.locator("#co-phone").inputValue(), "13800138000");
    assert.match(await page.locator("#co-detail").inputValue(), /文三路90号/);

    const q = await serverQuote(page);
    assert.equal(await text(page, "#co-payable"), `¥${q.payable}`);
    assert.equal(await text(page, "#co-freight"), `¥${q.freight}`);
    assert.equal(await text(page, "#co-discount"), `¥${q.discount}`);
    assert.ok(q.applied.some((a) => a.id === "tea-150-30"), "the claimed coupon applies");
    for (const s of q.shops) {
      // The engine's reason, which states the freight (or 包邮), not prefixed a second time.
      const shipping = await text(page, `[data-shop-shipping="${s.shopId}"]`);
      assert.ok(shipping.startsWith(s.shippingBasis.reason), shipping);
      assert.match(shipping, s.freight === "0.00" ? /包邮/ : new RegExp(`¥${s.freight.replace(".", "\\.")}`));
      assert.doesNotMatch(shipping, /^运费 ¥[\d.]+ · /);
    }
    assert.equal(await page.locator("#co-submit").isEnabled(), true);
    await page.screenshot({ path: `${ARTIFACTS}checkout-${label}-1-checkout.png`, fullPage: true });

    await page.locator("#co-submit").click();
    await page.waitForSelector("#view-confirm:not([hidden]) #cf-lines tr");
    const orderId = await text(page, "#cf-id");
    assert.match(orderId, /^XD\d{16}$/);
    assert.equal(await text(page, "#cf-payable"), `¥${q.payable}`);
    assert.equal(await text(page, "#cf-freight"), `¥${q.freight}`);
    assert.equal(await text(page, "#cf-points"), `¥${q.pointsDeduction}`);
    // Zero deductions are left out, not shown as −¥0.00.
    assert.equal(await page.locator("#cf-points").isVisible(), q.pointsDeduction !== "0.00");
    const stored = await page.evaluate(async (id) => (await fetch(`/api/orders/${id}`)).json(), orderId);
    assert.equal(stored.address.regionCode, "330106");
    assert.equal(stored.address.name, "张三");
    for (const line of stored.lines) {
      assert.equal(await text(page, `[data-paid="${line.skuId}"] .paid`), `¥${line.payable}`, line.skuId);
    }
    assert.equal(await page.locator('#cf-applied [data-applied="tea-150-30"]').count(), 1);
    assert.match(await text(page, "#cf-address"), /张三.*13800138000.*浙江省杭州市西湖区.*文三路90号/);
    await page.screenshot({ path: `${ARTIFACTS}checkout-${label}-2-confirmation.png`, fullPage: true });

    // 我的订单, also after a reload: the orders are the server's.
    await page.getByRole("link", { name: "我的订单" }).first().click();
    await page.waitForSelector(`[data-order="${orderId}"]`);
    await page.reload();
    await page.waitForSelector(`[data-order="${orderId}"]`);
    assert.match(await text(page, `[data-order="${orderId}"]`), new RegExp(`¥${q.payable.replace(".", "\\.")}`));
    await page.screenshot({ path: `${ARTIFACTS}checkout-${label}-3-orders.png`, fullPage: true });
    // The coupon was spent, and the cart was emptied.
    assert.deepEqual(await page.evaluate(async () => (await (await fetch("/api/wallet")).json()).wallet), []);
    assert.deepEqual(await page.evaluate(() => JSON.parse(localStorage.getItem("xiaodian.cart")).picks), []);
    if (viewport.width === 375) {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `no horizontal scroll at 375 px (scrollWidth ${width})`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("a price changed on the server before submit: 409 shows 价格已更新 and the new quote; resubmitting places it", async () => {
  const port = await freePort();
  const data = tempDir("409");
  cleanup.push(() => removeDir(data));
  const raised = structuredClone(demo);
  raised.products.find((p) => p.id === "p-puer").skus.find((s) => s.skuId === "puer-357").unitPrice = "138.00";
  const before = await startServer({ bin, port, data, catalog: catalogFile(data, demo) });
  const { page, context, problems } = await open(before.base);
  await add(page, "puer-357", 1);
  await toCheckout(page);
  const old = await text(page, "#co-payable");
  // The shop raises the price while the shopper looks at the checkout: the server restarts with it.
  await before.stop();
  const after = await startServer({ bin, port, data, catalog: catalogFile(tempDir("409b"), raised) });
  cleanup.push(() => after.stop());
  await page.locator("#co-submit").click();
  await page.waitForSelector("#co-changed:not([hidden])");
  assert.match(await text(page, "#co-changed"), /价格已更新/);
  assert.equal(await page.locator('#co-changed [data-difference="PAYABLE_MISMATCH"]').count(), 1);
  const now = await text(page, "#co-payable");
  assert.notEqual(now, old);
  assert.equal(await text(page, '[data-line-payable="puer-357"]'), "¥138.00");
  await page.screenshot({ path: `${ARTIFACTS}checkout-409-price-changed.png`, fullPage: true });
  await page.locator("#co-submit").click();
  await page.waitForSelector("#view-confirm:not([hidden]) #cf-lines tr");
  assert.equal(await text(page, "#cf-payable"), now);
  assert.deepEqual(problems.filter((p) => !/409/.test(p)), []);
  await context.close();
});

test("sold out between quote and submit: 409 OUT_OF_STOCK says so, nothing is placed", async () => {
  const srv = await server("stock");
  const { page, context, problems } = await open(srv.base);
  await add(page, "kettle-12", 2);
  await toCheckout(page);
  // Another buyer takes the last units first (a real order through the API, its own cookie).
  const { stock } = (await (await fetch(`${srv.base}/api/catalog`)).json()).products
    .flatMap((p) => p.skus).find((s) => s.skuId === "kettle-12");
  for (let left = stock; left > 0; left -= Math.min(2, left)) {
    const order = { picks: [{ skuId: "kettle-12", quantity: Math.min(2, left) }] };
    const q = await (await fetch(`${srv.base}/api/quote`, { method: "POST", body: JSON.stringify(order) })).json();
    const res = await fetch(`${srv.base}/api/orders`, { method: "POST", body: JSON.stringify({ order, quote: q }) });
    assert.equal(res.status, 201);
  }
  await page.locator("#co-submit").click();
  await page.waitForSelector("#co-error:not([hidden])");
  assert.match(await text(page, "#co-error"), /^库存不足/);
  assert.equal(await page.locator("#co-error").getAttribute("data-code"), "OUT_OF_STOCK");
  assert.doesNotMatch(await text(page, "#co-error"), /order\.picks/);
  assert.equal(await page.locator("#view-confirm").isHidden(), true);
  assert.deepEqual(await page.evaluate(async () => (await (await fetch("/api/orders")).json()).orders), []);
  await page.screenshot({ path: `${ARTIFACTS}checkout-409-sold-out.png`, fullPage: true });
  assert.deepEqual(problems.filter((p) => !/409/.test(p)), []);
  await context.close();
});
