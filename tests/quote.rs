//! quote() end to end on the host: contract examples, every item-pricing rule, shipping, shop
//! grouping, errors with paths, fingerprints, and the golden fixtures the Node tests share.

use serde_json::{json, Value};
use xiaodian::catalog::{Catalog, Order};
use xiaodian::json::from_json;
use xiaodian::{quote, Cart, Quote, Timestamp};

const NOW: &str = "2026-11-11T20:30:00+08:00";

fn now() -> Timestamp {
    Timestamp::parse(NOW).unwrap()
}

fn qt(cart: Value) -> Quote {
    let cart: Cart = serde_json::from_value(cart).expect("cart decodes");
    quote(&cart, now()).expect("quote succeeds")
}

fn err(cart: Value) -> (String, String) {
    let e = match from_json::<Cart>(&cart.to_string()) {
        Err(e) => e,
        Ok(c) => quote(&c, now()).expect_err("quote must fail"),
    };
    (e.code().to_string(), e.path)
}

fn line(extra: Value) -> Value {
    let mut l = json!({ "skuId": "a", "unitPrice": "100.00", "quantity": 1 });
    for (k, v) in extra.as_object().unwrap() {
        l[k] = v.clone();
    }
    l
}

fn one(extra: Value) -> Quote {
    qt(json!({ "lines": [line(extra)] }))
}

fn rules(q: &Quote) -> Vec<(String, String, u32)> {
    q.lines[0]
        .pricing
        .iter()
        .map(|s| {
            (
                serde_json::to_value(s.rule)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string(),
                s.unit_price.to_string(),
                s.quantity,
            )
        })
        .collect()
}

fn seg(rule: &str, price: &str, n: u32) -> (String, String, u32) {
    (rule.to_string(), price.to_string(), n)
}

#[test]
fn contract_example_three_at_19_90() {
    let q = qt(json!({ "lines": [{ "skuId": "a", "unitPrice": "19.90", "quantity": 3 }] }));
    assert_eq!(q.subtotal.to_string(), "59.70");
    assert_eq!(q.payable.to_string(), "59.70");
    assert_eq!(q.discount.to_string(), "0.00");
    assert_eq!(q.shipping.to_string(), "0.00");
    assert_eq!(q.lines[0].payable.to_string(), "59.70");
    assert!(q.fingerprint.starts_with("xd2-"));
}

#[test]
fn contract_example_rejects_three_decimals_with_path() {
    let (code, path) =
        err(json!({ "lines": [{ "skuId": "a", "unitPrice": "1.005", "quantity": 1 }] }));
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("INVALID_MONEY", "lines[0].unitPrice")
    );
}

#[test]
fn numbers_are_read_through_their_shortest_form() {
    let q = qt(json!({ "lines": [{ "skuId": "a", "unitPrice": 0.1, "quantity": "3" }] }));
    assert_eq!(q.subtotal.to_string(), "0.30");
    let (code, _) = err(json!({ "lines": [{ "skuId": "a", "unitPrice": 0.123, "quantity": 1 }] }));
    assert_eq!(code, "INVALID_MONEY");
}

#[test]
fn member_price_by_level_price_or_rate() {
    let tiers = json!([{ "level": 1, "rate": "0.95" }, { "level": 3, "unitPrice": "80.00" }]);
    let cart = |level: u32| json!({ "buyer": { "memberLevel": level }, "lines": [line(json!({ "memberPrices": tiers, "quantity": 2 }))] });
    let q0 = qt(cart(0));
    assert_eq!(rules(&q0), vec![seg("list", "100.00", 2)]);
    assert!(q0.lines[0]
        .price_notes
        .iter()
        .any(|n| n.reason_en.contains("level 1")));
    assert_eq!(rules(&qt(cart(1))), vec![seg("member", "95.00", 2)]);
    assert_eq!(rules(&qt(cart(2))), vec![seg("member", "95.00", 2)]);
    // Level 3 reaches both tiers; the lower price wins.
    let q3 = qt(cart(3));
    assert_eq!(rules(&q3), vec![seg("member", "80.00", 2)]);
    assert_eq!(q3.subtotal.to_string(), "160.00");
    assert_eq!(q3.price_savings.to_string(), "40.00");
}

