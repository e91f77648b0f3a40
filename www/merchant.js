// The merchant setup wizard: subject → identity → category → fees → listings. Every check, amount
// and finding comes from the engine (checkIdentity, categoryTree, checkCategory, previewFees,
// compareFees, validateListing, validateCsv in a worker); this file keeps the draft and draws.
import init, * as xd from "./pkg/xiaodian.js";
import { LABELS } from "./merchant-i18n.js";
import { $, el, lang, applyLabels, errorText, yuan, loadJson, saveJson, notify, startEngine } from "./dom.js";

const DRAFT_KEY = "xiaodian.merchant";
const DRAFT_VERSION = 1;
const STEPS = 5;
const PAGE = 200;

const t = (key) => LABELS[lang.current][key] ?? key;
const text = (zh, en) => lang.pick(zh, en || zh);
const emptyDraft = () => ({
  version: DRAFT_VERSION, step: 0, subject: "individual", platform: "wechat",
  uscc: "", idCard: "", bankCard: "", categoryId: "", qualifications: [], productCount: "", shopsOwned: "",
  monthlyGmv: "20000", orderCount: "", tools: [],
  listing: { title: "", skuId: "", price: "", marketPrice: "", stock: "", images: "", description: "", attributes: {} },
});

let book;
let tree;
let draft = emptyDraft();
let csv = { report: null, shown: PAGE };


function save() {
  if (!saveJson(DRAFT_KEY, draft)) notify(t("storageUnavailable"));
}

function loadDraft() {
  const { value, problem } = loadJson(DRAFT_KEY);
  if (problem === "storageUnavailable") return notify(t(problem));
  if (problem || (value != null && (typeof value !== "object" || value.version !== DRAFT_VERSION))) {
    return notify(t("draftCorrupt"));
  }
  if (value == null) return;
  // Field by field, so one odd value cannot break the page.
  const base = emptyDraft();
  for (const key of Object.keys(base)) {
    if (key === "listing") continue;
    if (typeof value[key] === typeof base[key] && Array.isArray(value[key]) === Array.isArray(base[key])) draft[key] = value[key];
  }
  for (const key of Object.keys(base.listing)) {
    if (typeof value.listing?.[key] === typeof base.listing[key]) draft.listing[key] = value.listing[key];
  }
  draft.step = Math.min(Math.max(0, Number.isInteger(draft.step) ? draft.step : 0), STEPS - 1);
  notify(t("draftRestored"));
}

const platform = () => book.platforms.find((p) => p.id === draft.platform) ?? book.platforms[0];
const qualificationName = (id) => {
  const q = book.qualifications.find((x) => x.id === id);
  return q ? text(q.name, q.nameEn) : id;
};
const attributeName = (id) => {
  const a = book.attributes.find((x) => x.id === id);
  return a ? text(a.name, a.nameEn) : id;
};
const count = (v) => (v === "" || v == null ? undefined : Number(v));

// ---- steps -------------------------------------------------------------------------------

function goto(step) {
  draft.step = Math.min(Math.max(0, step), STEPS - 1);
  save();
  renderStep();
  $(`section[data-step="${draft.step}"] h2`).focus?.();
}

function renderStep() {
  for (const s of document.querySelectorAll("section[data-step]")) s.hidden = Number(s.dataset.step) !== draft.step;
  for (const b of document.querySelectorAll("[data-goto]")) {
    const n = Number(b.dataset.goto);
    b.closest("li").className = n < draft.step ? "done" : n === draft.step ? "current" : "";
    if (n === draft.step) b.setAttribute("aria-current", "step");
    else b.removeAttribute("aria-current");
  }
  $("#progress").value = draft.step + 1;
  $("#prev").disabled = draft.step === 0;
  $("#next").disabled = draft.step === STEPS - 1;
  [renderSubject, renderIdentity, renderCategory, renderFees, renderListing][draft.step]();
}

