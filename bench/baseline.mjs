// The JS baseline for bench/bench.mjs: the same quote semantics written the way a mini-program
// team would write them, with decimal.js for money and every one-per-slot coupon combination
// tried in full. It covers what the bench carts use — list prices, shop shipping templates, and
// 满减 / 每满减 / 折扣 with cap / 无门槛 / 免邮 coupons at item, shop and platform scope with
// layered thresholds — and bench.mjs checks it gives the engine's payable on every case before
// timing it.
import Decimal from "decimal.js";

Decimal.set({ rounding: Decimal.ROUND_HALF_UP });
const LAYERS = ["item", "shop", "platform", "shipping"];
const ZERO = new Decimal(0);
const money = (s) => new Decimal(s ?? 0);
const sum = (xs) => xs.reduce((a, b) => a.plus(b), ZERO);

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
  const all = w.reduce((a, b) => a + b, 0) || w.length;
  const ws = w.reduce((a, b) => a + b, 0) ? w : w.map(() => 1);
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
  const lines = cart.lines.map((l) => ({ ...l, amount: money(l.unitPrice).times(l.quantity) }));
  const shops = [...new Set(lines.map((l) => l.shopId ?? ""))];
  const rule = (s) => cart.shipping?.shops?.[s] ?? cart.shipping?.default;
  const items = (s) => lines.filter((l) => (l.shopId ?? "") === s).reduce((n, l) => n + l.quantity, 0);
  const coupons = (cart.coupons ?? []).map((o) => {
    const scope = o.scope ?? { level: "platform" };
    const layer = o.kind === "freeShipping" ? "shipping" : scope.level;
    const elig = lines.map((l, j) => [l, j]).filter(([l]) => (!scope.shopId || l.shopId === scope.shopId)
      && (!scope.skuIds?.length || scope.skuIds.includes(l.skuId))
      && (!scope.categoryIds?.length || scope.categoryIds.some((c) => l.categoryId === c || l.categoryId?.startsWith(`${c}.`))))
      .map(([, j]) => j);
    return {
      id: o.id, kind: o.kind, layer, lines: elig, slot: `${layer}|${scope.shopId ?? ""}`,
      shops: scope.shopId ? [scope.shopId] : [...new Set(elig.map((j) => lines[j].shopId ?? ""))],
      threshold: money(o.threshold), amount: money(o.amount), rate: o.rate == null ? null : money(o.rate), cap: o.cap == null ? null : money(o.cap),
    };
  }).filter((c) => c.lines.length);
  const slots = [...new Set(coupons.map((c) => c.slot))].map((s) => coupons.filter((c) => c.slot === s));
  const baseline = sum(shops.map((s) => shippingFee(rule(s), sum(lines.filter((l) => (l.shopId ?? "") === s).map((l) => l.amount)), items(s))));

  /** Apply a combination layer by layer; thresholds on each layer's starting amounts. */
  function evaluate(chosen) {
    const amounts = lines.map((l) => l.amount);
    let discount = ZERO;
    let shipping = null;
    const applied = [];
    for (const layer of LAYERS) {
      if (layer === "platform" || (layer === "shipping" && !shipping)) {
        shipping = new Map(shops.map((s) => [s, shippingFee(rule(s), sum(lines.map((l, j) => ((l.shopId ?? "") === s ? amounts[j] : ZERO))), items(s))]));
      }
      const start = [...amounts];
      for (const c of chosen.filter((x) => x.layer === layer)) {
        const e = sum(c.lines.map((j) => start[j]));
        if (e.lt(c.threshold) || (c.kind === "everyThreshold" && e.lt(Decimal.max(c.threshold, 0.01)))) return null;
        if (c.kind === "freeShipping") {
          for (const s of c.shops) shipping.set(s, ZERO);
          applied.push(c.id);
          continue;
        }
        const d = Decimal.min(discountAt(c, e), sum(c.lines.map((j) => amounts[j])));
        allocate(d, c.lines.map((j) => amounts[j])).forEach((p, k) => {
          amounts[c.lines[k]] = amounts[c.lines[k]].minus(p);
        });
        discount = discount.plus(d);
        applied.push(c.id);
      }
    }
    const ship = sum([...shipping.values()]);
    return { discount, shipping: ship, saving: discount.plus(baseline).minus(ship), applied, amounts };
  }

  // Every combination of at most one coupon per slot.
  let best = evaluate([]);
  const walk = (i, chosen) => {
    if (i === slots.length) {
      const r = evaluate(chosen);
      if (r && r.saving.gt(best.saving)) best = r;
      return;
    }
    walk(i + 1, chosen);
    for (const c of slots[i]) walk(i + 1, [...chosen, c]);
  };
  walk(0, []);
  const subtotal = sum(lines.map((l) => l.amount));
  return {
    subtotal: subtotal.toFixed(2), discount: best.discount.toFixed(2), shipping: best.shipping.toFixed(2),
    payable: subtotal.minus(best.discount).plus(best.shipping).toFixed(2), applied: best.applied,
    lines: lines.map((l, j) => ({ skuId: l.skuId, payable: best.amounts[j].toFixed(2) })),
  };
}
