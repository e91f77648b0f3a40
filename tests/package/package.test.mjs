// The npm package as a user gets it: scripts/build-npm.mjs packs dist/xiaodian-<version>.tgz, each
// test installs it with npm into a fresh app and uses it the way docs/package.md says: Node
// (CommonJS and ESM), Vite, esbuild and webpack builds served on 127.0.0.1 and run in Chromium,
// tsc --strict over a consumer that must compile and one that must not, and the mini-program
// build through tests/miniprogram/harness.mjs as WeChat's 构建npm lays it out.
// Needs scripts/build.sh's outputs. Bundlers come from the npm registry into a cache (apps.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { ROOT, tools, pack, app, serve, remove } from "./apps.mjs";
import { probe, probeCjs, probeEsm } from "./probe.mjs";

const require = createRequire(import.meta.url);
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
const timings = {};
const timed = async (name, f) => {
  const t = performance.now();
  try {
    return await f();
  } finally {
    timings[name] = Math.round(performance.now() - t);
  }
};

let tarball;
let pkg;
let toolDir;
let browser;
let expected;
const cleanup = [];

before(async () => {
  ({ tarball, pkg } = await timed("pack", () => pack()));
  toolDir = (await timed("tools (cached after the first run)", () => tools())).dir;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: FLAGS, headless: true });
  // The reference: the repo's own Node build, with the guard the package adds.
  const node = require("../../pkg/node/xiaodian.js");
  const isXiaodianError = (e) => e instanceof Error && typeof e.code === "string";
  const full = { ...node, isXiaodianError };
  expected = probe(full, { ...full, validateListing: undefined }, JSON.parse(readFileSync(join(ROOT, "data/demo-catalog.json"), "utf8")));
});

after(async () => {
  await browser?.close();
  for (const dir of cleanup) remove(dir);
  console.log(`[package] timings (ms): ${JSON.stringify(timings)}`);
});

test("the tarball: name, version from Cargo.toml, exports, and only the files it should hold", () => {
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
  assert.equal(pkg.version, cargo.match(/^version = "(.*)"$/m)[1]);
  assert.equal(pkg.name, "xiaodian");
  assert.equal(pkg.license, "MIT");
  assert.ok(pkg.description.length > 20);
  assert.equal(pkg.miniprogram, "miniprogram");
  assert.deepEqual(Object.keys(pkg.exports).filter((k) => !k.endsWith(".wasm")).sort(),
    [".", "./demo-catalog.json", "./package.json", "./shop", ...(existsSync(join(ROOT, "dist/npm/data/regions.json")) ? ["./regions.json"] : [])].sort());
  const list = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n").map((f) => f.replace(/^package\//, "")).sort();
  for (const f of ["package.json", "README.md", "full/xiaodian_bg.wasm", "full/web.mjs", "full/node.cjs", "full/node.mjs", "full/index.d.ts",
    "shop/xiaodian_bg.wasm", "shop/index.d.ts", "miniprogram/index.js", "miniprogram/xiaodian_bg.wasm.br", "miniprogram/shop/index.js",
    "miniprogram/shop/xiaodian_bg.wasm.br", "data/demo-catalog.json"]) {
    assert.ok(list.includes(f), `${f} in the tarball`);
  }
  assert.equal(list.filter((f) => /snippets\/|\.map$|\.rs$/.test(f)).length, 0, "no snippets, maps or sources");
  // The shopper's module is the smaller one, as built with --no-default-features.
  assert.ok(statSync(join(ROOT, "dist/npm/shop/xiaodian_bg.wasm")).size < statSync(join(ROOT, "dist/npm/full/xiaodian_bg.wasm")).size * 0.7);
  console.log(`[package] ${tarball}: ${statSync(tarball).size} B, ${list.length} files:\n  ${list.join("\n  ")}`);
});

