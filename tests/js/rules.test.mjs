// Rulebook, checkCategory, previewFees, compareFees and shopHealth through WASM.
import { test } from "node:test";
import assert from "node:assert/strict";
import { xd, throwsCode } from "./helpers.mjs";

const COMPANY = ["businessLicence", "legalPersonId", "corporateAccount"];
const PERSON = ["idCard", "realNameWechat", "bankCard"];
const codes = (r) => r.findings.map((f) => f.code);

test("the rulebook: versioned, sourced, 3-level tree with 60+ leaves, 12 classes banned for individuals", () => {
  const book = xd.rulebook();
  assert.match(book.version, /^\d{4}\.\d{2}\.\d{2}-\d+$/);
  const ids = book.categories.map((c) => c.id);
  const leaves = ids.filter((id) => !ids.some((o) => o.startsWith(id + ".")));
  assert.ok(leaves.length >= 60);
  assert.ok(leaves.every((id) => id.split(".").length === 3));
  assert.equal(book.individualBannedClasses.length, 12);
  assert.ok(book.platforms.every((p) => book.sources[p.deposit.source] && book.sources[p.transactionFee.source]));
});

test("checkCategory: subject qualifications, food on WeChat, books, virtual, 3C on Douyin", () => {
  const ok = xd.checkCategory({ subject: "individual", categoryId: "home.kitchen.cups", qualifications: PERSON });
  assert.deepEqual([ok.allowed, ok.missing, ok.findings], [true, [], []]);
  assert.deepEqual(ok.path, ["家居", "厨具", "杯具"]);
  const food = xd.checkCategory({ subject: "enterprise", categoryId: "food.snacks.nuts", qualifications: COMPANY });
  assert.deepEqual(food.missing, ["foodBusinessLicence", "foodProductionLicence", "qualityReport"]);
  assert.equal(food.allowed, false);
  assert.match(food.findings[0].message, /食品经营许可证/);
  assert.match(food.findings[0].fixEn, /upload/);
  assert.deepEqual(xd.checkCategory({ platform: "douyin", subject: "enterprise", categoryId: "food.snacks.nuts", qualifications: COMPANY }).missing, ["foodBusinessLicence"]);
  assert.deepEqual(xd.checkCategory({ subject: "enterprise", categoryId: "books.children.picture", qualifications: COMPANY }).missing, ["publicationLicence"]);
  assert.deepEqual(xd.checkCategory({ subject: "enterprise", categoryId: "virtual.course.online", qualifications: COMPANY }).missing, ["telecomLicence"]);
  assert.deepEqual(xd.checkCategory({ platform: "douyin", subject: "enterprise", categoryId: "digital.accessory.charger", qualifications: COMPANY }).missing, ["ccc"]);
});

test("checkCategory: banned for individuals, virtual for individual businesses, caps and limits", () => {
  for (const categoryId of ["health.device.bp", "adult.care.condom"]) {
    assert.ok(codes(xd.checkCategory({ subject: "individual", categoryId, qualifications: PERSON })).includes("BANNED_FOR_INDIVIDUALS"), categoryId);
  }
  // 虚拟货币 is prohibited for everyone (issue 27), which the individual-only ban no longer repeats.
  assert.deepEqual(codes(xd.checkCategory({ subject: "individual", categoryId: "finance.crypto.token", qualifications: PERSON })), ["PROHIBITED_CATEGORY"]);
  assert.deepEqual(codes(xd.checkCategory({ subject: "individualBusiness", categoryId: "virtual.game.points", qualifications: ["businessLicence", "idCard", "bankCard", "telecomLicence"] })), ["SUBJECT_NOT_ALLOWED"]);
  assert.deepEqual(codes(xd.checkCategory({ subject: "individual", categoryId: "home.kitchen.cups", qualifications: PERSON, productCount: 500 })), ["PRODUCT_CAP_REACHED"]);
  assert.deepEqual(codes(xd.checkCategory({ subject: "individual", categoryId: "home.kitchen.cups", qualifications: PERSON, shopsOwned: 1 })), ["SHOP_LIMIT_REACHED"]);
  assert.deepEqual(codes(xd.checkCategory({ subject: "enterprise", categoryId: "home.kitchen.cups", qualifications: COMPANY, shopsOwned: 3 })), ["SHOP_LIMIT_REACHED"]);
  const advice = xd.checkCategory({ subject: "individual", categoryId: "home.kitchen.cups", qualifications: PERSON, annualTrade: "150000" });
  assert.deepEqual([advice.allowed, advice.findings[0].severity, advice.findings[0].code], [true, "warning", "BUSINESS_LICENCE_ADVISED"]);
});

