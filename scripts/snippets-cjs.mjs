// wasm-bindgen writes the binding's JS snippet (the result decoder in src/binding/mod.rs) as an ES
// module even for --target nodejs, whose CommonJS glue then require()s it: that works only on
// Node versions that can require ES modules. This turns snippets into CommonJS.
//   node scripts/snippets-cjs.mjs <pkg dir>   (scripts/build.sh, for pkg/node)
// build-miniprogram.mjs uses both exports: the snippet inlined, its own glue made CommonJS.
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * An ES module's top-level `export function|class` declarations made plain: `{ body, names }`.
 * Any other import or export fails, so a change in wasm-bindgen's output shape stops the build.
 */
export function stripExports(source, what) {
  const names = [];
  const body = source.replace(/^export (function|class) ([A-Za-z0-9_$]+)/gm, (_, kind, name) => {
    names.push(name);
    return `${kind} ${name}`;
  });
  const leftover = body.match(/^\s*(export|import)\b.*$/m);
  if (leftover) throw new Error(`unexpected ES module syntax in ${what}: ${leftover[0]}`);
  return { body, names };
}

/** A snippet's source as a CommonJS module body (`module.exports = { … }` at the end). */
export function snippetToCommonJs(source) {
  const { body, names } = stripExports(source, "a snippet");
  return `"use strict";\n${body}\nmodule.exports = { ${names.join(", ")} };\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = join(process.argv[2], "snippets");
  if (existsSync(dir)) {
    for (const crate of readdirSync(dir)) {
      for (const file of readdirSync(join(dir, crate))) {
        const path = join(dir, crate, file);
        writeFileSync(path, snippetToCommonJs(readFileSync(path, "utf8")));
      }
    }
  }
}
