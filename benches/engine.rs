//! Native benchmark: quote() with auto-selection over 10, 30 and 50 wallet coupons, next to an
//! exhaustive search where that is still feasible. Prints a table; asserts nothing about time.
//! Run: `cargo bench --bench engine` (or `bash scripts/bench.sh`).

use std::time::{Duration, Instant};
use xiaodian::promo::{brute_force, Rank};
use xiaodian::quote::price_cart;
use xiaodian::{quote, Cart, Timestamp};

#[path = "../tests/support/carts.rs"]
mod carts;

/// Median and p99 of `f`, run for about `budget`.
fn time<T>(budget: Duration, mut f: impl FnMut() -> T) -> (f64, f64, usize) {
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < budget || samples.len() < 5 {
        let t = Instant::now();
        std::hint::black_box(f());
        samples.push(t.elapsed().as_secs_f64() * 1e6);
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    let p = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize];
    (p(0.5), p(0.99), samples.len())
}

fn main() {
    let now = Timestamp::parse(carts::NOW).unwrap();
    let budget = Duration::from_millis(
        std::env::var("XD_BENCH_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1500),
    );
    println!("quote() with auto-selection, native release build (median / p99 per call, µs)");
    println!(
        "{:<34} {:>10} {:>10} {:>8} {:>14} {:>14}",
        "case", "median", "p99", "nodes", "brute median", "brute subsets"
    );
    // The five first kinds, then the same wallets with half the offers of the newer kinds
    // (tiered, nthItem, bundle, addOn) as shop promotions.
    let cases = [(5, 10), (5, 12), (5, 30), (5, 50)];
    let all = cases
        .iter()
        .map(|&c| (c, false))
        .chain(cases.iter().map(|&c| (c, true)));
    for ((shops, coupons), mixed) in all {
        let json = if mixed {
            carts::mixed_wallet(shops, coupons)
        } else {
            carts::big_wallet(shops, coupons)
        };
        let cart: Cart = serde_json::from_value(json).unwrap();
        let (med, p99, _) = time(budget, || quote(&cart, now).unwrap());
        let priced = price_cart(&cart, now).unwrap();
        let auto = priced.engine.optimise(&[], &|_| true);
        let nodes = priced.engine.nodes.get();
        let brute = if coupons <= 12 {
            let b = brute_force(&priced.engine);
            assert_eq!(
                Rank::of(&priced.engine, &b),
                Rank::of(&priced.engine, &auto),
                "auto must equal brute force"
            );
            let (bm, _, _) = time(budget, || brute_force(&priced.engine));
            (format!("{bm:.1}"), format!("{}", 1u64 << coupons))
        } else {
            ("—".to_string(), format!("2^{coupons}"))
        };
        println!(
            "{:<34} {:>10.1} {:>10.1} {:>8} {:>14} {:>14}",
            format!(
                "{} lines, {shops} shops, {coupons} {}",
                cart.lines.len(),
                if mixed { "offers mixed" } else { "coupons" }
            ),
            med,
            p99,
            nodes,
            brute.0,
            brute.1
        );
    }
    let plain: Cart = serde_json::from_value(serde_json::json!({ "lines": (0..20).map(|i| serde_json::json!({ "skuId": format!("s{i}"), "unitPrice": "19.90", "quantity": 2, "shopId": format!("shop{}", i % 3) })).collect::<Vec<_>>() })).unwrap();
    let (med, p99, _) = time(budget, || quote(&plain, now).unwrap());
    println!(
        "{:<34} {:>10.1} {:>10.1}",
        "20 lines, 3 shops, no coupons", med, p99
    );

    // bench/bench.mjs's 20-line case natively: the engine alone, then JSON text in and out as
    // the WASM boundary does it, to show how much of a call is decoding and encoding.
    let text = serde_json::to_string(&bench_cart(20, 3, 10)).unwrap();
    let cart: Cart = serde_json::from_str(&text).unwrap();
    let (med, p99, _) = time(budget, || quote(&cart, now).unwrap());
    println!(
        "{:<34} {:>10.1} {:>10.1}   payable {} (as in bench.mjs)",
        "bench.mjs 20 lines + 10 coupons",
        med,
        p99,
        quote(&cart, now).unwrap().payable
    );
    let (med, p99, _) = time(budget, || {
        let cart: Cart = xiaodian::json::from_json(&text).unwrap();
        serde_json::to_string(&quote(&cart, now).unwrap()).unwrap()
    });
    println!(
        "{:<34} {:>10.1} {:>10.1}",
        "  the same, JSON in and out", med, p99
    );
}

/// The cart `cart(lines, shops, coupons)` of bench/bench.mjs builds.
fn bench_cart(lines: usize, shops: usize, coupons: usize) -> serde_json::Value {
    use serde_json::json;
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
