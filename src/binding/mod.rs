//! The JS binding: JS values in as JSON text (`JSON.stringify`, then the crate's own reader),
//! the core called, results out as a tape (`crate::foundation::tape`, rebuilt into objects by
//! the JS snippet below), errors thrown as JS `Error`s with code, path, message, messageEn. No
//! business logic here. The shopper's exports are in `shop.rs`, the merchant's in `merchant.rs`
//! (`merchant` feature), the hand-written TypeScript in `typescript.rs`.

use crate::foundation::error::{Error, ErrorReport};
use crate::foundation::time::Timestamp;
use serde::Serialize;
use wasm_bindgen::prelude::*;

mod address;
#[cfg(feature = "merchant")]
mod merchant;
mod shop;
mod typescript;

pub use address::*;
#[cfg(feature = "merchant")]
pub use merchant::*;
pub use shop::*;

// The tape's decoder (see `crate::foundation::tape`): field names kept across calls; a map's own keys set
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
    // `catch`: a failure in JS (the text too long for a JS string, memory) comes back as an
    // Err instead of unwinding through the module, which would leak its shadow stack.
    #[wasm_bindgen(js_name = xdReadTape, catch)]
    fn read_tape(ops: &[u32], text: &str, keys_at: u32) -> Result<JsValue, JsValue>;
}

/// A result to JS through the tape: faster than JSON text, with the same value. The field
/// names it sends count as the JS side's only once JS has decoded it (else the next call
/// resends them).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    send_tape(crate::foundation::tape::write(value))
}

/// Hand a written tape to JS: refused past the result limit, its field names confirmed only
/// once JS has decoded it.
fn send_tape(
    tape: Result<crate::foundation::tape::Tape, crate::foundation::tape::TapeError>,
) -> Result<JsValue, JsValue> {
    let mut t = tape.map_err(|e| throw(&Error::input(e.to_string(), "")))?;
    let limit = crate::foundation::limits::MAX_RESULT_UNITS;
    let too_large = || {
        throw(&crate::foundation::limits::too_large(
            "characters of result",
            limit as u64,
            "",
        ))
    };
    if t.text_units() > limit {
        return Err(too_large());
    }
    let sent = t.send();
    match read_tape(&t.ops, &t.text, t.keys_at) {
        Ok(v) => {
            crate::foundation::tape::confirm(sent);
            Ok(v)
        }
        Err(_) => Err(too_large()),
    }
}

/// `quote`'s options (absent: the full quote in both languages).
fn quote_options(value: JsValue) -> Result<crate::checkout::detail::QuoteOptions, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(Default::default())
    } else {
        from_js_at(value, "options")
    }
}

/// A quote to JS at the detail and in the language asked for.
fn quote_to_js(
    q: crate::checkout::quote::Quote,
    options: crate::checkout::detail::QuoteOptions,
) -> Result<JsValue, JsValue> {
    use crate::checkout::detail::{Detail, LeanQuote};
    let skip = options.locale.skipped_keys(options.detail);
    send_tape(if options.detail == Detail::Full {
        crate::foundation::tape::write_without(&q, skip)
    } else {
        crate::foundation::tape::write_without(&LeanQuote::of(q, options.detail), skip)
    })
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    from_js_at(value, "")
}

/// Decode one argument of several; `arg` roots its error paths (`catalog.products[0]…`).
fn from_js_at<T: serde::de::DeserializeOwned>(value: JsValue, arg: &str) -> Result<T, JsValue> {
    crate::foundation::json::from_json(&js_json(&value, arg)?).map_err(|e| throw(&e.under(arg)))
}

fn js_json(value: &JsValue, arg: &str) -> Result<String, JsValue> {
    js_json_max(value, arg, crate::foundation::limits::MAX_JSON_BYTES)
}

/// `JSON.stringify(value)` as Rust text, at most `max` bytes. Every failure is a coded error:
/// no path here may unwrap (a throw from inside the module leaks its shadow stack).
fn js_json_max(value: &JsValue, arg: &str, max: usize) -> Result<String, JsValue> {
    if value.is_undefined() {
        return Ok("null".into());
    }
    let text = js_sys::JSON::stringify(value).map_err(|_| {
        throw(&Error::input(
            "not serialisable (a cycle, a BigInt, or too large?)",
            arg,
        ))
    })?;
    let text = JsValue::from(text);
    // Refused before the copy into module memory, which never shrinks again: UTF-8 takes at
    // least one byte per UTF-16 unit, so more units than `max` is more bytes too.
    if let Some(s) = text.dyn_ref::<js_sys::JsString>() {
        crate::foundation::limits::check(s.length() as usize, max, "bytes of JSON", arg)
            .map_err(|e| throw(&e))?;
    }
    // A Symbol or a function stringifies to undefined, not to a string.
    let Some(text) = text.as_string() else {
        return Err(throw(&Error::input(
            "not a JSON value (a Symbol or a function?)",
            arg,
        )));
    };
    crate::foundation::limits::check(text.len(), max, "bytes of JSON", arg)
        .map_err(|e| throw(&e))?;
    Ok(text)
}

/// A text argument, or INVALID_INPUT at `arg` (wasm-bindgen's own `String` conversion throws
/// an uncoded error from inside the module).
fn js_text(value: &JsValue, arg: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| throw(&Error::input("expected a string", arg)))
}

/// A JS Error carrying the structured fields (returned as an `Err`, never thrown from here).
fn throw(e: &Error) -> JsValue {
    let report = ErrorReport::from(e);
    let err = js_sys::Error::new(&report.message);
    let obj: &JsValue = err.as_ref();
    // `text` / `textEn`: the message without the field path, for a form that shows it next to
    // the field (people should not read `monthlyGmv`).
    let (text, text_en) = (e.body_zh(), e.body_en());
    for (k, v) in [
        ("code", report.code),
        ("path", report.path.as_str()),
        ("messageEn", report.message_en.as_str()),
        ("text", text.as_str()),
        ("textEn", text_en.as_str()),
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
