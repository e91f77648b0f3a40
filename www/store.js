// Saving and restoring the shopper's cart in localStorage: picks, member level, claimed coupons,
// coupon choice, points and 运费险. A cart saved by the previous version (picks and level only)
// is upgraded; anything unreadable is discarded with a notice rather than breaking the page.
import { loadJson, saveJson } from "./dom.js";

export const CART_KEY = "xiaodian.cart";
const VERSION = 2;

export const emptyCart = () => ({
  picks: [], memberLevel: 0, newCustomer: false, wallet: [], selection: "auto", points: 0, insurance: false,
});

const validPick = (p) => p && typeof p.skuId === "string" && Number.isInteger(p.quantity) && p.quantity > 0;
const strings = (a) => (Array.isArray(a) ? a.filter((s) => typeof s === "string") : []);

/** → { state, problem? } where problem is a label key for the notice. */
export function loadCart() {
  const { value: saved, problem } = loadJson(CART_KEY);
  if (problem === "storageUnavailable") return { state: emptyCart(), problem };
  if (problem) return { state: emptyCart(), problem: "cartCorrupt" };
  if (saved == null) return { state: emptyCart() };
  if (typeof saved !== "object" || !Array.isArray(saved.picks) || ![1, VERSION].includes(saved.version)) {
    return { state: emptyCart(), problem: "cartOutdated" };
  }
  const picks = saved.picks.filter(validPick).map((p) => ({ skuId: p.skuId, quantity: p.quantity, joinGroup: !!p.joinGroup,
    ...(typeof p.addOnOf === "string" ? { addOnOf: p.addOnOf } : {}) }));
  const state = {
    ...emptyCart(),
    picks,
    memberLevel: Number.isInteger(saved.memberLevel) ? saved.memberLevel : 0,
    newCustomer: saved.newCustomer === true,
    wallet: strings(saved.wallet),
    selection: Array.isArray(saved.selection) ? strings(saved.selection) : "auto",
    points: Number.isInteger(saved.points) && saved.points >= 0 ? saved.points : 0,
    insurance: saved.insurance === true,
  };
  const repaired = picks.length < saved.picks.length;
  return { state, problem: repaired ? "cartRepaired" : saved.version === 1 ? "cartUpgraded" : undefined };
}

export function saveCart(state) {
  saveJson(CART_KEY, { version: VERSION, ...state });
}

/** The demo buyer's points balance (their account, not a shop rule). */
export const POINTS_BALANCE = 3000;
