//! The quote's output types: totals, lines, shops, applied and rejected offers, hints. Amounts
//! are exact to the fen; see [`crate::checkout::quote`] for how they are computed.

use crate::checkout::cart::Payer;
use crate::checkout::offer::{Layer, OfferKind, Source};
use crate::checkout::pricing::{PriceNote, PriceRule, PriceSegment};
use crate::foundation::money::{Money, Rate};
use crate::foundation::time::Timestamp;
use serde::{Serialize, Serializer};
use std::sync::Arc;

pub use super::fingerprint::fingerprint;
pub use super::steps::unit_price::{price_cart, Priced, MAX_CART_YUAN};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// Σ line subtotals: goods at their item prices (member, 秒杀, … already applied).
    pub subtotal: Money,
    /// Coupon and promotion discounts.
    pub discount: Money,
    pub shipping: Money,
    pub points_deduction: Money,
    /// subtotal − discount − pointsDeduction + shipping.
    pub payable: Money,
    /// Goods at list price, and what item prices saved against it.
    pub list_subtotal: Money,
    pub price_savings: Money,
    /// Shipping split: freight after 免邮, and 运费险 paid by the buyer (both inside `shipping`).
    pub freight: Money,
    pub insurance: Money,
    /// 运费险 the merchant pays (not in `payable`).
    pub merchant_insurance: Money,
    /// Shipping that 免邮 offers saved.
    pub shipping_saved: Money,
    /// What the chosen offers save in all: discounts plus shipping saved against using none.
    pub saving: Money,
    pub item_count: u64,
    /// "auto" or "manual".
    pub selection: String,
    pub lines: Vec<QuoteLine>,
    pub shops: Vec<ShopQuote>,
    pub applied: Vec<Applied>,
    pub rejected: Vec<Rejected>,
    pub hints: Vec<Hint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<PointsResult>,
    /// 满赠: goods the reached tiers give at ¥0 (not lines: line sums stay as they are).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub gifts: Vec<QuoteGift>,
    /// Points and coupons the reached tiers promise after payment.
    #[serde(skip_serializing_if = "Rewards::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub rewards: Rewards,
    /// 改价, when the cart has one (inside every line's payable).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjustment: Option<super::steps::adjustment::AdjustmentResult>,
    /// 积分赠送: points this order earns (Σ lines' pointsEarned), and how.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_earned: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earning: Option<super::steps::earn::EarnResult>,
    /// Growth (成长值) this order earns, and the member level after it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub growth_earned: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_level: Option<super::membership::MemberLevel>,
    /// 储值 paying part of `payable`: a payment, not a discount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment: Option<super::steps::stored_value::Payment>,
    pub evaluated_at: Timestamp,
    /// What stops the order as it stands: a line not delivered to the address, an address
    /// needed for region rates. Empty (and left out) when the order can go ahead.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub blockers: Vec<Blocker>,
    pub engine: String,
    pub rulebook: String,
    pub fingerprint: String,
    /// What was changed in a catalog order to make it quotable (a pick capped to stock or 限购,
    /// or dropped); empty, and absent from JSON, for a cart quoted as given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub adjustments: Vec<crate::checkout::adjust::Adjustment>,
    /// False when the offer search hit its node budget (README "Limits"): the offers are the
    /// best combination found, maybe not the optimum. Written only then.
    #[serde(skip_serializing_if = "is_true")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub selection_optimal: bool,
}

fn is_true(b: &bool) -> bool {
    *b
}

