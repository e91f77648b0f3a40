//! Property tests: allocation always sums exactly; money parsing never panics and round-trips;
//! every quote adds up to the fen and never charges more than list price.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use xiaodian::foundation::allocate::allocate_fen;
use xiaodian::{quote, Cart, Money, Timestamp};

#[path = "support/carts.rs"]
mod carts;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn allocation_sums_exactly(total in 0i128..10_000_000_000, weights in prop::collection::vec(0i128..100_000_000, 1..60)) {
        let parts = allocate_fen(total, &weights);
        prop_assert_eq!(parts.len(), weights.len());
        prop_assert_eq!(parts.iter().sum::<i128>(), total);
        prop_assert!(parts.iter().all(|p| *p >= 0));
    }

    #[test]
    fn allocation_sums_exactly_beyond_64_bit_products(total in 0i128..1_000_000_000_000_000_000_000, weights in prop::collection::vec(0i128..1_000_000_000_000_000, 1..20)) {
        let parts = allocate_fen(total, &weights);
        prop_assert_eq!(parts.iter().sum::<i128>(), total);
        let sum: i128 = weights.iter().sum();
        for (p, w) in parts.iter().zip(&weights) {
            if sum > 0 {
                let floor = total * w / sum;
                prop_assert!(*p == floor || *p == floor + 1);
            }
        }
    }

    #[test]
    fn allocation_never_exceeds_a_weight_when_total_fits(weights in prop::collection::vec(0i128..1_000_000, 1..40), frac in 0.0f64..=1.0) {
        let sum: i128 = weights.iter().sum();
        let total = (sum as f64 * frac) as i128;
        let parts = allocate_fen(total, &weights);
        prop_assert_eq!(parts.iter().sum::<i128>(), total);
        for (p, w) in parts.iter().zip(&weights) {
            prop_assert!(p <= w, "part {} > weight {}", p, w);
        }
    }

    #[test]
    fn allocation_is_proportional_within_one_fen(total in 0i128..1_000_000, weights in prop::collection::vec(1i128..10_000, 1..30)) {
        let sum: i128 = weights.iter().sum();
        let parts = allocate_fen(total, &weights);
        for (p, w) in parts.iter().zip(&weights) {
            let exact_floor = total * w / sum;
            prop_assert!(*p == exact_floor || *p == exact_floor + 1);
        }
    }

    #[test]
    fn money_parse_never_panics(s in "\\PC{0,30}") {
        let _ = Money::parse(&s);
    }

    #[test]
    fn money_round_trips_through_its_string(fen in 0i128..=10_000_000_000) {
        let m = Money::from_fen(fen);
        let s = m.to_string();
        prop_assert_eq!(Money::parse(&s).unwrap(), m);
        prop_assert_eq!(s.split('.').nth(1).unwrap().len(), 2);
    }

    #[test]
    fn decimal_strings_with_up_to_two_places_parse(int in 0u64..100_000_000, dec in prop::option::of(0u32..100), one_place in any::<bool>()) {
        let s = match dec {
            None => int.to_string(),
            Some(d) if one_place => format!("{int}.{}", d % 10),
            Some(d) => format!("{int}.{d:02}"),
        };
        let m = Money::parse(&s).unwrap();
        let expected = i128::from(int) * 100 + match dec { None => 0, Some(d) if one_place => i128::from(d % 10) * 10, Some(d) => i128::from(d) };
        prop_assert_eq!(m.fen(), expected);
    }

    #[test]
    fn quotes_add_up_to_the_fen(cart in arb_cart()) {
        let cart: Cart = serde_json::from_value(cart).unwrap();
        let now = Timestamp::parse("2026-11-11T20:30:00+08:00").unwrap();
        let q = quote(&cart, now).unwrap();
        let sum = |f: &dyn Fn(&xiaodian::quote::QuoteLine) -> Money| q.lines.iter().map(f).sum::<Money>();
        prop_assert_eq!(sum(&|l| l.subtotal), q.subtotal);
        prop_assert_eq!(sum(&|l| l.discount), q.discount);
        prop_assert_eq!(sum(&|l| l.points_deduction), q.points_deduction);
        prop_assert_eq!(sum(&|l| l.payable) + q.shipping, q.payable);
        prop_assert_eq!(q.subtotal - q.discount - q.points_deduction + q.shipping, q.payable);
        prop_assert_eq!(q.shops.iter().map(|s| s.payable).sum::<Money>(), q.payable);
        prop_assert_eq!(q.shops.iter().map(|s| s.shipping).sum::<Money>(), q.shipping);
        for (line, input) in q.lines.iter().zip(&cart.lines) {
            // Every unit is priced exactly once, never above list price.
            prop_assert_eq!(line.pricing.iter().map(|s| s.quantity).sum::<u32>(), input.quantity.get());
            prop_assert_eq!(line.pricing.iter().map(|s| s.amount).sum::<Money>(), line.subtotal);
            prop_assert!(line.pricing.iter().all(|s| s.unit_price <= input.unit_price));
            prop_assert!(line.subtotal <= line.list_subtotal);
        }
        // Deterministic: the same cart quotes to the same fingerprint.
        prop_assert_eq!(quote(&cart, now).unwrap().fingerprint, q.fingerprint);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// Carts with up to 12 promotions and coupons: every total adds up to the fen, no offer takes
    /// more than its eligible amount, and auto-selection beats any manual pick.
    #[test]
    fn quotes_with_offers_keep_every_invariant(seed in any::<u64>(), pick in any::<u64>(), points in prop::option::of(0u32..20_000)) {
        let mut rng = carts::Rng(seed);
        let mut v = carts::random_cart(&mut rng, 12);
        if let Some(p) = points {
            v["points"] = json!({ "balance": p, "use": "max" });
        }
        let cart: Cart = serde_json::from_value(v.clone()).unwrap();
        let now = Timestamp::parse(carts::NOW).unwrap();
        let q = quote(&cart, now).unwrap();
        let lines = |f: &dyn Fn(&xiaodian::quote::QuoteLine) -> Money| q.lines.iter().map(f).sum::<Money>();
        prop_assert_eq!(lines(&|l| l.discount), q.discount);
        prop_assert_eq!(lines(&|l| l.points_deduction), q.points_deduction);
        prop_assert_eq!(lines(&|l| l.payable) + q.shipping, q.payable);
        prop_assert_eq!(q.subtotal - q.discount - q.points_deduction + q.shipping, q.payable);
        prop_assert!(q.discount + q.points_deduction <= q.subtotal);
        for l in &q.lines {
            prop_assert_eq!(l.discounts.iter().map(|d| d.amount).sum::<Money>(), l.discount);
        }
        for a in q.applied.iter().filter(|a| a.kind != xiaodian::promo::OfferKind::FreeShipping) {
            prop_assert!(a.amount <= a.eligible_amount);
            let on_lines: Money = q.lines.iter().flat_map(|l| &l.discounts).filter(|d| *d.id == *a.id).map(|d| d.amount).sum();
            prop_assert_eq!(on_lines, a.amount);
        }
        if let Some(p) = &q.points {
            // At most half of the goods after coupons, in whole fen.
            prop_assert!(p.deduction.fen() * 2 <= (q.subtotal - q.discount).fen());
            // maxUsable is the slider's end: exactly that many points give the full deduction,
            // one fewer gives less (unless the balance is what limits).
            prop_assert!(p.max_usable <= p.balance);
            let mut at = v.clone();
            at["points"]["use"] = json!(p.max_usable);
            let full = quote(&serde_json::from_value(at.clone()).unwrap(), now).unwrap();
            prop_assert_eq!(full.points_deduction, q.points_deduction);
            if p.max_usable > 0 && q.points_deduction.fen() > 0 {
                at["points"]["use"] = json!(p.max_usable - 1);
                let less = quote(&serde_json::from_value(at).unwrap(), now).unwrap();
                prop_assert!(less.points_deduction < q.points_deduction);
            }
        }
        let ids: Vec<&str> = cart.coupons.iter().enumerate().filter(|(i, _)| pick >> (i % 64) & 1 == 1).map(|(_, o)| o.id.as_str()).collect();
        let mut manual = v.clone();
        manual["couponSelection"] = json!(ids);
        let m = quote(&serde_json::from_value(manual).unwrap(), now).unwrap();
        prop_assert!(q.saving >= m.saving, "auto {} < manual {}", q.saving, m.saving);
        prop_assert_eq!(quote(&cart, now).unwrap().fingerprint, q.fingerprint);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// Carts mixing all nine offer kinds with limits: allocations add up to the fen, nothing is
    /// payable below zero, and the order of lines and offers changes nothing.
    #[test]
    fn quotes_with_all_offer_kinds_keep_every_invariant(seed in any::<u64>()) {
        let mut rng = carts::Rng(seed);
        let v = carts::random_cart_of(&mut rng, 12, carts::ALL_KINDS);
        let now = Timestamp::parse(carts::NOW).unwrap();
        let q = quote(&serde_json::from_value(v.clone()).unwrap(), now).unwrap();
        xiaodian::fuzzing::check_totals(&q);
        prop_assert!(q.payable >= Money::ZERO);
        for l in &q.lines {
            prop_assert!(l.payable >= Money::ZERO);
            prop_assert_eq!(l.discounts.iter().map(|d| d.amount).sum::<Money>(), l.discount);
        }
        for a in q.applied.iter().filter(|a| a.kind != xiaodian::promo::OfferKind::FreeShipping) {
            let on_lines: Money = q.lines.iter().flat_map(|l| &l.discounts).filter(|d| *d.id == *a.id).map(|d| d.amount).sum();
            prop_assert_eq!(on_lines, a.amount);
        }
        let mut r = v.clone();
        for key in ["lines", "coupons", "promotions"] {
            r[key].as_array_mut().unwrap().reverse();
        }
        let q2 = quote(&serde_json::from_value(r).unwrap(), now).unwrap();
        prop_assert_eq!((q.payable, q.discount, q.shipping, q.saving), (q2.payable, q2.discount, q2.shipping, q2.saving));
        prop_assert_eq!(&q.rewards, &q2.rewards);
    }
}

fn money() -> impl Strategy<Value = String> {
    (0u32..20_000).prop_map(|fen| format!("{}.{:02}", fen / 100, fen % 100))
}

fn arb_line(i: usize) -> impl Strategy<Value = Value> {
    (
        money(),
        1u32..30,
        0usize..3,
        prop::option::of((0u32..4, money(), any::<bool>())),
        prop::option::of((money(), 0u32..4, 0u32..3, -2i64..3)),
        prop::option::of((money(), any::<bool>())),
        prop::option::of((money(), 0u32..4)),
        prop::collection::vec((1u32..12, money()), 0..3),
    )
        .prop_map(move |(price, qty, shop, member, flash, group, bargain, ladder)| {
            let mut l = json!({ "skuId": format!("s{i}"), "unitPrice": price, "quantity": qty, "shopId": format!("shop{shop}") });
            if let Some((level, p, by_rate)) = member {
                l["memberPrices"] = if by_rate {
                    json!([{ "level": level, "rate": format!("0.{}", &p.replace('.', "")[..1]) }])
                } else {
                    json!([{ "level": level, "unitPrice": p }])
                };
            }
            if let Some((p, limit, purchased, offset_h)) = flash {
                // Windows before, around and after "now".
                let start = format!("2026-11-11T{:02}:00:00+08:00", (20 + offset_h).clamp(0, 23));
                l["flashSale"] = json!({ "unitPrice": p, "start": start, "end": "2026-11-11T23:00:00+08:00", "limitPerBuyer": limit, "purchased": purchased });
            }
            if let Some((p, join)) = group {
                l["groupBuy"] = json!({ "unitPrice": p });
                l["joinGroup"] = json!(join);
            }
            if let Some((p, n)) = bargain {
                l["bargain"] = json!({ "unitPrice": p, "quantity": n });
            }
            if !ladder.is_empty() {
                l["ladder"] = ladder.into_iter().map(|(m, p)| json!({ "minQuantity": m, "unitPrice": p })).collect();
            }
            l
        })
}

fn arb_cart() -> impl Strategy<Value = Value> {
    (
        1usize..8,
        0u32..4,
        prop::option::of((
            money(),
            prop::option::of(money()),
            prop::option::of(money()),
        )),
    )
        .prop_flat_map(|(n, level, ship)| {
            let lines: Vec<_> = (0..n).map(arb_line).collect();
            (lines, Just(level), Just(ship))
        })
        .prop_map(|(lines, level, ship)| {
            let mut cart = json!({ "lines": lines, "buyer": { "memberLevel": level } });
            if let Some((fee, free, extra)) = ship {
                let mut rule = json!({ "fee": fee });
                if let Some(f) = free {
                    rule["freeThreshold"] = json!(f);
                }
                if let Some(e) = extra {
                    rule["extraPerItem"] = json!(e);
                }
                cart["shipping"] = json!({ "default": rule });
            }
            cart
        })
}