#[test]
fn member_rate_rounds_half_up_to_the_fen() {
    // 19.90 × 0.85 = 16.915 → 16.92
    let q = qt(
        json!({ "buyer": { "memberLevel": 1 }, "lines": [{ "skuId": "a", "unitPrice": "19.90", "quantity": 1, "memberPrices": [{ "level": 1, "rate": "0.85" }] }] }),
    );
    assert_eq!(q.lines[0].subtotal.to_string(), "16.92");
}

#[test]
fn ladder_price_by_quantity_tier() {
    let ladder = json!([{ "minQuantity": 4, "unitPrice": "90.00" }, { "minQuantity": 10, "unitPrice": "80.00" }]);
    let at = |n: u32| qt(json!({ "lines": [line(json!({ "ladder": ladder, "quantity": n }))] }));
    let q3 = at(3);
    assert_eq!(rules(&q3), vec![seg("list", "100.00", 3)]);
    assert!(q3.lines[0].price_notes[0].reason.contains("再买 1 件"));
    assert_eq!(rules(&at(4)), vec![seg("ladder", "90.00", 4)]);
    assert_eq!(rules(&at(9)), vec![seg("ladder", "90.00", 9)]);
    assert_eq!(rules(&at(10)), vec![seg("ladder", "80.00", 10)]);
    assert_eq!(at(10).subtotal.to_string(), "800.00");
}

#[test]
fn group_price_only_when_joining() {
    let g = json!({ "unitPrice": "70.00", "groupSize": 3 });
    let not_joined = one(json!({ "groupBuy": g }));
    assert_eq!(rules(&not_joined), vec![seg("list", "100.00", 1)]);
    assert_eq!(
        not_joined.lines[0].price_notes[0].reason_en,
        "not joining a group"
    );
    let joined = one(json!({ "groupBuy": g, "joinGroup": true, "quantity": 2 }));
    assert_eq!(rules(&joined), vec![seg("group", "70.00", 2)]);
    assert_eq!(
        joined.lines[0].pricing[0].reason_en,
        "joined a 3-person group"
    );
}

#[test]
fn bargain_price_covers_its_units_only() {
    let q = one(json!({ "bargain": { "unitPrice": "1.00" }, "quantity": 3 }));
    assert_eq!(
        rules(&q),
        vec![seg("bargain", "1.00", 1), seg("list", "100.00", 2)]
    );
    assert_eq!(q.subtotal.to_string(), "201.00");
    let q2 = one(json!({ "bargain": { "unitPrice": "1.00", "quantity": 5 }, "quantity": 3 }));
    assert_eq!(rules(&q2), vec![seg("bargain", "1.00", 3)]);
}

#[test]
fn flash_sale_window_is_start_inclusive_end_exclusive() {
    let flash = |start: &str, end: &str| {
        one(json!({ "flashSale": { "unitPrice": "50.00", "start": start, "end": end } }))
    };
    assert_eq!(
        rules(&flash(NOW, "2026-11-11T21:00:00+08:00"))[0].0,
        "flash"
    );
    let ended = flash("2026-11-11T20:00:00+08:00", NOW);
    assert_eq!(rules(&ended)[0].0, "list");
    assert!(ended.lines[0].price_notes[0].reason.contains("已结束"));
    let early = flash("2026-11-11T20:30:01+08:00", "2026-11-12");
    assert_eq!(rules(&early)[0].0, "list");
    assert!(early.lines[0].price_notes[0].reason_en.contains("starts"));
    // The same instant written in UTC.
    assert_eq!(
        rules(&flash("2026-11-11T12:30:00Z", "2026-11-12"))[0].0,
        "flash"
    );
}

#[test]
fn flash_sale_per_buyer_limit_then_normal_price() {
    let f = json!({ "unitPrice": "50.00", "start": "2026-11-11", "end": "2026-11-12", "limitPerBuyer": 2 });
    let q = one(json!({ "flashSale": f, "quantity": 5 }));
    assert_eq!(
        rules(&q),
        vec![seg("flash", "50.00", 2), seg("list", "100.00", 3)]
    );
    assert_eq!(q.subtotal.to_string(), "400.00");
    // Already bought one: one unit left at the flash price.
    let mut f1 = f.clone();
    f1["purchased"] = json!(1);
    assert_eq!(
        rules(&one(json!({ "flashSale": f1, "quantity": 5 }))),
        vec![seg("flash", "50.00", 1), seg("list", "100.00", 4)]
    );
    let mut f2 = f.clone();
    f2["purchased"] = json!(2);
    let q2 = one(json!({ "flashSale": f2, "quantity": 5 }));
    assert_eq!(rules(&q2), vec![seg("list", "100.00", 5)]);
    assert!(q2.lines[0].price_notes[0]
        .reason_en
        .contains("limit of 2 reached"));
}

