import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { start, ARTIFACTS } from "./harness.mjs";

// The engine in Node: what the page must show.
const xd = createRequire(import.meta.url)("../../pkg/node/xiaodian.js");

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

async function open(viewport) {
  const s = await h.page(viewport);
  await s.page.goto(`${h.base}/merchant.html`);
  await s.page.waitForSelector("body[data-ready=true]");
  return s;
}

const step = (page, n) => page.locator(`[data-goto="${n}"]`).click();
const visibleStep = (page) => page.locator("section[data-step]:not([hidden])").getAttribute("data-step");

test("subject and identity: numbers are checked as typed with the engine's verdicts", async () => {
  const { page, context, problems } = await open();
  assert.equal(await visibleStep(page), "0");
  assert.equal(await page.locator("#progress").getAttribute("value"), "1");
  await page.getByLabel("企业").check();
  await page.screenshot({ path: `${ARTIFACTS}merchant-1-subject.png`, fullPage: true });
  await page.locator("#next").click();
  assert.equal(await visibleStep(page), "1");
  assert.equal(await page.locator("[data-goto='1']").getAttribute("aria-current"), "step");

  // A wrong check character, then the right one.
  await page.locator("#uscc").fill("91350100M000100Y42");
  const wrong = xd.checkIdentity("uscc", "91350100M000100Y42");
  assert.equal(await page.locator("#uscc-result").getAttribute("data-code"), wrong.code);
  assert.equal(await page.locator("#uscc-result").textContent(), `✗ ${wrong.message}`);
  assert.equal(await page.locator("#uscc").getAttribute("aria-invalid"), "true");
  await page.locator("#uscc").fill("91350100M000100Y43");
  assert.match(await page.locator("#uscc-result").textContent(), /^✓ 格式正确/);

  await page.locator("#idCard").pressSequentially("11010519491231002X");
  assert.match(await page.locator("#idCard-result").textContent(), /1949-12-31/);
  // An enterprise settles to a 对公账户 (no bank card field).
  assert.equal(await page.locator("#bankCard-field").isVisible(), false);
  await page.locator("#corporateAccount").fill("1101 4800 0400 0123 4567");
  assert.equal(await page.locator("#corporateAccount").getAttribute("aria-invalid"), "false");
  await page.screenshot({ path: `${ARTIFACTS}merchant-2-identity.png`, fullPage: true });

  // An individual has no USCC field, and gives a bank card (16–19 digits, Luhn).
  await step(page, 0);
  await page.getByLabel("个人").check();
  await step(page, 1);
  assert.equal(await page.locator("#uscc-field").isVisible(), false);
  await page.locator("#bankCard").fill("6222 0202 0000 0000 005");
  assert.equal(await page.locator("#bankCard-result").getAttribute("data-code"), xd.checkIdentity("bankCard", "6222020200000000005").code);
  assert.deepEqual(problems, []);
  await context.close();
});

