//! The merchant exports: rulebook, categories, fees and shop health, listing and CSV checks,
//! identity numbers. Compiled with the `merchant` feature (default); the shopper's module
//! (`www/pkg-shop`) is built without it. Same conventions as the parent binding module.

use super::{from_js, from_js_at, js_json, js_json_max, now, throw, to_js};
use crate::foundation::error::Error;
use crate::merchant::rulebook::{as_rulebook_error, Rulebook};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The embedded default rulebook.
#[wasm_bindgen(unchecked_return_type = "Rulebook")]
pub fn rulebook() -> Result<JsValue, JsValue> {
    to_js(crate::default_rulebook())
}

/// The embedded rulebook, or the caller's own (validated: INVALID_RULEBOOK at `rulebook.…`).
fn book(arg: JsValue) -> Result<std::borrow::Cow<'static, Rulebook>, JsValue> {
    if arg.is_undefined() || arg.is_null() {
        return Ok(std::borrow::Cow::Borrowed(crate::default_rulebook()));
    }
    let json = js_json(&arg, "rulebook")?;
    let parsed =
        Rulebook::from_json(&json).map_err(|e| throw(&as_rulebook_error(e).under("rulebook")))?;
    Ok(std::borrow::Cow::Owned(parsed))
}

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

/// May this subject sell in this category, and what is missing?
#[wasm_bindgen(js_name = checkCategory, unchecked_return_type = "CategoryCheck")]
pub fn check_category(
    #[wasm_bindgen(unchecked_param_type = "Application")] application: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Rulebook | undefined")] rulebook: JsValue,
) -> Result<JsValue, JsValue> {
    with_rulebook(
        application,
        rulebook,
        crate::merchant::category::check_category,
    )
}

/// A merchant's deposit, fees and settlement on one platform (default WeChat).
#[wasm_bindgen(js_name = previewFees, unchecked_return_type = "FeePreview")]
pub fn preview_fees(
    #[wasm_bindgen(unchecked_param_type = "FeeInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Rulebook | undefined")] rulebook: JsValue,
) -> Result<JsValue, JsValue> {
    with_rulebook(input, rulebook, crate::merchant::fees::preview_fees)
}

/// The same preview on every platform, cheapest year first.
#[wasm_bindgen(js_name = compareFees, unchecked_return_type = "FeePreview[]")]
pub fn compare_fees(
    #[wasm_bindgen(unchecked_param_type = "FeeInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Rulebook | undefined")] rulebook: JsValue,
) -> Result<JsValue, JsValue> {
    with_rulebook(input, rulebook, crate::merchant::fees::compare_fees)
}

/// Shop-health findings against the platform's operations thresholds.
#[wasm_bindgen(js_name = shopHealth, unchecked_return_type = "HealthReport")]
pub fn shop_health(
    #[wasm_bindgen(unchecked_param_type = "HealthMetrics")] metrics: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Rulebook | undefined")] rulebook: JsValue,
) -> Result<JsValue, JsValue> {
    with_rulebook(metrics, rulebook, crate::merchant::fees::shop_health)
}

use crate::foundation::limits::{MAX_BATCH_BYTES, MAX_LISTINGS};

/// Progress every 1 % (at least every 100 listings) keeps a bar smooth without slowing the loop.
fn progress_step(total: usize) -> usize {
    (total / 100).max(100)
}

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

fn listing_options(options: JsValue) -> Result<crate::merchant::listing::ListingOptions, JsValue> {
    if options.is_undefined() || options.is_null() {
        Ok(Default::default())
    } else {
        from_js_at(options, "options")
    }
}

