// The merchant setup wizard: subject → identity → category → fees → listings → summary. Every
// check, amount and finding comes from the engine (checkIdentity, categoryTree, checkCategory,
// previewFees, compareFees, parseAmountInput, validateListing, inspectImage, validateCsv in a
// worker); this file keeps the draft, counts the engine's findings per step and draws.
import init, * as xd from "./pkg/xiaodian.js";
import { LABELS } from "./merchant-i18n.js";
import { $, el, lang, applyLabels, errorText, yuan, loadJson, saveJson, notify, startEngine } from "./dom.js";
import { csvQuote, download, downloadText } from "./download.js";
import * as summary from "./merchant-summary.js";

const DRAFT_KEY = "xiaodian.merchant";
const DRAFT_VERSION = 1;
const STEPS = 6;
const PAGE = 200;

const t = (key) => LABELS[lang.current][key] ?? key;
const text = (zh, en) => lang.pick(zh, en || zh);
/** An aside in brackets: full-width （） inside Chinese text, " ( )" in English. */
const paren = (s) => text(`（${s}）`, ` (${s})`);
const emptyDraft = () => ({
  // subjectChosen: the subject was picked or confirmed (the radio starts on 个人 either way).
  version: DRAFT_VERSION, step: 0, subject: "individual", subjectChosen: false, platform: "wechat",
  uscc: "", idCard: "", bankCard: "", corporateAccount: "", categoryId: "", qualifications: [], productCount: "", shopsOwned: "",
  monthlyGmv: "20000", orderCount: "", tools: [],
  listing: { title: "", skuId: "", price: "", marketPrice: "", stock: "", images: "", description: "", attributes: {} },
  // Dropped image files as the engine read them ({ name, format, width, height, bytes, finding }).
  imageFiles: [],
  // The last CSV check's totals, for the summary after a reload (the rows themselves are not kept).
  csvSummary: null,
});

let book;
let tree;
let draft = emptyDraft();
let csv = { report: null, shown: PAGE };
// The step whose 下一步 has already warned once; the next press goes on.
let warnedStep = -1;
// The label key of the notice on show, so a language switch can say it again in the new language.
let notice = null;


function save() {
  if (!saveJson(DRAFT_KEY, draft)) notify(t((notice = "storageUnavailable")));
}

function loadDraft() {
  const { value, problem } = loadJson(DRAFT_KEY);
  if (problem === "storageUnavailable") return notify(t((notice = problem)));
  if (problem || (value != null && (typeof value !== "object" || value.version !== DRAFT_VERSION))) {
    return notify(t((notice = "draftCorrupt")));
  }
  if (value == null) return;
  // Field by field, so one odd value cannot break the page.
  const base = emptyDraft();
  for (const key of Object.keys(base)) {
    if (key === "listing") continue;
    if (key === "csvSummary") {
      if (value.csvSummary && typeof value.csvSummary === "object") draft.csvSummary = value.csvSummary;
      continue;
    }
    if (typeof value[key] === typeof base[key] && Array.isArray(value[key]) === Array.isArray(base[key])) draft[key] = value[key];
  }
  for (const key of Object.keys(base.listing)) {
    if (typeof value.listing?.[key] === typeof base.listing[key]) draft.listing[key] = value.listing[key];
  }
  draft.imageFiles = draft.imageFiles.filter((f) => f && typeof f === "object" && typeof f.name === "string");
  draft.step = Math.min(Math.max(0, Number.isInteger(draft.step) ? draft.step : 0), STEPS - 1);
  notice = "draftRestored";
  notify(t(notice));
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
  warnedStep = -1;
  save();
  renderStep();
  $(`section[data-step="${draft.step}"] h2`).focus?.();
}

/** 下一步: a step with problems warns once; the second press goes on. */
function next() {
  if (draft.step === 0) draft.subjectChosen = true;
  const problems = stepProblems(draft.step);
  if (problems > 0 && warnedStep !== draft.step) {
    warnedStep = draft.step;
    const box = $("#step-warning");
    box.textContent = t("stepWarning")(problems);
    box.hidden = false;
    $("#next").textContent = t("continueAnyway");
    return;
  }
  goto(draft.step + 1);
}