test("checkCategory: unknown and non-leaf categories come with the nearest valid ids", () => {
  const unknown = xd.checkCategory({ subject: "enterprise", categoryId: "food.snack.nuts", qualifications: COMPANY });
  assert.deepEqual(codes(unknown), ["UNKNOWN_CATEGORY"]);
  assert.ok(unknown.suggestions.includes("food.snacks.nuts"), unknown.suggestions.join());
  const node = xd.checkCategory({ subject: "enterprise", categoryId: "apparel", qualifications: COMPANY });
  assert.ok(codes(node).includes("CATEGORY_NOT_LEAF"));
  assert.ok(node.suggestions.every((s) => s.startsWith("apparel.")));
});

test("previewFees: deposit tiers, fee rates, withdrawal, tools, certification, settlement", () => {
  const base = { subject: "enterprise", categoryId: "pets.food.dog", monthlyGmv: "600000", tools: ["livePlugin", "membership"], confirmedAt: "2026-11-30T10:00:00+08:00" };
  const p = xd.previewFees(base);
  assert.equal(p.platform, "wechat");
  assert.equal(p.deposit.amount, "5000.00");
  assert.match(p.deposit.rule, /500000/);
  assert.equal(p.monthly.transactionFee, "3600.00");
  // Withdraw GMV less fees: ¥596,400 → 0.1 % of ¥496,400.
  assert.equal(p.monthly.withdrawalFee, "496.40");
  assert.equal(p.monthly.tools, "300.00");
  assert.equal(p.monthly.total, "4396.40");
  assert.equal(p.yearly.total, (4396.4 * 12 + 500 + 300).toFixed(2));
  assert.deepEqual([p.settlement.rule, p.settlement.date, p.settlement.commissionDeductedOn], ["T+1", "2026-12-01", "2026-12-01"]);
  assert.ok(p.lines.every((l) => l.basis && l.basisEn && l.source));
  assert.equal(xd.previewFees({ ...base, monthlyGmv: "500000" }).deposit.amount, "3000.00");
  assert.equal(xd.previewFees({ ...base, categoryId: "digital.phone.smartphone", monthlyGmv: "10000" }).monthly.transactionFee, "120.00");
  assert.equal(xd.previewFees({ ...base, categoryId: "fresh.fruit.apple", monthlyGmv: "10000" }).monthly.transactionFee, "150.00");
  assert.equal(xd.previewFees({ ...base, platform: "douyin", newShop: true }).settlement.days, 7);
});

test("compareFees: four platforms sorted by yearly cost", () => {
  const all = xd.compareFees({ subject: "enterprise", categoryId: "beauty.makeup.lipstick", monthlyGmv: "80000", orderCount: 2000 });
  assert.deepEqual(all.map((p) => p.platform).sort(), ["douyin", "kuaishou", "wechat", "xiaohongshu"]);
  const cents = (m) => Math.round(Number(m) * 100);
  for (let i = 1; i < all.length; i++) assert.ok(cents(all[i - 1].yearly.total) <= cents(all[i].yearly.total));
  const xhs = all.find((p) => p.platform === "xiaohongshu");
  assert.deepEqual([xhs.deposit.amount, xhs.settlement.rule], ["10000.00", "T+7"]);
  assert.ok(xhs.lines.some((l) => l.item === "channelFee"));
  assert.equal(all.find((p) => p.platform === "kuaishou").deposit.amount, "2000.00");
});

