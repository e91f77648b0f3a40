// The checkout page: the storefront's saved cart, a delivery address (pasted and read by the
// engine's parseAddress, or picked from its regions table), the engine's quote of the order, and
// 提交订单 to the order server, which re-verifies it (docs/server.md). Then the confirmation and
// 我的订单, both read back from the server. No amounts are computed here: every number shown is
// the engine's (the local quote) or the server's (the verified quote and the stored order).
import init, * as xd from "./pkg-shop/xiaodian.js";
import { CHECKOUT_LABELS as LABELS } from "./checkout-i18n.js";
import { loadCart, saveCart, POINTS_BALANCE } from "./store.js";
import { $, el, lang, applyLabels, errorText, yuan, notify, startEngine, loadJson, saveJson, offerSentence, specAfter } from "./dom.js";
import { savedChain, goneNote } from "./address.js";
import { walletOrder } from "./wallet.js";

const ADDRESS_KEY = "xiaodian.address";
const t = (key) => LABELS[lang.current][key] ?? key;
const text = (zh, en) => lang.pick(zh, en || zh);

let catalog;
let shop;
let wallet = [];
let cart;
let address = { regionCode: "", detail: "", name: "", phone: "" };
let quote = null;
let quoteError = null;
/** The server's quote after a 409: shown, and sent with the next submit while nothing changes. */
let serverQuote = null;
/** The pending submit: the same body is retried with the same Idempotency-Key. */
let attempt = null;
/** The last 409's body while its differences are shown (re-rendered on a language switch). */
let changed = null;
/** Counts order-page loads: an answer for an earlier hash is dropped. */
let orderLoad = 0;
const skuIndex = new Map();
const couponIndex = new Map();

/** JSON over the order server's API; → { status, body }. */
async function api(path, options = {}) {
  const res = await fetch(path, {
    credentials: "same-origin",
    ...options,
    headers: { "Content-Type": "application/json", ...(options.headers ?? {}) },
  });
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  return { status: res.status, body };
}

async function loadCatalog() {
  const { status, body } = await api("/api/catalog");
  if (status !== 200) throw new Error(`/api/catalog: HTTP ${status}`);
  shop = new xd.Storefront(body);
  catalog = shop.catalog();
  skuIndex.clear();
  couponIndex.clear();
  for (const product of catalog.products) for (const sku of product.skus) skuIndex.set(sku.skuId, { product, sku });
  for (const c of catalog.coupons ?? []) couponIndex.set(c.id, c);
}

const shopName = (id) => {
  const s = catalog.shops.find((x) => x.id === id);
  return s ? text(s.name, s.nameEn) : id;
};
const itemName = (skuId) => {
  const found = skuIndex.get(skuId);
  if (!found) return skuId;
  const title = text(found.product.title, found.product.titleEn);
  const spec = specAfter(title, text(found.sku.spec ?? "", found.sku.specEn));
  return spec ? `${title} · ${spec}` : title;
};
const offerName = (o) => text(o.title ?? o.id, o.titleEn);

function addressGiven() {
  return address.regionCode ? Object.fromEntries(Object.entries(address).filter(([, v]) => v)) : undefined;
}

function order() {
  const coupons = wallet.map((id) => couponIndex.get(id)).filter(Boolean);
  return {
    picks: cart.picks,
    buyer: { memberLevel: cart.memberLevel, newCustomer: cart.newCustomer },
    coupons,
    couponSelection: Array.isArray(cart.selection) ? cart.selection.filter((id) => wallet.includes(id)) : "auto",
    points: { balance: POINTS_BALANCE, use: cart.points },
    shippingInsurance: cart.insurance ? catalog.shippingInsurance : undefined,
    // 到店自提 as chosen in the storefront's cart: no freight, no 运费险, no address (the engine's).
    address: cart.pickup ? undefined : addressGiven(),
    delivery: cart.pickup ? "pickup" : undefined,
  };
}