// ---- what each step still gets wrong, counted from the engine's own verdicts -------------

/** The identity inputs this subject needs: the rulebook's requirement ids mapped to a check. */
const IDENTITY_FOR = { businessLicence: "uscc", idCard: "idCard", legalPersonId: "idCard", bankCard: "bankCard", corporateAccount: "corporateAccount" };
const subjectRules = () => book.subjects.find((s) => s.id === draft.subject) ?? book.subjects[0];
function identityFields() {
  const out = [];
  for (const q of subjectRules().requires) {
    const field = IDENTITY_FOR[q];
    if (field && !out.includes(field)) out.push(field);
  }
  return out;
}
/** The subject's requirement ids whose identity number the engine has checked as valid: these
 * count as provided, so the checklist does not ask for them again. */
function verifiedQualifications() {
  const valid = new Set(identityChecks().filter((c) => c.check?.valid).map((c) => c.field));
  return subjectRules().requires.filter((q) => valid.has(IDENTITY_FOR[q]));
}
/** What the merchant has: ticked by hand plus verified in step 2. */
const heldQualifications = () => [...new Set([...draft.qualifications, ...verifiedQualifications()])];
/** Each needed identity number with the engine's check (null when not typed yet). */
function identityChecks() {
  return identityFields().map((field) => ({
    field, check: draft[field].trim() ? xd.checkIdentity(field, draft[field]) : null,
  }));
}

function safe(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  }
}

const errorCount = (findings) => findings.filter((f) => f.severity === "error").length;

/** How many problems the engine reports for a step (0 when none or not yet filled in). */
function stepProblems(n) {
  if (!book) return 0;
  if (n === 1) return identityChecks().filter((c) => c.check && !c.check.valid).length;
  if (n === 2) {
    const r = safe(categoryCheck);
    if (r.error) return 1;
    if (!r.value) return 0;
    return Math.max(r.value.allowed ? 0 : 1, errorCount(r.value.findings.filter((f) => f.code !== "MISSING_QUALIFICATION")));
  }
  if (n === 3) {
    if (!xd.parseAmountInput(draft.monthlyGmv).ok) return 1;
    return draft.categoryId ? (safe(feeInput).error || safe(() => xd.previewFees(feeInput())).error ? 1 : 0) : 0;
  }
  if (n === 4) {
    const r = listingTouched() ? safe(listingReport) : { value: null };
    return (r.error ? 1 : r.value?.errors ?? 0) + (draft.csvSummary?.failed ?? 0);
  }
  return 0;
}

/** A step is done when its inputs are filled in and the engine reports no error for it. */
function stepDone(n, problems = stepProblems(n)) {
  if (!book || problems > 0) return false;
  if (n === 0) return draft.subjectChosen;
  if (n === 1) return identityChecks().every((c) => c.check?.valid);
  if (n === 2) {
    const r = safe(categoryCheck);
    return !r.error && r.value != null && r.value.allowed && errorCount(r.value.findings) === 0;
  }
  if (n === 3) return draft.categoryId !== "" && xd.parseAmountInput(draft.monthlyGmv).ok;
  if (n === 4) return listingTouched() || draft.csvSummary != null;
  return false;
}

function renderStepper() {
  for (const b of document.querySelectorAll("[data-goto]")) {
    const n = Number(b.dataset.goto);
    const problems = stepProblems(n);
    const li = b.closest("li");
    li.className = [n === draft.step ? "current" : stepDone(n, problems) ? "done" : "", problems ? "error" : ""].join(" ").trim();
    li.dataset.problems = String(problems);
    b.querySelector(".flag")?.remove();
    if (problems) b.append(el("span", { class: "flag", title: t("hasErrors") }, ` ⚠ ${problems}`));
    if (n === draft.step) b.setAttribute("aria-current", "step");
    else b.removeAttribute("aria-current");
  }
}

function renderStep() {
  for (const s of document.querySelectorAll("section[data-step]")) s.hidden = Number(s.dataset.step) !== draft.step;
  $("#progress").value = draft.step + 1;
  $("#prev").disabled = draft.step === 0;
  $("#next").disabled = draft.step === STEPS - 1;
  $("#next").textContent = t("next");
  $("#step-warning").hidden = true;
  [renderSubject, renderIdentity, renderCategory, renderFees, renderListing, renderSummary][draft.step]();
  renderStepper();
}

