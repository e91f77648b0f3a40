// The bad-input corpus through the JS API: hundreds of malformed inputs — wrong types, missing
// fields, huge and negative numbers, look-alike digits, deep nesting, a 10⁶-line cart,
// prototype-pollution keys, non-UTF-8 CSV bytes. Each must throw an Error with a code and a path
// (or return findings), and the module must answer correctly right after every one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { xd, NOW } from "./helpers.mjs";

const GOOD = { lines: [{ skuId: "a", unitPrice: "19.90", quantity: 3 }], now: NOW };
let count = 0;

/** Run one bad input: a structured Error or a well-formed result, then a correct quote. */
function survive(label, fn, expectCode) {
  count++;
  let result;
  let error;
  try {
    result = fn();
  } catch (e) {
    error = e;
  }
  if (error) {
    assert.ok(error instanceof Error, `${label}: threw a non-Error ${error}`);
    assert.match(String(error.code), /^[A-Z][A-Z_]+$/, `${label}: code ${error.code} (${error.message})`);
    assert.equal(typeof error.path, "string", `${label}: path`);
    assert.match(error.message, /\S/, label);
    assert.match(error.messageEn, /\S/, label);
    if (expectCode) assert.equal(error.code, expectCode, `${label}: ${error.messageEn} at ${error.path}`);
  } else {
    assert.equal(expectCode, undefined, `${label}: expected ${expectCode}, got a result`);
    assert.ok(result !== null && typeof result === "object", `${label}: result`);
  }
  assert.equal(xd.quote(GOOD).payable, "59.70", `${label}: the module still answers`);
  assert.equal(Object.prototype.polluted, undefined, `${label}: Object.prototype untouched`);
  return error;
}

const set = (obj, path, value) => {
  const copy = structuredClone(obj);
  const keys = path.split(".");
  let t = copy;
  for (const k of keys.slice(0, -1)) t = t[k];
  if (value === DELETE) delete t[keys.at(-1)];
  else t[keys.at(-1)] = value;
  return copy;
};
const DELETE = Symbol("delete");

const WRONG_TYPES = [null, true, {}, [], "", "abc", [1, 2], { value: 1 }, DELETE];
const LOOKALIKE_MONEY = ["１９.９０", "19．90", "19,90", "−5", "19.9\u200b0", "19.90\u200f", "٢٣.٥", "1e3", "0x10", "12.3.4",
  "¥12", "12元", "Infinity", "NaN", "-0.01", "1.005", "100000000.01", " ", "+5", ".5"];
const BAD_NUMBERS = [-1, 1.5, 0, 1e21, 2 ** 53 + 1, Number.NaN, Number.POSITIVE_INFINITY, -0.001, 1e-7, 2 ** 32];

test("quote: wrong types, missing fields and bad numbers in every field", () => {
  const cart = {
    lines: [{ skuId: "a", unitPrice: "19.90", quantity: 3, shopId: "s", categoryId: "food.tea",
      memberPrices: [{ level: 1, rate: "0.9" }], flashSale: { unitPrice: "9.90", start: NOW, end: "2026-11-12", limitPerBuyer: 1 },
      ladder: [{ minQuantity: 2, unitPrice: "18.00" }] }],
    coupons: [{ id: "c", kind: "threshold", threshold: "50", amount: "5", scope: { level: "shop", shopId: "s" } }],
    shipping: { default: { fee: "8", freeThreshold: "99" } },
    buyer: { memberLevel: 1 }, points: { balance: 100, use: "max" }, now: NOW,
  };
  assert.equal(xd.quote(cart).lines.length, 1);
  const fields = ["lines", "lines.0", "lines.0.skuId", "lines.0.unitPrice", "lines.0.quantity", "lines.0.memberPrices",
    "lines.0.memberPrices.0.rate", "lines.0.flashSale", "lines.0.flashSale.start", "lines.0.flashSale.limitPerBuyer",
    "lines.0.ladder.0.minQuantity", "coupons", "coupons.0.kind", "coupons.0.threshold", "coupons.0.scope", "coupons.0.scope.level",
    "shipping.default.fee", "buyer", "buyer.memberLevel", "points.balance", "points.use", "now", "couponSelection"];
  for (const field of fields) {
    for (const bad of WRONG_TYPES) survive(`${field} = ${JSON.stringify(bad) ?? "deleted"}`, () => xd.quote(set(cart, field, bad)));
  }
  for (const bad of LOOKALIKE_MONEY) {
    const e = survive(`unitPrice ${bad}`, () => xd.quote(set(cart, "lines.0.unitPrice", bad)));
    assert.ok(["INVALID_MONEY", "AMOUNT_OUT_OF_RANGE"].includes(e?.code), `unitPrice ${JSON.stringify(bad)} refused (${e?.code})`);
    assert.equal(e.path, "lines[0].unitPrice");
  }
  // Surrounding whitespace (a form field's, NBSP included) is ignored, not a look-alike.
  assert.equal(xd.quote(set(cart, "lines.0.unitPrice", "\u00a019.90 ")).lines[0].listPrice, "19.90");
  for (const bad of BAD_NUMBERS) {
    survive(`quantity ${bad}`, () => xd.quote(set(cart, "lines.0.quantity", bad)), "INVALID_QUANTITY");
    survive(`coupon amount ${bad}`, () => xd.quote(set(cart, "coupons.0.amount", bad)));
  }
});

