//! The tape (how results cross the WASM boundary) decodes to exactly what serde_json gives, for
//! the engine's real outputs and for every serde shape. `tape::read` is the JS decoder's logic.

use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use xiaodian::tape;

#[path = "support/carts.rs"]
mod carts;

fn round_trip<T: Serialize>(value: &T, keys: &mut Vec<String>) -> Value {
    let mut t = tape::write(value).unwrap();
    let sent = t.send();
    let v = tape::read(&t, keys);
    tape::confirm(sent);
    v
}

#[test]
fn engine_outputs_decode_to_their_json() {
    let mut keys = Vec::new();
    let corpus: Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/tests/fixtures/corpus.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let now = xiaodian::Timestamp::parse(carts::NOW).unwrap();
    for entry in corpus["quotes"].as_array().unwrap() {
        let q = xiaodian::quote_json(&entry["cart"].to_string(), now).unwrap();
        assert_eq!(round_trip(&q, &mut keys), serde_json::to_value(&q).unwrap());
    }
    let book = xiaodian::default_rulebook();
    assert_eq!(
        round_trip(book, &mut keys),
        serde_json::to_value(book).unwrap()
    );
    let catalog = xiaodian::catalog::Catalog::demo();
    assert_eq!(
        round_trip(&catalog, &mut keys),
        serde_json::to_value(&catalog).unwrap()
    );
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
enum Shape {
    Unit,
    Newtype(u8),
    Tuple(i32, String),
    Struct { a: Option<bool>, b: char },
}

#[derive(Serialize)]
struct Wrapper(f64);

#[derive(Serialize)]
struct Every {
    shapes: Vec<Shape>,
    ints: (i8, i16, i32, i64, u8, u16, u32, u64),
    negative: i64,
    floats: (f32, f64, Wrapper, f64),
    text: &'static str,
    bytes: serde_bytes_like::Bytes,
    by_number: BTreeMap<u32, &'static str>,
    by_text: BTreeMap<String, Vec<()>>,
    nothing: Option<u8>,
}

/// Bytes as serde sees them (`serialize_bytes`), without a dependency for it.
mod serde_bytes_like {
    pub struct Bytes(pub &'static [u8]);
    impl serde::Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }
}

#[test]
fn every_serde_shape_decodes_as_serde_json_writes_it() {
    let every = Every {
        shapes: vec![
            Shape::Unit,
            Shape::Newtype(7),
            Shape::Tuple(-3, "x".into()),
            Shape::Struct { a: None, b: '😀' },
        ],
        ints: (-8, -16, i32::MIN, i64::MIN, 255, 65_535, u32::MAX, 1 << 60),
        negative: -1,
        floats: (0.1, 2.5, Wrapper(-0.0), f64::NAN),
        text: "原价 ¥1 😀 \"quoted\"\n",
        bytes: serde_bytes_like::Bytes(&[0, 200]),
        by_number: BTreeMap::from([(3, "three"), (10, "ten")]),
        by_text: BTreeMap::from([("稻".to_string(), vec![(), ()])]),
        nothing: None,
    };
    let mut keys = Vec::new();
    let got = round_trip(&every, &mut keys);
    // What JS gets from JSON text (an f32 is read back from its shortest decimal). Integers
    // beyond i32 travel as f64, as JS holds them: compare those as numbers.
    let want: Value = serde_json::from_str(&serde_json::to_string(&every).unwrap()).unwrap();
    let as_f64 = |v: &Value| -> Vec<f64> {
        v["ints"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_f64().unwrap())
            .collect()
    };
    assert_eq!(as_f64(&got), as_f64(&want));
    let strip = |mut v: Value| {
        v.as_object_mut().unwrap().remove("ints");
        v
    };
    assert_eq!(strip(got), strip(want));
    assert_eq!(
        round_trip(&every, &mut keys)["floats"],
        json!([0.1, 2.5, -0.0, null])
    );
}

#[test]
fn field_names_are_sent_once_and_a_lost_table_is_resent() {
    #[derive(Serialize)]
    struct OnlyHere {
        tape_test_field: u8,
    }
    // A tape kept here (as the fingerprint's) sends nothing and loses nothing.
    let local = tape::write(&OnlyHere { tape_test_field: 0 }).unwrap();
    assert_eq!(local.keys_at as usize, local.ops.len());
    let mut first = tape::write(&OnlyHere { tape_test_field: 1 }).unwrap();
    let sent = first.send();
    tape::confirm(sent);
    let mut second = tape::write(&OnlyHere { tape_test_field: 2 }).unwrap();
    second.send();
    let trailer = |t: &tape::Tape| t.ops[t.keys_at as usize + 1];
    assert!(trailer(&first) >= 1, "a new name is in the trailer");
    assert_eq!(trailer(&second), 0, "and only once");
    // A decoder that has every name decodes the second tape by number alone.
    let mut keys = Vec::new();
    tape::read(&first, &mut keys);
    assert_eq!(
        tape::read(&second, &mut keys),
        json!({ "tape_test_field": 2 })
    );
}

#[test]
fn strings_index_by_utf16_units() {
    let v = json!(["😀", "a", "原价", "b"]);
    let mut keys = Vec::new();
    assert_eq!(round_trip(&v, &mut keys), v);
}

fn canonical<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    tape::canonical(&tape::write(value).unwrap(), &mut out);
    out
}

