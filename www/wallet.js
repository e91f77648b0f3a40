// The shopper's coupons kept in the Storefront (`setWallet`, README): set once when they change,
// so the quote on every tap does not carry them across the boundary; the result is the same as
// sending them. The order posted to the server still carries its coupons (it re-verifies).
const kept = new WeakMap(); // Storefront → the wallet it keeps, as JSON

/**
 * The order to quote: without `coupons` once `shop` keeps them (set here when they
 * change), else as given — a wallet the engine refuses is sent with the order, so the quote
 * throws what it always did (`coupons[i]…`).
 */
export function walletOrder(shop, order) {
  const { coupons, ...rest } = order;
  if (!Array.isArray(coupons)) return order;
  // The whole coupons, not their ids: a coupon edited under the same id must not quote stale.
  const key = JSON.stringify(coupons);
  if (kept.get(shop) !== key) {
    try {
      shop.setWallet(coupons);
      kept.set(shop, key);
    } catch {
      kept.delete(shop);
      return order;
    }
  }
  return rest;
}
