//! The shopper's exports: quote, refundPreview, catalogCart, demoCatalog, Storefront, version.

use super::{from_js, from_js_at, js_text, now, throw, to_js};
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
    #[wasm_bindgen(js_name = skuId, unchecked_param_type = "string")] sku_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] quantity: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | undefined")] returned: JsValue,
) -> Result<JsValue, JsValue> {
    let view: crate::checkout::refund::QuoteView = from_js_at(quote, "quote")?;
    let sku_id = js_text(&sku_id, "skuId")?;
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
/// only the order across the boundary, not the whole catalog each time. The object JS holds is
/// only a handle (slot and generation) into a table here, checked on every call: one used
/// after `free()` is INVALID_INPUT "this Storefront was freed", never a read of freed memory.
#[wasm_bindgen]
pub struct Storefront {
    slot: u32,
    generation: u32,
}

/// The kept catalogs: a slot is reused after `free()` with its generation raised, so an old
/// handle never reaches a new catalog.
struct Shelf {
    slots: Vec<(u32, Option<Catalog>)>,
    free: Vec<u32>,
}

thread_local! {
    static SHELF: std::cell::RefCell<Shelf> =
        const { std::cell::RefCell::new(Shelf { slots: Vec::new(), free: Vec::new() }) };
}

fn freed() -> JsValue {
    throw(&crate::foundation::error::Error::input(
        "this Storefront was freed",
        "",
    ))
}

impl Drop for Storefront {
    fn drop(&mut self) {
        SHELF.with(|s| {
            let mut s = s.borrow_mut();
            if let Some(entry) = s.slots.get_mut(self.slot as usize) {
                if entry.0 == self.generation && entry.1.is_some() {
                    entry.1 = None;
                    entry.0 = entry.0.wrapping_add(1);
                    s.free.push(self.slot);
                }
            }
        });
    }
}

#[wasm_bindgen]
impl Storefront {
    /// Read and keep a catalog (errors at `catalog.…`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Catalog")] catalog: JsValue,
    ) -> Result<Storefront, JsValue> {
        let catalog: Catalog = from_js_at(catalog, "catalog")?;
        Ok(SHELF.with(|s| {
            let mut s = s.borrow_mut();
            match s.free.pop() {
                Some(slot) => {
                    let entry = &mut s.slots[slot as usize];
                    entry.1 = Some(catalog);
                    Storefront {
                        slot,
                        generation: entry.0,
                    }
                }
                None => {
                    s.slots.push((0, Some(catalog)));
                    Storefront {
                        slot: (s.slots.len() - 1) as u32,
                        generation: 0,
                    }
                }
            }
        }))
    }

    /// The kept catalog, as read.
    #[wasm_bindgen(unchecked_return_type = "Catalog")]
    pub fn catalog(&self) -> Result<JsValue, JsValue> {
        self.with(|c| to_js(c))
    }

    /// The cart for an order (unknown SKUs: UNKNOWN_ID at `order.picks[i].skuId`).
    #[wasm_bindgen(unchecked_return_type = "Cart")]
    pub fn cart(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    ) -> Result<JsValue, JsValue> {
        let order: Order = from_js_at(order, "order")?;
        self.with(|c| to_js(&order_cart(c, &order)?))
    }

    /// Quote an order: `cart(order)` then `quote(cart)` in one crossing. Line errors keep the
    /// cart's paths (`lines[i]…` is `order.picks[i]`).
    #[wasm_bindgen(unchecked_return_type = "Quote")]
    pub fn quote(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    ) -> Result<JsValue, JsValue> {
        let order: Order = from_js_at(order, "order")?;
        let cart = self.with(|c| order_cart(c, &order))?;
        to_js(&crate::checkout::quote(&cart, now()).map_err(|e| throw(&e))?)
    }
}

impl Storefront {
    /// Run `f` on this handle's catalog, if it is still kept.
    fn with<T>(&self, f: impl FnOnce(&Catalog) -> Result<T, JsValue>) -> Result<T, JsValue> {
        SHELF.with(|s| {
            let s = s.borrow();
            match s.slots.get(self.slot as usize) {
                Some((generation, Some(c))) if *generation == self.generation => f(c),
                _ => Err(freed()),
            }
        })
    }
}

fn order_cart(catalog: &Catalog, order: &Order) -> Result<Cart, JsValue> {
    catalog.cart(order).map_err(|e| throw(&e.under("order")))
}
