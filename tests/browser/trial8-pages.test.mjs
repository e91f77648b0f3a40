// The session-8 tester's page defects, against the real order server: an order page for a
// missing id shows only "not found" (nothing of the previous order); 到店自提 asks for no address,
// is charged no 运费险 and says 自提 on the confirmation; the 会员等级 selector and the progress line
// agree; an empty cart cannot be submitted; no 包邮 hint beside a 免邮券; and the cosmetic ones
// (differences panel relabelled, 换购 once, no −¥0.00 cells, "1 item", no spec repeated).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ARTIFACTS, add } from "./harness.mjs";
import { serveAndBrowse, serverBinary, startServer, freePort, tempDir, catalogFile, removeDir } from "./order-server.mjs";

const xd = createRequire(import.meta.url)("../../pkg/node/xiaodian.js");
const rulebook = JSON.parse(readFileSync(new URL("../../data/rulebook.json", import.meta.url), "utf8"));
const ADDRESS = "张三 13800138000 浙江省杭州市西湖区文三路90号 东方通信大厦";

const live = serveAndBrowse("trial8");
const cleanup = [];
after(async () => {
  for (const f of cleanup.reverse()) await f();
});

async function storefront(base = live.srv.base) {
  const s = await live.h.page();
  await s.page.goto(`${base}/index.html`);
  await s.page.waitForSelector("body[data-ready=true]");
  await s.page.evaluate(() => localStorage.removeItem("xiaodian.cart"));
  await s.page.reload();
  await s.page.waitForSelector("body[data-ready=true]");
  return s;
}

async function toCheckout(page, { address = true } = {}) {
  await page.locator("#to-checkout").click();
  await page.waitForSelector("body[data-ready=true]");
  if (!address) return;
  await page.locator("#co-paste").fill(ADDRESS);
  await page.locator("#co-parse").click();
  await page.waitForFunction(() => document.querySelector("#co-district").value !== "");
}

const text = (page, sel) => page.locator(sel).textContent();
/** What a shopper sees of the order view (hidden parts left out). */
const visible = (page) => page.locator("#view-confirm").innerText();
/** The browser's own "Failed to load resource: 404" for the missing order is expected. */
const real = (problems) => problems.filter((p) => !/404/.test(p));

test("defect 1: a missing order id shows only the not-found state, nothing of the order before it", async () => {
  const { page, context, problems } = await storefront();
  await add(page, "walnut-500", 1);
  await toCheckout(page);
  // The spec is not repeated after a title that already says it (新疆纸皮核桃 500g · 500g).
  assert.doesNotMatch(await text(page, '[data-line="walnut-500"]'), /500g · 500g/);
  await page.locator("#co-submit").click();
  await page.waitForSelector("#view-confirm:not([hidden]) #cf-lines tr");
  const orderId = await text(page, "#cf-id");
  const mine = await visible(page);
  assert.match(mine, /下单成功/);
  assert.match(mine, /文三路90号/);
  // No discount or points on this line: empty cells, not −¥0.00.
  assert.doesNotMatch(await text(page, '[data-paid="walnut-500"]'), /−¥0\.00/);
  assert.doesNotMatch(await text(page, '[data-paid="walnut-500"]'), /500g · 500g/);

  // (A) The hash changed to someone else's id (or a typo); ids of a day before this server ran,
  // so never one of its own (its first order today is XD<today>00000001).
  await page.evaluate(() => { location.hash = "#/order/XD2025010100000001"; });
  await page.waitForSelector("#cf-missing:not([hidden])");
  const gone = await visible(page);
  assert.match(gone, /找不到这个订单/);
  assert.match(gone, /XD2025010100000001/);
  for (const stale of [/下单成功/, new RegExp(orderId), /文三路90号/, /新疆纸皮核桃/, /应付/]) assert.doesNotMatch(gone, stale);
  assert.equal(await page.locator("#cf-lines tr").count(), 0);
  await page.screenshot({ path: `${ARTIFACTS}trial8-1-missing-after-order.png`, fullPage: true });

  // Back to the real order: it shows again, in full.
  await page.evaluate((id) => { location.hash = `#/order/${id}`; }, orderId);
  await page.waitForSelector("#cf-order:not([hidden]) #cf-lines tr");
  assert.equal(await page.locator("#cf-missing").isVisible(), false);

  // (B) A fresh load of a missing id: no empty 下单成功 template either.
  await page.goto(`${live.srv.base}/checkout.html#/order/XD2025010100000002`);
  await page.waitForSelector("#cf-missing:not([hidden])");
  const fresh = await visible(page);
  assert.match(fresh, /找不到这个订单/);
  assert.doesNotMatch(fresh, /下单成功|订单号\s*$/m);
  assert.equal(await page.locator("#cf-order").isVisible(), false);
  // And in English (the order pages are read again on the switch).
  await page.locator("#lang").click();
  await page.waitForFunction(() => document.querySelector("#cf-missing h2").textContent === "No such order.");
  assert.doesNotMatch(await visible(page), /Order placed/);

  // My orders: "1 item", not "1 items".
  await page.evaluate(() => { location.hash = "#/orders"; });
  await page.waitForSelector(`[data-order="${orderId}"]`);
  assert.match(await text(page, `[data-order="${orderId}"]`), / 1 item · /);
  await page.locator("#lang").click();
  await page.waitForFunction(() => document.documentElement.lang !== "en");
  assert.deepEqual(real(problems), []);
  await context.close();
});

