// wasm-bindgen's class glue hands `this.__wbg_ptr` straight to the module: after free() that is
// 0, and the module's null check throws from inside WASM (an uncoded error that leaks shadow
// stack); a forged number is dereferenced as a pointer. This patches the generated glue so every
// Storefront method first checks that the object holds the pointer its constructor got, and
// throws a coded INVALID_INPUT otherwise (`free()` of a forged or freed object does nothing).
//   node scripts/guard-handles.mjs <file>...   (scripts/build.sh; build-miniprogram.mjs imports it)
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const helper = `
// Added by scripts/guard-handles.mjs: the pointer each live Storefront was given.
const xdHandles = new WeakMap();
function xdLiveHandle(o) {
    const p = o == null ? 0 : o.__wbg_ptr;
    if (p === 0 || p === undefined || xdHandles.get(o) !== p) {
        const e = new Error("输入无效：该 Storefront 已释放");
        e.code = "INVALID_INPUT";
        e.path = "";
        e.messageEn = "invalid input: this Storefront was freed";
        throw e;
    }
    return p;
}
`;

/** The glue with the guard in; throws if wasm-bindgen's output no longer has the shape patched. */
export function guardHandles(source) {
  let n = 0;
  let out = source.replace(/wasm\.storefront_(\w+)\(this\.__wbg_ptr\b/g, (_, m) => {
    n++;
    return `wasm.storefront_${m}(xdLiveHandle(this)`;
  });
  if (n !== 5) throw new Error(`guard-handles: expected 5 Storefront methods, found ${n}`);
  n = 0;
  out = out.replace(/(\n(\s*)this\.__wbg_ptr = ret\[0\][^;]*;)/g, (_, all, indent) => {
    n++;
    return `${all}\n${indent}xdHandles.set(this, this.__wbg_ptr);`;
  });
  if (n !== 1) throw new Error(`guard-handles: expected 1 constructor, found ${n}`);
  n = 0;
  out = out.replace(/\n(\s*)wasm\.__wbg_storefront_free\(ptr, 0\);/g, (_, indent) => {
    n++;
    return `\n${indent}if (ptr !== 0 && xdHandles.get(this) === ptr) wasm.__wbg_storefront_free(ptr, 0);`;
  });
  if (n !== 1) throw new Error(`guard-handles: expected 1 free(), found ${n}`);
  return out + helper;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of process.argv.slice(2)) writeFileSync(file, guardHandles(readFileSync(file, "utf8")));
}
