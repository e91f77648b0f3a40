//! The reader against serde_json and the edge cases of JSON text.

use super::*;
use serde::Deserialize;

#[test]
fn numbers_are_the_nearest_f64_in_the_fast_path() {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..200_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let digits = state % 1_000_000_000_000_000; // up to 15 digits
        let point = (state >> 50) % 16;
        let exp = ((state >> 40) % 45) as i32 - 22;
        let mut text = digits.to_string();
        let mut shift = 0;
        if (point as usize) < text.len() {
            shift = point as i32;
            text.insert(text.len() - point as usize, '.');
            if text.starts_with('.') {
                text.insert(0, '0');
            }
        }
        if state & 1 == 1 {
            text = format!("{text}e{exp}");
            shift -= exp;
        }
        let want: f64 = text.parse().unwrap();
        let got = decimal_to_f64(text.as_bytes());
        if shift.abs() <= 22 {
            assert_eq!(got.to_bits(), want.to_bits(), "{text}");
        } else {
            assert!(
                (got - want).abs() <= want.abs() * 1e-15,
                "{text}: {got} vs {want}"
            );
        }
    }
    for text in [
        "0", "-0", "0.0", "0.05", "120.50", "1e22", "1e-22", "-12.5", "0.000001",
    ] {
        let want: f64 = text.parse().unwrap();
        assert_eq!(
            decimal_to_f64(text.as_bytes()).to_bits(),
            want.to_bits(),
            "{text}"
        );
    }
    // Outside the fast path: close, and huge or tiny exponents do not trap.
    let long = decimal_to_f64(b"0.30000000000000004");
    assert!((long - 0.30000000000000004).abs() < 1e-15);
    assert!(decimal_to_f64(b"1e400").is_infinite());
    assert_eq!(decimal_to_f64(b"1e-400"), 0.0);
    assert_eq!(
        decimal_to_f64(b"123456789012345678901234567890"),
        1.2345678901234568e29
    );
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Doc {
    name: String,
    #[serde(default)]
    tags: Vec<String>,
    count: Option<u32>,
    nested: Option<Box<Doc>>,
}

fn read(json: &str) -> std::result::Result<Doc, (String, String)> {
    from_str::<Doc>(json).map_err(|e| (e.path.clone(), e.message_en()))
}

#[test]
fn reads_what_json_stringify_writes() {
    let d = read(
        r#" {"name":"a\"b\\c\u00e9\ud83d\ude00\n","tags":["x",""],"count":7,
            "unknown":{"deep":[1,2.5,-3,true,null,"s"]},"nested":{"name":"n"}} "#,
    )
    .unwrap();
    assert_eq!(d.name, "a\"b\\cé😀\n");
    assert_eq!(d.tags, ["x", ""]);
    assert_eq!(d.count, Some(7));
    assert_eq!(d.nested.unwrap().name, "n");
}

#[test]
fn errors_name_the_path_of_the_bad_value() {
    let path = |json: &str| read(json).unwrap_err().0;
    assert_eq!(path(r#"{"name":"a","tags":["x",5]}"#), "tags[1]");
    assert_eq!(path(r#"{"name":"a","nested":{"name":1}}"#), "nested.name");
    assert_eq!(path(r#"{"name":"a","nested":{}}"#), "nested.name");
    assert_eq!(path(r#"{"name":"a","count":-1}"#), "count");
    assert_eq!(
        path(r#"{"name":"a","nested":{"name":"b","na\u006de":"c"}}"#),
        "nested.name"
    );
    assert_eq!(path(r#"{"name":"a","tags":[]"#), "");
    // The message is the reader's own, never cut (serde_json's ended in a position).
    let (at, message) = read(r#"{"name":"a","count":"3 at line 1 column 2"}"#).unwrap_err();
    assert_eq!(at, "count");
    assert!(
        message.contains("string \"3 at line 1 column 2\", expected u32"),
        "{message}"
    );
}

#[test]
fn refuses_what_is_not_json() {
    for bad in [
        "",
        " ",
        "{",
        "{\"name\":\"a\"} x",
        "{\"name\":\"a\",}",
        "{\"name\":\"a\" \"tags\":[]}",
        "{\"name\":\"a\",\"tags\":[\"x\",]}",
        "{\"name\":\"a\",\"count\":01}",
        "{\"name\":\"a\",\"count\":1.}",
        "{\"name\":\"a\",\"count\":1e}",
        "{\"name\":\"a\",\"count\":-}",
        "{\"name\":\"a\",\"count\":1e400}",
        "{\"name\":\"\\ud800\"}",
        "{\"name\":\"\\udc00\"}",
        "{\"name\":\"\\x\"}",
        "{\"name\":\"\\u12\"}",
        "{\"name\":\"tab\there\"}",
        "{\"name\":tru}",
        "{\"name\":\"a\",\"count\":nul}",
        "{name:\"a\"}",
        "[\"name\"]",
        "{\"name\":\"a\"}}",
    ] {
        let bad = bad.replace("\\t", "\t");
        assert!(read(&bad).is_err(), "accepted {bad:?}");
    }
}

#[test]
fn array_items_are_the_texts_of_each_item() {
    let items = array_items(r#" [ {"a":[1,{"b":"]"}]} , "x\"y" ,3.5,[] , null] "#).unwrap();
    assert_eq!(
        items,
        [r#"{"a":[1,{"b":"]"}]}"#, r#""x\"y""#, "3.5", "[]", "null"]
    );
    assert!(array_items("[]").unwrap().is_empty());
    for bad in ["{}", "[1,]", "[1", "[1] 2", "", "[{]"] {
        assert!(array_items(bad).is_err(), "{bad}");
    }
    // An item is found by its brackets alone; what is wrong inside it is that item's error when
    // it is read (a batch reports it as that listing's finding).
    let items = array_items("[1,{\"a\":tru},\"\\ud83d\",[[[]]]]").unwrap();
    assert_eq!(items[1], "{\"a\":tru}");
    assert!(from_str::<serde::de::IgnoredAny>(items[2]).is_err());
    assert_eq!(items.len(), 4);
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = from_str::<serde::de::IgnoredAny>(&deep).unwrap_err();
    assert!(
        e.message_en().contains("recursion limit"),
        "{}",
        e.message_en()
    );
    let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
    assert!(from_str::<serde::de::IgnoredAny>(&ok).is_ok());
}
