//! A server's check of a client's quote: recompute the cart natively with the same crate and
//! report a match or the first difference.
//!
//!   cargo run --example verify_quote -- cart.json client-quote.json
//!
//! Exit status: 0 match, 1 difference (printed as JSON), 2 unreadable input.
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [cart, quote] = args.as_slice() else {
        eprintln!("usage: verify_quote <cart.json> <client-quote.json>");
        return ExitCode::from(2);
    };
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
    let (cart, quote) = match (read(cart), read(quote)) {
        (Ok(c), Ok(q)) => (c, q),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match xiaodian::verify::verify_quote(&cart, &quote) {
        Ok(v) if v.matches => {
            println!(
                "match: payable {} fingerprint {} at {}",
                v.server.payable, v.server.fingerprint, v.evaluated_at
            );
            ExitCode::SUCCESS
        }
        Ok(v) => {
            let d = v.difference.expect("a mismatch has a difference");
            println!(
                "{}",
                serde_json::json!({ "match": false, "path": d.path, "expected": d.expected, "got": d.got })
            );
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("{}: {} ({})", e.code(), e.message_en(), e.path);
            ExitCode::from(2)
        }
    }
}
