//! The stacking engine: every promotion type, scope, condition and rejection code as named
//! examples; auto-selection checked against brute force on thousands of random carts; the
//! invariants on every one of them; refunds consistent with the allocation.

use serde_json::{json, Value};
use xiaodian::promo::{brute_force, Rank};
use xiaodian::quote::price_cart;
use xiaodian::refund::{refund_preview, QuoteView};
use xiaodian::{quote, Cart, Money, Quote, Timestamp};

#[path = "support/carts.rs"]
mod carts;
use carts::{big_wallet, random_cart, random_cart_of, Rng, ALL_KINDS};

use carts::NOW;

fn now() -> Timestamp {
    Timestamp::parse(NOW).unwrap()
}

fn cart(v: Value) -> Cart {
    serde_json::from_value(v).expect("cart decodes")
}

fn qt(v: Value) -> Quote {
    quote(&cart(v), now()).expect("quote succeeds")
}

fn err(v: Value) -> (String, String) {
    let e = match xiaodian::json::from_json::<Cart>(&v.to_string()) {
        Err(e) => e,
        Ok(c) => quote(&c, now()).expect_err("quote must fail"),
    };
    (e.code().to_string(), e.path)
}

fn applied(q: &Quote) -> Vec<(String, String)> {
    q.applied
        .iter()
        .map(|a| (a.id.clone(), a.amount.to_string()))
        .collect()
}

fn rejected(q: &Quote, id: &str) -> (String, Option<String>) {
    let r = q
        .rejected
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("{id} not rejected: {:?}", q.applied));
    (r.code.clone(), r.missing.map(|m| m.to_string()))
}

fn three_hundred() -> Value {
    json!([
        { "skuId": "a", "unitPrice": "100.00", "quantity": 1, "shopId": "s" },
        { "skuId": "b", "unitPrice": "100.00", "quantity": 1, "shopId": "s" },
        { "skuId": "c", "unitPrice": "100.00", "quantity": 1, "shopId": "s" }
    ])
}

fn shop_and_platform() -> Value {
    json!([
        { "id": "shop", "kind": "threshold", "threshold": "200", "amount": "30", "scope": { "level": "shop", "shopId": "s" } },
        { "id": "plat", "kind": "threshold", "threshold": "299", "amount": "50", "scope": { "level": "platform" } }
    ])
}

#[test]
fn contract_auto_leaves_the_shop_coupon_out_to_unlock_the_platform_one() {
    let q = qt(json!({ "lines": three_hundred(), "coupons": shop_and_platform() }));
    assert_eq!(q.payable.to_string(), "250.00");
    assert_eq!(applied(&q), vec![("plat".into(), "50.00".into())]);
    assert_eq!(rejected(&q, "shop").0, "NOT_CHOSEN");
    assert_eq!(q.selection, "auto");
}

#[test]
fn contract_manual_selection_rejects_the_platform_coupon_with_missing_amount() {
    let q = qt(
        json!({ "lines": three_hundred(), "coupons": shop_and_platform(), "couponSelection": ["shop", "plat"] }),
    );
    assert_eq!(q.payable.to_string(), "270.00");
    assert_eq!(applied(&q), vec![("shop".into(), "30.00".into())]);
    // The platform threshold sees ¥270 after the shop layer: ¥29.00 short.
    assert_eq!(
        rejected(&q, "plat"),
        ("THRESHOLD_NOT_MET".into(), Some("29.00".into()))
    );
    let r = q.rejected.iter().find(|r| r.id == "plat").unwrap();
    assert!(r.message.contains("还差 ¥29.00"), "{}", r.message);
    assert_eq!(q.selection, "manual");
}

#[test]
fn every_threshold_with_and_without_cap() {
    let lines = json!([{ "skuId": "a", "unitPrice": "350.00", "quantity": 1 }]);
    let q = qt(
        json!({ "lines": lines, "coupons": [{ "id": "e", "kind": "everyThreshold", "threshold": "100", "amount": "15" }] }),
    );
    assert_eq!(applied(&q), vec![("e".into(), "45.00".into())]);
    assert_eq!(q.applied[0].times, Some(3));
    // The next step is ¥50 away and worth ¥15.
    let h = q.hints.iter().find(|h| h.kind == "everyThreshold").unwrap();
    assert_eq!(
        (h.add_amount.to_string(), h.saving.to_string()),
        ("50.00".into(), "15.00".into())
    );
    let capped = qt(
        json!({ "lines": lines, "coupons": [{ "id": "e", "kind": "everyThreshold", "threshold": "100", "amount": "15", "cap": "20" }] }),
    );
    assert_eq!(applied(&capped), vec![("e".into(), "20.00".into())]);
    assert!(capped.applied[0].cap_hit);
}

