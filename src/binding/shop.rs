//! The shopper's exports: quote, refundPreview, memberLevel, invoice, catalogCart, demoCatalog,
//! Storefront, version.

use super::{from_js_at, js_text, now, throw, to_js};
use crate::checkout::cart::Cart;
use crate::checkout::catalog::{Catalog, Order, Prepared};
use crate::checkout::offer::Offer;
use wasm_bindgen::prelude::*;

/// `{ engine, rulebook }` version strings.
#[wasm_bindgen(unchecked_return_type = "Version")]
pub fn version() -> Result<JsValue, JsValue> {
    to_js(&crate::checkout::rules::version())
}

/// Quote a cart: item prices, shop grouping, shipping, totals exact to the fen. `options`:
/// `{ detail: "totals" | "lines" | "full", locale: "zh-CN" | "en" | "both" }` (default full, both;
/// a lean detail gives a `LeanQuote`).
// Declared by hand (binding/typescript.rs): overloads on the `detail` literal.
#[wasm_bindgen(unchecked_return_type = "Quote", skip_typescript)]
pub fn quote(
    #[wasm_bindgen(unchecked_param_type = "Cart")] cart: JsValue,
    #[wasm_bindgen(unchecked_param_type = "QuoteOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (cart, options): (Cart, _) = super::with_quote_options(&cart, &options, "")?;
    let q = crate::checkout::detail::with_text(options, || {
        crate::checkout::quote_with(&cart, now(), options.detail)
    })
    .map_err(|e| throw(&e))?;
    super::quote_to_js(q, options)
}

/// What returning `quantity` units of a line refunds, consistent with the quote's allocation,
/// with its consequences (points, 储值, coupons, shipping: checkout/refund_after.rs).
/// `returned`: units of that line already returned, or `{ [skuId]: count }` for every line;
/// `context`: `{ now?, coupons? }` to say whether a coupon that comes back is still valid.
#[wasm_bindgen(js_name = refundPreview, unchecked_return_type = "RefundOutcome")]
pub fn refund_preview(
    #[wasm_bindgen(unchecked_param_type = "Quote")] quote: JsValue,
    #[wasm_bindgen(js_name = skuId, unchecked_param_type = "string")] sku_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] quantity: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | Record<string, number> | undefined")]
    returned: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RefundContext | undefined")] context: JsValue,
) -> Result<JsValue, JsValue> {
    use crate::checkout::refund_after::{RefundContext, Returned};
    // One JSON text of the quote, read as both views.
    let json = super::js_json(&quote, "quote")?;
    let read = |e: crate::foundation::error::Error| throw(&e.under("quote"));
    let view: crate::checkout::refund::QuoteView =
        crate::foundation::json::from_json(&json).map_err(read)?;
    let after: crate::checkout::refund_after::AfterView =
        crate::foundation::json::from_json(&json).map_err(read)?;
    let sku_id = js_text(&sku_id, "skuId")?;
    let quantity: crate::foundation::money::Quantity = from_js_at(quantity, "quantity")?;
    let returned = if returned.is_undefined() || returned.is_null() {
        Returned::Line(0)
    } else {
        from_js_at(returned, "returned")?
    };
    let context: RefundContext = if context.is_undefined() || context.is_null() {
        RefundContext::default()
    } else {
        from_js_at(context, "context")?
    };
    let this_line = match &returned {
        Returned::Line(n) => *n,
        Returned::BySku(m) => m.get(&sku_id).copied().unwrap_or(0),
    };
    let preview =
        crate::checkout::refund::refund_preview(&view, &sku_id, quantity.get(), this_line)
            .map_err(|e| throw(&e))?;
    let outcome =
        crate::checkout::refund_after::consequences(preview, &after, &returned, &context, now())
            .map_err(|e| throw(&e))?;
    to_js(&outcome)
}

