// The leftovers of the fresh-eyes shopper / merchant trial (session 4), one test each, against the
// pages served from www/ (harness.mjs). Expected numbers and sentences come from the engine in
// Node. The checkout page's share (it needs the order server) is in checkout-leftovers.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { start, ARTIFACTS, add } from "./harness.mjs";

const xd = createRequire(import.meta.url)("../../pkg/node/xiaodian.js");
xd.loadRegions(readFileSync(new URL("../../data/regions.txt", import.meta.url), "utf8"));
const catalog = xd.demoCatalog();
const shop = new xd.Storefront(catalog);

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

async function open(viewport, path = "/") {
  const s = await h.page(viewport);
  await s.page.goto(`${h.base}${path}`);
  await s.page.waitForSelector("body[data-ready=true]");
  return s;
}

async function paste(page, text) {
  await page.locator("#address-paste").fill(text);
  await page.locator("#address-parse").click();
}

/** Chinese text a page shows (text nodes and aria-labels) outside `allowed` selectors. */
const chineseShown = (page, allowed) => page.evaluate((allowed) => {
  const cjk = /[\u3400-\u9fff]+/g;
  const skip = (node) => allowed.some((sel) => node.closest(sel));
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || skip(parent) || !parent.checkVisibility()) continue;
    for (const m of n.textContent.match(cjk) ?? []) out.push(`${m} ← ${n.textContent.trim().slice(0, 60)}`);
  }
  for (const e of document.querySelectorAll("[aria-label]")) {
    if (skip(e)) continue;
    for (const m of e.getAttribute("aria-label").match(cjk) ?? []) out.push(`${m} ← aria-label ${e.getAttribute("aria-label")}`);
  }
  return out;
}, allowed);

/** Every <select> under `root` is at least as wide as it needs to be for its longest option. */
const cutSelects = (page, root) => page.evaluate((root) => [...document.querySelectorAll(`${root} select`)].flatMap((s) => {
  const probe = s.cloneNode(true);
  probe.style.cssText = "width:auto;max-width:none;min-width:0;position:absolute;visibility:hidden;flex:none";
  s.parentElement.append(probe);
  const need = probe.offsetWidth;
  probe.remove();
  return s.offsetWidth + 0.5 < need ? [`${s.id}: ${s.offsetWidth}px < ${need}px (${s.selectedOptions[0]?.textContent})`] : [];
}), root);

