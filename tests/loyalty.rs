//! After the price (issue 25): 改价, points earned, 储值 as payment, member levels from growth,
//! refund consequences, e-invoice lines. Worked examples as named tests, then properties.

use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use xiaodian::checkout::invoice::{invoice, InvoiceOptions, InvoiceQuote};
use xiaodian::checkout::loyalty::loyalty_rules;
use xiaodian::checkout::membership::member_level;
use xiaodian::checkout::refund_after::{consequences, AfterView, RefundContext, Returned};
use xiaodian::json::from_json;
use xiaodian::refund::{refund_preview, QuoteView};
use xiaodian::{quote, Cart, Quote, Timestamp};

const NOW: &str = "2026-11-11T20:30:00+08:00";

fn now() -> Timestamp {
    Timestamp::parse(NOW).unwrap()
}

fn qt(cart: Value) -> Quote {
    let cart: Cart = from_json(&cart.to_string()).expect("cart decodes");
    quote(&cart, now()).expect("quote succeeds")
}

fn err(cart: Value) -> (String, String) {
    let e = match from_json::<Cart>(&cart.to_string()) {
        Err(e) => e,
        Ok(c) => quote(&c, now()).expect_err("quote must fail"),
    };
    (e.code().to_string(), e.path)
}

fn fen(v: &Value) -> i128 {
    let s = v.as_str().expect("money is a string");
    let (y, f) = s.split_once('.').unwrap();
    y.parse::<i128>().unwrap() * 100 + f.parse::<i128>().unwrap()
}

fn j(q: &Quote) -> Value {
    serde_json::to_value(q).unwrap()
}

// ---- Worked examples ----

#[test]
fn points_199_paid_at_1_per_yuan_vip2_x1_5_earns_298() {
    let q = qt(json!({
        "buyer": { "memberLevel": 2 },
        "lines": [{ "skuId": "tea", "unitPrice": "199.00", "quantity": 1 }],
        "pointsEarn": { "perYuan": 1, "levelMultipliers": { "2": "1.5" } }
    }));
    assert_eq!(q.points_earned, Some(298));
    assert_eq!(q.lines[0].points_earned, Some(298));
    let e = q.earning.as_ref().unwrap();
    assert_eq!(e.base.to_string(), "199.00");
    assert_eq!(e.multiplier.to_string(), "1.5");
    assert!(e.message.contains("298"), "{}", e.message);
    // The rulebook's defaults (1 per yuan, VIP2 ×1.5) give the same.
    let d = qt(json!({
        "buyer": { "memberLevel": 2 },
        "lines": [{ "skuId": "tea", "unitPrice": "199.00", "quantity": 1 }],
        "pointsEarn": {}
    }));
    assert_eq!(d.points_earned, Some(298));
    assert_eq!(d.earning.unwrap().source, "assumed");
}

#[test]
fn invoice_113_of_13_percent_goods_is_13_tax_100_ex_tax() {
    let cart = json!({ "lines": [{ "skuId": "phone", "unitPrice": "113.00", "quantity": 1,
        "categoryId": "digital.phone.smartphone", "title": "手机" }] });
    let q = qt(cart.clone());
    let view: InvoiceQuote = from_json(&j(&q).to_string()).unwrap();
    let options: InvoiceOptions = from_json(&json!({ "cart": cart }).to_string()).unwrap();
    let inv = invoice(&view, &options).unwrap();
    let l = &inv.lines[0];
    assert_eq!(
        (
            l.tax_rate.to_string(),
            l.tax.to_string(),
            l.amount_ex_tax.to_string()
        ),
        ("0.13".into(), "13.00".into(), "100.00".into())
    );
    assert_eq!(l.title, "手机");
    assert_eq!(l.source, "vat-rates");
    assert!(inv.shipping.is_none());
    assert_eq!(inv.totals.tax.to_string(), "13.00");
}

