// The checkout page's share of the trial's leftovers (session 4), against the real order server:
// whole region names at 375 px, a cart adjustment said once, and English mode without Chinese
// demo text. Expected sentences come from the engine in Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ARTIFACTS } from "./harness.mjs";
import { serveAndBrowse } from "./order-server.mjs";

const xd = createRequire(import.meta.url)("../../pkg/node/xiaodian.js");
xd.loadRegions(readFileSync(new URL("../../data/regions.txt", import.meta.url), "utf8"));
const catalog = xd.demoCatalog();
const shop = new xd.Storefront(catalog);

const live = serveAndBrowse("leftovers");

/** Open the checkout with this saved cart (as the storefront would have left it). */
async function checkout(picks, viewport) {
  const s = await live.h.page(viewport);
  await s.page.goto(`${live.srv.base}/index.html`);
  await s.page.waitForSelector("body[data-ready=true]");
  await s.page.evaluate((picks) => localStorage.setItem("xiaodian.cart", JSON.stringify({ version: 2, memberLevel: 0, picks })), picks);
  await s.page.goto(`${live.srv.base}/checkout.html`);
  await s.page.waitForSelector("body[data-ready=true]");
  return s;
}

const cutSelects = (page, root) => page.evaluate((root) => [...document.querySelectorAll(`${root} select`)].flatMap((s) => {
  const probe = s.cloneNode(true);
  probe.style.cssText = "width:auto;max-width:none;min-width:0;position:absolute;visibility:hidden;flex:none";
  s.parentElement.append(probe);
  const need = probe.offsetWidth;
  probe.remove();
  return s.offsetWidth + 0.5 < need ? [`${s.id}: ${s.offsetWidth}px < ${need}px (${s.selectedOptions[0]?.textContent})`] : [];
}), root);

test("checkout at 375 px: the region boxes show whole names", async () => {
  const { page, context, problems } = await checkout([{ skuId: "poems-hc", quantity: 1 }], { width: 375, height: 800 });
  await page.locator("#co-paste").fill("阿依古丽 13912345678 新疆维吾尔自治区克孜勒苏柯尔克孜自治州阿克陶县某路1号");
  await page.locator("#co-parse").click();
  await page.waitForFunction(() => document.querySelector("#co-district").value === "653022");
  assert.deepEqual(await cutSelects(page, ".co-regions"), []);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `no horizontal scroll (scrollWidth ${width})`);
  await page.locator(".co-address").screenshot({ path: `${ARTIFACTS}leftovers-checkout-regions-375.png` });
  assert.deepEqual(problems, []);
  await context.close();
});

test("checkout: a capped quantity is said once, above the lines", async () => {
  const picks = [{ skuId: "bookmark", quantity: 15 }];
  const said = shop.quote({ picks }).adjustments[0].message;
  const { page, context, problems } = await checkout(picks);
  await page.locator("#co-adjustments [data-adjustment]").waitFor();
  assert.equal(await page.locator("[data-adjustment]").count(), 1);
  assert.equal(await page.locator("#co-adjustments").textContent(), said);
  const body = await page.locator("body").innerText();
  assert.equal(body.split(said).length - 1, 1, "the sentence appears once");
  assert.deepEqual(problems, []);
  await context.close();
});

test("checkout in English: campaign titles and engine sentences are English", async () => {
  const picks = [["puer-357", 2], ["jerky-200", 3], ["poems-hc", 1], ["songci", 1], ["threebody", 1], ["cup-single", 2],
    ["rice-5kg", 2], ["soy-500", 1]].map(([skuId, quantity]) => ({ skuId, quantity }));
  const q = shop.quote({ picks });
  for (const id of ["jerky-tiers", "book-3-90", "cup-second-half", "grain-3-99"]) assert.ok(q.applied.some((a) => a.id === id), id);
  const { page, context, problems } = await checkout(picks);
  await page.locator("#lang").click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.locator('[data-applied="jerky-tiers"]').waitFor();
  assert.match(await page.locator('[data-applied="jerky-tiers"]').textContent(), /Jerky/);
  const zh = await page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      // Region names are Chinese data; the language button says 中文 on purpose.
      if (!parent || parent.closest("#lang, .co-regions, #co-address-note") || !parent.checkVisibility()) continue;
      for (const m of n.textContent.match(/[\u3400-\u9fff]+/g) ?? []) out.push(`${m} ← ${n.textContent.trim().slice(0, 60)}`);
    }
    return out;
  });
  await page.screenshot({ path: `${ARTIFACTS}leftovers-checkout-english.png`, fullPage: true });
  assert.deepEqual(zh, []);
  assert.deepEqual(problems, []);
  await context.close();
});
