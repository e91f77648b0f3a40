// Size check for the optimised module (www/pkg/xiaodian_bg.wasm), run by scripts/test.sh after
// the build. Prints raw, gzip -9 and Brotli sizes against two budgets:
//   target  — issue 9's 300 KB raw / 120 KB gzip, NOT met yet (printed as the gap to close);
//   ceiling — today's size plus a little headroom: the check fails above it, so the module
//             cannot grow unnoticed while the work to reach the target goes on.
import { readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const KB = 1024;
const TARGET = { raw: 300 * KB, gzip: 120 * KB };
const CEILING = { raw: 900 * KB, gzip: 345 * KB };
const file = process.argv[2] ?? new URL("../www/pkg/xiaodian_bg.wasm", import.meta.url).pathname;
const bytes = readFileSync(file);
const size = {
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
};
const kb = (n) => `${(n / KB).toFixed(1)} KB`;
console.log(`[size] ${file}`);
console.log(`[size] raw ${size.raw} B (${kb(size.raw)}), gzip -9 ${size.gzip} B (${kb(size.gzip)}), brotli 11 ${size.brotli} B (${kb(size.brotli)})`);
for (const k of ["raw", "gzip"]) {
  const over = size[k] - TARGET[k];
  console.log(`[size] ${k}: target ${kb(TARGET[k])} ${over > 0 ? `— over by ${kb(over)} (not met)` : "— met"}; ceiling ${kb(CEILING[k])}`);
}
const broken = ["raw", "gzip"].filter((k) => size[k] > CEILING[k]);
if (broken.length) {
  console.error(`[size] FAIL: ${broken.join(", ")} above the ceiling; the module grew. Find what (twiggy top) or raise the ceiling on purpose.`);
  process.exit(1);
}
