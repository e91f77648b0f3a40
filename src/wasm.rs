//! The JS binding: JS values in, domain types through serde-wasm-bindgen, the core called,
//! results out as plain JS objects, errors thrown as JS `Error`s with code, path, message,
//! messageEn. No business logic here.

use crate::catalog::{Catalog, Order};
use crate::error::{Error, ErrorReport};
#[cfg(feature = "merchant")]
use crate::{rulebook::as_rulebook_error, Rulebook};
use crate::{Cart, Timestamp};
use serde::Serialize;
use wasm_bindgen::prelude::*;
#[cfg(feature = "merchant")]
use wasm_bindgen::JsCast;

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

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value).map_err(|e| throw(&Error::input(e.to_string(), "")))?;
    js_sys::JSON::parse(&json)
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

#[cfg(feature = "merchant")]
/// The embedded default rulebook.
#[wasm_bindgen(unchecked_return_type = "Rulebook")]
pub fn rulebook() -> Result<JsValue, JsValue> {
    to_js(crate::default_rulebook())
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

#[cfg(feature = "merchant")]
/// The embedded rulebook, or the caller's own (validated: INVALID_RULEBOOK at `rulebook.…`).
fn book(arg: JsValue) -> Result<std::borrow::Cow<'static, Rulebook>, JsValue> {
    if arg.is_undefined() || arg.is_null() {
        return Ok(std::borrow::Cow::Borrowed(crate::default_rulebook()));
    }
    let json: String = js_sys::JSON::stringify(&arg)
        .map(String::from)
        .unwrap_or_default();
    let parsed =
        Rulebook::from_json(&json).map_err(|e| throw(&as_rulebook_error(e).under("rulebook")))?;
    Ok(std::borrow::Cow::Owned(parsed))
}

#[cfg(feature = "merchant")]
/// Check a rulebook of the embedded schema; returns it as read, or throws INVALID_RULEBOOK.
#[wasm_bindgen(js_name = validateRulebook, unchecked_return_type = "Rulebook")]
pub fn validate_rulebook(
    #[wasm_bindgen(unchecked_param_type = "Rulebook")] rulebook: JsValue,
) -> Result<JsValue, JsValue> {
    if rulebook.is_undefined() || rulebook.is_null() {
        return Err(throw(&crate::Error::new(
            crate::ErrorKind::InvalidRulebook {
                detail: "no rulebook given".into(),
            },
            "rulebook",
        )));
    }
    to_js(book(rulebook)?.as_ref())
}

#[cfg(feature = "merchant")]
/// Decode `input`, pick the rulebook (the caller's or the embedded one), run `f`, return its
/// result: the shape of every rulebook-based export.
fn with_rulebook<I: serde::de::DeserializeOwned, O: Serialize>(
    input: JsValue,
    rulebook: JsValue,
    f: fn(&Rulebook, &I) -> crate::Result<O>,
) -> Result<JsValue, JsValue> {
    let input: I = from_js(input)?;
    let book = book(rulebook)?;
    to_js(&f(&book, &input).map_err(|e| throw(&e))?)
}

#[cfg(feature = "merchant")]
/// May this subject sell in this category, and what is missing?
#[wasm_bindgen(js_name = checkCategory, unchecked_return_type = "CategoryCheck")]
pub fn check_category(
    #[wasm_bindgen(unchecked_param_type = "Application")] application: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Rulebook | undefined")] rulebook: JsValue,
) -> Result<JsValue, JsValue> {
    with_rulebook(application, rulebook, crate::category::check_category)
}

#[cfg(feature = "merchant")]
/// A merchant's deposit, fees and settlement on one platform (default WeChat).
#[wasm_bindgen(js_name = previewFees, unchecked_return_type = "FeePreview")]
pub fn preview_fees(
    #[wasm_bindgen(unchecked_param_type = "FeeInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Rulebook | undefined")] rulebook: JsValue,
) -> Result<JsValue, JsValue> {
    with_rulebook(input, rulebook, crate::fees::preview_fees)
}

#[cfg(feature = "merchant")]
/// The same preview on every platform, cheapest year first.
#[wasm_bindgen(js_name = compareFees, unchecked_return_type = "FeePreview[]")]
pub fn compare_fees(
    #[wasm_bindgen(unchecked_param_type = "FeeInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Rulebook | undefined")] rulebook: JsValue,
) -> Result<JsValue, JsValue> {
    with_rulebook(input, rulebook, crate::fees::compare_fees)
}

#[cfg(feature = "merchant")]
/// Shop-health findings against the platform's operations thresholds.
#[wasm_bindgen(js_name = shopHealth, unchecked_return_type = "HealthReport")]
pub fn shop_health(
    #[wasm_bindgen(unchecked_param_type = "HealthMetrics")] metrics: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Rulebook | undefined")] rulebook: JsValue,
) -> Result<JsValue, JsValue> {
    with_rulebook(metrics, rulebook, crate::fees::shop_health)
}

#[cfg(feature = "merchant")]
/// At most this many listings in one batch call.
const MAX_LISTINGS: usize = 200_000;