#[test]
fn invoice_rates_by_category_and_overrides() {
    let cart = json!({ "lines": [
        { "skuId": "apple", "unitPrice": "109.00", "quantity": 1, "categoryId": "fresh.fruit.apple" },
        { "skuId": "book", "unitPrice": "10.90", "quantity": 1, "categoryId": "books.history" },
        { "skuId": "cup", "unitPrice": "11.30", "quantity": 1, "categoryId": "home" }],
        "shipping": { "default": { "fee": "10.00" } } });
    let q = qt(cart.clone());
    let view: InvoiceQuote = from_json(&j(&q).to_string()).unwrap();
    let options: InvoiceOptions = from_json(&json!({ "cart": cart }).to_string()).unwrap();
    let inv = invoice(&view, &options).unwrap();
    let rates: Vec<String> = inv.lines.iter().map(|l| l.tax_rate.to_string()).collect();
    assert_eq!(rates, ["0.09", "0.09", "0.13"]);
    assert_eq!(inv.lines[0].tax.to_string(), "9.00");
    assert_eq!(inv.lines[1].tax.to_string(), "0.90");
    assert_eq!(inv.lines[2].tax.to_string(), "1.30");
    let ship = inv.shipping.as_ref().unwrap();
    assert_eq!(
        (ship.amount.to_string(), ship.tax.to_string()),
        ("10.00".into(), "1.15".into())
    );
    assert_eq!(inv.totals.amount, q.payable);
    // Overrides: a category's rate over the rulebook's, a SKU's over everything.
    let options: InvoiceOptions = from_json(
        &json!({ "cart": cart, "rates": { "fresh": "0.13" }, "skuRates": { "cup": "0.06" },
                 "shippingRate": "0.09" })
        .to_string(),
    )
    .unwrap();
    let inv = invoice(&view, &options).unwrap();
    let rates: Vec<String> = inv.lines.iter().map(|l| l.tax_rate.to_string()).collect();
    assert_eq!(rates, ["0.13", "0.09", "0.06"]);
    assert_eq!(inv.lines[0].source, "override");
    assert_eq!(inv.shipping.unwrap().tax_rate.to_string(), "0.09");
}

#[test]
fn invoice_amount_is_after_points_but_not_reduced_by_stored_value() {
    let cart = json!({ "lines": [{ "skuId": "a", "unitPrice": "100.00", "quantity": 1 }],
        "points": { "balance": 1000, "use": 1000 }, "storedValue": { "balance": "50", "use": "max" } });
    let q = qt(cart);
    assert_eq!(q.lines[0].payable.to_string(), "90.00");
    let view: InvoiceQuote = from_json(&j(&q).to_string()).unwrap();
    let inv = invoice(&view, &InvoiceOptions::default()).unwrap();
    assert_eq!(inv.lines[0].amount.to_string(), "90.00");
    assert_eq!(inv.lines[0].title, "a");
}

#[test]
fn adjustment_splits_a_cut_by_largest_remainder_before_points() {
    let q = qt(json!({ "lines": [
        { "skuId": "a", "unitPrice": "100.00", "quantity": 1 },
        { "skuId": "b", "unitPrice": "50.00", "quantity": 1 }],
        "adjustment": { "amount": "-10.00", "reason": "老客优惠" },
        "points": { "balance": 100000, "use": "max" } }));
    let shares: Vec<String> = q
        .lines
        .iter()
        .map(|l| l.adjustment.unwrap().to_string())
        .collect();
    assert_eq!(shares, ["-6.67", "-3.33"]);
    // Points cap at 50 % of the goods after the cut: ¥70.00.
    assert_eq!(q.points_deduction.to_string(), "70.00");
    assert_eq!(q.payable.to_string(), "70.00");
    let a = q.adjustment.as_ref().unwrap();
    assert_eq!(a.amount.to_string(), "-10.00");
    assert!(a.message.contains("老客优惠"));
    let raised = qt(
        json!({ "lines": [{ "skuId": "a", "unitPrice": "100.00", "quantity": 1 }],
        "adjustment": { "amount": 5 } }),
    );
    assert_eq!(raised.payable.to_string(), "105.00");
    assert_eq!(raised.lines[0].adjustment.unwrap().to_string(), "5.00");
}

#[test]
fn adjustment_never_below_zero_and_errors() {
    let q = qt(json!({ "lines": [
        { "skuId": "a", "unitPrice": "0.01", "quantity": 1 },
        { "skuId": "b", "unitPrice": "9.99", "quantity": 1 }],
        "adjustment": { "amount": "-10.00" } }));
    assert!(q.lines.iter().all(|l| l.payable.is_zero()));
    assert_eq!(
        err(
            json!({ "lines": [{ "skuId": "a", "unitPrice": "10", "quantity": 1 }],
            "adjustment": { "amount": "-10.01" } })
        ),
        ("ADJUSTMENT_TOO_LARGE".into(), "adjustment.amount".into())
    );
    assert_eq!(
        err(
            json!({ "lines": [{ "skuId": "a", "unitPrice": "10", "quantity": 1 }],
            "adjustment": { "amount": "-1.001" } })
        )
        .0,
        "INVALID_MONEY"
    );
    assert_eq!(
        err(
            json!({ "lines": [{ "skuId": "a", "unitPrice": "10", "quantity": 1 }],
            "adjustment": { "amount": "--1" } })
        )
        .0,
        "INVALID_MONEY"
    );
}