#[test]
fn percent_rate_is_the_fraction_paid_rounded_half_up_with_cap() {
    // 八五折 on ¥19.90: 19.90 × 0.15 = 2.985 → 2.99 off.
    let q = qt(
        json!({ "lines": [{ "skuId": "a", "unitPrice": "19.90", "quantity": 1 }], "coupons": [{ "id": "p", "kind": "percent", "rate": "0.85" }] }),
    );
    assert_eq!(applied(&q), vec![("p".into(), "2.99".into())]);
    assert_eq!(q.payable.to_string(), "16.91");
    let capped = qt(
        json!({ "lines": [{ "skuId": "a", "unitPrice": "500", "quantity": 1 }], "coupons": [{ "id": "p", "kind": "percent", "rate": "0.8", "cap": "50" }] }),
    );
    assert_eq!(applied(&capped), vec![("p".into(), "50.00".into())]);
    assert!(capped.applied[0].message.contains("已达上限"));
}

#[test]
fn fixed_never_goes_below_zero() {
    let q = qt(
        json!({ "lines": [{ "skuId": "a", "unitPrice": "3.00", "quantity": 1 }], "coupons": [{ "id": "f", "kind": "fixed", "amount": "5" }] }),
    );
    assert_eq!(applied(&q), vec![("f".into(), "3.00".into())]);
    assert_eq!(q.payable.to_string(), "0.00");
    assert_eq!(q.lines[0].payable.to_string(), "0.00");
}

#[test]
fn free_shipping_zeroes_its_shops_shipping() {
    let q = qt(json!({
        "lines": [
            { "skuId": "a", "unitPrice": "20.00", "quantity": 1, "shopId": "s1" },
            { "skuId": "b", "unitPrice": "20.00", "quantity": 1, "shopId": "s2" }
        ],
        "shipping": { "default": { "fee": "8.00" } },
        "coupons": [{ "id": "ship", "kind": "freeShipping", "scope": { "level": "shop", "shopId": "s2" } }]
    }));
    assert_eq!(q.shipping.to_string(), "8.00");
    assert_eq!(q.shipping_saved.to_string(), "8.00");
    assert_eq!(q.payable.to_string(), "48.00");
    assert_eq!(q.applied[0].shops_freed, vec!["s2".to_string()]);
    assert_eq!(q.shops[1].freight.to_string(), "0.00");
}

#[test]
fn scopes_item_category_shop_and_platform() {
    let lines = json!([
        { "skuId": "nut", "unitPrice": "50", "quantity": 2, "shopId": "s1", "categoryId": "food.snacks.nuts" },
        { "skuId": "tea", "unitPrice": "80", "quantity": 1, "shopId": "s1", "categoryId": "food.tea.green" },
        { "skuId": "book", "unitPrice": "60", "quantity": 1, "shopId": "s2", "categoryId": "books.history" }
    ]);
    let one = |coupon: Value| qt(json!({ "lines": lines, "coupons": [coupon] }));
    // Item by sku: only the nuts (¥100) count.
    let q = one(
        json!({ "id": "i", "kind": "percent", "rate": "0.9", "scope": { "level": "item", "skuIds": ["nut"] } }),
    );
    assert_eq!(applied(&q), vec![("i".into(), "10.00".into())]);
    assert_eq!(q.lines[0].discount.to_string(), "10.00");
    // A first-level category covers its sub-categories: food = nuts + tea = ¥180.
    let q = one(
        json!({ "id": "c", "kind": "percent", "rate": "0.9", "scope": { "level": "item", "categoryIds": ["food"] } }),
    );
    assert_eq!(applied(&q), vec![("c".into(), "18.00".into())]);
    // "food.sn" is not a category prefix of "food.snacks.nuts".
    let q = one(
        json!({ "id": "c", "kind": "percent", "rate": "0.9", "scope": { "level": "item", "categoryIds": ["food.sn"] } }),
    );
    assert_eq!(rejected(&q, "c").0, "SCOPE_NO_MATCH");
    // Shop: s2 only.
    let q = one(
        json!({ "id": "s", "kind": "threshold", "threshold": "60", "amount": "10", "scope": { "level": "shop", "shopId": "s2" } }),
    );
    assert_eq!(q.lines[2].discount.to_string(), "10.00");
    // Platform: across shops, allocated by each line's amount (100 : 80 : 60 of ¥24).
    let q = one(json!({ "id": "p", "kind": "fixed", "amount": "24" }));
    let d: Vec<String> = q.lines.iter().map(|l| l.discount.to_string()).collect();
    assert_eq!(d, ["10.00", "8.00", "6.00"]);
}

