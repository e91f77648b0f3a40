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
// as own properties, so a key "__proto__" stays data as in JSON.parse. Its state is module-level (no
// closure per call), which V8 optimises better: the decoder is most of a small quote's JS time.
//
// And the input side: `JSON.stringify` kept here and written into module memory with
// `TextEncoder.encodeInto`, two crossings in all. wasm-bindgen's own string passing copies a string
// unit by unit in a JS loop (~8 ns a unit: 17 µs for a 20-line cart) and goes through the
// externref table.
#[wasm_bindgen(inline_js = r#"
const keys = [];
const f64 = new Float64Array(1), u32 = new Uint32Array(f64.buffer);
let ops, text, i = 0;
function value() {
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
}
export function xdReadTape(o, t, keysAt) {
  i = keysAt;
  const first = o[i], n = o[i + 1];
  if (keys.length < first) throw new Error("xiaodian: field names out of step");
  keys.length = first;
  for (i += 2; keys.length < first + n; i += 2) keys.push(t.slice(o[i], o[i] + o[i + 1]));
  ops = o; text = t; i = 0;
  try { return value(); } finally { ops = text = undefined; }
}
const encoder = new TextEncoder();
let pending = "", taken = 0;
export function xdJson(v, view) {
  const s = JSON.stringify(v);
  if (typeof s !== "string") return -1;
  pending = s; taken = 0;
  return xdTake(view);
}
// A quote's options and its cart (or order) in one crossing: "options\ncart" (JSON.stringify
// never writes a raw line feed), the options "" when absent. -2: the options are not a JSON
// value, -3: they do not stringify (a cycle, a BigInt).
export function xdJsonWith(v, o, view) {
  let t = "";
  if (o !== undefined && o !== null) {
    try { t = JSON.stringify(o); } catch { return -3; }
    if (typeof t !== "string") return -2;
  }
  const s = v === undefined ? "null" : JSON.stringify(v);
  if (typeof s !== "string") return -1;
  pending = t + "\n" + s; taken = 0;
  return xdTake(view);
}
export function xdTake(view) {
  const r = encoder.encodeInto(taken === 0 ? pending : pending.slice(taken), view);
  taken += r.read;
  const left = pending.length - taken;
  if (left === 0) pending = "";
  return r.written + left * 4294967296;
}
"#)]
extern "C" {
    // `catch`: a failure in JS (the text too long for a JS string, memory) comes back as an
    // Err instead of unwinding through the module, which would leak its shadow stack.
    #[wasm_bindgen(js_name = xdReadTape, catch)]
    fn read_tape(ops: &[u32], text: &str, keys_at: u32) -> Result<JsValue, JsValue>;
    /// `JSON.stringify(v)`, kept in JS and encoded into `view` as far as it goes: as
    /// `json_take`, or -1 when it gives no string (undefined, a Symbol, a function); Err on a
    /// cycle or a BigInt.
    #[wasm_bindgen(js_name = xdJson, catch)]
    fn json_first(v: &JsValue, view: &mut [u8]) -> Result<f64, JsValue>;
    /// `xdJson` of `options` (absent: empty), a line feed, then `v` (absent: `null`); -2 / -3
    /// when the options give no string / do not stringify.
    #[wasm_bindgen(js_name = xdJsonWith, catch)]
    fn json_first_with(v: &JsValue, options: &JsValue, view: &mut [u8]) -> Result<f64, JsValue>;
    /// Encode what is left of that text into `view`: bytes written + units still left × 2³².
    #[wasm_bindgen(js_name = xdTake)]
    fn json_take(view: &mut [u8]) -> f64;
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

/// `quote`'s (or `Storefront.quote`'s) first argument, read at `arg`, and its options (absent:
/// the full quote in both languages), both from one crossing: the options were a second
/// `JSON.stringify` crossing of their own (~9 % of a small quote). The options are read first.
fn with_quote_options<T: serde::de::DeserializeOwned>(
    value: &JsValue,
    options: &JsValue,
    arg: &str,
) -> Result<(T, crate::checkout::detail::QuoteOptions), JsValue> {
    let text = js_json_from(
        |view| json_first_with(value, options, view),
        arg,
        crate::foundation::limits::MAX_JSON_BYTES,
    )
    .map_err(|e| match e {
        Failed::Options(what) => throw(&Error::input(what, "options")),
        Failed::Js(e) => e,
    })?;
    let (opts, json) = text.split_once('\n').unwrap_or(("", &text));
    let opts = if opts.is_empty() {
        Default::default()
    } else {
        crate::foundation::json::from_json(opts).map_err(|e| throw(&e.under("options")))?
    };
    let value = crate::foundation::json::from_json(json).map_err(|e| throw(&e.under(arg)))?;
    Ok((value, opts))
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

// Only the merchant exports read a lone argument rooted at "" now (`quote` reads its options with it).
#[cfg(feature = "merchant")]
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
    js_json_from(|view| json_first(value, view), arg, max).map_err(|e| match e {
        Failed::Js(e) => e,
        Failed::Options(what) => throw(&Error::input(what, arg)),
    })
}

/// Why [`js_json_from`] failed: a coded error for `arg`, or the options' (see `xdJsonWith`).
enum Failed {
    Js(JsValue),
    Options(&'static str),
}

/// The text `first` stringifies, encoded into module memory (`first` writes what fits into
/// the view it is given and answers as `xdTake`), at most `max` bytes.
fn js_json_from(
    first: impl FnOnce(&mut [u8]) -> Result<f64, JsValue>,
    arg: &str,
    max: usize,
) -> Result<String, Failed> {
    let js = |e: Error| Failed::Js(throw(&e));
    // Usually one crossing: stringified and encoded into a buffer kept between calls (no
    // allocation, no zeroing); a text that does not fit continues into a buffer of its size.
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    const KEPT: usize = 16 << 10;
    let first = BUFFER.with(|b| {
        // A `toJSON` calling back into the module finds the buffer in use: it gets its own.
        let mut own = Vec::new();
        let mut kept = b.try_borrow_mut();
        let buf = match kept.as_deref_mut() {
            Ok(buf) => buf,
            Err(_) => &mut own,
        };
        if buf.len() < KEPT {
            buf.resize(KEPT, 0);
        }
        let room = buf.len().min(max);
        first(&mut buf[..room]).map(|r| {
            let (written, left) = split(r);
            (buf[..written.min(room)].to_vec(), left, r.min(0.0))
        })
    });
    let (mut bytes, mut left, code) = first.map_err(|_| {
        js(Error::input(
            "not serialisable (a cycle, a BigInt, or too large?)",
            arg,
        ))
    })?;
    // A Symbol or a function stringifies to undefined, not to a string.
    // -2 / -3: the options' own failures (`xdJsonWith`).
    if code == -1.0 {
        return Err(js(Error::input(
            "not a JSON value (a Symbol or a function?)",
            arg,
        )));
    } else if code == -2.0 {
        return Err(Failed::Options(
            "not a JSON value (a Symbol or a function?)",
        ));
    } else if code < 0.0 {
        return Err(Failed::Options(
            "not serialisable (a cycle, a BigInt, or too large?)",
        ));
    }
    while left > 0 {
        // Refused before the copy into module memory, which never shrinks again: UTF-8 takes
        // at least one byte per UTF-16 unit, so more units than `max` is more bytes too.
        crate::foundation::limits::check(
            bytes.len().saturating_add(left),
            max,
            "bytes of JSON",
            arg,
        )
        .map_err(js)?;
        // What did not fit takes at most three bytes a unit.
        let at = bytes.len();
        let room = left.saturating_mul(3).max(4);
        bytes.resize(at + room, 0);
        let (written, rest) = split(json_take(&mut bytes[at..]));
        bytes.truncate(at + written.min(room));
        if rest >= left && written == 0 {
            // No progress: never the case for a string encodeInto can write.
            return Err(js(Error::input("not a JSON value", arg)));
        }
        left = rest;
    }
    crate::foundation::limits::check(bytes.len(), max, "bytes of JSON", arg).map_err(js)?;
    String::from_utf8(bytes).map_err(|_| js(Error::input("not a JSON value", arg)))
}

/// `xdTake`'s answer: (bytes written, UTF-16 units still to encode).
fn split(r: f64) -> (usize, usize) {
    if r < 0.0 {
        return (0, 0);
    }
    ((r % 4294967296.0) as usize, (r / 4294967296.0) as usize)
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
