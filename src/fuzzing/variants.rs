//! Hostile variants of an input a fuzz target saw accepted (issue 21's limits): each scalar in
//! turn made an explicit `null` (what `JSON.stringify` writes for NaN and Infinity), a key given
//! twice, nesting past the depth limit, offer lists at and one past the cap, text one byte past
//! 8 MiB. Which position a variant hits is picked from a hash of the input, so libFuzzer's
//! mutations walk every position and a crash replays exactly.

use crate::foundation::limits::{MAX_JSON_BYTES, MAX_OFFERS};
use serde_json::{Map, Value};

/// Why a variant was refused: an error's or an error finding's code and English message.
#[derive(Debug)]
pub struct Refusal {
    pub code: String,
    pub message: String,
}

impl From<crate::foundation::error::Error> for Refusal {
    fn from(e: crate::foundation::error::Error) -> Self {
        Refusal {
            code: e.code().to_string(),
            message: e.message_en(),
        }
    }
}

/// FNV-1a of the input: the same input picks the same variant positions.
pub fn seed(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Scalars (numbers, strings, booleans) outside `meta`, which is any JSON carried as text.
fn count_scalars(v: &Value) -> usize {
    match v {
        Value::Object(m) => m
            .iter()
            .filter(|(k, _)| *k != "meta")
            .map(|(_, x)| count_scalars(x))
            .sum(),
        Value::Array(a) => a.iter().map(count_scalars).sum(),
        Value::Null => 0,
        _ => 1,
    }
}

/// Replace the `n`-th scalar (counted as [`count_scalars`] does) with null; its path is returned.
fn null_nth(v: &mut Value, n: &mut usize, path: &str) -> Option<String> {
    match v {
        Value::Object(m) => m
            .iter_mut()
            .filter(|(k, _)| *k != "meta")
            .find_map(|(k, x)| null_nth(x, n, &format!("{path}.{k}"))),
        Value::Array(a) => a
            .iter_mut()
            .enumerate()
            .find_map(|(i, x)| null_nth(x, n, &format!("{path}[{i}]"))),
        Value::Null => None,
        _ if *n == 0 => {
            *v = Value::Null;
            Some(path.to_string())
        }
        _ => {
            *n -= 1;
            None
        }
    }
}

/// Replace the `n`-th null (in [`null_nth`]'s order, skipping nulls given as such) with "".
fn empty_nth(v: &mut Value, n: &mut usize) -> bool {
    match v {
        Value::Object(m) => m
            .iter_mut()
            .filter(|(k, _)| *k != "meta")
            .any(|(_, x)| empty_nth(x, n)),
        Value::Array(a) => a.iter_mut().any(|x| empty_nth(x, n)),
        Value::Null => {
            *v = Value::from("");
            true
        }
        _ if *n == 0 => false,
        _ => {
            *n -= 1;
            false
        }
    }
}

fn count_objects(v: &Value) -> usize {
    match v {
        Value::Object(m) => {
            usize::from(!m.is_empty())
                + m.iter()
                    .filter(|(k, _)| *k != "meta")
                    .map(|(_, x)| count_objects(x))
                    .sum::<usize>()
        }
        Value::Array(a) => a.iter().map(count_objects).sum(),
        _ => 0,
    }
}

/// JSON text of `v` with the first entry of its `n`-th non-empty object written twice (the same
/// value, so only the repetition can be refused; issue 21 item 8 forged a `"payable"` that way).
fn write_duplicate(v: &Value, n: &mut usize, out: &mut String) {
    match v {
        Value::Object(m) => {
            let hit = if m.is_empty() {
                false
            } else if *n == 0 {
                *n = usize::MAX;
                true
            } else {
                *n = n.wrapping_sub(1);
                false
            };
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::from(k.as_str()).to_string());
                out.push(':');
                if hit && i == 0 {
                    out.push_str(&x.to_string());
                    out.push(',');
                    out.push_str(&Value::from(k.as_str()).to_string());
                    out.push(':');
                }
                if k == "meta" {
                    out.push_str(&x.to_string());
                } else {
                    write_duplicate(x, n, out);
                }
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_duplicate(x, n, out);
            }
            out.push(']');
        }
        _ => out.push_str(&v.to_string()),
    }
}