/** Quote the order locally (the engine in the page); the address goes with it. */
function requote() {
  serverQuote = null;
  changed = null;
  $("#co-changed").hidden = true;
  quoteError = null;
  quote = null;
  if (cart.picks.length) {
    try {
      // Quoted with the wallet kept in the Storefront; the posted order carries the coupons.
      quote = shop.quote(walletOrder(shop, order()));
    } catch (e) {
      quoteError = e;
    }
  }
  render();
}

// ---- address ------------------------------------------------------------------------------

const selects = () => [$("#co-province"), $("#co-city"), $("#co-district")];

function fillSelect(select, parent, chosen) {
  let list = [];
  if (parent !== null) {
    try {
      list = xd.regions(parent);
    } catch {
      list = [];
    }
  }
  // data-i18n: the language switch relabels the placeholder without refilling the lists.
  select.replaceChildren(el("option", { value: "", "data-i18n": "choose" }, t("choose")),
    ...list.map((r) => el("option", { value: r.code }, r.name)));
  select.value = list.some((r) => r.code === chosen) ? chosen : "";
  select.disabled = list.length === 0;
}

/** Show a chain of region codes, province first (香港's districts sit in the second box). */
function showRegions(chain) {
  const [a, b, c] = chain.filter(Boolean);
  const [p, ci, d] = selects();
  fillSelect(p, undefined, a ?? "");
  fillSelect(ci, p.value || null, b ?? "");
  fillSelect(d, ci.value || null, c ?? "");
}

function readAddressFields() {
  address = {
    regionCode: [...selects()].reverse().map((s) => s.value).find(Boolean) ?? "",
    detail: $("#co-detail").value.trim(),
    name: $("#co-name").value.trim(),
    phone: $("#co-phone").value.trim(),
  };
  saveJson(ADDRESS_KEY, address);
  cart.address = addressGiven() ?? null;
  saveCart(cart);
  requote();
}

function parsePasted() {
  const pasted = $("#co-paste").value;
  if (!pasted.trim()) return;
  const p = xd.parseAddress(pasted);
  showRegions([p.province?.code, p.city?.code, p.district?.code]);
  $("#co-detail").value = p.detail ?? "";
  $("#co-name").value = p.name ?? "";
  $("#co-phone").value = p.phone ?? "";
  $("#co-address-note").replaceChildren(...(p.findings ?? []).map((f) =>
    el("span", { "data-finding": f.code }, text(f.message, f.messageEn), " ")));
  readAddressFields();
}

function setupAddress(regionsLoaded) {
  const saved = cart.address ?? loadJson(ADDRESS_KEY).value;
  let chain = [];
  if (saved && typeof saved === "object" && typeof saved.regionCode === "string" && regionsLoaded) {
    const found = savedChain(xd, saved.regionCode);
    chain = found.chain;
    // A region the table no longer has (merged away): the text stays, the district is asked again.
    address = { regionCode: found.gone ? "" : saved.regionCode, detail: saved.detail ?? "", name: saved.name ?? "", phone: saved.phone ?? "" };
    if (found.gone) {
      $("#co-address-note").replaceChildren(goneNote(found, t));
    }
  }
  $("#co-detail").value = address.detail;
  $("#co-name").value = address.name;
  $("#co-phone").value = address.phone;
  if (!regionsLoaded) return;
  showRegions(chain);
  selects().forEach((select, level) => select.addEventListener("change", () => {
    showRegions(selects().map((s) => s.value).slice(0, level + 1));
    $("#co-address-note").replaceChildren();
    readAddressFields();
  }));
  for (const id of ["#co-detail", "#co-name", "#co-phone"]) $(id).addEventListener("change", readAddressFields);
  $("#co-parse").disabled = false;
  $("#co-parse").addEventListener("click", parsePasted);
  $("#co-paste").addEventListener("paste", () => setTimeout(parsePasted, 0));
}

/** The engine's reading of the address: its error when the region is unknown or a field is bad. */
function addressProblem() {
  if (cart.pickup) return null;
  if (!address.regionCode || !address.detail || !address.name || !address.phone) return t("needAddress");
  try {
    xd.resolveAddress(addressGiven());
    return null;
  } catch (e) {
    return errorText(e);
  }
}

