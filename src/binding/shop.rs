//! The shopper's exports: quote, refundPreview, catalogCart, demoCatalog, Storefront, version.

use super::{from_js, from_js_at, now, throw, to_js};
use crate::checkout::cart::Cart;
use crate::checkout::catalog::{Catalog, Order};
use wasm_bindgen::prelude::*;

/// `{ engine, rulebook }` version strings.
#[wasm_bindgen(unchecked_return_type = "Version")]
pub fn version() -> Result<JsValue, JsValue> {
    to_js(&crate::checkout::rules::version())
}

/// Quote a cart: item prices, shop grouping, shipping, totals exact to the fen.
#[wasm_bindgen(unchecked_return_type = "Quote")]
pub fn quote(
    #[wasm_bindgen(unchecked_param_type = "Cart")] cart: JsValue,
) -> Result<JsValue, JsValue> {
    let cart: Cart = from_js(cart)?;
    let q = crate::checkout::quote(&cart, now()).map_err(|e| throw(&e))?;
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
    let view: crate::checkout::refund::QuoteView = from_js_at(quote, "quote")?;
    let quantity: crate::foundation::money::Quantity = from_js_at(quantity, "quantity")?;
    let returned: Option<crate::foundation::money::Count> =
        if returned.is_undefined() || returned.is_null() {
            None
        } else {
            Some(from_js_at(returned, "returned")?)
        };
    let preview = crate::checkout::refund::refund_preview(
        &view,
        &sku_id,
        quantity.get(),
        returned.map_or(0, |r| r.0),
    )
    .map_err(|e| throw(&e))?;
    to_js(&preview)
}

/// The demo shop's catalog.
#[cfg(feature = "demo")]
#[wasm_bindgen(js_name = demoCatalog, unchecked_return_type = "Catalog")]
pub fn demo_catalog() -> Result<JsValue, JsValue> {
    to_js(&Catalog::demo())
}

/// Turn a shopper's picks into a cart against a catalog: picks above stock or 限购 capped, gone
/// or sold-out SKUs dropped, each change in `cart.adjustments` (carried into its quote).
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

    /// The cart for an order, adjusted to stock and 限购 (see `catalogCart`).
    #[wasm_bindgen(unchecked_return_type = "Cart")]
    pub fn cart(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&self.order_cart(order)?)
    }

    /// Quote an order: `cart(order)` then `quote(cart)` in one crossing; what was capped or
    /// dropped is in `quote.adjustments`. Line errors keep the cart's paths (`lines[i]…` is the
    /// i-th pick kept).
    #[wasm_bindgen(unchecked_return_type = "Quote")]
    pub fn quote(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    ) -> Result<JsValue, JsValue> {
        let order: Order = from_js_at(order, "order")?;
        to_js(&self.catalog.quote(&order, now()).map_err(|e| throw(&e))?)
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