/// The variants of a document `decode` accepted: `decode` must refuse every one of them (a
/// panic names the variant otherwise). `offers` names the top-level offer lists, padded to the
/// cap (must still decode without a panic; `at_cap` checks the result) and one past it
/// (INPUT_TOO_LARGE). Costly variants run for a few inputs only.
pub fn refused<T>(
    text: &str,
    seed: u64,
    offers: &[&str],
    null_is_empty: bool,
    decode: &dyn Fn(&str) -> Result<T, Refusal>,
    at_cap: &dyn Fn(&str, T),
) {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return;
    };
    // An explicit null anywhere a value was is refused, never read as "absent".
    let scalars = count_scalars(&value);
    if scalars > 0 {
        let mut nulled = value.clone();
        let mut n = (seed % scalars as u64) as usize;
        let path = null_nth(&mut nulled, &mut n, "").expect("the n-th scalar exists");
        let outcome = decode(&nulled.to_string());
        if null_is_empty {
            // A listing's values are spreadsheet cells: null is refused or read as an empty cell,
            // never as more than one.
            let mut n = (seed % scalars as u64) as usize;
            let mut emptied = value.clone();
            null_nth(&mut emptied, &mut n, "");
            let mut n = (seed % scalars as u64) as usize;
            empty_nth(&mut emptied, &mut n);
            let as_empty = decode(&emptied.to_string());
            assert!(
                outcome.is_err() || as_empty.is_ok(),
                "null at {path} passes where an empty cell fails: {nulled}"
            );
        } else {
            assert!(outcome.is_err(), "null at {path} accepted: {nulled}");
        }
    }
    // The same key twice is refused, wherever it is (the reader never keeps the last one).
    let objects = count_objects(&value);
    if objects > 0 {
        let mut out = String::new();
        let mut n = ((seed >> 8) % objects as u64) as usize;
        write_duplicate(&value, &mut n, &mut out);
        match decode(&out) {
            Ok(_) => panic!("duplicate key accepted: {out}"),
            Err(e) => assert!(e.message.contains("duplicate key"), "{out}: {}", e.message),
        }
    }
    // Nesting past the depth limit (in `meta`, which is never decoded, and as a field's value)
    // is refused without running out of stack.
    if let Value::Object(m) = &value {
        let depth = 129 + (seed >> 16) as usize % 20_000;
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        for key in ["meta", m.keys().next().map_or("lines", String::as_str)] {
            let mut fields: Vec<String> = m
                .iter()
                .filter(|(k, _)| *k != key)
                .map(|(k, x)| format!("{}:{x}", Value::from(k.as_str())))
                .collect();
            fields.push(format!("{}:{deep}", Value::from(key)));
            let nested = format!("{{{}}}", fields.join(","));
            assert!(decode(&nested).is_err(), "nested {depth} deep in {key}");
        }
        // Offer lists at the cap and one past it.
        for &list in offers {
            let Some(Value::Array(items)) = m.get(list) else {
                continue;
            };
            if items.is_empty() || !(seed >> 32).is_multiple_of(8) {
                continue;
            }
            for len in [MAX_OFFERS + 1, MAX_OFFERS] {
                let padded: Vec<Value> = (0..len)
                    .map(|i| {
                        let mut o = items[i % items.len()].clone();
                        if let Value::Object(o) = &mut o {
                            o.insert("id".into(), format!("pad{i}").into());
                        }
                        o
                    })
                    .collect();
                let mut doc: Map<String, Value> = m.clone();
                doc.insert(list.into(), Value::Array(padded));
                let doc = Value::Object(doc).to_string();
                match decode(&doc) {
                    Err(e) if len > MAX_OFFERS => {
                        assert_eq!(e.code, "INPUT_TOO_LARGE", "{}", e.message)
                    }
                    Ok(_) if len > MAX_OFFERS => panic!("{len} {list} accepted"),
                    Ok(t) => at_cap(&doc, t),
                    Err(_) => {}
                }
            }
        }
    }
    // One byte past 8 MiB is refused before it is read; exactly 8 MiB is read as before.
    if (seed >> 40).is_multiple_of(128) && text.len() < MAX_JSON_BYTES {
        let mut big = String::with_capacity(MAX_JSON_BYTES + 1);
        big.push_str(text);
        big.extend(std::iter::repeat_n(' ', MAX_JSON_BYTES + 1 - text.len()));
        match decode(&big) {
            // A listing is a finding of the batch ("findings are data"), with the same reason.
            Err(e) if e.code == "UNREADABLE_LISTING" => {
                assert!(e.message.contains("too large"), "{}", e.message)
            }
            Err(e) => assert_eq!(e.code, "INPUT_TOO_LARGE", "{}", e.message),
            Ok(_) => panic!("{} bytes accepted", big.len()),
        }
        big.pop();
        assert!(decode(&big).is_ok(), "8 MiB with spaces refused");
    }
}
