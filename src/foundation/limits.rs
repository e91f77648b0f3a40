//! The module's input and result limits (README "Limits"): past them a call fails with
//! INPUT_TOO_LARGE before it can tie up a phone or a verifying server, or grow WASM memory the
//! module never gives back.

use crate::foundation::error::{Error, ErrorKind, Result};

/// Offers in one cart, each list: promotions and coupons separately.
pub const MAX_OFFERS: usize = 64;
/// Bytes of JSON text in one document (a cart, a catalog, a quote, one listing).
pub const MAX_JSON_BYTES: usize = 8 << 20;
/// Bytes of JSON for a whole `validateListings` batch, and bytes of one CSV text.
pub const MAX_BATCH_BYTES: usize = 64 << 20;
/// Data rows of one CSV text.
pub const MAX_CSV_ROWS: usize = 100_000;
/// Listings in one `validateListings` call.
pub const MAX_LISTINGS: usize = 100_000;
/// UTF-16 units of the text one result carries to JS (V8 refuses strings past 2²⁹ − 24).
pub const MAX_RESULT_UNITS: usize = 256 << 20;
/// Search work per quote, in candidate visits (a node costs one plus the candidates its bound
/// scans, so the cap holds in time whatever the cart's shape): past it the best combination
/// found so far is used and the quote says `selectionOptimal: false`.
pub const MAX_SEARCH_WORK: u64 = 500_000;

thread_local! {
    static SEARCH_WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(MAX_SEARCH_WORK) };
}

/// The work budget a new quote's search gets on this thread: [`MAX_SEARCH_WORK`] unless a fuzz
/// target lowered it (a budget-stopped search then costs it a millisecond, not tens; the code
/// paths are the same and more inputs reach them).
pub fn search_work() -> u64 {
    SEARCH_WORK.with(std::cell::Cell::get)
}

/// Sets [`search_work`] for this thread and returns the previous value.
#[doc(hidden)]
pub fn set_search_work(work: u64) -> u64 {
    SEARCH_WORK.with(|w| w.replace(work))
}

/// INPUT_TOO_LARGE at `path` if `n > max`.
pub fn check(n: usize, max: usize, what: &str, path: &str) -> Result<()> {
    if n > max {
        return Err(too_large(what, max as u64, path));
    }
    Ok(())
}

pub fn too_large(what: &str, max: u64, path: &str) -> Error {
    Error::new(
        ErrorKind::InputTooLarge {
            what: what.into(),
            max,
        },
        path,
    )
}