#[test]
fn conditions_reject_with_their_codes() {
    let lines = json!([{ "skuId": "a", "unitPrice": "100", "quantity": 2, "shopId": "s" }]);
    let q = qt(
        json!({ "lines": lines, "buyer": { "memberLevel": 1 }, "coupons": [
        { "id": "old", "kind": "fixed", "amount": "5", "validTo": "2026-11-10" },
        { "id": "soon", "kind": "fixed", "amount": "5", "validFrom": "2026-11-12T00:00:00+08:00" },
        { "id": "vip", "kind": "fixed", "amount": "5", "minMemberLevel": 2 },
        { "id": "new", "kind": "fixed", "amount": "5", "newCustomerOnly": true },
        { "id": "qty", "kind": "fixed", "amount": "5", "minQuantity": 5 },
        { "id": "else", "kind": "fixed", "amount": "5", "scope": { "level": "shop", "shopId": "other" } },
        { "id": "today", "kind": "fixed", "amount": "1", "validTo": "2026-11-11" }
    ] }),
    );
    assert_eq!(rejected(&q, "old").0, "EXPIRED");
    assert_eq!(rejected(&q, "soon").0, "NOT_YET_VALID");
    assert_eq!(rejected(&q, "vip").0, "MEMBER_ONLY");
    assert_eq!(rejected(&q, "new").0, "NEW_CUSTOMER_ONLY");
    let qty = q.rejected.iter().find(|r| r.id == "qty").unwrap();
    assert_eq!(
        (qty.code.as_str(), qty.missing_quantity),
        ("MIN_QUANTITY_NOT_MET", Some(3))
    );
    assert_eq!(rejected(&q, "else").0, "SCOPE_NO_MATCH");
    // A bare-date validTo lasts through that day.
    assert_eq!(applied(&q), vec![("today".into(), "1.00".into())]);
    let member = qt(
        json!({ "lines": lines, "buyer": { "memberLevel": 2, "newCustomer": true }, "coupons": [
        { "id": "vip", "kind": "fixed", "amount": "5", "minMemberLevel": 2, "stackable": true },
        { "id": "new", "kind": "fixed", "amount": "7", "newCustomerOnly": true, "memberOnly": true, "stackable": true }
    ] }),
    );
    assert_eq!(member.discount.to_string(), "12.00");
}

