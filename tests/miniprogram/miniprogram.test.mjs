// The engine as a WeChat mini-program loads it: through WXWebAssembly with a Brotli .wasm.br from
// the package, without TextEncoder/TextDecoder, via www/miniprogram/xiaodian/index.js. Results
// must equal the Node build's (pkg/node, the same Rust) on the same inputs.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { installRuntime, calls, ROOT, tap, input } from "./harness.mjs";

const require = createRequire(import.meta.url);
// The reference: loaded while Node still has TextEncoder/TextDecoder.
const node = require("../../pkg/node/xiaodian.js");
const NOW = "2026-11-11T20:30:00+08:00";

let runtime;
let mp; // the main package's engine: the shopper's module
let merchant; // the merchant sub-package's: the full module
before(async () => {
  runtime = installRuntime();
  const app = runtime.launch();
  mp = require(`${ROOT}xiaodian/index.js`);
  await app.engine;
  merchant = require(`${ROOT}merchant/xiaodian/index.js`);
});

/** The same call on both builds: equal results, or equal errors (code, path, messages). */
function same(name, ...args) {
  return sameOn(mp, name, ...args);
}

function sameOn(engine, name, ...args) {
  const run = (xd) => {
    try {
      return { ok: xd[name](...structuredClone(args)) };
    } catch (e) {
      return { error: { code: e.code, path: e.path, message: e.message, messageEn: e.messageEn, isError: e instanceof Error } };
    }
  };
  const [a, b] = [run(engine), run(node)];
  assert.deepEqual(a, b, `${name}(${JSON.stringify(args).slice(0, 120)})`);
  return a;
}

test("loads through WXWebAssembly from the package's .wasm.br, without TextEncoder/TextDecoder", async () => {
  assert.equal(typeof globalThis.TextEncoder, "undefined");
  assert.equal(typeof globalThis.TextDecoder, "undefined");
  assert.equal(require(`${ROOT}xiaodian/text-encoding.js`).native, false, "the fallbacks are in use");
  assert.deepEqual(calls.instantiate, ["/xiaodian/xiaodian_bg.wasm.br"]);
  // init() is idempotent: the same promise, no second instantiation.
  assert.equal(await mp.init(), mp);
  assert.equal(calls.instantiate.length, 1);
  assert.deepEqual(mp.version(), node.version());
  // The main package carries the shopper's module: checkout exports only.
  for (const fn of ["quote", "Storefront", "refundPreview", "catalogCart"]) assert.equal(typeof mp[fn], "function", fn);
  for (const fn of ["validateListing", "checkCategory", "previewFees", "demoCatalog"]) assert.equal(mp[fn], undefined, fn);
  assert.equal(Object.keys(mp).some((k) => k.startsWith("__")), false, "glue internals stay private");
});

test("the merchant sub-package loads the full module from its own path, only when asked", async () => {
  assert.deepEqual(calls.instantiate, ["/xiaodian/xiaodian_bg.wasm.br"], "nothing of the sub-package at launch");
  assert.equal(await merchant.init(), merchant);
  assert.deepEqual(calls.instantiate, ["/xiaodian/xiaodian_bg.wasm.br", "/merchant/xiaodian/xiaodian_bg.wasm.br"]);
  assert.equal(merchant.DEFAULT_PATH, "/merchant/xiaodian/xiaodian_bg.wasm.br");
  for (const fn of ["quote", "validateListing", "validateListings", "validateCsv", "checkCategory", "previewFees", "compareFees", "checkIdentity", "categoryTree", "Storefront", "refundPreview"]) {
    assert.equal(typeof merchant[fn], "function", fn);
  }
  // Two instances side by side, each answering as the Node build does.
  sameOn(merchant, "quote", { lines: [{ skuId: "a", unitPrice: "19.90", quantity: 3 }], now: NOW });
  same("quote", { lines: [{ skuId: "a", unitPrice: "19.90", quantity: 3 }], now: NOW });
  // app.json: the cart in the main package, the listing page in the sub-package, both present.
  const app = JSON.parse(readFileSync(`${ROOT}app.json`, "utf8"));
  assert.deepEqual(app.pages, ["pages/cart/cart"]);
  assert.deepEqual(app.subPackages.map((p) => [p.root, p.pages]), [["merchant", ["pages/listing/listing"]]]);
  for (const route of [...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((r) => `${p.root}/${r}`))]) {
    for (const ext of ["js", "json", "wxml", "wxss"]) statSync(`${ROOT}${route}.${ext}`);
  }
  assert.match(readFileSync(`${ROOT}pages/cart/cart.wxml`, "utf8"), /url="\/merchant\/pages\/listing\/listing"/);
});

