//! verify_order: a server that trusts only the buyer's choices catches a lowered price, moved
//! line discounts, invented and unheld coupons and a set-back clock, and accepts an honest quote
//! made within the allowed skew. Client quotes are made natively with the same crate (the WASM
//! build gives identical quotes: tests/js/verify.test.mjs).
use serde_json::{json, Value};
use xiaodian::catalog::{Catalog, Order};
use xiaodian::verify_order::{
    OrderDifference, APPLIED_MISMATCH, CLOCK_SKEW, LINE_MISMATCH, PAYABLE_MISMATCH, TOTAL_MISMATCH,
    UNKNOWN_COUPON,
};
use xiaodian::{verify_order, Cart, Timestamp, VerifyOptions};

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// The server's now in these tests.
const NOW: &str = "2026-07-15T12:00:00+08:00";

fn order(v: Value) -> Order {
    xiaodian::json::from_json(&v.to_string()).unwrap()
}

fn coupon(catalog: &Catalog, id: &str) -> Value {
    serde_json::to_value(catalog.coupons.iter().find(|c| c.id == id).unwrap()).unwrap()
}

/// What an honest client sends: the Storefront's quote of the order at its own clock.
fn client_quote(catalog: &Catalog, order: &Order, t: &str) -> String {
    let cart = catalog.cart(order).unwrap();
    quote_cart(&cart, t)
}

fn quote_cart(cart: &Cart, t: &str) -> String {
    serde_json::to_string(&xiaodian::quote(cart, at(t)).unwrap()).unwrap()
}

fn options(wallet: &[&str]) -> VerifyOptions {
    VerifyOptions {
        now: Some(at(NOW)),
        wallet: Some(wallet.iter().map(|s| s.to_string()).collect()),
        ..VerifyOptions::default()
    }
}

fn codes(d: &[OrderDifference]) -> Vec<(&str, &str)> {
    d.iter().map(|d| (d.code, d.path.as_str())).collect()
}

/// 357 g 普洱 ¥128 + 龙井 in its 秒杀 (¥59): ¥187 in the tea shop, so 满150减30 applies and is
/// split over both lines.
fn tea_order(catalog: &Catalog) -> Order {
    order(json!({
        "picks": [{ "skuId": "puer-357", "quantity": 1 }, { "skuId": "longjing-100", "quantity": 1 }],
        "coupons": [coupon(catalog, "tea-150-30")],
    }))
}

#[test]
fn an_honest_quote_within_the_skew_is_accepted() {
    let catalog = Catalog::demo();
    let order = tea_order(&catalog);
    // Quoted four minutes before the server checks it.
    let client = client_quote(&catalog, &order, "2026-07-15T11:56:00+08:00");
    let v = verify_order(&catalog, &order, &client, &options(&["tea-150-30"])).unwrap();
    assert!(v.ok, "{:?}", v.differences);
    assert_eq!(v.quote.payable.to_string(), "157.00");
    assert_eq!(v.quote.evaluated_at, at(NOW));
    // Made at the same time, the client's quote is the server's to the fingerprint.
    let same = client_quote(&catalog, &order, NOW);
    let s = verify_order(&catalog, &order, &same, &options(&["tea-150-30"])).unwrap();
    assert_eq!(serde_json::to_string(&s.quote).unwrap(), same);
    let applied: Vec<_> = v.quote.applied.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(applied, ["tea-150-30"]);
    // Both lines carry a share of the coupon, so moving it between them is visible.
    assert!(v.quote.lines.iter().all(|l| !l.discount.is_zero()));

    // The same quote six minutes old: only the clock is named.
    let late = VerifyOptions {
        now: Some(at("2026-07-15T12:02:00+08:00")),
        ..options(&["tea-150-30"])
    };
    let v = verify_order(&catalog, &order, &client, &late).unwrap();
    assert_eq!(codes(&v.differences), [(CLOCK_SKEW, "evaluatedAt")]);
    assert_eq!(
        v.differences[0].client.as_deref(),
        Some("2026-07-15T11:56:00+08:00")
    );
    assert_eq!(
        v.differences[0].server.as_deref(),
        Some("2026-07-15T12:02:00+08:00")
    );
    // …and accepted under a wider skew.
    let wide = VerifyOptions {
        max_clock_skew_seconds: 600,
        ..late
    };
    assert!(verify_order(&catalog, &order, &client, &wide).unwrap().ok);
}