// ---- rendering ----------------------------------------------------------------------------

/** The engine's blockers for the line at `index` (by path). Its adjustments are said once, above
 * the lines (#co-adjustments): a dropped pick has no line to show them on. */
function lineNotes(q, index) {
  const blockers = (q.blockers ?? []).filter((b) => new RegExp(`^lines\\[${index}\\]`).test(b.path ?? ""));
  return blockers.map((b) => el("p", { class: "co-blocker small", "data-blocker": b.code }, "⚠ ", text(b.message, b.messageEn)));
}

function renderLine(q, index) {
  const line = q.lines[index];
  const { product } = skuIndex.get(line.skuId) ?? { product: { image: "" } };
  return el("li", { class: "line", "data-line": line.skuId },
    el("div", { class: "line-head" },
      el("span", { "aria-hidden": "true" }, product.image, " "),
      el("strong", {}, itemName(line.skuId)),
      el("span", { class: "muted small" }, ` × ${line.quantity}`),
      el("span", { class: "line-amount", "data-line-payable": line.skuId }, yuan(line.payable))),
    line.discounts.length || line.pointsDeduction !== "0.00"
      ? el("ul", { class: "breakdown small" },
          line.discounts.map((d) => {
            const a = q.applied.find((x) => x.id === d.id);
            return el("li", {}, `${a ? offerName(a) : d.id} −${yuan(d.amount)}`);
          }),
          line.pointsDeduction !== "0.00" ? el("li", {}, `${t("points")} −${yuan(line.pointsDeduction)}`) : null)
      : null,
    lineNotes(q, index));
}

function shopShipping(s) {
  // The engine's reason already states the freight; only 运费险 is added.
  const insured = s.insurance && s.insurance.paidBy === "buyer";
  return el("p", { class: "small shop-shipping", "data-shop-shipping": s.shopId },
    el("span", { class: "muted" }, text(s.shippingBasis.reason, s.shippingBasis.reasonEn)),
    insured ? ` · ${t("insurance")} ${yuan(s.insurance.fee)}` : null);
}

function renderTotals(q) {
  const set = (id, v) => ($(id).textContent = q ? yuan(v) : "—");
  set("#co-subtotal", q?.subtotal);
  set("#co-discount", q?.discount);
  set("#co-points", q?.pointsDeduction);
  set("#co-freight", q?.freight);
  set("#co-insurance", q?.insurance);
  set("#co-payable", q?.payable);
  $("#co-applied").replaceChildren(...(q?.applied ?? []).map((a) =>
    el("li", { class: "coupon applied", "data-applied": a.id }, el("span", {}, offerName(a)),
      el("span", { class: "ok" }, a.kind === "freeShipping" ? offerSentence(a) : `−${yuan(a.amount)}`))));
}

