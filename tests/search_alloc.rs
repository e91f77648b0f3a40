//! The offer search allocates nothing per node (issue 23): a counting allocator around
//! `optimise` on wallets whose searches visit hundreds to thousands of nodes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};
use xiaodian::quote::price_cart;
use xiaodian::{Cart, Timestamp};

#[path = "support/carts.rs"]
mod carts;

struct Counting;
static ALLOCS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(p, l, n) }
    }
}

#[global_allocator]
static A: Counting = Counting;

#[test]
fn the_search_does_not_allocate_per_node() {
    let now = Timestamp::parse(carts::NOW).unwrap();
    // 64 stackable thresholds over 64 item promotions (tests/search_scale.rs): ~1,600 nodes.
    let lines: Vec<_> = (0..2)
        .map(|s| serde_json::json!({ "skuId": format!("k{s}"), "unitPrice": format!("{}.00", 300 + 7 * s), "quantity": 2, "shopId": format!("s{s}") }))
        .collect();
    let coupons: Vec<_> = (0..64)
        .map(|i| serde_json::json!({ "id": format!("t{i}"), "kind": "threshold", "threshold": format!("{}", 200 + 9 * i), "amount": format!("{}", 3 + i % 11), "stackable": true }))
        .collect();
    let promotions: Vec<_> = (0..64)
        .map(|i| serde_json::json!({ "id": format!("p{i}"), "kind": "percent", "rate": format!("0.{}", 90 + i % 9), "stackable": true, "scope": { "level": "item", "skuIds": [format!("k{}", i % 2)] } }))
        .collect();
    let thresholds = serde_json::json!({ "lines": lines, "now": carts::NOW, "coupons": coupons, "promotions": promotions });
    for (name, v) in [
        ("stackable thresholds 64", thresholds),
        ("50 coupons", carts::big_wallet(5, 50)),
        ("50 offers mixed", carts::mixed_wallet(5, 50)),
        ("30 offers mixed", carts::mixed_wallet(5, 30)),
    ] {
        let cart: Cart = serde_json::from_value(v).unwrap();
        let priced = price_cart(&cart, now).unwrap();
        let e = &priced.engine;
        let before = ALLOCS.load(Ordering::Relaxed);
        let run = e.optimise(&[], &|_| true);
        let allocs = ALLOCS.load(Ordering::Relaxed) - before;
        let nodes = e.nodes.get();
        println!("{name}: {nodes} nodes, {allocs} allocations");
        drop(run);
        // Setting up (options, parts, buffers) and replaying the winner allocate, in
        // proportion to the offers; the nodes do not.
        let offers = (cart.coupons.len() + cart.promotions.len()) as u64;
        assert!(nodes > 50, "{name}: a real search");
        assert!(
            allocs < 8 * offers + 200,
            "{name}: {allocs} allocations for {nodes} nodes"
        );
        // The same search cut short after a few nodes allocates about as much.
        e.node_budget.set(100);
        let before = ALLOCS.load(Ordering::Relaxed);
        drop(e.optimise(&[], &|_| true));
        let short = ALLOCS.load(Ordering::Relaxed) - before;
        let few = e.nodes.get();
        println!("  cut short: {few} nodes, {short} allocations");
        assert!(few < nodes);
        assert!(
            allocs.saturating_sub(short) * 10 < nodes - few + 100,
            "{name}: {} more allocations for {} more nodes",
            allocs.saturating_sub(short),
            nodes - few
        );
    }
}
