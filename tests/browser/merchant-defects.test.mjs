// Session 8's fresh-eyes defects on the merchant wizard: a broken CSV row, stale CSV results
// while a new file is checked, English paths in the findings CSV's 列, the listing form's
// amounts, counts, SKU and dates, full ID and card numbers on the 总结 step, and the small
// things (企业's product cap, half-width brackets, a UTC export stamp, the restored notice in
// EN). Every expectation is computed by the same engine in Node.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { start } from "./harness.mjs";

const xd = createRequire(import.meta.url)("../../pkg/node/xiaodian.js");
const WIZARD = { platform: "wechat", subject: "individual", qualifications: [] };

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

async function open() {
  const s = await h.page();
  await s.page.goto(`${h.base}/merchant.html`);
  await s.page.waitForSelector("body[data-ready=true]");
  return s;
}
const step = (page, n) => page.locator(`[data-goto="${n}"]`).click();
const csvFile = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
async function dropCsv(page, name, text) {
  await page.locator("#csv-file").setInputFiles(csvFile(name, text));
  await page.waitForSelector("body[data-csv-done=true]");
}

// Header + 3 data rows; row 2's title opens a quote that never closes.
const BAD = "商品标题,类目,售价,库存,SKU编码,图片,颜色\n最好的普洱茶饼,food.tea.puer,12.345,5,a1,x.jpg\n" +
  "\"未闭合引号,food.tea.puer,10,1,a2,y.jpg\n好茶只一饭装,food.tea.nope,-3,abc,a3,\n";

test("a broken CSV row is MALFORMED_ROW only, and the rows after it are read", async () => {
  const expected = xd.validateCsv(BAD, WIZARD);
  assert.equal(expected.total, 3);
  const { page, context, problems } = await open();
  await step(page, 4);
  await dropCsv(page, "bad.csv", BAD);
  assert.equal(await page.locator("#csv-summary").getAttribute("data-total"), "3");
  assert.match(await page.locator("#csv-summary").textContent(), /3 行/);
  const broken = page.locator('#csv-table tbody tr[data-row="3"]');
  assert.deepEqual(await broken.locator("li").evaluateAll((ls) => ls.map((l) => l.dataset.code)), ["MALFORMED_ROW"]);
  assert.match(await broken.textContent(), /引号未闭合/);
  const after = page.locator('#csv-table tbody tr[data-row="4"]');
  assert.equal(await after.locator("td.title").textContent(), "好茶只一饭装");
  assert.equal(await after.locator("td.sku").textContent(), "a3");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a new CSV check clears the previous file's results at once, also across a language switch", async () => {
  const sample = readFileSync(new URL("../../data/samples/listings.csv", import.meta.url), "utf8");
  const lines = sample.trimEnd().split("\n");
  // Rows 1–7 of the sample are one line each (row 8's description spans lines).
  const big = [lines[0], ...Array.from({ length: 20000 }, (_, i) => lines[1 + (i % 7)])].join("\n");
  const { page, context, problems } = await open();
  await step(page, 4);
  await dropCsv(page, "listings.csv", sample);
  assert.ok((await page.locator("#csv-table tbody tr").count()) > 0);
  await page.locator("#csv-file").setInputFiles(csvFile("big.csv", big));
  // Before: the old rows stayed in the table (hidden, and shown again by the EN switch or the
  // filter) until the new file was done.
  const stale = () => page.evaluate(() => ({
    done: document.body.dataset.csvDone === "true",
    rows: document.querySelectorAll("#csv-table tbody tr").length,
    hidden: document.querySelector("#csv-results").hidden,
  }));
  let s = await stale();
  assert.ok(s.done || (s.rows === 0 && s.hidden), JSON.stringify(s));
  await page.locator("#lang").click();
  await page.locator("#only-errors").dispatchEvent("change");
  s = await stale();
  assert.ok(s.done || (s.rows === 0 && s.hidden), `after EN and the filter: ${JSON.stringify(s)}`);
  await page.waitForSelector("body[data-csv-done=true]", { timeout: 120000 });
  assert.equal(await page.locator("#csv-summary").getAttribute("data-total"), "20000");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the findings CSV's 列 is the engine's column label, never a listing path", async () => {
  // No 产品标准号 column: its MISSING_ATTRIBUTE used to say attributes.productStandard.
  const text = "商品标题,类目,售价,库存,SKU编码,图片\n云南普洱熟茶饼 357克,food.tea.puer,98,10,p1,https://i/a.jpg\n";
  const report = xd.validateCsv(text, WIZARD);
  const expected = report.results[0].findings.map((f) => f.column);
  assert.ok(expected.includes("产品标准号"), expected.join());
  const { page, context } = await open();
  await step(page, 4);
  await dropCsv(page, "tea.csv", text);
  const [dl] = await Promise.all([page.waitForEvent("download"), page.locator("#download").click()]);
  const rows = readFileSync(await dl.path(), "utf8").replace(/^\uFEFF/, "").trimEnd().split("\r\n").slice(1);
  // Every field is quoted by csvQuote: the 5th quoted field of each line.
  const columns = rows.map((r) => [...r.matchAll(/"((?:[^"]|"")*)"/g)][4][1].replaceAll('""', '"'));
  assert.deepEqual(columns, expected);
  for (const c of columns) assert.doesNotMatch(c, /^[a-z]|\./, c);
  await context.close();
});