function render() {
  const q = serverQuote ?? quote;
  const error = $("#co-error");
  error.hidden = !quoteError;
  error.textContent = quoteError ? errorText(quoteError) : "";
  error.dataset.code = quoteError?.code ?? "";
  const shops = $("#co-shops");
  shops.replaceChildren();
  $("#co-adjustments").replaceChildren(...(q?.adjustments ?? []).map((a) =>
    el("p", { class: "co-adjusted", "data-adjustment": a.code }, text(a.message, a.messageEn))));
  if (!cart.picks.length) shops.append(el("p", { class: "muted" }, t("emptyCart")));
  if (q) {
    for (const s of q.shops) {
      shops.append(el("section", { class: "shop", "data-shop": s.shopId },
        el("h3", {}, shopName(s.shopId)),
        el("ul", { class: "lines" }, s.lines.map((i) => renderLine(q, i))),
        shopShipping(s)));
    }
    const addressBlockers = (q.blockers ?? []).filter((b) => !/^lines\[/.test(b.path ?? ""));
    // The last quote's blockers go when this one has none (the parse's findings stay).
    for (const old of $("#co-address-note").querySelectorAll("[data-blocker]")) old.remove();
    if (addressBlockers.length) {
      $("#co-address-note").replaceChildren(...addressBlockers.map((b) =>
        el("span", { class: "co-blocker", "data-blocker": b.code }, "⚠ ", text(b.message, b.messageEn), " ")));
    }
  } else if (cart.picks.length) {
    shops.append(el("ul", { class: "lines" }, cart.picks.map((p) =>
      el("li", { class: "line", "data-line": p.skuId }, itemName(p.skuId), ` × ${p.quantity}`))));
  }
  renderTotals(q);
  // 到店自提: no address asked (the address box shows the pickup note instead).
  $("#co-pickup").hidden = !cart.pickup;
  for (const node of document.querySelectorAll(".co-address [data-delivery-only]")) node.hidden = !!cart.pickup;
  $("#addr-h").dataset.i18n = cart.pickup ? "pickupTitle" : "address";
  $("#addr-h").textContent = t($("#addr-h").dataset.i18n);
  // Nothing to order (an empty cart, or every pick dropped by the engine): the server would
  // refuse it (422 EMPTY_ORDER), so submit waits and says why.
  const empty = !cart.picks.length || (q && q.lines.length === 0);
  $("#co-submit").disabled = !q || empty || (q.blockers ?? []).length > 0;
  $("#co-submit-why").hidden = !empty;
  $("#co-submit-why").textContent = empty ? t("nothingToOrder") : "";
}

/** A difference's path in the shopper's words (the item, the total), never the raw path. */
function differenceName(d, q) {
  const field = { payable: "payable", subtotal: "subtotal", discount: "discount", shipping: "shipping", pointsDeduction: "points", quantity: "qty" };
  const line = /^lines\[(\d+)\](?:\.(\w+))?$/.exec(d.path ?? "");
  if (line) {
    const sku = q?.lines?.[Number(line[1])]?.skuId;
    return `${sku ? itemName(sku) : t("item")}${line[2] && field[line[2]] ? ` ${t(field[line[2]])}` : ""}`;
  }
  const applied = /^applied/.test(d.path ?? "");
  if (applied) {
    const offer = q?.applied?.find((a) => a.id === d.server || a.id === d.client) ?? couponIndex.get(d.server ?? d.client ?? "");
    return offer ? offerName(offer) : t("discount");
  }
  return field[d.path] ? t(field[d.path]) : t("summary");
}

/** Amounts as ¥, other values as they came (an offer id becomes its name). */
function shownValue(v) {
  if (v == null) return "—";
  if (/^-?\d+\.\d{2}$/.test(v)) return yuan(v);
  const offer = couponIndex.get(v) ?? catalog.promotions?.find((p) => p.id === v);
  return offer ? offerName(offer) : v;
}

function renderChanged(body) {
  changed = body;
  const box = $("#co-changed");
  box.replaceChildren(
    el("strong", {}, t("priceChanged")),
    el("p", { class: "small" }, t("priceChangedHelp")),
    el("ul", { class: "small" }, (body.differences ?? []).map((d) =>
      el("li", { "data-difference": d.code }, `${differenceName(d, body.quote)}${lang.current === "en" ? ": " : "："}${t("was")} ${shownValue(d.client)} → ${t("now")} ${shownValue(d.server)}`))));
  box.hidden = false;
}

// ---- submit -------------------------------------------------------------------------------

function idempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function submit() {
  const problem = addressProblem();
  if (problem) {
    notify(problem);
    $("#co-detail").focus();
    return;
  }
  const q = serverQuote ?? quote;
  if (!q) return;
  const body = JSON.stringify({ order: order(), quote: q });
  // A retry of the same body (a lost response) keeps its key, so the server places one order.
  if (!attempt || attempt.body !== body) attempt = { key: idempotencyKey(), body };
  const button = $("#co-submit");
  button.disabled = true;
  button.textContent = t("submitting");
  notify("");
  let res;
  try {
    res = await api("/api/orders", { method: "POST", body, headers: { "Idempotency-Key": attempt.key } });
  } catch (e) {
    notify(`${t("offline")} ${e.message ?? e}`);
    button.disabled = false;
    button.textContent = t("submit");
    return;
  }
  button.textContent = t("submit");
  const { status, body: answer } = res;
  if (status === 201) {
    attempt = null;
    cart.picks = [];
    cart.points = 0;
    saveCart(cart);
    location.hash = `#/order/${answer.orderId}`;
    return;
  }
  attempt = null;
  if (status === 409 && answer?.code === "QUOTE_MISMATCH") {
    // The server's quote is what would be charged now: show it, send it with the next submit.
    quote = answer.quote;
    serverQuote = answer.quote;
    quoteError = null;
    render();
    renderChanged(answer);
    return;
  }
  if (status === 409 && answer?.code) {
    // Sold out, 限购 or a coupon no longer usable: read the live catalog and wallet again.
    await refreshFromServer();
    requote();
    quoteError = answer;
    render();
    // The engine's message already says 库存不足 / 限购; add it only when it does not.
    const said = errorText(answer);
    $("#co-error").textContent = answer.code === "OUT_OF_STOCK" && !said.includes(t("outOfStock")) ? `${t("outOfStock")}: ${said}` : said;
    return;
  }
  quoteError = answer ?? { message: `HTTP ${status}`, messageEn: `HTTP ${status}` };
  render();
}

async function refreshFromServer() {
  await loadCatalog();
  const w = await api("/api/wallet");
  wallet = w.status === 200 ? w.body.wallet : [];
}

// ---- confirmation and 我的订单 ------------------------------------------------------------

function show(view) {
  for (const id of ["#view-checkout", "#view-confirm", "#view-orders"]) $(id).hidden = id !== view;
}

/** The confirmation's fields emptied, so nothing of a previous order stays on the page. */
function clearOrder() {
  for (const sel of ["#cf-id", "#cf-created", "#cf-delivery-kind", "#cf-address", "#cf-subtotal", "#cf-discount",
    "#cf-points", "#cf-freight", "#cf-insurance", "#cf-payable"]) $(sel).textContent = "";
  $("#cf-lines").replaceChildren();
  $("#cf-applied").replaceChildren();
}

/** The stored address as one line: name, phone, the engine's region names, the street. */
function addressLine(a) {
  if (!a) return "";
  let region = "";
  try {
    const r = xd.resolveAddress({ regionCode: a.regionCode });
    region = [r.province?.name, r.city?.name, r.district?.name].filter(Boolean).join("");
  } catch {
    region = "";
  }
  return [a.name, a.phone, region, a.detail].filter(Boolean).join(" · ");
}

/** A deduction cell: empty rather than −¥0.00. */
const minus = (v) => (v === "0.00" ? "" : `−${yuan(v)}`);

async function showOrder(id) {
  show("#view-confirm");
  const load = ++orderLoad;
  // The previous order's data goes at once: neither a slow answer nor a 404 may show it.
  clearOrder();
  $("#cf-order").hidden = true;
  $("#cf-missing").hidden = true;
  const { status, body } = await api(`/api/orders/${encodeURIComponent(id)}`);
  if (load !== orderLoad) return;
  if (status !== 200) {
    // Only the not-found state (or the server's refusal): no 下单成功, no order number of ours.
    $("#cf-missing-id").textContent = id;
    $("#cf-missing").hidden = false;
    $("#cf-missing h2").textContent = status === 404 ? t("orderGone") : errorText(body ?? {});
    return;
  }
  const q = body.quote;
  $("#cf-order").hidden = false;
  $("#cf-id").textContent = body.orderId;
  $("#cf-created").textContent = body.createdAt.replace("T", " ").slice(0, 19);
  // 到店自提 as the stored order says; its quote has no freight and no 运费险 (the engine's).
  const pickup = body.order?.delivery === "pickup";
  $("#cf-delivery-kind").textContent = pickup ? t("pickupTitle") : "";
  $("#cf-address").textContent = pickup ? t("pickupHelp") : addressLine(body.address);
  $("#cf-delivery").dataset.delivery = pickup ? "pickup" : "express";
  $("#cf-lines").replaceChildren(...body.lines.map((l) => el("tr", { "data-paid": l.skuId },
    el("td", {}, itemName(l.skuId)), el("td", {}, String(l.quantity)), el("td", {}, yuan(l.subtotal)),
    el("td", {}, minus(l.discount)), el("td", {}, minus(l.pointsDeduction)),
    el("td", { class: "paid" }, yuan(l.payable)))));
  $("#cf-applied").replaceChildren(...q.applied.map((x) => el("li", { class: "coupon applied", "data-applied": x.id },
    el("span", {}, offerName(x)), el("span", { class: "ok" }, x.kind === "freeShipping" ? offerSentence(x) : `−${yuan(x.amount)}`))));
  const set = (sel, v) => ($(sel).textContent = yuan(v));
  // Deductions and 运费险 the order did not have are left out, not shown as ¥0.00.
  const optional = (sel, v) => {
    set(sel, v);
    $(sel).parentElement.hidden = v === "0.00";
  };
  set("#cf-subtotal", q.subtotal);
  optional("#cf-discount", q.discount);
  optional("#cf-points", q.pointsDeduction);
  set("#cf-freight", q.freight);
  optional("#cf-insurance", q.insurance);
  set("#cf-payable", q.payable);
}

/** "1 item" / "3 items"; 件 in Chinese either way. */
const itemCount = (n) => `${n} ${t(n === 1 ? "items_1" : "items_n")}`;

async function showOrders() {
  show("#view-orders");
  const { status, body } = await api("/api/orders");
  const list = status === 200 ? body.orders : [];
  $("#orders").replaceChildren(...(list.length
    ? list.map((o) => el("li", { "data-order": o.orderId },
        el("a", { href: `#/order/${o.orderId}` }, o.orderId),
        el("span", { class: "muted small" }, ` ${o.createdAt.replace("T", " ").slice(0, 16)} · ${itemCount(o.itemCount)} · `),
        el("strong", {}, yuan(o.payable))))
    : [el("li", { class: "muted" }, t("noOrders"))]));
}

async function route() {
  notify("");
  const m = /^#\/order\/(.+)$/.exec(location.hash);
  if (m) return showOrder(decodeURIComponent(m[1]));
  if (location.hash === "#/orders") return showOrders();
  show("#view-checkout");
  cart = loadCart().state;
  requote();
}

function applyLanguage() {
  applyLabels(LABELS[lang.current]);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  $("#lang").textContent = lang.current === "en" ? "中文" : "EN";
  document.title = lang.current === "en" ? "Checkout · xiaodian demo shop" : "结算 · xiaodian 演示店铺";
}

async function main() {
  applyLanguage();
  if (!(await startEngine(init, xd.version, LABELS[lang.current]))) return;
  try {
    await refreshFromServer();
  } catch {
    notify(t("needServer"));
    return;
  }
  let regionsLoaded = false;
  try {
    const res = await fetch(new URL("./regions.txt", import.meta.url));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    xd.loadRegions(await res.text());
    regionsLoaded = true;
  } catch (e) {
    notify(`${t("regionsFailed")} ${e.message ?? e}`);
  }
  cart = loadCart().state;
  setupAddress(regionsLoaded);
  $("#co-submit").addEventListener("click", submit);
  $("#lang").addEventListener("click", () => {
    lang.toggle();
    applyLanguage();
    // The checkout is re-rendered as it stands (a 409's server quote and its differences stay);
    // the order pages are read again.
    if (!$("#view-checkout").hidden) {
      render();
      if (changed) renderChanged(changed);
    } else route();
  });
  window.addEventListener("hashchange", route);
  await route();
  document.body.dataset.ready = "true";
}

main();
