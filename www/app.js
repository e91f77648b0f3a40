// The storefront: shows the demo catalog and its coupon centre, keeps the shopper's cart and
// delivery address (address.js), and renders the engine's quote on every change. No prices are
// computed here: a Storefront (the catalog kept inside the WASM module) turns the order into a
// cart and quotes it; this file only displays what comes back.
import init, * as xd from "./pkg-shop/xiaodian.js";
import { LABELS } from "./i18n.js";
import { loadCart, saveCart, emptyCart } from "./store.js";
import { $, el, lang, applyLabels, errorText, yuan, notify, startEngine } from "./dom.js";
import { loadRegions, setupAddress, disableAddress } from "./address.js";

/** The demo buyer's points balance (their account, not a shop rule). */
const POINTS_BALANCE = 3000;

let catalog;
let shop;
let state = emptyCart();
let lastQuote = null;
let lastError = null;
const t = (key) => LABELS[lang.current][key] ?? key;
const text = (zh, en) => lang.pick(zh, en || zh);
const skuIndex = new Map();
const couponIndex = new Map();


function indexCatalog() {
  for (const product of catalog.products) {
    for (const sku of product.skus) skuIndex.set(sku.skuId, { product, sku });
  }
  for (const c of catalog.coupons ?? []) couponIndex.set(c.id, c);
}

const shopName = (id) => {
  const s = catalog.shops.find((x) => x.id === id);
  return s ? text(s.name, s.nameEn) : id;
};

function offerBadges(sku) {
  const names = t("rule");
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
          el("span", { class: "spec" }, text(sku.spec, sku.specEn)),
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
      el("h3", {}, text(product.title, product.titleEn)),
      el("p", { class: "muted small" }, shopName(product.shopId)),
      skus));
  }
}

function renderCouponCenter() {
  const root = $("#coupon-center");
  root.replaceChildren(...(catalog.coupons ?? []).map((c) => {
    const have = state.wallet.includes(c.id);
    return el("li", { class: have ? "coupon claimed" : "coupon", "data-center": c.id },
      el("span", {}, c.title ?? c.id),
      el("button", {
        type: "button", class: "small", disabled: have, "aria-label": `${t("claim")} ${c.title ?? c.id}`,
        onclick: () => claim([c.id]),
      }, have ? t("claimed") : t("claim")));
  }));
  $("#claim-all").disabled = (catalog.coupons ?? []).every((c) => state.wallet.includes(c.id));
}