test("defect 2: 到店自提 asks for no address, charges no 运费险, and the order says 自提", async () => {
  const { page, context, problems } = await storefront();
  for (const sku of ["walnut-500", "poems-hc", "puer-357"]) await add(page, sku, 1);
  await page.locator("#pickup").check();
  await page.locator("#insurance").check();
  await toCheckout(page, { address: false });
  // The address box is the pickup note: nothing to fill in.
  assert.equal(await page.locator("#co-pickup").isVisible(), true);
  for (const sel of ["#co-paste", "#co-province", "#co-detail", "#co-name", "#co-phone"]) {
    assert.equal(await page.locator(sel).isVisible(), false, sel);
  }
  const shops = page.locator("[data-shop-shipping]");
  assert.equal(await shops.count(), 3);
  for (const s of await shops.allTextContents()) {
    assert.match(s, /到店自提/);
    assert.match(s, /不收运费险/);
    assert.doesNotMatch(s, /运费险 ¥/);
  }
  assert.equal(await text(page, "#co-insurance"), "¥0.00");
  assert.equal(await text(page, "#co-freight"), "¥0.00");
  assert.equal(await page.locator("#co-submit").isEnabled(), true);
  await page.screenshot({ path: `${ARTIFACTS}trial8-2-pickup-checkout.png`, fullPage: true });

  await page.locator("#co-submit").click();
  await page.waitForSelector("#view-confirm:not([hidden]) #cf-lines tr");
  const orderId = await text(page, "#cf-id");
  const stored = await page.evaluate(async (id) => (await fetch(`/api/orders/${id}`)).json(), orderId);
  assert.equal(stored.order.delivery, "pickup");
  assert.equal(stored.order.address, undefined, "no delivery address sent");
  assert.equal(stored.quote.insurance, "0.00");
  assert.equal(stored.quote.freight, "0.00");
  assert.equal(await text(page, "#cf-delivery-kind"), "到店自提");
  assert.equal(await page.locator('#cf-delivery[data-delivery="pickup"]').count(), 1);
  assert.equal(await page.locator("#cf-insurance").isVisible(), false);
  await page.screenshot({ path: `${ARTIFACTS}trial8-2-pickup-confirmation.png`, fullPage: true });
  // The order detail read afresh says it too.
  await page.reload();
  await page.waitForSelector("#view-confirm:not([hidden]) #cf-lines tr");
  assert.equal(await text(page, "#cf-delivery-kind"), "到店自提");
  assert.deepEqual(problems, []);
  await context.close();
});