#[test]
fn a_lowered_catalog_price_is_caught_and_the_catalog_price_charged() {
    let catalog = Catalog::demo();
    let order = tea_order(&catalog);
    let honest = verify_order(
        &catalog,
        &order,
        &client_quote(&catalog, &order, NOW),
        &options(&["tea-150-30"]),
    )
    .unwrap();
    assert!(honest.ok);
    // The client's own cart says 普洱 costs ¥1.00.
    let mut cart = catalog.cart(&order).unwrap();
    cart.lines[0].unit_price = xiaodian::Money::from_yuan(1);
    let client = quote_cart(&cart, NOW);
    let v = verify_order(&catalog, &order, &client, &options(&["tea-150-30"])).unwrap();
    assert!(!v.ok);
    let found = codes(&v.differences);
    assert!(found.contains(&(PAYABLE_MISMATCH, "payable")), "{found:?}");
    assert!(found.contains(&(TOTAL_MISMATCH, "subtotal")), "{found:?}");
    assert!(
        found.contains(&(LINE_MISMATCH, "lines[0].subtotal")),
        "{found:?}"
    );
    // Below the threshold the client got no coupon; the server applied it.
    assert!(found.contains(&(APPLIED_MISMATCH, "applied")), "{found:?}");
    let payable = v.differences.iter().find(|d| d.path == "payable").unwrap();
    assert_eq!(payable.server.as_deref(), Some("157.00"));
    // ¥1 + ¥59 below 满99 包邮: ¥8 freight + ¥2 for the second item.
    assert_eq!(payable.client.as_deref(), Some("70.00"));
    assert_eq!(v.quote, honest.quote);
}

#[test]
fn a_moved_line_discount_with_equal_totals_is_caught() {
    let catalog = Catalog::demo();
    let order = tea_order(&catalog);
    let mut q: Value = serde_json::from_str(&client_quote(&catalog, &order, NOW)).unwrap();
    // Shift ¥1.00 of discount from line 0 to line 1: every total stays the same.
    let shift = |v: &Value, by: i64| {
        let fen = (v.as_str().unwrap().parse::<f64>().unwrap() * 100.0).round() as i64 + by;
        json!(format!("{}.{:02}", fen / 100, fen % 100))
    };
    for (i, by) in [(0, 100), (1, -100)] {
        let line = &mut q["lines"][i];
        line["discount"] = shift(&line["discount"], by);
        line["payable"] = shift(&line["payable"], -by);
    }
    let v = verify_order(&catalog, &order, &q.to_string(), &options(&["tea-150-30"])).unwrap();
    assert_eq!(
        codes(&v.differences),
        [
            (LINE_MISMATCH, "lines[0].discount"),
            (LINE_MISMATCH, "lines[0].payable"),
            (LINE_MISMATCH, "lines[1].discount"),
            (LINE_MISMATCH, "lines[1].payable"),
        ]
    );
    let d = &v.differences[0];
    assert_eq!(d.server, Some(v.quote.lines[0].discount.to_string()));
    assert_ne!(d.client, d.server);
}