#[test]
fn canonical_bytes_do_not_depend_on_what_was_serialised_before() {
    #[derive(Serialize)]
    struct Before {
        zeta: u8,
        sku_id: u8,
    }
    let cart: xiaodian::Cart = serde_json::from_value(carts::big_wallet(3, 5)).unwrap();
    // Field numbers are given in first-use order per thread: a fresh thread numbers differently
    // after `Before`, as a browser that rendered something first would.
    let plain = std::thread::spawn({
        let cart = cart.clone();
        move || canonical(&cart)
    });
    let after = std::thread::spawn(move || {
        canonical(&Before { zeta: 1, sku_id: 2 });
        canonical(&cart)
    });
    assert_eq!(plain.join().unwrap(), after.join().unwrap());
}

#[test]
fn canonical_bytes_tell_values_apart() {
    #[derive(Serialize)]
    struct A {
        x: u8,
    }
    #[derive(Serialize)]
    struct B {
        y: u8,
    }
    assert_ne!(
        canonical(&A { x: 1 }),
        canonical(&B { y: 1 }),
        "names count"
    );
    assert_ne!(canonical(&A { x: 1 }), canonical(&A { x: 2 }));
    assert_ne!(
        canonical(&["ab", "c"]),
        canonical(&["a", "bc"]),
        "string bounds count"
    );
    assert_ne!(canonical(&json!({"a": "b"})), canonical(&json!({"b": "a"})));
    assert_eq!(
        canonical(&json!({"k": [1, "两"]})),
        canonical(&json!({"k": [1, "两"]}))
    );
}

#[test]
fn names_of_a_tape_js_never_decoded_are_sent_again() {
    #[derive(Serialize)]
    struct Lost {
        tape_lost_field: u8,
    }
    // JS fails on the first tape (say, a text too long for a JS string): no confirm.
    let mut lost = tape::write(&Lost { tape_lost_field: 1 }).unwrap();
    let _ = lost.send();
    let mut again = tape::write(&Lost { tape_lost_field: 2 }).unwrap();
    let sent = again.send();
    let trailer = |t: &tape::Tape| t.ops[t.keys_at as usize + 1];
    assert!(trailer(&again) >= 1, "the lost name is resent");
    // A decoder that never saw the first tape still reads the second.
    let mut keys = Vec::new();
    assert_eq!(
        tape::read(&again, &mut keys),
        json!({ "tape_lost_field": 2 })
    );
    tape::confirm(sent);
}
