//! A server's check of a placed order: rebuild the cart from the server's catalog, take the
//! coupons from the wallet the server knows, quote at the server's clock, and compare with the
//! client's quote (`xiaodian::verify_order`).
//!
//!   cargo run --example verify_quote -- catalog.json order.json client-quote.json \
//!       [--wallet id,id,…] [--now 2026-11-11T20:00:00+08:00] [--max-skew SECONDS]
//!
//! Without `--wallet` the coupons the order sends are taken by id (their terms still come from
//! the catalog); without `--now` the system clock is used.
//! Exit status: 0 ok, 1 differences (printed as JSON), 2 unreadable input.
use std::process::ExitCode;
use xiaodian::catalog::{Catalog, Order};
use xiaodian::{Timestamp, VerifyOptions};

const USAGE: &str = "usage: verify_quote <catalog.json> <order.json> <client-quote.json> [--wallet id,…] [--now TIME] [--max-skew SECONDS]";

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, String> {
    let mut files = Vec::new();
    let mut options = VerifyOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--wallet" => {
                let ids = value()?;
                options.wallet = Some(
                    ids.split(',')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect(),
                );
            }
            "--now" => {
                let t = value()?;
                options.now =
                    Some(Timestamp::parse(&t).map_err(|_| format!("--now: not a time: {t}"))?);
            }
            "--max-skew" => {
                let s = value()?;
                options.max_clock_skew_seconds = s
                    .parse()
                    .map_err(|_| format!("--max-skew: not a number: {s}"))?;
            }
            _ => files.push(arg),
        }
    }
    let [catalog, order, quote] = files.as_slice() else {
        return Err(USAGE.to_string());
    };
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
    let engine = |e: xiaodian::Error| format!("{}: {}", e.code(), e.message_en());
    let catalog = Catalog::from_json(&read(catalog)?).map_err(|e| engine(e.under("catalog")))?;
    let order: Order =
        xiaodian::json::from_json(&read(order)?).map_err(|e| engine(e.under("order")))?;
    let v = xiaodian::verify_order(&catalog, &order, &read(quote)?, &options).map_err(engine)?;
    if v.ok {
        println!(
            "ok: payable {} fingerprint {} at {}",
            v.quote.payable, v.quote.fingerprint, v.quote.evaluated_at
        );
        Ok(ExitCode::SUCCESS)
    } else {
        let out = serde_json::json!({ "ok": false, "differences": v.differences, "payable": v.quote.payable });
        println!("{out}");
        Ok(ExitCode::from(1))
    }
}