#[test]
fn an_invented_coupon_is_unknown_even_if_the_wallet_lists_it() {
    let catalog = Catalog::demo();
    let invented = json!({ "id": "free-100", "kind": "fixed", "amount": "100", "scope": { "level": "platform" } });
    let order = order(json!({
        "picks": [{ "skuId": "puer-357", "quantity": 1 }],
        "coupons": [invented],
    }));
    let client = client_quote(&catalog, &order, NOW);
    assert_eq!(
        serde_json::from_str::<Value>(&client).unwrap()["payable"],
        "28.00"
    );
    for wallet in [&[][..], &["free-100"][..]] {
        let v = verify_order(&catalog, &order, &client, &options(wallet)).unwrap();
        let found = codes(&v.differences);
        assert_eq!(found[0], (UNKNOWN_COUPON, "order.coupons[0].id"));
        assert_eq!(v.differences[0].client.as_deref(), Some("free-100"));
        assert!(found.contains(&(PAYABLE_MISMATCH, "payable")));
        assert!(found.contains(&(APPLIED_MISMATCH, "applied[0].id")));
        assert_eq!(v.quote.payable.to_string(), "128.00");
    }
    // The same for a known id sent with better terms: the catalog's terms are used.
    let mut richer = coupon(&catalog, "plat-5");
    richer["amount"] = json!("50");
    let order = self::order(
        json!({ "picks": [{ "skuId": "puer-357", "quantity": 1 }], "coupons": [richer] }),
    );
    let v = verify_order(
        &catalog,
        &order,
        &client_quote(&catalog, &order, NOW),
        &options(&["plat-5"]),
    )
    .unwrap();
    assert_eq!(v.quote.payable.to_string(), "123.00");
    let found = codes(&v.differences);
    assert!(
        found.contains(&(APPLIED_MISMATCH, "applied[0].amount")),
        "{found:?}"
    );
    assert!(found.contains(&(PAYABLE_MISMATCH, "payable")), "{found:?}");
}

#[test]
fn a_real_coupon_the_wallet_does_not_hold_is_unknown() {
    let catalog = Catalog::demo();
    let order = order(json!({
        "picks": [{ "skuId": "puer-357", "quantity": 1 }],
        "coupons": [coupon(&catalog, "tea-150-30"), coupon(&catalog, "plat-5")],
        "couponSelection": ["plat-5"],
    }));
    let client = client_quote(&catalog, &order, NOW);
    let v = verify_order(&catalog, &order, &client, &options(&["tea-150-30"])).unwrap();
    assert_eq!(
        codes(&v.differences),
        [
            (UNKNOWN_COUPON, "order.coupons[1].id"),
            (UNKNOWN_COUPON, "order.couponSelection[0]"),
            (PAYABLE_MISMATCH, "payable"),
            (TOTAL_MISMATCH, "discount"),
            (LINE_MISMATCH, "lines[0].discount"),
            (LINE_MISMATCH, "lines[0].payable"),
            (APPLIED_MISMATCH, "applied[0].id"),
        ]
    );
    assert_eq!(v.quote.payable.to_string(), "128.00");
    // Held, the same order is fine.
    let v = verify_order(
        &catalog,
        &order,
        &client,
        &options(&["tea-150-30", "plat-5"]),
    )
    .unwrap();
    assert!(v.ok, "{:?}", v.differences);
}

#[test]
fn a_clock_set_back_20_days_is_rejected() {
    // The jerky's 秒杀 ran 20 June – 1 July; the old snack coupon expired on 30 June.
    let mut catalog = Catalog::demo();
    let jerky = catalog
        .products
        .iter_mut()
        .flat_map(|p| p.skus.iter_mut())
        .find(|s| s.sku_id == "jerky-200")
        .unwrap();
    let sale = jerky.flash_sale.as_mut().unwrap();
    sale.start = at("2026-06-20T00:00:00+08:00");
    sale.end = at("2026-07-01T00:00:00+08:00");
    let order = order(json!({
        "picks": [{ "skuId": "jerky-200", "quantity": 1 }],
        "coupons": [coupon(&catalog, "snack-old-8")],
        // The client's clock rides along in the order too; the server ignores it.
        "now": "2026-06-25T12:00:00+08:00",
    }));
    let client = client_quote(&catalog, &order, "2026-06-25T12:00:00+08:00");
    let c: Value = serde_json::from_str(&client).unwrap();
    assert_eq!(c["payable"], "37.00", "39 秒杀 − 8 coupon + 6 freight");
    let v = verify_order(&catalog, &order, &client, &options(&["snack-old-8"])).unwrap();
    assert!(!v.ok);
    let found = codes(&v.differences);
    assert_eq!(found[0], (CLOCK_SKEW, "evaluatedAt"));
    assert!(found.contains(&(PAYABLE_MISMATCH, "payable")), "{found:?}");
    assert!(
        found.contains(&(APPLIED_MISMATCH, "applied[0].id")),
        "{found:?}"
    );
    assert_eq!(v.quote.evaluated_at, at(NOW));
    // List price, no coupon, below 满59 包邮.
    assert_eq!(v.quote.payable.to_string(), "64.00");
}

