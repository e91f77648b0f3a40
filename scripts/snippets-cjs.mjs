// wasm-bindgen writes the binding's JS snippet (the result decoder in src/wasm.rs) as an ES
// module even for --target nodejs, whose CommonJS glue then require()s it: that works only on
// Node versions that can require ES modules. This turns snippets into CommonJS.
//   node scripts/snippets-cjs.mjs <pkg dir>   (scripts/build.sh, for pkg/node)
// build-miniprogram.mjs uses snippetToCommonJs to inline the snippet into its loader.
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A snippet's source as a CommonJS module body (`module.exports = { … }` at the end). */
export function snippetToCommonJs(source) {
  const names = [];
  const body = source.replace(/^export function ([A-Za-z0-9_$]+)/gm, (_, name) => {
    names.push(name);
    return `function ${name}`;
  });
  const leftover = body.match(/^\s*(export|import)\b.*$/m);
  if (leftover) throw new Error(`unexpected ES module syntax in a snippet: ${leftover[0]}`);
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