test("Node, CommonJS: require('xiaodian') and 'xiaodian/shop' are ready on load", async () => {
  const dir = await timed("node cjs app", () => app("cjs", {
    "probe.cjs": probeCjs,
    "main.cjs": `const full = require("xiaodian");
const shop = require("xiaodian/shop");
const catalog = require("xiaodian/demo-catalog.json");
const probe = require("./probe.cjs");
console.log(JSON.stringify({ ...probe(full, shop, catalog), shopDemo: typeof shop.demoCatalog, hasInit: typeof full.init }));
`,
  }, tarball));
  cleanup.push(dir);
  const out = JSON.parse(execFileSync("node", ["main.cjs"], { cwd: dir, encoding: "utf8" }));
  assert.deepEqual({ ...out, shopDemo: undefined, hasInit: undefined }, { ...expected, shopDemo: undefined, hasInit: undefined });
  assert.equal(out.payable, "59.70");
  assert.equal(out.shopDemo, "undefined");
  assert.equal(out.hasInit, "function");
});

test("Node, ESM in a \"type\": \"module\" app: import, await init(), one instance shared with require", async () => {
  const dir = await timed("node esm app", () => app("esm", {
    "probe.js": probeEsm,
    "main.js": `import init, * as full from "xiaodian";
import initShop, * as shop from "xiaodian/shop";
import catalog from "xiaodian/demo-catalog.json" with { type: "json" };
import { createRequire } from "node:module";
import { probe } from "./probe.js";
await init();
await initShop();
const cjs = createRequire(import.meta.url)("xiaodian");
console.log(JSON.stringify({ ...probe(full, shop, catalog), sameInstance: cjs.Storefront === full.Storefront }));
`,
  }, tarball, { type: "module" }));
  cleanup.push(dir);
  const out = JSON.parse(execFileSync("node", ["main.js"], { cwd: dir, encoding: "utf8" }));
  const { sameInstance, ...rest } = out;
  assert.deepEqual(rest, expected);
  assert.equal(sameInstance, true);
});

// ---- bundlers in Chromium ------------------------------------------------------------------

/** The page's script: both modules initialised as docs/package.md shows, the probe's result shown. */
const pageMain = (initFull, initShop, head = "") => `${head}import init, * as full from "xiaodian";
import initShop, * as shop from "xiaodian/shop";
import catalog from "xiaodian/demo-catalog.json";
import { probe } from "./probe.js";
async function main() {
  await init(${initFull});
  await initShop(${initShop});
  document.getElementById("out").textContent = JSON.stringify(probe(full, shop, catalog));
}
main().catch((e) => { document.getElementById("out").textContent = "failed: " + e.message; });
`;

async function inChromium(name, distDir) {
  const server = await serve(distDir);
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => document.getElementById("out")?.textContent, null, { timeout: 30_000 });
    const text = await page.textContent("#out");
    assert.doesNotMatch(text, /^failed/, `${name}: ${text}`);
    const wasm = server.requests.filter((r) => r.path.includes(".wasm"));
    return { out: JSON.parse(text), wasm, problems };
  } finally {
    await context.close();
    await server.close();
  }
}

function checkPage(name, { out, wasm, problems }) {
  assert.deepEqual(problems, [], `${name}: no page errors`);
  assert.deepEqual(out, expected, `${name}: the quote shown equals pkg/node's`);
  // Each module's .wasm fetched once, as its own file, successfully.
  assert.equal(wasm.length, 2, `${name}: ${JSON.stringify(wasm)}`);
  assert.ok(wasm.every((r) => r.status === 200), `${name}: ${JSON.stringify(wasm)}`);
}

test("browser ES modules without a bundler: an import map to the installed files, init() fetches the .wasm beside web.mjs", async () => {
  const dir = await timed("browser esm app install", () => app("browser", {
    "index.html": `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>esm</title><pre id="out"></pre>
<script type="importmap">{ "imports": { "xiaodian": "./node_modules/xiaodian/full/web.mjs", "xiaodian/shop": "./node_modules/xiaodian/shop/web.mjs" } }</script>
<script type="module" src="main.js"></script>
`,
    "probe.js": probeEsm,
    "main.js": pageMain("", "").replace('import catalog from "xiaodian/demo-catalog.json";\n', "")
      .replace("await init();", 'const catalog = await (await fetch("./node_modules/xiaodian/data/demo-catalog.json")).json();\n  await init();'),
  }, tarball));
  cleanup.push(dir);
  checkPage("browser esm", await timed("browser esm in chromium", () => inChromium("browser esm", dir)));
});