function claim(ids) {
  for (const id of ids) if (!state.wallet.includes(id)) state.wallet.push(id);
  renderCouponCenter();
  update();
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

function order() {
  return {
    picks: state.picks,
    buyer: { memberLevel: state.memberLevel, newCustomer: state.newCustomer },
    coupons: state.wallet.map((id) => couponIndex.get(id)),
    couponSelection: Array.isArray(state.selection) ? state.selection.filter((id) => state.wallet.includes(id)) : "auto",
    points: { balance: POINTS_BALANCE, use: state.points },
    shippingInsurance: state.insurance ? catalog.shippingInsurance : undefined,
    address: state.address ?? undefined,
    delivery: state.pickup ? "pickup" : undefined,
  };
}

/** Quote through the engine, dropping saved picks and coupons the catalog no longer has. */
function quoteOrder() {
  state.wallet = state.wallet.filter((id) => {
    if (couponIndex.has(id)) return true;
    notify(`${t("couponGone")} ${id}`);
    return false;
  });
  for (;;) {
    try {
      return shop.quote(order());
    } catch (e) {
      if (state.address && /^(order\.)?address/.test(e.path ?? "") && e.code !== "REGIONS_NOT_LOADED") {
        state.address = null;
        notify(t("addressDropped"));
        continue;
      }
      const m = e.code === "UNKNOWN_ID" && /^order\.picks\[(\d+)\]/.exec(e.path);
      if (!m) throw e;
      const [gone] = state.picks.splice(Number(m[1]), 1);
      notify(`${t("skuGone")} ${gone.skuId}`);
    }
  }
}

function update() {
  const errorBox = $("#cart-error");
  errorBox.hidden = true;
  lastError = null;
  try {
    lastQuote = quoteOrder();
  } catch (e) {
    lastError = e;
    errorBox.textContent = errorText(e);
    errorBox.hidden = false;
    errorBox.dataset.code = e.code ?? "";
    lastQuote = null;
  }
  saveCart(state);
  renderCart();
}

/** When the engine refuses the cart, still list the picks so the shopper can fix them. */
function renderPick(pick, index, error) {
  const { product, sku } = skuIndex.get(pick.skuId) ?? { product: { title: pick.skuId, image: "" }, sku: {} };
  const faulty = error && new RegExp(`^(order\\.picks|lines)\\[${index}\\]`).test(error.path ?? "");
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

function renderLine(line, q) {
  const { product, sku } = skuIndex.get(line.skuId);
  const rules = t("rule");
  const title = (id) => q.applied.find((a) => a.id === id)?.title ?? id;
  const breakdown = [
    ...line.discounts.map((d) => el("li", { "data-line-discount": d.id }, `${title(d.id)} −${yuan(d.amount)}`)),
    line.pointsDeduction !== "0.00" ? el("li", { "data-line-points": line.skuId }, `${t("points")} −${yuan(line.pointsDeduction)}`) : null,
  ].filter(Boolean);
  return el("li", { class: "line", "data-line": line.skuId, "data-deliverable": line.deliverable === false ? "false" : undefined },
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
    breakdown.length
      ? el("ul", { class: "breakdown small", "aria-label": t("lineDiscounts") }, breakdown)
      : null,
    line.priceNotes.length
      ? el("details", { class: "small" },
          el("summary", {}, t("notes")),
          el("ul", {}, line.priceNotes.map((n) => el("li", { class: "muted" }, `${rules[n.rule]}: ${text(n.reason, n.reasonEn)}`))))
      : null);
}

/** One coupon or promotion with what the engine did with it. */
function offerItem(offer, q, manual) {
  const applied = q?.applied.find((a) => a.id === offer.id);
  const rejected = q?.rejected.find((r) => r.id === offer.id);
  const status = applied
    ? el("span", { class: "ok" }, applied.kind === "freeShipping" ? text(applied.message, applied.messageEn) : `−${yuan(applied.amount)}`)
    : rejected
      ? el("span", { class: "muted", "data-code": rejected.code }, text(rejected.message, rejected.messageEn))
      : null;
  const id = `use-${offer.id}`;
  const checked = manual ? state.selection.includes(offer.id) : !!applied;
  return el("li", { class: applied ? "coupon applied" : "coupon", "data-offer": offer.id, "data-state": applied ? "applied" : rejected ? "rejected" : "" },
    manual !== undefined
      ? el("input", {
          type: "checkbox", id, checked, disabled: !manual,
          onchange: (e) => {
            state.selection = e.target.checked
              ? [...state.selection, offer.id]
              : state.selection.filter((x) => x !== offer.id);
            update();
          },
        })
      : null,
    el("label", { for: manual !== undefined ? id : undefined }, offer.title ?? offer.id,
      !manual && applied && offer.source !== "promotion" ? el("span", { class: "tag" }, ` ${t("best")}`) : null),
    el("div", { class: "small" }, status));
}

function renderOffers(q) {
  const manual = Array.isArray(state.selection);
  for (const input of document.querySelectorAll("input[name=mode]")) input.checked = input.value === (manual ? "manual" : "auto");
  const wallet = state.wallet.map((id) => couponIndex.get(id)).filter(Boolean);
  $("#wallet").replaceChildren(...(wallet.length
    ? wallet.map((c) => offerItem(c, q, manual))
    : [el("li", { class: "muted small" }, t("walletEmpty"))]));
  $("#promotions").replaceChildren(...(catalog.promotions ?? []).map((p) => offerItem({ ...p, source: "promotion" }, q, undefined)));
}

function renderExtras(q) {
  const points = q?.points;
  const slider = $("#points");
  slider.max = String(points?.maxUsable ?? 0);
  slider.value = String(points?.used ?? 0);
  slider.disabled = !points || points.maxUsable === 0;
  $("#points-out").textContent = points ? `${points.used} → −${yuan(points.deduction)}` : "0";
  $("#points-note").textContent = points && points.maxUsable > 0
    ? `${t("pointsBalance")} ${points.balance} · ${points.pointsPerYuan} = ¥1 · ≤ ${yuan(points.maxDeduction)}`
    : t("pointsNone");
  $("#insurance").checked = state.insurance;
  const ins = catalog.shippingInsurance;
  $("#insurance-fee").textContent = ins ? `${yuan(ins.fee)} / ${t("insurancePer")}` : "";
}

function renderCart() {
  const shops = $("#cart-shops");
  const hints = $("#hints");
  const q = lastQuote;
  $("#cart-count").textContent = String(state.picks.reduce((n, p) => n + p.quantity, 0));
  shops.replaceChildren();
  hints.replaceChildren();
  $("#blockers").replaceChildren();
  if (!state.picks.length) shops.append(el("p", { class: "muted" }, t("empty")));
  if (q) {
    for (const s of q.shops) {
      shops.append(el("section", { class: "shop", "data-shop": s.shopId, "aria-label": `${t("shop")} ${shopName(s.shopId)}` },
        el("h3", {}, shopName(s.shopId)),
        el("ul", { class: "lines" }, s.lines.map((i) => renderLine(q.lines[i], q))),
        el("p", { class: "small shop-shipping", "data-shop-shipping": s.shopId },
          `${t("shipping")} ${yuan(s.shipping)} · `, el("span", { class: "muted" }, text(s.shippingBasis.reason, s.shippingBasis.reasonEn)))));
    }
    $("#blockers").replaceChildren(...(q.blockers ?? []).map((b) =>
      el("p", { class: "blocker", "data-blocker": b.code, "data-path": b.path }, "⚠ ", text(b.message, b.messageEn))));
    for (const h of q.hints) hints.append(el("p", { class: "hint", "data-hint": h.kind, "data-hint-id": h.id }, "💡 ", text(h.message, h.messageEn)));
  } else if (state.picks.length) {
    shops.append(el("ul", { class: "lines" }, state.picks.map((p, i) => renderPick(p, i, lastError))));
  }
  renderOffers(q);
  renderExtras(q);
  const set = (id, v) => ($(id).textContent = q ? yuan(v) : "—");
  set("#t-list", q?.listSubtotal);
  set("#t-savings", q?.priceSavings);
  set("#t-subtotal", q?.subtotal);
  set("#t-discount", q?.discount);
  set("#t-points", q?.pointsDeduction);
  set("#t-shipping", q?.freight);
  set("#t-insurance", q?.insurance);
  set("#t-payable", q?.payable);
  set("#t-saving", q?.saving);
  set("#bar-payable", q?.payable);
  $("#fingerprint").textContent = q?.fingerprint ?? "—";
}

function bindControls() {
  $("#member-level").value = String(state.memberLevel);
  $("#member-level").addEventListener("change", (e) => {
    state.memberLevel = Number(e.target.value);
    update();
  });
  $("#new-customer").checked = state.newCustomer;
  $("#new-customer").addEventListener("change", (e) => {
    state.newCustomer = e.target.checked;
    update();
  });
  for (const input of document.querySelectorAll("input[name=mode]")) {
    input.addEventListener("change", () => {
      // Manual starts from what auto chose, so switching changes nothing until the shopper does.
      state.selection = input.value === "auto"
        ? "auto"
        : (lastQuote?.applied ?? []).filter((a) => a.source === "coupon").map((a) => a.id);
      update();
    });
  }
  $("#points").addEventListener("change", (e) => {
    state.points = Number(e.target.value);
    update();
  });
  $("#points").addEventListener("input", (e) => {
    // Live readout while dragging; the quote follows on release.
    $("#points-out").textContent = e.target.value;
  });
  $("#insurance").addEventListener("change", (e) => {
    state.insurance = e.target.checked;
    update();
  });
  $("#claim-all").addEventListener("click", () => claim((catalog.coupons ?? []).map((c) => c.id)));
  $("#clear").addEventListener("click", () => {
    state.picks = [];
    update();
  });
  $("#lang").addEventListener("click", () => {
    lang.toggle();
    applyLanguage();
    renderProducts();
    renderCouponCenter();
    renderCart();
  });
}

function applyLanguage() {
  applyLabels(LABELS[lang.current]);
  $("#lang").textContent = lang.current === "en" ? "中文" : "EN";
  document.title = lang.current === "en" ? "xiaodian demo shop" : "小店 · xiaodian 演示店铺";
}

async function main() {
  if (!(await startEngine(init, xd.version, LABELS[lang.current]))) return;
  try {
    // The shop's catalog, served beside the page (a real shop's comes from its server).
    const res = await fetch(new URL("./demo-catalog.json", import.meta.url));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    shop = new xd.Storefront(await res.json());
  } catch (e) {
    notify(`${LABELS[lang.current].loadFailed} demo-catalog.json: ${e.message}`);
    return;
  }
  // The catalog as the engine read it: amounts in their two-decimal form, defaults filled in.
  catalog = shop.catalog();
  indexCatalog();
  const { state: saved, problem } = loadCart();
  state = saved;
  if (problem) notify(t(problem));
  // The regions table for the address box and for region freight (运费模板), loaded once.
  if (await loadRegions(xd, notify, t("regionsFailed"))) {
    setupAddress(xd, state, t, update);
  } else {
    state.address = null;
    disableAddress();
  }
  bindControls();
  applyLanguage();
  renderProducts();
  renderCouponCenter();
  update();
  document.body.dataset.ready = "true";
}

main();
