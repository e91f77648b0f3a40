// The checkout page prices freight by the shop's 运费模板 for the chosen address, against the real
// order server: the soy sauce (坚果铺子's by-weight template) costs more to 新疆 than to 浙江, and
// to 香港 it is refused with the engine's 不配送 blocker (提交订单 stays disabled; the server
// would refuse it too). Every expected number and sentence comes from the engine in Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ARTIFACTS } from "./harness.mjs";
import { serveAndBrowse } from "./order-server.mjs";

const xd = createRequire(import.meta.url)("../../pkg/node/xiaodian.js");
xd.loadRegions(readFileSync(new URL("../../data/regions.txt", import.meta.url), "utf8"));
const shop = new xd.Storefront(xd.demoCatalog());
const picks = [{ skuId: "soy-500", quantity: 1 }];
const engine = (regionCode) => shop.quote({ picks, address: { regionCode } });

const XINJIANG = "阿依古丽 13912345678 新疆维吾尔自治区乌鲁木齐市天山区解放北路1号";
const ZHEJIANG = "张三 13800138000 浙江省杭州市西湖区文三路90号";
const HONG_KONG = "陈大文 13800138000 香港特别行政区中西区皇后大道中1号";

const live = serveAndBrowse("freight");

const yuanOf = (s) => Number(/¥(\d+\.\d{2})/.exec(s)?.[1]);

async function paste(page, text, districtCode) {
  await page.locator("#co-paste").fill(text);
  await page.locator("#co-parse").click();
  await page.waitForFunction((code) => {
    const box = [...document.querySelectorAll("#co-city, #co-district")].map((s) => s.value);
    return box.includes(code);
  }, districtCode);
}

test("checkout freight follows the address: 新疆 dearer than 浙江, 香港 refused with the engine's blocker", async () => {
  const { page, context, problems } = await live.h.page();
  await page.goto(`${live.srv.base}/index.html`);
  await page.waitForSelector("body[data-ready=true]");
  const card = page.locator('[data-sku="soy-500"]');
  await card.locator("input[type=number]").fill("1");
  await card.locator('[data-add="soy-500"]').click();
  await page.locator("#to-checkout").click();
  await page.waitForSelector("body[data-ready=true]");

  const xj = engine("650102");
  await paste(page, XINJIANG, "650102");
  await page.waitForFunction((f) => document.querySelector("#co-freight").textContent === `¥${f}`, xj.freight);
  assert.match(await page.locator('[data-shop-shipping="snack"]').textContent(), /指定地区/);
  const xinjiang = yuanOf(await page.locator("#co-freight").textContent());

  const zj = engine("330106");
  await paste(page, ZHEJIANG, "330106");
  await page.waitForFunction((f) => document.querySelector("#co-freight").textContent === `¥${f}`, zj.freight);
  const zhejiang = yuanOf(await page.locator("#co-freight").textContent());
  assert.ok(xinjiang > zhejiang, `新疆 ¥${xinjiang} > 浙江 ¥${zhejiang}`);
  assert.equal(await page.locator("#co-payable").textContent(), `¥${zj.payable}`);
  assert.equal(await page.locator("[data-blocker]").count(), 0);
  assert.equal(await page.locator("#co-submit").isEnabled(), true);

  const hk = engine("810001");
  assert.equal(hk.blockers?.[0]?.code, "NOT_DELIVERABLE");
  await paste(page, HONG_KONG, "810001");
  const blocker = page.locator('[data-line="soy-500"] [data-blocker="NOT_DELIVERABLE"]');
  await blocker.waitFor();
  assert.equal(await blocker.textContent(), `⚠ ${hk.blockers[0].message}`);
  assert.equal(await page.locator("#co-submit").isEnabled(), false);
  await page.screenshot({ path: `${ARTIFACTS}checkout-freight-not-delivered.png`, fullPage: true });

  // Back to 浙江: the blocker goes and the order can be placed.
  await paste(page, ZHEJIANG, "330106");
  await page.waitForFunction(() => !document.querySelector("[data-blocker]"));
  assert.equal(await page.locator("#co-submit").isEnabled(), true);
  assert.deepEqual(problems, []);
  await context.close();
});
