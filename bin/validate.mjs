#!/usr/bin/env node
// Validate a spreadsheet of listings before upload.
//   node bin/validate.mjs listings.csv [--json] [--platform wechat] [--subject enterprise]
//                        [--qualifications foodBusinessLicence,qualityReport] [--lang en]
// Prints a table of findings (a progress bar on stderr for big files) and exits 1 when any
// error is found, 2 when the command itself cannot run.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const usage = "usage: node bin/validate.mjs FILE.csv [--json] [--platform ID] [--subject individual|individualBusiness|enterprise] [--qualifications a,b] [--lang zh|en]";
const args = process.argv.slice(2);
const opts = { json: false, lang: "zh" };
const options = {};
let file;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => {
    if (i + 1 >= args.length) fail(`${a} needs a value`);
    return args[++i];
  };
  if (a === "--json") opts.json = true;
  else if (a === "--platform") options.platform = value();
  else if (a === "--subject") options.subject = value();
  else if (a === "--qualifications") options.qualifications = value().split(",").map((s) => s.trim()).filter(Boolean);
  else if (a === "--lang") opts.lang = value();
  else if (a === "-h" || a === "--help") {
    console.log(usage);
    process.exit(0);
  } else if (!a.startsWith("--") && !file) file = a;
  else fail(`unknown argument ${a}`);
}
if (!file) fail("no CSV file given");

function fail(message) {
  console.error(`validate: ${message}\n${usage}`);
  process.exit(2);
}

let xd;
try {
  xd = createRequire(import.meta.url)("../pkg/node/xiaodian.js");
} catch {
  fail("pkg/node is not built: run `bash scripts/build.sh` first");
}

let bytes;
try {
  bytes = readFileSync(file);
} catch (e) {
  fail(`cannot read ${file}: ${e.message}`);
}
// Excel in China often saves GB18030; take UTF-8 when it is valid.
let text;
try {
  text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
} catch {
  text = new TextDecoder("gb18030").decode(bytes);
  if (!opts.json) console.error("validate: the file is not UTF-8; read it as GB18030");
}

const showBar = process.stderr.isTTY || process.env.XD_PROGRESS === "1";
let lastPct = -1;
const onProgress = (done, total) => {
  if (total < 1000 || !showBar) return;
  const pct = Math.floor((done / total) * 100);
  if (pct === lastPct) return;
  lastPct = pct;
  const width = 30;
  const fill = Math.round((pct / 100) * width);
  process.stderr.write(`\r[${"#".repeat(fill)}${"-".repeat(width - fill)}] ${pct}% ${done}/${total}`);
  if (done === total) process.stderr.write("\n");
};

let report;
try {
  report = xd.validateCsv(text, options, onProgress);
} catch (e) {
  fail(`${e.code ?? "ERROR"} ${e.path ?? ""}: ${opts.lang === "en" ? e.messageEn : e.message}`);
}

const hasErrors = report.errors > 0 || report.columns.some((f) => f.severity === "error");
if (opts.json) {
  process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  process.exit(hasErrors ? 1 : 0);
}

const en = opts.lang === "en";
const rows = [];
// 列 is the engine's column label (the file's header, else the field's name), not the path.
const column = (f) => (en ? f.columnEn : f.column) ?? f.path;
for (const f of report.columns) rows.push(["header", "1", f.severity, f.code, column(f), en ? f.messageEn : f.message]);
for (const r of report.results) {
  for (const f of r.findings) rows.push([String(r.row), String(r.line), f.severity, f.code, column(f), en ? f.messageEn : f.message]);
}
// A CSV header or cell is the file's text: control characters (ESC sequences that would move the
// cursor, recolour or retitle the terminal; C1 controls; bidi overrides) are shown escaped, never
// sent to the terminal as they are.
const safe = (s) =>
  s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) =>
    c === "\n" ? " " : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
// Display width: CJK characters take two columns.
const width = (s) => [...s].reduce((n, c) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
const pad = (s, w) => s + " ".repeat(Math.max(0, w - width(s)));
for (const r of rows) r.forEach((c, i) => (r[i] = safe(c)));
const head = en ? ["row", "line", "severity", "code", "column", "message"] : ["行", "文件行", "级别", "代码", "列", "说明"];
const cols = head.map((h, i) => Math.min(i === 5 ? 200 : 28, Math.max(width(h), ...rows.map((r) => width(r[i])))));
console.log(head.map((h, i) => pad(h, cols[i])).join("  "));
console.log(cols.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(r.map((c, i) => pad(c, cols[i])).join("  "));
console.log(
  en
    ? `\n${report.total} rows: ${report.ok} ok, ${report.failed} with errors; ${report.errors} errors, ${report.warnings} warnings`
    : `\n共 ${report.total} 行：${report.ok} 行通过，${report.failed} 行有错误；错误 ${report.errors} 个，警告 ${report.warnings} 个`,
);
process.exit(hasErrors ? 1 : 0);
