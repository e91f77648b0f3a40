// The code unions in the package's declarations come from scripts/codes.mjs reading src/. These
// check the reader against what the engine really does and documents, so a change in the
// sources' shape that it misreads fails here instead of narrowing a union silently.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { rustCodes } from "../../scripts/codes.mjs";

const require = createRequire(import.meta.url);
const xd = require("../../pkg/node/xiaodian.js");
const codes = rustCodes();
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

test("ErrorCode: every code the README lists, and the codes bad input really throws", () => {
  const listed = readme.match(/### Error codes\n\n([\s\S]*?)\n\n/)[1].match(/`([A-Z_]+)`/g).map((c) => c.slice(1, -1));
  assert.deepEqual([...listed].sort(), codes.errorCodes);
  const thrown = (f) => {
    try {
      f();
    } catch (e) {
      return e.code;
    }
    assert.fail("no error");
  };
  const line = (o) => ({ lines: [{ skuId: "a", unitPrice: "1.00", quantity: 1, ...o }] });
  for (const [code, f] of [
    ["INVALID_MONEY", () => xd.quote(line({ unitPrice: "1.234" }))],
    ["INVALID_QUANTITY", () => xd.quote(line({ quantity: 0 }))],
    ["INVALID_INPUT", () => xd.quote({ lines: [{ skuId: "a" }] })],
    ["UNKNOWN_PLATFORM", () => xd.previewFees({ platform: "nope", subject: "enterprise", categoryId: "food.tea.puer", monthlyGmv: "1" })],
    ["INVALID_RULEBOOK", () => xd.validateRulebook({})],
  ]) {
    assert.equal(thrown(f), code);
    assert.ok(codes.errorCodes.includes(code), code);
  }
});

test("RejectCode, HintKind, FindingCode, IdentityCode: what real calls return is in the unions", () => {
  const fixtures = ["promo", "every-rule", "basic", "demo-order"].map((f) =>
    xd.quote(JSON.parse(readFileSync(new URL(`../fixtures/${f}.cart.json`, import.meta.url), "utf8"))));
  const rejected = fixtures.flatMap((q) => q.rejected.map((r) => r.code));
  const hints = fixtures.flatMap((q) => q.hints.map((h) => h.kind));
  assert.ok(rejected.length > 0 && hints.length > 0, "the fixtures reject offers and give hints");
  for (const c of rejected) assert.ok(codes.rejectCodes.includes(c), c);
  for (const k of hints) assert.ok(codes.hintKinds.includes(k), k);
  const report = xd.validateListing({ title: "最好的茶", categoryId: "food.tea.puer", skus: [], images: [] });
  assert.ok(report.findings.length > 3);
  for (const f of report.findings) assert.ok(codes.findingCodes.includes(f.code), f.code);
  const csv = xd.validateCsv("标题,售价\n好茶叶一饼,abc\n");
  for (const f of [...csv.columns, ...csv.results.flatMap((r) => r.findings)]) assert.ok(codes.findingCodes.includes(f.code), f.code);
  for (const [kind, value] of [["idCard", "11010519491231002"], ["bankCard", "6222020200112345677"], ["uscc", "91350100M000100Y4X"]]) {
    const id = xd.checkIdentity(kind, value);
    assert.equal(id.valid, false);
    assert.ok(codes.identityCodes.includes(id.code), id.code);
  }
  // No code is both an engine error and a finding except where the README says so.
  assert.deepEqual(codes.errorCodes.filter((c) => codes.findingCodes.includes(c)), []);
});
