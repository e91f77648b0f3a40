//! What a shopper's cart is: lines with their price options, the buyer, per-shop shipping rules.
//! Decoding checks shapes and units; [`Cart::validate`] checks what spans fields (stock, limits,
//! duplicates, time windows).

use crate::checkout::address::Address;
use crate::checkout::freight::{Delivery, Measure, Merge, Template};
use crate::checkout::offer::{Offer, Selection};
use crate::foundation::error::{Error, ErrorKind, Result};
use crate::foundation::money::MoneyInput;
use crate::foundation::money::{deserialize_count, deserialize_opt_count, Quantity, Rate};
use crate::foundation::time::TimestampInput;
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fmt;

/// At most this many lines in one cart.
pub const MAX_LINES: usize = 10_000;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cart {
    #[serde(deserialize_with = "bounded_lines")]
    pub lines: Vec<Line>,
    #[serde(default)]
    pub buyer: Buyer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping: Option<Shipping>,
    /// Automatic shop campaigns (满减活动 …), always considered.
    #[serde(
        default,
        deserialize_with = "bounded_offers",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub promotions: Vec<Offer>,
    /// The buyer's wallet.
    #[serde(
        default,
        deserialize_with = "bounded_offers",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub coupons: Vec<Offer>,
    /// "auto" (default): the best valid combination; or the ids the buyer picked.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "\"auto\" | string[]"))]
    pub coupon_selection: Selection,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<PointsInput>,
    /// 运费险, one policy per shop parcel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_insurance: Option<ShippingInsurance>,
    /// Evaluation time; defaults to the caller's clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<TimestampInput>,
    /// Where the parcel goes (运费模板 rates by region); an unknown code is UNKNOWN_REGION.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// "express" (default) or "pickup" (到店自提: no freight, no address needed).
    #[serde(default, skip_serializing_if = "Delivery::is_express")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub delivery: Delivery,
    /// After the price (checkout/steps/{adjustment,earn,stored_value}.rs): 改价, points
    /// earned, the buyer's growth, 储值 as payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjustment: Option<crate::checkout::steps::adjustment::AdjustmentInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points_earn: Option<crate::checkout::steps::earn::PointsEarnInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth: Option<crate::checkout::steps::earn::GrowthInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored_value: Option<crate::checkout::steps::stored_value::StoredValueInput>,
    /// What building this cart from a catalog order changed (capped or dropped picks), carried
    /// into the quote's `adjustments`. Not priced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub adjustments: Vec<crate::checkout::adjust::Adjustment>,
    /// The integrator's own data: any JSON, not priced, not fingerprinted, not written back.
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "unknown"))]
    pub meta: Option<crate::foundation::meta::Meta>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Buyer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Member level (0 = not a member). A member price for level L applies to levels ≥ L.
    #[serde(default, deserialize_with = "deserialize_count")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub member_level: u32,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub new_customer: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Line {
    pub sku_id: String,
    /// List price of one unit.
    pub unit_price: MoneyInput,
    pub quantity: Quantity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shop_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The title in English, for the English messages that name the line (the zh one otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// Units in stock; the quantity may not exceed it.
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub stock: Option<u32>,
    /// 限购: most units one order may take.
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub limit_per_order: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub member_prices: Vec<MemberPrice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flash_sale: Option<FlashSale>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_buy: Option<GroupBuy>,
    /// The buyer starts or joins a 拼团 group for this line.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub join_group: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bargain: Option<Bargain>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub ladder: Vec<LadderTier>,
    /// The 运费模板 (key of `shipping.templates`) that charges this line; none: the shop's rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    /// Weight of one unit in kg (≤ 3 decimals), for a template charging by weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string | number"))]
    pub weight: Option<Measure>,
    /// Volume of one unit in m³ (≤ 4 decimals), for a template charging by volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string | number"))]
    pub volume: Option<Measure>,
    /// Nothing to ship (充值, 卡券): no freight.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub r#virtual: bool,
    /// 加价购: the id of the addOn offer this line is bought under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_on_of: Option<String>,
    /// 积分赠送: points per unit on top of the cart's rate.
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub points_per_unit: Option<u32>,
    /// The integrator's own data: any JSON, not priced, not fingerprinted, not written back.
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "unknown"))]
    pub meta: Option<crate::foundation::meta::Meta>,
}

