//! xiaodian: a WeChat-style shop's commerce maths, exact to the fen, identical natively and in
//! WebAssembly.
//!
//! The crate is layered; each layer uses only the ones below it (see `docs/architecture.md`):
//! - [`foundation`]: money, time, errors, the JSON reader, findings, the result tape.
//! - [`checkout`]: the shopper's maths: cart, catalog, unit prices, offers, the search, quote,
//!   refund, verification.
//! - [`merchant`] (feature `merchant`): rulebook, categories, fees, listing and CSV checks,
//!   identity numbers.
//! - `binding` (wasm32 only): the JS surface; converts and throws, nothing more.

pub mod checkout;
pub mod foundation;
#[cfg(feature = "merchant")]
pub mod merchant;

/// Host-only fuzz target bodies (they cover the merchant checks too).
#[cfg(all(not(target_arch = "wasm32"), feature = "merchant"))]
pub mod fuzzing;

/// The JS binding (wasm32 only); public so wasm_bindgen_test tests can call it as JS would.
#[cfg(target_arch = "wasm32")]
pub mod binding;
#[cfg(target_arch = "wasm32")]
pub use binding as wasm;

// The public module map: short paths for integrators (`xiaodian::money::Money`,
// `xiaodian::promo::OfferKind`), each naming the module that does that job.
pub use checkout::offer as promo;
pub use checkout::{address, cart, catalog, freight, pricing, refund, verify, verify_order};
pub use foundation::{error, finding, json, limits, money, tape, time};
#[cfg(feature = "merchant")]
pub use merchant::{category, csv, fees, identity, listing, rulebook};

pub use cart::Cart;
pub use checkout::quote;
pub use checkout::verify_order::{verify_order, OrderVerification, VerifyOptions};
pub use error::{Error, ErrorKind, Result};
pub use foundation::allocate::allocate;
pub use money::{Money, Rate};
pub use quote::Quote;
#[cfg(feature = "merchant")]
pub use rulebook::{default_rulebook, Rulebook};
pub use time::Timestamp;

pub use checkout::rules::{version, Version, ENGINE_VERSION};

/// Quote a cart given as JSON (servers and tools). `now` is used when the cart has none.
pub fn quote_json(cart_json: &str, now: Timestamp) -> Result<Quote> {
    let cart: Cart = json::from_json(cart_json)?;
    quote(&cart, now)
}
