//! Issue 20: unknown input fields are UNKNOWN_FIELD errors at their own path, with the nearest
//! known field suggested; `meta` is the one open place on carts, lines, offers and listings;
//! catalog orders are adjusted to stock and 限购 instead of failing.

use proptest::prelude::*;
use serde_json::{json, Value};
use xiaodian::catalog::{Catalog, Order};
use xiaodian::error::Error;
use xiaodian::json::from_json;
use xiaodian::{quote, Cart, Timestamp};

#[path = "support/carts.rs"]
mod carts;

const NOW: &str = "2026-11-11T20:30:00+08:00";

fn now() -> Timestamp {
    Timestamp::parse(NOW).unwrap()
}

fn cart_err(cart: &Value) -> Error {
    from_json::<Cart>(&cart.to_string()).expect_err("cart must be refused")
}

/// (code, path, en message, zh message).
fn parts(e: &Error) -> (&'static str, String, String, String) {
    (e.code(), e.path.clone(), e.message_en(), e.message())
}

fn base() -> Value {
    json!({
        "lines": [
            { "skuId": "tea", "unitPrice": "100.00", "quantity": 1, "shopId": "s1" },
            { "skuId": "cup", "unitPrice": "100.00", "quantity": 1, "shopId": "s1" }
        ],
        "now": NOW
    })
}

// ---- the four typos of the issue -------------------------------------------------------------

#[test]
fn validto_on_a_coupon_is_refused_with_validto_suggested() {
    let mut c = base();
    c["coupons"] =
        json!([{ "id": "old", "kind": "fixed", "amount": "50", "validto": "2026-11-01" }]);
    let (code, path, en, zh) = parts(&cart_err(&c));
    assert_eq!(
        (code, path.as_str()),
        ("UNKNOWN_FIELD", "coupons[0].validto")
    );
    assert!(en.contains("did you mean validTo?"), "{en}");
    assert!(zh.contains("是否想写 validTo？"), "{zh}");
    // Spelled right, the expired coupon is rejected rather than applied.
    c["coupons"][0] =
        json!({ "id": "old", "kind": "fixed", "amount": "50", "validTo": "2026-11-01" });
    let q = quote(&from_json::<Cart>(&c.to_string()).unwrap(), now()).unwrap();
    assert!(q.applied.is_empty());
}

#[test]
fn memberonly_is_refused_with_memberonly_suggested() {
    let mut c = base();
    c["coupons"] = json!([{ "id": "vip", "kind": "fixed", "amount": "50", "memberonly": true }]);
    let (code, path, en, zh) = parts(&cart_err(&c));
    assert_eq!(
        (code, path.as_str()),
        ("UNKNOWN_FIELD", "coupons[0].memberonly")
    );
    assert!(en.contains("did you mean memberOnly?"), "{en}");
    assert!(zh.contains("是否想写 memberOnly？"), "{zh}");
}

#[test]
fn shop_id_in_capitals_is_refused_with_shopid_suggested() {
    let mut c = base();
    c["lines"][1] = json!({ "skuId": "cup", "unitPrice": "100.00", "quantity": 1, "shopID": "s1" });
    let (code, path, en, zh) = parts(&cart_err(&c));
    assert_eq!((code, path.as_str()), ("UNKNOWN_FIELD", "lines[1].shopID"));
    assert!(en.contains("did you mean shopId?"), "{en}");
    assert!(zh.contains("是否想写 shopId？"), "{zh}");
}