#[test]
fn exclusive_stack_group_and_one_per_layer_and_shop() {
    let lines = json!([{ "skuId": "a", "unitPrice": "300", "quantity": 1, "shopId": "s" }]);
    // The exclusive ¥60 beats ¥30 + ¥25 together? No: 55 < 60, so it alone is chosen.
    let q = qt(json!({ "lines": lines, "coupons": [
        { "id": "x", "kind": "fixed", "amount": "60", "exclusive": true },
        { "id": "s1", "kind": "fixed", "amount": "30", "scope": { "level": "shop", "shopId": "s" } },
        { "id": "p1", "kind": "fixed", "amount": "25" }
    ] }));
    assert_eq!(applied(&q), vec![("x".into(), "60.00".into())]);
    assert_eq!(rejected(&q, "s1").0, "EXCLUSIVE_CONFLICT");
    // Same stack group never combine, even across layers.
    let q = qt(json!({ "lines": lines, "coupons": [
        { "id": "g1", "kind": "fixed", "amount": "30", "stackGroup": "new-user", "scope": { "level": "shop", "shopId": "s" } },
        { "id": "g2", "kind": "fixed", "amount": "20", "stackGroup": "new-user" }
    ] }));
    assert_eq!(applied(&q), vec![("g1".into(), "30.00".into())]);
    assert_eq!(rejected(&q, "g2").0, "STACK_GROUP_CONFLICT");
    // Two shop coupons for one shop: only one, unless stackable.
    let two = |stackable: bool| {
        qt(json!({ "lines": lines, "coupons": [
        { "id": "a", "kind": "fixed", "amount": "30", "scope": { "level": "shop", "shopId": "s" }, "stackable": stackable },
        { "id": "b", "kind": "fixed", "amount": "20", "scope": { "level": "shop", "shopId": "s" }, "stackable": stackable }
    ] }))
    };
    let q = two(false);
    assert_eq!(applied(&q), vec![("a".into(), "30.00".into())]);
    assert_eq!(rejected(&q, "b").0, "LAYER_CONFLICT");
    assert_eq!(two(true).discount.to_string(), "50.00");
    // Manual picks that conflict: the later pick is rejected with the reason.
    let q = qt(
        json!({ "lines": lines, "couponSelection": ["b", "a"], "coupons": [
        { "id": "a", "kind": "fixed", "amount": "30", "scope": { "level": "shop", "shopId": "s" } },
        { "id": "b", "kind": "fixed", "amount": "20", "scope": { "level": "shop", "shopId": "s" } }
    ] }),
    );
    assert_eq!(applied(&q), vec![("b".into(), "20.00".into())]);
    assert_eq!(rejected(&q, "a").0, "LAYER_CONFLICT");
}

#[test]
fn a_shop_promotion_and_a_shop_coupon_both_apply() {
    let q = qt(json!({
        "lines": [{ "skuId": "a", "unitPrice": "300", "quantity": 1, "shopId": "s" }],
        "promotions": [{ "id": "campaign", "kind": "threshold", "threshold": "299", "amount": "40", "scope": { "level": "shop", "shopId": "s" } }],
        "coupons": [{ "id": "c", "kind": "threshold", "threshold": "200", "amount": "20", "scope": { "level": "shop", "shopId": "s" } }]
    }));
    assert_eq!(q.discount.to_string(), "60.00");
    assert_eq!(q.applied.len(), 2);
    // Manual selection of no coupons still gets the promotion.
    let q = qt(json!({
        "lines": [{ "skuId": "a", "unitPrice": "300", "quantity": 1, "shopId": "s" }],
        "couponSelection": [],
        "promotions": [{ "id": "campaign", "kind": "threshold", "threshold": "299", "amount": "40", "scope": { "level": "shop", "shopId": "s" } }],
        "coupons": [{ "id": "c", "kind": "fixed", "amount": "5" }]
    }));
    assert_eq!(applied(&q), vec![("campaign".into(), "40.00".into())]);
    assert_eq!(rejected(&q, "c").0, "NOT_SELECTED");
}

#[test]
fn a_coupon_that_costs_more_shipping_than_it_saves_is_left_out() {
    // ¥100 of goods, free shipping from ¥100 (else ¥10). A ¥5 shop coupon would drop the
    // goods to ¥95 and cost ¥10 of shipping.
    let q = qt(json!({
        "lines": [{ "skuId": "a", "unitPrice": "100", "quantity": 1, "shopId": "s" }],
        "shipping": { "default": { "fee": "10", "freeThreshold": "100" } },
        "coupons": [{ "id": "c", "kind": "fixed", "amount": "5", "scope": { "level": "shop", "shopId": "s" } }]
    }));
    assert_eq!(q.payable.to_string(), "100.00");
    assert_eq!(rejected(&q, "c").0, "NOT_CHOSEN");
    // A platform coupon does not move the shop's free-shipping threshold.
    let q = qt(json!({
        "lines": [{ "skuId": "a", "unitPrice": "100", "quantity": 1, "shopId": "s" }],
        "shipping": { "default": { "fee": "10", "freeThreshold": "100" } },
        "coupons": [{ "id": "p", "kind": "fixed", "amount": "5" }]
    }));
    assert_eq!(q.payable.to_string(), "95.00");
}