test("a pasted Hong Kong address finds 油尖旺区 under 香港, with 九龙 kept in the detail", async () => {
  const text = "陈大文 +852 91234567 香港特别行政区九龙油尖旺区弥敦道 100 号";
  const p = xd.parseAddress(text);
  assert.equal(p.district?.code, "810005");
  assert.equal(p.regionCode, "810005");
  const { page, context, problems } = await open();
  await paste(page, text);
  assert.equal(await page.locator("#addr-province").inputValue(), "810000");
  // 香港's districts sit straight under it: the second box.
  assert.equal(await page.locator("#addr-city").inputValue(), "810005");
  assert.equal(await page.locator("#addr-city option:checked").textContent(), "油尖旺区");
  assert.equal(await page.locator("#addr-detail").inputValue(), p.detail);
  assert.match(p.detail, /^九龙 弥敦道/);
  assert.equal(await page.locator("#addr-name").inputValue(), "陈大文");
  assert.equal(await page.locator('#address-note [data-finding="DISTRICT_NOT_FOUND"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("English mode: every demo text is English (every campaign, its gift and add-on, coupons, hints)", async () => {
  for (const p of catalog.promotions) assert.ok(p.titleEn, `promotion ${p.id} has a titleEn`);
  for (const c of catalog.coupons) assert.ok(c.titleEn, `coupon ${c.id} has a titleEn`);
  const { page, context, problems } = await open();
  // A cart that reaches every campaign: 满199 (tea), 肉脯 tiers with the gift, 满3件 books, the
  // second cup at half price, 任选3件 grain, and the 加价购 kettle offered.
  for (const [sku, n] of [["puer-357", 2], ["jerky-200", 3], ["poems-hc", 1], ["songci", 1], ["threebody", 1],
    ["cup-single", 2], ["rice-5kg", 2], ["soy-500", 1], ["mango-250", 1]]) await add(page, sku, n);
  await page.locator("#claim-all").click();
  await page.locator("#lang").click();
  assert.equal(await page.locator("html").getAttribute("lang"), "en");
  const order = {
    picks: ["puer-357:2", "jerky-200:3", "poems-hc:1", "songci:1", "threebody:1", "cup-single:2", "rice-5kg:2", "soy-500:1", "mango-250:1"]
      .map((s) => ({ skuId: s.split(":")[0], quantity: Number(s.split(":")[1]), joinGroup: false })),
    buyer: { memberLevel: 0, newCustomer: false }, coupons: catalog.coupons, couponSelection: "auto",
  };
  const q = shop.quote(order);
  const applied = new Set(q.applied.map((a) => a.id));
  for (const id of ["tea-199-20", "jerky-tiers", "book-3-90", "cup-second-half", "grain-3-99"]) assert.ok(applied.has(id), `${id} applied`);
  assert.ok(q.gifts.some((g) => g.titleEn === "Dried mango 250 g"), "the gift's English title comes back in the quote");
  assert.match(await page.locator('[data-gift="mango-250"]').textContent(), /Dried mango 250 g/);
  assert.match(await page.locator('[data-offer="jerky-tiers"]').textContent(), /Jerky/);
  assert.ok(await page.locator("[data-addon=kettle-12]").count() > 0, "the add-on is offered");
  // Region names are Chinese data (the regions table has no English), and the language button
  // names 中文 on purpose.
  const zh = await chineseShown(page, ["#lang", ".address-pick", "#address-note"]);
  await page.screenshot({ path: `${ARTIFACTS}leftovers-english.png`, fullPage: true });
  assert.deepEqual(zh, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("375 px: the province, city and district boxes show whole names (新疆, 克孜勒苏柯尔克孜自治州)", async () => {
  const { page, context, problems } = await open({ width: 375, height: 800 });
  await paste(page, "阿依古丽 13912345678 新疆维吾尔自治区克孜勒苏柯尔克孜自治州阿克陶县某路1号");
  assert.equal(await page.locator("#addr-district").inputValue(), "653022");
  assert.deepEqual(await cutSelects(page, ".address-pick"), []);
  await paste(page, "陈大文 +852 91234567 香港特别行政区九龙油尖旺区弥敦道 100 号");
  assert.equal(await page.locator("#addr-city").inputValue(), "810005");
  assert.deepEqual(await cutSelects(page, ".address-pick"), []);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `no horizontal scroll (scrollWidth ${width})`);
  await page.locator(".address").screenshot({ path: `${ARTIFACTS}leftovers-regions-375.png` });
  assert.deepEqual(problems, []);
  await context.close();
});

test("the coupon strip says how many coupons there are and that more are off the edge: fade, buttons, keys", async () => {
  const n = catalog.coupons.length;
  const { page, context, problems } = await open({ width: 375, height: 800 });
  const strip = page.locator("#coupon-center");
  const wrap = page.locator("#coupon-strip");
  const classes = async () => (await wrap.getAttribute("class")).split(/\s+/);
  assert.equal(await page.locator("#coupon-count").textContent(), `共 ${n} 张 · 左右滑动查看更多`);
  assert.deepEqual((await classes()).filter((c) => c.startsWith("more")), ["more-right"]);
  assert.notEqual(await strip.evaluate((e) => getComputedStyle(e).maskImage || getComputedStyle(e).webkitMaskImage), "none");
  assert.equal(await page.locator("#coupon-strip .next").isVisible(), true);
  assert.equal(await page.locator("#coupon-strip .prev").isVisible(), false);
  await page.screenshot({ path: `${ARTIFACTS}leftovers-coupon-strip-375.png` });
  // The button pages on; then both edges have more.
  await page.locator("#coupon-strip .next").click();
  await page.waitForFunction(() => document.querySelector("#coupon-strip").classList.contains("more-left"));
  assert.equal(await page.locator("#coupon-strip .prev").isVisible(), true);
  // Keyboard: the strip takes focus and scrolls with the keys, to its end.
  await strip.focus();
  await page.keyboard.press("End");
  await page.waitForFunction(() => !document.querySelector("#coupon-strip").classList.contains("more-right"));
  assert.equal(await page.locator("#coupon-strip .next").isVisible(), false);
  // Tabbing to a coupon's button out of view brings it in (native), and the last one is reachable.
  const last = catalog.coupons.at(-1).id;
  assert.equal(await page.locator(`[data-center="${last}"] button`).isVisible(), true);
  await page.locator("#lang").click();
  assert.equal(await page.locator("#coupon-count").textContent(), `${n} coupons · scroll sideways for more`);
  assert.equal(await page.locator("#coupon-strip .prev").getAttribute("aria-label"), "Previous coupons");
  assert.deepEqual(problems, []);
  await context.close();
});

test("NOT_DELIVERABLE names the region in the cart, in Chinese and in English", async () => {
  const picks = [{ skuId: "soy-500", quantity: 1, joinGroup: false }];
  const q = shop.quote({ picks, address: { regionCode: "810005" } });
  const b = q.blockers.find((x) => x.code === "NOT_DELIVERABLE");
  assert.equal(b.regionCode, "810000");
  assert.match(b.message, /不支持配送至香港特别行政区$/);
  assert.match(b.messageEn, /does not ship to Hong Kong$/);
  assert.doesNotMatch(b.messageEn, /[\u3400-\u9fff]/, "the product's English title, not its Chinese one");
  const { page, context, problems } = await open();
  await add(page, "soy-500", 1);
  await paste(page, "陈大文 +852 91234567 香港特别行政区九龙油尖旺区弥敦道 100 号");
  const shown = page.locator('#blockers [data-blocker="NOT_DELIVERABLE"]');
  assert.equal(await shown.textContent(), `⚠ ${b.message}`);
  await page.locator("#lang").click();
  assert.equal(await shown.textContent(), `⚠ ${b.messageEn}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a capped quantity is said once, in the cart (not also in the notice and the hints)", async () => {
  const { page, context, problems } = await open();
  await add(page, "bookmark", 15);
  const q = shop.quote({ picks: [{ skuId: "bookmark", quantity: 15, joinGroup: false }] });
  const said = q.adjustments[0].message;
  assert.match(said, /每单限购 10 件/);
  assert.equal(await page.locator('[data-qty="bookmark"]').textContent(), "10");
  assert.equal(await page.locator("#cart-adjustments [data-adjustment]").count(), 1);
  assert.match(await page.locator("#cart-adjustments").textContent(), new RegExp(said.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  const body = await page.locator("body").innerText();
  assert.equal(body.split(said).length - 1, 1, "the sentence appears once on the page");
  assert.equal(await page.locator("[data-adjustment]").count(), 1);
  // The next quote changes nothing: it goes.
  await add(page, "poems-hc", 1);
  assert.equal(await page.locator("#cart-adjustments").isVisible(), false);
  assert.equal((await page.locator("body").innerText()).includes(said), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test("merchant wizard: an emptied stock field reads 请填写库存 / Enter the stock, never 库存“”", async () => {
  const { page, context, problems } = await open(undefined, "/merchant.html");
  await page.locator('[data-goto="4"]').click();
  await page.locator("#l-title").fill("手工青瓷品茗杯 单只装");
  await page.locator("#l-price").fill("25");
  await page.locator("#l-stock").fill("5");
  await page.locator("#l-stock").fill("");
  const findings = page.locator("#l-stock-findings");
  await page.waitForFunction(() => document.querySelector("#l-stock-findings")?.textContent.includes("请填写库存"));
  const zh = await findings.textContent();
  assert.doesNotMatch(zh, /“”|""/);
  assert.equal(await page.locator('#l-stock-findings [data-code="MISSING_STOCK"]').count(), 1);
  assert.equal(await page.locator('#l-stock-findings [data-code="INVALID_STOCK"]').count(), 0);
  await page.locator("#lang").click();
  assert.match(await findings.textContent(), /Enter the stock/);
  // An emptied price is missing too, not silently accepted.
  await page.locator("#l-price").fill("");
  await page.waitForFunction(() => document.querySelector('#l-price-findings [data-code="MISSING_PRICE"]'));
  assert.deepEqual(problems, []);
  await context.close();
});
