// The wizard's 总结 step: one line per requirement with the engine's verdict, the costs and the
// listing results; exported as JSON and printed on one page (merchant.css @media print). `w` is
// the wizard's view of its draft and its engine calls (merchant.js); nothing here decides.
import * as xd from "./pkg/xiaodian.js";
import { $, el, lang, errorText, yuan } from "./dom.js";
import { download } from "./download.js";

/** Everything the summary shows, as data: also the exported JSON. */
function summaryData(w) {
  const { draft, t, text, safe } = w;
  const subject = w.subjectRules();
  const items = [{ id: "subject", label: t("reqSubject"), ok: true, detail: `${text(subject.name, subject.nameEn)} · ${text(w.platform().name, w.platform().nameEn)}` }];
  for (const { field, check } of w.identityChecks()) {
    items.push({ id: `identity:${field}`, label: t(field), ok: check ? check.valid : false,
      // The engine's masked form: a personal number shows its last 4 on screen, in print and in
      // the export alike (the 统一社会信用代码 is public and comes back whole).
      detail: !check ? t("notFilled") : check.valid ? check.masked : text(check.message, check.messageEn) });
  }
  const cat = safe(w.categoryCheck);
  let category = null;
  if (cat.error || !cat.value) {
    items.push({ id: "category", label: t("reqCategory"), ok: false, detail: cat.error ? errorText(cat.error) : t("notFilled") });
  } else {
    category = cat.value;
    const blocking = category.findings.filter((f) => f.severity === "error" && f.code !== "MISSING_QUALIFICATION");
    items.push({ id: "category", label: t("reqCategory"), ok: category.allowed,
      detail: [(lang.current === "en" ? category.pathEn : category.path).join(" > "), ...blocking.map((f) => text(f.message, f.messageEn))].join(" · ") });
    const verified = w.verifiedQualifications();
    for (const id of category.required) {
      const missing = category.missing.includes(id);
      items.push({ id: `qualification:${id}`, label: `${t("qualification")}${t("colon")}${w.qualificationName(id)}`, ok: !missing,
        detail: missing ? t("missing") : verified.includes(id) ? t("verifiedInIdentity") : t("have") });
    }
  }
  const fees = draft.categoryId ? safe(() => xd.previewFees(w.feeInput())) : { value: null };
  const one = w.listingTouched() ? safe(w.listingReport) : { value: null };
  items.push({ id: "listing", label: t("reqListing"), ok: one.value ? one.value.ok : one.error ? false : null,
    detail: one.error ? errorText(one.error) : one.value ? `${one.value.errors} ${t("errors")} · ${one.value.warnings} ${t("warnings")}` : t("notChecked") });
  const c = draft.csvSummary;
  items.push({ id: "csv", label: t("reqCsv"), ok: c ? c.failed === 0 : null,
    detail: c ? `${c.name} · ${t("rowCount")(c.total)} · ${c.ok} ${t("passed")} · ${c.failed} ${t("notPassed")}` : t("notChecked") });
  return {
    ready: items.every((i) => i.ok !== false), items,
    fees: fees.value ?? null, feeError: fees.error ? errorText(fees.error) : null,
    category, listing: one.value ?? null, csv: c,
  };
}

export function render(w) {
  const { t, text } = w;
  const s = summaryData(w);
  const verdict = $("#readiness");
  verdict.className = s.ready ? "readiness good" : "readiness bad";
  verdict.dataset.ready = String(s.ready);
  verdict.textContent = s.ready ? t("ready") : t("notReady");
  $("#summary-checklist").replaceChildren(...s.items.map((i) => el("li", {
    "data-req": i.id, "data-ok": i.ok == null ? "unknown" : String(i.ok), class: i.ok === false ? "bad" : i.ok ? "good" : "muted",
  }, el("span", { class: "mark" }, i.ok === false ? "✗" : i.ok ? "✓" : "–"), " ", el("strong", {}, i.label), " ", el("span", { class: "small" }, i.detail))));
  const f = s.fees;
  $("#summary-costs").replaceChildren(...(f
    ? [el("p", { class: "small" }, el("strong", {}, text(f.platformName, f.platformNameEn)), " · ",
        `${t("deposit")} `, el("strong", { "data-sum": "deposit" }, yuan(f.deposit.amount)), " · ",
        `${t("yearly")} `, el("strong", { "data-sum": "yearly" }, yuan(f.yearly.total)), " · ",
        `${t("settlement")} ${f.settlement.rule}`),
      el("table", { class: "fees" }, el("tbody", {}, f.lines.map((l) => el("tr", {},
        el("td", {}, text(l.name, l.nameEn)), el("td", { class: "num" }, `${yuan(l.amount)} / ${t("per")[l.per] ?? l.per}`)))))]
    : [el("p", { class: "muted" }, s.feeError ?? t("needCategory"))]));
  const findings = s.listing ? s.listing.findings : [];
  $("#summary-listings").replaceChildren(...[
    el("p", { class: "small" }, el("strong", {}, `${t("reqListing")}${t("colon")}`), s.items.find((i) => i.id === "listing").detail),
    findings.length ? w.findingList(findings) : null,
    el("p", { class: "small" }, el("strong", {}, `${t("reqCsv")}${t("colon")}`), s.items.find((i) => i.id === "csv").detail),
  ].filter(Boolean));
}

/** Personal numbers leave the page only as the engine masks them (last 4 characters: the page
 * promises 不会上传, and a downloaded file is easily passed on). */
const PRIVATE = ["idCard", "bankCard", "corporateAccount"];

export function exportJson(w) {
  const s = summaryData(w);
  const { step, ...answers } = w.draft;
  for (const field of PRIVATE) {
    answers[field] = answers[field].trim() ? xd.checkIdentity(field, answers[field]).masked : "";
  }
  const data = { generatedAt: xd.localTime(), engine: xd.version(), rulebook: w.book.version, language: lang.current,
    masked: PRIVATE, maskedNote: w.t("exportMasked"), answers, ...s };
  download(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }), "xiaodian-merchant-summary.json");
}

