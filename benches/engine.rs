//! Native benchmark: quote() with auto-selection over 10, 30 and 50 wallet coupons, next to an
//! exhaustive search where that is still feasible. Prints a table; asserts nothing about time.
//! Run: `cargo bench --bench engine` (or `bash scripts/bench.sh`).

use std::time::{Duration, Instant};
use xiaodian::promo::{brute_force, Rank};
use xiaodian::quote::price_cart;
use xiaodian::{quote, Cart, Timestamp};

#[path = "../tests/support/carts.rs"]
mod carts;
use carts::bench_cart;

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
    // Lean results (issue 23): the same cart at `detail: "totals"`, and the other cart sizes.
    use xiaodian::checkout::detail::Detail;
    for (name, (l, s, c)) in [
        ("  the same, detail totals", (20, 3, 10)),
        ("bench.mjs 1 line, totals", (1, 1, 0)),
        ("bench.mjs 200 × 30, totals", (200, 5, 30)),
    ] {
        let cart: Cart = serde_json::from_value(bench_cart(l, s, c)).unwrap();
        let (med, p99, _) = time(budget, || {
            xiaodian::checkout::quote_with(&cart, now, Detail::Totals).unwrap()
        });
        println!("{name:<34} {med:>10.1} {p99:>10.1}");
    }
    let (med, p99, _) = time(budget, || {
        let cart: Cart = xiaodian::json::from_json(&text).unwrap();
        serde_json::to_string(&quote(&cart, now).unwrap()).unwrap()
    });
    println!(
        "{:<34} {:>10.1} {:>10.1}",
        "  the same, JSON in and out", med, p99
    );
}
