// The storefront: shows the demo catalog and its coupon centre, keeps the shopper's cart and
// delivery address (address.js), and renders the engine's quote on every change. No prices are
// computed here: a Storefront (the catalog kept inside the WASM module) turns the order into a
// cart and quotes it; this file only displays what comes back.
import init, * as xd from "./pkg-shop/xiaodian.js";
import { LABELS } from "./i18n.js";
import { loadCart, saveCart, emptyCart, POINTS_BALANCE } from "./store.js";
import { $, el, lang, applyLabels, errorText, yuan, notify, startEngine, offerSentence, specAfter } from "./dom.js";
import { loadRegions, setupAddress, disableAddress } from "./address.js";
import { walletOrder } from "./wallet.js";

/** The demo buyer's 储值 balance (their account). */
const STORED_VALUE_BALANCE = "50.00";
/**
 * The demo buyers the 会员等级 selector switches between, by their growth so far (成长值, their
 * account's). The level each has, the option's name and the progress line are the engine's
 * (`memberLevel` under the rulebook's membership): no level threshold is kept here.
 */
const DEMO_GROWTH = [0, 320, 1820, 6200];
/** [{ growth, level: MemberLevel }] once the engine is up; the selected one is `buyer`. */
let demoBuyers = [];
let buyer = { growth: 0 };
/** "储值支付" toggle: kept for the page's life only. */
let payWithStoredValue = false;

let catalog;
let shop;
let state = emptyCart();
let lastQuote = null;
let lastError = null;
let serverWallet = null;
let lastAdjustments = [];
const t = (key) => LABELS[lang.current][key] ?? key;
const text = (zh, en) => lang.pick(zh, en || zh);
const skuIndex = new Map();
const couponIndex = new Map();
/** The engine's largest quantity (INVALID_QUANTITY above it): the input's upper end without stock. */
const MAX_QUANTITY = 99999;
/** Served by the order server (scripts/start.sh): the wallet is kept there. */
let server = false;
/** Coupon ids the engine calls EXPIRED on its clock: no 领取 for them. */
let expired = new Set();
/** The picks before 清空购物车, for 撤销. */
let cleared = null;


/** A cart line's spec in the page language, left out when its title already names it. */
const skuSpec = (product, sku) => specAfter(text(product.title, product.titleEn), text(sku.spec ?? "", sku.specEn));

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

/** The most of a SKU one order may hold: its stock and 限购, within the engine's bound. */
const maxQuantity = (sku) => Math.min(sku.stock ?? MAX_QUANTITY, sku.limitPerOrder ?? MAX_QUANTITY, MAX_QUANTITY);

/** One unit quoted by the engine for this buyer: the card's price and, struck through, the 原价
 * the cart uses (the line's list price), so the card and the cart agree. */
function unitQuote(sku) {
  try {
    // `coupons: []`: this unit's price, not the kept wallet's.
    return shop.quote({ picks: [{ skuId: sku.skuId, quantity: 1 }], buyer: { memberLevel: state.memberLevel, newCustomer: state.newCustomer }, coupons: [] }).lines[0];
  } catch {
    return null;
  }
}

