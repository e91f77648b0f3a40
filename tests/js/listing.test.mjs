// Listing validation, CSV, identity checks and the command-line validator, through WASM.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { xd, throwsCode } from "./helpers.mjs";

const good = {
  title: "手工青瓷品茗杯 单只装",
  categoryId: "home.kitchen.cups",
  price: "25.00",
  skus: [{ skuId: "cup-1", price: "25.00", stock: 100 }],
  images: ["https://i/1.jpg", "https://i/2.jpg", "https://i/3.jpg"],
  attributes: {},
};
const codes = (r) => r.findings.map((f) => f.code);

test("a clean listing passes; each finding has code, severity, path, messages and a fix", () => {
  const ok = xd.validateListing(good);
  assert.deepEqual([ok.ok, ok.findings], [true, []]);
  const bad = xd.validateListing({ ...good, title: "最佳青瓷杯 全网最低价", skus: [{ skuId: "a", price: "10", marketPrice: "5", stock: 20000 }] });
  assert.equal(bad.ok, false);
  for (const f of bad.findings) {
    assert.ok(f.code && f.path && f.message && f.messageEn, JSON.stringify(f));
    assert.ok(["error", "warning"].includes(f.severity));
  }
  assert.deepEqual(codes(bad).sort(), ["BANNED_WORD", "BANNED_WORD", "MARKET_PRICE_BELOW_PRICE", "STOCK_VALUE_TOO_HIGH"]);
  assert.ok(bad.findings.find((f) => f.code === "STOCK_VALUE_TOO_HIGH").fix);
});

test("title: length, valid characters, charset, Latin-only", () => {
  assert.ok(codes(xd.validateListing({ ...good, title: "青瓷杯" })).includes("TITLE_TOO_SHORT"));
  assert.ok(codes(xd.validateListing({ ...good, title: "TEA CUP 2024" })).includes("TITLE_ONLY_LATIN_OR_DIGITS"));
  assert.ok(codes(xd.validateListing({ ...good, title: "青".repeat(61) })).includes("TITLE_TOO_LONG"));
  assert.ok(codes(xd.validateListing({ ...good, title: "青瓷品茗杯★限量" })).includes("TITLE_ILLEGAL_CHARACTER"));
  assert.ok(codes(xd.validateListing({ ...good, title: "杯子 杯子 杯子 青瓷" })).includes("KEYWORD_STUFFING"));
});

test("category, attributes, books, cosmetics, food dates, images", () => {
  assert.ok(codes(xd.validateListing({ ...good, categoryId: "home.kitchen" })).includes("CATEGORY_NOT_LEAF"));
  const book = xd.validateListing({ ...good, title: "唐诗三百首 精装版本", categoryId: "books.literature.poetry", attributes: { isbn: "9787020002207", guidePrice: "68" }, skus: [{ skuId: "b", price: "30", stock: 5 }] });
  assert.ok(codes(book).includes("PRICE_BELOW_GUIDE_FLOOR"));
  assert.ok(!codes(book).includes("INVALID_ISBN"));
  assert.ok(codes(xd.validateListing({ ...good, title: "保湿面霜 50ml", categoryId: "beauty.skincare.cream", attributes: { ingredients: "水" } })).includes("INGREDIENTS_INCOMPLETE"));
  const food = { ...good, title: "新疆纸皮核桃 500克", categoryId: "food.snacks.nuts", images: ["/img/a.jpg", "/img/b.jpg", "/img/c.jpg", "/img/d.jpg"], attributes: { productStandard: "GB/T 20398", origin: "新疆", shelfLife: "180天" } };
  const opts = { now: "2026-11-23T10:00:00+08:00" };
  assert.ok(codes(xd.validateListing({ ...food, attributes: { ...food.attributes, productionDate: "2026-01-01" } }, opts)).includes("EXPIRED"));
  assert.ok(codes(xd.validateListing({ ...food, attributes: { ...food.attributes, productionDate: "2026-12-24" } }, opts)).includes("PRODUCTION_DATE_IN_FUTURE"));
  assert.ok(!xd.validateListing({ ...food, attributes: { ...food.attributes, productionDate: "2026-11-20" } }, opts).findings.some((f) => f.severity === "error"));
  assert.ok(codes(xd.validateListing({ ...good, images: ["a", "a", "b"] })).includes("DUPLICATE_IMAGE"));
  assert.ok(codes(xd.validateListing({ ...good, categoryId: "food.snacks.nuts" })).includes("TOO_FEW_IMAGES"));
});