/// 会员价: for members at `level` or above, a fixed price or a rate of the list price.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemberPrice {
    #[serde(deserialize_with = "deserialize_count")]
    pub level: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<MoneyInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Rate>,
}

/// 秒杀: a price valid in [start, end), for at most `limitPerBuyer` units per buyer in total.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FlashSale {
    pub unit_price: MoneyInput,
    pub start: TimestampInput,
    pub end: TimestampInput,
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub limit_per_buyer: Option<u32>,
    /// Units this buyer already bought in this sale (counts against the limit).
    #[serde(default, deserialize_with = "deserialize_count")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub purchased: u32,
}

/// 拼团: a price when the buyer starts or joins a group (`Line.joinGroup`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupBuy {
    pub unit_price: MoneyInput,
    /// People needed to complete the group (shown to the buyer).
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub group_size: Option<u32>,
}

/// 砍价: the bargained-down price, for `quantity` units (default 1).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Bargain {
    pub unit_price: MoneyInput,
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub quantity: Option<u32>,
}

/// 阶梯价: from `minQuantity` units on, every unit costs `unitPrice`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LadderTier {
    #[serde(deserialize_with = "deserialize_count")]
    pub min_quantity: u32,
    pub unit_price: MoneyInput,
}

/// 积分: spend points against the goods. Defaults for the rate and cap come from the rulebook.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointsInput {
    #[serde(deserialize_with = "deserialize_count")]
    pub balance: u32,
    /// A number of points, or "max" for the most allowed.
    #[cfg_attr(feature = "ts", tsify(type = "number | \"max\""))]
    pub r#use: PointsUse,
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub points_per_yuan: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_deduction_rate: Option<Rate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointsUse {
    Max,
    Points(u32),
}

impl Serialize for PointsUse {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PointsUse::Max => s.serialize_str("max"),
            PointsUse::Points(n) => s.serialize_u32(*n),
        }
    }
}