#[test]
fn units_beyond_the_flash_limit_pay_the_best_other_price() {
    let q = qt(
        json!({ "buyer": { "memberLevel": 1 }, "lines": [line(json!({
        "quantity": 3,
        "memberPrices": [{ "level": 1, "unitPrice": "90.00" }],
        "flashSale": { "unitPrice": "50.00", "start": "2026-11-11", "end": "2026-11-12", "limitPerBuyer": 1 }
    }))] }),
    );
    assert_eq!(
        rules(&q),
        vec![seg("flash", "50.00", 1), seg("member", "90.00", 2)]
    );
    assert_eq!(q.lines[0].price_rule, xiaodian::pricing::PriceRule::Member);
}

#[test]
fn lowest_price_wins_and_prices_never_stack() {
    let q = qt(
        json!({ "buyer": { "memberLevel": 2 }, "lines": [line(json!({
        "quantity": 10,
        "memberPrices": [{ "level": 1, "rate": "0.9" }],
        "ladder": [{ "minQuantity": 10, "unitPrice": "85.00" }],
        "groupBuy": { "unitPrice": "88.00" }, "joinGroup": true
    }))] }),
    );
    // Ladder 85 beats member 90 and group 88; none is applied on top of another.
    assert_eq!(rules(&q), vec![seg("ladder", "85.00", 10)]);
    let notes: Vec<_> = q.lines[0]
        .price_notes
        .iter()
        .map(|n| n.reason_en.as_str())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("member price ¥90.00 is not below the ladder price ¥85.00")),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.contains("group-buy price ¥88.00")),
        "{notes:?}"
    );
    // A flash price above the best unlimited price is not used at all.
    let q2 = one(
        json!({ "quantity": 2, "ladder": [{ "minQuantity": 2, "unitPrice": "40.00" }],
        "flashSale": { "unitPrice": "45.00", "start": "2026-11-11", "end": "2026-11-12" } }),
    );
    assert_eq!(rules(&q2), vec![seg("ladder", "40.00", 2)]);
    // An equal member price leaves the list price in charge.
    let q3 = qt(
        json!({ "buyer": { "memberLevel": 1 }, "lines": [line(json!({ "memberPrices": [{ "level": 1, "unitPrice": "100.00" }] }))] }),
    );
    assert_eq!(rules(&q3), vec![seg("list", "100.00", 1)]);
}

#[test]
fn two_limited_prices_fill_cheapest_first() {
    let q = one(json!({ "quantity": 4,
        "bargain": { "unitPrice": "10.00", "quantity": 1 },
        "flashSale": { "unitPrice": "60.00", "start": "2026-11-11", "end": "2026-11-12", "limitPerBuyer": 2 } }));
    assert_eq!(
        rules(&q),
        vec![
            seg("bargain", "10.00", 1),
            seg("flash", "60.00", 2),
            seg("list", "100.00", 1)
        ]
    );
    assert_eq!(q.subtotal.to_string(), "230.00");
}

#[test]
fn shipping_flat_threshold_and_per_piece() {
    let rule = json!({ "fee": "8.00", "freeThreshold": "99.00", "extraPerItem": "2.00" });
    let cart = |price: &str, n: u32| json!({ "shipping": { "default": rule }, "lines": [{ "skuId": "a", "unitPrice": price, "quantity": n }] });
    let one_item = qt(cart("10.00", 1));
    assert_eq!(one_item.shipping.to_string(), "8.00");
    assert_eq!(one_item.payable.to_string(), "18.00");
    assert_eq!(one_item.hints[0].add_amount.to_string(), "89.00");
    assert!(one_item.hints[0].message.contains("再买 ¥89.00"));
    // 3 pieces: first included, 2 × ¥2 extra.
    let three = qt(cart("10.00", 3));
    assert_eq!(three.shipping.to_string(), "12.00");
    assert_eq!(three.payable.to_string(), "42.00");
    // At the threshold shipping is free (满 99 包邮 includes 99).
    let at = qt(cart("33.00", 3));
    assert_eq!(at.shipping.to_string(), "0.00");
    assert_eq!(at.payable.to_string(), "99.00");
    assert!(at.hints.is_empty());
    let below = qt(cart("32.99", 3));
    assert_eq!(below.shipping.to_string(), "12.00");
    assert_eq!(below.hints[0].add_amount.to_string(), "0.03");
}