#[test]
fn short_typos_get_a_suggestion_too() {
    // A swap of two letters, an abbreviation and a name's ending (trial 8: no suggestion for these).
    for (line, path, want) in [
        (
            json!({ "skuId": "cup", "unitPrice": "1.00", "qty": 1 }),
            "lines[1].qty",
            "quantity",
        ),
        (
            json!({ "skuId": "cup", "price": "1.00", "quantity": 1 }),
            "lines[1].price",
            "unitPrice",
        ),
        (
            json!({ "skuId": "cup", "unitPrice": "1.00", "quantity": 1, "titel": "杯" }),
            "lines[1].titel",
            "title",
        ),
    ] {
        let mut c = base();
        c["lines"][1] = line;
        let (code, p, en, zh) = parts(&cart_err(&c));
        assert_eq!((code, p.as_str()), ("UNKNOWN_FIELD", path));
        assert!(en.contains(&format!("did you mean {want}?")), "{en}");
        assert!(zh.contains(&format!("是否想写 {want}？")), "{zh}");
    }
}

#[test]
fn scope_skuids_is_refused_with_skuids_suggested() {
    let mut c = base();
    c["coupons"] = json!([{ "id": "half", "kind": "percent", "rate": "0.5",
                            "scope": { "level": "item", "skuids": ["tea"] } }]);
    let (code, path, en, zh) = parts(&cart_err(&c));
    assert_eq!(
        (code, path.as_str()),
        ("UNKNOWN_FIELD", "coupons[0].scope.skuids")
    );
    assert!(en.contains("did you mean skuIds?"), "{en}");
    assert!(zh.contains("是否想写 skuIds？"), "{zh}");
}

#[test]
fn a_key_like_no_field_gets_no_suggestion() {
    let mut c = base();
    c["buyer"] = json!({ "memberLevel": 1, "favouriteColour": "red" });
    let e = cart_err(&c);
    assert_eq!(
        (e.code(), e.path.as_str(), e.message_en().as_str()),
        (
            "UNKNOWN_FIELD",
            "buyer.favouriteColour",
            "unknown field \"favouriteColour\""
        )
    );
    assert_eq!(e.message(), "无法识别的字段“favouriteColour”");
}

// ---- every input type ------------------------------------------------------------------------

