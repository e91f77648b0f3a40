//! The merchant's checks (the `merchant` feature): the platform rulebook, categories and
//! qualifications, fees and shop health, listing and CSV checks, identity numbers. It uses the
//! foundation, and of the checkout only the rulebook's checkout part.

pub mod amount_input;
pub mod category;
pub mod csv;
pub mod fees;
pub mod identity;
pub mod image;
pub mod listing;
pub mod rulebook;
pub mod suggest;