/// What the platform audit would reject in one listing: `{ ok, errors, warnings, findings }`.
#[wasm_bindgen(js_name = validateListing, unchecked_return_type = "ListingReport")]
pub fn validate_listing(
    #[wasm_bindgen(unchecked_param_type = "Listing")] listing: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ListingOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let mut v = crate::merchant::listing::Validator::new(
        crate::default_rulebook(),
        listing_options(options)?,
        now(),
    )
    .map_err(|e| throw(&e.under("options")))?;
    // Findings are data: a listing that cannot be read (a cut emoji, nesting past 128) is an
    // UNREADABLE_LISTING finding, as in a batch. A non-JSON argument or an unknown key throws.
    let json = super::js_json(&listing, "")?;
    match crate::foundation::json::from_json::<crate::merchant::listing::Listing>(&json) {
        Ok(listing) => to_js(&v.validate(&listing)),
        // A typo'd key is the caller's mistake, thrown as everywhere (strict input).
        Err(e) if e.code() == "UNKNOWN_FIELD" => Err(throw(&e)),
        Err(e) => to_js(&crate::merchant::listing::ListingReport::from_findings(
            vec![crate::merchant::listing::batch::unreadable(&e)],
        )),
    }
}

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
    crate::foundation::limits::check(
        array.length() as usize,
        MAX_LISTINGS,
        "listings",
        "listings",
    )
    .map_err(|e| throw(&e))?;
    let json = js_json_max(array, "listings", MAX_BATCH_BYTES)?;
    let texts =
        crate::foundation::json::array_items(&json).map_err(|e| throw(&e.under("listings")))?;
    let options = listing_options(options)?;
    let report = crate::merchant::listing::validate_json_listings(
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

/// Validate a CSV of listings (Chinese or English headers). Findings name the CSV column.
#[wasm_bindgen(js_name = validateCsv, unchecked_return_type = "BatchReport")]
pub fn validate_csv(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ListingOptions | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "((done: number, total: number) => void) | undefined")]
    on_progress: JsValue,
) -> Result<JsValue, JsValue> {
    // Refused before it is copied into module memory (see `js_json_max`).
    if let Some(s) = text.dyn_ref::<js_sys::JsString>() {
        crate::foundation::limits::check(
            s.length() as usize,
            MAX_BATCH_BYTES,
            "bytes of CSV",
            "text",
        )
        .map_err(|e| throw(&e))?;
    }
    let Some(text) = text.as_string() else {
        return Err(throw(&Error::input("the CSV must be text", "text")));
    };
    crate::foundation::limits::check(text.len(), MAX_BATCH_BYTES, "bytes of CSV", "text")
        .map_err(|e| throw(&e))?;
    let options = listing_options(options)?;
    let every = progress_step(text.len() / 80);
    let report = crate::merchant::csv::validate_csv(
        crate::default_rulebook(),
        &text,
        options,
        now(),
        every,
        &mut progress_fn(&on_progress),
    )
    .map_err(|e| match e.kind {
        crate::foundation::error::ErrorKind::InputTooLarge { .. } => throw(&e),
        _ => throw(&e.under("options")),
    })?;
    to_js(&report)
}

/// Check a 统一社会信用代码 (`uscc`), 居民身份证 (`idCard`) or bank card (`bankCard`).
#[wasm_bindgen(js_name = checkIdentity, unchecked_return_type = "IdentityCheck")]
pub fn check_identity(
    #[wasm_bindgen(unchecked_param_type = "IdentityKind")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
) -> Result<JsValue, JsValue> {
    let kind: crate::merchant::identity::IdentityKind = from_js_at(kind, "kind")?;
    match value.as_string() {
        Some(v) => to_js(&crate::merchant::identity::check_identity(kind, &v, now())),
        // A JS number cannot hold 18 digits exactly; say so rather than check a rounded value.
        None => to_js(&crate::merchant::identity::not_text()),
    }
}

/// The rulebook's categories as a tree (`{ id, name, nameEn, children }`), for pickers.
#[wasm_bindgen(js_name = categoryTree, unchecked_return_type = "CategoryNode[]")]
pub fn category_tree(
    #[wasm_bindgen(unchecked_param_type = "Rulebook | undefined")] rulebook: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&crate::merchant::category::category_tree(
        book(rulebook)?.as_ref(),
    ))
}

/// The best leaf categories for a product title: `[{ categoryId, path, pathEn, score }]`, best
/// first (at most 5), from the rulebook's keyword data.
#[wasm_bindgen(js_name = suggestCategory, unchecked_return_type = "CategorySuggestion[]")]
pub fn suggest_category(
    #[wasm_bindgen(unchecked_param_type = "string")] title: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Rulebook | undefined")] rulebook: JsValue,
) -> Result<JsValue, JsValue> {
    let Some(title) = title.as_string() else {
        return Err(throw(&Error::input("the title must be text", "title")));
    };
    let book = book(rulebook)?;
    to_js(&crate::merchant::suggest::suggest_category(
        &book, &title, 5,
    ))
}

/// An image file's format and size from its header: `{ format, width, height, bytes }`, or a
/// `finding` (UNREADABLE_IMAGE) for bytes that are not a known image. Pixels are not decoded.
#[wasm_bindgen(js_name = inspectImage, unchecked_return_type = "ImageHeader")]
pub fn inspect_image(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
) -> Result<JsValue, JsValue> {
    let data: Vec<u8> = if let Some(a) = bytes.dyn_ref::<js_sys::Uint8Array>() {
        a.to_vec()
    } else if let Some(b) = bytes.dyn_ref::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(b).to_vec()
    } else {
        return Err(throw(&Error::input(
            "the image must be a Uint8Array or ArrayBuffer",
            "bytes",
        )));
    };
    to_js(&crate::merchant::image::inspect_image(&data))
}

/// The current time as the engine writes every timestamp (`2026-12-02T21:27:41.512+08:00`), for
/// a page that stamps an export: `Date.toISOString()` would say UTC.
#[wasm_bindgen(js_name = localTime)]
pub fn local_time() -> String {
    now().to_string()
}

/// An amount typed by a person ("20,000", "２００００", "¥199", "1.5万") read leniently:
/// `{ ok, amount }` or `{ ok: false, message, messageEn }`. API money fields stay strict.
#[wasm_bindgen(js_name = parseAmountInput, unchecked_return_type = "AmountInput")]
pub fn parse_amount_input(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let text = text.as_string().unwrap_or_default();
    to_js(&crate::merchant::amount_input::parse_amount_input(&text))
}
