// Native and WASM give identical quotes on a corpus of 150 random carts (tests/verify.rs writes
// the native side), and the native verify_quote example (verify_order) accepts a WASM
// Storefront's quote and names a tampered payable and an unheld coupon.
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

test("examples/verify_quote: a WASM Storefront quote is ok natively against the catalog and wallet; tampering and unheld coupons are named", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "xd-verify-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const catalog = xd.demoCatalog();
  const tea = catalog.coupons.find((c) => c.id === "tea-150-30");
  const order = { picks: [{ skuId: "puer-357", quantity: 1 }, { skuId: "longjing-100", quantity: 1 }], coupons: [tea] };
  const quote = new xd.Storefront(catalog).quote(order);
  assert.equal(quote.payable, "157.00");
  for (const [name, value] of Object.entries({ catalog, order, quote, tampered: { ...quote, payable: "0.01" } })) {
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(value));
  }
  // The server's clock is pinned to the client's so a slow first build cannot count as skew.
  const run = (q, wallet) => spawnSync("cargo", ["run", "-q", "--locked", "--example", "verify_quote", "--",
    join(dir, "catalog.json"), join(dir, "order.json"), join(dir, q), "--wallet", wallet, "--now", quote.evaluatedAt], { encoding: "utf8" });
  const ok = run("quote.json", "tea-150-30");
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`^ok: payable ${quote.payable} fingerprint ${quote.fingerprint}`));
  const bad = run("tampered.json", "tea-150-30");
  assert.equal(bad.status, 1, bad.stderr);
  assert.deepEqual(JSON.parse(bad.stdout).differences, [{ path: "payable", client: "0.01", server: quote.payable, code: "PAYABLE_MISMATCH" }]);
  const unheld = run("quote.json", "");
  assert.equal(unheld.status, 1, unheld.stderr);
  assert.deepEqual(JSON.parse(unheld.stdout).differences[0], { path: "order.coupons[0].id", client: "tea-150-30", server: null, code: "UNKNOWN_COUPON" });
  writeFileSync(join(dir, "junk.json"), "{not json");
  assert.equal(run("junk.json", "").status, 2);
});
