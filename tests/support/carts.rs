//! Cart generators shared by the tests and the benchmark: a reproducible random cart with up to
//! N offers, and a large wallet spread over several shops.
#![allow(dead_code)]

use serde_json::{json, Value};

pub const NOW: &str = "2026-11-11T20:30:00+08:00";

/// SplitMix64: reproducible random carts without a dependency.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// The first five kinds; [`ALL_KINDS`] adds tiered, nthItem, bundle and addOn.
pub const FIRST_KINDS: &[&str] = &[
    "threshold",
    "everyThreshold",
    "percent",
    "fixed",
    "freeShipping",
];
pub const ALL_KINDS: &[&str] = &[
    "threshold",
    "everyThreshold",
    "percent",
    "fixed",
    "freeShipping",
    "tiered",
    "nthItem",
    "bundle",
    "addOn",
];

pub fn random_cart(rng: &mut Rng, max_offers: u64) -> Value {
    random_cart_of(rng, max_offers, FIRST_KINDS)
}

/// A random cart whose offers are drawn from `kinds`; with the newer kinds, usage limits and
/// budgets too.
pub fn random_cart_of(rng: &mut Rng, max_offers: u64, kinds: &[&str]) -> Value {
    let shops = 1 + rng.below(3);
    let cat = |i: u64| ["a.x.1", "a.x.2", "a.y.1", "b.z.1"][i as usize];
    let n_lines = 1 + rng.below(5);
    let mut lines: Vec<Value> = (0..n_lines)
        .map(|i| {
            json!({ "skuId": format!("k{i}"), "unitPrice": format!("{}.{:02}", 1 + rng.below(150), rng.below(100)),
                    "quantity": 1 + rng.below(3), "shopId": format!("s{}", rng.below(shops)), "categoryId": cat(rng.below(4)) })
        })
        .collect();
    let mut shipping = serde_json::Map::new();
    for s in 0..shops {
        if rng.chance(60) {
            let mut rule = json!({ "fee": format!("{}", rng.below(12)) });
            if rng.chance(60) {
                rule["freeThreshold"] = json!(format!("{}", 30 + rng.below(250)));
            }
            shipping.insert(format!("s{s}"), rule);
        }
    }
    let n_offers = rng.below(max_offers + 1);
    let mut promotions = Vec::new();
    let mut coupons = Vec::new();
    for i in 0..n_offers {
        let kind = kinds[rng.below(kinds.len() as u64) as usize];
        let mut o = json!({ "id": format!("o{i}"), "kind": kind });
        let threshold = if rng.chance(30) {
            10 * (1 + rng.below(30))
        } else {
            1 + rng.below(400)
        };
        match kind {
            "threshold" => {
                o["threshold"] = json!(threshold.to_string());
                o["amount"] = json!((1 + rng.below(60)).to_string());
            }
            "everyThreshold" => {
                o["threshold"] = json!((10 + rng.below(150)).to_string());
                o["amount"] = json!((1 + rng.below(20)).to_string());
                if rng.chance(50) {
                    o["cap"] = json!((5 + rng.below(60)).to_string());
                }
            }
            "percent" => {
                o["rate"] = json!(format!("0.{}", 50 + rng.below(49)));
                if rng.chance(50) {
                    o["cap"] = json!((5 + rng.below(60)).to_string());
                }
                if rng.chance(40) {
                    o["threshold"] = json!(threshold.to_string());
                }
            }
            "fixed" => {
                o["amount"] = json!((1 + rng.below(30)).to_string());
                if rng.chance(30) {
                    o["threshold"] = json!(threshold.to_string());
                }
            }
            "freeShipping" => {
                if rng.chance(60) {
                    o["threshold"] = json!(threshold.to_string());
                }
            }
            _ => newer_terms(rng, &mut o, kind, &mut lines, i),
        }
        if kinds.len() > FIRST_KINDS.len() {
            if rng.chance(5) {
                o["usesLeft"] = json!(rng.below(2));
            }
            if rng.chance(10) {
                o["budgetLeft"] = json!(format!("{}", rng.below(30)));
            }
        }
        let level = rng.below(3);
        let shop = format!("s{}", rng.below(shops));
        let prefix = ["a", "a.x", "b", "a.y.1"][rng.below(4) as usize];
        o["scope"] = match level {
            0 if rng.chance(50) => {
                json!({ "level": "item", "skuIds": [format!("k{}", rng.below(n_lines)), format!("k{}", rng.below(n_lines))] })
            }
            0 => json!({ "level": "item", "shopId": shop, "categoryIds": [prefix] }),
            1 => json!({ "level": "shop", "shopId": shop }),
            _ if rng.chance(25) => json!({ "level": "platform", "categoryIds": ["a"] }),
            _ => json!({ "level": "platform" }),
        };
        if rng.chance(10) {
            o["exclusive"] = json!(true);
        }
        if rng.chance(20) {
            let g = ["g1", "g2"][rng.below(2) as usize];
            o["stackGroup"] = json!(g);
        }
        if rng.chance(10) {
            o["stackable"] = json!(true);
        }
        if rng.chance(40) {
            o["validTo"] = json!(format!("2026-11-{:02}", 11 + rng.below(19)));
        }
        if rng.chance(5) {
            o["validTo"] = json!("2026-11-01");
        }
        if rng.chance(5) {
            o["minQuantity"] = json!(1 + rng.below(6));
        }
        if rng.chance(30) {
            promotions.push(o);
        } else {
            coupons.push(o);
        }
    }
    json!({ "lines": lines, "shipping": { "shops": shipping }, "promotions": promotions, "coupons": coupons, "now": NOW })
}