/// The member level a growth reaches, and the next one (rulebook `membership`, or a given
/// rulebook's).
#[wasm_bindgen(js_name = memberLevel, unchecked_return_type = "MemberLevel")]
pub fn member_level(
    #[wasm_bindgen(unchecked_param_type = "number")] growth: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ membership: MembershipRule } | undefined")]
    rulebook: JsValue,
) -> Result<JsValue, JsValue> {
    let growth: crate::foundation::money::Count = from_js_at(growth, "growth")?;
    let level = if rulebook.is_undefined() || rulebook.is_null() {
        let rule = &crate::checkout::loyalty::loyalty_rules().membership;
        crate::checkout::membership::member_level(growth.0.into(), rule)
    } else {
        let book: crate::checkout::loyalty::MembershipBook = from_js_at(rulebook, "rulebook")?;
        crate::checkout::membership::member_level(growth.0.into(), &book.membership)
            .map_err(|e| e.under("rulebook"))
    };
    to_js(&level.map_err(|e| throw(&e))?)
}

/// 电子发票 lines of a quote: amounts after discounts and points, VAT by category.
#[wasm_bindgen(unchecked_return_type = "Invoice")]
pub fn invoice(
    #[wasm_bindgen(unchecked_param_type = "Quote")] quote: JsValue,
    #[wasm_bindgen(unchecked_param_type = "InvoiceOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let q: crate::checkout::invoice::InvoiceQuote = from_js_at(quote, "quote")?;
    let options: crate::checkout::invoice::InvoiceOptions =
        if options.is_undefined() || options.is_null() {
            Default::default()
        } else {
            from_js_at(options, "options")?
        };
    to_js(&crate::checkout::invoice::invoice(&q, &options).map_err(|e| throw(&e))?)
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
/// only the order across the boundary, not the whole catalog each time. The object JS holds is
/// only a handle (slot and generation) into a table here, checked on every call: one used
/// after `free()` is INVALID_INPUT "this Storefront was freed", never a read of freed memory.
#[wasm_bindgen]
pub struct Storefront {
    slot: u32,
    generation: u32,
}

/// The kept catalogs, each with its SKU index and shipping built once (`Catalog::prepare`): a
/// slot is reused after `free()` with its generation raised, so an old handle never reaches a
/// new catalog.
struct Shelf {
    slots: Vec<(u32, Option<Kept>)>,
    free: Vec<u32>,
}

/// One Storefront's catalog, its index, and the shopper's wallet (`setWallet`; empty: none).
struct Kept {
    catalog: Catalog,
    prepared: Prepared,
    wallet: Vec<Offer>,
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
            // Busy (freed from inside a Storefront call): the slot stays taken, no panic.
            let Ok(mut s) = s.try_borrow_mut() else {
                return;
            };
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
        let catalog = Kept {
            prepared: catalog.prepare(),
            catalog,
            wallet: Vec::new(),
        };
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
        self.with(to_js)
    }

    /// The cart for an order, adjusted to stock and 限购 (see `catalogCart`).
    #[wasm_bindgen(unchecked_return_type = "Cart")]
    pub fn cart(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    ) -> Result<JsValue, JsValue> {
        let order: Order = from_js_at(order, "order")?;
        self.with_cart(order, |cart| {
            to_js(&cart.map_err(|e| throw(&e.under("order")))?)
        })
    }

    /// Keep a shopper's wallet for the orders that send no `coupons` of their own (an order
    /// with `coupons`, even `[]`, is quoted with exactly those): a page quoting on every tap
    /// then sends only the picks. Checked once here (terms, unique ids; errors at
    /// `coupons[i]…`); a refused wallet leaves the kept one as it was. `[]` clears it.
    #[wasm_bindgen(js_name = setWallet)]
    pub fn set_wallet(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Offer[]")] coupons: JsValue,
    ) -> Result<(), JsValue> {
        let coupons: Vec<Offer> = from_js_at(coupons, "coupons")?;
        self.with_kept(|k| {
            k.catalog.check_wallet(&coupons).map_err(|e| throw(&e))?;
            k.wallet = coupons;
            Ok(())
        })
    }

    /// The kept wallet (`[]` when none was set).
    #[wasm_bindgen(unchecked_return_type = "Offer[]")]
    pub fn wallet(&self) -> Result<JsValue, JsValue> {
        self.with_kept(|k| to_js(&k.wallet))
    }

    /// Quote an order: `cart(order)` then `quote(cart)` in one crossing; what was capped or
    /// dropped is in `quote.adjustments`. Line errors keep the cart's paths (`lines[i]…` is the
    /// i-th pick kept).
    #[wasm_bindgen(unchecked_return_type = "Quote", skip_typescript)]
    pub fn quote(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
        #[wasm_bindgen(unchecked_param_type = "QuoteOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (order, options): (Order, _) = super::with_quote_options(&order, &options, "order")?;
        let q = self.with_cart(order, |cart| {
            let cart = cart.map_err(|e| throw(&e))?;
            crate::checkout::detail::with_text(options, || {
                crate::checkout::quote_with(cart, now(), options.detail)
            })
            .map_err(|e| throw(&e))
        })?;
        super::quote_to_js(q, options)
    }
}