// Step 1: subject and platform.
function renderSubject() {
  $("#subjects").replaceChildren(...book.subjects.map((s) => el("label", { class: "choice" },
    el("input", { type: "radio", name: "subject", value: s.id, checked: draft.subject === s.id,
      onchange: () => { draft.subject = s.id; save(); } }),
    el("strong", {}, text(s.name, s.nameEn)),
    el("span", { class: "muted small" }, `${s.requires.map(qualificationName).join(" · ")} · ${t("maxProducts")} ${s.maxProducts ?? "—"}`))));
  $("#platform").replaceChildren(...book.platforms.map((p) => el("option", { value: p.id, selected: p.id === draft.platform }, text(p.name, p.nameEn))));
}

// Step 2: identity numbers, checked as typed.
function renderIdentity() {
  $("#uscc-field").hidden = draft.subject === "individual";
  for (const input of document.querySelectorAll("[data-identity]")) {
    input.value = draft[input.dataset.field];
    showIdentity(input);
  }
}

function showIdentity(input) {
  const out = $(`#${input.id}-result`);
  const value = input.value;
  if (!value.trim()) {
    out.textContent = "";
    input.removeAttribute("aria-invalid");
    return;
  }
  const r = xd.checkIdentity(input.dataset.identity, value);
  input.setAttribute("aria-invalid", r.valid ? "false" : "true");
  out.className = r.valid ? "result good" : "result bad";
  out.dataset.code = r.code ?? "";
  out.textContent = r.valid
    ? `✓ ${t("valid")} ${r.normalized}${r.birthDate ? ` · ${t("birth")} ${r.birthDate}` : ""}`
    : `✗ ${text(r.message, r.messageEn)}`;
}

// Step 3: the category picker and the qualification checklist.
function lineage(id) {
  const out = [];
  let level = tree;
  for (;;) {
    const node = level.find((n) => id === n.id || id.startsWith(`${n.id}.`));
    if (!node) return out;
    out.push(node);
    level = node.children;
  }
}

function fillSelect(select, nodes, chosen) {
  select.replaceChildren(el("option", { value: "" }, t("choose")),
    ...nodes.map((n) => el("option", { value: n.id, selected: n.id === chosen }, text(n.name, n.nameEn))));
  select.disabled = nodes.length === 0;
}

function renderCategory() {
  const path = lineage(draft.categoryId);
  fillSelect($("#cat-1"), tree, path[0]?.id);
  fillSelect($("#cat-2"), path[0]?.children ?? [], path[1]?.id);
  fillSelect($("#cat-3"), path[1]?.children ?? [], path[2]?.id);
  $("#productCount").value = draft.productCount;
  $("#shopsOwned").value = draft.shopsOwned;
  runCategoryCheck();
}

/** The engine's check of the draft's subject and category; null before one is chosen. */
function categoryCheck() {
  if (!draft.categoryId) return null;
  return xd.checkCategory({
    platform: draft.platform, subject: draft.subject, categoryId: draft.categoryId,
    qualifications: draft.qualifications, productCount: count(draft.productCount), shopsOwned: count(draft.shopsOwned),
  });
}

function runCategoryCheck() {
  const root = $("#category-result");
  let check;
  try {
    check = categoryCheck();
    if (!check) return root.replaceChildren();
  } catch (e) {
    return root.replaceChildren(el("p", { class: "result bad", role: "alert" }, errorText(e)));
  }
  const findings = check.findings.filter((f) => f.code !== "MISSING_QUALIFICATION");
  root.replaceChildren(
    el("p", { class: check.allowed ? "verdict good" : "verdict bad", "data-allowed": String(check.allowed) },
      check.allowed ? `✓ ${t("allowed")}` : `✗ ${t("notAllowed")}`, " · ",
      (lang.current === "en" ? check.pathEn : check.path).join(" > ")),
    el("fieldset", { class: "checklist" },
      el("legend", {}, t("checklist")),
      check.required.map((id) => {
        const missing = check.missing.includes(id);
        return el("label", { class: missing ? "missing" : "have", "data-qualification": id },
          el("input", { type: "checkbox", checked: draft.qualifications.includes(id),
            onchange: (e) => {
              draft.qualifications = e.target.checked
                ? [...draft.qualifications, id]
                : draft.qualifications.filter((q) => q !== id);
              save();
              runCategoryCheck();
            } }),
          ` ${qualificationName(id)} `,
          el("span", { class: "small" }, missing ? `(${t("missing")})` : "✓"));
      })),
    findingList(findings),
    check.suggestions.length
      ? el("p", { class: "small" }, `${t("suggestions")}: `, check.suggestions.map((id) => el("button", {
          type: "button", class: "link", onclick: () => { draft.categoryId = id; save(); renderCategory(); },
        }, lineage(id).map((n) => text(n.name, n.nameEn)).join(" > "))))
      : null);
}

