// Native and WASM give identical quotes on a corpus of 150 random carts (tests/verify.rs writes
// the native side), and the native verify_quote example accepts a WASM client's quote and names
// a tampered field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { xd } from "./helpers.mjs";

const corpus = JSON.parse(readFileSync(new URL("../fixtures/corpus.json", import.meta.url), "utf8"));

/** FNV-1a 32 over UTF-8, as tests/verify.rs hashes serde_json's output. */
function fnv32(text) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

test("150 random carts: the WASM quote is byte-identical to the native one", () => {
  assert.equal(corpus.quotes.length, 150);
  for (const [i, entry] of corpus.quotes.entries()) {
    const q = xd.quote(entry.cart);
    assert.equal(q.payable, entry.payable, `cart ${i}`);
    assert.equal(q.fingerprint, entry.fingerprint, `cart ${i}`);
    assert.equal(fnv32(JSON.stringify(q)), entry.hash, `cart ${i}: full quote`);
  }
});

test("examples/verify_quote: a WASM client's quote matches natively; a tampered one is named", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "xd-verify-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { cart } = corpus.quotes[7];
  const quote = xd.quote(cart);
  writeFileSync(join(dir, "cart.json"), JSON.stringify(cart));
  writeFileSync(join(dir, "quote.json"), JSON.stringify(quote));
  writeFileSync(join(dir, "tampered.json"), JSON.stringify({ ...quote, payable: "0.01" }));
  const run = (q) => spawnSync("cargo", ["run", "-q", "--locked", "--example", "verify_quote", "--", join(dir, "cart.json"), join(dir, q)], { encoding: "utf8" });
  const ok = run("quote.json");
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`^match: payable ${quote.payable} fingerprint ${quote.fingerprint}`));
  const bad = run("tampered.json");
  assert.equal(bad.status, 1, bad.stderr);
  assert.deepEqual(JSON.parse(bad.stdout), { match: false, path: "payable", expected: quote.payable, got: "0.01" });
  writeFileSync(join(dir, "junk.json"), "{not json");
  assert.equal(run("junk.json").status, 2);
});
