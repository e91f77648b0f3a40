//! xiaodian: a WeChat-style shop's commerce maths, exact to the fen, identical natively and in
//! WebAssembly. The domain modules are plain Rust; `wasm` (wasm32 only) is the thin JS binding.

pub mod cart;
pub mod catalog;
pub mod category;
pub mod csv;
pub mod error;
pub mod fees;
pub mod finding;
#[cfg(not(target_arch = "wasm32"))]
pub mod fuzzing;
pub mod identity;
pub mod json;
pub mod listing;
pub mod money;
pub mod pricing;
pub mod promo;
pub mod quote;
pub mod refund;
pub mod rulebook;
pub(crate) mod sort;
pub mod tape;
pub mod time;
pub mod verify;
pub mod verify_order;

/// The JS binding (wasm32 only); public so wasm_bindgen_test tests can call it as JS would.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use cart::Cart;
pub use error::{Error, ErrorKind, Result};
pub use money::{allocate, Money, Rate};
pub use quote::{quote, Quote};
pub use rulebook::{default_rulebook, Rulebook};
pub use time::Timestamp;
pub use verify_order::{verify_order, OrderVerification, VerifyOptions};

use serde::Serialize;

/// The engine's version, part of every quote's fingerprint.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Version {
    pub engine: String,
    pub rulebook: String,
}

pub fn version() -> Version {
    Version {
        engine: ENGINE_VERSION.to_string(),
        rulebook: rulebook::checkout_rules().0.to_string(),
    }
}

/// Quote a cart given as JSON (servers and tools). `now` is used when the cart has none.
pub fn quote_json(cart_json: &str, now: Timestamp) -> Result<Quote> {
    let cart: Cart = error::from_json(cart_json)?;
    quote(&cart, now)
}
