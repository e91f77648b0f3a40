//! The address exports, in both modules: the regions table is handed in once as the text of
//! `data/regions.txt` (`loadRegions`), not embedded, so it stays out of the module's code size.
//! Same conventions as the parent binding module.

use super::{from_js_at, throw, to_js};
use crate::checkout::address::{Address, Regions};
use crate::foundation::error::{Error, ErrorKind};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The table lives in checkout::address, where quotes resolve a cart's address with it too.
fn with_table<T>(f: impl FnOnce(&Regions) -> Result<T, JsValue>) -> Result<T, JsValue> {
    crate::checkout::address::with_table(|t| match t {
        Some(r) => f(r),
        None => Err(throw(&Error::new(ErrorKind::RegionsNotLoaded, ""))),
    })
}

/// A string argument as is (no JSON round trip for 64 KB of regions text).
fn string(value: &JsValue, path: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| throw(&Error::input("invalid type: expected a string", path)))
}

#[derive(Serialize)]
struct Loaded<'a> {
    source: &'a str,
    count: usize,
}

/// Read the regions table (the text of `data/regions.txt`) and keep it; a later call replaces
/// it. Returns `{ source, count }`; a broken text is INVALID_INPUT at `regions`.
#[wasm_bindgen(js_name = loadRegions, unchecked_return_type = "{ source: string, count: number }")]
pub fn load_regions(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let text = string(&text, "regions")?;
    let table = Regions::parse(&text).map_err(|e| throw(&e))?;
    let out = to_js(&Loaded {
        source: table.source(),
        count: table.len(),
    })?;
    crate::checkout::address::install(table);
    Ok(out)
}

/// For pickers: the provinces, or the children of `parentCode` (UNKNOWN_REGION if unknown).
#[wasm_bindgen(unchecked_return_type = "Region[]")]
pub fn regions(
    #[wasm_bindgen(js_name = parentCode, unchecked_param_type = "string | undefined")]
    parent_code: JsValue,
) -> Result<JsValue, JsValue> {
    let parent = if parent_code.is_undefined() || parent_code.is_null() {
        None
    } else {
        Some(string(&parent_code, "parentCode")?)
    };
    with_table(|r| to_js(&r.children(parent.as_deref()).map_err(|e| throw(&e))?))
}

/// 地址智能识别 of pasted text: name, phone, province / city / district, detail, findings.
#[wasm_bindgen(js_name = parseAddress, unchecked_return_type = "ParsedAddress")]
pub fn parse_address(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let text = string(&text, "text")?;
    with_table(|r| to_js(&crate::checkout::address::parse_address_with(r, &text)))
}

/// A cart's address (`{ regionCode, … }` or wx.chooseAddress's object) resolved to a region.
#[wasm_bindgen(js_name = resolveAddress, unchecked_return_type = "ResolvedAddress")]
pub fn resolve_address(
    #[wasm_bindgen(unchecked_param_type = "Address")] address: JsValue,
) -> Result<JsValue, JsValue> {
    let address: Address = from_js_at(address, "address")?;
    with_table(|r| to_js(&address.resolve(r).map_err(|e| throw(&e.under("address")))?))
}

/// What the table says about a region code, known or not: `{ known, province?, city?,
/// district?, removed? }`. A saved address's abolished code keeps the levels above it that are
/// still in the table (GB/T 2260 digits), so a page asks only for the rest.
#[wasm_bindgen(js_name = lookupRegion, unchecked_return_type = "RegionLookup")]
pub fn lookup_region(
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
) -> Result<JsValue, JsValue> {
    let code = string(&code, "code")?;
    with_table(|r| to_js(&r.lookup(&code)))
}