#[test]
fn ties_prefer_fewer_coupons_then_soonest_expiry_then_id() {
    let lines = json!([{ "skuId": "a", "unitPrice": "100", "quantity": 1, "shopId": "s" }]);
    let q = qt(json!({ "lines": lines, "coupons": [
        { "id": "one", "kind": "fixed", "amount": "10", "exclusive": true },
        { "id": "half1", "kind": "fixed", "amount": "5", "scope": { "level": "shop", "shopId": "s" } },
        { "id": "half2", "kind": "fixed", "amount": "5", "scope": { "level": "item", "skuIds": ["a"] } }
    ] }));
    assert_eq!(applied(&q), vec![("one".into(), "10.00".into())]);
    let q = qt(json!({ "lines": lines, "coupons": [
        { "id": "late", "kind": "fixed", "amount": "10", "validTo": "2026-12-31" },
        { "id": "soon", "kind": "fixed", "amount": "10", "validTo": "2026-11-20" },
        { "id": "never", "kind": "fixed", "amount": "10" }
    ] }));
    assert_eq!(applied(&q), vec![("soon".into(), "10.00".into())]);
    let q = qt(json!({ "lines": lines, "coupons": [
        { "id": "b", "kind": "fixed", "amount": "10" },
        { "id": "a", "kind": "fixed", "amount": "10" }
    ] }));
    assert_eq!(applied(&q), vec![("a".into(), "10.00".into())]);
}

#[test]
fn hints_name_the_cheapest_way_to_save_more() {
    let q = qt(json!({
        "lines": [{ "skuId": "a", "unitPrice": "187.00", "quantity": 1, "shopId": "s" }],
        "coupons": [
            { "id": "m199", "kind": "threshold", "threshold": "199", "amount": "20", "scope": { "level": "shop", "shopId": "s" } },
            { "id": "m500", "kind": "threshold", "threshold": "500", "amount": "80" }
        ]
    }));
    assert_eq!(
        q.hints[0].message,
        "再买 ¥12.00 可用『满199减20』再省 ¥20.00"
    );
    assert_eq!(
        q.hints[0].message_en,
        "Add ¥12.00 to use \"满199减20\" and save ¥20.00 more"
    );
    assert_eq!(q.hints[1].add_amount.to_string(), "313.00");
    assert_eq!(
        rejected(&q, "m199"),
        ("THRESHOLD_NOT_MET".into(), Some("12.00".into()))
    );
}

#[test]
fn points_default_rate_cap_max_and_overrides() {
    let lines = json!([{ "skuId": "a", "unitPrice": "100", "quantity": 1 }, { "skuId": "b", "unitPrice": "50", "quantity": 1 }]);
    // 100 points = ¥1; at most 50 % of goods after coupons (¥140 → ¥70).
    let q = qt(
        json!({ "lines": lines, "coupons": [{ "id": "c", "kind": "fixed", "amount": "10" }], "points": { "balance": 100000, "use": "max" } }),
    );
    let p = q.points.as_ref().unwrap();
    assert_eq!(
        (p.deduction.to_string(), p.used, p.max_deduction.to_string()),
        ("70.00".into(), 7000, "70.00".into())
    );
    assert_eq!(q.payable.to_string(), "70.00");
    let q = qt(json!({ "lines": lines, "points": { "balance": 1234, "use": 555 } }));
    assert_eq!(q.points_deduction.to_string(), "5.55");
    let lines_sum: Money = q.lines.iter().map(|l| l.points_deduction).sum();
    assert_eq!(lines_sum.to_string(), "5.55");
    // Per-cart override: 10 points = ¥1, at most 10 %.
    let q = qt(
        json!({ "lines": lines, "points": { "balance": 1000, "use": "max", "pointsPerYuan": 10, "maxDeductionRate": "0.1" } }),
    );
    assert_eq!(q.points_deduction.to_string(), "15.00");
    assert_eq!(q.points.as_ref().unwrap().used, 150);
    // Odd rates round to whole fen: 3 points per yuan, 1 point = 33.33… fen → 33 fen.
    let q = qt(json!({ "lines": lines, "points": { "balance": 1, "use": 1, "pointsPerYuan": 3 } }));
    assert_eq!(q.points_deduction.to_string(), "0.33");
    assert_eq!(
        err(json!({ "lines": lines, "points": { "balance": 10, "use": 11 } })),
        ("INVALID_INPUT".into(), "points.use".into())
    );
    assert_eq!(
        err(json!({ "lines": lines, "points": { "balance": 10, "use": "all" } })),
        ("INVALID_INPUT".into(), "points.use".into())
    );
}