#[test]
fn adjustment_is_fingerprinted() {
    let base = json!({ "lines": [{ "skuId": "a", "unitPrice": "100.00", "quantity": 1 }] });
    let mut cut = base.clone();
    cut["adjustment"] = json!({ "amount": "-1.00" });
    let mut reason = cut.clone();
    reason["adjustment"]["reason"] = json!("破损");
    let f: Vec<String> = [base, cut, reason]
        .into_iter()
        .map(|c| qt(c).fingerprint)
        .collect();
    assert_ne!(f[0], f[1]);
    assert_ne!(f[1], f[2]);
}

#[test]
fn quotes_without_the_features_have_none_of_the_fields() {
    let q = j(&qt(
        json!({ "lines": [{ "skuId": "a", "unitPrice": "100.00", "quantity": 1 }] }),
    ));
    for k in [
        "adjustment",
        "pointsEarned",
        "earning",
        "growthEarned",
        "memberLevel",
        "payment",
    ] {
        assert!(q.get(k).is_none(), "{k}");
    }
    for k in ["adjustment", "pointsEarned", "storedValue"] {
        assert!(q["lines"][0].get(k).is_none(), "lines[0].{k}");
    }
}

#[test]
fn points_per_unit_add_to_the_rate_and_shipping_earns_nothing() {
    let q = qt(json!({ "lines": [
        { "skuId": "a", "unitPrice": "10.50", "quantity": 2, "pointsPerUnit": 5 },
        { "skuId": "b", "unitPrice": "9.00", "quantity": 1 }],
        "shipping": { "default": { "fee": "8" } },
        "pointsEarn": { "perYuan": "1" } }));
    // ⌊30.00 × 1⌋ = 30 by rate (shipping left out), + 2 × 5 on line a.
    assert_eq!(q.points_earned, Some(40));
    let per_line: Vec<u64> = q.lines.iter().map(|l| l.points_earned.unwrap()).collect();
    assert_eq!(per_line.iter().sum::<u64>(), 40);
    assert_eq!(per_line, [21 + 10, 9]);
    // Only the lines' own points when the cart asks for no rate.
    let own = qt(
        json!({ "lines": [{ "skuId": "a", "unitPrice": "10", "quantity": 3, "pointsPerUnit": 2 }] }),
    );
    assert_eq!(own.points_earned, Some(6));
}

#[test]
fn points_are_earned_after_discounts_and_points_deduction() {
    let q = qt(
        json!({ "lines": [{ "skuId": "a", "unitPrice": "200.00", "quantity": 1 }],
        "coupons": [{ "id": "c", "kind": "threshold", "threshold": "100", "amount": "20" }],
        "points": { "balance": 1000, "use": 1000 },
        "pointsEarn": { "perYuan": "2", "levelMultipliers": {} } }),
    );
    // 200 − 20 − 10 = 170 paid → 340 points.
    assert_eq!(q.points_earned, Some(340));
    assert_eq!(
        err(
            json!({ "lines": [{ "skuId": "a", "unitPrice": "1", "quantity": 1 }],
            "pointsEarn": { "levelMultipliers": { "vip": "2" } } })
        )
        .1,
        "pointsEarn.levelMultipliers.vip"
    );
    assert_eq!(
        err(
            json!({ "lines": [{ "skuId": "a", "unitPrice": "1", "quantity": 1 }],
            "pointsEarn": { "perYuan": "-1" } })
        )
        .0,
        "INVALID_INPUT"
    );
}

#[test]
fn add_points_keeps_the_total_the_sum_of_lines() {
    let mut q = qt(
        json!({ "lines": [{ "skuId": "a", "unitPrice": "10", "quantity": 1 },
        { "skuId": "b", "unitPrice": "10", "quantity": 1 }], "pointsEarn": {} }),
    );
    xiaodian::checkout::steps::earn::add_points(&mut q, &[(1, 50), (9, 7)]);
    assert_eq!(q.points_earned, Some(70));
    assert_eq!(q.lines[1].points_earned, Some(60));
    assert_eq!(q.earning.unwrap().other, 50);
}

