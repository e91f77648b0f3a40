//! Reading a tape back: its canonical bytes (for the fingerprint) and, natively, the JSON value
//! the JS decoder would build.

use super::*;

/// The value's canonical bytes, for hashing (the quote fingerprint hashes a cart's this way):
/// the ops with each field number replaced by its name, then the text. Field numbers depend on
/// what this instance serialised before; names do not, so a server gets the bytes a browser got.
/// Cheaper than writing JSON text (no escaping, no number formatting), and the module needs no
/// second serialiser for carts.
pub fn canonical(tape: &Tape, out: &mut Vec<u8>) {
    fn word(ops: &[u32], i: &mut usize, out: &mut Vec<u8>) -> u32 {
        let w = ops.get(*i).copied().unwrap_or(NULL);
        *i += 1;
        out.extend_from_slice(&w.to_le_bytes());
        w
    }
    fn key(ops: &[u32], i: &mut usize, names: &[&str], out: &mut Vec<u8>) {
        let k = ops[*i];
        if k >= DYN_KEY {
            (0..3).for_each(|_| _ = word(ops, i, out));
        } else {
            // A name is a Rust identifier: it holds no NUL.
            *i += 1;
            out.extend_from_slice(names.get(k as usize).unwrap_or(&"").as_bytes());
            out.push(0);
        }
    }
    fn walk(ops: &[u32], i: &mut usize, names: &[&str], out: &mut Vec<u8>) {
        let op = word(ops, i, out);
        let words = match op {
            INT => 1,
            I64 | F64 | STR => 2,
            ARR | OBJ => {
                for _ in 0..word(ops, i, out) {
                    // Only a malformed tape runs out before its count.
                    if *i >= ops.len() {
                        break;
                    }
                    if op == OBJ {
                        key(ops, i, names, out);
                    }
                    walk(ops, i, names, out);
                }
                0
            }
            _ => 0,
        };
        (0..words).for_each(|_| _ = word(ops, i, out));
    }
    KEYS.with(|k| walk(&tape.ops, &mut 0, &k.borrow().names, out));
    out.extend_from_slice(tape.text.as_bytes());
}

/// The JS decoder's logic in Rust, for native tests: a tape back to a JSON value. `keys` is the
/// JS side's field-name list, kept across calls as the decoder keeps it.
#[cfg(not(target_arch = "wasm32"))]
pub fn read(tape: &Tape, keys: &mut Vec<String>) -> serde_json::Value {
    use serde_json::{Map, Value};
    let ops = &tape.ops;
    let units: Vec<u16> = tape.text.encode_utf16().collect();
    let text = |at: u32, len: u32| String::from_utf16_lossy(&units[at as usize..][..len as usize]);
    let mut i = tape.keys_at as usize;
    let (first, n) = (ops[i] as usize, ops[i + 1] as usize);
    assert!(keys.len() >= first, "key table out of step");
    keys.truncate(first);
    i += 2;
    for _ in 0..n {
        keys.push(text(ops[i], ops[i + 1]));
        i += 2;
    }
    fn value(
        ops: &[u32],
        i: &mut usize,
        keys: &[String],
        text: &dyn Fn(u32, u32) -> String,
    ) -> Value {
        fn word(ops: &[u32], i: &mut usize) -> u32 {
            *i += 1;
            ops[*i - 1]
        }
        let op = word(ops, i);
        let mut next = || word(ops, i);
        match op {
            NULL => Value::Null,
            TRUE => Value::Bool(true),
            FALSE => Value::Bool(false),
            INT => Value::from(next() as i32),
            I64 => {
                let lo = u64::from(next());
                let hi = u64::from(next());
                Value::from((hi << 32 | lo) as i64)
            }
            F64 => {
                let lo = u64::from(next());
                let hi = u64::from(next());
                serde_json::Number::from_f64(f64::from_bits(hi << 32 | lo))
                    .map_or(Value::Null, Value::Number)
            }
            STR => {
                let (at, len) = (next(), next());
                Value::String(text(at, len))
            }
            ARR => {
                let n = word(ops, i);
                (0..n).map(|_| value(ops, i, keys, text)).collect()
            }
            OBJ => {
                let n = word(ops, i);
                let mut m = Map::new();
                for _ in 0..n {
                    let k = word(ops, i);
                    let k = if k >= DYN_KEY {
                        let (at, len) = (word(ops, i), word(ops, i));
                        text(at, len)
                    } else {
                        keys[k as usize].clone()
                    };
                    let v = value(ops, i, keys, text);
                    m.insert(k, v);
                }
                Value::Object(m)
            }
            _ => panic!("bad op {op}"),
        }
    }
    let mut i = 0;
    value(ops, &mut i, keys, &text)
}
