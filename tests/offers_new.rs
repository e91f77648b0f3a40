//! The newer offer kinds — tiered (满减阶梯 / 满折 / 满N件, with gifts and rewards), nthItem
//! (第N件M折 / 买N送M), bundle (N元任选), addOn (加价购) — and the usesLeft / budgetLeft limits,
//! as the worked examples and a few edges.

use serde_json::{json, Value};
use xiaodian::{quote, Cart, Money, Quote, Timestamp};

const NOW: &str = "2026-11-11T20:30:00+08:00";

fn qt(v: Value) -> Quote {
    let mut v = v;
    v["now"] = json!(NOW);
    let cart: Cart = xiaodian::json::from_json(&v.to_string()).expect("cart decodes");
    let q = quote(&cart, Timestamp::parse(NOW).unwrap()).expect("quote succeeds");
    xiaodian::fuzzing::check_totals(&q);
    q
}

fn err(v: Value) -> (String, String) {
    let e = match xiaodian::json::from_json::<Cart>(&v.to_string()) {
        Err(e) => e,
        Ok(c) => quote(&c, Timestamp::parse(NOW).unwrap()).expect_err("quote must fail"),
    };
    (e.code().to_string(), e.path)
}

fn line(sku: &str, price: &str, qty: u32) -> Value {
    json!({ "skuId": sku, "unitPrice": price, "quantity": qty, "shopId": "s" })
}

fn applied(q: &Quote, id: &str) -> Money {
    q.applied
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("{id} not applied: {:?}", q.rejected))
        .amount
}

fn rejected(q: &Quote, id: &str) -> String {
    q.rejected
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("{id} not rejected"))
        .code
        .clone()
}