#[test]
fn stored_value_pays_part_of_payable_including_shipping() {
    let q = qt(
        json!({ "lines": [{ "skuId": "a", "unitPrice": "30.00", "quantity": 1, "shopId": "s" }],
        "shipping": { "default": { "fee": "10.00" } },
        "storedValue": { "balance": "100.00", "use": "max" } }),
    );
    let p = q.payment.as_ref().unwrap();
    assert_eq!(
        (p.stored_value.to_string(), p.cash.to_string()),
        ("40.00".into(), "0.00".into())
    );
    assert_eq!(p.balance_after.to_string(), "60.00");
    assert_eq!(q.lines[0].stored_value.unwrap().to_string(), "30.00");
    assert_eq!(p.shipping[0].stored_value.to_string(), "10.00");
    // It is a payment: payable and the discounts stay as they are.
    assert_eq!(q.payable.to_string(), "40.00");
    let part = qt(
        json!({ "lines": [{ "skuId": "a", "unitPrice": "30.00", "quantity": 1 }],
        "storedValue": { "balance": "100.00", "use": "12.5" } }),
    );
    let p = part.payment.unwrap();
    assert_eq!(
        (p.stored_value.to_string(), p.cash.to_string()),
        ("12.50".into(), "17.50".into())
    );
}

#[test]
fn stored_value_errors_are_clear() {
    let cart = |sv: Value| json!({ "lines": [{ "skuId": "a", "unitPrice": "30", "quantity": 1 }], "storedValue": sv });
    assert_eq!(
        err(cart(json!({ "balance": "10", "use": "20" }))),
        ("INSUFFICIENT_BALANCE".into(), "storedValue.use".into())
    );
    assert_eq!(
        err(cart(json!({ "balance": "-1", "use": "max" }))),
        ("INVALID_MONEY".into(), "storedValue.balance".into())
    );
    assert_eq!(
        err(cart(json!({ "balance": "1", "use": "all" }))).0,
        "INVALID_MONEY"
    );
    let e = from_json::<Cart>(&cart(json!({ "balance": "10", "use": "20" })).to_string())
        .map(|c| quote(&c, now()).unwrap_err())
        .unwrap();
    assert!(e.message().contains("储值余额不足"), "{}", e.message());
}

#[test]
fn member_level_from_growth() {
    let rule = &loyalty_rules().membership;
    let l = member_level(150, rule).unwrap();
    assert_eq!((l.level, l.name.as_str()), (1, "VIP1"));
    let next = l.next.as_ref().unwrap();
    assert_eq!((next.level, next.missing), (2, 850));
    assert_eq!(next.missing_amount.unwrap().to_string(), "850.00");
    assert!(
        l.message.contains("再消费 ¥850.00 升级 VIP2"),
        "{}",
        l.message
    );
    assert_eq!(member_level(0, rule).unwrap().level, 0);
    assert_eq!(member_level(1000, rule).unwrap().level, 2);
    let top = member_level(u64::MAX, rule).unwrap();
    assert!(top.next.is_none());
    let bad: xiaodian::checkout::loyalty::MembershipBook = from_json(
        r#"{"membership":{"growthPerYuan":"2","source":"assumed","levels":[
            {"level":0,"minGrowth":0,"name":"a","nameEn":"a"},{"level":1,"minGrowth":0,"name":"b","nameEn":"b"}]}}"#,
    )
    .unwrap();
    assert_eq!(
        member_level(5, &bad.membership).unwrap_err().path,
        "membership.levels[1]"
    );
}

#[test]
fn growth_earned_and_level_after_the_order() {
    let q = qt(
        json!({ "lines": [{ "skuId": "a", "unitPrice": "99.99", "quantity": 1 }],
        "growth": { "current": 900 } }),
    );
    assert_eq!(q.growth_earned, Some(99));
    let l = q.member_level.unwrap();
    assert_eq!((l.growth, l.level), (999, 1));
    assert_eq!(l.next.unwrap().missing_amount.unwrap().to_string(), "1.00");
}

fn preview(
    q: &Quote,
    sku: &str,
    n: u32,
    returned: &Returned,
    ctx: &RefundContext,
) -> xiaodian::checkout::refund_after::RefundOutcome {
    let text = j(q).to_string();
    let view: QuoteView = from_json(&text).unwrap();
    let after: AfterView = from_json(&text).unwrap();
    let this = match returned {
        Returned::Line(n) => *n,
        Returned::BySku(m) => m.get(sku).copied().unwrap_or(0),
    };
    let p = refund_preview(&view, sku, n, this).unwrap();
    consequences(p, &after, returned, ctx, now()).unwrap()
}