test("quote: whole-input shapes, huge carts, deep nesting, cycles and BigInt", () => {
  for (const input of [undefined, null, 42, "cart", [], true, { lines: null }, { lines: {} }, { lines: "a" }, { lines: [null] }, { lines: [[]] }]) {
    survive(`quote(${JSON.stringify(input)})`, () => xd.quote(input));
  }
  // 10⁶ lines: refused while reading, not after holding them.
  const million = { lines: Array.from({ length: 1_000_000 }, (_, i) => ({ skuId: `s${i}`, unitPrice: "1", quantity: 1 })) };
  const started = Date.now();
  // Its 50 MB of JSON is refused by size before it is even copied into the module; 10,001
  // small lines are within that and meet the line limit.
  survive("10⁶ lines", () => xd.quote(million), "INPUT_TOO_LARGE");
  survive("10,001 lines", () => xd.quote({ lines: million.lines.slice(0, 10_001) }), "TOO_MANY_LINES");
  assert.ok(Date.now() - started < 20_000);
  // Deep nesting, in a field and at the top.
  let deep = [];
  for (let i = 0; i < 5000; i++) deep = [deep];
  survive("deep coupons", () => xd.quote({ ...GOOD, coupons: deep }));
  let deepObj = {};
  for (let i = 0; i < 5000; i++) deepObj = { a: deepObj };
  survive("deep buyer", () => xd.quote({ ...GOOD, buyer: deepObj }));
  const cyclic = { lines: [] };
  cyclic.self = cyclic;
  survive("cycle", () => xd.quote(cyclic));
  survive("BigInt", () => xd.quote({ lines: [{ skuId: "a", unitPrice: 10n, quantity: 1 }] }));
  survive("function", () => xd.quote({ lines: [{ skuId: "a", unitPrice: () => 1, quantity: 1 }] }));
  survive("symbol key", () => xd.quote({ [Symbol("x")]: 1, lines: [] }));
  survive("huge skuId", () => xd.quote({ lines: [{ skuId: "x".repeat(2_000_000), unitPrice: "1", quantity: 1 }] }));
  survive("many coupons", () => xd.quote({ ...GOOD, coupons: Array.from({ length: 5000 }, (_, i) => ({ id: `c${i}`, kind: "fixed", amount: "1" })) }));
  survive("duplicate ids", () => xd.quote({ lines: [GOOD.lines[0], GOOD.lines[0]] }), "DUPLICATE_ID");
  survive("unknown coupon kind", () => xd.quote({ ...GOOD, coupons: [{ id: "c", kind: "mystery" }] }));
  survive("selection of unknown id", () => xd.quote({ ...GOOD, couponSelection: ["nope"] }), "UNKNOWN_ID");
  survive("points over balance", () => xd.quote({ ...GOOD, points: { balance: 10, use: 11 } }));
  survive("time in year 99999", () => xd.quote({ ...GOOD, now: "99999-01-01T00:00:00Z" }), "INVALID_TIME");
  survive("end before start", () => xd.quote({ lines: [{ ...GOOD.lines[0], flashSale: { unitPrice: "1", start: "2026-11-12", end: "2026-11-11" } }] }));
});

test("prototype-pollution keys are plain data", () => {
  const keys = ["__proto__", "constructor", "prototype"];
  for (const key of keys) {
    const poisoned = JSON.parse(`{"${key}": {"polluted": 1}, "lines": [{"skuId": "a", "unitPrice": "1", "quantity": 1, "${key}": {"polluted": 1}}]}`);
    survive(`quote with ${key}`, () => xd.quote(poisoned));
    survive(`listing with ${key}`, () => xd.validateListing(JSON.parse(`{"title": "x", "categoryId": "food", "attributes": {"${key}": "1"}, "${key}": {"polluted": 1}}`)));
    survive(`category with ${key}`, () => xd.checkCategory(JSON.parse(`{"subject": "individual", "categoryId": "${key}", "qualifications": ["${key}"]}`)));
    survive(`skuId ${key}`, () => xd.quote({ lines: [{ skuId: key, unitPrice: "1", quantity: 1 }] }));
    survive(`rulebook with ${key}`, () => xd.checkCategory({ subject: "individual", categoryId: "food" }, JSON.parse(`{"${key}": {"polluted": 1}}`)), "INVALID_RULEBOOK");
  }
  const q = xd.quote({ lines: [{ skuId: "__proto__", unitPrice: "1", quantity: 1, shopId: "__proto__" }] });
  assert.equal(q.lines[0].skuId, "__proto__");
  assert.equal(Object.getPrototypeOf(q.lines[0]), Object.prototype);
  // A map keyed by the caller's ids comes back with "__proto__" as an own key, as JSON.parse
  // would make it, not as the object's prototype.
  const catalog = xd.demoCatalog();
  catalog.shops[0].id = "__proto__";
  for (const p of catalog.products) if (p.shopId === "tea") p.shopId = "__proto__";
  const sku = catalog.products.find((p) => p.shopId === "__proto__").skus[0].skuId;
  const cart = xd.catalogCart(catalog, { picks: [{ skuId: sku, quantity: 1 }] });
  assert.ok(Object.hasOwn(cart.shipping.shops, "__proto__"));
  assert.equal(cart.shipping.shops.__proto__.fee, "8.00");
  assert.equal(Object.getPrototypeOf(cart.shipping.shops), Object.prototype);
  assert.equal(Object.prototype.fee, undefined);
});

