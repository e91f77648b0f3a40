// The storefront's address box: paste a chat address and the engine's 地址智能识别 fills the
// fields, or pick province / city / district from the engine's regions table (data/regions.txt,
// loaded once). It only keeps what the shopper chose; the freight for it comes from the quote.
import { $, el, lang } from "./dom.js";

/** Load the regions table into the module; false (and a notice) when it cannot be had. */
export async function loadRegions(xd, notify, label) {
  try {
    const res = await fetch(new URL("./regions.txt", import.meta.url));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    xd.loadRegions(await res.text());
    return true;
  } catch (e) {
    notify(`${label} regions.txt: ${e.message ?? e}`);
    return false;
  }
}

/**
 * The picker chain (province, city, district codes) of a saved address's region code, and
 * whether its region is gone, as the engine's `lookupRegion` says: a code the table no longer has
 * (杭州's 下城区 330103, merged into 拱墅区 in 2021) keeps the levels above it still there, so the
 * shopper only picks the district again.
 */
export function savedChain(xd, regionCode) {
  const r = xd.lookupRegion(String(regionCode ?? ""));
  return { chain: r.path.map((x) => x.code), gone: !r.known, removed: r.removed };
}

/** The note for a gone region: the page's sentence, then what replaced it when the table says
 * (下城区 现属 拱墅区); `data-i18n` spans so the language switch relabels them. */
export function goneNote(saved, t) {
  const removed = saved.removed;
  const now = removed?.replacedBy?.length
    ? [" ", removed.name, el("span", { "data-i18n": "regionNow" }, t("regionNow")), removed.replacedBy.map((r) => r.name).join(" / ")]
    : [];
  return el("span", { "data-finding": "REGION_GONE" }, el("span", { "data-i18n": "regionGone" }, t("regionGone")), ...now);
}

/**
 * Wire the box. `state.address` is `{ regionCode, detail?, name?, phone? }` or null and
 * `state.pickup` a boolean; `changed()` is called after every edit.
 */
export function setupAddress(xd, state, t, changed) {
  const selects = [$("#addr-province"), $("#addr-city"), $("#addr-district")];
  const fields = { detail: $("#addr-detail"), name: $("#addr-name"), phone: $("#addr-phone") };
  const note = $("#address-note");

  function fill(select, parent, chosen) {
    let list = [];
    try {
      list = parent === null ? [] : xd.regions(parent);
    } catch {
      list = [];
    }
    // data-i18n: the language switch relabels the placeholder without refilling the lists.
    select.replaceChildren(el("option", { value: "", "data-i18n": "choose" }, t("choose")),
      ...list.map((r) => el("option", { value: r.code, selected: r.code === chosen }, r.name)));
    select.value = list.some((r) => r.code === chosen) ? chosen : "";
    select.disabled = list.length === 0;
  }

  /** Show a chain of codes, province first; missing levels are skipped (香港 has districts
   * straight under it, shown in the second box) and the rest stay unchosen. */
  function show(chain) {
    const codes = chain.filter(Boolean);
    fill(selects[0], undefined, codes[0] ?? "");
    fill(selects[1], codes[0] || null, codes[1] ?? "");
    fill(selects[2], codes[1] || null, codes[2] ?? "");
  }

  function save() {
    const regionCode = [...selects].reverse().map((s) => s.value).find(Boolean);
    if (!regionCode) {
      state.address = null;
    } else {
      state.address = { regionCode };
      for (const [k, input] of Object.entries(fields)) if (input.value.trim()) state.address[k] = input.value.trim();
    }
    changed();
  }

  function parse() {
    const text = $("#address-paste").value;
    if (!text.trim()) return;
    const p = xd.parseAddress(text);
    show([p.province?.code, p.city?.code, p.district?.code]);
    fields.detail.value = p.detail ?? "";
    fields.name.value = p.name ?? "";
    fields.phone.value = p.phone ?? "";
    note.replaceChildren(...p.findings.map((f) => el("span", { "data-finding": f.code }, lang.pick(f.message, f.messageEn), " ")));
    save();
  }

  selects.forEach((select, level) => select.addEventListener("change", () => {
    // A changed level resets the ones below it.
    const codes = selects.map((s) => s.value).slice(0, level + 1);
    show(codes);
    note.replaceChildren();
    save();
  }));
  for (const input of Object.values(fields)) input.addEventListener("change", save);
  $("#address-parse").addEventListener("click", parse);
  $("#address-paste").addEventListener("paste", () => setTimeout(parse, 0));
  $("#pickup").checked = state.pickup;
  $("#pickup").addEventListener("change", (e) => {
    state.pickup = e.target.checked;
    changed();
  });

  // Restore a saved address: its region chain from the table, then its text.
  let chain = [];
  if (state.address) {
    const saved = savedChain(xd, state.address.regionCode);
    chain = saved.chain;
    for (const [k, input] of Object.entries(fields)) input.value = state.address[k] ?? "";
    if (saved.gone) {
      // No quote with a region the table does not have: the text waits for the district.
      state.address = null;
      note.replaceChildren(goneNote(saved, t));
    }
  }
  show(chain);
}

/** Lock the box when the regions table is missing: the quote then ships without an address. */
export function disableAddress() {
  for (const e of document.querySelectorAll(".address textarea, .address select, .address input:not(#pickup), #address-parse")) {
    e.disabled = true;
  }
}
