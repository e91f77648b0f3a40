//! Lean results (issue 23): a `totals` or `lines` quote is the full quote's amounts, fingerprint
//! included, over random carts with every offer kind, points, 改价 and 储值; and the options read
//! strictly.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use xiaodian::checkout::detail::{Detail, LeanQuote, Locale, QuoteOptions};
use xiaodian::checkout::quote_with;
use xiaodian::{quote, Cart, Timestamp};

#[path = "support/carts.rs"]
mod carts;

fn now() -> Timestamp {
    Timestamp::parse(carts::NOW).unwrap()
}

/// The full quote seen at `detail`, and the quote built at `detail`, as JSON.
fn both(cart: &Cart, detail: Detail) -> (Value, Value) {
    let full = quote(cart, now()).unwrap();
    let lean = quote_with(cart, now(), detail).unwrap();
    assert_eq!(full.fingerprint, lean.fingerprint);
    (
        serde_json::to_value(LeanQuote::of(full, detail)).unwrap(),
        serde_json::to_value(LeanQuote::of(lean, detail)).unwrap(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn lean_quotes_are_the_full_quotes_amounts(seed in any::<u64>(), points in prop::option::of(0u32..20_000), lines in any::<bool>()) {
        let mut rng = carts::Rng(seed);
        let mut v = carts::random_cart_of(&mut rng, 12, carts::ALL_KINDS);
        if let Some(p) = points {
            v["points"] = json!({ "balance": p, "use": "max" });
        }
        let cart: Cart = serde_json::from_value(v).unwrap();
        let detail = if lines { Detail::Lines } else { Detail::Totals };
        let (from_full, lean) = both(&cart, detail);
        prop_assert_eq!(&from_full, &lean);
        // Not vacuous: the amounts are there, and no text is.
        prop_assert!(lean["payable"].is_string());
        prop_assert_eq!(lean["lines"].is_array(), lines);
        let text = lean.to_string();
        prop_assert!(!text.contains("\"message"), "a message in a lean quote: {}", text);
    }
}

#[test]
fn lean_quotes_of_the_bench_wallets_match() {
    for v in [carts::big_wallet(5, 30), carts::mixed_wallet(5, 12)] {
        let cart: Cart = serde_json::from_value(v).unwrap();
        for detail in [Detail::Totals, Detail::Lines] {
            let (a, b) = both(&cart, detail);
            assert_eq!(a, b);
            assert!(!a["applied"].as_array().unwrap().is_empty());
        }
        // The full level is the quote itself.
        assert_eq!(
            quote_with(&cart, now(), Detail::Full).unwrap(),
            quote(&cart, now()).unwrap()
        );
    }
}

#[test]
fn options_read_strictly() {
    let read = |s: &str| xiaodian::foundation::json::from_json::<QuoteOptions>(s);
    assert_eq!(read("{}").unwrap(), QuoteOptions::default());
    assert_eq!(
        read(r#"{"detail":"totals","locale":"zh-CN"}"#).unwrap(),
        QuoteOptions {
            detail: Detail::Totals,
            locale: Locale::Zh
        }
    );
    let e = read(r#"{"detail":"short"}"#).unwrap_err();
    assert_eq!(e.path, "detail");
    assert_eq!(e.code(), "INVALID_INPUT");
    let e = read(r#"{"lang":"en"}"#).unwrap_err();
    assert_eq!(e.code(), "UNKNOWN_FIELD");
    assert!(read(r#"{"locale":"fr"}"#).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The search's in-place split (no allocation) is `allocate_fen`'s, part for part, including
    /// zero weights, repeated lines and more than 64 lines (its fallback).
    #[test]
    fn in_place_allocation_is_allocate_fen(total in 0i64..5_000_000, amounts in prop::collection::vec(prop_oneof![Just(0i64), 0i64..2_000_000], 1..80), picks in prop::collection::vec(any::<prop::sample::Index>(), 0..70)) {
        let lines: Vec<usize> = picks.iter().map(|p| p.index(amounts.len())).collect();
        let weights: Vec<i128> = lines.iter().map(|&j| i128::from(amounts[j])).collect();
        let mut expected = amounts.clone();
        for (&j, p) in lines.iter().zip(xiaodian::foundation::allocate::allocate_fen(i128::from(total), &weights)) {
            expected[j] -= i64::try_from(p).unwrap();
        }
        let mut got = amounts.clone();
        xiaodian::foundation::allocate::subtract_allocated(total, &lines, &mut got);
        prop_assert_eq!(got, expected);
    }
}

/// What the binding sends for `options`: the quote built as it builds it (only the asked
/// language's explanations formatted: `detail::with_text`), written with the locale's key
/// filter, as the JS decoder reads it.
fn sent(cart: &Cart, options: QuoteOptions, with_text: bool) -> Value {
    use xiaodian::tape;
    let build = || quote_with(cart, now(), options.detail).unwrap();
    let q = if with_text {
        xiaodian::checkout::detail::with_text(options, build)
    } else {
        build()
    };
    let skip = options.locale.skipped_keys(options.detail);
    let mut t = if options.detail == Detail::Full {
        tape::write_without(&q, skip)
    } else {
        tape::write_without(&LeanQuote::of(q, options.detail), skip)
    }
    .unwrap();
    let sent = t.send();
    // The decoder's field names, kept across calls as the JS side keeps them.
    let v = KNOWN.with(|k| tape::read(&t, &mut k.borrow_mut()));
    tape::confirm(sent);
    v
}

thread_local! {
    static KNOWN: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Formatting only the sent language (or none at a lean level) changes nothing sent.
    #[test]
    fn one_language_built_is_the_same_result(seed in any::<u64>(), d in 0usize..3, l in 0usize..3) {
        let mut rng = carts::Rng(seed);
        let cart: Cart = serde_json::from_value(carts::random_cart_of(&mut rng, 12, carts::ALL_KINDS)).unwrap();
        let options = QuoteOptions {
            detail: [Detail::Totals, Detail::Lines, Detail::Full][d],
            locale: [Locale::Zh, Locale::En, Locale::Both][l],
        };
        let plain = sent(&cart, options, false);
        let lean = sent(&cart, options, true);
        prop_assert_eq!(&plain, &lean);
        if options.detail == Detail::Full && options.locale != Locale::Both {
            // Not vacuous: the kept language's explanations are there.
            let (kept, left) = if options.locale == Locale::Zh { ("reason", "reasonEn") } else { ("reasonEn", "reason") };
            for shop in plain["shops"].as_array().unwrap() {
                let basis = &shop["shippingBasis"];
                prop_assert!(basis[kept].as_str().is_some_and(|s| !s.is_empty()), "{}", basis);
                prop_assert!(basis.get(left).is_none(), "{}", basis);
            }
        }
    }
}
