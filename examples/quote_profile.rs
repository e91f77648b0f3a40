//! A fixed number of quotes of one bench.mjs cart, for instruction-count profiles (a timed loop
//! would make callgrind's counts depend on the machine's load):
//! `valgrind --tool=callgrind --toggle-collect='*quote_profile::one*' target/release/examples/quote_profile 20x10t 200`
//! gives the instructions of 200 quotes. Cases: 20x10t, 20x10f, 1t, 200x30t.

use xiaodian::checkout::detail::Detail;
use xiaodian::{Cart, Timestamp};

#[path = "../tests/support/carts.rs"]
mod carts;
use carts::bench_cart;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let case = args.get(1).map_or("20x10t", String::as_str);
    let n: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(100);
    let ((l, s, c), detail) = match case {
        "20x10f" => ((20, 3, 10), Detail::Full),
        "1t" => ((1, 1, 0), Detail::Totals),
        "200x30t" => ((200, 5, 30), Detail::Totals),
        _ => ((20, 3, 10), Detail::Totals),
    };
    let cart: Cart = serde_json::from_value(bench_cart(l, s, c)).unwrap();
    let now = Timestamp::parse(carts::NOW).unwrap();
    // Once outside `one`: the checkout rules are decoded on the first quote of a process.
    let mut fp = xiaodian::checkout::quote_with(&cart, now, detail)
        .unwrap()
        .payable
        .fen();
    for _ in 0..n {
        fp = one(&cart, now, detail);
    }
    let priced = xiaodian::quote::price_cart(&cart, now).unwrap();
    priced.engine.optimise(&[], &|_| true);
    println!(
        "{case} × {n}: payable {fp} fen; search nodes {}, parts {}",
        priced.engine.nodes.get(),
        xiaodian::checkout::search::part_count(&priced.engine)
    );
}

/// One quote, built and dropped: what `--toggle-collect='*quote_profile::one*'` counts.
#[inline(never)]
fn one(cart: &Cart, now: Timestamp, detail: Detail) -> i128 {
    let q = xiaodian::checkout::quote_with(cart, now, detail).unwrap();
    std::hint::black_box(q.payable.fen())
}
