// The bench's carts, one definition for bench.mjs, ab.mjs and tests/js/wallet.test.mjs: `lines`
// lines over `shops` shops and `coupons` coupons of five kinds (shop thresholds, category
// percentages, every-threshold, platform thresholds, free shipping).
export function cart(lines, shops, coupons) {
  const c = { now: "2026-11-11T20:30:00+08:00", lines: [], coupons: [], shipping: { default: { fee: "8", freeThreshold: "120" } } };
  for (let i = 0; i < lines; i++) {
    c.lines.push({ skuId: `s${i}`, unitPrice: `${(19 + (i * 7) % 80).toFixed(2)}`, quantity: 1 + (i % 3), shopId: `shop${i % shops}`, categoryId: `c${i % 2}.x` });
  }
  for (let i = 0; i < coupons; i++) {
    const shop = `shop${i % shops}`;
    const kinds = [
      { kind: "threshold", threshold: String(50 + (i * 37) % 200), amount: String(5 + (i % 20)), scope: { level: "shop", shopId: shop } },
      { kind: "percent", rate: `0.${85 + (i % 10)}`, cap: "30", scope: { level: "item", shopId: shop, categoryIds: ["c0"] } },
      { kind: "everyThreshold", threshold: "100", amount: String(3 + (i % 5)), scope: { level: "shop", shopId: shop } },
      { kind: "threshold", threshold: String(200 + (i * 53) % 600), amount: String(20 + (i % 30)) },
      { kind: "freeShipping", threshold: "60", scope: { level: "shop", shopId: shop } },
    ];
    c.coupons.push({ id: `c${i}`, ...kinds[i % kinds.length] });
  }
  return c;
}
