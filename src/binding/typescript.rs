//! The TypeScript written by hand: the JS-facing scalars, each declared once, and the error
//! shape. Everything else in the `.d.ts` is derived from the Rust types (feature `ts`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Yuan as a decimal string with exactly two decimals, e.g. "12.30". */
export type Money = string;
/** Yuan in: "12.30", "12.3", "12" or a JS number (read through its shortest form). */
export type MoneyInput = string | number;
/** A decimal fraction as a string, e.g. "0.85" (八五折 pays 85 %) or "0.006" (0.6 %). */
export type Rate = string;
/** A decimal number as a string. */
export type Decimal = string;
/** A time out: ISO-8601 with offset, e.g. "2026-11-11T20:00:00+08:00". */
export type Timestamp = string;
/** A time in: ISO-8601 text (a bare date where noted) or epoch milliseconds. */
export type TimestampInput = string | number;
/** A unit count in: a whole number (a numeric string is read too). */
export type Quantity = number | string;
/** A spreadsheet-style value: text (numbers and booleans are read as text). */
export type Text = string;
/** verifyOrder's options: the server's clock (default: now), the coupon ids this buyer holds
 * (absent: the order's coupons are taken by id, on the catalog's terms), the allowed skew. */
export interface VerifyOrderOptions {
    now?: TimestampInput;
    wallet?: string[];
    maxClockSkewSeconds?: number;
}
/** The properties of every Error this module throws. */
export interface XiaodianError extends Error {
    code: string;
    path: string;
    message: string;
    messageEn: string;
}
"#;

// `quote` and `Storefront.quote` return a `LeanQuote` at `detail: "totals" | "lines"`: overloads
// on the literal, which wasm-bindgen's one signature per export cannot say (their generated
// declarations are skipped). The Storefront's is merged into its class.
#[wasm_bindgen(typescript_custom_section)]
const TS_QUOTE: &str = r#"
/** Options asking for a lean result: the amounts without the explanations. */
export type LeanQuoteOptions = QuoteOptions & { detail: "totals" | "lines" };
/** Options asking for the full quote (`detail` absent or `"full"`). */
export type FullQuoteOptions = QuoteOptions & { detail?: "full" };
/**
 * Quote a cart: item prices, shop grouping, shipping, totals exact to the fen. `options`:
 * `{ detail: "totals" | "lines" | "full", locale: "zh-CN" | "en" | "both" }` (default full, both;
 * a lean detail gives a `LeanQuote`).
 */
export function quote(cart: Cart, options: LeanQuoteOptions): LeanQuote;
export function quote(cart: Cart, options?: FullQuoteOptions): Quote;
export function quote(cart: Cart, options?: QuoteOptions): Quote | LeanQuote;
export interface Storefront {
    /**
     * Quote an order: `cart(order)` then `quote(cart)` in one crossing; what was capped or
     * dropped is in `quote.adjustments`. Line errors keep the cart's paths (`lines[i]…` is the
     * i-th pick kept). A lean `detail` gives a `LeanQuote`.
     */
    quote(order: Order, options: LeanQuoteOptions): LeanQuote;
    quote(order: Order, options?: FullQuoteOptions): Quote;
    quote(order: Order, options?: QuoteOptions): Quote | LeanQuote;
}
"#;
