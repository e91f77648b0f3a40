//! The pricing steps, one file each, in the order [`crate::checkout::quote`] runs them.

pub mod adjustment;
pub mod earn;
pub mod offers;
pub mod points;
pub mod rewards;
pub mod shipping;
pub mod stored_value;
pub mod unit_price;
