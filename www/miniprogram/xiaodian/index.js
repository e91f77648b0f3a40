// The xiaodian engine in a WeChat mini-program. Same API as the browser build
// (../shared/contract.md): `await init()` once, then quote(), validateListing(), checkCategory(), …
// synchronously, and `new Storefront(catalog)`.
//
//   const xd = require("../../xiaodian/index.js");
//   await xd.init();                    // WXWebAssembly.instantiate("/xiaodian/xiaodian_bg.wasm.br")
//   xd.quote({ lines: [...] }).payable;
//
// Mini-programs cannot fetch a module or pass bytes: WXWebAssembly.instantiate takes a path inside
// the package (a Brotli .wasm.br from base library 2.14.0), so the glue's imports are wired here.
"use strict";

const glue = require("./xiaodian_bg.js");

/** Package path of the module; override with init(path), e.g. for a sub-package. */
const DEFAULT_PATH = "/xiaodian/xiaodian_bg.wasm.br";
let ready = null;

function runtime() {
  if (typeof WXWebAssembly !== "undefined") return WXWebAssembly;
  throw new Error("WXWebAssembly is not available: needs WeChat base library 2.13.0 or later");
}

async function instantiate(path) {
  const result = await runtime().instantiate(path, { "./xiaodian_bg.js": glue });
  const instance = result.instance || result;
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return api;
}

/** Load the engine once; later calls return the same promise. A failed load may be retried. */
function init(path = DEFAULT_PATH) {
  if (!ready) {
    ready = instantiate(path).catch((e) => {
      ready = null;
      throw e;
    });
  }
  return ready;
}

const api = { init, DEFAULT_PATH };
for (const [name, value] of Object.entries(glue)) {
  // The glue's own plumbing (__wbg_*, __wbindgen_*) stays private.
  if (!name.startsWith("__")) api[name] = value;
}
module.exports = api;
