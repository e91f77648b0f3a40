// The storefront: shows the demo catalog, keeps the shopper's picks, and renders the engine's
// quote on every change. No prices are computed here: catalogCart() builds the cart and quote()
// prices it; this file only displays what they return.
import init, * as xd from "./pkg/xiaodian.js";
import { LABELS } from "./i18n.js";
import { loadCart, saveCart } from "./store.js";

const $ = (sel) => document.querySelector(sel);
let lang = localStorage.getItem("xiaodian.lang") === "en" ? "en" : "zh";
let catalog;
let state = { picks: [], memberLevel: 0 };
let lastQuote = null;
let lastError = null;
const t = (key) => LABELS[lang][key] ?? key;
const text = (zh, en) => (lang === "en" ? en : zh);
const yuan = (m) => `¥${m}`;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "class") node.className = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  node.append(...children.flat().filter((c) => c != null));
  return node;
}

function notify(message) {
  const box = $("#notice");
  box.textContent = message;
  box.hidden = !message;
}

const skuIndex = new Map();
function indexCatalog() {
  for (const product of catalog.products) {
    for (const sku of product.skus) skuIndex.set(sku.skuId, { product, sku });
  }
}
const shopName = (id) => {
  const shop = catalog.shops.find((s) => s.id === id);
  return shop ? text(shop.name, shop.nameEn || shop.name) : id;
};

function offerBadges(sku) {
  const names = LABELS[lang].rule;
  const kinds = [
    ["member", sku.memberPrices?.length], ["flash", sku.flashSale], ["group", sku.groupBuy],
    ["bargain", sku.bargain], ["ladder", sku.ladder?.length],
  ];
  return kinds.filter(([, has]) => has).map(([k]) => el("span", { class: `tag tag-${k}` }, names[k]));
}

function renderProducts() {
  const root = $("#products");
  root.replaceChildren();
  for (const product of catalog.products) {
    const skus = product.skus.map((sku) => {
      const soldOut = sku.stock === 0;
      const max = Math.min(sku.stock ?? 99999, sku.limitPerOrder ?? 99999);
      const qtyId = `qty-${sku.skuId}`;
      const groupId = `group-${sku.skuId}`;
      return el("div", { class: "sku", "data-sku": sku.skuId },
        el("div", { class: "sku-head" },
          el("span", { class: "spec" }, text(sku.spec, sku.specEn || sku.spec)),
          el("span", { class: "price" }, yuan(sku.unitPrice)),
          sku.marketPrice ? el("s", { class: "muted small" }, yuan(sku.marketPrice)) : null),
        el("div", { class: "tags" }, offerBadges(sku)),
        soldOut
          ? el("p", { class: "muted small" }, t("soldOut"))
          : el("div", { class: "sku-buy" },
              el("label", { for: qtyId, class: "sr-only" }, `${t("quantity")} ${sku.skuId}`),
              el("input", { id: qtyId, type: "number", min: 1, max, value: 1, inputmode: "numeric" }),
              sku.groupBuy
                ? el("label", { class: "small" }, el("input", { id: groupId, type: "checkbox" }), ` ${t("joinGroup")}`)
                : null,
              el("button", {
                type: "button", "data-add": sku.skuId,
                "aria-label": `${t("add")}: ${text(product.title, product.titleEn)} ${text(sku.spec, sku.specEn)}`,
                onclick: () => addPick(sku.skuId, Number($(`#${CSS.escape(qtyId)}`).value), $(`#${CSS.escape(groupId)}`)?.checked),
              }, t("add"))),
        el("p", { class: "muted small" },
          sku.stock != null ? `${t("stock")} ${sku.stock}` : "",
          sku.limitPerOrder ? ` · ${t("limit")} ${sku.limitPerOrder}` : ""));
    });
    root.append(el("article", { class: "product", "aria-label": text(product.title, product.titleEn) },
      el("div", { class: "pic", "aria-hidden": "true" }, product.image),
      el("h3", {}, text(product.title, product.titleEn || product.title)),
      el("p", { class: "muted small" }, shopName(product.shopId)),
      skus));
  }
}