test("listings, CSV, categories, fees and identity: findings or structured errors", () => {
  const listing = { title: "新疆纸皮核桃 500g", categoryId: "food.snacks.nuts", price: "29.90", skus: [{ skuId: "a", price: "29.90", stock: 3 }], images: ["a"], attributes: { origin: "新疆" } };
  for (const field of ["title", "categoryId", "price", "marketPrice", "skus", "skus.0", "skus.0.price", "skus.0.stock", "images", "images.0", "attributes", "attributes.origin", "description", "subject"]) {
    for (const bad of [...WRONG_TYPES, -1, 1e21, "１９.９０", "x".repeat(100_000)]) {
      survive(`listing ${field} = ${String(JSON.stringify(bad)).slice(0, 20)}`, () => xd.validateListing(set(listing, field, bad)));
    }
  }
  // A malformed listing in a batch is that row's finding, never an exception.
  const batch = xd.validateListings([listing, null, 42, "x", { title: 1 }, listing]);
  assert.equal(batch.total, 6);
  // null, 42 and "x" are unreadable; { title: 1 } reads 1 as text (spreadsheets give numbers).
  assert.equal(batch.results.filter((r) => r.findings.some((f) => f.code === "UNREADABLE_LISTING")).length, 3);
  survive("listings not an array", () => xd.validateListings({ length: 3 }));
  survive("too many listings", () => xd.validateListings(new Array(200_001).fill(0)));
  // CSV: bytes that are not UTF-8 arrive as U+FFFD text, or as bytes (refused: text only).
  const latin1 = Buffer.from("商品标题,类目,售价\n\xff\xfe\xfd,food,1\n", "latin1");
  survive("CSV decoded with U+FFFD", () => xd.validateCsv(new TextDecoder().decode(latin1)));
  survive("CSV as bytes", () => xd.validateCsv(latin1), "INVALID_INPUT");
  for (const text of ["", "\uFEFF", "a,b\n\"unterminated", "\n\n\n", ",,,,\n,,,,", "标题\n" + "x,".repeat(50_000), "\0\0\0", "商品标题\r\r\r"]) {
    survive(`CSV ${JSON.stringify(text.slice(0, 12))}`, () => xd.validateCsv(text));
  }
  for (const app of [{}, { subject: "alien", categoryId: "food" }, { subject: "individual" }, { subject: "individual", categoryId: 5 },
    { subject: "individual", categoryId: "food", qualifications: "idCard" }, { subject: "individual", categoryId: "food", productCount: -1 },
    { subject: "individual", categoryId: "food", platform: "taobao" }]) {
    survive(`checkCategory ${JSON.stringify(app)}`, () => xd.checkCategory(app));
  }
  for (const input of [{}, { subject: "individual", categoryId: "food", monthlyGmv: "-1" }, { subject: "individual", categoryId: "food", monthlyGmv: "1e9" },
    { subject: "individual", categoryId: "food", monthlyGmv: "100", orderCount: -3 }, { subject: "individual", categoryId: "nope", monthlyGmv: "100" },
    { subject: "individual", categoryId: "food", monthlyGmv: "100", tools: ["unknown"] }]) {
    survive(`previewFees ${JSON.stringify(input)}`, () => xd.previewFees(input));
    survive(`compareFees ${JSON.stringify(input)}`, () => xd.compareFees(input));
  }
  for (const [kind, value] of [["uscc", ""], ["uscc", "９１３５０１００Ｍ０００１００Ｙ４３"], ["idCard", "1".repeat(10_000)], ["bankCard", null],
    ["bankCard", 6222020200000000006], ["passport", "E123"], [null, "x"], ["idCard", "11010519491231002x\u0000"]]) {
    survive(`checkIdentity ${kind} ${String(value).slice(0, 20)}`, () => xd.checkIdentity(kind, value));
  }
  survive("refundPreview on junk", () => xd.refundPreview({}, "a", 1));
  survive("refundPreview bad quantity", () => xd.refundPreview(xd.quote(GOOD), "a", -1));
  survive("Storefront of junk", () => new xd.Storefront({ shops: 1 }));
  survive("validateRulebook of junk", () => xd.validateRulebook({ version: 1 }), "INVALID_RULEBOOK");
});

test("the corpus is large enough to mean something", () => {
  console.log(`# bad inputs tried: ${count}`);
  assert.ok(count >= 200, `${count} bad inputs`);
});
