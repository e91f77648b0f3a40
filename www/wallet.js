// The shopper's coupons kept in the Storefront (`setWallet`, README): set once when they change,
// so the quote on every tap does not carry them across the boundary; the result is the same as
// sending them. The order posted to the server still carries its coupons (it re-verifies).
const kept = new WeakMap(); // Storefront → the ids of the wallet it keeps

/**
 * The order to quote: without `coupons` once `shop` keeps them (set here when their ids
 * change), else as given — a wallet the engine refuses is sent with the order, so the quote
 * throws what it always did (`coupons[i]…`).
 */
export function walletOrder(shop, order) {
  const { coupons, ...rest } = order;
  if (!Array.isArray(coupons)) return order;
  const ids = JSON.stringify(coupons.map((c) => c?.id));
  if (kept.get(shop) !== ids) {
    try {
      shop.setWallet(coupons);
      kept.set(shop, ids);
    } catch {
      kept.delete(shop);
      return order;
    }
  }
  return rest;
}