test("quote: contract examples, every golden fixture and a bad input give the Node build's results", () => {
  assert.equal(same("quote", { lines: [{ skuId: "a", unitPrice: "19.90", quantity: 3 }], now: NOW }).ok.payable, "59.70");
  const err = same("quote", { lines: [{ skuId: "a", unitPrice: "1.005", quantity: 1 }] }).error;
  assert.deepEqual([err.code, err.path, err.isError], ["INVALID_MONEY", "lines[0].unitPrice", true]);
  const dir = new URL("../fixtures/", import.meta.url);
  const carts = readdirSync(dir).filter((f) => f.endsWith(".cart.json"));
  assert.ok(carts.length >= 3);
  for (const f of carts) {
    const cart = JSON.parse(readFileSync(new URL(f, dir), "utf8"));
    const golden = JSON.parse(readFileSync(new URL(f.replace(".cart.", ".quote."), dir), "utf8"));
    assert.deepEqual(same("quote", cart).ok, golden, f);
  }
  // Chinese text crosses both ways through the fallback encoder and decoder.
  const q = same("quote", { lines: [{ skuId: "核桃-😀", title: "新疆纸皮核桃", unitPrice: "29.90", quantity: 2, shopId: "坚果铺子" }], now: NOW }).ok;
  assert.equal(q.lines[0].skuId, "核桃-😀");
  // Still answering after the errors.
  assert.equal(mp.quote({ lines: [{ skuId: "a", unitPrice: "1", quantity: 1 }] }).payable, "1.00");
});

test("validateListing, validateCsv, checkCategory, fees and identity on the merchant sub-package match the Node build", async () => {
  await merchant.init();
  const listings = [
    { title: "全网最低价 核桃", categoryId: "food.snacks.nuts", skus: [{ skuId: "a", price: "19.9.0", stock: "x" }], images: [] },
    { title: "唐诗三百首 精装 人民文学出版社", categoryId: "books.literature.poetry", marketPrice: "68", skus: [{ skuId: "b", price: "20", stock: 10 }],
      images: ["https://img.example.cn/1.jpg", "https://img.example.cn/2.jpg", "https://img.example.cn/3.jpg"], attributes: { isbn: "9787020002207", guidePrice: "68" } },
    { title: "高端笔记本电脑 16G 1TB", categoryId: "digital.computer", skus: [{ skuId: "c", price: "9999", stock: 20 }], images: ["a", "a"] },
  ];
  for (const l of listings) sameOn(merchant, "validateListing", l);
  assert.equal(sameOn(merchant, "validateListing", listings[0]).ok.ok, false);
  sameOn(merchant, "validateListing", "not an object");
  sameOn(merchant, "validateListings", listings);
  const csv = readFileSync(new URL("../../data/samples/listings.csv", import.meta.url), "utf8");
  assert.equal(sameOn(merchant, "validateCsv", csv).ok.total, 8);
  const apps = [
    { subject: "individual", categoryId: "food.snacks.nuts", qualifications: ["idCard"] },
    { subject: "individual", categoryId: "health.device.bp", qualifications: [] },
    { subject: "enterprise", categoryId: "books", qualifications: [] },
    { subject: "individualBusiness", categoryId: "food.snacks.nutz", qualifications: [] },
    { subject: "robot", categoryId: "food", qualifications: [] },
  ];
  for (const a of apps) sameOn(merchant, "checkCategory", a);
  assert.equal(sameOn(merchant, "checkCategory", apps[1]).ok.findings[0].code, "BANNED_FOR_INDIVIDUALS");
  sameOn(merchant, "previewFees", { subject: "individual", categoryId: "pets.food.cat", monthlyGmv: "60000", tools: ["membership"] });
  sameOn(merchant, "compareFees", { subject: "enterprise", categoryId: "food.snacks.nuts", monthlyGmv: 20000 });
  for (const [kind, value] of [["uscc", "91350100M000100Y43"], ["idCard", "11010519491231002X"], ["bankCard", "6222020200000000005"], ["idCard", 110105]]) {
    sameOn(merchant, "checkIdentity", kind, value);
  }
  assert.deepEqual(merchant.categoryTree(), node.categoryTree());
});