impl<'de> Deserialize<'de> for PointsUse {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// Numbers (and digit strings) go through the count rules; the word "max" is the rest.
        struct V;
        const COUNT: crate::foundation::money::CountVisitor =
            crate::foundation::money::CountVisitor {
                min: 0,
                max: u32::MAX as u64,
                error: points_error,
            };
        impl<'de> Visitor<'de> for V {
            type Value = PointsUse;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number of points or \"max\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PointsUse, E> {
                if v == "max" {
                    Ok(PointsUse::Max)
                } else {
                    COUNT.visit_str(v).map(PointsUse::Points)
                }
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<PointsUse, E> {
                COUNT.visit_u64(v).map(PointsUse::Points)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<PointsUse, E> {
                COUNT.visit_i64(v).map(PointsUse::Points)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<PointsUse, E> {
                COUNT.visit_f64(v).map(PointsUse::Points)
            }
        }
        d.deserialize_any(V)
    }
}

fn points_error() -> ErrorKind {
    ErrorKind::InvalidInput {
        detail: "points.use must be a whole number of points or \"max\"".into(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Payer {
    Buyer,
    Merchant,
}

/// 运费险: a fee per shop parcel, paid by the buyer (added to shipping) or the merchant.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShippingInsurance {
    pub fee: MoneyInput,
    pub paid_by: Payer,
}

/// Shipping rules: one per shop, with a default for shops not listed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Shipping {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<ShippingRule>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "Record<string, ShippingRule>"))]
    pub shops: BTreeMap<String, ShippingRule>,
    /// 运费模板 by id; lines name theirs in `templateId`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "Record<string, Template>"))]
    pub templates: BTreeMap<String, Template>,
    /// How several templates in one shop parcel combine: "sum" (default) or "maxFirst".
    #[serde(default, skip_serializing_if = "Merge::is_sum")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub merge: Merge,
}

/// 运费模板: `fee` covers the first `includedItems` pieces (default 1), each further piece adds
/// `extraPerItem`; free when the shop's goods amount reaches `freeThreshold` (包邮门槛).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShippingRule {
    pub fee: MoneyInput,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_threshold: Option<MoneyInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_per_item: Option<MoneyInput>,
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub included_items: Option<u32>,
}

impl Shipping {
    pub fn rule_for(&self, shop_id: &str) -> Option<&ShippingRule> {
        self.shops.get(shop_id).or(self.default.as_ref())
    }
}

impl Line {
    /// The shop a line belongs to; lines without one form the "" shop.
    pub fn shop(&self) -> &str {
        self.shop_id.as_deref().unwrap_or("")
    }
}

impl Cart {
    /// Checks that span fields. Paths name the offending field.
    pub fn validate(&self) -> Result<()> {
        use crate::foundation::limits::{check, MAX_OFFERS};
        check(self.promotions.len(), MAX_OFFERS, "offers", "promotions")?;
        check(self.coupons.len(), MAX_OFFERS, "offers", "coupons")?;
        // A small cart's earlier lines are scanned: cheaper than hashing them all.
        let small = self.lines.len() <= 32;
        let mut seen = HashSet::with_capacity(if small { 0 } else { self.lines.len() });
        for (i, line) in self.lines.iter().enumerate() {
            let at = |field: &str| format!("lines[{i}].{field}");
            if line.sku_id.trim().is_empty() {
                return Err(Error::input("skuId must not be empty", at("skuId")));
            }
            let repeated = if small {
                self.lines[..i]
                    .iter()
                    .any(|l| l.sku_id == line.sku_id && l.shop() == line.shop())
            } else {
                !seen.insert((line.shop(), line.sku_id.as_str()))
            };
            if repeated {
                return Err(Error::new(
                    ErrorKind::DuplicateId {
                        id: line.sku_id.clone(),
                    },
                    at("skuId"),
                ));
            }
            let qty = line.quantity.get();
            if let Some(stock) = line.stock {
                if qty > stock {
                    return Err(Error::new(ErrorKind::OutOfStock { stock }, at("quantity")));
                }
            }
            if let Some(limit) = line.limit_per_order {
                if qty > limit {
                    return Err(Error::new(
                        ErrorKind::PurchaseLimitExceeded { limit },
                        at("quantity"),
                    ));
                }
            }
            if let Some(f) = &line.flash_sale {
                if f.start >= f.end {
                    return Err(Error::new(ErrorKind::InvalidTimeWindow, at("flashSale")));
                }
            }
            for (j, tier) in line.member_prices.iter().enumerate() {
                if tier.unit_price.is_some() == tier.rate.is_some() {
                    return Err(Error::input(
                        "a member price needs exactly one of unitPrice or rate",
                        at(&format!("memberPrices[{j}]")),
                    ));
                }
            }
            for (j, tier) in line.ladder.iter().enumerate() {
                if tier.min_quantity == 0 {
                    return Err(Error::input(
                        "minQuantity must be at least 1",
                        at(&format!("ladder[{j}].minQuantity")),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Reject carts over [`MAX_LINES`] while reading, before they are held in memory.
fn bounded_lines<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Line>, D::Error> {
    struct Bounded;
    impl<'de> Visitor<'de> for Bounded {
        type Value = Vec<Line>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "an array of at most {MAX_LINES} lines")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Line>, A::Error> {
            if seq.size_hint().unwrap_or(0) > MAX_LINES {
                return Err(crate::foundation::error::serde_error(
                    ErrorKind::TooManyLines { max: MAX_LINES },
                ));
            }
            let mut lines = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_LINES));
            while let Some(line) = seq.next_element()? {
                if lines.len() == MAX_LINES {
                    return Err(crate::foundation::error::serde_error(
                        ErrorKind::TooManyLines { max: MAX_LINES },
                    ));
                }
                lines.push(line);
            }
            Ok(lines)
        }
    }
    d.deserialize_seq(Bounded)
}

/// Reject more than `limits::MAX_OFFERS` offers while reading: 100,000 coupons would otherwise
/// be held (and grow module memory for good) before the cart's own check refuses them.
fn bounded_offers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Offer>, D::Error> {
    use crate::foundation::limits::MAX_OFFERS;
    struct Bounded;
    impl<'de> Visitor<'de> for Bounded {
        type Value = Vec<Offer>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "an array of at most {MAX_OFFERS} offers")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Offer>, A::Error> {
            let too_many = || {
                crate::foundation::error::serde_error(ErrorKind::InputTooLarge {
                    what: "offers".into(),
                    max: MAX_OFFERS as u64,
                })
            };
            if seq.size_hint().unwrap_or(0) > MAX_OFFERS {
                return Err(too_many());
            }
            let mut offers = Vec::new();
            while let Some(offer) = seq.next_element()? {
                if offers.len() == MAX_OFFERS {
                    return Err(too_many());
                }
                offers.push(offer);
            }
            Ok(offers)
        }
    }
    d.deserialize_seq(Bounded)
}