/// Terms of a tiered, nthItem, bundle or addOn offer; an addOn marks one line as its add-on.
fn newer_terms(rng: &mut Rng, o: &mut Value, kind: &str, lines: &mut [Value], i: u64) {
    match kind {
        "tiered" => {
            let by_count = rng.chance(30);
            if by_count {
                o["basis"] = json!("count");
            }
            let mut min = 0;
            let tiers: Vec<Value> = (0..1 + rng.below(3))
                .map(|_| {
                    min += if by_count {
                        1 + rng.below(3)
                    } else {
                        20 + rng.below(200)
                    };
                    let mut t = json!({ "min": min.to_string() });
                    match rng.below(4) {
                        0 | 1 => t["amount"] = json!((1 + rng.below(40)).to_string()),
                        2 => t["rate"] = json!(format!("0.{}", 60 + rng.below(39))),
                        _ => {}
                    }
                    if rng.chance(20) {
                        t["freeShipping"] = json!(true);
                    }
                    if rng.chance(25) {
                        t["gifts"] = json!([{ "skuId": "gift", "quantity": 1 }]);
                    }
                    if rng.chance(15) {
                        t["points"] = json!(10 * (1 + rng.below(9)));
                    }
                    t
                })
                .collect();
            o["tiers"] = json!(tiers);
        }
        "nthItem" => {
            o["n"] = json!(2 + rng.below(2));
            o["rate"] = json!(["0.5", "0", "0.8", "0.75"][rng.below(4) as usize]);
        }
        "bundle" => {
            o["count"] = json!(2 + rng.below(2));
            o["price"] = json!(format!("{}", 10 + rng.below(150)));
        }
        _ => {
            let j = rng.below(lines.len() as u64) as usize;
            let sku = lines[j]["skuId"].as_str().unwrap_or_default().to_string();
            o["threshold"] = json!(format!("{}", rng.below(150)));
            o["items"] = json!([{ "skuId": sku, "unitPrice": format!("{}.{:02}", rng.below(40), rng.below(100)) }]);
            if rng.chance(50) {
                o["limit"] = json!(1 + rng.below(2));
            }
            if lines[j].get("addOnOf").is_none() {
                lines[j]["addOnOf"] = json!(format!("o{i}"));
            }
        }
    }
}

/// A cart of `shops` shops with two lines each and `n` coupons spread over every layer.
pub fn big_wallet(shops: usize, n: usize) -> Value {
    let mut lines = Vec::new();
    for s in 0..shops {
        for k in 0..2 {
            lines.push(json!({ "skuId": format!("s{s}-{k}"), "unitPrice": format!("{}.{:02}", 40 + 17 * s + 9 * k, (s * 7 + k * 13) % 100), "quantity": 1 + k, "shopId": format!("s{s}"), "categoryId": format!("c{}.x", k) }));
        }
    }
    let mut coupons = Vec::new();
    for i in 0..n {
        let shop = format!("s{}", i % shops);
        let t = 20 + (i * 37) % 180;
        let c = match i % 6 {
            0 => {
                json!({ "kind": "threshold", "threshold": t.to_string(), "amount": (5 + i % 20).to_string(), "scope": { "level": "shop", "shopId": shop } })
            }
            1 => {
                json!({ "kind": "percent", "rate": format!("0.{}", 80 + i % 15), "cap": "30", "scope": { "level": "item", "shopId": shop, "categoryIds": ["c0"] } })
            }
            2 => {
                json!({ "kind": "everyThreshold", "threshold": "50", "amount": (3 + i % 5).to_string(), "scope": { "level": "shop", "shopId": shop } })
            }
            3 => {
                json!({ "kind": "threshold", "threshold": (t * 3).to_string(), "amount": (20 + i % 30).to_string() })
            }
            4 => {
                json!({ "kind": "fixed", "amount": (1 + i % 8).to_string(), "scope": { "level": "item", "shopId": shop, "skuIds": [format!("{shop}-1")] } })
            }
            _ => {
                json!({ "kind": "freeShipping", "threshold": t.to_string(), "scope": { "level": "shop", "shopId": shop } })
            }
        };
        let mut c = c;
        c["id"] = json!(format!("c{i:02}"));
        if i % 11 == 0 {
            c["stackGroup"] = json!("g");
        }
        coupons.push(c);
    }
    json!({ "lines": lines, "coupons": coupons, "shipping": { "default": { "fee": "8", "freeThreshold": "120" } } })
}

