//! 500 buyers order the last 10 units of a 秒杀 SKU at once: exactly 10 orders, stock 0, every
//! other answer sold out (409 OUT_OF_STOCK), all within a bounded time. Prints orders/s and the
//! latency percentiles.
mod support;

use serde_json::json;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};
use support::{catalog_of, client_quote, stock_of, Client, Server, TempDir};

const BUYERS: usize = 500;
const UNITS: u32 = 10;
const SKU: &str = "longjing-100";

#[test]
fn five_hundred_concurrent_orders_for_the_last_ten_units() {
    let dir = TempDir::new("load");
    let mut catalog = xiaodian::catalog::Catalog::demo();
    let sku = catalog
        .products
        .iter_mut()
        .flat_map(|p| p.skus.iter_mut())
        .find(|s| s.sku_id == SKU)
        .unwrap();
    assert!(sku.flash_sale.is_some(), "{SKU} is a 秒杀 SKU");
    sku.stock = Some(UNITS);
    let file = dir.0.join("catalog.json");
    std::fs::write(&file, serde_json::to_string(&catalog).unwrap()).unwrap();
    let server = Server::start(&dir.0.join("data"), &["--catalog", file.to_str().unwrap()]);

    // Each buyer gets its cookie and the live catalog first; that is not part of the timing.
    let mut probe = server.client();
    let live = catalog_of(&mut probe);
    assert_eq!(stock_of(&live, SKU), Some(UNITS));
    let order = json!({ "picks": [{ "skuId": SKU, "quantity": 1 }] });
    let body =
        Arc::new(json!({ "order": order, "quote": client_quote(&live, &order) }).to_string());
    let buyers: Vec<Client> = (0..BUYERS)
        .map(|_| {
            let mut c = server.client();
            assert_eq!(c.get("/api/wallet").status, 200);
            c
        })
        .collect();

    let start = Arc::new(Barrier::new(BUYERS + 1));
    let threads: Vec<_> = buyers
        .into_iter()
        .enumerate()
        .map(|(i, mut c)| {
            let (start, body) = (start.clone(), body.clone());
            std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || {
                    start.wait();
                    let t = Instant::now();
                    let key = format!("load-{i}");
                    let r = c.send(
                        "POST",
                        "/api/orders",
                        &[("Idempotency-Key", &key)],
                        Some(body.as_bytes()),
                    );
                    (r.status, r.json(), t.elapsed())
                })
                .unwrap()
        })
        .collect();
    start.wait();
    let t0 = Instant::now();
    let results: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let wall = t0.elapsed();

    let placed = results.iter().filter(|(s, _, _)| *s == 201).count();
    let others: Vec<_> = results
        .iter()
        .filter(|(s, b, _)| !(*s == 409 && b["code"] == "OUT_OF_STOCK") && *s != 201)
        .map(|(s, b, _)| format!("{s} {b}"))
        .collect();
    let mut lat: Vec<Duration> = results.iter().map(|(_, _, d)| *d).collect();
    lat.sort();
    let pct = |p: usize| lat[(lat.len() * p / 100).min(lat.len() - 1)];
    println!(
        "load: {BUYERS} concurrent orders for the last {UNITS} units of a 秒杀 SKU: all answered in {:.0} ms \
         ({:.0} orders/s), latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {placed} placed, the rest OUT_OF_STOCK",
        wall.as_secs_f64() * 1000.0,
        BUYERS as f64 / wall.as_secs_f64(),
        pct(50).as_secs_f64() * 1000.0,
        pct(99).as_secs_f64() * 1000.0,
        lat[lat.len() - 1].as_secs_f64() * 1000.0,
    );
    assert!(
        others.is_empty(),
        "only sold-out refusals expected: {others:?}"
    );
    assert_eq!(placed, UNITS as usize);
    assert_eq!(stock_of(&catalog_of(&mut probe), SKU), Some(0));
    // Ten different buyers hold one order each.
    let ids: std::collections::BTreeSet<_> = results
        .iter()
        .filter(|(s, _, _)| *s == 201)
        .map(|(_, b, _)| b["orderId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), UNITS as usize);
    assert!(wall < Duration::from_secs(30), "took {wall:?}");
}
