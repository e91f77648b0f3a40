// Saving and restoring the shopper's cart (picks and member level) in localStorage. Anything
// unreadable or from an older format is discarded with a notice rather than breaking the page.
export const CART_KEY = "xiaodian.cart";
const VERSION = 1;

export function loadCart(storage = globalThis.localStorage) {
  const empty = { picks: [], memberLevel: 0 };
  let raw;
  try {
    raw = storage.getItem(CART_KEY);
  } catch {
    return { state: empty, problem: "storageUnavailable" };
  }
  if (raw == null) return { state: empty };
  try {
    const saved = JSON.parse(raw);
    if (saved?.version !== VERSION || !Array.isArray(saved.picks)) {
      return { state: empty, problem: "cartOutdated" };
    }
    const picks = saved.picks.filter(
      (p) => p && typeof p.skuId === "string" && Number.isInteger(p.quantity) && p.quantity > 0,
    );
    const memberLevel = Number.isInteger(saved.memberLevel) ? saved.memberLevel : 0;
    return { state: { picks, memberLevel }, problem: picks.length < saved.picks.length ? "cartRepaired" : undefined };
  } catch {
    return { state: empty, problem: "cartCorrupt" };
  }
}

export function saveCart(state, storage = globalThis.localStorage) {
  try {
    storage.setItem(CART_KEY, JSON.stringify({ version: VERSION, ...state }));
  } catch {
    // Private mode or a full quota: the cart still works for this visit.
  }
}