// Step 4: fees on the chosen platform and the four-platform comparison.
function feeInput() {
  return {
    platform: draft.platform, subject: draft.subject, categoryId: draft.categoryId,
    monthlyGmv: draft.monthlyGmv, orderCount: count(draft.orderCount), tools: draft.tools,
  };
}

function renderFees() {
  $("#monthlyGmv").value = draft.monthlyGmv;
  $("#orderCount").value = draft.orderCount;
  $("#tools").replaceChildren(...(platform().tools ?? []).map((tool) => el("label", { class: "choice" },
    el("input", { type: "checkbox", value: tool.id, checked: draft.tools.includes(tool.id),
      onchange: (e) => {
        draft.tools = e.target.checked ? [...draft.tools, tool.id] : draft.tools.filter((x) => x !== tool.id);
        save();
        runFees();
      } }),
    ` ${text(tool.name, tool.nameEn)} `, el("span", { class: "muted small" }, `${yuan(tool.amount)} / ${t("per")[tool.per] ?? tool.per}`))));
  runFees();
}

function runFees() {
  const errorBox = $("#fee-error");
  errorBox.hidden = true;
  for (const id of ["monthlyGmv", "orderCount"]) {
    $(`#${id}-error`).textContent = "";
    $(`#${id}`).removeAttribute("aria-invalid");
  }
  if (!draft.categoryId) {
    // Deposits depend on the category: no figures until one is chosen.
    $("#fee-preview").replaceChildren(el("p", { class: "muted" }, t("needCategory"), " ",
      el("button", { type: "button", class: "link", onclick: () => goto(2) }, t("stepCategory"))));
    $("#fee-chart").replaceChildren();
    return;
  }
  let preview;
  let all;
  try {
    preview = xd.previewFees(feeInput());
    all = xd.compareFees(feeInput());
  } catch (e) {
    const field = ["monthlyGmv", "orderCount"].find((f) => e.path === f);
    if (field) {
      $(`#${field}-error`).textContent = errorText(e);
      $(`#${field}`).setAttribute("aria-invalid", "true");
    } else {
      errorBox.textContent = errorText(e);
      errorBox.hidden = false;
    }
    $("#fee-preview").replaceChildren();
    $("#fee-chart").replaceChildren();
    return;
  }
  $("#fee-preview").replaceChildren(
    el("p", { class: "small" },
      el("strong", {}, text(preview.platformName, preview.platformNameEn)), " · ",
      `${t("deposit")} `, el("strong", { "data-fee": "deposit" }, yuan(preview.deposit.amount)), " · ",
      `${t("yearly")} `, el("strong", { "data-fee": "yearly" }, yuan(preview.yearly.total)), " · ",
      `${t("settlement")} ${preview.settlement.rule} (${text(preview.settlement.note, preview.settlement.noteEn)})`),
    el("table", { class: "fees" },
      el("thead", {}, el("tr", {}, el("th", {}, t("item")), el("th", {}, t("amount")), el("th", {}, t("basis")))),
      el("tbody", {}, preview.lines.map((l) => el("tr", { "data-line": l.item },
        el("td", {}, text(l.name, l.nameEn)),
        el("td", { class: "num" }, `${yuan(l.amount)} / ${t("per")[l.per] ?? l.per}`),
        el("td", { class: "muted small" }, text(l.basis, l.basisEn)))))));
  $("#fee-chart").replaceChildren(feeChart(all));
}