function addPick(skuId, quantity, joinGroup) {
  if (!Number.isInteger(quantity) || quantity < 1) quantity = 1;
  const existing = state.picks.find((p) => p.skuId === skuId);
  if (existing) {
    existing.quantity += quantity;
    if (joinGroup !== undefined) existing.joinGroup = joinGroup;
  } else {
    state.picks.push({ skuId, quantity, joinGroup: !!joinGroup });
  }
  update();
}

function setQuantity(skuId, quantity) {
  state.picks = quantity > 0
    ? state.picks.map((p) => (p.skuId === skuId ? { ...p, quantity } : p))
    : state.picks.filter((p) => p.skuId !== skuId);
  update();
}

/** Build the cart through the engine, dropping picks whose SKU is no longer in the catalog. */
function buildCart() {
  for (;;) {
    try {
      return xd.catalogCart(catalog, { picks: state.picks, buyer: { memberLevel: state.memberLevel } });
    } catch (e) {
      const m = e.code === "UNKNOWN_ID" && /^order\.picks\[(\d+)\]/.exec(e.path);
      if (!m) throw e;
      const [gone] = state.picks.splice(Number(m[1]), 1);
      notify(`${t("skuGone")} ${gone.skuId}`);
    }
  }
}

function update() {
  saveCart(state);
  const errorBox = $("#cart-error");
  errorBox.hidden = true;
  lastError = null;
  try {
    lastQuote = xd.quote(buildCart());
  } catch (e) {
    lastError = e;
    errorBox.textContent = lang === "en" ? e.messageEn ?? String(e) : e.message;
    errorBox.hidden = false;
    errorBox.dataset.code = e.code ?? "";
    lastQuote = null;
  }
  renderCart();
}

/** When the engine refuses the cart, still list the picks so the shopper can fix them. */
function renderPick(pick, index, error) {
  const { product, sku } = skuIndex.get(pick.skuId) ?? { product: { title: pick.skuId, image: "" }, sku: {} };
  const faulty = error && new RegExp(`^lines\\[${index}\\]`).test(error.path ?? "");
  return el("li", { class: faulty ? "line faulty" : "line", "data-line": pick.skuId, "aria-invalid": faulty ? "true" : undefined },
    el("div", { class: "line-head" },
      el("span", { "aria-hidden": "true" }, product.image, " "),
      el("strong", {}, text(product.title, product.titleEn)),
      el("span", { class: "muted small" }, " ", text(sku.spec ?? "", sku.specEn))),
    quantityControls(pick.skuId, pick.quantity, "—"));
}

function quantityControls(skuId, quantity, amount) {
  return el("div", { class: "line-qty" },
    el("button", { type: "button", class: "icon", "aria-label": `${t("decrease")} ${skuId}`, onclick: () => setQuantity(skuId, quantity - 1) }, "−"),
    el("span", { class: "qty", "data-qty": skuId }, String(quantity)),
    el("button", { type: "button", class: "icon", "aria-label": `${t("increase")} ${skuId}`, onclick: () => setQuantity(skuId, quantity + 1) }, "+"),
    el("button", { type: "button", class: "link", onclick: () => setQuantity(skuId, 0) }, t("remove")),
    el("span", { class: "line-amount", "data-line-payable": skuId }, amount));
}

