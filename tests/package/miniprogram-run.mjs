// Child process of package.test.mjs (the harness removes TextEncoder/TextDecoder for the whole
// process): loads the package's mini-program build from <project>/miniprogram_npm/xiaodian/ as a
// page would after 构建npm, through tests/miniprogram/harness.mjs's WXWebAssembly, runs the probe
// and prints the result as JSON.
//   node tests/package/miniprogram-run.mjs <mini-program project folder>
import { createRequire } from "node:module";
import { join } from "node:path";
import { installRuntime, calls } from "../miniprogram/harness.mjs";
import { probe } from "./probe.mjs";

const project = process.argv[2];
const require = createRequire(import.meta.url);
installRuntime(project);
const pkg = join(project, "miniprogram_npm/xiaodian/");
const shop = require(join(pkg, "shop/index.js"));
const full = require(join(pkg, "index.js"));
await shop.init();
await full.init();
const catalog = require(join(process.cwd(), "node_modules/xiaodian/data/demo-catalog.json"));
console.log(JSON.stringify({
  instantiated: calls.instantiate,
  textEncoderNative: require(join(pkg, "text-encoding.js")).native,
  probe: probe(full, shop, catalog),
}));
