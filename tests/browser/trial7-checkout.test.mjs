// The checkout page's share of the session-6 trial's defects (2, 4, 7) and of the wallet kept in
// the Storefront, against the real order server: English placeholders in the region pickers, a
// saved address with a district merged away, offer titles printed once on the page and the
// confirmation, and the posted order still carrying its coupons (the server re-verifies).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ARTIFACTS } from "./harness.mjs";
import { serveAndBrowse } from "./order-server.mjs";

const xd = createRequire(import.meta.url)("../../pkg/node/xiaodian.js");
xd.loadRegions(readFileSync(new URL("../../data/regions.txt", import.meta.url), "utf8"));

const live = serveAndBrowse("trial7");

async function storefront() {
  const s = await live.h.page();
  await s.page.goto(`${live.srv.base}/index.html`);
  await s.page.waitForSelector("body[data-ready=true]");
  return s;
}

async function toCheckout(page) {
  await page.goto(`${live.srv.base}/checkout.html`);
  await page.waitForSelector("body[data-ready=true]");
}

const PICKERS = ["#co-province", "#co-city", "#co-district"];
const placeholders = (page) => page.evaluate((sels) => sels.map((s) => document.querySelector(`${s} option[value=""]`).textContent), PICKERS);

test("defect 2: in English the checkout's region pickers say Choose", async () => {
  const { page, context, problems } = await storefront();
  await page.evaluate(() => localStorage.setItem("xiaodian.cart", JSON.stringify({ version: 2, memberLevel: 0, picks: [{ skuId: "poems-hc", quantity: 1 }] })));
  await toCheckout(page);
  assert.deepEqual(await placeholders(page), ["请选择", "请选择", "请选择"]);
  await page.locator("#lang").click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.deepEqual(await placeholders(page), ["Choose", "Choose", "Choose"]);
  await page.selectOption("#co-province", "440000");
  assert.deepEqual(await placeholders(page), ["Choose", "Choose", "Choose"]);
  await page.locator(".co-address").screenshot({ path: `${ARTIFACTS}trial7-2-checkout-en.png` });
  // Back to Chinese for the tests after this one (the language is remembered).
  await page.locator("#lang").click();
  assert.deepEqual(problems, []);
  await context.close();
});

test("defect 4: a saved 330103 address at checkout keeps its text and asks for the district", async () => {
  const { page, context, problems } = await storefront();
  await page.evaluate(() => localStorage.setItem("xiaodian.cart", JSON.stringify({
    version: 2, memberLevel: 0, picks: [{ skuId: "poems-hc", quantity: 1 }],
    address: { regionCode: "330103", detail: "延安路1号", name: "张三", phone: "13800138000" },
  })));
  await toCheckout(page);
  assert.deepEqual(await Promise.all(PICKERS.map((s) => page.locator(s).inputValue())), ["330000", "330100", ""]);
  assert.equal(await page.locator("#co-detail").inputValue(), "延安路1号");
  assert.equal(await page.locator("#co-name").inputValue(), "张三");
  assert.equal(await page.locator('#co-address-note [data-finding="REGION_GONE"]').count(), 1);
  assert.match(await page.locator("#co-address-note").textContent(), /下城区现属拱墅区$/);
  await page.locator(".co-address").screenshot({ path: `${ARTIFACTS}trial7-4-checkout-region-gone.png` });
  await page.selectOption("#co-district", "330105");
  assert.equal(await page.locator("#co-address-note").textContent(), "");
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("xiaodian.address")));
  assert.deepEqual(saved, { regionCode: "330105", detail: "延安路1号", name: "张三", phone: "13800138000" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("defect 7 and the wallet: titles once on checkout and confirmation; the posted order carries the coupons", async () => {
  const { page, context, problems } = await storefront();
  await page.evaluate(() => localStorage.removeItem("xiaodian.cart"));
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  for (const id of ["book-freeship", "plat-5"]) {
    await page.locator(`[data-center="${id}"] button`).click();
    await page.waitForFunction((id) => document.querySelector(`[data-center="${id}"] button`).disabled, id);
  }
  const card = page.locator('[data-sku="poems-hc"]');
  await card.locator('[data-add="poems-hc"]').click();
  await toCheckout(page);
  await page.locator("#co-paste").fill("阿依古丽 13912345678 新疆维吾尔自治区乌鲁木齐市天山区解放南路1号");
  await page.locator("#co-parse").click();
  await page.waitForFunction(() => document.querySelector("#co-district").value === "650102");
  const once = async (root) => {
    const items = await page.locator(`${root} [data-applied]`).evaluateAll((ns) => ns.map((n) => ({
      id: n.dataset.applied, title: n.querySelector("span").textContent, text: n.textContent,
    })));
    assert.ok(items.some((i) => i.id === "book-freeship"), `${root}: the free-shipping coupon applies`);
    for (const i of items) assert.equal(i.text.split(i.title).length - 1, 1, `${root} ${i.id}: "${i.title}" once in "${i.text}"`);
  };
  await once("#co-applied");
  const posted = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/orders")) posted.push(JSON.parse(r.postData()));
  });
  await page.locator("#co-submit").click();
  await page.waitForSelector("#view-confirm:not([hidden]) #cf-lines tr");
  assert.equal(posted.length, 1);
  assert.deepEqual(posted[0].order.coupons.map((c) => c.id).sort(), ["book-freeship", "plat-5"]);
  // The page's quote (made with the kept wallet) is the one the server accepted.
  const stored = await page.evaluate(async (id) => (await fetch(`/api/orders/${id}`)).json(), await page.locator("#cf-id").textContent());
  assert.equal(stored.lines.length, 1);
  assert.equal(await page.locator("#cf-payable").textContent(), `¥${posted[0].quote.payable}`);
  await once("#cf-applied");
  await page.screenshot({ path: `${ARTIFACTS}trial7-7-confirmation.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
