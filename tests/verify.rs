//! Server-side verification: a client's quote recomputed natively matches, any tampering is
//! named by path, and a corpus of random carts gives the same quotes natively and in WASM (the
//! Node test `tests/js/verify.test.mjs` checks the WASM side against the same corpus file).
#[path = "support/carts.rs"]
mod carts;

use carts::Rng;
use serde_json::{json, Value};
use xiaodian::verify::verify_quote;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn tampered(quote: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(quote).unwrap();
    edit(&mut v);
    v.to_string()
}

#[test]
fn an_honest_quote_matches_and_tampering_is_named() {
    let cart = fixture("promo.cart.json");
    let quote = fixture("promo.quote.json");
    let ok = verify_quote(&cart, &quote).unwrap();
    assert!(ok.matches, "{:?}", ok.difference);

    type Edit = Box<dyn FnOnce(&mut Value)>;
    let cases: Vec<(Edit, &str)> = vec![
        (Box::new(|v| v["payable"] = json!("1.00")), "payable"),
        (
            Box::new(|v| v["fingerprint"] = json!("xd2-0000000000000000")),
            "fingerprint",
        ),
        (
            Box::new(|v| v["lines"][0]["discount"] = json!("0.00")),
            "lines[0].discount",
        ),
        (
            Box::new(|v| v["applied"].as_array_mut().unwrap().truncate(1)),
            "applied[1]",
        ),
        (Box::new(|v| v["bonus"] = json!("5.00")), "bonus"),
        (
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("shipping");
            }),
            "shipping",
        ),
    ];
    for (edit, path) in cases {
        let v = verify_quote(&cart, &tampered(&quote, edit)).unwrap();
        assert!(!v.matches);
        assert_eq!(v.difference.unwrap().path, path);
    }
    // The difference says what the server expected.
    let v = verify_quote(&cart, &tampered(&quote, |v| v["payable"] = json!("1.00"))).unwrap();
    let d = v.difference.unwrap();
    assert_eq!(d.expected, Some(json!(v.server.payable.to_string())));
    assert_eq!(d.got, Some(json!("1.00")));
}

#[test]
fn the_time_comes_from_the_cart_or_the_client_quote() {
    // A cart without `now` (as a page sends it): the client's evaluatedAt is used, so time-bound
    // prices (the flash sale here) recompute the same.
    let mut cart: Value = serde_json::from_str(&fixture("every-rule.cart.json")).unwrap();
    let at = cart
        .as_object_mut()
        .unwrap()
        .remove("now")
        .expect("fixture has a time");
    let at = xiaodian::Timestamp::parse(at.as_str().unwrap()).unwrap();
    let client =
        serde_json::to_string(&xiaodian::quote_json(&cart.to_string(), at).unwrap()).unwrap();
    let v = verify_quote(&cart.to_string(), &client).unwrap();
    assert!(v.matches, "{:?}", v.difference);
    assert_eq!(v.evaluated_at, at);
    let quote = client;
    let no_time = tampered(&quote, |v| {
        v.as_object_mut().unwrap().remove("evaluatedAt");
    });
    let e = verify_quote(&cart.to_string(), &no_time).unwrap_err();
    assert_eq!(
        (e.code(), e.path.as_str()),
        ("INVALID_INPUT", "quote.evaluatedAt")
    );
    let e = verify_quote(
        r#"{"lines":[{"skuId":"a","unitPrice":"1.005","quantity":1}]}"#,
        "{}",
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.path.as_str()),
        ("INVALID_MONEY", "cart.lines[0].unitPrice")
    );
}

/// FNV-1a 32 over the quote's JSON: the Node test hashes JSON.stringify of the WASM quote the
/// same way, so equal hashes mean byte-identical quotes.
fn fnv32(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The corpus: 150 random carts with up to 12 offers and points, and each native quote's
/// payable, fingerprint and hash. UPDATE_GOLDEN=1 rewrites it after an intended change.
#[test]
fn corpus_of_native_quotes() {
    let path = format!("{}/tests/fixtures/corpus.json", env!("CARGO_MANIFEST_DIR"));
    let now = xiaodian::Timestamp::parse(carts::NOW).unwrap();
    let mut rng = Rng(0x5eed_c0de);
    let mut entries = Vec::new();
    for i in 0..150 {
        let mut cart = carts::random_cart(&mut rng, 12);
        if i % 3 == 0 {
            cart["points"] = json!({ "balance": rng.below(20_000), "use": "max" });
        }
        let q = xiaodian::quote_json(&cart.to_string(), now).unwrap();
        let text = serde_json::to_string(&q).unwrap();
        entries.push(json!({ "cart": cart, "payable": q.payable.to_string(), "fingerprint": q.fingerprint, "hash": fnv32(&text) }));
        // Each also verifies as a client quote.
        assert!(verify_quote(&cart.to_string(), &text).unwrap().matches);
    }
    let corpus =
        serde_json::to_string(&json!({ "now": carts::NOW, "quotes": entries })).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &corpus).unwrap();
    }
    let committed =
        std::fs::read_to_string(&path).expect("run with UPDATE_GOLDEN=1 to create the corpus");
    assert!(
        committed == corpus,
        "native quotes changed; review and rerun with UPDATE_GOLDEN=1"
    );
}
