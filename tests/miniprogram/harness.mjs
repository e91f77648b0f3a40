// A WeChat mini-program runtime, just enough to load www/miniprogram as WeChat would, in Node:
// WXWebAssembly.instantiate(packagePath, imports) reading (and un-Brotli-ing) the file from the
// package, no TextEncoder/TextDecoder, wx storage, and App/Page/getApp. Pages are plain objects
// driven by calling their handlers with event objects, as taps and inputs would.
import { readFileSync } from "node:fs";
import { brotliDecompressSync } from "node:zlib";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../www/miniprogram/", import.meta.url));
const require = createRequire(import.meta.url);

export const calls = { instantiate: [] };

/** `root`: the mini-program project folder (default www/miniprogram; the package tests pass theirs). */
export function installRuntime(root = ROOT) {
  // Some base libraries have neither; the loader must not need them.
  delete globalThis.TextEncoder;
  delete globalThis.TextDecoder;
  globalThis.WXWebAssembly = {
    async instantiate(path, imports) {
      calls.instantiate.push(path);
      if (typeof path !== "string" || !path.startsWith("/")) throw new TypeError("WXWebAssembly takes a package path");
      let bytes = readFileSync(join(root, path));
      if (path.endsWith(".wasm.br")) bytes = brotliDecompressSync(bytes);
      else if (!path.endsWith(".wasm")) throw new TypeError(`not a .wasm or .wasm.br: ${path}`);
      const { instance, module } = await WebAssembly.instantiate(bytes, imports);
      // Like WXWebAssembly, expose no exported globals.
      return { instance: { exports: Object.fromEntries(Object.entries(instance.exports).filter(([, v]) => !(v instanceof WebAssembly.Global))) }, module };
    },
  };
  const storage = new Map();
  globalThis.wx = {
    getStorageSync: (k) => (storage.has(k) ? structuredClone(storage.get(k)) : ""),
    setStorageSync: (k, v) => storage.set(k, structuredClone(v)),
    removeStorageSync: (k) => storage.delete(k),
  };
  let app;
  const pages = {};
  let loading;
  globalThis.App = (def) => { app = def; };
  globalThis.getApp = () => app;
  globalThis.Page = (def) => { pages[loading] = def; };
  return {
    storage,
    /** Load app.js as the runtime does, and run onLaunch. */
    launch() {
      require(join(root, "app.js"));
      app.onLaunch();
      return app;
    },
    /** A fresh instance of a page (its module loaded once), with setData merging paths. */
    page(route) {
      if (!pages[route]) {
        loading = route;
        require(join(root, `${route}.js`));
      }
      const instance = Object.create(pages[route]);
      instance.data = structuredClone(pages[route].data);
      instance.setData = (patch) => {
        for (const [path, value] of Object.entries(patch)) {
          const keys = path.split(".");
          let target = instance.data;
          for (const k of keys.slice(0, -1)) target = target[k];
          target[keys.at(-1)] = structuredClone(value);
        }
      };
      return instance;
    },
  };
}

/** The event a tap on an element with data-* attributes delivers. */
export const tap = (dataset) => ({ currentTarget: { dataset } });
export const input = (dataset, value) => ({ currentTarget: { dataset }, detail: { value } });
