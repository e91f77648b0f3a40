// Size check for the optimised modules, run by scripts/test.sh after the build: the full module
// (www/pkg, also pkg/node and the mini-program's merchant sub-package) and the shopper's
// (www/pkg-shop, the storefront's and the mini-program's main package: no merchant exports).
// Prints raw, gzip -9 and Brotli sizes against two budgets:
//   target  — issue 23's: the shopper's 120 KB gzip (and issue 9's 300 KB raw), the full module
//             300 KB gzip; NOT met yet (printed as the gap to close);
//   ceiling — today's size plus a little headroom: the check fails above it, so a module
//             cannot grow unnoticed while the work to reach the target goes on.
//   node scripts/size-check.mjs [file.wasm]   (a file given alone is checked against the full ceiling)
// Data files are reported beside the code (issue 23: "data files (regions, catalog) excluded and
// reported beside it"): the ones a module embeds (build.rs: the rulebook and demo catalog in the
// full module, the rulebook's checkout part in the shopper's) are found in its bytes and the module
// is also measured without them; the ones the pages load next to it (www/regions.txt,
// www/demo-catalog.json) are printed with their own sizes. The ceilings apply to the module as
// shipped, embedded data included.
import { existsSync, readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const KB = 1024;
const TARGET = { raw: 300 * KB, gzip: 120 * KB };
// Raised on purpose when the address layer (regions lookups, 地址智能识别) landed in both modules:
// +63 KB raw, +28 KB gzip each; and again for the new offer kinds (tiered, nthItem, bundle, addOn):
// +58 KB raw, +22 KB gzip each; and for loyalty (改价, points earned, 储值, levels, refund consequences,
// invoices): +177 KB raw, +63 KB gzip on the shopper's module, not yet looked into; and for strict
// input (unknown fields named with a suggestion, adjustments): +30 KB raw, +13 KB gzip; verifyOrder
// in both modules: +37 KB raw, +12 KB gzip; 运费模板 (issue 22 parts 3–5: templates, cart address,
// delivery, blockers; docs/freight.md) in both modules: +58.0 KB raw, +22.1 KB gzip each, measured
// against int 3e10173's build; the merchant audit of issue 27 (prohibited classes, claims,
// suggestCategory with ~16 KB of keyword data in the rulebook, inspectImage, parseAmountInput,
// corporateAccount), full module only: +87.6 KB raw, +41.5 KB gzip against the same build; issue
// 23's lean results (options, LeanQuote, the tape's key filter): +52.2 KB raw, +16.3 KB gzip (full)
// and +33.9 KB raw, +11.9 KB gzip (shopper's); issue 21's robustness (every argument checked with a
// code, the Storefront handle table, refusals of null / duplicate keys / sizes, the grouped search
// bound and budget): +33.5 KB raw, +12.4 KB gzip (full), +25.1 KB raw, +9.6 KB gzip (shopper's).
// All of these together measured 1,355.9 KB raw / 523.6 KB gzip (full) and 831.6 / 326.2 KB
// (shopper's) — ~30 KB under their sum, as the tape's key check moved out of line. Ceilings: that
// plus ~2 %. Issue 23 is where the shopper's module gets small again.
// Session 4 (ef90c35, docs/bench.md "Sizes, session 4"): full 1,393,623 B raw / 538,850 B gzip,
// shopper's 857,993 / 336,665 — 1.0–1.5 % under these ceilings, so they stay. opt-level "s"/"z"
// would shrink the shopper's module by 5–12 % gzip but made the quote 1.4–9× slower: not taken.
// Session 4 merge (split search, undo trail and bounds; fingerprint streamed by a serde serializer;
// English region names and titleEn): full 1,477,679 B raw / 568,445 B gzip (+84 KB / +29.6 KB),
// shopper's 938,909 / 363,680 (+81 KB / +27.0 KB). Raised on purpose to that + ~2 %; which of the
// three costs what is not yet measured (twiggy on the next size pass).
// Session 5 (docs/bench.md "Sizes, session 5"): wasm-opt --low-memory-unused --zero-filled-memory:
// full 1,463,629 B raw / 563,700 B gzip (−14.1 KB / −4.7 KB), shopper's 929,830 / 360,921
// (−9.1 KB / −2.8 KB). Lowered to that + ~1 %. Merged with that session's core and boundary
// branches (Catalog::prepare for the Storefront, the fingerprint buffer, stack price candidates)
// the shopper's is 934,163 / 364,861 (+3.9 KB gzip over the size branch alone): its gzip ceiling
// raised on purpose to 360 KB.
// Session 6 merge (Storefront.setWallet, the tape's per-struct shapes, the search's buffers sized
// once, the fingerprint stream's length patching, wasm-opt -ocimfs 400): full 1,529,762 B raw /
// 581,513 B gzip (+62.7 KB / +13.7 KB), shopper's 975,531 / 379,573 (+41.4 KB / +14.7 KB), of
// which -ocimfs is +0.9 KB raw / +1.7 KB gzip (measured: same cargo build, wasm-opt with and
// without). The rest is not yet apportioned (twiggy diff against the session-5 build names the
// Cart's Serialize instances, +22.7 KB raw, probably the fingerprint stream's); raised on purpose to
// that + ~1 % for the speed it bought (docs/bench.md, session 6), to be found and cut next.
// Then INVALID_INPUT's zh sentences (foundation/error_text.rs): shopper's 983,135 / 383,197
// (+7.6 KB raw / +3.6 KB gzip, not yet looked into), full 1,533,836 / 584,472: shopper's + ~1 %.
// Session 7 (docs/bench.md "Size, session 7"): the fingerprint's cart bytes written by the tape's
// own serialiser (one `Serialize` instantiation per type instead of two): full 1,482,302 B raw /
// 574,430 B gzip (−51.5 KB / −10.0 KB), shopper's 940,684 / 372,001 (−42.4 KB / −11.2 KB).
// Lowered to that + ~1 %.
// Session 8, wip8-ui (lookupRegion with the table's `# removed:` lines, offers' `reason`, error
// messages without the path): against main 149980c built the same way, full 1,492,353 → 1,499,910
// B raw / 577,633 → 581,072 B gzip (+7.6 KB / +3.4 KB), shopper's 950,736 → 958,400 / 376,534 →
// 379,775 (+7.7 KB / +3.2 KB). By function (pre-wasm-opt, shopper's): lookupRegion's binding and
// its serialiser 3.0 KB, Regions::lookup 1.8 KB, the `# removed:` parsing in Regions::parse
// 2.1 KB, `reason` ~1 KB; the path-free messages −0.4 KB. Raised on purpose to that + ~0.5 %.
// Session 8, wip8-core: the cheaper canonical line order (offer/engine.rs,
// `canonical_order`; docs/bench.md "Native core, session 8"): full 1,494,968 / 580,801 against
// main's 1,492,353 / 577,633 (+2.6 KB raw, +3.2 KB gzip, not apportioned: gzip grew more than
// raw), 193 B over; gzip ceiling raised 1 KB on purpose for its −5.6 % instructions, to be
// looked at with twiggy.
// Session 8 merge (int8: wip8-ui, wip8-core, wip8-server, wip8-merchant — CSV findings' column
// labels, checkIdentity's masked, localTime, one rule for typed amounts and counts — and wip8-pages):
// full 1,511,200 B raw / 588,153 B gzip, shopper's 962,190 / 381,697 (session 7's merge: 1,492,353 /
// 577,633 and 950,736 / 376,534). Raised on purpose to that + ~0.5 %.
const FULL_CEILING = { raw: 1482 * KB, gzip: 577 * KB };
const at = (p) => new URL(`../${p}`, import.meta.url).pathname;
// build.rs's minify(): whitespace outside JSON strings dropped, everything else as is.
function minify(json) {
  let out = "", inString = false, escaped = false;
  for (const c of json) {
    if (inString) {
      out += c;
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
    } else if (!/\s/.test(c) || c.charCodeAt(0) > 127) {
      inString = c === '"';
      out += c;
    }
  }
  return out;
}
// build.rs's checkout-rules.json: serde_json's to_string of those five keys (maps sorted).
const sortKeys = (v) => Array.isArray(v) ? v.map(sortKeys)
  : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v;
const rulebookText = readFileSync(at("data/rulebook.json"), "utf8");
const book = JSON.parse(rulebookText);
const EMBEDDED = [
  ["data/rulebook.json", minify(rulebookText)],
  ["data/demo-catalog.json", minify(readFileSync(at("data/demo-catalog.json"), "utf8"))],
  ["data/rulebook.json's checkout part", JSON.stringify(sortKeys({ version: book.version, points: book.points,
    membership: book.membership, invoice: book.invoice, refund: book.refund }))],
  ["data/regions.txt", readFileSync(at("data/regions.txt"), "utf8")],
].map(([name, text]) => [name, Buffer.from(text, "utf8")]);
const BESIDE = ["www/regions.txt", "www/demo-catalog.json"];
const gzip = (b) => gzipSync(b, { level: 9 }).length;
const modules = process.argv[2]
  ? [{ name: "given", file: process.argv[2], ceiling: FULL_CEILING, target: TARGET }]
  : [
      { name: "full", file: at("www/pkg/xiaodian_bg.wasm"), ceiling: FULL_CEILING, target: { gzip: 300 * KB } },
      // Session-7 merge: 949,180 / 375,767 B (the one-serialiser cut, then the trial fixes' +3.8 KB);
      // session 8's lookupRegion and `reason`: 958,400 / 379,775 (above).
      { name: "shopper", file: at("www/pkg-shop/xiaodian_bg.wasm"), ceiling: { raw: 943 * KB, gzip: 375 * KB }, target: { raw: 300 * KB, gzip: 120 * KB } },
    ];
const kb = (n) => `${(n / KB).toFixed(1)} KB`;
let failed = false;
for (const { name, file, ceiling, target } of modules) {
  const bytes = readFileSync(file);
  const size = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  console.log(`[size] ${name}: ${file}`);
  console.log(`[size]   raw ${size.raw} B (${kb(size.raw)}), gzip -9 ${size.gzip} B (${kb(size.gzip)}), brotli 11 ${size.brotli} B (${kb(size.brotli)})`);
  // The embedded data files, cut out of the bytes (the rest of the data section stays: strings
  // and tables of the code).
  let code = bytes;
  const found = [];
  for (const [what, text] of EMBEDDED) {
    const i = code.indexOf(text);
    if (i < 0) continue;
    code = Buffer.concat([code.subarray(0, i), code.subarray(i + text.length)]);
    found.push(`${what} ${text.length} B`);
  }
  const bare = { raw: code.length, gzip: gzip(code) };
  console.log(`[size]   embedded data files: ${found.length ? found.join(", ") : "none"}; ` +
    `without them raw ${bare.raw} B (${kb(bare.raw)}), gzip -9 ${bare.gzip} B (${kb(bare.gzip)})`);
  for (const k of ["raw", "gzip"]) {
    if (target[k] === undefined) {
      console.log(`[size]   ${k}: no target; ceiling ${kb(ceiling[k])}`);
      continue;
    }
    const over = bare[k] - target[k];
    console.log(`[size]   ${k}: target ${kb(target[k])} ${over > 0 ? `— over by ${kb(over)} (not met)` : "— met"}; ceiling ${kb(ceiling[k])}`);
  }
  const broken = ["raw", "gzip"].filter((k) => size[k] > ceiling[k]);
  if (broken.length) {
    console.error(`[size] FAIL ${name}: ${broken.join(", ")} above the ceiling; the module grew. Find what (twiggy top) or raise the ceiling on purpose.`);
    failed = true;
  }
}
for (const f of BESIDE) {
  if (!existsSync(at(f))) continue;
  const b = readFileSync(at(f));
  console.log(`[size] beside the modules (loaded by the pages, not in a module): ${f} raw ${b.length} B (${kb(b.length)}), gzip -9 ${gzip(b)} B (${kb(gzip(b))})`);
}
if (failed) process.exit(1);