#[test]
fn refund_gives_back_points_stored_value_coupon_and_shipping() {
    let q = qt(json!({ "lines": [
        { "skuId": "a", "unitPrice": "100.00", "quantity": 2, "shopId": "s" },
        { "skuId": "b", "unitPrice": "50.00", "quantity": 1, "shopId": "s" }],
        "shipping": { "default": { "fee": "10.00" } },
        "coupons": [{ "id": "c", "kind": "threshold", "threshold": "100", "amount": "20",
                      "scope": { "level": "item", "skuIds": ["a"] } }],
        "points": { "balance": 1000, "use": 1000 },
        "pointsEarn": { "perYuan": "1" },
        "storedValue": { "balance": "60", "use": "max" } }));
    let ctx: RefundContext =
        from_json(r#"{"coupons":[{"id":"c","validTo":"2026-12-31T00:00:00+08:00"}]}"#).unwrap();
    let mut back = BTreeMap::new();
    let first = preview(&q, "a", 2, &Returned::BySku(back.clone()), &ctx);
    assert_eq!(first.coupons_returned.len(), 1);
    assert_eq!(first.coupons_returned[0].validity, "valid");
    assert_eq!(first.shipping_refund.to_string(), "0.00", "b is still kept");
    assert!(first.consequences.contains("运费不退"));
    back.insert("a".to_string(), 2);
    let last = preview(&q, "b", 1, &Returned::BySku(back), &ctx);
    assert_eq!(last.shipping_refund.to_string(), "10.00");
    let total = first.total_refund + last.total_refund;
    assert_eq!(total, q.payable);
    let sv = first.stored_value_returned.unwrap() + last.stored_value_returned.unwrap();
    assert_eq!(sv, q.payment.as_ref().unwrap().stored_value);
    assert_eq!(
        first.points_returned.unwrap() + last.points_returned.unwrap(),
        u64::from(q.points.as_ref().unwrap().used)
    );
    assert_eq!(
        first.points_clawback.unwrap() + last.points_clawback.unwrap(),
        q.points_earned.unwrap()
    );
    // A coupon past its validTo comes back expired; one not described is unknown.
    let late: RefundContext = from_json(r#"{"now":"2027-01-01T00:00:00+08:00","coupons":[{"id":"c","validTo":"2026-12-31T00:00:00+08:00"}]}"#).unwrap();
    assert_eq!(
        preview(&q, "a", 2, &Returned::Line(0), &late).coupons_returned[0].validity,
        "expired"
    );
    assert_eq!(
        preview(&q, "a", 2, &Returned::Line(0), &RefundContext::default()).coupons_returned[0]
            .validity,
        "unknown"
    );
    assert!(preview(&q, "a", 1, &Returned::Line(0), &ctx)
        .coupons_returned
        .is_empty());
}

fn arb_cart() -> impl Strategy<Value = Value> {
    let line = (1u32..5, 1u32..20_000, 0u32..2, 0u32..4);
    (
        prop::collection::vec(line, 1..4),
        any::<bool>(),
        0u32..3,
        prop::option::of(0u32..30_000),
        prop::option::of(-3000i64..3000),
        0u32..3,
    )
        .prop_map(|(lines, coupon, points, sv, adj, level)| {
            let lines: Vec<Value> = lines
                .iter()
                .enumerate()
                .map(|(i, &(q, p, shop, ppu))| {
                    json!({ "skuId": format!("s{i}"), "unitPrice": format!("{}.{:02}", p / 100, p % 100),
                            "quantity": q, "shopId": format!("shop{shop}"), "pointsPerUnit": ppu })
                })
                .collect();
            let mut c = json!({ "lines": lines, "buyer": { "memberLevel": level },
                "shipping": { "default": { "fee": "7.77", "freeThreshold": "150" } },
                "pointsEarn": { "perYuan": "1.3" } });
            if coupon {
                c["coupons"] = json!([{ "id": "cp", "kind": "threshold", "threshold": "30", "amount": "9.99" }]);
            }
            if points > 0 {
                c["points"] = json!({ "balance": points * 997, "use": "max" });
            }
            if let Some(sv) = sv {
                c["storedValue"] = json!({ "balance": format!("{}.{:02}", sv / 100, sv % 100), "use": "max" });
            }
            if let Some(a) = adj {
                let s = if a < 0 { "-" } else { "" };
                c["adjustment"] = json!({ "amount": format!("{s}{}.{:02}", a.abs() / 100, a.abs() % 100) });
            }
            c
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Returning everything, in any order and any split, gives back exactly what was paid:
    /// money, stored value and cash, deducted points, earned points; every coupon comes back.
    #[test]
    fn returning_everything_gives_back_what_was_paid(cart in arb_cart(), seed in any::<u64>()) {
        let c: Cart = from_json(&cart.to_string()).unwrap();
        let q = match quote(&c, now()) {
            Ok(q) => q,
            // A cut larger than the goods is refused; nothing to return.
            Err(e) => { prop_assert_eq!(e.code(), "ADJUSTMENT_TOO_LARGE"); return Ok(()); }
        };
        let mut left: Vec<(String, u32)> = q.lines.iter().map(|l| (l.sku_id.clone(), l.quantity)).collect();
        let mut back: BTreeMap<String, u32> = BTreeMap::new();
        let (mut money, mut sv, mut cash) = (0i128, 0i128, 0i128);
        let (mut pts, mut claw, mut coupons) = (0u64, 0u64, 0usize);
        let mut r = seed;
        let ctx = RefundContext::default();
        while !left.is_empty() {
            r = r.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let k = (r >> 33) as usize % left.len();
            let (sku, n) = left[k].clone();
            let take = 1 + (r >> 13) as u32 % n;
            let o = preview(&q, &sku, take, &Returned::BySku(back.clone()), &ctx);
            money += o.total_refund.fen();
            sv += o.stored_value_returned.map_or(0, |m| m.fen());
            cash += o.cash_returned.map_or(0, |m| m.fen());
            pts += o.points_returned.unwrap_or(0);
            claw += o.points_clawback.unwrap_or(0);
            coupons += o.coupons_returned.len();
            *back.entry(sku.clone()).or_default() += take;
            if take == n { left.remove(k); } else { left[k].1 -= take; }
        }
        prop_assert_eq!(money, q.payable.fen());
        match &q.payment {
            Some(p) => {
                prop_assert_eq!(sv, p.stored_value.fen());
                prop_assert_eq!(cash, p.cash.fen());
            }
            None => prop_assert_eq!(sv, 0),
        }
        prop_assert_eq!(pts, q.points.as_ref().map_or(0, |p| u64::from(p.used)));
        prop_assert_eq!(claw, q.points_earned.unwrap_or(0));
        let used_coupons = q.applied.iter().filter(|a| a.source == xiaodian::promo::Source::Coupon).count();
        prop_assert_eq!(coupons, used_coupons);
    }

    /// Quote invariants of the new parts: lines never negative, the adjustment's shares add up,
    /// points earned are the lines' sum, storedValue + cash = payable, invoice totals exact.
    #[test]
    fn after_the_price_invariants(cart in arb_cart()) {
        let c: Cart = from_json(&cart.to_string()).unwrap();
        let Ok(q) = quote(&c, now()) else { return Ok(()); };
        let v = j(&q);
        if let Some(a) = &q.adjustment {
            let sum: i128 = q.lines.iter().map(|l| l.adjustment.unwrap().fen()).sum();
            prop_assert_eq!(sum, a.amount.fen());
        }
        let lines_sum: u64 = q.lines.iter().map(|l| l.points_earned.unwrap_or(0)).sum();
        prop_assert_eq!(Some(lines_sum), q.points_earned);
        if let Some(p) = &q.payment {
            prop_assert_eq!(p.stored_value + p.cash, q.payable);
            prop_assert!(p.stored_value <= q.payable);
            let lines_sv: i128 = q.lines.iter().map(|l| l.stored_value.unwrap().fen()).sum();
            let ship_sv: i128 = p.shipping.iter().map(|s| s.stored_value.fen()).sum();
            prop_assert_eq!(lines_sv + ship_sv, p.stored_value.fen());
        }
        let goods: i128 = v["lines"].as_array().unwrap().iter().map(|l| fen(&l["payable"])).sum();
        prop_assert_eq!(goods + q.shipping.fen(), q.payable.fen());
        let view: InvoiceQuote = from_json(&v.to_string()).unwrap();
        let inv = invoice(&view, &InvoiceOptions::default()).unwrap();
        prop_assert_eq!(inv.totals.amount, q.payable);
        prop_assert_eq!(inv.totals.tax + inv.totals.amount_ex_tax, inv.totals.amount);
        for l in &inv.lines {
            prop_assert_eq!(l.tax + l.amount_ex_tax, l.amount);
        }
    }
}
