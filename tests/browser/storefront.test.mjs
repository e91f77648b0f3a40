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
  await page.getByRole("button", { name: "加一件 新疆纸皮核桃 500g" }).click();
  await page.getByRole("button", { name: "加一件 新疆纸皮核桃 500g" }).click();
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
  assert.match(await page.locator('#cart-adjustments [data-adjustment="UNAVAILABLE"][data-sku="retired"]').textContent(), /已下架/);
  assert.equal(await shown(page, "#t-payable"), `¥${engineQuote([{ skuId: "bookmark", quantity: 2 }]).payable}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an over-limit quantity is capped at 限购 with a notice; the cart never blanks", async () => {
  const { page, context, problems } = await open();
  await add(page, "bookmark", 10);
  // At 限购 10 the + is disabled; adding more through the card caps at 10 and says so.
  assert.equal(await page.getByRole("button", { name: "加一件 黄铜书签" }).isDisabled(), true);
  await add(page, "bookmark", 5);
  assert.equal(await page.locator('[data-qty="bookmark"]').textContent(), "10");
  assert.match(await page.locator("#cart-adjustments").textContent(), /“黄铜书签 · 故宫纹样 · 单枚”每单限购 10 件/);
  assert.equal(await page.locator("#cart-error").isVisible(), false);
  assert.equal(await shown(page, "#t-payable"), `¥${engineQuote([{ skuId: "bookmark", quantity: 10 }]).payable}`);
  await page.getByRole("button", { name: "减一件 黄铜书签" }).click();
  assert.equal(await shown(page, "#t-payable"), `¥${engineQuote([{ skuId: "bookmark", quantity: 9 }]).payable}`);
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

// ---- coupons, points, 运费险 -------------------------------------------------------------
const shop = new xd.Storefront(catalog);
const coupon = (id) => catalog.coupons.find((c) => c.id === id);
/** The page's order for these picks and settings, quoted by the engine in Node. */
const engineOrder = (picks, { wallet = [], selection = "auto", points = 0, insurance = false, memberLevel = 0 } = {}) => shop.quote({
  picks, buyer: { memberLevel, newCustomer: false }, coupons: wallet.map(coupon), couponSelection: selection,
  points: { balance: 3000, use: points }, shippingInsurance: insurance ? catalog.shippingInsurance : undefined,
});
const fen = (s) => Number(s.replace(/[¥,]/g, "").replace(".", ""));

test("claiming a coupon and crossing its 满减 threshold drops the payable by exactly the coupon", async () => {
  const { page, context, problems } = await open();
  await page.getByRole("button", { name: "领取 茶庄券 满150减30" }).click();
  assert.equal(await page.locator('[data-center="tea-150-30"] button').isDisabled(), true);
  await add(page, "puer-357", 1);
  const below = engineOrder([{ skuId: "puer-357", quantity: 1, joinGroup: false }], { wallet: ["tea-150-30"] });
  assert.equal(await shown(page, "#t-payable"), `¥${below.payable}`);
  // Below the threshold: the hint says how much more, and the coupon says why it is not used.
  const hint = below.hints.find((x) => x.id === "tea-150-30");
  assert.equal(await page.locator('[data-hint-id="tea-150-30"]').textContent(), `💡 ${hint.message}`);
  assert.equal(await page.locator('[data-offer="tea-150-30"] [data-code]').getAttribute("data-code"), "THRESHOLD_NOT_MET");
  // The label names the coupon; beside it the engine's reason, without the name a second time.
  const reason = below.rejected.find((x) => x.id === "tea-150-30").reason;
  assert.equal(await page.locator('[data-offer="tea-150-30"] [data-code]').textContent(), reason);
  assert.match(reason, /^未达使用门槛/);
  await page.screenshot({ path: `${ARTIFACTS}storefront-4-hint.png`, fullPage: true });

  // Add a ¥25 cup: ¥153 ≥ ¥150, so the payable is ¥128 + ¥25 − ¥30 (shipping was already free).
  await add(page, "cup-single", 1);
  const picks = [{ skuId: "puer-357", quantity: 1, joinGroup: false }, { skuId: "cup-single", quantity: 1, joinGroup: false }];
  const above = engineOrder(picks, { wallet: ["tea-150-30"] });
  const without = engineOrder(picks);
  assert.equal(fen(without.payable) - fen(above.payable), 3000);
  assert.equal(await shown(page, "#t-payable"), `¥${above.payable}`);
  assert.equal(fen(await shown(page, "#t-payable")), fen(below.payable) + 2500 - 3000);
  assert.equal(await page.locator('[data-offer="tea-150-30"]').getAttribute("data-state"), "applied");
  // Each line shows its share, and the shares add up to the coupon.
  const shares = await page.locator('[data-line-discount="tea-150-30"]').allTextContents();
  assert.equal(shares.map((s) => fen(s.split("−")[1])).reduce((a, b) => a + b, 0), 3000);
  assert.deepEqual(problems, []);
  await context.close();
});

test("auto picks the best combination; manual override shows the rejected coupon's reason", async () => {
  const { page, context, problems } = await open();
  await page.locator("#claim-all").click();
  await add(page, "puer-gift", 1);
  await add(page, "history-set", 1);
  const picks = [{ skuId: "puer-gift", quantity: 1, joinGroup: false }, { skuId: "history-set", quantity: 1, joinGroup: false }];
  // 全部领取 leaves out the expired coupon (the engine says EXPIRED).
  const wallet = catalog.coupons.map((c) => c.id).filter((id) => id !== "snack-old-8");
  assert.equal(await page.locator('[data-offer="snack-old-8"]').count(), 0);
  const auto = engineOrder(picks, { wallet });
  assert.equal(await shown(page, "#t-payable"), `¥${auto.payable}`);
  for (const a of auto.applied.filter((x) => x.source === "coupon")) {
    assert.equal(await page.locator(`[data-offer="${a.id}"]`).getAttribute("data-state"), "applied", a.id);
  }
  // Auto is at least as good as every single wallet coupon used alone.
  for (const id of wallet) assert.ok(fen(auto.payable) <= fen(engineOrder(picks, { wallet, selection: [id] }).payable), id);

  // Manual: starts from auto's choice, so nothing changes until the shopper changes something.
  await page.getByLabel("手动选择").check();
  assert.equal(await shown(page, "#t-payable"), `¥${auto.payable}`);
  const chosen = auto.applied.filter((x) => x.source === "coupon").map((x) => x.id);
  // Swap the platform coupon for a VIP 2 one: the page shows MEMBER_ONLY and the engine's payable.
  const platform = auto.applied.find((x) => x.source === "coupon" && x.layer === "platform").id;
  await page.locator(`#use-${platform}`).uncheck();
  await page.locator("#use-vip-200-25").check();
  const manual = engineOrder(picks, { wallet, selection: [...chosen.filter((x) => x !== platform), "vip-200-25"] });
  assert.equal(await shown(page, "#t-payable"), `¥${manual.payable}`);
  assert.ok(fen(manual.payable) > fen(auto.payable));
  assert.equal(await page.locator('[data-offer="vip-200-25"] [data-code]').getAttribute("data-code"), "MEMBER_ONLY");
  await page.screenshot({ path: `${ARTIFACTS}storefront-5-manual.png`, fullPage: true });
  await page.getByLabel("自动选择最优组合").check();
  assert.equal(await shown(page, "#t-payable"), `¥${auto.payable}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("points slider and 运费险 follow the engine; lines and totals add up; all survive a reload", async () => {
  const { page, context, problems } = await open();
  await add(page, "puer-357", 1);
  await add(page, "walnut-1000", 1);
  const picks = [{ skuId: "puer-357", quantity: 1, joinGroup: false }, { skuId: "walnut-1000", quantity: 1, joinGroup: false }];
  const max = engineOrder(picks).points.maxUsable;
  assert.equal(await page.locator("#points").getAttribute("max"), String(max));
  await page.locator("#points").fill(String(max));
  await page.locator("#insurance").check();
  const q = engineOrder(picks, { points: max, insurance: true });
  assert.equal(await shown(page, "#t-points"), `¥${q.pointsDeduction}`);
  assert.equal(await shown(page, "#t-insurance"), `¥${q.insurance}`);
  assert.equal(q.insurance, "3.00", "two parcels at ¥1.50");
  assert.equal(await shown(page, "#t-payable"), `¥${q.payable}`);
  // What the page shows adds up: Σ line payables + freight + insurance = payable.
  const lines = (await page.locator("[data-line-payable]").allTextContents()).map(fen);
  const total = lines.reduce((a, b) => a + b, 0) + fen(await shown(page, "#t-shipping")) + fen(await shown(page, "#t-insurance"));
  assert.equal(total, fen(await shown(page, "#t-payable")));
  await page.screenshot({ path: `${ARTIFACTS}storefront-6-points.png`, fullPage: true });

  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await shown(page, "#t-payable"), `¥${q.payable}`);
  assert.equal(await page.locator("#insurance").isChecked(), true);
  assert.equal(await page.locator("#points").inputValue(), String(q.points.used));
  assert.deepEqual(problems, []);
  await context.close();
});

test("the address box: a pasted address fills the fields and the freight follows the region", async () => {
  const { readFileSync } = await import("node:fs");
  xd.loadRegions(readFileSync(new URL("../../data/regions.txt", import.meta.url), "utf8"));
  const rice = (address) => xd.quote(xd.catalogCart(catalog, { picks: [{ skuId: "rice-5kg", quantity: 1, joinGroup: false }], ...(address ? { address } : {}) }));
  const { page, context, problems } = await open();
  await add(page, "rice-5kg", 1);
  // No address yet: base rates, and the engine's ADDRESS_REQUIRED blocker is shown.
  assert.equal(await shown(page, "#t-shipping"), `¥${rice().freight}`);
  await page.locator("[data-blocker=ADDRESS_REQUIRED]").waitFor();

  await page.locator("#address-paste").fill("张三 13800138000 新疆乌鲁木齐市天山区解放北路1号");
  await page.locator("#address-parse").click();
  assert.equal(await page.locator("#addr-province").inputValue(), "650000");
  assert.equal(await page.locator("#addr-district").inputValue(), "650102");
  assert.equal(await page.locator("#addr-name").inputValue(), "张三");
  assert.equal(await page.locator("#addr-phone").inputValue(), "13800138000");
  const xj = rice({ regionCode: "650102" });
  assert.equal(xj.freight, "60.00");
  assert.equal(await shown(page, "#t-shipping"), "¥60.00");
  assert.equal(await shown(page, "#t-payable"), `¥${xj.payable}`);
  assert.equal(await page.locator("[data-blocker]").count(), 0);
  await page.screenshot({ path: `${ARTIFACTS}storefront-7-address.png`, fullPage: true });

  // Picked instead of pasted: 浙江 → 杭州 → 西湖区, inside 江浙沪's free shipping.
  await page.locator("#addr-province").selectOption("330000");
  await page.locator("#addr-city").selectOption("330100");
  await page.locator("#addr-district").selectOption("330106");
  assert.equal(await shown(page, "#t-shipping"), `¥${rice({ regionCode: "330106" }).freight}`);
  assert.equal(await shown(page, "#t-shipping"), "¥0.00");
  // 香港 is not served: the line is marked and the blocker shown.
  await page.locator("#address-paste").fill("陈大文 香港九龙油尖旺区弥敦道1号");
  await page.locator("#address-parse").click();
  await page.locator("[data-blocker=NOT_DELIVERABLE]").waitFor();
  assert.equal(await page.locator('[data-line="rice-5kg"]').getAttribute("data-deliverable"), "false");
  // 到店自提: no freight, no blockers.
  await page.locator("#pickup").check();
  assert.equal(await shown(page, "#t-shipping"), "¥0.00");
  assert.equal(await page.locator("[data-blocker]").count(), 0);
  // The address survives a reload.
  await page.locator("#pickup").uncheck();
  await page.locator("#addr-province").selectOption("650000");
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.locator("#addr-province").inputValue(), "650000");
  assert.equal(await shown(page, "#t-shipping"), `¥${rice({ regionCode: "650000" }).freight}`);
  assert.deepEqual(problems, []);
  await context.close();
});