/// One stray key in each input the engine reads, decoded as that type.
#[test]
fn every_input_type_refuses_an_unknown_key() {
    fn check<T: serde::de::DeserializeOwned>(json: Value, path: &str) {
        let e = match from_json::<T>(&json.to_string()) {
            Err(e) => e,
            Ok(_) => panic!("{path}: accepted {json}"),
        };
        assert_eq!(
            (e.code(), e.path.as_str()),
            ("UNKNOWN_FIELD", path),
            "{json}"
        );
    }
    use xiaodian::address::Address;
    use xiaodian::category::Application;
    use xiaodian::fees::{FeeInput, HealthMetrics};
    use xiaodian::listing::{Listing, ListingOptions};
    use xiaodian::rulebook::Rulebook;
    let line = json!({ "skuId": "a", "unitPrice": "1", "quantity": 1 });
    let with = |mut v: Value, k: &str| {
        v[k] = json!(1);
        v
    };
    check::<Cart>(json!({ "lines": [], "zz": 1 }), "zz");
    check::<Cart>(
        json!({ "lines": [with(line.clone(), "qty")] }),
        "lines[0].qty",
    );
    for (field, value) in [
        (
            "memberPrices",
            json!([{ "level": 1, "rate": "0.9", "zz": 1 }]),
        ),
        (
            "flashSale",
            json!({ "unitPrice": "1", "start": NOW, "end": "2026-11-12", "zz": 1 }),
        ),
        ("groupBuy", json!({ "unitPrice": "1", "zz": 1 })),
        ("bargain", json!({ "unitPrice": "1", "zz": 1 })),
        (
            "ladder",
            json!([{ "minQuantity": 2, "unitPrice": "1", "zz": 1 }]),
        ),
    ] {
        let mut l = line.clone();
        l[field] = value.clone();
        let at = if value.is_array() {
            format!("lines[0].{field}[0].zz")
        } else {
            format!("lines[0].{field}.zz")
        };
        check::<Cart>(json!({ "lines": [l] }), &at);
    }
    check::<Cart>(json!({ "lines": [], "buyer": { "zz": 1 } }), "buyer.zz");
    check::<Cart>(
        json!({ "lines": [], "shipping": { "zz": 1 } }),
        "shipping.zz",
    );
    check::<Cart>(
        json!({ "lines": [], "shipping": { "shops": { "s1": { "fee": "1", "zz": 1 } } } }),
        "shipping.shops.s1.zz",
    );
    check::<Cart>(
        json!({ "lines": [], "points": { "balance": 1, "use": 1, "zz": 1 } }),
        "points.zz",
    );
    check::<Cart>(
        json!({ "lines": [], "shippingInsurance": { "fee": "1", "paidBy": "buyer", "zz": 1 } }),
        "shippingInsurance.zz",
    );
    check::<Cart>(
        json!({ "lines": [], "promotions": [{ "id": "p", "kind": "fixed", "zz": 1 }] }),
        "promotions[0].zz",
    );
    check::<Order>(json!({ "picks": [], "zz": 1 }), "zz");
    check::<Order>(
        json!({ "picks": [{ "skuId": "a", "quantity": 1, "zz": 1 }] }),
        "picks[0].zz",
    );
    let mut cat: Value =
        serde_json::from_str(&serde_json::to_string(&Catalog::demo()).unwrap()).unwrap();
    cat["products"][0]["skus"][0]["zz"] = json!(1);
    check::<Catalog>(cat.clone(), "products[0].skus[0].zz");
    cat["products"][0]["skus"][0]
        .as_object_mut()
        .unwrap()
        .remove("zz");
    cat["shops"][0]["zz"] = json!(1);
    check::<Catalog>(cat, "shops[0].zz");
    check::<Listing>(json!({ "title": "t", "zz": 1 }), "zz");
    check::<Listing>(json!({ "skus": [{ "skuId": "a", "zz": 1 }] }), "skus[0].zz");
    check::<Listing>(
        json!({ "images": [{ "url": "u", "zz": 1 }] }),
        "images[0].zz",
    );
    check::<ListingOptions>(json!({ "zz": 1 }), "zz");
    check::<FeeInput>(
        json!({ "subject": "individual", "categoryId": "food", "monthlyGmv": "1", "zz": 1 }),
        "zz",
    );
    check::<HealthMetrics>(json!({ "zz": 1 }), "zz");
    check::<Application>(
        json!({ "subject": "individual", "categoryId": "food", "zz": 1 }),
        "zz",
    );
    check::<Address>(json!({ "regionCode": "110105", "zz": 1 }), "zz");
    let mut book: Value = serde_json::from_str(xiaodian::rulebook::DEFAULT_RULEBOOK_JSON).unwrap();
    book["platforms"][0]["deposit"]["zz"] = json!(1);
    check::<Rulebook>(book, "platforms[0].deposit.zz");
}

#[test]
fn free_form_places_stay_free_form() {
    use xiaodian::listing::Listing;
    // Map keys are data: shop ids, attribute ids.
    let c = json!({ "lines": [], "shipping": { "shops": { "any shop id": { "fee": "1" } } } });
    assert!(from_json::<Cart>(&c.to_string()).is_ok());
    let l = json!({ "attributes": { "madeUpAttribute": "x", "isbn": 9787 } });
    assert!(from_json::<Listing>(&l.to_string()).is_ok());
}

// ---- meta ------------------------------------------------------------------------------------