#[test]
fn lines_group_by_shop_with_each_shops_rule() {
    let q = qt(json!({
        "shipping": { "shops": { "s1": { "fee": "5.00" }, "s2": { "fee": "7.00", "freeThreshold": "50.00" } } },
        "lines": [
            { "skuId": "a", "unitPrice": "10.00", "quantity": 1, "shopId": "s2" },
            { "skuId": "b", "unitPrice": "20.00", "quantity": 2, "shopId": "s1" },
            { "skuId": "c", "unitPrice": "45.00", "quantity": 1, "shopId": "s2" },
            { "skuId": "d", "unitPrice": "1.00", "quantity": 1, "shopId": "s3" }
        ]
    }));
    let shops: Vec<_> = q
        .shops
        .iter()
        .map(|s| (s.shop_id.as_str(), s.lines.clone(), s.shipping.to_string()))
        .collect();
    assert_eq!(
        shops,
        vec![
            ("s2", vec![0, 2], "0.00".into()),
            ("s1", vec![1], "5.00".into()),
            ("s3", vec![3], "0.00".into())
        ]
    );
    assert_eq!(q.shops[0].subtotal.to_string(), "55.00");
    assert_eq!(q.subtotal.to_string(), "96.00");
    assert_eq!(q.payable.to_string(), "101.00");
    assert_eq!(q.item_count, 5);
}

#[test]
fn structured_errors_name_the_field() {
    let cases = [
        (
            json!({ "lines": [line(json!({ "quantity": 0 }))] }),
            "INVALID_QUANTITY",
            "lines[0].quantity",
        ),
        (
            json!({ "lines": [line(json!({ "quantity": 100000 }))] }),
            "INVALID_QUANTITY",
            "lines[0].quantity",
        ),
        (
            json!({ "lines": [line(json!({ "quantity": 1.5 }))] }),
            "INVALID_QUANTITY",
            "lines[0].quantity",
        ),
        (
            json!({ "lines": [line(json!({ "unitPrice": "-1" }))] }),
            "INVALID_MONEY",
            "lines[0].unitPrice",
        ),
        (
            json!({ "lines": [line(json!({ "unitPrice": "1e3" }))] }),
            "INVALID_MONEY",
            "lines[0].unitPrice",
        ),
        (
            json!({ "lines": [line(json!({ "unitPrice": "" }))] }),
            "INVALID_MONEY",
            "lines[0].unitPrice",
        ),
        (
            json!({ "lines": [line(json!({ "unitPrice": "100000000.01" }))] }),
            "AMOUNT_OUT_OF_RANGE",
            "lines[0].unitPrice",
        ),
        (
            json!({ "lines": [line(json!({ "stock": 0 }))] }),
            "OUT_OF_STOCK",
            "lines[0].quantity",
        ),
        (
            json!({ "lines": [line(json!({ "limitPerOrder": 1, "quantity": 2 }))] }),
            "PURCHASE_LIMIT_EXCEEDED",
            "lines[0].quantity",
        ),
        (
            json!({ "lines": [line(json!({})), line(json!({}))] }),
            "DUPLICATE_ID",
            "lines[1].skuId",
        ),
        (
            json!({ "lines": [line(json!({ "skuId": " " }))] }),
            "INVALID_INPUT",
            "lines[0].skuId",
        ),
        (
            json!({ "lines": [{ "skuId": "a", "quantity": 1 }] }),
            "INVALID_INPUT",
            "lines[0].unitPrice",
        ),
        (
            json!({ "lines": [line(json!({ "flashSale": { "unitPrice": "1", "start": "2026-11-12", "end": "2026-11-11" } }))] }),
            "INVALID_TIME_WINDOW",
            "lines[0].flashSale",
        ),
        (
            json!({ "lines": [line(json!({ "flashSale": { "unitPrice": "1", "start": "soon", "end": "2026-11-11" } }))] }),
            "INVALID_TIME",
            "lines[0].flashSale.start",
        ),
        (
            json!({ "lines": [line(json!({ "memberPrices": [{ "level": 1 }] }))] }),
            "INVALID_INPUT",
            "lines[0].memberPrices[0]",
        ),
        (
            json!({ "lines": [line(json!({ "memberPrices": [{ "level": 1, "rate": "1.5" }] }))] }),
            "INVALID_RATE",
            "lines[0].memberPrices[0].rate",
        ),
        (
            json!({ "lines": [line(json!({ "ladder": [{ "minQuantity": 0, "unitPrice": "1" }] }))] }),
            "INVALID_INPUT",
            "lines[0].ladder[0].minQuantity",
        ),
        (json!({ "lines": "nope" }), "INVALID_INPUT", "lines"),
        (
            json!({ "lines": [], "now": "tomorrow" }),
            "INVALID_TIME",
            "now",
        ),
        (
            json!({ "lines": [], "shipping": { "default": { "fee": "abc" } } }),
            "INVALID_MONEY",
            "shipping.default.fee",
        ),
    ];
    for (cart, code, path) in cases {
        assert_eq!(
            err(cart.clone()),
            (code.to_string(), path.to_string()),
            "{cart}"
        );
    }
}