function renderProducts() {
  const root = $("#products");
  root.replaceChildren();
  for (const product of catalog.products) {
    const skus = product.skus.map((sku) => {
      const soldOut = sku.stock === 0;
      const max = maxQuantity(sku);
      const one = soldOut ? null : unitQuote(sku);
      const qtyId = `qty-${sku.skuId}`;
      const groupId = `group-${sku.skuId}`;
      return el("div", { class: "sku", "data-sku": sku.skuId },
        el("div", { class: "sku-head" },
          el("span", { class: "spec" }, text(sku.spec, sku.specEn)),
          el("span", { class: "price", "data-card-price": sku.skuId }, yuan(one ? one.subtotal : sku.unitPrice)),
          one && one.subtotal !== one.listPrice ? el("s", { class: "muted small", "data-card-list": sku.skuId }, yuan(one.listPrice)) : null),
        el("div", { class: "tags" }, offerBadges(sku)),
        soldOut
          ? el("p", { class: "muted small" }, t("soldOut"))
          : el("div", { class: "sku-buy" },
              el("label", { for: qtyId, class: "sr-only" }, `${t("quantity")} ${text(product.title, product.titleEn)} ${text(sku.spec, sku.specEn)}`),
              el("input", {
                id: qtyId, type: "number", min: 1, max, value: 1, step: 1, inputmode: "numeric",
                // Only the engine's bound here: stock and 限购 caps come back as quote.adjustments.
                onchange: (e) => (e.target.value = String(clampQuantity(e.target.value, MAX_QUANTITY))),
              }),
              sku.groupBuy
                ? el("label", { class: "small" }, el("input", { id: groupId, type: "checkbox" }), ` ${t("joinGroup")}`)
                : null,
              el("button", {
                type: "button", "data-add": sku.skuId,
                "aria-label": `${t("add")}: ${text(product.title, product.titleEn)} ${text(sku.spec, sku.specEn)}`,
                onclick: () => {
                  const input = $(`#${CSS.escape(qtyId)}`);
                  const asked = clampQuantity(input.value, MAX_QUANTITY);
                  input.value = String(clampQuantity(input.value, max));
                  addPick(sku.skuId, asked, $(`#${CSS.escape(groupId)}`)?.checked);
                },
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
    const gone = expired.has(c.id);
    const name = text(c.title ?? c.id, c.titleEn);
    return el("li", { class: have || gone ? "coupon claimed" : "coupon", "data-center": c.id },
      el("span", {}, name),
      el("button", {
        type: "button", class: "small", disabled: have || gone, "aria-label": `${t("claim")} ${name}`,
        onclick: () => claim([c.id]),
      }, gone ? t("expired") : have ? t("claimed") : t("claim")));
  }));
  $("#claim-all").disabled = (catalog.coupons ?? []).every((c) => state.wallet.includes(c.id) || expired.has(c.id));
  updateStrip();
}

/** The coupon strip's edges: a fade and a button on each side that has more, and the count
 * (with "scroll for more" while some are out of view). Layout only: nothing is computed. */
function updateStrip() {
  const strip = $("#coupon-center");
  const wrap = $("#coupon-strip");
  const left = strip.scrollLeft > 1;
  const right = strip.scrollLeft + strip.clientWidth < strip.scrollWidth - 1;
  wrap.classList.toggle("more-left", left);
  wrap.classList.toggle("more-right", right);
  const [prev, next] = [wrap.querySelector(".prev"), wrap.querySelector(".next")];
  // A button about to hide hands the focus to the strip, so the keyboard is not lost.
  if (!left && document.activeElement === prev) strip.focus();
  if (!right && document.activeElement === next) strip.focus();
  prev.hidden = !left;
  next.hidden = !right;
  prev.setAttribute("aria-label", t("couponsPrev"));
  next.setAttribute("aria-label", t("couponsNext"));
  const n = String((catalog.coupons ?? []).length);
  $("#coupon-count").textContent = t(strip.scrollWidth > strip.clientWidth + 1 ? "couponsMore" : "couponCount").replace("{n}", n);
}

function bindStrip() {
  const strip = $("#coupon-center");
  strip.addEventListener("scroll", updateStrip, { passive: true });
  // Arrow keys scroll a focused strip natively; Home / End go to its ends.
  strip.addEventListener("keydown", (e) => {
    if (e.target !== strip || !["Home", "End"].includes(e.key)) return;
    e.preventDefault();
    strip.scrollTo({ left: e.key === "Home" ? 0 : strip.scrollWidth });
  });
  new ResizeObserver(updateStrip).observe(strip);
  for (const button of document.querySelectorAll("#coupon-strip [data-strip]")) {
    button.addEventListener("click", () => {
      const by = Number(button.dataset.strip) * Math.max(strip.clientWidth * 0.8, 120);
      strip.scrollBy({ left: by, behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    });
  }
}

/** Ask the engine which coupons are past their validity now: quote each with one unit of some
 * SKU and read its rejection code (the page does no date maths). */
function findExpired() {
  const sku = catalog.products.flatMap((p) => p.skus).find((k) => k.stock !== 0);
  const gone = new Set();
  for (const c of catalog.coupons ?? []) {
    try {
      const q = shop.quote({ picks: [{ skuId: sku.skuId, quantity: 1 }], coupons: [c] });
      if (q.rejected.some((r) => r.id === c.id && r.code === "EXPIRED")) gone.add(c.id);
    } catch {
      // A coupon the engine cannot read stays claimable; the quote will say why.
    }
  }
  return gone;
}

async function claim(ids) {
  ids = ids.filter((id) => !expired.has(id));
  if (server) {
    // The order server keeps the wallet: claim there, show what it holds.
    for (const id of ids) {
      if (state.wallet.includes(id)) continue;
      let body = null;
      try {
        const res = await fetch("/api/wallet/claim", { method: "POST", credentials: "same-origin", body: JSON.stringify({ couponId: id }) });
        body = await res.json();
      } catch (e) {
        notify(`${t("offline")} ${e.message ?? e}`);
        break;
      }
      if (body?.wallet) state.wallet = body.wallet;
      else if (body?.code) notify(errorText(body));
    }
  } else {
    for (const id of ids) if (!state.wallet.includes(id)) state.wallet.push(id);
  }
  renderCouponCenter();
  update();
}

/** A typed quantity within 1 … the SKU's maximum (letters and blanks read as 1). */
function clampQuantity(value, max) {
  const n = Math.floor(Number(value));
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(n, max);
}

function addPick(skuId, quantity, joinGroup, addOnOf) {
  if (!Number.isInteger(quantity) || quantity < 1) quantity = 1;
  cleared = null;
  const existing = state.picks.find((p) => p.skuId === skuId && p.addOnOf === addOnOf);
  if (existing) {
    // The engine caps at stock / 限购 and says so (quote.adjustments, shown as the notice).
    existing.quantity = Math.min(existing.quantity + quantity, MAX_QUANTITY);
    if (joinGroup !== undefined) existing.joinGroup = joinGroup;
  } else {
    state.picks.push(addOnOf ? { skuId, quantity, joinGroup: !!joinGroup, addOnOf } : { skuId, quantity, joinGroup: !!joinGroup });
  }
  update();
}

function setQuantity(skuId, quantity) {
  quantity = Math.min(quantity, maxQuantity(skuIndex.get(skuId)?.sku ?? {}));
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
    // After the price: points earned and growth by the rulebook's rules, 储值 when toggled.
    pointsEarn: {},
    growth: { current: buyer.growth },
    storedValue: payWithStoredValue ? { balance: STORED_VALUE_BALANCE, use: "max" } : undefined,
  };
}

/**
 * Quote through the engine. Picks the catalog cannot fill as asked (above stock or 限购, sold out,
 * gone) come back adjusted in `quote.adjustments`: the cart takes the engine's quantities and the
 * notice says what changed.
 */
function quoteOrder() {
  state.wallet = state.wallet.filter((id) => {
    if (couponIndex.has(id)) return true;
    notify(`${t("couponGone")} ${id}`);
    return false;
  });
  let q;
  for (;;) {
    try {
      // The wallet is kept in the Storefront (set when it changes): the tap sends no coupons.
      q = shop.quote(walletOrder(shop, order()));
      break;
    } catch (e) {
      // A saved address the regions table no longer knows: drop it and quote without one.
      if (state.address && /^(order\.)?address/.test(e.path ?? "") && e.code !== "REGIONS_NOT_LOADED") {
        state.address = null;
        notify(t("addressDropped"));
        continue;
      }
      throw e;
    }
  }
  lastAdjustments = q.adjustments ?? [];
  for (const a of lastAdjustments) {
    state.picks = a.quantity > 0
      ? state.picks.map((p) => (p.skuId === a.skuId ? { ...p, quantity: a.quantity } : p))
      : state.picks.filter((p) => p.skuId !== a.skuId);
  }
  return q;
}

/** The engine's sentences for what it changed in the cart: said once, at the top of the cart
 * (a live region, so it is heard wherever the shopper is), and gone once a quote changes nothing. */
function renderAdjustments() {
  const box = $("#cart-adjustments");
  box.replaceChildren(...lastAdjustments.map((a) =>
    el("p", { class: "adjustment", "data-adjustment": a.code, "data-sku": a.skuId }, "⚠️ ", text(a.message, a.messageEn))));
  box.hidden = !lastAdjustments.length;
}

let goodPicks = [];

function update() {
  const errorBox = $("#cart-error");
  errorBox.hidden = true;
  lastError = null;
  try {
    lastQuote = quoteOrder();
    adoptAdjustments(lastQuote);
    dropConflicting(lastQuote);
    goodPicks = state.picks.map((p) => ({ ...p }));
  } catch (e) {
    // A quantity the engine refuses never blanks the cart: back to the last quoted picks, with
    // the engine's reason.
    if (/^(order\.picks|lines)\[/.test(e.path ?? "") && goodPicks.length && JSON.stringify(goodPicks) !== JSON.stringify(state.picks)) {
      state.picks = goodPicks.map((p) => ({ ...p }));
      update();
      errorBox.textContent = errorText(e);
      errorBox.hidden = false;
      errorBox.dataset.code = e.code ?? "";
      return;
    }
    lastError = e;
    lastAdjustments = [];
    errorBox.textContent = errorText(e);
    errorBox.hidden = false;
    errorBox.dataset.code = e.code ?? "";
    lastQuote = null;
  }
  saveCart(state);
  renderCart();
}

/** The engine capped or dropped picks (quote.adjustments): the cart holds what it quoted. */
function adoptAdjustments(q) {
  for (const a of q.adjustments ?? []) {
    state.picks = a.quantity > 0
      ? state.picks.map((p) => (p.skuId === a.skuId ? { ...p, quantity: a.quantity } : p))
      : state.picks.filter((p) => p.skuId !== a.skuId);
  }
}

/** Manual mode: a coupon the engine set aside for an exclusive one is unticked, not kept. */
function dropConflicting(q) {
  if (!Array.isArray(state.selection)) return;
  const out = new Set(q.rejected.filter((r) => r.code === "EXCLUSIVE_CONFLICT").map((r) => r.id));
  state.selection = state.selection.filter((id) => !out.has(id));
}

/** When the engine refuses the cart, still list the picks so the shopper can fix them. */
function renderPick(pick, index, error) {
  const { product, sku } = skuIndex.get(pick.skuId) ?? { product: { title: pick.skuId, image: "" }, sku: {} };
  const faulty = error && new RegExp(`^(order\\.picks|lines)\\[${index}\\]`).test(error.path ?? "");
  return el("li", { class: faulty ? "line faulty" : "line", "data-line": pick.skuId, "aria-invalid": faulty ? "true" : undefined },
    el("div", { class: "line-head" },
      el("span", { "aria-hidden": "true" }, product.image, " "),
      el("strong", {}, text(product.title, product.titleEn)),
      el("span", { class: "muted small" }, " ", skuSpec(product, sku))),
    quantityControls(pick.skuId, pick.quantity, "—"));
}

function quantityControls(skuId, quantity, amount) {
  // Screen readers hear the product, not the SKU id.
  const known = skuIndex.get(skuId);
  const name = known ? `${text(known.product.title, known.product.titleEn)} ${skuSpec(known.product, known.sku)}`.trim() : skuId;
  return el("div", { class: "line-qty" },
    el("button", { type: "button", class: "icon", "aria-label": `${t("decrease")} ${name}`, onclick: () => setQuantity(skuId, quantity - 1) }, "−"),
    el("span", { class: "qty", "data-qty": skuId }, String(quantity)),
    el("button", {
      type: "button", class: "icon", "aria-label": `${t("increase")} ${name}`,
      disabled: quantity >= maxQuantity(skuIndex.get(skuId)?.sku ?? {}), onclick: () => setQuantity(skuId, quantity + 1),
    }, "+"),
    el("button", { type: "button", class: "link", "aria-label": `${t("remove")} ${name}`, onclick: () => setQuantity(skuId, 0) }, t("remove")),
    el("span", { class: "line-amount", "data-line-payable": skuId }, amount));
}

/** The gifts the engine's quote gives for this shop (满赠), at ¥0 and outside the lines. */
function renderGifts(q, shopId) {
  const gifts = (q.gifts ?? []).filter((g) => g.shopId === shopId);
  if (!gifts.length) return null;
  // The offer's gift title, else the gifted SKU's product title, in the page's language.
  const title = (g) => {
    const product = skuIndex.get(g.skuId)?.product;
    return g.title ? text(g.title, g.titleEn ?? product?.titleEn) : product ? text(product.title, product.titleEn) : g.skuId;
  };
  return el("ul", { class: "gifts small" }, gifts.map((g) =>
    el("li", { "data-gift": g.skuId, "data-gift-offer": g.offerId }, `🎁 ${t("gift")} ${title(g)} × ${g.quantity} · ¥0.00`)));
}

/** For an engine hint that a 加价购 offer is within reach: a button per add-on SKU the offer lists. */
function addOnButtons(h) {
  if (h.kind !== "addOn") return [];
  const offer = (catalog.promotions ?? []).find((p) => p.id === h.id);
  return (offer?.items ?? []).filter((i) => skuIndex.has(i.skuId)).map((i) =>
    // The engine's hint already ends in 换购 ("… add an add-on item for ¥p"): the button names
    // the item and its add-on price only (aria-label keeps the verb for screen readers).
    el("button", { type: "button", class: "link", "data-addon": i.skuId, onclick: () => addPick(i.skuId, 1, undefined, h.id),
      "aria-label": `${t("addOnBuy")} ${text(skuIndex.get(i.skuId).product.title, skuIndex.get(i.skuId).product.titleEn)}` },
      ` ${text(skuIndex.get(i.skuId).product.title, skuIndex.get(i.skuId).product.titleEn)} ${yuan(i.unitPrice)}`));
}

function renderLine(line, q) {
  const { product, sku } = skuIndex.get(line.skuId);
  const rules = t("rule");
  const title = (id) => {
    const a = q.applied.find((x) => x.id === id);
    return a ? text(a.title, a.titleEn) : id;
  };
  const breakdown = [
    ...line.discounts.map((d) => el("li", { "data-line-discount": d.id }, `${title(d.id)} −${yuan(d.amount)}`)),
    line.pointsDeduction !== "0.00" ? el("li", { "data-line-points": line.skuId }, `${t("points")} −${yuan(line.pointsDeduction)}`) : null,
  ].filter(Boolean);
  return el("li", { class: "line", "data-line": line.skuId, "data-deliverable": line.deliverable === false ? "false" : undefined },
    el("div", { class: "line-head" },
      el("span", { "aria-hidden": "true" }, product.image, " "),
      el("strong", {}, text(product.title, product.titleEn)),
      el("span", { class: "muted small" }, " ", skuSpec(product, sku))),
    quantityControls(line.skuId, line.quantity, yuan(line.payable)),
    el("ul", { class: "segments" },
      line.pricing.map((s) => el("li", {},
        el("span", { class: `tag tag-${s.rule}` }, rules[s.rule]),
        ` ${yuan(s.unitPrice)} × ${s.quantity} = ${yuan(s.amount)}`,
        // The list price's reason only repeats its tag (原价).
        s.rule === "list" ? null : [" · ", el("span", { class: "muted" }, text(s.reason, s.reasonEn))]))),
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
    ? el("span", { class: "ok" }, applied.kind === "freeShipping" ? offerSentence(applied) : `−${yuan(applied.amount)}`)
    : rejected
      // The label beside it names the offer: the engine's reason, its sentence without the name.
      ? el("span", { class: "muted", "data-code": rejected.code }, offerSentence(rejected))
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
    el("label", { for: manual !== undefined ? id : undefined }, text(offer.title ?? offer.id, offer.titleEn),
      !manual && applied && offer.source !== "promotion" ? [" ", el("span", { class: "tag" }, t("best"))] : null),
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
  // One step is the points worth ¥1, so arrow keys move by a yuan, not by a point.
  slider.step = String(points?.pointsPerYuan ?? 1);
  slider.value = String(points?.used ?? 0);
  slider.disabled = !points || points.maxUsable === 0;
  $("#points-out").textContent = points ? `${points.used} → −${yuan(points.deduction)}` : "0";
  if (points) slider.setAttribute("aria-valuetext", `${points.used} → −${yuan(points.deduction)}`);
  $("#points-note").textContent = points && points.maxUsable > 0
    ? t("pointsNote").replace("{balance}", points.balance).replace("{per}", points.pointsPerYuan).replace("{max}", yuan(points.maxDeduction))
    : t("pointsNone");
  $("#stored-value").checked = payWithStoredValue;
  $("#stored-value-note").textContent = q?.payment ? text(q.payment.message, q.payment.messageEn) : `${t("storedValueBalance")} ${yuan(STORED_VALUE_BALANCE)}`;
  $("#earned").textContent = q?.earning ? text(q.earning.message, q.earning.messageEn) : "";
  $("#level-progress").textContent = q?.memberLevel ? text(q.memberLevel.message, q.memberLevel.messageEn) : "";
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
        renderGifts(q, s.shopId),
        el("p", { class: "small shop-shipping", "data-shop-shipping": s.shopId },
          // The engine's reason already states the freight; 运费险 apart (shipping is their sum).
          el("span", { class: "muted" }, text(s.shippingBasis.reason, s.shippingBasis.reasonEn)),
          s.insurance?.paidBy === "buyer" ? ` · ${t("insurance")} ${yuan(s.insurance.fee)}` : "")));
    }
    for (const h of q.hints) hints.append(el("p", { class: "hint", "data-hint": h.kind, "data-hint-id": h.id }, "💡 ", text(h.message, h.messageEn), ...addOnButtons(h)));
    if (q.rewards) {
      const r = q.rewards;
      hints.append(el("p", { class: "small rewards", "data-rewards": "" }, `🎁 ${t("rewardsAfterPay")} `,
        r.points ? `${r.points} ${t("rewardPoints")} ` : null, r.coupons.length ? `${r.coupons.length} ${t("rewardCoupons")}` : null));
    }
    $("#blockers").replaceChildren(...(q.blockers ?? []).map((b) =>
      el("p", { class: "blocker", "data-blocker": b.code, "data-path": b.path }, "⚠ ", text(b.message, b.messageEn))));
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
  // 共节省: both engine numbers, item prices and offers (the quote has no single sum of them).
  $("#t-saving").replaceChildren(...(q
    ? [el("span", { "data-saving": "prices" }, yuan(q.priceSavings)), el("span", { class: "muted small" }, ` ${t("bySavingPrices")} + `),
        el("span", { "data-saving": "offers" }, yuan(q.saving)), el("span", { class: "muted small" }, ` ${t("bySavingOffers")}`)]
    : ["—"]));
  set("#bar-payable", q?.payable);
  $("#t-stored-value-row").hidden = !q?.payment;
  $("#t-cash-row").hidden = !q?.payment;
  if (q?.payment) {
    set("#t-stored-value", q.payment.storedValue);
    set("#t-cash", q.payment.cash);
  }
  set("#foot-payable", q?.payable);
  $("#undo").hidden = !cleared;
  renderAdjustments();
}

/** The demo buyer at the saved level (else the first), and the cart's level set to theirs. */
function chooseBuyer(level) {
  buyer = demoBuyers.find((b) => b.level.level === level) ?? demoBuyers[0] ?? buyer;
  state.memberLevel = buyer.level?.level ?? 0;
}

function renderLevelOptions() {
  const select = $("#member-level");
  select.replaceChildren(...demoBuyers.map((b) =>
    el("option", { value: String(b.level.level) }, `${text(b.level.name, b.level.nameEn)} · ${t("growth")} ${b.growth}`)));
  select.value = String(state.memberLevel);
}

function bindControls() {
  demoBuyers = DEMO_GROWTH.map((growth) => ({ growth, level: xd.memberLevel(growth) }));
  chooseBuyer(state.memberLevel);
  renderLevelOptions();
  $("#member-level").addEventListener("change", (e) => {
    chooseBuyer(Number(e.target.value));
    renderProducts();
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
  $("#stored-value").addEventListener("change", (e) => {
    payWithStoredValue = e.target.checked;
    update();
  });
  $("#insurance").addEventListener("change", (e) => {
    state.insurance = e.target.checked;
    update();
  });
  $("#claim-all").addEventListener("click", () => claim((catalog.coupons ?? []).map((c) => c.id)));
  $("#clear").addEventListener("click", () => {
    if (!state.picks.length) return;
    cleared = state.picks;
    state.picks = [];
    update();
    $("#undo-clear").focus();
  });
  $("#undo-clear").addEventListener("click", () => {
    state.picks = cleared ?? [];
    cleared = null;
    update();
  });
  $("#lang").addEventListener("click", () => {
    lang.toggle();
    applyLanguage();
    renderLevelOptions();
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
    let res = await fetch(new URL("./demo-catalog.json", import.meta.url));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    // Served by the order server (it says so in a header): its live catalog (stock left) and
    // this buyer's wallet instead of the file.
    server = res.headers.get("x-xiaodian-api") === "/api/";
    if (server) {
      const wallet = await fetch("/api/wallet", { credentials: "same-origin" });
      if (!wallet.ok) throw new Error(`/api/wallet: HTTP ${wallet.status}`);
      serverWallet = (await wallet.json()).wallet;
      res = await fetch("/api/catalog", { credentials: "same-origin" });
      if (!res.ok) throw new Error(`/api/catalog: HTTP ${res.status}`);
    }
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
  if (serverWallet) state.wallet = serverWallet;
  if (problem) notify(t(problem));
  expired = findExpired();
  // Controls wait for the engine (disabled in the page) so no click is lost while it loads.
  for (const node of document.querySelectorAll("[data-wait]")) node.disabled = false;
  // The regions table for the address box and for region freight (运费模板), loaded once.
  if (await loadRegions(xd, notify, t("regionsFailed"))) {
    setupAddress(xd, state, t, update);
  } else {
    state.address = null;
    disableAddress();
  }
  bindControls();
  bindStrip();
  applyLanguage();
  renderProducts();
  renderCouponCenter();
  update();
  document.body.dataset.ready = "true";
}

main();