test("the example cart page quotes through the engine and keeps the cart in wx storage", async () => {
  const page = runtime.page("pages/cart/cart");
  await page.onLoad();
  assert.equal(page.data.ready, true);
  assert.ok(page.data.products.length >= 25);
  page.add(tap({ sku: "puer-357" }));
  page.add(tap({ sku: "puer-357" }));
  page.add(tap({ sku: "walnut-1000" }));
  const catalog = node.demoCatalog();
  const expected = new node.Storefront(catalog).quote({
    picks: [{ skuId: "puer-357", quantity: 2 }, { skuId: "walnut-1000", quantity: 1 }],
    coupons: catalog.coupons, points: { balance: 3000, use: "max" },
  });
  assert.equal(page.data.quote.payable, expected.payable);
  assert.equal(page.data.quote.fingerprint.slice(0, 4), "xd2-");
  assert.deepEqual(page.data.applied.map((a) => a.id), expected.applied.map((a) => a.id));
  assert.deepEqual(wx.getStorageSync("xiaodian.cart"), [{ skuId: "puer-357", quantity: 2 }, { skuId: "walnut-1000", quantity: 1 }]);

  // Over the order limit: capped to 限购 10 by the engine, its sentence shown, still priced;
  // a reopened page restores the cart.
  for (let i = 0; i < 11; i++) page.add(tap({ sku: "bookmark" }));
  assert.match(page.data.notice, /每单限购 10 件/);
  assert.equal(page.data.error, "");
  assert.equal(page.data.lines.find((l) => l.skuId === "bookmark").quantity, 10);
  assert.notEqual(page.data.quote, null);
  page.minus(tap({ sku: "bookmark" }));
  assert.equal(page.data.notice, "");
  assert.equal(page.data.lines.find((l) => l.skuId === "bookmark").quantity, 9);
  const again = runtime.page("pages/cart/cart");
  await again.onLoad();
  assert.equal(again.data.quote.payable, page.data.quote.payable);
  // A saved SKU the catalog no longer has is dropped, not fatal.
  wx.setStorageSync("xiaodian.cart", [{ skuId: "retired", quantity: 1 }, { skuId: "bookmark", quantity: 2 }, "junk"]);
  const third = runtime.page("pages/cart/cart");
  await third.onLoad();
  assert.deepEqual(third.data.lines.map((l) => l.skuId), ["bookmark"]);
  third.onUnload();
});

test("the example listing page checks the category and the listing as the merchant types", async () => {
  const page = runtime.page("merchant/pages/listing/listing");
  await page.onLoad();
  assert.equal(page.data.categories.length, 74);
  const nuts = page.data.categories.findIndex((c) => c.id === "food.snacks.nuts");
  page.pickCategory({ detail: { value: String(nuts) } });
  page.input(input({ field: "title" }, "全网最低价 核桃"));
  page.input(input({ field: "price" }, "29.90"));
  page.input(input({ field: "stock" }, "100"));
  const expected = node.validateListing({
    title: "全网最低价 核桃", categoryId: "food.snacks.nuts", subject: "individual",
    skus: [{ skuId: "sku-1", price: "29.90", stock: "100" }], images: [],
  });
  assert.deepEqual(page.data.report, expected);
  assert.ok(page.data.report.findings.some((f) => f.path === "title"));
  const bp = page.data.categories.findIndex((c) => c.id === "health.device.bp");
  page.pickCategory({ detail: { value: String(bp) } });
  assert.equal(page.data.category.allowed, false);
  page.pickSubject({ detail: { value: "2" } });
  assert.equal(page.data.category.findings.some((f) => f.code === "BANNED_FOR_INDIVIDUALS"), false);
});

test("the fallback encoder and decoder agree with the standard ones", async () => {
  const { Utf8Encoder, Utf8Decoder } = require(`${ROOT}xiaodian/text-encoding.js`);
  const util = await import("node:util");
  const enc = new Utf8Encoder();
  const dec = new Utf8Decoder("utf-8", { ignoreBOM: true });
  const samples = ["", "abc", "¥19.90", "新疆纸皮核桃 500g", "😀🏮", "\uFEFFbom", "lone \uD800 surrogate", "x".repeat(20000) + "茶".repeat(9000)];
  for (const s of samples) {
    const bytes = enc.encode(s);
    assert.deepEqual(bytes, new util.TextEncoder().encode(s), s.slice(0, 20));
    assert.equal(dec.decode(bytes), new util.TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), s.slice(0, 20));
  }
  const view = new Uint8Array(12);
  assert.deepEqual(enc.encodeInto("核桃", view), { read: 2, written: 6 });
  assert.equal(dec.decode(new Uint8Array([0xe6, 0xa0])), "\uFFFD");
  assert.throws(() => new Utf8Decoder("utf-8", { fatal: true }).decode(new Uint8Array([0xff])), TypeError);
});

test("package size: the main package carries the shopper's module, the sub-package the full one", () => {
  const files = ["index.js", "text-encoding.js", "xiaodian_bg.js", "xiaodian_bg.wasm.br"];
  const measure = (dir) => {
    const sizes = Object.fromEntries(files.map((f) => [f, statSync(`${ROOT}${dir}/${f}`).size]));
    return { sizes, total: Object.values(sizes).reduce((a, b) => a + b, 0) };
  };
  const main = measure("xiaodian"), sub = measure("merchant/xiaodian");
  console.log(`# mini-program main package engine: ${JSON.stringify(main.sizes)} = ${main.total} B`);
  console.log(`# merchant sub-package engine: ${JSON.stringify(sub.sizes)} = ${sub.total} B`);
  // WeChat's limits: 2 MB for the main package and for each sub-package.
  for (const { total } of [main, sub]) assert.ok(total < 2 * 1024 * 1024, `${total} B fits 2 MB`);
  assert.ok(main.sizes["xiaodian_bg.wasm.br"] < 0.7 * sub.sizes["xiaodian_bg.wasm.br"], "the shopper's module is the smaller one");
});