test("defect 3: each 会员等级 is a demo buyer at that level: prices and the progress line agree", async () => {
  const { page, context, problems } = await storefront();
  await add(page, "walnut-500", 1);
  const names = Object.fromEntries(rulebook.membership.levels.map((l) => [l.level, l.name]));
  const values = await page.locator("#member-level option").evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(values, ["0", "1", "2", "3"]);
  for (const v of values) {
    await page.selectOption("#member-level", v);
    await page.waitForFunction((name) => document.querySelector("#level-progress").textContent.includes(name), names[v]);
    const progress = await text(page, "#level-progress");
    assert.match(progress, new RegExp(`^当前 ${names[v]}`), `level ${v}: ${progress}`);
    assert.match(await text(page, `#member-level option[value="${v}"]`), new RegExp(`^${names[v]}`));
  }
  // The checkout sends the same level the storefront showed.
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem("xiaodian.cart")).memberLevel), 3);
  assert.deepEqual(problems, []);
  await context.close();
});

test("defect 4: a cart with nothing orderable cannot be submitted, and the page says why", async () => {
  const { page, context, problems } = await storefront();
  await page.evaluate(() => localStorage.setItem("xiaodian.cart", JSON.stringify({ version: 2, memberLevel: 0, picks: [{ skuId: "no-such-sku", quantity: 1 }] })));
  await page.goto(`${live.srv.base}/checkout.html`);
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForSelector("#co-adjustments [data-adjustment]");
  assert.equal(await page.locator("#co-submit").isDisabled(), true);
  assert.equal(await page.locator("#co-submit-why").isVisible(), true);
  assert.match(await text(page, "#co-submit-why"), /没有可下单的商品/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("defect 5 and 换购: no 包邮 hint beside an applied 免邮券; the add-on hint says 换购 once", async () => {
  const { page, context, problems } = await storefront();
  await page.locator('[data-center="book-freeship"] button').click();
  await page.waitForFunction(() => document.querySelector('[data-center="book-freeship"] button').disabled);
  await add(page, "poems-hc", 1);
  await add(page, "puer-357", 2);
  const book = await text(page, '[data-shop-shipping="book"]');
  assert.match(book, /免邮券已抵扣/);
  assert.doesNotMatch(book, /再买/);
  const addOn = await text(page, '[data-hint="addOn"]');
  assert.doesNotMatch(addOn, /换购\s*换购/);
  assert.match(addOn, /铸铁煮茶壶/);
  await toCheckout(page);
  const coBook = await text(page, '[data-shop-shipping="book"]');
  assert.match(coBook, /免邮券已抵扣/);
  assert.doesNotMatch(coBook, /再买/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the 价格已更新 differences follow the language switch", async () => {
  const bin = serverBinary();
  const port = await freePort();
  const data = tempDir("trial8-409");
  cleanup.push(() => removeDir(data));
  const demo = xd.demoCatalog();
  const raised = structuredClone(demo);
  raised.products.find((p) => p.id === "p-puer").skus.find((s) => s.skuId === "puer-357").unitPrice = "138.00";
  const before = await startServer({ bin, port, data, catalog: catalogFile(data, demo) });
  const { page, context, problems } = await storefront(before.base);
  await add(page, "puer-357", 1);
  await toCheckout(page);
  await before.stop();
  const data2 = tempDir("trial8-409b");
  cleanup.push(() => removeDir(data2));
  const after = await startServer({ bin, port, data, catalog: catalogFile(data2, raised) });
  cleanup.push(() => after.stop());
  await page.locator("#co-submit").click();
  await page.waitForSelector("#co-changed:not([hidden])");
  assert.match(await text(page, "#co-changed"), /价格已更新/);
  await page.locator("#lang").click();
  await page.waitForFunction(() => document.querySelector("#co-changed strong")?.textContent === "Prices changed");
  const en = await text(page, "#co-changed");
  assert.match(en, /was ¥/);
  assert.doesNotMatch(en, /原为|现为/);
  // The server's quote is still the one shown and sent.
  assert.equal(await text(page, '[data-line-payable="puer-357"]'), "¥138.00");
  await page.locator("#lang").click();
  await page.waitForFunction(() => document.querySelector("#co-changed strong")?.textContent === "价格已更新");
  assert.deepEqual(problems.filter((p) => !/409/.test(p)), []);
  await context.close();
});
