//! Native timing of the bench.mjs carts for A/B runs on a busy machine: for each case the
//! fastest and the median of many short batches (the fastest is what contention spares).
//! `cargo run --release --example quote_speed [ms per case] [case filter]`. Also a driver for
//! `perf record` (`XD_ONLY=20x10t` runs one case only, for the given time).

use std::time::{Duration, Instant};
use xiaodian::checkout::detail::Detail;
use xiaodian::{Cart, Timestamp};

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

/// The cart `cart(lines, shops, coupons)` of bench/bench.mjs builds (as benches/engine.rs).
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