#[test]
fn shipping_insurance_paid_by_buyer_or_merchant() {
    let lines = json!([{ "skuId": "a", "unitPrice": "50", "quantity": 1, "shopId": "s1" }, { "skuId": "b", "unitPrice": "50", "quantity": 1, "shopId": "s2" }]);
    let q =
        qt(json!({ "lines": lines, "shippingInsurance": { "fee": "0.80", "paidBy": "buyer" } }));
    assert_eq!(
        (
            q.insurance.to_string(),
            q.shipping.to_string(),
            q.payable.to_string()
        ),
        ("1.60".into(), "1.60".into(), "101.60".into())
    );
    let q =
        qt(json!({ "lines": lines, "shippingInsurance": { "fee": "0.80", "paidBy": "merchant" } }));
    assert_eq!(
        (q.merchant_insurance.to_string(), q.payable.to_string()),
        ("1.60".into(), "100.00".into())
    );
}

#[test]
fn offer_input_errors_name_the_field() {
    let lines = json!([{ "skuId": "a", "unitPrice": "50", "quantity": 1 }]);
    let e = |coupons: Value| err(json!({ "lines": lines, "coupons": coupons }));
    assert_eq!(
        e(json!([{ "id": "x", "kind": "threshold", "amount": "5" }])),
        ("INVALID_INPUT".into(), "coupons[0].threshold".into())
    );
    assert_eq!(
        e(json!([{ "id": "x", "kind": "everyThreshold", "threshold": "0", "amount": "5" }])),
        ("INVALID_INPUT".into(), "coupons[0].threshold".into())
    );
    assert_eq!(
        e(json!([{ "id": "x", "kind": "percent" }])),
        ("INVALID_INPUT".into(), "coupons[0].rate".into())
    );
    assert_eq!(
        e(json!([{ "id": "x", "kind": "percent", "rate": "1.2" }])),
        ("INVALID_RATE".into(), "coupons[0].rate".into())
    );
    assert_eq!(
        e(json!([{ "id": "x", "kind": "gift" }])),
        ("INVALID_INPUT".into(), "coupons[0].kind".into())
    );
    assert_eq!(
        e(json!([{ "id": "x", "kind": "fixed", "amount": "1", "scope": { "level": "shop" } }])),
        ("INVALID_INPUT".into(), "coupons[0].scope.shopId".into())
    );
    assert_eq!(
        e(
            json!([{ "id": "x", "kind": "fixed", "amount": "1" }, { "id": "x", "kind": "fixed", "amount": "2" }])
        ),
        ("DUPLICATE_ID".into(), "coupons[1].id".into())
    );
    assert_eq!(
        e(
            json!([{ "id": "x", "kind": "fixed", "amount": "1", "validFrom": "2026-12-01", "validTo": "2026-11-01" }])
        ),
        ("INVALID_TIME_WINDOW".into(), "coupons[0].validTo".into())
    );
    assert_eq!(
        err(json!({ "lines": lines, "coupons": [], "couponSelection": ["ghost"] })),
        ("UNKNOWN_ID".into(), "couponSelection[0]".into())
    );
    assert_eq!(
        err(json!({ "lines": lines, "couponSelection": "best" })),
        ("INVALID_INPUT".into(), "couponSelection".into())
    );
}