/** Horizontal bars of each platform's first-year cost, scaled to the largest. */
function feeChart(previews) {
  const NS = "http://www.w3.org/2000/svg";
  const svg = (tag, attrs, ...kids) => {
    const n = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    n.append(...kids);
    return n;
  };
  const fen = (m) => Number(m.replace(".", ""));
  const max = Math.max(1, ...previews.map((p) => fen(p.yearly.total)));
  const rowH = 34;
  const chart = svg("svg", { viewBox: `0 0 640 ${previews.length * rowH + 6}`, role: "img", class: "chart",
    "aria-label": previews.map((p) => `${text(p.platformName, p.platformNameEn)} ${yuan(p.yearly.total)}`).join("; ") });
  previews.forEach((p, i) => {
    const y = i * rowH + 4;
    const w = Math.max(2, (fen(p.yearly.total) / max) * 250);
    const mine = p.platform === draft.platform;
    chart.append(svg("g", { "data-platform": p.platform },
      svg("text", { x: 0, y: y + 19, class: "label" }, text(p.platformName, p.platformNameEn)),
      svg("rect", { x: 150, y, width: w, height: 26, rx: 4, class: mine ? "bar mine" : "bar" }),
      svg("text", { x: 156 + w, y: y + 19, class: "value" }, `${yuan(p.yearly.total)} · ${t("deposit")} ${yuan(p.deposit.amount)}`)));
  });
  return chart;
}

// Step 5a: one listing, findings next to their fields.
const LISTING_FIELDS = [
  ["title", "listingTitle", "input"], ["skuId", "skuId", "input"], ["price", "price", "input"],
  ["marketPrice", "marketPrice", "input"], ["stock", "stock", "input"], ["images", "images", "textarea"],
  ["description", "description", "textarea"],
];

/** The attributes this category's listings must fill in, as the engine's rules list them. */
function wantedAttributes() {
  try {
    return categoryCheck()?.rules?.listingAttributes ?? [];
  } catch {
    // A bad count typed in step 3 is shown there; the form still offers the basic fields.
    return [];
  }
}

function renderListing() {
  const form = $("#listing-form");
  const field = (key, label, tag, onInput) => el("div", { class: "field", "data-path": key },
    el("label", { for: `l-${key}` }, label),
    el(tag, { id: `l-${key}`, "aria-describedby": `l-${key}-findings`, rows: tag === "textarea" ? 3 : undefined,
      oninput: (e) => { onInput(e.target.value); save(); runListing(); } }),
    el("ul", { id: `l-${key}-findings`, class: "findings" }));
  const nodes = LISTING_FIELDS.map(([key, label, tag]) => field(key, t(label), tag, (v) => (draft.listing[key] = v)));
  const attrs = wantedAttributes().map((id) => field(`attributes.${id}`, attributeName(id), "input",
    (v) => (draft.listing.attributes[id] = v)));
  form.replaceChildren(...nodes, ...attrs);
  for (const [key] of LISTING_FIELDS) $(`#l-${CSS.escape(key)}`).value = draft.listing[key];
  for (const id of wantedAttributes()) $(`#l-${CSS.escape(`attributes.${id}`)}`).value = draft.listing.attributes[id] ?? "";
  runListing();
}

function listing() {
  const l = draft.listing;
  const attributes = Object.fromEntries(Object.entries(l.attributes).filter(([, v]) => v.trim() !== ""));
  return {
    title: l.title, categoryId: draft.categoryId, subject: draft.subject,
    marketPrice: l.marketPrice || undefined,
    skus: [{ skuId: l.skuId || "sku-1", price: l.price, stock: l.stock }],
    images: l.images.split("\n").map((s) => s.trim()).filter(Boolean),
    attributes, description: l.description || undefined,
  };
}

/** The form field a finding belongs to: skus[0].price → price, images[2] → images, … */
function fieldFor(path) {
  const p = path.replace(/^skus\[0\]\./, "").replace(/\[\d+\]$/, "");
  return document.querySelector(`#listing-form .field[data-path="${CSS.escape(p)}"]`) ? p : null;
}