fn yuan(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn ladder() -> Value {
    json!({ "id": "t", "kind": "tiered", "tiers": [
        { "min": "199", "amount": "20" }, { "min": "299", "amount": "40" } ] })
}

#[test]
fn tiers_199_20_and_299_40_take_20_at_250_and_40_at_320() {
    let q = qt(json!({ "lines": [line("a", "250", 1)], "promotions": [ladder()] }));
    assert_eq!(applied(&q, "t"), yuan("20"));
    assert!(
        q.applied[0].message.contains("满199减20"),
        "{}",
        q.applied[0].message
    );
    let up = q
        .hints
        .iter()
        .find(|h| h.kind == "tierUp")
        .expect("a tier-up hint");
    assert_eq!((up.add_amount, up.saving), (yuan("49"), yuan("20")));
    assert_eq!(up.message, "再买 ¥49.00 升级到『满299减40』再省 ¥20.00");
    let q = qt(json!({ "lines": [line("a", "320", 1)], "promotions": [ladder()] }));
    assert_eq!(applied(&q, "t"), yuan("40"));
    // Below the lowest tier: THRESHOLD_NOT_MET with what is missing.
    let q = qt(json!({ "lines": [line("a", "150", 1)], "promotions": [ladder()] }));
    assert_eq!(rejected(&q, "t"), "THRESHOLD_NOT_MET");
    assert_eq!(q.rejected[0].missing, Some(yuan("49")));
}

#[test]
fn three_items_for_80_percent_on_three_times_10_takes_6() {
    let promo = json!({ "id": "t", "kind": "tiered", "basis": "count", "tiers": [{ "min": 3, "rate": "0.8" }] });
    let q = qt(json!({ "lines": [line("a", "10", 3)], "promotions": [promo] }));
    assert_eq!(applied(&q, "t"), yuan("6"));
    assert_eq!(q.applied[0].title, "满3件8折");
    let q = qt(json!({ "lines": [line("a", "10", 2)], "promotions": [promo] }));
    assert_eq!(rejected(&q, "t"), "MIN_QUANTITY_NOT_MET");
    assert_eq!(q.rejected[0].missing_quantity, Some(1));
    assert!(q
        .hints
        .iter()
        .any(|h| h.kind == "tierUp" && h.message == "再买 1 件升级到『满3件8折』再省 ¥6.00"));
}

#[test]
fn second_item_half_price_on_two_times_100_takes_50() {
    let promo = json!({ "id": "h", "kind": "nthItem", "n": 2, "rate": "0.5", "scope": { "level": "shop", "shopId": "s" } });
    let q = qt(json!({ "lines": [line("a", "100", 2)], "promotions": [promo] }));
    assert_eq!(applied(&q, "h"), yuan("50"));
    assert_eq!(q.applied[0].layer, xiaodian::promo::Layer::Item);
    assert_eq!(q.applied[0].title, "第二件半价");
}

#[test]
fn second_item_half_price_on_100_80_60_takes_40_from_the_80() {
    let promo = json!({ "id": "h", "kind": "nthItem", "n": 2, "rate": "0.5" });
    let q = qt(
        json!({ "lines": [line("a", "100", 1), line("b", "80", 1), line("c", "60", 1)], "promotions": [promo] }),
    );
    assert_eq!(applied(&q, "h"), yuan("40"));
    assert_eq!(q.lines[1].discount, yuan("40"));
    assert_eq!(q.lines[0].discount + q.lines[2].discount, Money::ZERO);
    // The ¥60 unit is alone in its group: one more unit would complete it.
    let h = q
        .hints
        .iter()
        .find(|h| h.kind == "nthItem")
        .expect("nthItem hint");
    assert_eq!(h.message, "再买 1 件享『第二件半价』（省 ¥30.00）");
}

#[test]
fn buy_two_get_one_free() {
    let promo = json!({ "id": "b", "kind": "nthItem", "n": 3, "rate": "0" });
    let q = qt(json!({ "lines": [line("a", "30", 2), line("b", "20", 1)], "promotions": [promo] }));
    assert_eq!(applied(&q, "b"), yuan("20"));
    assert_eq!(q.applied[0].title, "买2送1");
}

#[test]
fn three_for_99_on_50_40_30_20_takes_21_and_the_20_pays_in_full() {
    let promo = json!({ "id": "n", "kind": "bundle", "count": 3, "price": "99" });
    let q = qt(
        json!({ "lines": [line("a", "50", 1), line("b", "40", 1), line("c", "30", 1), line("d", "20", 1)], "promotions": [promo] }),
    );
    assert_eq!(applied(&q, "n"), yuan("21"));
    assert_eq!(q.lines[3].discount, Money::ZERO);
    // 21 over 50 : 40 : 30 by largest remainder.
    let parts: Vec<Money> = q.lines.iter().map(|l| l.discount).collect();
    assert_eq!(
        parts,
        vec![yuan("8.75"), yuan("7"), yuan("5.25"), Money::ZERO]
    );
    assert_eq!(q.applied[0].title, "3件99元");
    // Two more units at ¥20 would not beat ¥99: no hint.
    assert!(!q.hints.iter().any(|h| h.kind == "bundle"));
    let q = qt(json!({ "lines": [line("a", "40", 1)], "promotions": [promo] }));
    assert_eq!(rejected(&q, "n"), "MIN_QUANTITY_NOT_MET");
    let h = q
        .hints
        .iter()
        .find(|h| h.kind == "bundle")
        .expect("bundle hint");
    assert_eq!(h.message, "再买 2 件凑成『3件99元』");
    assert_eq!((h.add_amount, h.saving), (yuan("80"), yuan("21")));
}

#[test]
fn budget_left_5_caps_100_minus_20_at_5() {
    let promo = json!({ "id": "m", "kind": "threshold", "threshold": "100", "amount": "20", "budgetLeft": "5" });
    let q = qt(json!({ "lines": [line("a", "120", 1)], "promotions": [promo] }));
    assert_eq!(applied(&q, "m"), yuan("5"));
    assert!(q.applied[0].message.contains("活动预算已用尽"));
    let mut zero = promo.clone();
    zero["budgetLeft"] = json!("0");
    let q = qt(json!({ "lines": [line("a", "120", 1)], "promotions": [zero] }));
    assert_eq!(rejected(&q, "m"), "BUDGET_EXHAUSTED");
}

#[test]
fn uses_left_0_is_rejected() {
    let c = json!({ "id": "c", "kind": "fixed", "amount": "5", "usesLeft": 0 });
    let q = qt(json!({ "lines": [line("a", "120", 1)], "coupons": [c] }));
    assert_eq!(rejected(&q, "c"), "USAGE_LIMIT_REACHED");
    assert_eq!(q.rejected[0].message, "『无门槛减5』可用次数已用完");
    let mut one = c.clone();
    one["usesLeft"] = json!(1);
    let q = qt(json!({ "lines": [line("a", "120", 1)], "coupons": [one] }));
    assert_eq!(applied(&q, "c"), yuan("5"));
}

#[test]
fn a_reached_tier_gives_its_gifts_points_coupons_and_free_shipping() {
    let promo = json!({ "id": "g", "kind": "tiered", "scope": { "level": "shop", "shopId": "s" }, "tiers": [
        { "min": "100", "gifts": [{ "skuId": "bag", "quantity": 1, "title": "帆布袋" }], "points": 50 },
        { "min": "200", "amount": "10", "freeShipping": true, "issueCoupons": ["next-10"] } ] });
    let ship = json!({ "shops": { "s": { "fee": "8" } } });
    // Tier 1 saves nothing in money, yet its gift and points are given.
    let q = qt(json!({ "lines": [line("a", "120", 1)], "promotions": [promo], "shipping": ship }));
    assert_eq!(q.gifts.len(), 1);
    assert_eq!(
        (
            q.gifts[0].sku_id.as_str(),
            q.gifts[0].quantity,
            q.gifts[0].offer_id.as_str()
        ),
        ("bag", 1, "g")
    );
    assert_eq!(q.gifts[0].shop_id.as_deref(), Some("s"));
    assert_eq!(q.rewards.points, 50);
    assert_eq!(q.shipping, yuan("8"));
    let v = serde_json::to_value(&q).unwrap();
    assert_eq!(v["gifts"][0]["title"], "帆布袋");
    // Tier 2: ¥10 off and the ¥8 shipping freed; a coupon promised.
    let q = qt(json!({ "lines": [line("a", "230", 1)], "promotions": [promo], "shipping": ship }));
    assert_eq!(applied(&q, "g"), yuan("10"));
    assert_eq!(
        (q.shipping, q.shipping_saved, q.saving),
        (Money::ZERO, yuan("8"), yuan("18"))
    );
    assert!(q.gifts.is_empty());
    assert_eq!(q.rewards.coupons, vec!["next-10".to_string()]);
    // A quote with no rewards keeps its old shape.
    let q = qt(json!({ "lines": [line("a", "50", 1)], "promotions": [promo] }));
    let v = serde_json::to_value(&q).unwrap();
    assert!(v.get("gifts").is_none() && v.get("rewards").is_none());
}

#[test]
fn add_on_pays_its_price_once_the_threshold_is_reached() {
    let promo = json!({ "id": "j", "kind": "addOn", "threshold": "99", "items": [{ "skuId": "cup", "unitPrice": "9.9" }], "limit": 1 });
    let cup =
        json!({ "skuId": "cup", "unitPrice": "39", "quantity": 2, "shopId": "s", "addOnOf": "j" });
    let q = qt(json!({ "lines": [line("a", "100", 1), cup], "promotions": [promo] }));
    // One unit (the limit) at ¥9.90: ¥29.10 off, all on the cup line.
    assert_eq!(applied(&q, "j"), yuan("29.1"));
    assert_eq!(q.lines[1].discount, yuan("29.1"));
    // The add-on line does not count toward its own threshold.
    let q = qt(json!({ "lines": [line("a", "60", 1), cup], "promotions": [promo] }));
    assert_eq!(rejected(&q, "j"), "THRESHOLD_NOT_MET");
    assert_eq!(q.rejected[0].missing, Some(yuan("39")));
    assert_eq!(q.lines[1].payable, yuan("78"));
}

#[test]
fn item_kinds_apply_before_shop_thresholds() {
    // 第二件半价 brings ¥200 down to ¥150: a shop 满199减20 no longer reaches.
    let q = qt(json!({ "lines": [line("a", "100", 2)], "promotions": [
        { "id": "h", "kind": "nthItem", "n": 2, "rate": "0.5", "scope": { "level": "item", "skuIds": ["a"] } },
        { "id": "m", "kind": "threshold", "threshold": "199", "amount": "20", "scope": { "level": "shop", "shopId": "s" } } ] }));
    assert_eq!(applied(&q, "h"), yuan("50"));
    assert_eq!(rejected(&q, "m"), "THRESHOLD_NOT_MET");
}

#[test]
fn new_kinds_check_their_terms_with_paths() {
    let l = json!([line("a", "10", 1)]);
    let cases = [
        (
            json!({ "id": "x", "kind": "tiered" }),
            "promotions[0].tiers",
        ),
        (
            json!({ "id": "x", "kind": "tiered", "tiers": [{ "min": "200", "amount": "1" }, { "min": "100", "amount": "2" }] }),
            "promotions[0].tiers[1].min",
        ),
        (
            json!({ "id": "x", "kind": "tiered", "basis": "count", "tiers": [{ "min": "2.5", "rate": "0.9" }] }),
            "promotions[0].tiers[0].min",
        ),
        (
            json!({ "id": "x", "kind": "tiered", "tiers": [{ "min": "1", "rate": "0.9", "amount": "1" }] }),
            "promotions[0].tiers[0].rate",
        ),
        (
            json!({ "id": "x", "kind": "nthItem", "n": 1, "rate": "0.5" }),
            "promotions[0].n",
        ),
        (
            json!({ "id": "x", "kind": "nthItem", "n": 2 }),
            "promotions[0].rate",
        ),
        (
            json!({ "id": "x", "kind": "bundle", "count": 3 }),
            "promotions[0].price",
        ),
        (
            json!({ "id": "x", "kind": "addOn", "threshold": "9" }),
            "promotions[0].items",
        ),
    ];
    for (promo, path) in cases {
        let (code, at) = err(json!({ "lines": l, "promotions": [promo], "now": NOW }));
        assert_eq!(
            (code.as_str(), at.as_str()),
            ("INVALID_INPUT", path),
            "{promo}"
        );
    }
    let (code, at) = err(
        json!({ "lines": [{ "skuId": "a", "unitPrice": "1", "quantity": 1, "addOnOf": "nope" }], "now": NOW }),
    );
    assert_eq!(
        (code.as_str(), at.as_str()),
        ("UNKNOWN_ID", "lines[0].addOnOf")
    );
}

#[test]
fn the_demo_catalog_runs_every_newer_kind() {
    use xiaodian::catalog::{Catalog, Order};
    let catalog = Catalog::demo();
    let quote_picks = |picks: Value| {
        let order: Order = serde_json::from_value(json!({ "picks": picks, "now": NOW })).unwrap();
        let q = quote(
            &catalog.cart(&order).unwrap(),
            Timestamp::parse(NOW).unwrap(),
        )
        .unwrap();
        xiaodian::fuzzing::check_totals(&q);
        q
    };
    // Tea ¥25 × 2 cups (第二件半价) + ¥178 Pu'er: ¥12.50 off; tea goods reach ¥199 before it,
    // so the kettle add-on is offered, and bought with addOnOf it costs ¥99.
    let q = quote_picks(
        json!([{ "skuId": "cup-single", "quantity": 2 }, { "skuId": "puer-357", "quantity": 1 }, { "skuId": "longjing-100", "quantity": 1 }]),
    );
    assert_eq!(applied(&q, "cup-second-half"), yuan("12.5"));
    assert!(q
        .hints
        .iter()
        .any(|h| h.kind == "addOn" && h.id.as_deref() == Some("tea-addon-kettle")));
    let q = quote_picks(
        json!([{ "skuId": "cup-single", "quantity": 2 }, { "skuId": "puer-357", "quantity": 1 }, { "skuId": "longjing-100", "quantity": 1 },
        { "skuId": "kettle-12", "quantity": 1, "addOnOf": "tea-addon-kettle" }]),
    );
    assert_eq!(applied(&q, "tea-addon-kettle"), yuan("160"));
    // Jerky ¥58 × 3 = ¥174 reaches 满159: ¥25 off, a gift under the snack shop, 100 points.
    let q = quote_picks(json!([{ "skuId": "jerky-200", "quantity": 3 }]));
    assert_eq!(applied(&q, "jerky-tiers"), yuan("25"));
    assert_eq!(
        (q.gifts[0].sku_id.as_str(), q.gifts[0].shop_id.as_deref()),
        ("mango-250", Some("snack"))
    );
    assert_eq!(q.rewards.points, 100);
    // The gift SKU's stock counts: with all 400 mango bags in the order, none is left to give.
    let q = quote_picks(
        json!([{ "skuId": "jerky-200", "quantity": 3 }, { "skuId": "mango-250", "quantity": 400 }]),
    );
    assert!(q.gifts.is_empty());
    assert_eq!(q.rewards.points, 100);
    // 3 books: 9折 on top of 每满100减10; rice × 2 + soy sauce: 3件99元.
    let q = quote_picks(
        json!([{ "skuId": "poems-hc", "quantity": 3 }, { "skuId": "rice-5kg", "quantity": 2 }, { "skuId": "soy-500", "quantity": 1 }]),
    );
    assert!(q.applied.iter().any(|a| a.id == "book-3-90"));
    assert_eq!(applied(&q, "grain-3-99"), yuan("60.7"));
}

/// The demo catalog's English sentences name every offer, tier and gift in English: no Chinese
/// left in any `messageEn` or `titleEn` of hints, applied offers and gifts.
#[test]
fn the_demo_catalogs_english_sentences_are_english() {
    use xiaodian::catalog::{Catalog, Order};
    let catalog = Catalog::demo();
    let cjk = |s: &str| s.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c));
    for picks in [
        // 满159 tier reached with its gift; cups one short of the second; the kettle offered.
        json!([{ "skuId": "jerky-200", "quantity": 3 }, { "skuId": "cup-single", "quantity": 1 }, { "skuId": "puer-357", "quantity": 2 }]),
        // Below the jerky tiers and one book short of 满3件: tier-up hints.
        json!([{ "skuId": "jerky-200", "quantity": 2 }, { "skuId": "poems-hc", "quantity": 2 }, { "skuId": "rice-5kg", "quantity": 2 }]),
        json!([{ "skuId": "jerky-200", "quantity": 1 }, { "skuId": "poems-hc", "quantity": 3 }, { "skuId": "cup-single", "quantity": 2 },
            { "skuId": "rice-5kg", "quantity": 2 }, { "skuId": "soy-500", "quantity": 1 }]),
    ] {
        let order: Order = serde_json::from_value(json!({ "picks": picks, "now": NOW })).unwrap();
        let q = quote(
            &catalog.cart(&order).unwrap(),
            Timestamp::parse(NOW).unwrap(),
        )
        .unwrap();
        assert!(!q.hints.is_empty() && !q.applied.is_empty());
        for h in &q.hints {
            assert!(!cjk(&h.message_en), "hint {:?}: {}", h.kind, h.message_en);
        }
        for a in &q.applied {
            assert!(!cjk(&a.message_en), "applied {}: {}", a.id, a.message_en);
            assert!(a.title_en.as_deref().is_some_and(|t| !cjk(t)), "{}", a.id);
        }
        for g in &q.gifts {
            assert!(
                g.title_en.as_deref().is_some_and(|t| !cjk(t)),
                "gift {}",
                g.sku_id
            );
        }
    }
}