test("category picker: banned class for individuals, then a checklist that reaches allowed", async () => {
  const { page, context, problems } = await open();
  await step(page, 2);
  await page.selectOption("#cat-1", "health");
  await page.selectOption("#cat-2", "health.device");
  await page.selectOption("#cat-3", "health.device.bp");
  assert.equal(await page.locator(".verdict").getAttribute("data-allowed"), "false");
  assert.equal(await page.locator('#category-result [data-code="BANNED_FOR_INDIVIDUALS"]').count(), 1);

  await page.selectOption("#cat-1", "food");
  assert.equal(await page.locator("#cat-3").isDisabled(), true, "level 3 waits for level 2");
  await page.selectOption("#cat-2", "food.snacks");
  await page.selectOption("#cat-3", "food.snacks.nuts");
  const app = { subject: "individual", categoryId: "food.snacks.nuts", qualifications: [] };
  const expected = xd.checkCategory(app);
  const shown = await page.locator("[data-qualification]").evaluateAll((ns) => ns.map((n) => n.dataset.qualification));
  assert.deepEqual(shown, expected.required);
  assert.equal(await page.locator("[data-qualification].missing").count(), expected.missing.length);
  for (const id of expected.required) await page.locator(`[data-qualification="${id}"] input`).check();
  assert.equal(xd.checkCategory({ ...app, qualifications: expected.required }).allowed, true);
  assert.equal(await page.locator(".verdict").getAttribute("data-allowed"), "true");
  assert.equal(await page.locator("[data-qualification].missing").count(), 0);

  // Over the individual product cap: the engine's finding shows.
  await page.locator("#productCount").fill("600");
  const capped = xd.checkCategory({ ...app, qualifications: expected.required, productCount: 600 });
  assert.equal(await page.locator(".verdict").getAttribute("data-allowed"), String(capped.allowed));
  for (const f of capped.findings) assert.equal(await page.locator(`#category-result [data-code="${f.code}"]`).count(), 1, f.code);
  await page.screenshot({ path: `${ARTIFACTS}merchant-3-category.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("fees: the preview and the four-platform chart equal previewFees and compareFees", async () => {
  const { page, context, problems } = await open();
  await step(page, 2);
  await page.selectOption("#cat-1", "pets");
  await page.selectOption("#cat-2", "pets.food");
  await page.selectOption("#cat-3", "pets.food.cat");
  await step(page, 3);
  await page.locator("#monthlyGmv").fill("60000");
  await page.getByLabel(/会员系统/).check();
  const input = { platform: "wechat", subject: "individual", categoryId: "pets.food.cat", monthlyGmv: "60000", tools: ["membership"] };
  const preview = xd.previewFees(input);
  assert.equal(await page.locator('#fee-preview [data-fee="deposit"]').textContent(), `¥${preview.deposit.amount}`);
  assert.equal(await page.locator('#fee-preview [data-fee="yearly"]').textContent(), `¥${preview.yearly.total}`);
  assert.equal(await page.locator("table.fees tbody tr").count(), preview.lines.length);
  // The chart compares like for like: each platform without tools (its own tools shown apart).
  const bars = await page.locator("#fee-chart .bar-row").evaluateAll((rs) => rs.map((r) => [r.dataset.platform, r.querySelector('[data-fee="yearly"]').textContent, r.querySelector('[data-fee="deposit"]').textContent]));
  assert.deepEqual(bars, xd.compareFees({ ...input, tools: [] }).map((p) => [p.platform, `¥${p.yearly.total}`, `¥${p.deposit.amount}`]));
  await page.screenshot({ path: `${ARTIFACTS}merchant-4-fees.png`, fullPage: true });

  // A GMV that is not money: parseAmountInput's message next to the field, the chart cleared.
  await page.locator("#monthlyGmv").fill("六万块");
  assert.equal(xd.parseAmountInput("六万块").ok, false);
  assert.equal(await page.locator("#monthlyGmv").getAttribute("aria-invalid"), "true");
  assert.equal(await page.locator("#monthlyGmv-error").textContent(), xd.parseAmountInput("六万块").message);
  assert.equal(await page.locator("#fee-chart .bar-row").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("one listing: findings appear next to their fields and match validateListing", async () => {
  const { page, context, problems } = await open();
  await step(page, 2);
  await page.selectOption("#cat-1", "food");
  await page.selectOption("#cat-2", "food.snacks");
  await page.selectOption("#cat-3", "food.snacks.nuts");
  await step(page, 4);
  // The food category asks for its attributes.
  assert.equal(await page.locator('.field[data-path="attributes.shelfLife"]').count(), 1);
  await page.locator("#l-title").fill("全网最低价 核桃");
  await page.locator("#l-skuId").fill("sku-1");
  await page.locator("#l-price").fill("19.9.0");
  await page.locator("#l-stock").fill("100");
  const listing = { title: "全网最低价 核桃", categoryId: "food.snacks.nuts", subject: "individual", skus: [{ skuId: "sku-1", price: "19.9.0", stock: "100" }], images: [], attributes: {} };
  const report = xd.validateListing(listing, { platform: "wechat", subject: "individual", qualifications: [] });
  assert.equal(await page.locator("#listing-summary").getAttribute("data-errors"), String(report.errors));
  const titleCodes = report.findings.filter((f) => f.path === "title").map((f) => f.code);
  assert.ok(titleCodes.length > 0);
  assert.deepEqual(await page.locator("#l-title-findings li").evaluateAll((ls) => ls.map((l) => l.dataset.code)), titleCodes);
  assert.equal(await page.locator("#l-title").getAttribute("aria-invalid"), "true");
  assert.equal(await page.locator('#l-price-findings [data-code="INVALID_PRICE"]').count(), 1);
  await page.screenshot({ path: `${ARTIFACTS}merchant-5-listing.png`, fullPage: true });

  // Fixing the title clears its findings.
  await page.locator("#l-title").fill("新疆纸皮核桃 500g 薄皮易剥");
  assert.equal(await page.locator("#l-title-findings li").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

/** 10,000 rows: every 7th has a banned word, every 11th a bad price, the rest clean. */
function bigCsv() {
  const good = readFileSync(new URL("../../data/samples/listings.csv", import.meta.url), "utf8").split("\n")[1];
  const head = readFileSync(new URL("../../data/samples/listings.csv", import.meta.url), "utf8").split("\n")[0];
  const rows = [head];
  for (let i = 0; i < 10_000; i++) {
    let row = good.replace("walnut-500", `walnut-${i}`);
    if (i % 7 === 0) row = row.replace("新疆纸皮核桃", "全网最低价核桃");
    if (i % 11 === 0) row = row.replace(",29.90,", ",abc,");
    rows.push(row);
  }
  return rows.join("\n");
}

test("a 10,000-row CSV checks in a worker with progress, filters to errors and downloads findings", async () => {
  const { page, context, problems } = await open();
  await step(page, 4);
  const csv = bigCsv();
  // The wizard passes step 3's context: here an individual who ticked nothing.
  const expected = xd.validateCsv(csv, { platform: "wechat", subject: "individual", qualifications: [] });
  assert.ok(expected.failed > 0);
  let sawProgress = false;
  const watch = page.waitForFunction(() => {
    const p = document.querySelector("#csv-progress");
    return !p.hidden && p.value > 0 && p.value < p.max;
  }, null, { polling: "raf", timeout: 60_000 }).then(() => { sawProgress = true; }, () => {});
  await page.locator("#csv-file").setInputFiles({ name: "listings-10k.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.waitForSelector("body[data-csv-done=true]", { timeout: 60_000 });
  await watch;
  const summary = page.locator("#csv-summary");
  assert.equal(await summary.getAttribute("data-total"), "10000");
  assert.equal(await summary.getAttribute("data-failed"), String(expected.failed));
  assert.equal(await summary.getAttribute("data-errors"), String(expected.errors));
  const ms = Number(await summary.getAttribute("data-ms"));
  console.log(`# 10,000-row CSV in the page: ${ms} ms (file read, decode, validate in a worker, first render)`);
  assert.ok(sawProgress, "the progress bar moved before the end");
  await page.screenshot({ path: `${ARTIFACTS}merchant-6-csv.png`, fullPage: false });

  await page.locator("#only-errors").check();
  const shownRows = page.locator("#csv-table tbody tr");
  assert.equal(await shownRows.count(), Math.min(200, expected.failed));
  assert.equal(await page.locator("#csv-table tbody tr:not(.bad)").count(), 0);
  const firstBad = expected.results.find((r) => !r.ok);
  assert.equal(await shownRows.first().getAttribute("data-row"), String(firstBad.line));
  await page.locator("#more").click();
  assert.equal(await shownRows.count(), Math.min(400, expected.failed));

  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download").click()]);
  const body = readFileSync(await download.path(), "utf8");
  const lines = body.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  assert.equal(lines.length, 1 + expected.errors + expected.warnings + expected.columns.length);
  assert.equal(download.suggestedFilename(), "listings-10k-findings.csv");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the draft survives a reload, and a damaged draft starts afresh with a message", async () => {
  const { page, context, problems } = await open();
  await page.getByLabel("个体工商户").check();
  await step(page, 1);
  await page.locator("#idCard").fill("11010519491231002X");
  await step(page, 3);
  await page.locator("#monthlyGmv").fill("88000");
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await visibleStep(page), "3");
  assert.match(await page.locator("#notice").textContent(), /已恢复/);
  assert.equal(await page.locator("#monthlyGmv").inputValue(), "88000");
  await step(page, 1);
  assert.equal(await page.locator("#idCard").inputValue(), "11010519491231002X");
  assert.equal(await page.locator("#uscc-field").isVisible(), true, "an individual business has a USCC");

  await page.evaluate(() => localStorage.setItem("xiaodian.merchant", "{broken"));
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.match(await page.locator("#notice").textContent(), /已损坏/);
  assert.equal(await visibleStep(page), "0");
  assert.deepEqual(problems, []);
  await context.close();
});

test("mobile width, keyboard only and English", async () => {
  const { page, context, problems } = await open({ width: 375, height: 800 });
  await page.locator("#lang").click();
  assert.equal(await page.locator("#h-subject").textContent(), "Subject");
  for (let n = 0; n < 6; n++) {
    // Keyboard: focus Next and press Enter; every step fits 375 px.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `step ${n}: scrollWidth ${width}`);
    await page.screenshot({ path: `${ARTIFACTS}merchant-7-mobile-step${n + 1}.png`, fullPage: true });
    if (n < 5) {
      await page.locator("#next").focus();
      await page.keyboard.press("Enter");
      assert.equal(await visibleStep(page), String(n + 1));
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});
