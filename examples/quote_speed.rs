//! Native timing of the bench.mjs carts for A/B runs on a busy machine: for each case the
//! fastest and the median of many short batches (the fastest is what contention spares).
//! `cargo run --release --example quote_speed [ms per case] [case filter]`. Also a driver for
//! `perf record` (`XD_ONLY=20x10t` runs one case only, for the given time).

use std::time::{Duration, Instant};
use xiaodian::checkout::detail::Detail;
use xiaodian::{Cart, Timestamp};

#[path = "../tests/support/carts.rs"]
mod carts;
use carts::bench_cart;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let ms: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let only = args.get(2).cloned().unwrap_or_default();
    let now = Timestamp::parse("2026-11-11T20:30:00+08:00").unwrap();
    let plain: Cart = serde_json::from_value(serde_json::json!({ "lines": (0..20).map(|i| serde_json::json!({ "skuId": format!("s{i}"), "unitPrice": "19.90", "quantity": 2, "shopId": format!("shop{}", i % 3) })).collect::<Vec<_>>() })).unwrap();
    let cart = |l, s, c| -> Cart { serde_json::from_value(bench_cart(l, s, c)).unwrap() };
    let cases: Vec<(&str, Cart, Detail)> = vec![
        ("20x10 full", cart(20, 3, 10), Detail::Full),
        ("20x10 totals", cart(20, 3, 10), Detail::Totals),
        ("1 line totals", cart(1, 1, 0), Detail::Totals),
        ("20 plain full", plain, Detail::Full),
        ("200x30 totals", cart(200, 5, 30), Detail::Totals),
    ];
    println!(
        "{:<16} {:>10} {:>10}  (µs per quote)",
        "case", "fastest", "median"
    );
    for (name, cart, detail) in &cases {
        if !only.is_empty() && !name.contains(only.as_str()) {
            continue;
        }
        let one = || xiaodian::checkout::quote_with(cart, now, *detail).unwrap();
        let t = Instant::now();
        std::hint::black_box(one());
        let per = t.elapsed().as_secs_f64();
        // Batches of about 200 µs, so a batch often runs between two preemptions.
        let batch = ((200e-6 / per.max(1e-7)) as usize).clamp(1, 1000);
        let mut samples = Vec::new();
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(ms) || samples.len() < 5 {
            let t = Instant::now();
            for _ in 0..batch {
                std::hint::black_box(one());
            }
            samples.push(t.elapsed().as_secs_f64() * 1e6 / batch as f64);
        }
        samples.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{name:<16} {:>10.2} {:>10.2}",
            samples[0],
            samples[samples.len() / 2]
        );
    }
}
