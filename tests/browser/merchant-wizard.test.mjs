// Issue 27, point 7: the wizard's step warnings, qualifications carried into listing and CSV
// checks, 对公账户, PROHIBITED_CATEGORY, image files read by the engine, the fee chart's defects,
// the 总结 step (JSON export, one printed page), CSV title/SKU columns, template and category ids.
// Every expectation is computed by the same engine in Node.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { start, ARTIFACTS } from "./harness.mjs";

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
async function pickCategory(page, id) {
  const [a, b] = id.split(".");
  await step(page, 2);
  await page.selectOption("#cat-1", a);
  await page.selectOption("#cat-2", `${a}.${b}`);
  await page.selectOption("#cat-3", id);
}

/** A PNG's first bytes: signature and IHDR with this width and height (no pixels needed). */
function png(width, height) {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "latin1");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8;
  b[25] = 2;
  return b;
}

/** A GIF header (GIF89a, little-endian logical screen size). */
function gif(width, height) {
  const b = Buffer.alloc(13);
  b.write("GIF89a", 0, "latin1");
  b.writeUInt16LE(width, 6);
  b.writeUInt16LE(height, 8);
  return b;
}

test("a step with errors says so in the stepper, and 下一步 warns once before going on", async () => {
  const { page, context, problems } = await open();
  await page.getByLabel("企业").check();
  await page.locator("#next").click();
  await page.locator("#uscc").fill("91350100M000100Y42");
  const li = page.locator("li:has([data-goto='1'])");
  assert.equal(await li.getAttribute("data-problems"), "1");
  assert.match(await li.getAttribute("class"), /error/);
  await page.locator("#next").click();
  assert.equal(await visibleStep(page), "1", "the first press only warns");
  assert.equal(await page.locator("#step-warning").isVisible(), true);
  assert.match(await page.locator("#step-warning").textContent(), /1 个问题/);
  assert.equal(await page.locator("#next").textContent(), "仍然继续");
  await page.screenshot({ path: `${ARTIFACTS}wizard-1-step-warning.png`, fullPage: true });
  await page.locator("#next").click();
  assert.equal(await visibleStep(page), "2", "the second press goes on");
  assert.match(await li.getAttribute("class"), /error/, "a step left with errors is not marked done");
  assert.doesNotMatch(await li.getAttribute("class"), /done/);

  // Fixed: no flag, and 下一步 goes straight on.
  await step(page, 1);
  await page.locator("#uscc").fill("91350100M000100Y43");
  assert.equal(await li.getAttribute("data-problems"), "0");
  await page.locator("#next").click();
  assert.equal(await visibleStep(page), "2");
  assert.doesNotMatch(await li.getAttribute("class"), /done/, "法人身份证 and 对公账户 are still empty");
  await step(page, 1);
  await page.locator("#idCard").fill("11010519491231002X");
  await page.locator("#corporateAccount").fill("11014800040001234567");
  await step(page, 2);
  assert.match(await li.getAttribute("class"), /done/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an enterprise gives a 对公账户 checked as one (20 digits, no Luhn), not a bank card", async () => {
  const { page, context, problems } = await open();
  await page.getByLabel("企业").check();
  await step(page, 1);
  assert.equal(await page.locator("#bankCard-field").isVisible(), false);
  assert.equal(await page.locator("#corporateAccount-field").isVisible(), true);
  const account = "11014800040001234567";
  assert.equal(xd.checkIdentity("bankCard", account).valid, false, "as a bank card it would be refused");
  const expected = xd.checkIdentity("corporateAccount", account);
  assert.equal(expected.valid, true);
  await page.locator("#corporateAccount").fill(account);
  assert.equal(await page.locator("#corporateAccount").getAttribute("aria-invalid"), "false");
  assert.match(await page.locator("#corporateAccount-result").textContent(), new RegExp(`^✓ 格式正确 ${expected.normalized}`));
  const bad = xd.checkIdentity("corporateAccount", "1101-ABC");
  await page.locator("#corporateAccount").fill("1101-ABC");
  assert.equal(await page.locator("#corporateAccount-result").textContent(), `✗ ${bad.message}`);
  // An individual gives a bank card instead.
  await step(page, 0);
  await page.getByLabel("个人").check();
  await step(page, 1);
  assert.equal(await page.locator("#bankCard-field").isVisible(), true);
  assert.equal(await page.locator("#corporateAccount-field").isVisible(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a prohibited category says PROHIBITED_CATEGORY for an enterprise too; a clean one prints no 'null'", async () => {
  const { page, context, problems } = await open();
  await page.getByLabel("企业").check();
  await pickCategory(page, "finance.crypto.token");
  const check = xd.checkCategory({ subject: "enterprise", categoryId: "finance.crypto.token", qualifications: [] });
  assert.ok(check.findings.some((f) => f.code === "PROHIBITED_CATEGORY"));
  assert.equal(await page.locator(".verdict").getAttribute("data-allowed"), "false");
  assert.equal(await page.locator('#category-result p.prohibited[data-code="PROHIBITED_CATEGORY"]').isVisible(), true);
  assert.equal(await page.locator('#category-result li[data-code="PROHIBITED_CATEGORY"]').count(), 1);
  await page.screenshot({ path: `${ARTIFACTS}wizard-2-prohibited.png`, fullPage: true });

  // A category with every qualification ticked: no findings, and no "null" text anywhere.
  await pickCategory(page, "home.kitchen.cookware");
  for (const input of await page.locator("[data-qualification] input").all()) await input.check();
  assert.equal(await page.locator(".verdict").getAttribute("data-allowed"), "true");
  assert.doesNotMatch(await page.locator("#category-result").textContent(), /null|undefined/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("step 3's ticked qualifications reach the listing and CSV checks", async () => {
  const { page, context, problems } = await open();
  await pickCategory(page, "food.snacks.nuts");
  const required = xd.checkCategory({ subject: "individual", categoryId: "food.snacks.nuts", qualifications: [] }).required;
  for (const id of required) await page.locator(`[data-qualification="${id}"] input`).check();
  await step(page, 4);
  await page.locator("#l-title").fill("新疆纸皮核桃 500g 薄皮易剥");
  await page.locator("#l-skuId").fill("sku-1");
  await page.locator("#l-price").fill("29.90");
  await page.locator("#l-stock").fill("100");
  const options = { platform: "wechat", subject: "individual", qualifications: required };
  const listing = { title: "新疆纸皮核桃 500g 薄皮易剥", categoryId: "food.snacks.nuts", subject: "individual", skus: [{ skuId: "sku-1", price: "29.90", stock: "100" }], images: [], attributes: {} };
  const report = xd.validateListing(listing, options);
  const shown = await page.locator("#listing-form li[data-code], #listing-other li[data-code]").evaluateAll((ls) => ls.map((l) => l.dataset.code).sort());
  assert.deepEqual(shown, report.findings.map((f) => f.code).sort());
  assert.ok(!shown.includes("QUALIFICATION_REQUIRED") && !shown.includes("MISSING_QUALIFICATION"), shown.join());

  // 300 rows of nuts: no 此类目需要资质 per row once the licence is ticked.
  const sample = readFileSync(new URL("../../data/samples/listings.csv", import.meta.url), "utf8").split("\n");
  const rows = [sample[0]];
  for (let i = 0; i < 300; i++) rows.push(sample[1].replace("walnut-500", `walnut-${i}`));
  const text = rows.join("\n");
  const expected = xd.validateCsv(text, options);
  const unticked = xd.validateCsv(text);
  assert.ok(unticked.warnings > expected.warnings, "without the ticks every row is reminded");
  await page.locator("#csv-file").setInputFiles({ name: "nuts.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.waitForSelector("body[data-csv-done=true]");
  assert.equal(await page.locator("#csv-summary").getAttribute("data-errors"), String(expected.errors));
  assert.equal(await page.locator("#csv-table").textContent().then((t) => t.includes("此类目需要资质")), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test("CSV results have title and SKU columns in the page's language; template and category ids download", async () => {
  const { page, context, problems } = await open();
  await step(page, 4);
  await page.locator("#lang").click();
  const sample = readFileSync(new URL("../../data/samples/listings.csv", import.meta.url), "utf8");
  await page.locator("#csv-file").setInputFiles({ name: "sample.csv", mimeType: "text/csv", buffer: Buffer.from(sample) });
  await page.waitForSelector("body[data-csv-done=true]");
  const expected = xd.validateCsv(sample, { platform: "wechat", subject: "individual", qualifications: [] });
  assert.deepEqual(await page.locator("#csv-table thead th").allTextContents(), ["Line", "Title", "SKU code", "Status", "Findings"]);
  const firstRow = page.locator("#csv-table tbody tr").first();
  assert.equal(await firstRow.locator("td.title").textContent(), expected.results[0].title);
  assert.equal(await firstRow.locator("td.sku").textContent(), expected.results[0].skuId);
  const bad = expected.results.find((r) => r.findings.length);
  const row = page.locator(`#csv-table tbody tr[data-row="${bad.line}"]`);
  assert.equal(await row.locator("li").first().textContent().then((s) => s.includes(bad.findings[0].messageEn)), true, "English messages");
  assert.doesNotMatch(await page.locator("#csv-table thead").textContent(), /[\u4e00-\u9fff]/u);
  const statuses = await page.locator("#csv-table tbody tr td:nth-child(4)").allTextContents();
  assert.ok(statuses.every((x) => ["pass", "fail", "warnings"].includes(x)), statuses.join());
  await page.screenshot({ path: `${ARTIFACTS}wizard-3-csv-en.png`, fullPage: true });

  const [findings] = await Promise.all([page.waitForEvent("download"), page.locator("#download").click()]);
  const head = readFileSync(await findings.path(), "utf8").replace(/^\uFEFF/, "").split("\r\n")[0];
  assert.equal(head, "line,title,SKU,severity,column,code,message,fix");

  // The template is a CSV the engine reads with no column findings, and its row passes.
  const [template] = await Promise.all([page.waitForEvent("download"), page.locator("#template").click()]);
  const body = readFileSync(await template.path(), "utf8");
  const report = xd.validateCsv(body.replace(/^\uFEFF/, ""));
  assert.deepEqual(report.columns, []);
  assert.equal(report.total, 1);
  assert.equal(report.failed, 0);

  // The category ids: one line per leaf of the engine's tree, with its English path here.
  const [ids] = await Promise.all([page.waitForEvent("download"), page.locator("#category-ids").click()]);
  const lines = readFileSync(await ids.path(), "utf8").replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  const leaves = [];
  const walk = (nodes) => nodes.forEach((n) => (n.children.length ? walk(n.children) : leaves.push(n.id)));
  walk(xd.categoryTree());
  assert.equal(lines.length, 1 + leaves.length);
  assert.equal(lines[0], "Category id,Path");
  assert.ok(lines.some((l) => l.startsWith('"food.snacks.nuts","Food')), lines[1]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("dropped image files are read by inspectImage and checked by validateListing before upload", async () => {
  const { page, context, problems } = await open();
  await pickCategory(page, "home.kitchen.cookware");
  await step(page, 4);
  const files = [
    { name: "small.png", mimeType: "image/png", buffer: png(300, 200) },
    { name: "big.gif", mimeType: "image/gif", buffer: gif(800, 800) },
    { name: "notes.txt", mimeType: "image/png", buffer: Buffer.from("not an image at all") },
  ];
  await page.locator("#image-files").setInputFiles(files);
  await page.waitForSelector('#image-list li[data-image="notes.txt"]');
  const headers = files.map((f) => xd.inspectImage(new Uint8Array(f.buffer)));
  assert.equal(headers[0].format, "png");
  assert.equal(headers[1].width, 800);
  assert.ok(headers[2].finding, "the text file is not an image");
  assert.match(await page.locator('#image-list li[data-image="small.png"]').textContent(), /PNG 300×200/);
  assert.match(await page.locator('#image-list li[data-image="big.gif"]').textContent(), /GIF 800×800/);
  assert.match(await page.locator('#image-list li[data-image="notes.txt"]').textContent(), new RegExp(headers[2].finding.message));

  // What the page uploads: the readable files under their package path, with their headers.
  const images = files.map((f, i) => ({ url: `/images/${f.name}`, ...headers[i] })).filter((x) => x.format);
  assert.equal(images.length, 2);
  const report = xd.validateListing({ title: "", categoryId: "home.kitchen.cookware", subject: "individual", skus: [{ skuId: "sku-1", price: "", stock: "" }], images, attributes: {} },
    { platform: "wechat", subject: "individual", qualifications: [] });
  const imageCodes = report.findings.filter((f) => f.path.startsWith("images")).map((f) => f.code).sort();
  assert.ok(imageCodes.length >= 2, imageCodes.join());
  assert.deepEqual((await page.locator("#l-images-findings li").evaluateAll((ls) => ls.map((l) => l.dataset.code))).sort(), imageCodes);
  await page.screenshot({ path: `${ARTIFACTS}wizard-4-images.png`, fullPage: true });

  // Kept in the draft; removing one re-checks.
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.locator("#image-list li").count(), 3);
  await page.locator('#image-list li[data-image="notes.txt"] button').click();
  assert.equal(await page.locator("#image-list li").count(), 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test("fee chart at 375 px: labels whole and readable, optional tools per platform, orders used, no empty tools box", async () => {
  const { page, context, problems } = await open({ width: 375, height: 800 });
  await page.locator("#lang").click();
  await pickCategory(page, "pets.food.cat");
  await step(page, 3);
  await page.locator("#monthlyGmv").fill("20,000");
  await page.locator("#orderCount").fill("20000");
  const input = { platform: "wechat", subject: "individual", categoryId: "pets.food.cat", monthlyGmv: "20000", orderCount: 20000 };
  const base = xd.compareFees({ ...input, tools: [] });
  const full = xd.compareFees({ ...input, tools: ["livePlugin", "membership"] });
  const rows = page.locator("#fee-chart .bar-row");
  assert.deepEqual(await rows.evaluateAll((rs) => rs.map((r) => r.dataset.platform)), base.map((p) => p.platform));
  for (const p of base) {
    const row = page.locator(`#fee-chart .bar-row[data-platform="${p.platform}"]`);
    assert.equal(await row.locator('[data-fee="yearly"]').textContent(), `¥${p.yearly.total}`);
    assert.equal(await row.locator('[data-fee="deposit"]').textContent(), `¥${p.deposit.amount}`);
    const f = full.find((x) => x.platform === p.platform);
    const hasTools = f.lines.some((l) => l.item.startsWith("tool:") && l.source !== "assumed");
    assert.equal(await row.locator('[data-fee="withTools"]').count(), hasTools ? 1 : 0, p.platform);
    if (hasTools) assert.match(await row.locator('[data-fee="withTools"]').textContent(), new RegExp(`¥${f.yearly.total.replace(".", "\\.")}`));
  }
  // 预计月订单数 reaches the engine: 快手's deposit steps with orders.
  const ks = base.find((p) => p.platform === "kuaishou");
  assert.notEqual(ks.deposit.amount, xd.compareFees({ ...input, orderCount: 0, tools: [] }).find((p) => p.platform === "kuaishou").deposit.amount);
  // The label is whole and the text at least 12 px on a phone.
  const label = page.locator('#fee-chart .bar-row[data-platform="wechat"] .bar-label');
  assert.equal(await label.textContent(), "WeChat Shop (Channels)");
  const box = await label.evaluate((n) => ({ sw: n.scrollWidth, cw: n.clientWidth, right: n.getBoundingClientRect().right, font: parseFloat(getComputedStyle(n).fontSize) }));
  assert.ok(box.sw <= box.cw && box.right <= 375, JSON.stringify(box));
  assert.ok(box.font >= 12, `font ${box.font}px`);
  const small = await page.locator("#fee-chart .bar-value").first().evaluate((n) => parseFloat(getComputedStyle(n).fontSize));
  assert.ok(small >= 12, `value font ${small}px`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 375);
  await page.screenshot({ path: `${ARTIFACTS}wizard-5-chart-375.png`, fullPage: true });

  // 抖音 offers no paid tools: no empty box.
  assert.equal(await page.locator("#tools-box").isVisible(), true);
  await step(page, 0);
  await page.selectOption("#platform", "douyin");
  await step(page, 3);
  assert.equal(await page.locator("#tools-box").isVisible(), false);
  // Full-width digits typed by a person are read by parseAmountInput.
  await page.locator("#monthlyGmv").fill("２００００");
  assert.equal(await page.locator("#monthlyGmv").getAttribute("aria-invalid"), null);
  const dy = xd.previewFees({ ...input, platform: "douyin", tools: [] });
  assert.equal(await page.locator('#fee-preview [data-fee="yearly"]').textContent(), `¥${dy.yearly.total}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("总结: readiness per requirement from the engine, costs, listing results, JSON export, one printed page", async () => {
  const { page, context, problems } = await open();
  await page.getByLabel("企业").check();
  await step(page, 1);
  await page.locator("#uscc").fill("91350100M000100Y43");
  await page.locator("#idCard").fill("11010519491231002X");
  await page.locator("#corporateAccount").fill("11014800040001234567");
  await pickCategory(page, "food.snacks.nuts");
  // The identity step verified 营业执照, 法人身份证 and 对公账户: they count as provided.
  const app = { platform: "wechat", subject: "enterprise", categoryId: "food.snacks.nuts", qualifications: ["businessLicence", "legalPersonId", "corporateAccount"] };
  const check = xd.checkCategory(app);
  const missingOne = check.required.find((id) => check.missing.includes(id));
  for (const id of check.missing.filter((x) => x !== missingOne)) await page.locator(`[data-qualification="${id}"] input`).check();
  await step(page, 3);
  await page.locator("#monthlyGmv").fill("¥30,000");
  await step(page, 5);
  assert.equal(await visibleStep(page), "5");
  const verdicts = await page.locator("#summary-checklist li").evaluateAll((ls) => Object.fromEntries(ls.map((l) => [l.dataset.req, l.dataset.ok])));
  assert.equal(verdicts["identity:uscc"], "true");
  assert.equal(verdicts["identity:idCard"], "true");
  assert.equal(verdicts["identity:corporateAccount"], "true");
  assert.equal(verdicts.category, String(xd.checkCategory({ ...app, qualifications: check.required.filter((x) => x !== missingOne) }).allowed));
  assert.equal(verdicts["qualification:businessLicence"], "true", "verified in step 2");
  assert.equal(verdicts[`qualification:${missingOne}`], "false");
  assert.equal(verdicts.listing, "unknown");
  assert.equal(await page.locator("#readiness").getAttribute("data-ready"), "false");
  const fees = xd.previewFees({ platform: "wechat", subject: "enterprise", categoryId: "food.snacks.nuts", monthlyGmv: "30000", tools: [] });
  assert.equal(await page.locator('[data-sum="yearly"]').textContent(), `¥${fees.yearly.total}`);
  assert.equal(await page.locator('[data-sum="deposit"]').textContent(), `¥${fees.deposit.amount}`);
  await page.screenshot({ path: `${ARTIFACTS}wizard-6-summary.png`, fullPage: true });

  // Tick the last qualification: everything required is ready.
  await step(page, 2);
  await page.locator(`[data-qualification="${missingOne}"] input`).check();
  await step(page, 5);
  assert.equal(await page.locator(`[data-req="qualification:${missingOne}"]`).getAttribute("data-ok"), "true");
  assert.equal(await page.locator("#readiness").getAttribute("data-ready"), "true");

  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export").click()]);
  assert.equal(download.suggestedFilename(), "xiaodian-merchant-summary.json");
  const data = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(data.ready, true);
  assert.deepEqual(data.engine, xd.version());
  assert.equal(data.fees.yearly.total, fees.yearly.total);
  assert.equal(data.answers.corporateAccount, "****************4567", "masked: the page promises 不会上传");
  assert.deepEqual(data.items.map((i) => i.id), await page.locator("#summary-checklist li").evaluateAll((ls) => ls.map((l) => l.dataset.req)));

  // The draft survives a reload: same step, same answers, same verdicts.
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await visibleStep(page), "5");
  assert.equal(await page.locator("#readiness").getAttribute("data-ready"), "true");
  assert.equal(await page.locator('[data-req="identity:corporateAccount"]').getAttribute("data-ok"), "true");
  assert.equal(await page.locator('[data-sum="yearly"]').textContent(), `¥${fees.yearly.total}`);

  // Printed: the summary alone, on one A4 page.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".stepper").isVisible(), false);
  assert.equal(await page.locator("#export").isVisible(), false);
  await page.screenshot({ path: `${ARTIFACTS}wizard-7-summary-print.png`, fullPage: true });
  const pdf = await page.pdf({ format: "A4" });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, `printed pages: ${pages}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the wizard at 375 px: every step fits, the summary included", async () => {
  const { page, context, problems } = await open({ width: 375, height: 800 });
  await pickCategory(page, "food.snacks.nuts");
  for (let n = 0; n < 6; n++) {
    await step(page, n);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `step ${n}: scrollWidth ${width}`);
    await page.screenshot({ path: `${ARTIFACTS}wizard-8-mobile-step${n + 1}.png`, fullPage: true });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

// Wave-3 defects: identity verified in step 2 counts in step 3, honest step tabs, amounts checked
// as typed, the bundled template passes, English strings, masked export.
const ENTERPRISE = { uscc: "91350100M000100Y43", idCard: "11010519491231002X", corporateAccount: "11014800040001234567" };

test("identity numbers verified in step 2 count as 营业执照 / 法人身份证 / 对公账户 in step 3 and the summary", async () => {
  const { page, context, problems } = await open();
  await page.getByLabel("企业").check();
  await step(page, 1);
  for (const [id, v] of Object.entries(ENTERPRISE)) await page.locator(`#${id}`).fill(v);
  await pickCategory(page, "food.snacks.nuts");
  const expected = xd.checkCategory({ platform: "wechat", subject: "enterprise", categoryId: "food.snacks.nuts",
    qualifications: ["businessLicence", "legalPersonId", "corporateAccount"] });
  for (const id of ["businessLicence", "legalPersonId", "corporateAccount"]) {
    assert.equal(expected.missing.includes(id), false);
    const row = page.locator(`[data-qualification="${id}"]`);
    assert.equal(await row.getAttribute("class"), "have", `${id} is provided`);
    assert.equal(await row.getAttribute("data-verified"), "true");
    assert.match(await row.textContent(), /✓（已在身份信息中核验）/);
  }
  assert.equal(await page.locator("[data-qualification].missing").count(), expected.missing.length);
  await step(page, 5);
  assert.equal(await page.locator('[data-req="qualification:legalPersonId"]').getAttribute("data-ok"), "true");
  assert.equal(await page.locator('[data-req="qualification:foodBusinessLicence"]').getAttribute("data-ok"), "false");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a fresh visit: no step tab is done until its inputs are filled and the engine finds no error", async () => {
  const { page, context } = await open();
  await step(page, 3);
  for (const n of [0, 1, 2, 4]) {
    assert.doesNotMatch(await page.locator(`li:has([data-goto='${n}'])`).getAttribute("class"), /done/, `step ${n + 1}`);
  }
  await step(page, 0);
  await page.locator("#next").click();
  await step(page, 3);
  assert.match(await page.locator("li:has([data-goto='0'])").getAttribute("class"), /done/);
  assert.doesNotMatch(await page.locator("li:has([data-goto='1'])").getAttribute("class"), /done/);
  await context.close();
});

test("月销售额 is checked by parseAmountInput as typed, before any category is chosen", async () => {
  const { page, context } = await open();
  await step(page, 3);
  for (const v of ["abc", "-5", "20000.555"]) {
    const r = xd.parseAmountInput(v);
    assert.equal(r.ok, false);
    await page.locator("#monthlyGmv").fill(v);
    assert.equal(await page.locator("#monthlyGmv").getAttribute("aria-invalid"), "true", v);
    assert.equal(await page.locator("#monthlyGmv-error").textContent(), r.message, v);
    assert.equal(await page.locator("li:has([data-goto='3'])").getAttribute("data-problems"), "1");
  }
  await page.locator("#monthlyGmv").fill("20,000");
  assert.equal(await page.locator("#monthlyGmv-error").textContent(), "");
  await context.close();
});

test("the bundled CSV template passes its own check with the wizard's defaults", async () => {
  const text = readFileSync(new URL("../../www/listing-template.csv", import.meta.url), "utf8");
  const node = xd.validateCsv(text, { platform: "wechat", subject: "individual", qualifications: [] });
  assert.equal(node.total, 1);
  assert.equal(node.errors, 0, JSON.stringify(node.results[0].findings));
  const { page, context } = await open();
  await step(page, 4);
  await page.locator("#csv-file").setInputFiles(new URL("../../www/listing-template.csv", import.meta.url).pathname);
  await page.waitForSelector("body[data-csv-done=true]");
  assert.equal(await page.locator("#csv-summary").getAttribute("data-errors"), "0");
  assert.equal(await page.locator("#csv-summary").getAttribute("data-failed"), "0");
  await context.close();
});

test("English summary: ASCII colon, '1 row'; the JSON export masks ID and account numbers", async () => {
  const { page, context } = await open();
  await page.getByLabel("企业").check();
  await step(page, 1);
  for (const [id, v] of Object.entries(ENTERPRISE)) await page.locator(`#${id}`).fill(v);
  await pickCategory(page, "food.snacks.nuts");
  await step(page, 4);
  await page.locator("#csv-file").setInputFiles(new URL("../../www/listing-template.csv", import.meta.url).pathname);
  await page.waitForSelector("body[data-csv-done=true]");
  await step(page, 5);
  await page.locator("#lang").click();
  const summaryText = await page.locator("section[data-step='5']").textContent();
  assert.doesNotMatch(summaryText, /：/, "no full-width colon in English");
  assert.match(summaryText, /Qualification: /);
  assert.match(summaryText, /\b1 row\b/);
  assert.doesNotMatch(summaryText, /\b1 rows\b/);
  const [dl] = await Promise.all([page.waitForEvent("download"), page.locator("#export").click()]);
  const json = readFileSync(await dl.path(), "utf8");
  assert.equal(json.includes(ENTERPRISE.idCard), false, "no full ID card number");
  assert.equal(json.includes(ENTERPRISE.corporateAccount), false, "no full corporate account");
  const data = JSON.parse(json);
  assert.equal(data.answers.idCard, "**************002X");
  assert.equal(data.answers.corporateAccount, "****************4567");
  assert.equal(data.answers.uscc, ENTERPRISE.uscc);
  assert.deepEqual(data.masked, ["idCard", "bankCard", "corporateAccount"]);
  assert.match(await page.locator("section[data-step='5']").textContent(), /last 4 digits/);
  await context.close();
});