test("the listing form: an empty SKU 编码 is flagged, amounts and counts follow one rule, 2026-02-30 is not a real date", async () => {
  const { page, context } = await open();
  await page.locator("#next").click();
  await page.locator("#next").click();
  await step(page, 2);
  await page.selectOption("#cat-1", "food");
  await page.selectOption("#cat-2", "food.tea");
  await page.selectOption("#cat-3", "food.tea.puer");
  await step(page, 4);
  const findings = (key) => page.locator(`#l-${key}-findings li`).evaluateAll((ls) => ls.map((l) => l.dataset.code));
  await page.locator("#l-title").fill("云南普洱熟茶饼 357克");
  assert.deepEqual(await findings("skuId"), ["MISSING_SKU_ID"], "empty, like the empty price and stock");
  await page.locator("#l-skuId").fill("puer-357");
  assert.deepEqual(await findings("skuId"), []);
  for (const price of ["¥12", "12元", "１２.５", "12,000.00"]) {
    await page.locator("#l-price").fill(price);
    assert.ok(!(await findings("price")).includes("INVALID_PRICE"), price);
  }
  await page.locator("#l-price").fill("12块");
  assert.deepEqual(await findings("price"), ["INVALID_PRICE"]);
  await page.locator("#l-price").fill("12");
  for (const stock of ["20,000", "２００００"]) {
    await page.locator("#l-stock").fill(stock);
    assert.ok(!(await findings("stock")).includes("INVALID_STOCK"), stock);
  }
  await page.locator("#l-stock").fill("2,00");
  assert.deepEqual(await findings("stock"), ["INVALID_STOCK"]);
  const date = page.locator("#l-attributes\\.productionDate");
  await date.fill("2026-02-30");
  const said = await page.locator("#l-attributes\\.productionDate-findings li").textContent();
  assert.match(said, /不是真实存在的日期/);
  assert.doesNotMatch(said, /应为 YYYY-MM-DD/);
  await context.close();
});

const PERSON = { idCard: "110101199003074258", bankCard: "6217000010001234569" };

test("总结 shows personal numbers as the engine masks them, on screen, in print and in the export", async () => {
  for (const [kind, v] of Object.entries(PERSON)) assert.equal(xd.checkIdentity(kind, v).valid, true, kind);
  const { page, context } = await open();
  await page.locator("#next").click();
  for (const [id, v] of Object.entries(PERSON)) await page.locator(`#${id}`).fill(v);
  await step(page, 5);
  const screen = await page.locator("section[data-step='5']").innerText();
  for (const [kind, v] of Object.entries(PERSON)) {
    assert.equal(screen.includes(v), false, `no full ${kind} on screen`);
    assert.ok(screen.includes(xd.checkIdentity(kind, v).masked), `${kind} masked`);
  }
  await page.emulateMedia({ media: "print" });
  const printed = await page.locator("body").innerText();
  for (const v of Object.values(PERSON)) assert.equal(printed.includes(v), false, "nor in print");
  await page.emulateMedia({ media: "screen" });
  const [dl] = await Promise.all([page.waitForEvent("download"), page.locator("#export").click()]);
  const data = JSON.parse(readFileSync(await dl.path(), "utf8"));
  assert.equal(data.answers.idCard, "**************4258");
  assert.equal(data.answers.bankCard, "***************4569");
  assert.match(data.generatedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+08:00$/, "stamped in +08:00 like the rest");
  await context.close();
});

test("企业 shows 不限 for the product cap; Chinese asides use full-width brackets; the restored notice follows EN", async () => {
  const { page, context } = await open();
  const enterprise = page.locator("label.choice", { hasText: "企业" });
  assert.match(await enterprise.textContent(), /商品数上限 不限/);
  assert.doesNotMatch(await page.locator("#subjects").textContent(), /—/);
  await page.getByLabel("企业").check();
  await step(page, 1);
  await page.locator("#uscc").fill("91350100M000100Y43");
  await page.locator("#idCard").fill("11010519491231002X");
  await page.locator("#corporateAccount").fill("11014800040001234567");
  await step(page, 2);
  await page.selectOption("#cat-1", "food");
  await page.selectOption("#cat-2", "food.snacks");
  await page.selectOption("#cat-3", "food.snacks.nuts");
  const verified = await page.locator('[data-verified="true"]').first().textContent();
  assert.match(verified, /✓（已在身份信息中核验）/);
  assert.match(await page.locator("#category-result").textContent(), /（缺少）/);
  await step(page, 3);
  const fee = await page.locator("#fee-preview p").first().textContent();
  assert.match(fee, /结算 T\+\d+（/);
  assert.doesNotMatch(fee, /[\u4e00-\u9fff\w] \(/u, "no half-width bracket in Chinese");
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.locator("#notice").textContent(), "已恢复上次填写的内容。");
  await page.locator("#lang").click();
  assert.equal(await page.locator("#notice").textContent(), "Your previous answers were restored.");
  assert.match(await page.locator("#fee-preview p").first().textContent(), /Settlement T\+\d+ \(/);
  await page.locator("#lang").click();
  assert.equal(await page.locator("#notice").textContent(), "已恢复上次填写的内容。");
  await context.close();
});