function renderLine(line) {
  const { product, sku } = skuIndex.get(line.skuId);
  const rules = LABELS[lang].rule;
  return el("li", { class: "line", "data-line": line.skuId },
    el("div", { class: "line-head" },
      el("span", { "aria-hidden": "true" }, product.image, " "),
      el("strong", {}, text(product.title, product.titleEn)),
      el("span", { class: "muted small" }, " ", text(sku.spec, sku.specEn))),
    quantityControls(line.skuId, line.quantity, yuan(line.payable)),
    el("ul", { class: "segments" },
      line.pricing.map((s) => el("li", {},
        el("span", { class: `tag tag-${s.rule}` }, rules[s.rule]),
        ` ${yuan(s.unitPrice)} × ${s.quantity} = ${yuan(s.amount)} · `,
        el("span", { class: "muted" }, text(s.reason, s.reasonEn))))),
    line.priceNotes.length
      ? el("details", { class: "small" },
          el("summary", {}, t("notes")),
          el("ul", {}, line.priceNotes.map((n) => el("li", { class: "muted" }, `${rules[n.rule]}: ${text(n.reason, n.reasonEn)}`))))
      : null);
}

function renderCart() {
  const shops = $("#cart-shops");
  const hints = $("#hints");
  const q = lastQuote;
  $("#cart-count").textContent = String(state.picks.reduce((n, p) => n + p.quantity, 0));
  shops.replaceChildren();
  hints.replaceChildren();
  if (!state.picks.length) shops.append(el("p", { class: "muted" }, t("empty")));
  if (q) {
    for (const shop of q.shops) {
      shops.append(el("section", { class: "shop", "data-shop": shop.shopId, "aria-label": `${t("shop")} ${shopName(shop.shopId)}` },
        el("h3", {}, shopName(shop.shopId)),
        el("ul", { class: "lines" }, shop.lines.map((i) => renderLine(q.lines[i]))),
        el("p", { class: "small shop-shipping", "data-shop-shipping": shop.shopId },
          `${t("shipping")} ${yuan(shop.shipping)} · `, el("span", { class: "muted" }, text(shop.shippingBasis.reason, shop.shippingBasis.reasonEn)))));
    }
    for (const h of q.hints) hints.append(el("p", { class: "hint", "data-hint": h.kind }, "💡 ", text(h.message, h.messageEn)));
  } else if (state.picks.length) {
    shops.append(el("ul", { class: "lines" }, state.picks.map((p, i) => renderPick(p, i, lastError))));
  }
  const set = (id, v) => ($(id).textContent = q ? yuan(v) : "—");
  set("#t-list", q?.listSubtotal);
  set("#t-savings", q?.priceSavings);
  set("#t-subtotal", q?.subtotal);
  set("#t-discount", q?.discount);
  set("#t-shipping", q?.shipping);
  set("#t-payable", q?.payable);
  set("#bar-payable", q?.payable);
  $("#fingerprint").textContent = q?.fingerprint ?? "—";
}

function applyLanguage() {
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  $("#lang").textContent = lang === "en" ? "中文" : "EN";
  document.title = lang === "en" ? "xiaodian demo shop" : "小店 · xiaodian 演示店铺";
}

async function main() {
  notify(t("loading"));
  try {
    await init();
  } catch (e) {
    notify(`${t("loadFailed")} ${e}`);
    return;
  }
  notify("");
  catalog = xd.demoCatalog();
  indexCatalog();
  const v = xd.version();
  $("#version").textContent = `engine ${v.engine} · rulebook ${v.rulebook}`;
  const { state: saved, problem } = loadCart();
  state = saved;
  if (problem) notify(t(problem));
  $("#member-level").value = String(state.memberLevel);
  $("#member-level").addEventListener("change", (e) => {
    state.memberLevel = Number(e.target.value);
    update();
  });
  $("#clear").addEventListener("click", () => {
    state.picks = [];
    update();
  });
  $("#lang").addEventListener("click", () => {
    lang = lang === "en" ? "zh" : "en";
    localStorage.setItem("xiaodian.lang", lang);
    applyLanguage();
    renderProducts();
    renderCart();
  });
  applyLanguage();
  renderProducts();
  update();
  document.body.dataset.ready = "true";
}

main();