/** After an edit: the stepper's flags follow, and a stale warning goes. */
function changed() {
  save();
  if (warnedStep === draft.step) {
    warnedStep = -1;
    $("#step-warning").hidden = true;
    $("#next").textContent = t("next");
  }
  renderStepper();
}

// Step 1: subject and platform.
function renderSubject() {
  $("#subjects").replaceChildren(...book.subjects.map((s) => el("label", { class: "choice" },
    el("input", { type: "radio", name: "subject", value: s.id, checked: draft.subject === s.id,
      onchange: () => { draft.subject = s.id; draft.subjectChosen = true; changed(); } }),
    el("strong", {}, text(s.name, s.nameEn)),
    el("span", { class: "muted small" }, `${s.requires.map(qualificationName).join(" · ")} · ${t("maxProducts")} ${s.maxProducts ?? t("noCap")}`))));
  $("#platform").replaceChildren(...book.platforms.map((p) => el("option", { value: p.id, selected: p.id === draft.platform }, text(p.name, p.nameEn))));
}

// Step 2: identity numbers, checked as typed.
function renderIdentity() {
  const wanted = identityFields();
  for (const field of ["uscc", "idCard", "bankCard", "corporateAccount"]) $(`#${field}-field`).hidden = !wanted.includes(field);
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

/** The step's two counts: a bad one is said beside its field, not in place of the checklist. */
const COUNT_FIELDS = ["productCount", "shopsOwned"];

/** The engine's check of the draft's subject and category; null before one is chosen. The
 * counts in `omit` are left out (the engine refused them). */
function categoryCheck(omit = []) {
  if (!draft.categoryId) return null;
  const given = (f) => (omit.includes(f) ? undefined : count(draft[f]));
  return xd.checkCategory({
    platform: draft.platform, subject: draft.subject, categoryId: draft.categoryId,
    qualifications: heldQualifications(), productCount: given("productCount"), shopsOwned: given("shopsOwned"),
  });
}

function runCategoryCheck() {
  const root = $("#category-result");
  for (const id of COUNT_FIELDS) {
    $(`#${id}-error`).textContent = "";
    $(`#${id}`).removeAttribute("aria-invalid");
  }
  let check;
  const omit = [];
  for (;;) {
    try {
      check = categoryCheck(omit);
      if (!check) return root.replaceChildren();
      break;
    } catch (e) {
      // A count the engine refuses: its error beside the field, the check run without it.
      const field = COUNT_FIELDS.find((f) => e.path === f && !omit.includes(f));
      if (!field) return root.replaceChildren(el("p", { class: "result bad", role: "alert" }, errorText(e)));
      $(`#${field}-error`).textContent = errorText(e);
      $(`#${field}`).setAttribute("aria-invalid", "true");
      omit.push(field);
    }
  }
  const findings = check.findings.filter((f) => f.code !== "MISSING_QUALIFICATION");
  const prohibited = check.findings.find((f) => f.code === "PROHIBITED_CATEGORY");
  // replaceChildren would print a null child as the text "null": pass only real nodes.
  root.replaceChildren(...[
    prohibited ? el("p", { class: "prohibited", role: "alert", "data-code": "PROHIBITED_CATEGORY" }, `⛔ ${t("prohibited")}`) : null,
    el("p", { class: check.allowed ? "verdict good" : "verdict bad", "data-allowed": String(check.allowed) },
      check.allowed ? `✓ ${t("allowed")}` : `✗ ${t("notAllowed")}`, " · ",
      (lang.current === "en" ? check.pathEn : check.path).join(" > ")),
    check.required.length === 0 ? null : el("fieldset", { class: "checklist" },
      el("legend", {}, t("checklist")),
      check.required.map((id) => {
        const missing = check.missing.includes(id);
        const verified = verifiedQualifications().includes(id);
        return el("label", { class: missing ? "missing" : "have", "data-qualification": id, "data-verified": String(verified) },
          el("input", { type: "checkbox", checked: verified || draft.qualifications.includes(id), disabled: verified,
            onchange: (e) => {
              draft.qualifications = e.target.checked
                ? [...draft.qualifications, id]
                : draft.qualifications.filter((q) => q !== id);
              changed();
              runCategoryCheck();
            } }),
          ` ${qualificationName(id)} `,
          el("span", { class: "small" }, missing ? paren(t("missing")).trim() : verified ? `✓${paren(t("verifiedInIdentity"))}` : "✓"));
      })),
    findingList(findings),
    check.suggestions.length
      ? el("p", { class: "small" }, `${t("suggestions")}: `, check.suggestions.map((id) => el("button", {
          type: "button", class: "link", onclick: () => { draft.categoryId = id; save(); renderCategory(); },
        }, lineage(id).map((n) => text(n.name, n.nameEn)).join(" > "))))
      : null].filter(Boolean));
}

// Step 4: fees on the chosen platform and the four-platform comparison.
/** The fee input; a sales figure a person typed ("20,000", "２００００", "¥2万") is read by
 * the engine's lenient parseAmountInput, and one it cannot read is thrown at monthlyGmv. */
function feeInput(tools = draft.tools) {
  const gmv = xd.parseAmountInput(draft.monthlyGmv);
  if (!gmv.ok) throw { path: "monthlyGmv", message: gmv.message, messageEn: gmv.messageEn };
  return {
    platform: draft.platform, subject: draft.subject, categoryId: draft.categoryId,
    monthlyGmv: gmv.amount, orderCount: count(draft.orderCount), tools,
  };
}

/** Every optional tool any platform offers: each platform prices its own and skips the rest. */
const allTools = () => [...new Set(book.platforms.flatMap((p) => (p.tools ?? []).map((x) => x.id)))];

function renderFees() {
  $("#monthlyGmv").value = draft.monthlyGmv;
  $("#orderCount").value = draft.orderCount;
  // No empty 付费工具 box on a platform without paid tools (抖音, 快手, 小红书).
  $("#tools-box").hidden = (platform().tools ?? []).length === 0;
  $("#tools").replaceChildren(...(platform().tools ?? []).map((tool) => el("label", { class: "choice" },
    el("input", { type: "checkbox", value: tool.id, checked: draft.tools.includes(tool.id),
      onchange: (e) => {
        draft.tools = e.target.checked ? [...draft.tools, tool.id] : draft.tools.filter((x) => x !== tool.id);
        changed();
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
  // The amount is checked as typed, category or not: "abc", "-5" or "20000.555" say so at once.
  const gmv = xd.parseAmountInput(draft.monthlyGmv);
  if (!gmv.ok) {
    $("#monthlyGmv-error").textContent = errorText({ path: "monthlyGmv", message: gmv.message, messageEn: gmv.messageEn });
    $("#monthlyGmv").setAttribute("aria-invalid", "true");
  }
  if (!draft.categoryId) {
    // Deposits depend on the category: no figures until one is chosen.
    $("#fee-preview").replaceChildren(el("p", { class: "muted" }, t("needCategory"), " ",
      el("button", { type: "button", class: "link", onclick: () => goto(2) }, t("stepCategory"))));
    $("#fee-chart").replaceChildren();
    return;
  }
  let preview;
  let base;
  let full;
  try {
    preview = xd.previewFees(feeInput());
    // Like for like: every platform without tools, and every platform with all of its own.
    base = xd.compareFees(feeInput([]));
    full = xd.compareFees(feeInput(allTools()));
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
      `${t("settlement")} ${preview.settlement.rule}${paren(text(preview.settlement.note, preview.settlement.noteEn))}`),
    el("table", { class: "fees" },
      el("thead", {}, el("tr", {}, el("th", {}, t("item")), el("th", {}, t("amount")), el("th", {}, t("basis")))),
      el("tbody", {}, preview.lines.map((l) => el("tr", { "data-line": l.item },
        el("td", {}, text(l.name, l.nameEn)),
        el("td", { class: "num" }, `${yuan(l.amount)} / ${t("per")[l.per] ?? l.per}`),
        el("td", { class: "muted small" }, text(l.basis, l.basisEn)))))));
  $("#fee-chart").replaceChildren(feeChart(base, full));
}

/** Each platform's first-year cost as HTML bars (text stays readable at 375 px and labels are
 * never cut): the dark bar without tools, the light one with that platform's optional tools. */
function feeChart(base, full) {
  const fen = (m) => Number(m.replace(".", ""));
  const withTools = new Map(full.map((p) => [p.platform, p]));
  const max = Math.max(1, ...full.map((p) => fen(p.yearly.total)), ...base.map((p) => fen(p.yearly.total)));
  const pct = (m) => `${Math.max(0.5, (fen(m) / max) * 100).toFixed(2)}%`;
  return el("div", { class: "chart", role: "list" }, base.map((p) => {
    const f = withTools.get(p.platform);
    const tools = f ? f.lines.filter((l) => l.item.startsWith("tool:") && l.source !== "assumed") : [];
    return el("div", { class: p.platform === draft.platform ? "bar-row mine" : "bar-row", role: "listitem", "data-platform": p.platform },
      el("div", { class: "bar-label" }, text(p.platformName, p.platformNameEn)),
      el("div", { class: "bar-track" },
        tools.length ? el("div", { class: "bar full", style: `width:${pct(f.yearly.total)}` }) : null,
        el("div", { class: "bar base", style: `width:${pct(p.yearly.total)}` })),
      el("div", { class: "bar-value" },
        el("strong", { "data-fee": "yearly" }, yuan(p.yearly.total)), ` · ${t("deposit")} `,
        el("span", { "data-fee": "deposit" }, yuan(p.deposit.amount)), " · ",
        tools.length
          ? el("span", { "data-fee": "withTools" }, `${t("withTools")} ${yuan(f.yearly.total)}${paren(tools.map((l) => text(l.name, l.nameEn)).join(text("、", ", ")))}`)
          : el("span", { class: "muted" }, t("noTools"))));
  }));
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
      oninput: (e) => { onInput(e.target.value); changed(); runListing(); } }),
    el("ul", { id: `l-${key}-findings`, class: "findings" }));
  const nodes = LISTING_FIELDS.map(([key, label, tag]) => field(key, t(label), tag, (v) => (draft.listing[key] = v)));
  const attrs = wantedAttributes().map((id) => field(`attributes.${id}`, attributeName(id), "input",
    (v) => (draft.listing.attributes[id] = v)));
  form.replaceChildren(...nodes, ...attrs);
  for (const [key] of LISTING_FIELDS) $(`#l-${CSS.escape(key)}`).value = draft.listing[key];
  for (const id of wantedAttributes()) $(`#l-${CSS.escape(`attributes.${id}`)}`).value = draft.listing.attributes[id] ?? "";
  renderImages();
  runListing();
}

function listing() {
  const l = draft.listing;
  const attributes = Object.fromEntries(Object.entries(l.attributes).filter(([, v]) => v.trim() !== ""));
  return {
    title: l.title, categoryId: draft.categoryId, subject: draft.subject,
    marketPrice: l.marketPrice || undefined,
    // The SKU 编码 as typed: an empty one is the engine's MISSING_SKU_ID, like an empty price.
    skus: [{ skuId: l.skuId, price: l.price, stock: l.stock }],
    // Typed URLs, then the dropped files under the package path they will be uploaded to, with
    // the size and format the engine read from their headers (a file it could not read as an
    // image shows its own finding in the file list and is not uploaded).
    images: [...l.images.split("\n").map((s) => s.trim()).filter(Boolean), ...draft.imageFiles.filter((f) => f.format).map(imageInfo)],
    attributes, description: l.description || undefined,
  };
}

const imageInfo = (f) => ({ url: `/images/${f.name}`, bytes: f.bytes, format: f.format, width: f.width, height: f.height });

/** What step 3 established, so listings are not told again about qualifications already held. */
const listingOptions = () => ({ platform: draft.platform, subject: draft.subject, qualifications: heldQualifications() });
const listingReport = () => xd.validateListing(listing(), listingOptions());
const listingTouched = () => Object.entries(draft.listing).some(([k, v]) => (k === "attributes" ? Object.values(v).some((x) => x.trim()) : v.trim() !== ""))
  || draft.imageFiles.length > 0;

/** Dropped image files: the engine reads each header (format, width, height) before upload. */
async function addImages(files) {
  for (const file of files) {
    const header = xd.inspectImage(new Uint8Array(await file.arrayBuffer()));
    draft.imageFiles = [...draft.imageFiles.filter((f) => f.name !== file.name), { name: file.name, ...header }];
  }
  changed();
  renderImages();
  runListing();
}

function renderImages() {
  $("#image-list").replaceChildren(...draft.imageFiles.map((f, i) => el("li", { "data-image": f.name, class: f.finding ? f.finding.severity : "" },
    el("strong", {}, f.name), " · ",
    f.format ? `${f.format.toUpperCase()} ${f.width}×${f.height} · ` : "",
    `${f.bytes} B`,
    f.finding ? el("span", {}, ` · ${text(f.finding.message, f.finding.messageEn)}`) : null,
    " ", el("button", { type: "button", class: "link", "data-remove": String(i), onclick: () => {
      draft.imageFiles = draft.imageFiles.filter((x) => x !== f);
      changed();
      renderImages();
      runListing();
    } }, t("removeImage")))));
}

/** The form field a finding belongs to: skus[0].price → price, images[2] → images, … */
function fieldFor(path) {
  const p = path.replace(/^skus\[0\]\./, "").replace(/\[\d+\]$/, "");
  return document.querySelector(`#listing-form .field[data-path="${CSS.escape(p)}"]`) ? p : null;
}

function runListing() {
  for (const ul of document.querySelectorAll("#listing-form .findings")) ul.replaceChildren();
  for (const input of document.querySelectorAll("#listing-form input, #listing-form textarea")) input.removeAttribute("aria-invalid");
  const summary = $("#listing-summary");
  if (!listingTouched()) {
    // Nothing typed yet: no wall of "missing" findings on an empty form.
    summary.textContent = "";
    $("#listing-other").replaceChildren();
    return;
  }
  let report;
  try {
    report = listingReport();
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
  // The previous file's results go now, not when this one is done: nothing (a language switch,
  // the filter, a findings download) can show them above this file's progress.
  csv = { report: null, shown: PAGE };
  $("#csv-results").hidden = true;
  $("#csv-columns").replaceChildren();
  $("#csv-table tbody").replaceChildren();
  delete document.body.dataset.csvDone;
  worker?.terminate();
  worker = new Worker(new URL("./csv-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = ({ data }) => {
    if (data.type === "progress") {
      progress.max = data.total;
      progress.value = data.done;
      $("#csv-summary").textContent = `${t("checking")} ${data.done} / ${t("rowCount")(data.total)}`;
    } else if (data.type === "done") {
      csv = { report: data.report, shown: PAGE, name: file.name };
      const total = Math.round(performance.now() - started);
      progress.value = progress.max;
      const r = data.report;
      const summary = $("#csv-summary");
      summary.className = r.failed ? "summary bad" : "summary good";
      Object.assign(summary.dataset, { total: r.total, failed: r.failed, errors: r.errors, ms: total });
      summary.textContent = `${file.name} (${data.encoding}) · ${t("rowCount")(r.total)} · ${r.ok} ${t("passed")} · ${r.failed} ${t("notPassed")} · ` +
        `${r.errors} ${t("errors")} · ${r.warnings} ${t("warnings")} · ${t("took")} ${total} ms`;
      draft.csvSummary = { name: file.name, total: r.total, ok: r.ok, failed: r.failed, errors: r.errors, warnings: r.warnings };
      changed();
      renderCsvTable();
      document.body.dataset.csvDone = "true";
      worker.terminate();
    } else {
      $("#csv-summary").textContent = `${t("csvFailed")} ${errorText(data.error)}`;
      progress.hidden = true;
      worker.terminate();
    }
  };
  file.arrayBuffer().then((buffer) => worker.postMessage({ buffer, options: listingOptions() }, [buffer]));
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
    el("td", { class: "title" }, row.title ?? ""),
    el("td", { class: "sku" }, row.skuId ?? ""),
    el("td", {}, row.ok ? (row.findings.length ? t("warn") : t("ok")) : t("failed")),
    el("td", {}, el("ul", { class: "findings" }, row.findings.map(findingItem))))));
  $("#more").hidden = rows.length <= csv.shown;
}

function downloadFindings() {
  const head = lang.current === "en"
    ? ["line", "title", "SKU", "severity", "column", "code", "message", "fix"]
    : ["行号", "商品标题", "SKU 编码", "级别", "列", "代码", "问题", "建议"];
  const severity = (s) => (lang.current === "en" ? s : s === "error" ? "错误" : "提醒");
  // 列: the engine's column label (the file's header, else the field's name), never the path.
  const column = (f) => text(f.column, f.columnEn);
  const out = [head.join(",")];
  for (const f of csv.report.columns) out.push(["", "", "", severity(f.severity), column(f), f.code, text(f.message, f.messageEn), text(f.fix, f.fixEn)].map(csvQuote).join(","));
  for (const row of csv.report.results) {
    for (const f of row.findings) {
      out.push([row.line ?? row.index + 1, row.title, row.skuId, severity(f.severity), column(f), f.code, text(f.message, f.messageEn), text(f.fix, f.fixEn)].map(csvQuote).join(","));
    }
  }
  downloadText(out, `${(csv.name ?? "listings").replace(/\.csv$/i, "")}-findings.csv`);
}

/** The category ids a CSV's 类目 column takes, with their paths, from the engine's tree. */
function downloadCategoryIds() {
  const out = [[t("catId"), t("catPath")].join(",")];
  const walk = (nodes, names) => {
    for (const n of nodes) {
      const path = [...names, text(n.name, n.nameEn)];
      if (n.children.length) walk(n.children, path);
      else out.push([n.id, path.join(" > ")].map(csvQuote).join(","));
    }
  };
  walk(tree, []);
  downloadText(out, "category-ids.csv");
}

// Step 6: the summary (merchant-summary.js) sees the wizard through these.
const wizard = {
  get book() { return book; }, get draft() { return draft; }, t, text, safe, identityChecks, categoryCheck,
  feeInput, listingTouched, listingReport, subjectRules, platform, qualificationName, findingList, verifiedQualifications,
};
const renderSummary = () => summary.render(wizard);

// ---- wiring ------------------------------------------------------------------------------

function bind() {
  for (const b of document.querySelectorAll("[data-goto]")) b.addEventListener("click", () => goto(Number(b.dataset.goto)));
  $("#prev").addEventListener("click", () => goto(draft.step - 1));
  $("#next").addEventListener("click", next);
  $("#platform").addEventListener("change", (e) => { draft.platform = e.target.value; draft.tools = []; changed(); });
  for (const input of document.querySelectorAll("[data-identity]")) {
    input.addEventListener("input", () => { draft[input.dataset.field] = input.value; showIdentity(input); changed(); });
  }
  const levels = ["#cat-1", "#cat-2", "#cat-3"];
  levels.forEach((sel) => $(sel).addEventListener("change", (e) => {
    // Choosing a level clears the levels below it.
    draft.categoryId = e.target.value || (levels.indexOf(sel) > 0 ? $(levels[levels.indexOf(sel) - 1]).value : "");
    changed();
    renderCategory();
  }));
  for (const id of ["productCount", "shopsOwned"]) {
    $(`#${id}`).addEventListener("input", (e) => { draft[id] = e.target.value; changed(); runCategoryCheck(); });
  }
  for (const id of ["monthlyGmv", "orderCount"]) {
    $(`#${id}`).addEventListener("input", (e) => { draft[id] = e.target.value; changed(); runFees(); });
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
  $("#category-ids").addEventListener("click", downloadCategoryIds);
  $("#export").addEventListener("click", () => summary.exportJson(wizard));
  $("#print").addEventListener("click", () => window.print());
  $("#image-files").addEventListener("change", (e) => addImages([...e.target.files]));
  const imageDrop = $("#image-drop");
  imageDrop.addEventListener("dragover", (e) => { e.preventDefault(); imageDrop.classList.add("over"); });
  imageDrop.addEventListener("dragleave", () => imageDrop.classList.remove("over"));
  imageDrop.addEventListener("drop", (e) => {
    e.preventDefault();
    imageDrop.classList.remove("over");
    addImages([...e.dataTransfer.files]);
  });
  $("#restart").addEventListener("click", () => {
    if (!confirm(t("confirmRestart"))) return;
    draft = emptyDraft();
    save();
    notice = null;
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
  if (notice) notify(t(notice));
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