#[test]
fn error_messages_are_bilingual_and_the_path_is_apart() {
    let e = from_json::<Cart>(r#"{"lines":[{"skuId":"a","unitPrice":"1.005","quantity":1}]}"#)
        .unwrap_err();
    assert_eq!(e.path, "lines[0].unitPrice");
    // Messages are for people: the path is in `path`, never in the text.
    assert_eq!(e.message(), "金额最多两位小数（精确到分）：“1.005”");
    assert_eq!(
        e.message_en(),
        "amount has more than two decimals (fen): \"1.005\""
    );
    // Display (logs) keeps the path.
    assert!(e.to_string().ends_with(" at lines[0].unitPrice"), "{e}");
}

#[test]
fn carts_over_ten_thousand_lines_are_refused_while_reading() {
    let lines: Vec<Value> = (0..10_001)
        .map(|i| json!({ "skuId": format!("s{i}"), "unitPrice": "1", "quantity": 1 }))
        .collect();
    assert_eq!(
        err(json!({ "lines": lines })),
        ("TOO_MANY_LINES".into(), "lines".into())
    );
    let ok: Vec<Value> = (0..10_000)
        .map(|i| json!({ "skuId": format!("s{i}"), "unitPrice": "1.01", "quantity": 99_999 }))
        .collect();
    let big = qt(json!({ "lines": ok }));
    assert_eq!(big.subtotal.to_string(), "1009989900.00");
}

#[test]
fn a_cart_beyond_a_trillion_yuan_is_refused_not_wrapped() {
    let lines: Vec<Value> = (0..200)
        .map(|i| json!({ "skuId": format!("s{i}"), "unitPrice": "100000000", "quantity": 99_999 }))
        .collect();
    assert_eq!(
        err(json!({ "lines": lines })),
        ("AMOUNT_OUT_OF_RANGE".into(), "lines".into())
    );
}

#[test]
fn an_empty_cart_quotes_zero() {
    let q = qt(json!({ "lines": [] }));
    assert_eq!(q.payable.to_string(), "0.00");
    assert!(q.shops.is_empty());
}

#[test]
fn fingerprint_is_stable_and_sensitive() {
    let cart =
        json!({ "now": NOW, "lines": [{ "skuId": "a", "unitPrice": "19.90", "quantity": 3 }] });
    let a = qt(cart.clone());
    let b = qt(cart.clone());
    assert_eq!(a.fingerprint, b.fingerprint);
    let mut changed = cart.clone();
    changed["lines"][0]["quantity"] = json!(4);
    assert_ne!(qt(changed).fingerprint, a.fingerprint);
    // Equivalent spellings of the same input give the same fingerprint.
    let spelled = json!({ "now": "2026-11-11T12:30:00Z", "lines": [{ "skuId": "a", "unitPrice": 19.9, "quantity": "3" }] });
    assert_eq!(qt(spelled).fingerprint, a.fingerprint);
    // The fingerprint is reproducible from the cart and the quote.
    let c: Cart = serde_json::from_value(cart).unwrap();
    assert_eq!(xiaodian::quote::fingerprint(&c, &a), a.fingerprint);
}

#[test]
fn cart_now_overrides_the_callers_clock() {
    let cart = json!({ "now": "2026-06-18T10:00:00+08:00", "lines": [line(json!({ "flashSale": { "unitPrice": "50.00", "start": "2026-06-18", "end": "2026-06-19" } }))] });
    let q = qt(cart);
    assert_eq!(q.evaluated_at.to_string(), "2026-06-18T10:00:00+08:00");
    assert_eq!(
        q.lines[0].pricing[0].rule,
        xiaodian::pricing::PriceRule::Flash
    );
}

#[test]
fn demo_catalog_builds_carts() {
    let catalog = Catalog::demo();
    assert!(catalog.products.len() >= 10);
    let order: Order = serde_json::from_value(json!({
        "picks": [{ "skuId": "longjing-100", "quantity": 3 }, { "skuId": "walnut-500", "quantity": 2, "joinGroup": true }],
        "buyer": { "memberLevel": 1 }, "now": NOW
    }))
    .unwrap();
    let cart = catalog.cart(&order).unwrap();
    let q = quote(&cart, now()).unwrap();
    // Flash ¥59 × 2 + list ¥89; group ¥19.90 × 2; snack shop ¥39.80 < ¥59 so shipping ¥6;
    // the tea shop's running 满199减20 campaign takes ¥20 off ¥207.
    assert_eq!(q.lines[0].subtotal.to_string(), "207.00");
    assert_eq!(q.lines[1].subtotal.to_string(), "39.80");
    assert_eq!(q.shipping.to_string(), "6.00");
    assert_eq!(q.applied[0].id, "tea-199-20");
    assert_eq!(q.discount.to_string(), "20.00");
    assert_eq!(q.payable.to_string(), "232.80");
    let bad: Order =
        serde_json::from_value(json!({ "picks": [{ "skuId": "nope", "quantity": 1 }] })).unwrap();
    // A SKU gone from the catalog is dropped and reported, not an error (tests/strict.rs).
    let cart = catalog.cart(&bad).unwrap();
    assert!(cart.lines.is_empty());
    assert_eq!(cart.adjustments[0].code.as_str(), "UNAVAILABLE");
}

#[test]
fn quote_json_for_servers() {
    let q = xiaodian::quote_json(
        r#"{"lines":[{"skuId":"a","unitPrice":"19.90","quantity":3}]}"#,
        now(),
    )
    .unwrap();
    assert_eq!(q.payable.to_string(), "59.70");
    let e = xiaodian::quote_json(r#"{"lines":[]} trailing"#, now()).unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
}

/// The fixtures in tests/fixtures are quoted here natively and by the Node tests through WASM;
/// both compare against the same golden output, so native and WASM results are identical.
/// UPDATE_GOLDEN=1 rewrites the golden files after an intended change.
#[test]
fn golden_fixtures_match() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if !name.ends_with(".cart.json") {
            continue;
        }
        let cart: Cart = from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let got = serde_json::to_string_pretty(&quote(&cart, now()).unwrap()).unwrap() + "\n";
        let golden = dir.join(name.replace(".cart.json", ".quote.json"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &got).unwrap();
        }
        assert_eq!(got, std::fs::read_to_string(&golden).unwrap(), "{name}");
        checked += 1;
    }
    assert!(checked >= 2);
}