test("shopHealth: return rate, DSR, shipping time, false shipping, badge review", () => {
  const r = xd.shopHealth({ returnRate: "0.2", dsr: "4.5", shipHours: 60, falseShipmentValue: "100", lastBadgeReview: "2026-11-11" });
  assert.deepEqual(codes(r).sort(), ["DSR_BELOW_SEARCH_WEIGHT", "FALSE_SHIPPING_PENALTY", "LATE_SHIPPING", "RETURN_RATE_REVIEW"]);
  assert.equal(r.penalties[0].amount, "30.00");
  assert.equal(r.searchWeight, false);
  assert.equal(r.nextBadgeReview, "2026-11-25");
  assert.deepEqual(codes(xd.shopHealth({ platform: "kuaishou", returnRate: "0.35" })), ["NEW_LISTINGS_BLOCKED"]);
  assert.deepEqual(codes(xd.shopHealth({ shipHours: 70, presale: true })), []);
});

test("bad input: unknown platform, negative GMV, malformed rulebook", () => {
  throwsCode(() => xd.previewFees({ platform: "pdd", subject: "enterprise", categoryId: "home.kitchen.cups", monthlyGmv: "1" }), "UNKNOWN_PLATFORM", "platform");
  throwsCode(() => xd.previewFees({ subject: "enterprise", categoryId: "home.kitchen.cups", monthlyGmv: "-100" }), "INVALID_MONEY", "monthlyGmv");
  throwsCode(() => xd.checkCategory({ subject: "boss", categoryId: "x" }), "INVALID_INPUT", "subject");
  const book = xd.rulebook();
  book.platforms[0].deposit.byCategory[0].categoryIds = ["nowhere"];
  throwsCode(() => xd.previewFees({ subject: "enterprise", categoryId: "home.kitchen.cups", monthlyGmv: "1" }, book), "INVALID_RULEBOOK", "rulebook.platforms[0].deposit.byCategory[0].categoryIds[0]");
  throwsCode(() => xd.validateRulebook({ schema: 1 }), "INVALID_RULEBOOK");
  throwsCode(() => xd.validateRulebook("not a rulebook"), "INVALID_RULEBOOK", "rulebook");
});

test("a caller's rulebook overrides the embedded one", () => {
  const book = xd.rulebook();
  book.platforms[0].transactionFee.default = "0.01";
  assert.equal(xd.validateRulebook(book).platforms[0].transactionFee.default, "0.01");
  const p = xd.previewFees({ subject: "enterprise", categoryId: "home.kitchen.cups", monthlyGmv: "1000" }, book);
  assert.equal(p.monthly.transactionFee, "10.00");
  assert.equal(xd.previewFees({ subject: "enterprise", categoryId: "home.kitchen.cups", monthlyGmv: "1000" }).monthly.transactionFee, "6.00");
});

test("categoryTree nests the rulebook's categories for pickers, three levels deep", () => {
  const tree = xd.categoryTree();
  const leaves = [];
  const walk = (nodes, depth) => nodes.forEach((n) => (n.children.length ? walk(n.children, depth + 1) : leaves.push([n.id, depth])));
  walk(tree, 1);
  // 74, and 隐形眼镜 (health.device.contactlens, class III medical devices) since issue 27.
  assert.equal(leaves.length, 75);
  assert.ok(leaves.every(([, d]) => d === 3));
  assert.equal(tree.find((n) => n.id === "books").children.find((n) => n.id === "books.children").children[0].name, "绘本");
  // A caller's rulebook gives its own tree.
  const book = xd.rulebook();
  book.categories = book.categories.filter((c) => !c.id.startsWith("finance"));
  book.individualBannedClasses = book.individualBannedClasses.filter((c) => !c.categoryIds.some((id) => id.startsWith("finance")));
  book.prohibitedClasses = book.prohibitedClasses.filter((c) => !c.categoryIds.some((id) => id.startsWith("finance")));
  for (const id of Object.keys(book.categoryKeywords)) if (id.startsWith("finance")) delete book.categoryKeywords[id];
  assert.equal(xd.categoryTree(book).some((n) => n.id === "finance"), false);
});