test("Vite dev server, default config: the .wasm found through dependency pre-bundling", async () => {
  const dir = await timed("vite dev app install", () => app("vite-dev", {
    "index.html": '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>vite dev</title><pre id="out"></pre><script type="module" src="/main.js"></script>\n',
    "probe.js": probeEsm,
    "main.js": pageMain("", ""),
    "vite.config.mjs": 'export default { logLevel: "warn" };\n',
    "dev.mjs": `import { createServer } from "vite";
const server = await createServer({ server: { host: "127.0.0.1", port: 0, strictPort: false } });
await server.listen();
console.log(server.resolvedUrls.local[0]);
`,
  }, tarball, { bundled: true, type: "module" }));
  cleanup.push(dir);
  const child = spawn("node", ["dev.mjs"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  try {
    const url = await new Promise((resolve, reject) => {
      let text = "";
      child.stdout.on("data", (d) => {
        text += d;
        const m = text.match(/http:\/\/127\.0\.0\.1:\d+\//);
        if (m) resolve(m[0]);
      });
      child.on("exit", (code) => reject(new Error(`vite dev exited ${code}`)));
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = [];
    const wasm = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("response", (r) => r.url().includes(".wasm") && wasm.push({ path: new URL(r.url()).pathname, status: r.status() }));
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById("out")?.textContent, null, { timeout: 60_000 });
    const text = await page.textContent("#out");
    await context.close();
    assert.doesNotMatch(text, /^failed/, text);
    checkPage("vite dev", { out: JSON.parse(text), wasm, problems });
  } finally {
    child.kill();
  }
});

test("Vite: vite build finds the .wasm through new URL(…, import.meta.url)", async () => {
  const dir = await timed("vite app install", () => app("vite", {
    "index.html": '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>vite</title><pre id="out"></pre><script type="module" src="/main.js"></script>\n',
    "probe.js": probeEsm,
    "main.js": pageMain("", ""),
    "vite.config.mjs": 'export default { logLevel: "warn" };\n',
  }, tarball, { bundled: true, type: "module" }));
  cleanup.push(dir);
  await timed("vite build", () => execFileSync("node", [join(toolDir, "node_modules/vite/bin/vite.js"), "build"], { cwd: dir, encoding: "utf8", stdio: "pipe" }));
  const assets = readdirSync(join(dir, "dist/assets"));
  assert.equal(assets.filter((f) => f.endsWith(".wasm")).length, 2, assets.join(" "));
  checkPage("vite", await timed("vite in chromium", () => inChromium("vite", join(dir, "dist"))));
});

test("esbuild: the .wasm imported with the file loader and passed to init()", async () => {
  const dir = await timed("esbuild app install", () => app("esbuild", {
    "index.html": '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>esbuild</title><pre id="out"></pre><script type="module" src="main.js"></script>\n',
    "probe.js": probeEsm,
    "main.js": pageMain("{ module_or_path: fullWasm }", "{ module_or_path: shopWasm }",
      'import fullWasm from "xiaodian/xiaodian_bg.wasm";\nimport shopWasm from "xiaodian/shop/xiaodian_bg.wasm";\n'),
    "build.mjs": `import * as esbuild from "esbuild";
import { copyFileSync } from "node:fs";
await esbuild.build({ entryPoints: ["main.js"], bundle: true, format: "esm", outdir: "dist", loader: { ".wasm": "file" }, logLevel: "warning" });
copyFileSync("index.html", "dist/index.html");
`,
  }, tarball, { bundled: true, type: "module" }));
  cleanup.push(dir);
  await timed("esbuild build", () => execFileSync("node", ["build.mjs"], { cwd: dir, encoding: "utf8", stdio: "pipe" }));
  checkPage("esbuild", await timed("esbuild in chromium", () => inChromium("esbuild", join(dir, "dist"))));
});

test("webpack 5: production build, the .wasm emitted as an asset from new URL(…, import.meta.url)", async () => {
  const dir = await timed("webpack app install", () => app("webpack", {
    "src/probe.js": probeEsm,
    "src/main.js": pageMain("", "").replace('"./probe.js"', '"./probe.js"'),
    "build.cjs": `const webpack = require("webpack");
const { writeFileSync } = require("fs");
const path = require("path");
webpack({ mode: "production", entry: "./src/main.js", output: { path: path.resolve(__dirname, "dist"), filename: "main.js" } }, (err, stats) => {
  if (err || stats.hasErrors()) {
    console.error(err || stats.toString("errors-only"));
    process.exit(1);
  }
  writeFileSync("dist/index.html", '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>webpack</title><pre id="out"></pre><script src="main.js"></script>\\n');
});
`,
  }, tarball, { bundled: true }));
  cleanup.push(dir);
  await timed("webpack build", () => execFileSync("node", ["build.cjs"], { cwd: dir, encoding: "utf8", stdio: "pipe" }));
  checkPage("webpack", await timed("webpack in chromium", () => inChromium("webpack", join(dir, "dist"))));
});

test("Rollup: node-resolve (browser condition) and an import-meta-assets plugin emit the .wasm", async () => {
  const dir = await timed("rollup app install", () => app("rollup", {
    "index.html": '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>rollup</title><pre id="out"></pre><script type="module" src="main.js"></script>\n',
    "probe.js": probeEsm,
    "main.js": pageMain("", ""),
    "rollup.config.mjs": `import { nodeResolve } from "@rollup/plugin-node-resolve";
import json from "@rollup/plugin-json";
import { importMetaAssets } from "@web/rollup-plugin-import-meta-assets";
export default { input: "main.js", output: { dir: "dist", format: "es" }, plugins: [nodeResolve({ browser: true }), json(), importMetaAssets()] };
`,
  }, tarball, { bundled: true, type: "module" }));
  cleanup.push(dir);
  await timed("rollup build", () => execFileSync("node", [join(toolDir, "node_modules/rollup/dist/bin/rollup"), "-c", "--silent"], { cwd: dir, encoding: "utf8", stdio: "pipe" }));
  writeFileSync(join(dir, "dist/index.html"), readFileSync(join(dir, "index.html")));
  checkPage("rollup", await timed("rollup in chromium", () => inChromium("rollup", join(dir, "dist"))));
});

// ---- TypeScript ----------------------------------------------------------------------------

const GOOD_TS = `import init, { quote, refundPreview, previewFees, validateListing, validateListings, checkIdentity, demoCatalog, Storefront, isXiaodianError } from "xiaodian";
import type { Cart, Quote, ErrorCode, RejectCode, HintKind, FindingCode, IdentityCode, ListingOptions, FeeInput, Order, Catalog, XiaodianError,
  HealthMetrics, Application, Listing, Rulebook, InitInput, RefundPreview, BatchReport } from "xiaodian";
import * as shop from "xiaodian/shop";

export async function run(): Promise<string> {
  await init();
  await shop.default();
  const cart: Cart = { lines: [{ skuId: "a", unitPrice: "19.90", quantity: 3 }] };
  const q: Quote = quote(cart);
  // Optional arguments are optional, as the README's function table says.
  const r = refundPreview(q, "a", 1);
  const fees: FeeInput = { subject: "enterprise", categoryId: "food.tea.puer", monthlyGmv: "10000" };
  previewFees(fees);
  const options: ListingOptions = { platform: "wechat" };
  validateListing({ title: "勐海普洱熟茶饼", categoryId: "food.tea.puer", skus: [], images: [] });
  validateListings([], undefined, options);
  const rejected: RejectCode[] = q.rejected.map((x) => x.code);
  const hints: HintKind[] = q.hints.map((h) => h.kind);
  const id = checkIdentity("bankCard", "6222020200112345676");
  const idCode: IdentityCode | undefined = id.code;
  const report = validateListing({ title: "x", categoryId: "y", skus: [], images: [] }, options);
  const findings: FindingCode[] = report.findings.map((f) => f.code);
  const order: Order = { picks: [{ skuId: "puer-357", quantity: 1 }] };
  const catalog: Catalog = demoCatalog();
  const store = new Storefront(catalog);
  store.quote(order);
  store.free();
  new shop.Storefront(catalog).quote(order);
  try {
    shop.quote({ lines: [] });
  } catch (e: unknown) {
    if (isXiaodianError(e)) {
      const err: XiaodianError = e;
      const code: ErrorCode = err.code;
      switch (code) {
        case "INVALID_MONEY":
        case "INVALID_INPUT":
          return err.messageEn + err.path;
        default:
          return code;
      }
    }
  }
  const types: [HealthMetrics?, Application?, Listing?, Rulebook?, InitInput?, RefundPreview?, BatchReport?] = [];
  return [types.length, r.refund, rejected.length, hints.length, idCode, findings.length].join();
}
`;

const BAD_TS = `import { quote, isXiaodianError } from "xiaodian";
quote({ lines: [{ skuId: "a", unitPrise: "19.90", quantity: 3 }] });
try {
  quote({ lines: [] });
} catch (e) {
  if (isXiaodianError(e) && e.code === "INVALID_MONY") throw e;
}
`;

const tsconfig = (module, files) => JSON.stringify({ compilerOptions: { strict: true, target: "ES2020", module, noEmit: true, resolveJsonModule: true, ...(module === "commonjs" && { esModuleInterop: true }) }, files }, null, 2);

function tsc(compiler, dir, project) {
  const bin = compiler === "typescript7" ? join(toolDir, "node_modules/typescript7/bin/tsc") : join(toolDir, "node_modules/typescript/bin/tsc");
  return spawnSync("node", [bin, "-p", project], { cwd: dir, encoding: "utf8" });
}

test("TypeScript --strict, default libs, no skipLibCheck: the consumer compiles; a misspelled field and code do not", async () => {
  const dir = await timed("typescript app install", () => app("ts", {
    "good.mts": GOOD_TS,
    "good.cts": GOOD_TS,
    "good.ts": GOOD_TS,
    "bad.mts": BAD_TS,
    "tsconfig.nodenext.json": tsconfig("nodenext", ["good.mts", "good.cts"]),
    "tsconfig.commonjs.json": tsconfig("commonjs", ["good.ts"]),
    "tsconfig.bundler.json": JSON.stringify({ compilerOptions: { strict: true, target: "ES2020", module: "esnext", moduleResolution: "bundler", noEmit: true, resolveJsonModule: true }, files: ["good.ts"] }),
    "tsconfig.bad.json": tsconfig("nodenext", ["bad.mts"]),
  }, tarball));
  cleanup.push(dir);
  for (const compiler of ["typescript", "typescript7"]) {
    for (const project of ["tsconfig.nodenext.json", "tsconfig.commonjs.json", "tsconfig.bundler.json"]) {
      const r = await timed(`tsc ${compiler} ${project}`, () => tsc(compiler, dir, project));
      assert.equal(r.status, 0, `${compiler} ${project}:\n${r.stdout}${r.stderr}`);
    }
    const bad = tsc(compiler, dir, "tsconfig.bad.json");
    assert.notEqual(bad.status, 0, `${compiler}: bad.mts must not compile`);
    assert.match(bad.stdout, /unitPrise/, bad.stdout);
    assert.match(bad.stdout, /INVALID_MONY/, bad.stdout);
    assert.equal((bad.stdout.match(/error TS/g) ?? []).length, 2, bad.stdout);
  }
});

// ---- WeChat mini-program -------------------------------------------------------------------

test("mini-program: the package's miniprogram build, laid out as 构建npm does, through the WXWebAssembly harness", async () => {
  const dir = await timed("miniprogram app install", () => app("mp", {}, tarball));
  cleanup.push(dir);
  // 构建npm copies the `miniprogram` folder of each dependency to miniprogram_npm/<name>/.
  const project = mkdtempSync(join(tmpdir(), "xd-mp-project-"));
  cleanup.push(project);
  const installed = join(dir, "node_modules/xiaodian");
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  cpSync(join(installed, manifest.miniprogram), join(project, "miniprogram_npm/xiaodian"), { recursive: true });
  const out = execFileSync("node", [join(ROOT, "tests/package/miniprogram-run.mjs"), project], { cwd: dir, encoding: "utf8" });
  const r = JSON.parse(out);
  assert.deepEqual(r.instantiated, ["/miniprogram_npm/xiaodian/shop/xiaodian_bg.wasm.br", "/miniprogram_npm/xiaodian/xiaodian_bg.wasm.br"]);
  assert.equal(r.textEncoderNative, false, "the UTF-8 fallbacks in use, as on old base libraries");
  assert.deepEqual(r.probe, expected);
});