impl Storefront {
    /// Run `f` on this handle's catalog, if it is still kept.
    fn with<T>(&self, f: impl FnOnce(&Catalog) -> Result<T, JsValue>) -> Result<T, JsValue> {
        self.with_kept(|k| f(&k.catalog))
    }

    /// [`Storefront::with`] on all that is kept. The shelf is borrowed mutably meanwhile: a
    /// call reaching a Storefront from inside another's (a patched `Date.now`) is refused, not
    /// a panic.
    fn with_kept<T>(&self, f: impl FnOnce(&mut Kept) -> Result<T, JsValue>) -> Result<T, JsValue> {
        SHELF.with(|s| {
            let Ok(mut s) = s.try_borrow_mut() else {
                return Err(throw(&crate::foundation::error::Error::input(
                    "a Storefront was called from inside another Storefront call",
                    "",
                )));
            };
            match s.slots.get_mut(self.slot as usize) {
                Some((generation, Some(k))) if *generation == self.generation => f(k),
                _ => Err(freed()),
            }
        })
    }

    /// The order's cart, given to `f`: with the kept wallet when the order has no coupons,
    /// moved in and taken back after `f` (no copy of it per tap).
    fn with_cart<T>(
        &self,
        order: Order,
        f: impl FnOnce(
            crate::foundation::error::Result<&crate::checkout::cart::Cart>,
        ) -> Result<T, JsValue>,
    ) -> Result<T, JsValue> {
        self.with_kept(|k| {
            let borrowed = order.coupons.is_none();
            match k
                .catalog
                .cart_with_wallet(&k.prepared, order, &mut k.wallet)
            {
                Ok(mut cart) => {
                    let out = f(Ok(&cart));
                    if borrowed {
                        k.wallet = std::mem::take(&mut cart.coupons);
                    }
                    out
                }
                Err(e) => f(Err(e)),
            }
        })
    }
}

/// verifyOrder's options as JS gives them (the Rust `VerifyOptions` has no clock default in
/// WASM: the host's `Date.now()` is used when `now` is absent).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct VerifyOrderOptions {
    #[serde(default)]
    now: Option<crate::foundation::time::TimestampInput>,
    #[serde(default)]
    wallet: Option<Vec<String>>,
    #[serde(default)]
    max_clock_skew_seconds: Option<i64>,
}

/// A server's check of a client's order: the cart rebuilt from the server's catalog, coupons
/// only from `options.wallet`, the server's clock; differences with the client's quote listed.
#[wasm_bindgen(js_name = verifyOrder, unchecked_return_type = "OrderVerification")]
pub fn verify_order(
    #[wasm_bindgen(unchecked_param_type = "Catalog")] catalog: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Quote")] client_quote: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyOrderOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    use crate::checkout::verify_order::VerifyOptions;
    let catalog: Catalog = from_js_at(catalog, "catalog")?;
    let order: Order = from_js_at(order, "order")?;
    let quote = super::js_json(&client_quote, "quote")?;
    let given: Option<VerifyOrderOptions> = if options.is_undefined() || options.is_null() {
        None
    } else {
        Some(from_js_at(options, "options")?)
    };
    let mut opts = VerifyOptions {
        now: Some(now()),
        ..VerifyOptions::default()
    };
    if let Some(g) = given {
        opts.now = Some(g.now.unwrap_or_else(now));
        opts.wallet = g.wallet;
        if let Some(s) = g.max_clock_skew_seconds {
            opts.max_clock_skew_seconds = s;
        }
    }
    let v = crate::checkout::verify_order::verify_order(&catalog, &order, &quote, &opts)
        .map_err(|e| throw(&e))?;
    to_js(&v)
}
