//! The JSON reader keeps the path itself; this checks it is the path serde_path_to_error (over
//! serde_json) reports, on thousands of broken carts, orders, catalogs, listings, rulebooks and
//! fee / category inputs (one value replaced or one field removed). It decodes types of every
//! layer, so it lives here rather than beside the error type.

use serde_json::Value;
use xiaodian::error::{from_serde_message, Error, Result};
use xiaodian::json::from_json;

fn old<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    xiaodian::error::clear_parked();
    let mut de = serde_json::Deserializer::from_str(json);
    let v = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        // serde_json adds its position to the message; the reader's have none.
        let message = e.inner().to_string();
        let message = match message.rfind(" at line ") {
            Some(pos) => &message[..pos],
            None => &message,
        };
        from_serde_message(path, message)
    })?;
    de.end()
        .map_err(|e| Error::input(format!("trailing characters: {e}"), ""))?;
    Ok(v)
}

fn nodes(v: &Value, out: &mut usize) {
    *out += 1;
    match v {
        Value::Array(a) => a.iter().for_each(|x| nodes(x, out)),
        Value::Object(o) => o.values().for_each(|x| nodes(x, out)),
        _ => {}
    }
}
/// Replace (or delete) the `target`th node; `struct_as_array` says an object became an array.
fn mutate(
    v: &mut Value,
    target: &mut usize,
    with: &Value,
    delete: bool,
    struct_as_array: &mut bool,
) -> bool {
    if *target == 0 {
        *struct_as_array = v.is_object() && with.is_array();
        *v = with.clone();
        return true;
    }
    *target -= 1;
    match v {
        Value::Array(a) => a
            .iter_mut()
            .any(|x| mutate(x, target, with, delete, struct_as_array)),
        Value::Object(o) => {
            let keys: Vec<String> = o.keys().cloned().collect();
            for k in keys {
                if *target == 0 && delete {
                    o.remove(&k);
                    return true;
                }
                if mutate(
                    o.get_mut(&k).unwrap(),
                    target,
                    with,
                    delete,
                    struct_as_array,
                ) {
                    return true;
                }
            }
            false
        }
        _ => false,
    }
}

fn check<T: serde::de::DeserializeOwned>(
    seed: &str,
    rounds: usize,
    mism: &mut Vec<String>,
) -> usize {
    let base: Value = serde_json::from_str(seed).unwrap();
    let mut n = 0;
    nodes(&base, &mut n);
    let picks: Vec<Value> = [
        "null",
        "-1",
        "\"\"",
        "[]",
        "{}",
        "\"abc\"",
        "99999999999",
        "0.001",
        "true",
        "1.5",
        "\"2026-13-01\"",
        "[1]",
        "{\"a\":1}",
        "\"x\\u0000\"",
    ]
    .iter()
    .map(|s| serde_json::from_str(s).unwrap())
    .collect();
    let mut state: u64 = 0x1234_5678_9abc_def1;
    let mut next = |m: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % m.max(1) as u64) as usize
    };
    let mut errs = 0;
    for r in 0..rounds {
        let mut v = base.clone();
        let mut t = next(n);
        let w = picks[next(picks.len())].clone();
        let mut struct_as_array = false;
        mutate(&mut v, &mut t, &w, next(3) == 0, &mut struct_as_array);
        let text = if r % 4 == 0 {
            serde_json::to_string_pretty(&v).unwrap()
        } else {
            v.to_string()
        };
        let b = from_json::<T>(&text).err().map(|e| (e.code(), e.path));
        // serde_json also reads a struct from an array of its fields in order; JSON.stringify
        // never writes one, and the reader refuses it at the array's own path.
        if struct_as_array {
            assert!(b.is_some(), "a struct read from an array: {text}");
            errs += 1;
            continue;
        }
        let a = old::<T>(&text).err().map(|e| (e.code(), e.path));
        // An explicit null for an optional field is refused on purpose (JSON.stringify writes
        // NaN and Infinity as null); serde_json reads it as absent.
        if w.is_null() && b.is_some() && a != b {
            errs += 1;
            continue;
        }
        if a.is_some() {
            errs += 1;
        }
        if a != b && mism.len() < 60 {
            mism.push(format!(
                "{a:?} vs {b:?}: {}",
                if text.len() < 300 {
                    text.clone()
                } else {
                    format!("{}…", &text[..300])
                }
            ));
        }
    }
    errs
}

#[test]
fn same_paths_as_serde_path_to_error() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut mism = Vec::new();
    let mut errs = 0;
    for e in std::fs::read_dir(root.join("fuzz/corpus/quote")).unwrap() {
        let s = std::fs::read_to_string(e.unwrap().path()).unwrap();
        errs += check::<xiaodian::Cart>(&s, 200, &mut mism);
    }
    for e in std::fs::read_dir(root.join("fuzz/corpus/listing")).unwrap() {
        let s = std::fs::read_to_string(e.unwrap().path()).unwrap();
        errs += check::<xiaodian::listing::Listing>(&s, 300, &mut mism);
    }
    errs += check::<xiaodian::Rulebook>(include_str!("../data/rulebook.json"), 2000, &mut mism);
    errs += check::<xiaodian::catalog::Catalog>(
        include_str!("../data/demo-catalog.json"),
        2000,
        &mut mism,
    );
    errs += check::<xiaodian::fees::FeeInput>(
        r#"{"platform":"wechat","subject":"enterprise","categoryId":"food.snacks.nuts","monthlyGmv":"120000","orderCount":300,"tools":["a"],"monthlyWithdrawal":"5000"}"#,
        1000,
        &mut mism,
    );
    errs += check::<xiaodian::category::Application>(
        r#"{"platform":"wechat","subject":"individual","categoryId":"food.snacks.nuts","qualifications":["idCard"],"productCount":12,"shopsOwned":1}"#,
        1000,
        &mut mism,
    );
    errs += check::<xiaodian::catalog::Order>(
        r#"{"picks":[{"productId":"p1","skuId":"s1","quantity":2}],"buyer":{"memberLevel":2,"newCustomer":true},"now":"2026-11-11T20:00:00+08:00","coupons":[{"id":"c1","kind":"threshold","threshold":"100","amount":"10","validTo":"2026-11-30"}],"couponSelection":["c1"],"points":{"balance":500,"use":200},"shippingInsurance":{"payer":"buyer","fee":"1.5"}}"#,
        1000,
        &mut mism,
    );
    for m in &mism {
        eprintln!("{m}");
    }
    assert!(mism.is_empty(), "{} mismatches", mism.len());
    assert!(errs > 5_000, "only {errs} inputs were refused");
}
