//! The JS binding: JS values in as JSON (`JSON.stringify` → serde_json → domain types), the core
//! called, results out as a tape (`crate::tape`, rebuilt into objects by the JS snippet below),
//! errors thrown as JS `Error`s with code, path, message, messageEn. No business logic here. The
//! shopper's exports are here; the merchant's are in `merchant.rs` (`merchant` feature).

use crate::catalog::{Catalog, Order};
use crate::error::{Error, ErrorReport};
use crate::{Cart, Timestamp};
use serde::Serialize;
use wasm_bindgen::prelude::*;

mod address;
pub use address::*;
#[cfg(feature = "merchant")]
mod merchant;
#[cfg(feature = "merchant")]
pub use merchant::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Yuan as a decimal string with exactly two decimals, e.g. "12.30". */
export type Money = string;
/** Yuan in: "12.30", "12.3", "12" or a JS number (read through its shortest form). */
export type MoneyInput = string | number;
/** The properties of every Error this module throws. */
export interface XiaodianError extends Error {
    code: string;
    path: string;
    message: string;
    messageEn: string;
}
"#;

// The tape's decoder (see `crate::tape`): field names kept across calls; a map's own keys set
// as own properties, so a key "__proto__" stays data as in JSON.parse.
#[wasm_bindgen(inline_js = r#"
const keys = [];
const f64 = new Float64Array(1), u32 = new Uint32Array(f64.buffer);
export function xdReadTape(ops, text, keysAt) {
  let i = keysAt;
  const first = ops[i], n = ops[i + 1];
  if (keys.length < first) throw new Error("xiaodian: field names out of step");
  keys.length = first;
  for (i += 2; keys.length < first + n; i += 2) keys.push(text.slice(ops[i], ops[i] + ops[i + 1]));
  i = 0;
  const value = () => {
    switch (ops[i++]) {
      case 0: return null;
      case 1: return true;
      case 2: return false;
      case 3: return ops[i++] | 0;
      case 4: u32[0] = ops[i++]; u32[1] = ops[i++]; return f64[0];
      case 8: { const lo = ops[i++]; return (ops[i++] | 0) * 4294967296 + lo; }
      case 5: { const at = ops[i++]; return text.slice(at, at + ops[i++]); }
      case 6: { const a = []; for (let n = ops[i++]; n > 0; n--) a.push(value()); return a; }
      case 7: {
        const o = {};
        for (let n = ops[i++]; n > 0; n--) {
          const k = ops[i++];
          if (k < 0x80000000) { o[keys[k]] = value(); continue; }
          const at = ops[i++], key = text.slice(at, at + ops[i++]);
          Object.defineProperty(o, key, { value: value(), writable: true, enumerable: true, configurable: true });
        }
        return o;
      }
      default: throw new Error("xiaodian: unreadable result");
    }
  };
  return value();
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = xdReadTape)]
    fn read_tape(ops: &[u32], text: &str, keys_at: u32) -> JsValue;
}

/// A result to JS through the tape: faster than JSON text, with the same value.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let mut t = crate::tape::write(value).map_err(|e| throw(&Error::input(e.to_string(), "")))?;
    t.send();
    Ok(read_tape(&t.ops, &t.text, t.keys_at))
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    from_js_at(value, "")
}

/// Decode one argument of several; `arg` roots its error paths (`catalog.products[0]…`).
fn from_js_at<T: serde::de::DeserializeOwned>(value: JsValue, arg: &str) -> Result<T, JsValue> {
    crate::error::from_json(&js_json(&value, arg)?).map_err(|e| throw(&e.under(arg)))
}

fn js_json(value: &JsValue, arg: &str) -> Result<String, JsValue> {
    Ok(if value.is_undefined() {
        "null".into()
    } else {
        js_sys::JSON::stringify(value)
            .map_err(|_| {
                throw(&Error::input(
                    "not serialisable (a cycle or a BigInt?)",
                    arg,
                ))
            })?
            .into()
    })
}

