import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { start, ARTIFACTS } from "./harness.mjs";

const xd = createRequire(import.meta.url)("../../pkg/node/xiaodian.js");
const catalog = xd.demoCatalog();
/** What the engine says, computed in Node, for comparison with what the page shows. */
const engineQuote = (picks, memberLevel = 0) => xd.quote(xd.catalogCart(catalog, { picks, buyer: { memberLevel } }));

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

async function open(viewport) {
  const s = await h.page(viewport);
  await s.page.goto(`${h.base}/`);
  await s.page.waitForSelector("body[data-ready=true]");
  return s;
}

async function add(page, skuId, quantity = 1, joinGroup = false) {
  const card = page.locator(`[data-sku="${skuId}"]`);
  await card.locator("input[type=number]").fill(String(quantity));
  if (joinGroup) await card.locator("input[type=checkbox]").check();
  await card.locator(`[data-add="${skuId}"]`).click();
}

const shown = (page, id) => page.locator(id).textContent();

test("adding items shows the engine's quote, and crossing 包邮 drops exactly the shipping", async () => {
  const { page, context, problems } = await open();
  await add(page, "walnut-500", 1, true);
  const one = engineQuote([{ skuId: "walnut-500", quantity: 1, joinGroup: true }]);
  assert.equal(await shown(page, "#t-payable"), `¥${one.payable}`);
  assert.equal(await shown(page, "#t-shipping"), "¥6.00");
  assert.match(await page.locator("[data-hint=freeShipping]").textContent(), new RegExp(`再买 ¥${one.hints[0].addAmount}`));
  await page.screenshot({ path: `${ARTIFACTS}storefront-1-added.png`, fullPage: true });

  // 2 more walnuts at the group price: ¥59.70 ≥ ¥59 — free shipping.
  await page.getByRole("button", { name: "加一件 walnut-500" }).click();
  await page.getByRole("button", { name: "加一件 walnut-500" }).click();
  const three = engineQuote([{ skuId: "walnut-500", quantity: 3, joinGroup: true }]);
  assert.equal(three.shipping, "0.00");
  assert.equal(await shown(page, "#t-payable"), `¥${three.payable}`);
  assert.equal(await shown(page, "#t-shipping"), "¥0.00");
  assert.equal(await page.locator("[data-hint]").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("member level, flash limit and ladder prices match the engine line by line", async () => {
  const { page, context, problems } = await open();
  await add(page, "longjing-100", 3);
  await add(page, "cup-single", 4);
  await add(page, "puer-357", 1);
  await page.selectOption("#member-level", "3");
  const picks = [{ skuId: "longjing-100", quantity: 3, joinGroup: false }, { skuId: "cup-single", quantity: 4, joinGroup: false }, { skuId: "puer-357", quantity: 1, joinGroup: false }];
  const q = engineQuote(picks, 3);
  for (const line of q.lines) {
    assert.equal(await page.locator(`[data-line-payable="${line.skuId}"]`).textContent(), `¥${line.payable}`, line.skuId);
  }
  assert.equal(await shown(page, "#t-payable"), `¥${q.payable}`);
  assert.equal(await shown(page, "#t-savings"), `¥${q.priceSavings}`);
  // The flash line shows both segments: 2 at the flash price, 1 at list.
  const segments = await page.locator('[data-line="longjing-100"] .segments li').allTextContents();
  assert.equal(segments.length, 2);
  assert.match(segments[0], /秒杀价 ¥59\.00 × 2/);
  await page.screenshot({ path: `${ARTIFACTS}storefront-2-rules.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("the cart survives a reload; a corrupted saved cart is discarded with a message", async () => {
  const { page, context, problems } = await open();
  await add(page, "mango-250", 2);
  await add(page, "history-set", 1);
  const before = await shown(page, "#t-payable");
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await shown(page, "#t-payable"), before);
  assert.equal(await page.locator("[data-qty=mango-250]").textContent(), "2");

  await page.evaluate(() => localStorage.setItem("xiaodian.cart", "{not json"));
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.match(await page.locator("#notice").textContent(), /已损坏/);
  assert.equal(await shown(page, "#t-payable"), "¥0.00");

  // A saved SKU that left the catalog is removed, the rest kept.
  await page.evaluate(() => localStorage.setItem("xiaodian.cart", JSON.stringify({ version: 1, memberLevel: 0, picks: [{ skuId: "retired", quantity: 1 }, { skuId: "bookmark", quantity: 2 }] })));
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.match(await page.locator("#notice").textContent(), /retired/);
  assert.equal(await shown(page, "#t-payable"), `¥${engineQuote([{ skuId: "bookmark", quantity: 2 }]).payable}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an over-stock quantity shows the engine's error, and fixing it recovers", async () => {
  const { page, context, problems } = await open();
  await add(page, "bookmark", 10);
  await page.getByRole("button", { name: "加一件 bookmark" }).click();
  assert.equal(await page.locator("#cart-error").isVisible(), true);
  assert.match(await page.locator("#cart-error").textContent(), /限购/);
  assert.equal(await shown(page, "#t-payable"), "—");
  // The line stays in the cart, marked, with its controls: one fewer fixes it.
  assert.equal(await page.locator('[data-line="bookmark"][aria-invalid=true]').count(), 1);
  await page.getByRole("button", { name: "减一件 bookmark" }).click();
  assert.equal(await page.locator("#cart-error").isVisible(), false);
  assert.equal(await shown(page, "#t-payable"), `¥${engineQuote([{ skuId: "bookmark", quantity: 10 }]).payable}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("mobile width, English toggle and keyboard use", async () => {
  const { page, context, problems } = await open({ width: 375, height: 800 });
  await page.locator("#lang").click();
  assert.equal(await page.locator("#cart-h [data-i18n=cart]").textContent(), "Cart");
  // Keyboard only: focus the first add button and press Enter.
  await page.locator("[data-add=puer-357]").focus();
  await page.keyboard.press("Enter");
  assert.equal(await shown(page, "#t-payable"), `¥${engineQuote([{ skuId: "puer-357", quantity: 1 }]).payable}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `no horizontal scroll at 375 px (scrollWidth ${width})`);
  // The sticky bar keeps the amount to pay in view on a phone.
  assert.equal(await page.locator("#bar-payable").textContent(), await shown(page, "#t-payable"));
  assert.equal(await page.locator("#mobile-bar").isVisible(), true);
  await page.screenshot({ path: `${ARTIFACTS}storefront-3-mobile-en.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