#[test]
fn lines_show_their_breakdown_by_offer() {
    let q = qt(json!({
        "lines": [{ "skuId": "a", "unitPrice": "60", "quantity": 1, "shopId": "s" }, { "skuId": "b", "unitPrice": "40", "quantity": 1, "shopId": "s" }],
        "coupons": [
            { "id": "shop", "kind": "fixed", "amount": "10", "scope": { "level": "shop", "shopId": "s" } },
            { "id": "plat", "kind": "fixed", "amount": "9" }
        ]
    }));
    let a: Vec<(String, String)> = q.lines[0]
        .discounts
        .iter()
        .map(|d| (d.id.to_string(), d.amount.to_string()))
        .collect();
    // shop ¥10 → 6 : 4; then plat ¥9 on 54 : 36 → 5.40 : 3.60.
    assert_eq!(
        a,
        vec![
            ("shop".into(), "6.00".into()),
            ("plat".into(), "5.40".into())
        ]
    );
    assert_eq!(q.lines[1].payable.to_string(), "32.40");
}

#[test]
fn refunds_follow_the_allocation_and_add_up_over_partial_returns() {
    let q = qt(json!({
        "lines": [{ "skuId": "a", "unitPrice": "33.33", "quantity": 3 }, { "skuId": "b", "unitPrice": "10", "quantity": 1 }],
        "coupons": [{ "id": "c", "kind": "fixed", "amount": "10" }],
        "points": { "balance": 1001, "use": 1001 }
    }));
    let view: QuoteView = serde_json::from_value(serde_json::to_value(&q).unwrap()).unwrap();
    let line = &q.lines[0];
    let mut refunded = Money::ZERO;
    for returned in 0..3 {
        let r = refund_preview(&view, "a", 1, returned).unwrap();
        // goods − discounts − points = refund, exactly.
        let deductions: Money =
            r.discounts.iter().map(|d| d.amount).sum::<Money>() + r.points_deduction;
        assert_eq!(r.goods - deductions, r.refund);
        refunded += r.refund;
    }
    assert_eq!(refunded, line.payable);
    let all = refund_preview(&view, "a", 3, 0).unwrap();
    assert_eq!(all.refund, line.payable);
    assert_eq!(all.goods, line.subtotal);
    assert_eq!(
        all.points_refunded,
        u64::try_from(line.points_deduction.fen()).unwrap()
    );
    assert_eq!(
        refund_preview(&view, "a", 4, 0).unwrap_err().code(),
        "INVALID_QUANTITY"
    );
    assert_eq!(
        refund_preview(&view, "a", 1, 3).unwrap_err().path,
        "quantity"
    );
    assert_eq!(
        refund_preview(&view, "zzz", 1, 0).unwrap_err().code(),
        "UNKNOWN_ID"
    );
}

#[test]
fn fifty_coupons_over_five_shops_quote_without_blowing_up() {
    let q = qt(big_wallet(5, 50));
    assert!(q.discount > Money::ZERO);
    assert_eq!(q.applied.len() + q.rejected.len(), 50);
    xiaodian::fuzzing::check_totals(&q);
}

#[test]
fn auto_selection_equals_brute_force_on_thousands_of_random_carts() {
    // XD_BRUTE_CASES / XD_BRUTE_SEED run a deeper sweep locally.
    let env = |k: &str, d: u64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let mut rng = Rng(env("XD_BRUTE_SEED", 0x5EED_2026_1111));
    let mut nontrivial = 0;
    for case in 0..env("XD_BRUTE_CASES", 3000) {
        let v = random_cart(&mut rng, 12);
        let c = cart(v.clone());
        let priced = price_cart(&c, now()).unwrap();
        let e = &priced.engine;
        let auto = e.optimise(&[], &|_| true);
        let brute = brute_force(e);
        let (ra, rb) = (Rank::of(e, &auto), Rank::of(e, &brute));
        assert_eq!(ra, rb, "case {case}: {v}");
        if ra.count() >= 2 {
            nontrivial += 1;
        }
        // Auto is at least as good as any manual selection of the coupons it could use.
        let q = quote(&c, now()).unwrap();
        xiaodian::fuzzing::check_totals(&q);
        let ids: Vec<String> = c
            .coupons
            .iter()
            .filter(|_| rng.chance(50))
            .map(|o| o.id.clone())
            .collect();
        let mut manual = v.clone();
        manual["couponSelection"] = json!(ids);
        let m = qt(manual);
        xiaodian::fuzzing::check_totals(&m);
        assert!(
            q.saving >= m.saving,
            "case {case}: auto {} < manual {} ({ids:?}): {v}",
            q.saving,
            m.saving
        );
    }
    assert!(
        nontrivial > 500,
        "only {nontrivial} random carts combined two or more offers"
    );
}

