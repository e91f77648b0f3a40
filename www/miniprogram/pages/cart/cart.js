// The cart page: the demo catalog, a cart kept in wx storage, and the engine's quote on every
// change (best coupon combination from the shop's coupon centre, points, shipping).
const xd = require("../../xiaodian/index.js");
// The shop's catalog; a real shop fetches its own with wx.request.
const DEMO_CATALOG = require("../../data/demo-catalog.js");

const CART_KEY = "xiaodian.cart";
const POINTS_BALANCE = 3000;

/** Saved picks, keeping only well-formed entries (storage may hold anything). */
function savedPicks() {
  const raw = wx.getStorageSync(CART_KEY);
  if (!Array.isArray(raw)) return [];
  return raw.filter((p) => p && typeof p.skuId === "string" && Number.isInteger(p.quantity) && p.quantity > 0);
}

Page({
  data: { ready: false, error: "", notice: "", products: [], lines: [], quote: null, applied: [], hints: [] },

  async onLoad() {
    if (!(await getApp().engineReady(this))) return;
    this.shop = new xd.Storefront(DEMO_CATALOG);
    this.catalog = this.shop.catalog();
    this.titles = {};
    const products = [];
    for (const p of this.catalog.products) {
      for (const s of p.skus) {
        this.titles[s.skuId] = `${p.title} ${s.spec}`;
        if (s.stock !== 0) products.push({ skuId: s.skuId, title: p.title, spec: s.spec, unitPrice: s.unitPrice, image: p.image });
      }
    }
    this.setData({ ready: true, products });
    this.update(savedPicks());
  },

  onUnload() {
    if (this.shop) this.shop.free();
  },

  add(e) {
    const { sku } = e.currentTarget.dataset;
    const picks = this.picks.map((p) => ({ ...p }));
    const line = picks.find((p) => p.skuId === sku);
    if (line) line.quantity += 1;
    else picks.push({ skuId: sku, quantity: 1 });
    this.update(picks);
  },

  minus(e) {
    const { sku } = e.currentTarget.dataset;
    const picks = this.picks
      .map((p) => (p.skuId === sku ? { ...p, quantity: p.quantity - 1 } : p))
      .filter((p) => p.quantity > 0);
    this.update(picks);
  },

  clear() {
    this.update([]);
  },

  update(picks) {
    let quote = null;
    let error = "";
    if (picks.length) {
      try {
        quote = this.shop.quote({
          picks, coupons: this.catalog.coupons, points: { balance: POINTS_BALANCE, use: "max" },
        });
      } catch (e) {
        error = e.message;
      }
    }
    // Picks above stock or 限购, sold out or gone: the engine's quantities, and its sentences.
    const adjustments = quote?.adjustments ?? [];
    for (const a of adjustments) {
      picks = a.quantity > 0
        ? picks.map((p) => (p.skuId === a.skuId ? { ...p, quantity: a.quantity } : p))
        : picks.filter((p) => p.skuId !== a.skuId);
    }
    const notice = adjustments.map((a) => a.message).join("；");
    this.picks = picks;
    wx.setStorageSync(CART_KEY, picks);
    const lines = quote
      ? quote.lines.map((l) => ({ skuId: l.skuId, title: this.titles[l.skuId], quantity: l.quantity, payable: l.payable, discount: l.discount }))
      : picks.map((p) => ({ skuId: p.skuId, title: this.titles[p.skuId] || p.skuId, quantity: p.quantity, payable: "—", discount: "0.00" }));
    this.setData({
      lines, quote, error, notice,
      applied: quote ? quote.applied.map((a) => ({ id: a.id, message: a.message })) : [],
      hints: quote ? quote.hints.map((h) => h.message) : [],
    });
  },
});
