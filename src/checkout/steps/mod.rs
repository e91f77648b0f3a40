//! The pricing steps, one file each, in the order [`crate::checkout::quote`] runs them.

pub mod offers;
pub mod points;
pub mod rewards;
pub mod shipping;
pub mod unit_price;
