// The second JS baseline for bench/bench.mjs (issue 23): what a mini-program team would write
// for the same carts without a search — decimal.js for money, layer by layer (item, shop,
// platform, shipping), and in each slot (layer, shop) every coupon tried alone and the best one
// kept; then its discount allocated to its lines in fen (largest remainder), so the result has the
// payable AND each line's payable and share by coupon. No combination across slots is tried, so
// it can miss the optimum that xiaodian finds: bench.mjs prints whether the payables agree.
import Decimal from "decimal.js";

Decimal.set({ rounding: Decimal.ROUND_HALF_UP });
const LAYERS = ["item", "shop", "platform", "shipping"];
const ZERO = new Decimal(0);
const money = (s) => new Decimal(s ?? 0);

function shippingFee(rule, goods, items) {
  if (!rule) return ZERO;
  if (rule.freeThreshold != null && goods.gte(rule.freeThreshold)) return ZERO;
  const extra = Math.max(0, items - (rule.includedItems ?? 1));
  return money(rule.fee).plus(money(rule.extraPerItem).times(extra));
}

/** Largest remainder in fen; ties to the earlier line. */
function allocate(total, weights) {
  const fen = total.times(100).toNumber();
  const w = weights.map((x) => Decimal.max(x, 0).times(100).toNumber());
  const sumW = w.reduce((a, b) => a + b, 0);
  const ws = sumW ? w : w.map(() => 1);
  const all = sumW || w.length;
  const parts = ws.map((x) => Math.floor((fen * x) / all));
  let left = fen - parts.reduce((a, b) => a + b, 0);
  const order = ws.map((x, i) => [(fen * x) % all, i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts.map((p) => new Decimal(p).div(100));
}

function discountAt(c, e) {
  let d;
  if (c.kind === "threshold" || c.kind === "fixed") d = e.gte(c.threshold) ? c.amount : ZERO;
  else if (c.kind === "everyThreshold") d = c.threshold.lte(0) ? ZERO : e.div(c.threshold).floor().times(c.amount);
  else if (c.kind === "percent") d = e.lt(c.threshold) ? ZERO : e.times(new Decimal(1).minus(c.rate)).toDecimalPlaces(2);
  else d = ZERO;
  if (c.cap) d = Decimal.min(d, c.cap);
  return Decimal.max(Decimal.min(d, e), 0);
}

export function quote(cart) {
  const lines = cart.lines.map((l) => ({
    skuId: l.skuId, shopId: l.shopId ?? "", categoryId: l.categoryId, quantity: l.quantity,
    subtotal: money(l.unitPrice).times(l.quantity), discounts: [],
  }));
  const amounts = lines.map((l) => l.subtotal);
  const shops = [...new Set(lines.map((l) => l.shopId))];
  const rule = (s) => cart.shipping?.shops?.[s] ?? cart.shipping?.default;
  const items = (s) => lines.filter((l) => l.shopId === s).reduce((n, l) => n + l.quantity, 0);
  const goodsOf = (s) => lines.reduce((a, l, j) => (l.shopId === s ? a.plus(amounts[j]) : a), ZERO);
  const coupons = (cart.coupons ?? []).map((o) => {
    const scope = o.scope ?? { level: "platform" };
    const layer = o.kind === "freeShipping" ? "shipping" : scope.level;
    const elig = [];
    lines.forEach((l, j) => {
      if (scope.shopId && l.shopId !== scope.shopId) return;
      if (scope.skuIds?.length && !scope.skuIds.includes(l.skuId)) return;
      if (scope.categoryIds?.length && !scope.categoryIds.some((c) => l.categoryId === c || l.categoryId?.startsWith(`${c}.`))) return;
      elig.push(j);
    });
    return {
      id: o.id, kind: o.kind, layer, lines: elig, slot: `${layer}|${scope.shopId ?? ""}`,
      shops: scope.shopId ? [scope.shopId] : [...new Set(elig.map((j) => lines[j].shopId))],
      threshold: money(o.threshold), amount: money(o.amount), rate: o.rate == null ? null : money(o.rate), cap: o.cap == null ? null : money(o.cap),
    };
  }).filter((c) => c.lines.length);

  let discount = ZERO;
  const shipping = new Map(shops.map((s) => [s, shippingFee(rule(s), goodsOf(s), items(s))]));
  const applied = [];
  for (const layer of LAYERS) {
    // Shipping is fixed on the goods after the shop layers, as xiaodian does.
    if (layer === "platform") for (const s of shops) shipping.set(s, shippingFee(rule(s), goodsOf(s), items(s)));
    const start = [...amounts];
    const slots = new Map();
    for (const c of coupons.filter((x) => x.layer === layer)) {
      if (!slots.has(c.slot)) slots.set(c.slot, []);
      slots.get(c.slot).push(c);
    }
    for (const slot of slots.values()) {
      // Each coupon of the slot alone; the one that saves most wins (the first on a tie).
      let best = null;
      for (const c of slot) {
        const e = c.lines.reduce((a, j) => a.plus(start[j]), ZERO);
        if (e.lt(c.threshold) || (c.kind === "everyThreshold" && e.lt(Decimal.max(c.threshold, 0.01)))) continue;
        const saving = c.kind === "freeShipping"
          ? c.shops.reduce((a, s) => a.plus(shipping.get(s) ?? ZERO), ZERO)
          : Decimal.min(discountAt(c, e), c.lines.reduce((a, j) => a.plus(amounts[j]), ZERO));
        if (saving.gt(0) && (!best || saving.gt(best.saving))) best = { c, saving };
      }
      if (!best) continue;
      const { c, saving } = best;
      applied.push({ id: c.id, amount: saving.toFixed(2) });
      if (c.kind === "freeShipping") {
        for (const s of c.shops) shipping.set(s, ZERO);
        continue;
      }
      allocate(saving, c.lines.map((j) => amounts[j])).forEach((p, k) => {
        const j = c.lines[k];
        amounts[j] = amounts[j].minus(p);
        if (p.gt(0)) lines[j].discounts.push({ id: c.id, amount: p.toFixed(2) });
      });
      discount = discount.plus(saving);
    }
  }
  const subtotal = lines.reduce((a, l) => a.plus(l.subtotal), ZERO);
  const ship = [...shipping.values()].reduce((a, b) => a.plus(b), ZERO);
  return {
    subtotal: subtotal.toFixed(2), discount: discount.toFixed(2), shipping: ship.toFixed(2),
    payable: subtotal.minus(discount).plus(ship).toFixed(2), applied,
    lines: lines.map((l, j) => ({ skuId: l.skuId, payable: amounts[j].toFixed(2), discount: l.subtotal.minus(amounts[j]).toFixed(2), discounts: l.discounts })),
  };
}