/// An `Arc<str>` id written as the string it holds (serde's `rc` feature is not enabled), so
/// the JSON is what a `String` gave.
pub(crate) fn shared_str<S: Serializer>(s: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(s)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct QuoteLine {
    pub sku_id: String,
    // Shared by the shop's lines (one allocation per shop, not per line).
    #[serde(serialize_with = "shared_str")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub shop_id: Arc<str>,
    pub quantity: u32,
    pub list_price: Money,
    pub list_subtotal: Money,
    pub subtotal: Money,
    pub discount: Money,
    pub points_deduction: Money,
    pub payable: Money,
    /// The line's share of each discount, by offer id.
    pub discounts: Vec<LineDiscount>,
    /// The rule that priced most units.
    pub price_rule: PriceRule,
    pub pricing: Vec<PriceSegment>,
    pub price_notes: Vec<PriceNote>,
    /// False when the line's 运费模板 does not deliver to the address (written only then).
    #[serde(skip_serializing_if = "is_true")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub deliverable: bool,
    /// The line's share of 改价 (signed), of points earned, and of 储值 paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub adjustment: Option<super::steps::adjustment::SignedMoney>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_earned: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stored_value: Option<Money>,
}

/// Why the order cannot go ahead as quoted: `NOT_DELIVERABLE` at `lines[i]`, or
/// `ADDRESS_REQUIRED` at `address` (region rates need it; base rates are shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Blocker {
    pub code: String,
    pub path: String,
    pub message: String,
    pub message_en: String,
    /// NOT_DELIVERABLE: the region the line's template does not deliver to (the rule's code,
    /// which covers the address's), named in the messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ShopQuote {
    pub shop_id: String,
    /// Indexes into `lines`.
    pub lines: Vec<usize>,
    pub item_count: u64,
    pub subtotal: Money,
    pub discount: Money,
    pub points_deduction: Money,
    /// freight + buyer-paid 运费险.
    pub shipping: Money,
    pub freight: Money,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insurance: Option<ShopInsurance>,
    pub shipping_basis: ShippingBasis,
    pub payable: Money,
}

/// How a shop's shipping was set, for display: "满 ¥99 包邮，还差 ¥12.00".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ShippingBasis {
    pub reason: String,
    pub reason_en: String,
    /// Goods still to add for free shipping, when a threshold exists and is not met.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_for_free: Option<Money>,
}

/// A line's share of one discount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LineDiscount {
    // The offer's id, shared with every line it discounts and the engine's candidate.
    #[serde(serialize_with = "shared_str")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub id: Arc<str>,
    pub amount: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ShopInsurance {
    pub fee: Money,
    pub paid_by: Payer,
}

/// 积分 used: how many, for how much, and the most that was allowed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PointsResult {
    pub balance: u32,
    pub requested: u32,
    pub used: u32,
    pub deduction: Money,
    pub max_deduction: Money,
    pub points_per_yuan: u32,
    /// The most points this cart can take (balance or the cap, whichever is lower): a slider's
    /// upper end.
    pub max_usable: u32,
}

/// A coupon or promotion that was used, with the basis of its amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    pub id: String,
    pub source: Source,
    pub kind: OfferKind,
    pub layer: Layer,
    pub title: String,
    /// The offer's `titleEn` when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shop_id: Option<String>,
    pub amount: Money,
    /// The eligible lines' amount the threshold and discount were computed on.
    pub eligible_amount: Money,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<Rate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<Money>,
    pub cap_hit: bool,
    /// 每满减: how many full thresholds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub times: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub shops_freed: Vec<String>,
    pub message: String,
    pub message_en: String,
    /// `message` without the offer's name in front (免运费 ¥8.00), for a page that shows the
    /// name beside it.
    pub reason: String,
    pub reason_en: String,
}

/// A coupon or promotion that was not used, with its reason code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Rejected {
    pub id: String,
    pub source: Source,
    pub code: String,
    /// The offer's `titleEn` when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// THRESHOLD_NOT_MET: how much more eligible goods are needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<Money>,
    /// MIN_QUANTITY_NOT_MET: how many more items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_quantity: Option<u32>,
    pub message: String,
    pub message_en: String,
    /// `message` without the offer's name in front (未达使用门槛，还差 ¥29.00).
    pub reason: String,
    pub reason_en: String,
}

/// A way to unlock more saving, cheapest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Hint {
    /// "freeShipping", "threshold" or "everyThreshold".
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shop_id: Option<String>,
    pub add_amount: Money,
    pub saving: Money,
    pub message: String,
    pub message_en: String,
}

/// A gift of a reached tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct QuoteGift {
    pub sku_id: String,
    pub quantity: u32,
    pub offer_id: String,
    /// The offer's shop, or the shop of its lines when they are all in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shop_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The gift's `titleEn` when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
}

/// Promised after payment by the reached tiers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Rewards {
    pub points: u64,
    /// Coupon template ids to issue.
    pub coupons: Vec<String>,
}

impl Rewards {
    pub fn is_empty(&self) -> bool {
        self.points == 0 && self.coupons.is_empty()
    }
}
