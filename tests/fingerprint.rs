//! The fingerprint streamed from the cart (the tape writer's canonical mode,
//! foundation/tape/canon.rs) is the one defined
//! through the cart's tape (`fingerprint_by_tape`), on the fixture carts, the verify corpus and
//! random carts with every input section.

use proptest::prelude::*;
use serde_json::{json, Value};
use xiaodian::checkout::fingerprint::{fingerprint_by_tape, fingerprint_streamed};
use xiaodian::{Cart, Timestamp};

#[path = "support/carts.rs"]
mod carts;
use carts::Rng;

fn same(cart: &Value) {
    let now = Timestamp::parse(carts::NOW).unwrap();
    let Ok(c) = serde_json::from_value::<Cart>(cart.clone()) else {
        return;
    };
    let Ok(q) = xiaodian::quote(&c, now) else {
        return;
    };
    let streamed = fingerprint_streamed(&c, &q);
    assert_eq!(streamed, fingerprint_by_tape(&c, &q), "{cart}");
    assert_eq!(streamed, q.fingerprint);
}

#[test]
fn fixture_and_corpus_carts() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for name in ["basic", "demo-order", "every-rule", "offers-new", "promo"] {
        let text = std::fs::read_to_string(format!("{dir}/{name}.cart.json")).unwrap();
        same(&serde_json::from_str(&text).unwrap());
        n += 1;
    }
    let corpus: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/corpus.json")).unwrap())
            .unwrap();
    for q in corpus["quotes"].as_array().unwrap() {
        same(&q["cart"]);
        n += 1;
    }
    assert!(n > 150);
}

/// A random cart of every offer kind, with the cart's other sections added at random: the
/// buyer, line price options, templates, an address, points, insurance, selection, 改价, 储值.
fn decorated(seed: u64) -> Value {
    let mut rng = Rng(seed);
    let mut cart = carts::random_cart_of(&mut rng, 8, carts::ALL_KINDS);
    if rng.chance(50) {
        cart["buyer"] =
            json!({ "id": "u-1", "memberLevel": rng.below(4), "newCustomer": rng.chance(50) });
    }
    let n = cart["lines"].as_array().unwrap().len();
    for j in 0..n {
        let l = &mut cart["lines"][j];
        match rng.below(9) {
            0 => {
                l["memberPrices"] =
                    json!([{ "level": 1, "rate": "0.85" }, { "level": 2, "unitPrice": "1.00" }])
            }
            1 => {
                l["flashSale"] = json!({ "unitPrice": "0.50", "start": "2026-11-11T20:00:00+08:00", "end": 1_794_000_000_000_u64, "limitPerBuyer": 2 })
            }
            2 => l["ladder"] = json!([{ "minQuantity": 2, "unitPrice": "0.99" }]),
            3 => {
                l["groupBuy"] = json!({ "unitPrice": "0.80", "groupSize": 3 });
                l["joinGroup"] = json!(true);
            }
            4 => l["bargain"] = json!({ "unitPrice": "0.10" }),
            5 => {
                l["title"] = json!("手工茶 \u{1F375} 特级");
                l["stock"] = json!(99);
                l["limitPerOrder"] = json!(9);
            }
            6 => {
                l["templateId"] = json!("t");
                l["weight"] = json!("1.25");
                l["virtual"] = json!(rng.chance(20));
            }
            7 => l["pointsPerUnit"] = json!(5),
            _ => {}
        }
    }
    if rng.chance(40) {
        cart["shipping"]["templates"] = json!({ "t": { "charge": "weight", "first": 1, "firstFee": "10", "extra": 1, "extraFee": "5",
            "regions": [{ "codes": ["650000"], "first": 1, "firstFee": "20", "extra": 1, "extraFee": "10" }] } });
        cart["shipping"]["default"] =
            json!({ "fee": "6", "extraPerItem": "1", "includedItems": 2 });
    } else {
        for j in 0..n {
            cart["lines"][j]
                .as_object_mut()
                .unwrap()
                .remove("templateId");
        }
    }
    if rng.chance(40) {
        let code = ["650102", "330106", "110101"][rng.below(3) as usize];
        cart["address"] = json!({ "regionCode": code });
    }
    if rng.chance(40) {
        cart["points"] = json!({ "balance": rng.below(20_000), "use": if rng.chance(50) { json!("max") } else { json!(rng.below(500)) } });
    }
    if rng.chance(30) {
        let payer = ["buyer", "merchant"][rng.below(2) as usize];
        cart["shippingInsurance"] = json!({ "fee": "0.50", "paidBy": payer });
    }
    if rng.chance(20) {
        cart["couponSelection"] = json!(["o0", "o1"]);
    }
    if rng.chance(20) {
        cart["delivery"] = json!("pickup");
    }
    if rng.chance(20) {
        cart["meta"] = json!({ "not": ["fingerprinted"] });
    }
    cart
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn streamed_equals_tape_on_random_carts(seed in any::<u64>()) {
        same(&decorated(seed));
    }
}

#[test]
fn decorated_carts_mostly_quote() {
    let now = Timestamp::parse(carts::NOW).unwrap();
    let ok = (0..200)
        .filter(|&s| {
            serde_json::from_value::<Cart>(decorated(s))
                .ok()
                .is_some_and(|c| xiaodian::quote(&c, now).is_ok())
        })
        .count();
    // The property above skips carts that do not quote: most must.
    assert!(ok > 120, "only {ok} of 200 quote");
}
