//! Offers — promotions (shop campaigns, automatic) and wallet coupons — over a priced cart.
//! [`model`] is what an offer is (its JSON schema), [`check`] whether its terms are complete,
//! [`engine`] what it is worth: layers apply in order item → shop → platform → shipping (points
//! come after, in the quote). Within a layer every offer's threshold and discount base is the
//! eligible amount at the start of that layer; a discount never exceeds what its lines still
//! cost, and goes to those lines in proportion to their current amounts by largest remainder.
//! Which offers to use is chosen by [`crate::checkout::search`].

pub mod check;
pub mod engine;
pub mod model;
pub mod terms;
pub(crate) mod trail;

pub use crate::checkout::search::{brute_force, valid_combination, Rank};
pub use engine::{shipping_fee_fen, Cand, Engine, LineIn, Run, ShopIn, Slot, Use};
pub use model::{Layer, Offer, OfferKind, RejectCode, Scope, ScopeLevel, Selection, Source};
