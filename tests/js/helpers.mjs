// Shared by the Node tests: the built CommonJS package, loaded exactly as the contract says.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";

const require = createRequire(import.meta.url);
export const xd = require("../../pkg/node/xiaodian.js");
export const NOW = "2026-11-11T20:30:00+08:00";

export function fixture(name) {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));
}

/** Asserts that fn throws an Error carrying the contract's structured fields. */
export function throwsCode(fn, code, path) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, "expected an Error to be thrown");
  assert.equal(caught.code, code, caught.messageEn);
  if (path !== undefined) assert.equal(caught.path, path);
  assert.equal(typeof caught.message, "string");
  assert.match(caught.messageEn, /\S/);
  // The messages are for people: the path is in `path`, not appended to the text.
  if (caught.path) {
    assert.ok(!caught.message.includes(`（${caught.path}）`), caught.message);
    assert.ok(!caught.messageEn.endsWith(` at ${caught.path}`), caught.messageEn);
  }
  return caught;
}

/** One line with defaults, quoted at NOW. */
export function quoteLine(extra, cart = {}) {
  return xd.quote({ now: NOW, ...cart, lines: [{ skuId: "a", unitPrice: "100.00", quantity: 1, ...extra }] });
}

export const segs = (q, i = 0) => q.lines[i].pricing.map((s) => [s.rule, s.unitPrice, s.quantity]);