test("malformed values are findings, not exceptions; a bad platform is an error", () => {
  const r = xd.validateListing({ ...good, skus: [{ skuId: "a", price: "12.345", stock: "lots" }] });
  assert.deepEqual(codes(r).sort(), ["INVALID_PRICE", "INVALID_STOCK"]);
  throwsCode(() => xd.validateListing(good, { platform: "tmall" }), "UNKNOWN_PLATFORM", "options.platform");
});

test("validateListings reports progress and keeps going past bad rows", () => {
  const listings = [good, 42, { ...good, price: "abc" }, null, good];
  const calls = [];
  const r = xd.validateListings(listings, (done, total) => calls.push([done, total]));
  assert.deepEqual([r.total, r.ok, r.failed], [5, 2, 3]);
  assert.equal(r.results[1].findings[0].code, "UNREADABLE_LISTING");
  assert.deepEqual(calls.at(-1), [5, 5]);
  throwsCode(() => xd.validateListings("nope"), "INVALID_INPUT", "listings");
});

test("validateCsv: Chinese headers, quotes, BOM, CRLF, per-column findings, 10,000 rows with progress", () => {
  const csv = "\ufeff商品标题,类目,售价,库存,图片\r\n\"青瓷杯, 特价\",home.kitchen.cups,25,10,/img/a.jpg|/img/b.jpg|/img/c.jpg\r\n最好的杯子啊,home.kitchen.cups,-3,10,/img/a.jpg|/img/b.jpg|/img/c.jpg\r\n";
  const r = xd.validateCsv(csv);
  assert.deepEqual([r.total, r.ok], [2, 1]);
  const second = r.results[1];
  assert.deepEqual([second.row, second.line], [2, 3]);
  // path is the listing's; column the CSV header the merchant looks for.
  assert.ok(second.findings.some((f) => f.code === "INVALID_PRICE" && f.path === "skus[0].price" && f.column === "售价"));
  assert.ok(second.findings.some((f) => f.code === "BANNED_WORD" && f.path === "title" && f.column === "商品标题"));
  let text = "title,categoryId,price,stock,images\n";
  for (let i = 0; i < 10000; i++) text += `青瓷品茗杯 第${i}号,home.kitchen.cups,${(10 + (i % 90)).toFixed(2)},${i % 7 === 0 ? "x" : i % 40},/img/a.jpg|/img/b.jpg|/img/c.jpg\n`;
  const calls = [];
  const big = xd.validateCsv(text, {}, (d, t) => calls.push(d));
  assert.equal(big.total, 10000);
  assert.equal(big.failed, Math.ceil(10000 / 7));
  assert.ok(calls.length >= 10 && calls.at(-1) === 10000, `progress calls: ${calls.length}`);
  throwsCode(() => xd.validateCsv(42), "INVALID_INPUT", "text");
});

test("checkIdentity: USCC, ID card, bank card", () => {
  assert.equal(xd.checkIdentity("uscc", "91350100M000100Y43").valid, true);
  assert.equal(xd.checkIdentity("uscc", "91350100M000100Y40").code, "CHECKSUM");
  const id = xd.checkIdentity("idCard", "11010519491231002x");
  assert.deepEqual([id.valid, id.birthDate], [true, "1949-12-31"]);
  assert.equal(xd.checkIdentity("idCard", "11010520991231002X").code, "BIRTH_DATE");
  assert.equal(xd.checkIdentity("idCard", "00010519491231002X").code, "PROVINCE");
  assert.equal(xd.checkIdentity("bankCard", "6222 0202 0000 0000 006").valid, true);
  assert.equal(xd.checkIdentity("bankCard", "6222020200000000007").code, "CHECKSUM");
  assert.equal(xd.checkIdentity("bankCard", "1234").code, "LENGTH");
  assert.equal(xd.checkIdentity("idCard", 110105194912310020).code, "FORMAT");
  throwsCode(() => xd.checkIdentity("passport", "E123"), "INVALID_INPUT", "kind");
});