function runListing() {
  for (const ul of document.querySelectorAll("#listing-form .findings")) ul.replaceChildren();
  for (const input of document.querySelectorAll("#listing-form input, #listing-form textarea")) input.removeAttribute("aria-invalid");
  let report;
  try {
    report = xd.validateListing(listing());
  } catch (e) {
    $("#listing-summary").textContent = errorText(e);
    return;
  }
  const other = [];
  for (const f of report.findings) {
    const key = fieldFor(f.path);
    if (!key) {
      other.push(f);
      continue;
    }
    $(`#l-${CSS.escape(key)}-findings`).append(findingItem(f));
    if (f.severity === "error") $(`#l-${CSS.escape(key)}`).setAttribute("aria-invalid", "true");
  }
  $("#listing-other").replaceChildren(...other.map(findingItem));
  const summary = $("#listing-summary");
  summary.className = report.ok ? "summary good" : "summary bad";
  summary.dataset.errors = String(report.errors);
  summary.textContent = report.findings.length
    ? `${report.ok ? "✓" : "✗"} ${report.errors} ${t("errors")} · ${report.warnings} ${t("warnings")}`
    : `✓ ${t("noFindings")}`;
}

function findingItem(f) {
  return el("li", { class: f.severity, "data-code": f.code, "data-path": f.path },
    el("span", { class: "sev" }, f.severity === "error" ? "✗" : "!"), " ", text(f.message, f.messageEn),
    f.fix ? el("span", { class: "muted" }, ` → ${text(f.fix, f.fixEn)}`) : null);
}

function findingList(findings) {
  return findings.length ? el("ul", { class: "findings" }, findings.map(findingItem)) : null;
}

