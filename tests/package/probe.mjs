// The same few calls in every consumer app (Node CJS and ESM, each bundler in Chromium): written
// into each app as its own file, ESM or CommonJS, and compared with pkg/node (the repo's build)
// running the same function here.
export const PROBE_BODY = `
  const NOW = "2026-11-11T20:30:00+08:00";
  const cart = { lines: [{ skuId: "a", unitPrice: "19.90", quantity: 3 }], now: NOW };
  const q = full.quote(cart);
  const store = new shop.Storefront(catalog);
  const sq = store.quote({ picks: [{ skuId: "puer-357", quantity: 2 }], now: NOW });
  store.free();
  let error = null;
  try {
    shop.quote({ lines: [{ skuId: "a", unitPrice: "1.234", quantity: 1 }], now: NOW });
  } catch (e) {
    error = { guard: full.isXiaodianError(e), shopGuard: shop.isXiaodianError(e), code: e.code, path: e.path, isError: e instanceof Error };
  }
  return {
    payable: q.payable,
    fingerprint: q.fingerprint,
    shopPayable: shop.quote(cart).payable,
    storefrontPayable: sq.payable,
    refund: full.refundPreview(q, "a", 1),
    error,
    guardOnPlainError: full.isXiaodianError(new Error("x")),
    identity: full.checkIdentity("bankCard", "6222020200112345676").valid,
    shopHasListing: typeof shop.validateListing,
    engine: full.version().engine,
  };
`;

export const probeEsm = `export function probe(full, shop, catalog) {${PROBE_BODY}}\n`;
export const probeCjs = `module.exports = function probe(full, shop, catalog) {${PROBE_BODY}};\n`;
// eslint-disable-next-line no-new-func
export const probe = new Function("full", "shop", "catalog", PROBE_BODY);