#[test]
fn rulebook_embedded_and_overridable() {
    let book = xiaodian::default_rulebook();
    assert_eq!(xiaodian::version().rulebook, book.version);
    assert_eq!(
        book.platforms
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>(),
        ["wechat", "douyin", "kuaishou", "xiaohongshu"]
    );
    assert_eq!(book.points.points_per_yuan, 100);
    let mut v: Value = serde_json::from_str(xiaodian::rulebook::DEFAULT_RULEBOOK_JSON).unwrap();
    v["version"] = json!("custom-1");
    assert_eq!(
        xiaodian::Rulebook::from_json(&v.to_string())
            .unwrap()
            .version,
        "custom-1"
    );
    let bad = |patch: &dyn Fn(&mut Value), path: &str| {
        let mut v: Value = serde_json::from_str(xiaodian::rulebook::DEFAULT_RULEBOOK_JSON).unwrap();
        patch(&mut v);
        let e = xiaodian::Rulebook::from_json(&v.to_string()).unwrap_err();
        assert_eq!((e.code(), e.path.as_str()), ("INVALID_RULEBOOK", path));
    };
    bad(&|v| v["schema"] = json!(99), "schema");
    bad(
        &|v| v["platforms"][1]["id"] = json!("wechat"),
        "platforms[1].id",
    );
    bad(
        &|v| v["platforms"][0]["source"] = json!("hearsay"),
        "platforms[0].source",
    );
    bad(
        &|v| v["points"]["maxDeductionRate"] = json!("2"),
        "points.maxDeductionRate",
    );
    bad(
        &|v| v["points"]["pointsPerYuan"] = json!(0),
        "points.pointsPerYuan",
    );
    bad(&|v| v["platforms"] = json!([]), "platforms");
    bad(
        &|v| {
            v.as_object_mut().unwrap().remove("version");
        },
        "version",
    );
}

