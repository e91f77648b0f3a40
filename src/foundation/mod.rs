//! Plain values and plumbing every layer uses: money and rates in fen-exact decimals, the
//! largest-remainder split, times in +08:00, the one error type and its messages, the
//! path-keeping JSON reader, findings, the result tape, category ids and one stable sort. It
//! imports nothing from the layers above.

pub mod allocate;
pub mod category_id;
pub mod error;
mod error_text;
pub mod finding;
pub mod json;
pub mod limits;
pub mod meta;
pub mod money;
pub(crate) mod sort;
pub mod tape;
pub mod time;
mod unknown_field;