test("issue 27: 禁售 for every subject, drug licences, devices by class, WeChat-only real-name account", async () => {
  const all = xd.rulebook().qualifications.map((q) => q.id);
  for (const categoryId of ["finance.crypto.token", "finance.lottery.ticket"]) {
    for (const subject of ["individual", "individualBusiness", "enterprise"]) {
      const c = xd.checkCategory({ subject, categoryId, qualifications: all });
      assert.equal(c.allowed, false);
      assert.deepEqual(c.findings.map((f) => f.code), ["PROHIBITED_CATEGORY"]);
      assert.match(c.findings[0].source, /^(pboc-2021-237|mof-2015-lottery)$/);
    }
  }
  const otc = xd.checkCategory({ subject: "enterprise", categoryId: "health.drug.otc", qualifications: ["businessLicence", "legalPersonId", "corporateAccount"] });
  assert.equal(otc.allowed, false);
  assert.deepEqual(otc.missing, ["drugBusinessLicence", "internetDrugInfoLicence"]);
  assert.deepEqual(xd.checkCategory({ subject: "enterprise", categoryId: "health.device.contactlens" }).missing.slice(-1), ["medicalDeviceLicence"]);
  for (const platform of ["douyin", "kuaishou", "xiaohongshu"]) {
    const c = xd.checkCategory({ platform, subject: "individual", categoryId: "home.kitchen.cups" });
    assert.ok(!c.required.includes("realNameWechat"), platform);
  }
  assert.ok(xd.checkCategory({ subject: "individual", categoryId: "home.kitchen.cups" }).required.includes("realNameWechat"));
});

test("issue 27: corporate accounts, lenient amounts, zh errors without field names", async () => {
  assert.equal(xd.checkIdentity("corporateAccount", "11050162560000001234").valid, true);
  assert.equal(xd.checkIdentity("bankCard", "11050162560000001234").valid, false);
  assert.equal(xd.checkIdentity("corporateAccount", "12345678").code, "LENGTH");
  assert.equal(xd.checkIdentity("corporateAccount", 11050162560000001234).valid, false, "a JS number is refused");
  for (const [typed, fen] of [["20,000", "20000.00"], ["２００００", "20000.00"], ["¥199", "199.00"], ["1.5万", "15000.00"]]) {
    const r = xd.parseAmountInput(typed);
    assert.deepEqual([r.ok, r.amount], [true, fen], typed);
  }
  const bad = xd.parseAmountInput("1,23");
  assert.equal(bad.ok, false);
  assert.doesNotMatch(bad.message, /[A-Za-z]/);
  // The strict API still refuses what a person may type.
  assert.throws(() => xd.previewFees({ subject: "individual", categoryId: "home.kitchen.cups", monthlyGmv: "20,000" }));
  try {
    xd.checkCategory({ subject: "individual", categoryId: "home.kitchen.cups", productCount: -1 });
    assert.fail("should throw");
  } catch (e) {
    assert.equal(e.code, "INVALID_INPUT");
    assert.equal(e.path, "productCount");
    // The message itself names no field: no `text` copy without the path is needed.
    assert.doesNotMatch(e.message, /[A-Za-z]/, e.message);
    assert.match(e.messageEn, /^expected a whole number ≥ 0$/);
    assert.equal(e.text, undefined);
  }
});