#[test]
fn the_result_does_not_depend_on_input_order() {
    let mut rng = Rng(42);
    for case in 0..300 {
        let v = random_cart(&mut rng, 10);
        let q = qt(v.clone());
        let mut r = v.clone();
        for key in ["lines", "coupons", "promotions"] {
            r[key].as_array_mut().unwrap().reverse();
        }
        let q2 = qt(r);
        assert_eq!(
            (q.payable, q.discount, q.shipping),
            (q2.payable, q2.discount, q2.shipping),
            "case {case}: {v}"
        );
        let mut a: Vec<_> = q.applied.iter().map(|a| (a.id.clone(), a.amount)).collect();
        let mut b: Vec<_> = q2
            .applied
            .iter()
            .map(|a| (a.id.clone(), a.amount))
            .collect();
        a.sort();
        b.sort();
        assert_eq!(a, b, "case {case}: {v}");
    }
}

#[test]
fn auto_selection_equals_brute_force_on_random_carts_mixing_all_kinds() {
    // All nine kinds, usage limits and budgets. XD_BRUTE_CASES / XD_BRUTE_SEED as above.
    let env = |k: &str, d: u64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let mut rng = Rng(env("XD_BRUTE_SEED", 0x5EED_2026_0024) ^ 24);
    let (mut nontrivial, mut newer) = (0, 0);
    for case in 0..env("XD_BRUTE_CASES", 3000) {
        let v = random_cart_of(&mut rng, 12, ALL_KINDS);
        let c = cart(v.clone());
        let priced = price_cart(&c, now()).unwrap();
        let e = &priced.engine;
        let auto = e.optimise(&[], &|_| true);
        let brute = brute_force(e);
        let (ra, rb) = (Rank::of(e, &auto), Rank::of(e, &brute));
        assert_eq!(ra, rb, "case {case}: {v}");
        nontrivial += usize::from(ra.count() >= 2);
        let q = quote(&c, now()).unwrap();
        xiaodian::fuzzing::check_totals(&q);
        assert!(q.payable >= Money::ZERO, "case {case}: {v}");
        newer += usize::from(q.applied.iter().any(|a| {
            use xiaodian::promo::OfferKind::*;
            matches!(a.kind, Tiered | NthItem | Bundle | AddOn)
        }));
        let ids: Vec<String> = c
            .coupons
            .iter()
            .filter(|_| rng.chance(50))
            .map(|o| o.id.clone())
            .collect();
        let mut manual = v.clone();
        manual["couponSelection"] = json!(ids);
        let m = qt(manual);
        xiaodian::fuzzing::check_totals(&m);
        assert!(
            q.saving >= m.saving,
            "case {case}: auto {} < manual {} ({ids:?}): {v}",
            q.saving,
            m.saving
        );
    }
    assert!(nontrivial > 500, "only {nontrivial} carts combined offers");
    assert!(newer > 500, "only {newer} carts applied a newer kind");
}

#[test]
fn the_result_does_not_depend_on_input_order_with_all_kinds() {
    let mut rng = Rng(4242);
    for case in 0..300 {
        let v = random_cart_of(&mut rng, 10, ALL_KINDS);
        let q = qt(v.clone());
        let mut r = v.clone();
        for key in ["lines", "coupons", "promotions"] {
            r[key].as_array_mut().unwrap().reverse();
        }
        let q2 = qt(r);
        assert_eq!(
            (
                q.payable,
                q.discount,
                q.shipping,
                &q.gifts.len(),
                &q.rewards
            ),
            (
                q2.payable,
                q2.discount,
                q2.shipping,
                &q2.gifts.len(),
                &q2.rewards
            ),
            "case {case}: {v}"
        );
        let key = |q: &Quote| {
            let mut a: Vec<_> = q.applied.iter().map(|a| (a.id.clone(), a.amount)).collect();
            a.sort();
            a
        };
        assert_eq!(key(&q), key(&q2), "case {case}: {v}");
    }
}