// Step 5b: a CSV checked in a worker with progress, a filterable table and a findings download.
let worker;
function checkCsv(file) {
  const started = performance.now();
  const progress = $("#csv-progress");
  progress.hidden = false;
  progress.value = 0;
  $("#csv-summary").textContent = `${t("reading")} ${file.name}`;
  $("#csv-results").hidden = true;
  delete document.body.dataset.csvDone;
  worker?.terminate();
  worker = new Worker(new URL("./csv-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = ({ data }) => {
    if (data.type === "progress") {
      progress.max = data.total;
      progress.value = data.done;
      $("#csv-summary").textContent = `${t("checking")} ${data.done} / ${data.total} ${t("rows")}`;
    } else if (data.type === "done") {
      csv = { report: data.report, shown: PAGE, name: file.name };
      const total = Math.round(performance.now() - started);
      progress.value = progress.max;
      const r = data.report;
      const summary = $("#csv-summary");
      summary.className = r.failed ? "summary bad" : "summary good";
      Object.assign(summary.dataset, { total: r.total, failed: r.failed, errors: r.errors, ms: total });
      summary.textContent = `${file.name} (${data.encoding}) · ${r.total} ${t("rows")} · ${r.ok} ${t("passed")} · ${r.failed} ${t("notPassed")} · ` +
        `${r.errors} ${t("errors")} · ${r.warnings} ${t("warnings")} · ${t("took")} ${total} ms`;
      renderCsvTable();
      document.body.dataset.csvDone = "true";
      worker.terminate();
    } else {
      $("#csv-summary").textContent = `${t("csvFailed")} ${errorText(data.error)}`;
      progress.hidden = true;
      worker.terminate();
    }
  };
  file.arrayBuffer().then((buffer) => worker.postMessage({ buffer }, [buffer]));
}

function renderCsvTable() {
  const r = csv.report;
  if (!r) return;
  $("#csv-results").hidden = false;
  $("#csv-columns").replaceChildren(...r.columns.map(findingItem));
  const only = $("#only-errors").checked;
  const rows = only ? r.results.filter((x) => !x.ok) : r.results;
  $("#csv-table tbody").replaceChildren(...rows.slice(0, csv.shown).map((row) => el("tr", { class: row.ok ? "" : "bad", "data-row": row.line ?? row.index },
    el("td", { class: "num" }, String(row.line ?? row.index + 1)),
    el("td", {}, row.ok ? (row.findings.length ? t("warn") : t("ok")) : t("failed")),
    el("td", {}, el("ul", { class: "findings" }, row.findings.map(findingItem))))));
  $("#more").hidden = rows.length <= csv.shown;
}

function downloadFindings() {
  const quote = (s) => `"${String(s ?? "").replaceAll('"', '""')}"`;
  const head = lang.current === "en" ? ["line", "severity", "column", "code", "message", "fix"] : ["行号", "级别", "列", "代码", "问题", "建议"];
  const out = [head.join(",")];
  for (const f of csv.report.columns) out.push(["", f.severity, f.path, f.code, text(f.message, f.messageEn), text(f.fix, f.fixEn)].map(quote).join(","));
  for (const row of csv.report.results) {
    for (const f of row.findings) {
      out.push([row.line ?? row.index + 1, f.severity, f.path, f.code, text(f.message, f.messageEn), text(f.fix, f.fixEn)].map(quote).join(","));
    }
  }
  // A BOM so Excel opens the UTF-8 file with the right encoding.
  const blob = new Blob(["\uFEFF", out.join("\r\n"), "\r\n"], { type: "text/csv;charset=utf-8" });
  const a = el("a", { href: URL.createObjectURL(blob), download: `${(csv.name ?? "listings").replace(/\.csv$/i, "")}-findings.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

// ---- wiring ------------------------------------------------------------------------------

function bind() {
  for (const b of document.querySelectorAll("[data-goto]")) b.addEventListener("click", () => goto(Number(b.dataset.goto)));
  $("#prev").addEventListener("click", () => goto(draft.step - 1));
  $("#next").addEventListener("click", () => goto(draft.step + 1));
  $("#platform").addEventListener("change", (e) => { draft.platform = e.target.value; draft.tools = []; save(); });
  for (const input of document.querySelectorAll("[data-identity]")) {
    input.addEventListener("input", () => { draft[input.dataset.field] = input.value; save(); showIdentity(input); });
  }
  const levels = ["#cat-1", "#cat-2", "#cat-3"];
  levels.forEach((sel) => $(sel).addEventListener("change", (e) => {
    // Choosing a level clears the levels below it.
    draft.categoryId = e.target.value || (levels.indexOf(sel) > 0 ? $(levels[levels.indexOf(sel) - 1]).value : "");
    save();
    renderCategory();
  }));
  for (const id of ["productCount", "shopsOwned"]) {
    $(`#${id}`).addEventListener("input", (e) => { draft[id] = e.target.value; save(); runCategoryCheck(); });
  }
  for (const id of ["monthlyGmv", "orderCount"]) {
    $(`#${id}`).addEventListener("input", (e) => { draft[id] = e.target.value; save(); runFees(); });
  }
  $("#csv-file").addEventListener("change", (e) => e.target.files[0] && checkCsv(e.target.files[0]));
  const drop = $("#drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    const file = e.dataTransfer.files[0];
    if (file) checkCsv(file);
  });
  $("#only-errors").addEventListener("change", () => { csv.shown = PAGE; renderCsvTable(); });
  $("#more").addEventListener("click", () => { csv.shown += PAGE; renderCsvTable(); });
  $("#download").addEventListener("click", downloadFindings);
  $("#restart").addEventListener("click", () => {
    if (!confirm(t("confirmRestart"))) return;
    draft = emptyDraft();
    save();
    notify("");
    renderStep();
  });
  $("#lang").addEventListener("click", () => {
    lang.toggle();
    applyLanguage();
    renderStep();
    renderCsvTable();
  });
}

function applyLanguage() {
  applyLabels(LABELS[lang.current]);
  $("#lang").textContent = lang.current === "en" ? "中文" : "EN";
  document.title = lang.current === "en" ? "xiaodian · merchant setup" : "小店 · 商家入驻向导";
}

async function main() {
  if (!(await startEngine(init, xd.version, LABELS[lang.current]))) return;
  book = xd.rulebook();
  tree = xd.categoryTree();
  loadDraft();
  for (const h of document.querySelectorAll("section[data-step] h2")) h.tabIndex = -1;
  bind();
  applyLanguage();
  renderStep();
  document.body.dataset.ready = "true";
}

main();
