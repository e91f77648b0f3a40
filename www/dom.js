// Small DOM and language helpers shared by the storefront and the merchant wizard.
export const $ = (sel, root = document) => root.querySelector(sel);

/** el("button", { class: "x", onclick }, "text", child…): attributes, listeners, children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false || v === null) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "class") node.className = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  node.append(...children.flat().filter((c) => c != null && c !== false));
  return node;
}

/** The page language, remembered across pages and reloads. */
export const lang = {
  current: localStorage.getItem("xiaodian.lang") === "en" ? "en" : "zh",
  toggle() {
    this.current = this.current === "en" ? "zh" : "en";
    try {
      localStorage.setItem("xiaodian.lang", this.current);
    } catch {
      // Storage unavailable: the choice lasts for this visit.
    }
  },
  /** Pick the engine's zh or en text. */
  pick(zh, en) {
    return this.current === "en" ? (en ?? zh) : zh;
  },
};

/** Apply labels to every [data-i18n] node and set <html lang>. */
export function applyLabels(labels) {
  document.documentElement.lang = lang.current === "en" ? "en" : "zh-CN";
  for (const node of document.querySelectorAll("[data-i18n]")) {
    const text = labels[node.dataset.i18n];
    if (text != null) node.textContent = text;
  }
}

/** An engine error in the page's language. Its message names no field (the path is in `path`,
 * for developers), so it is shown as it is. */
export const errorText = (e) => lang.pick(e.message ?? String(e), e.messageEn);

export const yuan = (m) => `¥${m}`;

/** What the engine did with an offer (`x`: an applied or rejected entry), in the page's language,
 * for a label that already shows the offer's title: the engine's `reason`, its sentence without
 * the title in front (an order saved before quotes had `reason`: the whole sentence). */
export const offerSentence = (x) =>
  x.reason == null ? lang.pick(x.message, x.messageEn) : lang.pick(x.reason, x.reasonEn);

/** Read and write a JSON draft in localStorage; anything unreadable is reported, not thrown. */
export function loadJson(key) {
  let raw;
  try {
    raw = localStorage.getItem(key);
  } catch {
    return { problem: "storageUnavailable" };
  }
  if (raw == null) return {};
  try {
    return { value: JSON.parse(raw) };
  } catch {
    return { problem: "corrupt" };
  }
}

export function saveJson(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    // Private mode or a full quota: the page still works for this visit.
    return false;
  }
}

/** Show a message in the page's #notice (empty hides it). */
export function notify(message) {
  const box = $("#notice");
  box.textContent = message;
  box.hidden = !message;
}

/**
 * Start the engine for a page: a loading notice, the failure in its place if it cannot load, the
 * versions in #version. Resolves to false when the page cannot go on.
 */
export async function startEngine(init, version, labels) {
  notify(labels.loading);
  try {
    await init();
  } catch (e) {
    notify(`${labels.loadFailed} ${e}`);
    return false;
  }
  notify("");
  const v = version();
  $("#version").textContent = `engine ${v.engine} · rulebook ${v.rulebook}`;
  return true;
}

/**
 * A SKU's spec as shown after its product's title: nothing when the title already says it
 * (the demo's single-SKU products are titled "新疆纸皮核桃 500g" with spec "500g").
 */
export const specAfter = (title, spec) => (spec && !String(title ?? "").includes(spec) ? spec : "");
