// The engine's string codes, read from the Rust sources so the npm package's TypeScript unions
// (ErrorCode, RejectCode, FindingCode, IdentityCode, HintKind) cannot drift from what the engine
// emits. Files are found by name anywhere under src/ (the tree is being reorganised into folders);
// a missing file or a count that does not add up fails, rather than typing a union too narrowly.
//   node scripts/codes.mjs         prints the lists as JSON
// scripts/build-npm.mjs imports rustCodes(); tests/package/codes.test.mjs checks it.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));

function rustFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? rustFiles(join(dir, e.name)) : e.name.endsWith(".rs") ? [join(dir, e.name)] : []);
}

/** Rust source with comments removed: a code named in a doc comment is not one the engine emits. */
function stripComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "").replace(/\s\/\/[^"\n]*$/gm, "");
}

const SNAKE = /"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)"/g;
const sorted = (set) => [...set].sort();

/** Enum variant names of `pub enum <name> { … }` (unit, tuple or struct variants). */
function variants(source, name) {
  const m = source.match(new RegExp(`pub enum ${name}\\s*\\{([\\s\\S]*?)\\n\\}`));
  if (!m) throw new Error(`codes: enum ${name} not found`);
  // Drop attribute lines and the bodies of struct variants, then take the leading identifiers.
  let body = m[1].replace(/#\[[^\]]*\]/g, "");
  for (let prev; prev !== body; ) {
    prev = body;
    body = body.replace(/\{[^{}]*\}/g, "").replace(/\([^()]*\)/g, "");
  }
  return [...body.matchAll(/^\s*([A-Z][A-Za-z0-9]*)\s*,?\s*$/gm)].map((v) => v[1]);
}

/** `Enum::Variant … => "CODE"` match arms: a map from variant to code. */
function arms(source, enumName) {
  const out = new Map();
  for (const m of source.matchAll(new RegExp(`${enumName}::([A-Za-z0-9]+)(?:\\s*\\{\\s*\\.\\.\\s*\\})?\\s*=>\\s*"([A-Z0-9_]+)"`, "g"))) {
    out.set(m[1], m[2]);
  }
  return out;
}

export function rustCodes(srcDir = join(root, "src")) {
  // Sources by their path under src/ (`foundation/error.rs`), comments removed; `under(dir)` joins
  // every file of a folder, so a check split into more files is still read whole.
  const files = new Map(rustFiles(srcDir).map((path) => [relative(srcDir, path).split(sep).join("/"), stripComments(readFileSync(path, "utf8"))]));
  const file = (name) => {
    if (!files.has(name)) throw new Error(`codes: no src/${name}`);
    return files.get(name);
  };
  const under = (dir) => {
    const parts = [...files].filter(([k]) => k.startsWith(dir + "/")).map(([, v]) => v);
    if (!parts.length) throw new Error(`codes: no files under src/${dir}`);
    return parts.join("\n");
  };
  const complete = (enumSrc, enumName, armSrc) => {
    const all = variants(enumSrc, enumName);
    const map = arms(armSrc, enumName);
    const missing = all.filter((v) => !map.has(v));
    if (!all.length || missing.length) throw new Error(`codes: ${enumName} variants without a code: ${missing.join(", ") || "(no variants read)"}`);
    return sorted(new Set(map.values()));
  };

  const errorCodes = complete(file("foundation/error.rs"), "ErrorKind", file("foundation/error.rs"));
  const rejectCodes = complete(file("checkout/offer/model.rs"), "RejectCode", file("checkout/offer/model.rs"));
  // Findings are built in the merchant checks; every UPPER_SNAKE literal there (identity numbers
  // aside, which have their own union) is a finding code.
  const findingCodes = new Set();
  for (const [name, text] of files) {
    if (!name.startsWith("merchant/") || name === "merchant/identity.rs") continue;
    for (const m of text.matchAll(SNAKE)) findingCodes.add(m[1]);
  }
  const identityCodes = new Set([...file("merchant/identity.rs").matchAll(SNAKE)].map((m) => m[1]));
  // Hints are constructed with `kind: "…".into()` in the checkout.
  const hintKinds = new Set([...under("checkout").matchAll(/\bkind:\s*"([a-zA-Z]+)"\.into\(\)/g)].map((m) => m[1]));
  for (const [what, set] of [["finding codes", findingCodes], ["identity codes", identityCodes], ["hint kinds", hintKinds]]) {
    if (!set.size) throw new Error(`codes: no ${what} found`);
  }
  return {
    errorCodes,
    rejectCodes,
    findingCodes: sorted(findingCodes),
    identityCodes: sorted(identityCodes),
    hintKinds: sorted(hintKinds),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(rustCodes(), null, 2));
}
