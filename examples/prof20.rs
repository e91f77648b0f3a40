use xiaodian::{quote, Cart, Timestamp};
fn main() {
    let text = std::fs::read_to_string("/tmp/prof/c20.json").unwrap();
    let cart: Cart = xiaodian::error::from_json(&text).unwrap();
    let now = Timestamp::parse("2026-11-11T20:30:00+08:00").unwrap();
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(20000);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(quote(std::hint::black_box(&cart), now).unwrap());
    }
    println!("{:.1} us/quote", t.elapsed().as_secs_f64() * 1e6 / n as f64);
}