/// A JS Error carrying the structured fields.
fn throw(e: &Error) -> JsValue {
    let report = ErrorReport::from(e);
    let err = js_sys::Error::new(&report.message);
    let obj: &JsValue = err.as_ref();
    for (k, v) in [
        ("code", report.code),
        ("path", report.path.as_str()),
        ("messageEn", report.message_en.as_str()),
    ] {
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    err.into()
}

fn now() -> Timestamp {
    // Date.now() is always in range for a real clock; fall back to the epoch rather than trap.
    Timestamp::from_millis(js_sys::Date::now() as i64)
        .unwrap_or_else(|| Timestamp::from_millis(0).unwrap_or_else(|| unreachable!()))
}

/// `{ engine, rulebook }` version strings.
#[wasm_bindgen(unchecked_return_type = "Version")]
pub fn version() -> Result<JsValue, JsValue> {
    to_js(&crate::version())
}

/// Quote a cart: item prices, shop grouping, shipping, totals exact to the fen.
#[wasm_bindgen(unchecked_return_type = "Quote")]
pub fn quote(
    #[wasm_bindgen(unchecked_param_type = "Cart")] cart: JsValue,
) -> Result<JsValue, JsValue> {
    let cart: Cart = from_js(cart)?;
    let q = crate::quote(&cart, now()).map_err(|e| throw(&e))?;
    to_js(&q)
}

/// What returning `quantity` units of a line refunds, consistent with the quote's allocation.
/// `returned` counts units of that line already returned.
#[wasm_bindgen(js_name = refundPreview, unchecked_return_type = "RefundPreview")]
pub fn refund_preview(
    #[wasm_bindgen(unchecked_param_type = "Quote")] quote: JsValue,
    sku_id: String,
    #[wasm_bindgen(unchecked_param_type = "number")] quantity: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | undefined")] returned: JsValue,
) -> Result<JsValue, JsValue> {
    let view: crate::refund::QuoteView = from_js_at(quote, "quote")?;
    let quantity: crate::money::Quantity = from_js_at(quantity, "quantity")?;
    let returned: Option<crate::money::Count> = if returned.is_undefined() || returned.is_null() {
        None
    } else {
        Some(from_js_at(returned, "returned")?)
    };
    let preview =
        crate::refund::refund_preview(&view, &sku_id, quantity.get(), returned.map_or(0, |r| r.0))
            .map_err(|e| throw(&e))?;
    to_js(&preview)
}

/// The demo shop's catalog.
#[cfg(feature = "demo")]
#[wasm_bindgen(js_name = demoCatalog, unchecked_return_type = "Catalog")]
pub fn demo_catalog() -> Result<JsValue, JsValue> {
    to_js(&Catalog::demo())
}

/// Turn a shopper's picks into a cart against a catalog (unknown SKUs: UNKNOWN_ID).
#[wasm_bindgen(js_name = catalogCart, unchecked_return_type = "Cart")]
pub fn catalog_cart(
    #[wasm_bindgen(unchecked_param_type = "Catalog")] catalog: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
) -> Result<JsValue, JsValue> {
    let catalog: Catalog = from_js_at(catalog, "catalog")?;
    let order: Order = from_js_at(order, "order")?;
    to_js(&catalog.cart(&order).map_err(|e| throw(&e.under("order")))?)
}

/// A catalog read once and kept inside the module, so a page quoting on every cart change sends
/// only the order across the boundary, not the whole catalog each time.
#[wasm_bindgen]
pub struct Storefront {
    catalog: Catalog,
}

#[wasm_bindgen]
impl Storefront {
    /// Read and keep a catalog (errors at `catalog.…`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Catalog")] catalog: JsValue,
    ) -> Result<Storefront, JsValue> {
        Ok(Storefront {
            catalog: from_js_at(catalog, "catalog")?,
        })
    }

    /// The kept catalog, as read.
    #[wasm_bindgen(unchecked_return_type = "Catalog")]
    pub fn catalog(&self) -> Result<JsValue, JsValue> {
        to_js(&self.catalog)
    }

    /// The cart for an order (unknown SKUs: UNKNOWN_ID at `order.picks[i].skuId`).
    #[wasm_bindgen(unchecked_return_type = "Cart")]
    pub fn cart(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&self.order_cart(order)?)
    }

    /// Quote an order: `cart(order)` then `quote(cart)` in one crossing. Line errors keep the
    /// cart's paths (`lines[i]…` is `order.picks[i]`).
    #[wasm_bindgen(unchecked_return_type = "Quote")]
    pub fn quote(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    ) -> Result<JsValue, JsValue> {
        let cart = self.order_cart(order)?;
        to_js(&crate::quote(&cart, now()).map_err(|e| throw(&e))?)
    }
}

impl Storefront {
    fn order_cart(&self, order: JsValue) -> Result<Cart, JsValue> {
        let order: Order = from_js_at(order, "order")?;
        self.catalog
            .cart(&order)
            .map_err(|e| throw(&e.under("order")))
    }
}
