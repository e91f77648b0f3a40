//! The binding as JS sees it, compiled to wasm32 and run in Node by wasm-bindgen-test-runner:
//! JS values in and out, thrown Errors with code and path, recovery after bad input, and the
//! golden fixtures giving exactly the native results.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use xiaodian::wasm;

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON parses")
}

fn to_json(v: &JsValue) -> serde_json::Value {
    let s: String = js_sys::JSON::stringify(v).unwrap().into();
    serde_json::from_str(&s).unwrap()
}

fn prop(v: &JsValue, key: &str) -> String {
    js_sys::Reflect::get(v, &JsValue::from_str(key))
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn quote_contract_example() {
    let q = quote(js(
        r#"{"lines":[{"skuId":"a","unitPrice":"19.90","quantity":3}]}"#,
    ))
    .unwrap();
    let q = to_json(&q);
    assert_eq!(q["subtotal"], "59.70");
    assert_eq!(q["payable"], "59.70");
    assert_eq!(q["lines"][0]["payable"], "59.70");
}

#[wasm_bindgen_test]
fn bad_input_throws_a_js_error_with_code_and_path_and_the_module_recovers() {
    for (input, code, path) in [
        (
            r#"{"lines":[{"skuId":"a","unitPrice":"1.005","quantity":1}]}"#,
            "INVALID_MONEY",
            "lines[0].unitPrice",
        ),
        (
            r#"{"lines":[{"skuId":"a","unitPrice":"1","quantity":-1}]}"#,
            "INVALID_QUANTITY",
            "lines[0].quantity",
        ),
        (
            r#"{"lines":[{"skuId":"a","quantity":1}]}"#,
            "INVALID_INPUT",
            "lines[0].unitPrice",
        ),
        (
            r#"{"lines":[{"skuId":"a","unitPrice":"1","quantity":2,"stock":1}]}"#,
            "OUT_OF_STOCK",
            "lines[0].quantity",
        ),
        // An array is not a cart (the reader never takes a struct from an array): the whole
        // input is the bad value.
        (r#"[1,2,3]"#, "INVALID_INPUT", ""),
        (r#"null"#, "INVALID_INPUT", ""),
    ] {
        let err = quote(js(input)).expect_err(input);
        assert!(err.is_instance_of::<js_sys::Error>(), "{input}");
        assert_eq!(prop(&err, "code"), code, "{input}");
        assert_eq!(prop(&err, "path"), path, "{input}");
        assert!(!prop(&err, "message").is_empty());
        assert!(!prop(&err, "messageEn").is_empty());
        // Still usable right after.
        let ok = quote(js(
            r#"{"lines":[{"skuId":"b","unitPrice":"2.50","quantity":2}]}"#,
        ))
        .unwrap();
        assert_eq!(to_json(&ok)["payable"], "5.00");
    }
    let err = quote(JsValue::UNDEFINED).unwrap_err();
    assert_eq!(prop(&err, "code"), "INVALID_INPUT");
    let err = quote(JsValue::from_f64(f64::NAN)).unwrap_err();
    assert_eq!(prop(&err, "code"), "INVALID_INPUT");
}

#[wasm_bindgen_test]
fn js_numbers_use_their_shortest_form() {
    let cart = js_sys::Object::new();
    let line = js_sys::Object::new();
    js_sys::Reflect::set(&line, &"skuId".into(), &"a".into()).unwrap();
    js_sys::Reflect::set(&line, &"unitPrice".into(), &JsValue::from_f64(0.1 + 0.2)).unwrap();
    js_sys::Reflect::set(&line, &"quantity".into(), &JsValue::from_f64(1.0)).unwrap();
    js_sys::Reflect::set(&cart, &"lines".into(), &js_sys::Array::of1(&line)).unwrap();
    // 0.1 + 0.2 is 0.30000000000000004 in JS: more than two decimals, refused.
    let err = quote(cart.clone().into()).unwrap_err();
    assert_eq!(prop(&err, "code"), "INVALID_MONEY");
    js_sys::Reflect::set(&line, &"unitPrice".into(), &JsValue::from_f64(0.3)).unwrap();
    assert_eq!(to_json(&quote(cart.into()).unwrap())["payable"], "0.30");
}

#[wasm_bindgen_test]
fn golden_fixtures_are_identical_to_native() {
    for (cart, golden) in [
        (
            include_str!("fixtures/basic.cart.json"),
            include_str!("fixtures/basic.quote.json"),
        ),
        (
            include_str!("fixtures/every-rule.cart.json"),
            include_str!("fixtures/every-rule.quote.json"),
        ),
        (
            include_str!("fixtures/demo-order.cart.json"),
            include_str!("fixtures/demo-order.quote.json"),
        ),
    ] {
        let got = to_json(&quote(js(cart)).unwrap());
        let want: serde_json::Value = serde_json::from_str(golden).unwrap();
        assert_eq!(got, want);
    }
}

#[wasm_bindgen_test]
fn version_rulebook_and_demo_catalog() {
    let v = to_json(&wasm::version().unwrap());
    assert_eq!(v["engine"], env!("CARGO_PKG_VERSION"));
    let book = to_json(&wasm::rulebook().unwrap());
    assert_eq!(book["version"], v["rulebook"]);
    assert_eq!(book["platforms"][0]["id"], "wechat");
    let catalog = wasm::demo_catalog().unwrap();
    let order =
        js(r#"{"picks":[{"skuId":"cup-single","quantity":4}],"now":"2026-11-11T20:30:00+08:00"}"#);
    let cart = wasm::catalog_cart(catalog.clone(), order).unwrap();
    let q = to_json(&quote(cart).unwrap());
    assert_eq!(q["lines"][0]["priceRule"], "ladder");
    assert_eq!(q["subtotal"], "88.00");
    // A pick the catalog no longer has is removed with a reason, not thrown (issue 20).
    let adjusted = to_json(
        &wasm::catalog_cart(catalog, js(r#"{"picks":[{"skuId":"gone","quantity":1}]}"#)).unwrap(),
    );
    assert_eq!(adjusted["lines"].as_array().unwrap().len(), 0);
    assert_eq!(adjusted["adjustments"][0]["skuId"], "gone");
    assert_eq!(adjusted["adjustments"][0]["code"], "UNAVAILABLE");
    assert_eq!(adjusted["adjustments"][0]["quantity"], 0);
    let err = wasm::catalog_cart(
        js(r#"{"shops":[],"products":[{"id":1}]}"#),
        js(r#"{"picks":[]}"#),
    )
    .unwrap_err();
    assert_eq!(prop(&err, "path"), "catalog.products[0].id");
}

#[wasm_bindgen_test]
fn coupons_and_refunds_through_the_binding() {
    let cart = r#"{"lines":[{"skuId":"a","unitPrice":"100","quantity":3,"shopId":"s"}],
        "coupons":[{"id":"shop","kind":"threshold","threshold":"200","amount":"30","scope":{"level":"shop","shopId":"s"}},
                   {"id":"plat","kind":"threshold","threshold":"299","amount":"50"}]}"#;
    let q = quote(js(cart)).unwrap();
    assert_eq!(to_json(&q)["payable"], "250.00");
    let r = wasm::refund_preview(
        q.clone(),
        "a".into(),
        JsValue::from_f64(1.0),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(to_json(&r)["refund"], "83.33");
    let err = wasm::refund_preview(
        q,
        "a".into(),
        JsValue::from_f64(0.0),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    )
    .unwrap_err();
    assert_eq!(prop(&err, "code"), "INVALID_QUANTITY");
    assert_eq!(prop(&err, "path"), "quantity");
}

/// `quote(cart)` as JS calls it without options.
fn quote(cart: JsValue) -> Result<JsValue, JsValue> {
    wasm::quote(cart, JsValue::UNDEFINED)
}