#[cfg(feature = "merchant")]
/// Progress every 1 % (at least every 100 listings) keeps a bar smooth without slowing the loop.
fn progress_step(total: usize) -> usize {
    (total / 100).max(100)
}

#[cfg(feature = "merchant")]
fn progress_fn(f: &JsValue) -> impl FnMut(usize, usize) + '_ {
    move |done, total| {
        if let Some(func) = f.dyn_ref::<js_sys::Function>() {
            let _ = func.call2(
                &JsValue::NULL,
                &JsValue::from(done as f64),
                &JsValue::from(total as f64),
            );
        }
    }
}

#[cfg(feature = "merchant")]
fn listing_options(options: JsValue) -> Result<crate::listing::ListingOptions, JsValue> {
    if options.is_undefined() || options.is_null() {
        Ok(Default::default())
    } else {
        from_js_at(options, "options")
    }
}

#[cfg(feature = "merchant")]
/// What the platform audit would reject in one listing: `{ ok, errors, warnings, findings }`.
#[wasm_bindgen(js_name = validateListing, unchecked_return_type = "ListingReport")]
pub fn validate_listing(
    #[wasm_bindgen(unchecked_param_type = "Listing")] listing: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ListingOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let listing: crate::listing::Listing = from_js(listing)?;
    let mut v =
        crate::listing::Validator::new(crate::default_rulebook(), listing_options(options)?, now())
            .map_err(|e| throw(&e.under("options")))?;
    to_js(&v.validate(&listing))
}

#[cfg(feature = "merchant")]
/// Validate many listings; a malformed one is reported in its own result. `onProgress(done,
/// total)` is called as it goes.
#[wasm_bindgen(js_name = validateListings, unchecked_return_type = "BatchReport")]
pub fn validate_listings(
    #[wasm_bindgen(unchecked_param_type = "Listing[]")] listings: JsValue,
    #[wasm_bindgen(unchecked_param_type = "((done: number, total: number) => void) | undefined")]
    on_progress: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ListingOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let Some(array) = listings.dyn_ref::<js_sys::Array>() else {
        return Err(throw(&Error::input(
            "listings must be an array",
            "listings",
        )));
    };
    if array.length() as usize > MAX_LISTINGS {
        return Err(throw(&Error::input(
            format!("at most {MAX_LISTINGS} listings per call"),
            "listings",
        )));
    }
    let json: String = js_sys::JSON::stringify(array)
        .map_err(|_| {
            throw(&Error::input(
                "not serialisable (a cycle or a BigInt?)",
                "listings",
            ))
        })?
        .into();
    let raw: Vec<&serde_json::value::RawValue> =
        serde_json::from_str(&json).map_err(|e| throw(&Error::input(e.to_string(), "listings")))?;
    let texts: Vec<&str> = raw.iter().map(|r| r.get()).collect();
    let options = listing_options(options)?;
    let report = crate::listing::validate_json_listings(
        crate::default_rulebook(),
        &texts,
        options,
        now(),
        progress_step(texts.len()),
        &mut progress_fn(&on_progress),
    )
    .map_err(|e| throw(&e.under("options")))?;
    to_js(&report)
}

#[cfg(feature = "merchant")]
/// Validate a CSV of listings (Chinese or English headers). Findings name the CSV column.
#[wasm_bindgen(js_name = validateCsv, unchecked_return_type = "BatchReport")]
pub fn validate_csv(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ListingOptions | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "((done: number, total: number) => void) | undefined")]
    on_progress: JsValue,
) -> Result<JsValue, JsValue> {
    let Some(text) = text.as_string() else {
        return Err(throw(&Error::input("the CSV must be text", "text")));
    };
    let options = listing_options(options)?;
    let every = progress_step(text.len() / 80);
    let report = crate::csv::validate_csv(
        crate::default_rulebook(),
        &text,
        options,
        now(),
        every,
        &mut progress_fn(&on_progress),
    )
    .map_err(|e| throw(&e.under("options")))?;
    to_js(&report)
}

#[cfg(feature = "merchant")]
/// Check a 统一社会信用代码 (`uscc`), 居民身份证 (`idCard`) or bank card (`bankCard`).
#[wasm_bindgen(js_name = checkIdentity, unchecked_return_type = "IdentityCheck")]
pub fn check_identity(
    #[wasm_bindgen(unchecked_param_type = "IdentityKind")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
) -> Result<JsValue, JsValue> {
    let kind: crate::identity::IdentityKind = from_js_at(kind, "kind")?;
    match value.as_string() {
        Some(v) => to_js(&crate::identity::check_identity(kind, &v, now())),
        // A JS number cannot hold 18 digits exactly; say so rather than check a rounded value.
        None => to_js(&crate::identity::not_text()),
    }
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

#[cfg(feature = "merchant")]
/// The rulebook's categories as a tree (`{ id, name, nameEn, children }`), for pickers.
#[wasm_bindgen(js_name = categoryTree, unchecked_return_type = "CategoryNode[]")]
pub fn category_tree(
    #[wasm_bindgen(unchecked_param_type = "Rulebook | undefined")] rulebook: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&crate::category::category_tree(book(rulebook)?.as_ref()))
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