test("bin/validate.mjs: table, --json, exit codes, progress on stderr, GB18030 files", (t) => {
  const cli = (...args) => spawnSync(process.execPath, ["bin/validate.mjs", ...args], { encoding: "utf8", env: { ...process.env, XD_PROGRESS: "1" } });
  const sample = cli("data/samples/listings.csv");
  assert.equal(sample.status, 1);
  assert.match(sample.stdout, /PRICE_BELOW_GUIDE_FLOOR/);
  assert.match(sample.stdout, /共 8 行：2 行通过，6 行有错误/);
  const json = cli("data/samples/listings.csv", "--json");
  assert.equal(JSON.parse(json.stdout).total, 8);
  const dir = mkdtempSync(join(tmpdir(), "xd-cli-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const clean = join(dir, "clean.csv");
  writeFileSync(clean, "商品标题,类目,售价,库存,图片\n青瓷品茗杯 单只装,home.kitchen.cups,25,10,/img/a.jpg|/img/b.jpg|/img/c.jpg\n");
  assert.equal(cli(clean).status, 0);
  let big = "title,categoryId,price,stock,images\n";
  for (let i = 0; i < 3000; i++) big += `青瓷品茗杯 第${i}号,home.kitchen.cups,25,10,/img/a.jpg|/img/b.jpg|/img/c.jpg\n`;
  writeFileSync(join(dir, "big.csv"), big);
  const run = cli(join(dir, "big.csv"), "--lang", "en");
  assert.equal(run.status, 0);
  assert.match(run.stderr, /100% 3000\/3000/);
  assert.match(run.stdout, /3000 rows: 3000 ok/);
  // A GB18030 file: "青瓷" encoded by hand.
  const gb = Buffer.concat([Buffer.from("title,categoryId,price,stock,images\n"), Buffer.from([0xc7, 0xe0, 0xb4, 0xc9]), Buffer.from(" cup set A,home.kitchen.cups,25,10,/img/a.jpg|/img/b.jpg|/img/c.jpg\n")]);
  writeFileSync(join(dir, "gb.csv"), gb);
  const g = cli(join(dir, "gb.csv"), "--json");
  assert.equal(g.status, 0, g.stdout + g.stderr);
  assert.equal(JSON.parse(g.stdout).ok, 1);
  assert.equal(cli("no-such-file.csv").status, 2);
  assert.equal(cli().status, 2);
  assert.ok(readFileSync("data/samples/listings.csv", "utf8").includes("新疆纸皮核桃"));
});

test("issue 27: 划线价 below the SKU price, image addresses, disease claims, absolute terms in disguise", () => {
  const r = xd.validateListing({ ...good, price: undefined, marketPrice: "99", skus: [{ skuId: "a", price: "128", stock: 10 }] });
  assert.ok(codes(r).includes("MARKET_PRICE_BELOW_PRICE"));
  const img = xd.validateListing({ ...good, images: ["not-a-url", "/images/2.png", "https://i/3.webp"] });
  assert.deepEqual(img.findings.map((f) => [f.code, f.path]), [["IMAGE_NOT_URL", "images[0]"], ["IMAGE_FORMAT_NOT_ALLOWED", "images[2]"]]);
  const tea = xd.validateListing({ ...good, title: "桂花乌龙茶 袋泡", categoryId: "food.tea.scented", description: "治疗失眠 降血压",
    images: ["/i/1.jpg", "/i/2.jpg", "/i/3.jpg", "/i/4.jpg"] });
  assert.equal(tea.findings.filter((f) => f.code === "MEDICAL_CLAIM").length, 2);
  for (const title of ["No.1 青瓷品茗杯", "ＮＯ．１青瓷品茗杯", "TOP1 青瓷品茗杯", "青瓷品茗杯 第 一", "全·网·最·低 青瓷品茗杯"]) {
    assert.ok(codes(xd.validateListing({ ...good, title })).includes("BANNED_WORD"), title);
  }
  assert.ok(!codes(xd.validateListing({ ...good, title: "青瓷品茗杯 TOP10 款" })).includes("BANNED_WORD"));
  const stock = xd.validateListing({ ...good, skus: [{ skuId: "a", price: "25", stock: 5000 }] }).findings.find((f) => f.code === "STOCK_VALUE_TOO_HIGH");
  assert.equal(stock.source, "wechat-shop-guide");
});

test("issue 27: held qualifications reach validateListings and validateCsv", () => {
  const tea = { ...good, title: "福鼎白茶 寿眉 茶饼", categoryId: "food.tea.green", images: ["/i/1.jpg", "/i/2.jpg", "/i/3.jpg", "/i/4.jpg"] };
  const none = xd.validateListings([tea, tea]);
  assert.ok(none.results.every((r) => r.findings.some((f) => f.code === "QUALIFICATION_REQUIRED")));
  const options = { subject: "enterprise", qualifications: ["foodBusinessLicence", "foodProductionLicence", "qualityReport"] };
  const held = xd.validateListings([tea, tea], undefined, options);
  assert.ok(held.results.every((r) => !r.findings.some((f) => /QUALIFICATION/.test(f.code))));
  const csv = "商品标题,类目,售价,库存,图片\n福鼎白茶 寿眉 茶饼,food.tea.green,99,10,/i/1.jpg|/i/2.jpg|/i/3.jpg|/i/4.jpg\n";
  assert.ok(xd.validateCsv(csv).results[0].findings.some((f) => f.code === "QUALIFICATION_REQUIRED"));
  assert.ok(!xd.validateCsv(csv, options).results[0].findings.some((f) => /QUALIFICATION/.test(f.code)));
});

test("issue 27: suggestCategory and CATEGORY_MISMATCH on the title corpus", () => {
  const corpus = JSON.parse(readFileSync(new URL("../fixtures/titles.json", import.meta.url), "utf8"));
  let top1 = 0;
  let top3 = 0;
  for (const { title, categoryId } of corpus) {
    const s = xd.suggestCategory(title);
    if (s[0]?.categoryId === categoryId) top1++;
    if (s.slice(0, 3).some((x) => x.categoryId === categoryId)) top3++;
  }
  console.log(`suggestCategory (wasm): ${corpus.length} titles, top-1 ${((100 * top1) / corpus.length).toFixed(1)} %, top-3 ${((100 * top3) / corpus.length).toFixed(1)} %`);
  assert.ok(top1 / corpus.length >= 0.85 && top3 / corpus.length >= 0.93);
  const [best] = xd.suggestCategory("华为 Mate 60 Pro 智能手机");
  assert.deepEqual(Object.keys(best).sort(), ["categoryId", "path", "pathEn", "score"]);
  assert.deepEqual(best.path, ["数码", "手机", "智能手机"]);
  const r = xd.validateListing({ ...good, title: "华为 Mate 60 Pro 5G 智能手机" });
  assert.equal(r.findings.find((f) => f.code === "CATEGORY_MISMATCH")?.severity, "warning");
});

test("issue 27: inspectImage reads headers of PNG, JPEG, GIF and WebP; hostile bytes never throw", () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 3, 0x20, 0, 0, 2, 0x58, 8, 6, 0, 0, 0]);
  assert.deepEqual(xd.inspectImage(png), { format: "png", width: 800, height: 600, bytes: 29 });
  assert.deepEqual(xd.inspectImage(png.buffer), { format: "png", width: 800, height: 600, bytes: 29 });
  const gif = new TextEncoder().encode("GIF89a\u0001\u0000\u0001\u0000");
  assert.equal(xd.inspectImage(gif).format, "gif");
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 0x04, 0x38, 0x07, 0x80, 3]);
  assert.deepEqual([xd.inspectImage(jpeg).width, xd.inspectImage(jpeg).height], [1920, 1080]);
  const webp = Uint8Array.from([...new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8X"), 10, 0, 0, 0, 0, 0, 0, 0, 0x1f, 3, 0, 0x57, 2, 0]);
  assert.deepEqual([xd.inspectImage(webp).format, xd.inspectImage(webp).width], ["webp", 800]);
  assert.equal(xd.inspectImage(new TextEncoder().encode("hello")).finding.code, "UNREADABLE_IMAGE");
  let seed = 7;
  for (let i = 0; i < 3000; i++) {
    const head = [png, jpeg, webp, gif][i % 4];
    const bytes = Uint8Array.from({ length: (i * 7) % 80 }, (_, k) => (k < head.length && i % 3 ? head[k] : (seed = (seed * 1103515245 + 12345) & 0xff)));
    const r = xd.inspectImage(bytes);
    assert.equal(typeof r.bytes, "number");
  }
  assert.throws(() => xd.inspectImage("not bytes"), (e) => e.code === "INVALID_INPUT");
});