/// [`big_wallet`] with every other coupon of a newer kind (tiered, nthItem, bundle, addOn) as a
/// shop promotion, and one add-on line per shop.
pub fn mixed_wallet(shops: usize, n: usize) -> Value {
    let mut cart = big_wallet(shops, n);
    let coupons = cart["coupons"].as_array().cloned().unwrap_or_default();
    let (mut kept, mut promotions) = (Vec::new(), Vec::new());
    let mut add_on_of: Vec<Option<String>> = vec![None; shops];
    for (i, c) in coupons.into_iter().enumerate() {
        if i % 2 == 0 {
            kept.push(c);
            continue;
        }
        let s = i % shops;
        let shop = format!("s{s}");
        let id = format!("p{i:02}");
        let scope = json!({ "level": "shop", "shopId": shop });
        let t = 40 + (i * 29) % 160;
        let mut p = match (i / 2) % 4 {
            0 => json!({ "kind": "tiered", "tiers": [
                { "min": t.to_string(), "amount": (5 + i % 10).to_string() },
                { "min": (t * 2).to_string(), "amount": (15 + i % 20).to_string(), "freeShipping": true },
                { "min": (t * 3).to_string(), "rate": "0.85", "gifts": [{ "skuId": "gift", "quantity": 1 }] } ] }),
            1 => {
                let rate = ["0.5", "0"][i % 2];
                json!({ "kind": "nthItem", "n": 2 + i % 2, "rate": rate })
            }
            2 => {
                json!({ "kind": "bundle", "count": 2 + i % 2, "price": (60 + i % 50).to_string() })
            }
            _ => {
                add_on_of[s].get_or_insert_with(|| id.clone());
                json!({ "kind": "addOn", "threshold": t.to_string(), "items": [{ "skuId": format!("{shop}-addon"), "unitPrice": "5" }], "limit": 1 })
            }
        };
        p["id"] = json!(id);
        p["scope"] = scope;
        if i % 7 == 0 {
            p["budgetLeft"] = json!("8");
        }
        promotions.push(p);
    }
    for (s, of) in add_on_of.into_iter().enumerate() {
        if let Some(id) = of {
            cart["lines"].as_array_mut().unwrap().push(json!({ "skuId": format!("s{s}-addon"), "unitPrice": "19.90", "quantity": 1, "shopId": format!("s{s}"), "addOnOf": id }));
        }
    }
    cart["coupons"] = json!(kept);
    cart["promotions"] = json!(promotions);
    cart
}

/// The cart `cart(lines, shops, coupons)` of bench/bench.mjs builds (benches and examples time it).
pub fn bench_cart(lines: usize, shops: usize, coupons: usize) -> Value {
    let lines: Vec<_> = (0..lines)
        .map(|i| {
            json!({ "skuId": format!("s{i}"), "unitPrice": format!("{}.00", 19 + (i * 7) % 80),
                "quantity": 1 + i % 3, "shopId": format!("shop{}", i % shops),
                "categoryId": format!("c{}.x", i % 2) })
        })
        .collect();
    let coupons: Vec<_> = (0..coupons)
        .map(|i| {
            let shop = format!("shop{}", i % shops);
            let mut c = match i % 5 {
                0 => json!({ "kind": "threshold", "threshold": (50 + (i * 37) % 200).to_string(),
                    "amount": (5 + i % 20).to_string(), "scope": { "level": "shop", "shopId": shop } }),
                1 => json!({ "kind": "percent", "rate": format!("0.{}", 85 + i % 10), "cap": "30",
                    "scope": { "level": "item", "shopId": shop, "categoryIds": ["c0"] } }),
                2 => json!({ "kind": "everyThreshold", "threshold": "100", "amount": (3 + i % 5).to_string(),
                    "scope": { "level": "shop", "shopId": shop } }),
                3 => json!({ "kind": "threshold", "threshold": (200 + (i * 53) % 600).to_string(),
                    "amount": (20 + i % 30).to_string() }),
                _ => json!({ "kind": "freeShipping", "threshold": "60", "scope": { "level": "shop", "shopId": shop } }),
            };
            c["id"] = json!(format!("c{i}"));
            c
        })
        .collect();
    json!({ "now": "2026-11-11T20:30:00+08:00", "lines": lines, "coupons": coupons,
        "shipping": { "default": { "fee": "8", "freeThreshold": "120" } } })
}