#[test]
fn the_client_quote_is_read_strictly() {
    let catalog = Catalog::demo();
    let order = tea_order(&catalog);
    let client = client_quote(&catalog, &order, NOW);
    // A first `payable` of 0.01 followed by the real one does not "match".
    let doubled = format!("{{\"payable\":\"0.01\",{}", &client[1..]);
    let e = verify_order(&catalog, &order, &doubled, &options(&["tea-150-30"])).unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
    assert!(e.path.starts_with("quote"), "{}", e.path);
    assert!(
        e.message_en().contains("duplicate key \"payable\""),
        "{}",
        e.message_en()
    );
    // Nested too, and inside parts that are not compared.
    let nested = client.replacen("\"skuId\":", "\"skuId\":\"x\",\"skuId\":", 1);
    let e = verify_order(&catalog, &order, &nested, &options(&["tea-150-30"])).unwrap_err();
    assert!(e.path.starts_with("quote.lines[0]"), "{}", e.path);
    let hints = client.replacen("\"hints\":", "\"hints\":[],\"hints\":", 1);
    assert!(verify_order(&catalog, &order, &hints, &options(&["tea-150-30"])).is_err());
    // Missing or mistyped amounts are errors with paths, not matches.
    let mut v: Value = serde_json::from_str(&client).unwrap();
    v.as_object_mut().unwrap().remove("payable");
    let e = verify_order(&catalog, &order, &v.to_string(), &options(&["tea-150-30"])).unwrap_err();
    assert_eq!(e.path, "quote.payable");
    let mut v: Value = serde_json::from_str(&client).unwrap();
    v["lines"][1]["payable"] = json!("1e3");
    let e = verify_order(&catalog, &order, &v.to_string(), &options(&["tea-150-30"])).unwrap_err();
    assert_eq!(
        (e.code(), e.path.as_str()),
        ("INVALID_MONEY", "quote.lines[1].payable")
    );
    assert!(verify_order(&catalog, &order, "{not json", &options(&[])).is_err());
}

#[test]
fn stock_and_unknown_skus_are_errors_of_the_order() {
    let catalog = Catalog::demo();
    let sold_out = order(json!({ "picks": [{ "skuId": "jasmine-250", "quantity": 1 }] }));
    let client = client_quote(&Catalog::demo(), &tea_order(&catalog), NOW);
    let e = verify_order(&catalog, &sold_out, &client, &options(&[])).unwrap_err();
    assert_eq!(
        (e.code(), e.path.as_str()),
        ("OUT_OF_STOCK", "order.picks[0].quantity")
    );
    let over = order(
        json!({ "picks": [{ "skuId": "puer-357", "quantity": 1 }, { "skuId": "kettle-12", "quantity": 3 }] }),
    );
    let e = verify_order(&catalog, &over, &client, &options(&[])).unwrap_err();
    assert_eq!(
        (e.code(), e.path.as_str()),
        ("PURCHASE_LIMIT_EXCEEDED", "order.picks[1].quantity")
    );
    let gone = order(json!({ "picks": [{ "skuId": "nope", "quantity": 1 }] }));
    let e = verify_order(&catalog, &gone, &client, &options(&[])).unwrap_err();
    assert_eq!(
        (e.code(), e.path.as_str()),
        ("UNKNOWN_ID", "order.picks[0].skuId")
    );
}

#[test]
fn without_a_server_wallet_the_sent_ids_are_taken_on_catalog_terms() {
    let catalog = Catalog::demo();
    let order = tea_order(&catalog);
    let client = client_quote(&catalog, &order, NOW);
    let opts = VerifyOptions {
        now: Some(at(NOW)),
        ..VerifyOptions::default()
    };
    assert!(verify_order(&catalog, &order, &client, &opts).unwrap().ok);
}