/// The demo shop is data the storefront relies on: every category a real leaf, every coupon of
/// its coupon centre valid, and a full wallet quoted with the best combination.
#[test]
fn demo_catalog_is_consistent_and_its_wallet_quotes() {
    let catalog = Catalog::demo();
    let book = xiaodian::default_rulebook();
    assert!(catalog.products.len() >= 30);
    for p in &catalog.products {
        assert!(
            book.category(&p.category_id).is_some() && book.is_leaf(&p.category_id),
            "{} is a leaf category",
            p.category_id
        );
        assert!(catalog.shops.iter().any(|s| s.id == p.shop_id), "{}", p.id);
    }
    let order: Order = serde_json::from_value(json!({
        "picks": [
            { "skuId": "puer-357", "quantity": 2 }, { "skuId": "walnut-1000", "quantity": 1 },
            { "skuId": "history-set", "quantity": 1 }
        ],
        "buyer": { "memberLevel": 2 }, "now": NOW,
        "coupons": catalog.coupons,
        "points": { "balance": 3000, "use": "max" },
        "shippingInsurance": catalog.shipping_insurance,
    }))
    .unwrap();
    let q = quote(&catalog.cart(&order).unwrap(), now()).unwrap();
    let rejected = |id: &str| {
        q.rejected
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.code.clone())
    };
    assert_eq!(rejected("snack-old-8").as_deref(), Some("EXPIRED"));
    assert_eq!(rejected("new-15").as_deref(), Some("NEW_CUSTOMER_ONLY"));
    let discount: i128 = q.applied.iter().map(|a| a.amount.fen()).sum();
    assert_eq!(discount, q.discount.fen());
    // Three parcels at ¥1.50 运费险 each, paid by the buyer inside shipping.
    assert_eq!(q.insurance.to_string(), "4.50");
    assert!(q.points.as_ref().is_some_and(|p| p.used > 0));
}

/// `reason` is the offer's sentence without its name: `message` is 『name』reason, `messageEn`
/// "nameEn" reason (or "nameEn": reason), for every applied and rejected offer of the fixtures.
#[test]
fn reason_is_the_message_after_the_offers_name() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_str().unwrap().ends_with(".cart.json") {
            continue;
        }
        let cart: Cart = from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let q = serde_json::to_value(quote(&cart, now()).unwrap()).unwrap();
        for x in q["applied"]
            .as_array()
            .unwrap()
            .iter()
            .chain(q["rejected"].as_array().unwrap())
        {
            let s = |k: &str| x[k].as_str().unwrap().to_string();
            let (zh, reason) = (s("message"), s("reason"));
            assert!(!reason.is_empty() && !reason.starts_with('『'), "{x}");
            let name = zh
                .strip_prefix('『')
                .and_then(|z| z.strip_suffix(&format!("』{reason}")));
            assert!(name.is_some_and(|n| !n.is_empty()), "{x}");
            let (en, reason_en) = (s("messageEn"), s("reasonEn"));
            let name_en = en.strip_suffix(&reason_en).and_then(|e| {
                e.strip_suffix(' ')
                    .map(|e| e.strip_suffix(':').unwrap_or(e))
            });
            assert!(
                name_en.is_some_and(|n| n.len() > 2 && n.starts_with('"') && n.ends_with('"')),
                "{x}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked}");
}