#[test]
fn meta_is_accepted_where_allowed_and_changes_nothing() {
    let mut c = base();
    c["coupons"] = json!([{ "id": "c", "kind": "threshold", "threshold": "150", "amount": "20" }]);
    c["promotions"] = json!([{ "id": "p", "kind": "fixed", "amount": "1" }]);
    let plain = quote(&from_json::<Cart>(&c.to_string()).unwrap(), now()).unwrap();
    let meta =
        json!({ "orderRef": "A-1", "nested": [1, 2.5, { "x": null }], "lines": "not a field" });
    c["meta"] = meta.clone();
    c["lines"][0]["meta"] = json!("line note");
    c["coupons"][0]["meta"] = json!({ "campaign": 7 });
    c["promotions"][0]["meta"] = json!([true]);
    let cart = from_json::<Cart>(&c.to_string()).unwrap();
    assert_eq!(cart.meta.as_ref().unwrap().json(), meta.to_string());
    assert_eq!(cart.lines[0].meta.as_ref().unwrap().json(), "\"line note\"");
    let with = quote(&cart, now()).unwrap();
    assert_eq!(with.payable, plain.payable);
    assert_eq!(with.fingerprint, plain.fingerprint);
    assert_eq!(with, plain);
    // Not written back: a serialised cart has no meta.
    assert!(!serde_json::to_string(&cart).unwrap().contains("orderRef"));

    use xiaodian::listing::Listing;
    let l = from_json::<Listing>(r#"{"title":"t","meta":{"cms":42}}"#).unwrap();
    assert_eq!(l.meta.unwrap().json(), r#"{"cms":42}"#);
}

#[test]
fn meta_elsewhere_is_an_unknown_field() {
    let mut c = base();
    c["buyer"] = json!({ "meta": {} });
    let e = cart_err(&c);
    assert_eq!((e.code(), e.path.as_str()), ("UNKNOWN_FIELD", "buyer.meta"));
    // And meta must still be JSON.
    let bad = r#"{"lines":[],"meta":{"a":}}"#;
    assert_eq!(from_json::<Cart>(bad).unwrap_err().code(), "INVALID_INPUT");
}

// ---- property: rename any key ----------------------------------------------------------------

/// Every object key of a cart with its parent path, except the keys of `shipping.shops` (shop
/// ids: data, not fields).
fn keys(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                let at = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                if path != "shipping.shops" {
                    out.push((path.to_string(), k.clone()));
                }
                keys(x, &at, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                keys(x, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Rename the key `key` of the object at `path` (a path `keys` produced).
fn rename(v: &mut Value, path: &str, key: &str, to: &str) {
    let mut at = v;
    if !path.is_empty() {
        for part in path.split('.') {
            let (name, idx) = match part.find('[') {
                Some(b) => (&part[..b], Some(&part[b..])),
                None => (part, None),
            };
            at = &mut at[name];
            if let Some(idx) = idx {
                for i in idx.split(['[', ']']).filter(|s| !s.is_empty()) {
                    at = &mut at[i.parse::<usize>().unwrap()];
                }
            }
        }
    }
    let o = at.as_object_mut().unwrap();
    let value = o.remove(key).unwrap();
    o.insert(to.to_string(), value);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn renaming_any_known_key_is_unknown_field_at_that_key(seed in any::<u64>(), pick in any::<usize>(), upper in any::<bool>()) {
        let mut cart = carts::random_cart(&mut carts::Rng(seed), 6);
        prop_assert!(from_json::<Cart>(&cart.to_string()).is_ok());
        let mut all = Vec::new();
        keys(&cart, "", &mut all);
        let (parent, key) = all[pick % all.len()].clone();
        // Upper-cased (a wrong case) or one letter more (a typo): both name the original.
        let to = if upper { key.to_uppercase() } else { format!("{key}q") };
        prop_assume!(to != key);
        rename(&mut cart, &parent, &key, &to);
        let e = from_json::<Cart>(&cart.to_string()).expect_err("renamed key accepted");
        let at = if parent.is_empty() { to.clone() } else { format!("{parent}.{to}") };
        prop_assert_eq!(e.code(), "UNKNOWN_FIELD");
        prop_assert_eq!(&e.path, &at);
        let suggested = format!("did you mean {key}?");
        prop_assert!(e.message_en().contains(&suggested), "{}", e.message_en());
    }
}

// ---- catalog orders adjust -------------------------------------------------------------------

fn order(picks: Value) -> Order {
    from_json(&json!({ "picks": picks, "now": NOW }).to_string()).unwrap()
}

#[test]
fn a_pick_above_stock_is_capped_to_the_stock() {
    let cat = Catalog::demo();
    // teaset-travel: 40 in stock, no 限购.
    let q = cat
        .quote(
            &order(json!([{ "skuId": "teaset-travel", "quantity": 45 }])),
            now(),
        )
        .unwrap();
    assert_eq!(q.lines[0].quantity, 40);
    let a = &q.adjustments[0];
    assert_eq!(
        (a.sku_id.as_str(), a.requested, a.quantity, a.code.as_str()),
        ("teaset-travel", 45, 40, "OUT_OF_STOCK")
    );
    assert_eq!(
        a.message,
        "“便携旅行茶具套装 · 一壶四杯”库存仅剩 40 件，数量已从 45 件改为 40 件"
    );
    assert_eq!(
        a.message_en,
        "\"Travel tea set · pot and four cups\" has only 40 left: quantity changed from 45 to 40"
    );
    // Priced exactly as the order for 40.
    let forty = cat
        .quote(
            &order(json!([{ "skuId": "teaset-travel", "quantity": 40 }])),
            now(),
        )
        .unwrap();
    assert_eq!(q.payable, forty.payable);
    assert!(forty.adjustments.is_empty());
}

#[test]
fn a_pick_above_the_limit_is_capped_to_the_limit() {
    let cat = Catalog::demo();
    // mixnuts-30: 限购 5; kettle-12: stock 15, 限购 2 (the limit cuts deeper).
    let q = cat
        .quote(&order(json!([{ "skuId": "mixnuts-30", "quantity": 8 }, { "skuId": "kettle-12", "quantity": 20 }])), now())
        .unwrap();
    let got: Vec<_> = q
        .adjustments
        .iter()
        .map(|a| (a.sku_id.as_str(), a.requested, a.quantity, a.code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("mixnuts-30", 8, 5, "PURCHASE_LIMIT_EXCEEDED"),
            ("kettle-12", 20, 2, "PURCHASE_LIMIT_EXCEEDED")
        ]
    );
    assert_eq!(
        q.adjustments[0].message,
        "“每日坚果 30 包 · 30 包”每单限购 5 件，数量已从 8 件改为 5 件"
    );
    assert_eq!(
        q.adjustments[0].message_en,
        "\"Daily mixed nuts, 30 packs · 30 packs\" is limited to 5 per order: quantity changed from 8 to 5"
    );
    assert_eq!((q.lines[0].quantity, q.lines[1].quantity), (5, 2));
}

#[test]
fn sold_out_and_gone_skus_are_dropped_and_the_rest_quoted() {
    let cat = Catalog::demo();
    let q = cat
        .quote(
            &order(json!([
                { "skuId": "jasmine-250", "quantity": 2 },
                { "skuId": "mango-250", "quantity": 1 },
                { "skuId": "discontinued", "quantity": 3 }
            ])),
            now(),
        )
        .unwrap();
    let got: Vec<_> = q
        .adjustments
        .iter()
        .map(|a| (a.sku_id.as_str(), a.requested, a.quantity, a.code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("jasmine-250", 2, 0, "OUT_OF_STOCK"),
            ("discontinued", 3, 0, "UNAVAILABLE")
        ]
    );
    assert_eq!(
        q.adjustments[0].message,
        "“福州茉莉花茶 250g · 250g 袋装”已售罄，已从购物车移除"
    );
    assert_eq!(
        q.adjustments[1].message,
        "商品“discontinued”已下架，已从购物车移除"
    );
    assert_eq!(
        q.adjustments[1].message_en,
        "\"discontinued\" is no longer available and was removed from the cart"
    );
    assert_eq!(q.lines.len(), 1);
    assert_eq!(q.lines[0].sku_id, "mango-250");
    // Nothing left at all: an empty quote, not an error.
    let none = cat
        .quote(
            &order(json!([{ "skuId": "jasmine-250", "quantity": 1 }])),
            now(),
        )
        .unwrap();
    assert!(none.lines.is_empty());
    assert_eq!(none.payable.to_string(), "0.00");
    assert_eq!(none.adjustments.len(), 1);
}

#[test]
fn units_beyond_a_flash_limit_still_pay_the_normal_price() {
    // longjing-100: 秒杀 ¥59 for 2 per buyer, list ¥89, 80 in stock.
    let q = Catalog::demo()
        .quote(
            &order(json!([{ "skuId": "longjing-100", "quantity": 5 }])),
            now(),
        )
        .unwrap();
    assert!(q.adjustments.is_empty());
    assert_eq!(q.lines[0].quantity, 5);
    assert_eq!(q.lines[0].subtotal.to_string(), "385.00");
}

#[test]
fn adjustments_travel_with_the_cart_into_its_quote() {
    let cat = Catalog::demo();
    let cart = cat
        .cart(&order(json!([{ "skuId": "mixnuts-30", "quantity": 9 }])))
        .unwrap();
    assert_eq!(cart.adjustments.len(), 1);
    // As JSON (catalogCart's result) and back, as a JS caller does with quote(catalogCart(…)).
    let text = serde_json::to_string(&cart).unwrap();
    let q = quote(&from_json::<Cart>(&text).unwrap(), now()).unwrap();
    assert_eq!(q.adjustments, cart.adjustments);
    let out = serde_json::to_value(&q).unwrap();
    assert_eq!(out["adjustments"][0]["code"], "PURCHASE_LIMIT_EXCEEDED");
    assert_eq!(
        out["adjustments"][0]["messageEn"],
        cart.adjustments[0].message_en
    );
    // An unadjusted quote has no `adjustments` key (golden quotes unchanged).
    let plain = cat
        .quote(
            &order(json!([{ "skuId": "mixnuts-30", "quantity": 1 }])),
            now(),
        )
        .unwrap();
    assert!(serde_json::to_value(&plain)
        .unwrap()
        .get("adjustments")
        .is_none());
}

#[test]
fn malformed_orders_and_raw_carts_still_fail() {
    for (picks, path) in [
        (
            r#"[{"skuId":"mango-250","quantity":-1}]"#,
            "picks[0].quantity",
        ),
        (
            r#"[{"skuId":"mango-250","quantity":1.5}]"#,
            "picks[0].quantity",
        ),
        (
            r#"[{"skuId":"mango-250","quantity":0}]"#,
            "picks[0].quantity",
        ),
        (
            r#"[{"skuId":"mango-250","quantity":"lots"}]"#,
            "picks[0].quantity",
        ),
        (r#"[{"skuId":7,"quantity":1}]"#, "picks[0].skuId"),
        (r#"{"skuId":"mango-250"}"#, "picks"),
    ] {
        let e = from_json::<Order>(&format!(r#"{{"picks":{picks}}}"#)).unwrap_err();
        assert_eq!(e.path, path, "{picks}: {e}");
        assert_ne!(e.code(), "UNKNOWN_FIELD");
    }
    // A raw cart keeps its strict errors.
    let c = json!({ "lines": [{ "skuId": "a", "unitPrice": "1", "quantity": 3, "stock": 2 }] });
    let e = quote(&from_json::<Cart>(&c.to_string()).unwrap(), now()).unwrap_err();
    assert_eq!(
        (e.code(), e.path.as_str()),
        ("OUT_OF_STOCK", "lines[0].quantity")
    );
    let c =
        json!({ "lines": [{ "skuId": "a", "unitPrice": "1", "quantity": 3, "limitPerOrder": 2 }] });
    let e = quote(&from_json::<Cart>(&c.to_string()).unwrap(), now()).unwrap_err();
    assert_eq!(e.code(), "PURCHASE_LIMIT_EXCEEDED");
}
