//! What an offer is: its kind, scope, terms and validity as the cart's JSON gives them, the
//! layer it applies in, and the codes for why one was not used.

use crate::foundation::error::{serde_error, ErrorKind};
use crate::foundation::money::MoneyInput;
use crate::foundation::money::{deserialize_opt_count, Money, Rate};
use crate::foundation::time::TimestampInput;
use crate::foundation::time::{parse_date, Timestamp, TimestampVisitor, DEFAULT_OFFSET_MINUTES};
use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

pub use super::terms::{AddOnItem, Gift, Tier, TierBasis};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum OfferKind {
    /// 满减: eligible ≥ threshold → minus amount.
    Threshold,
    /// 每满减: minus amount for every full threshold, up to cap.
    EveryThreshold,
    /// 折扣: eligible × (1 − rate), at most cap.
    Percent,
    /// 无门槛 / 立减: minus amount.
    Fixed,
    /// 免邮: the shop's shipping becomes zero.
    FreeShipping,
    /// 满减阶梯 / 满折 / 满N件: the highest tier reached applies, with its rewards.
    Tiered,
    /// 第N件M折 / 买N送M: in each full group of `n` units the cheapest pays `rate`.
    NthItem,
    /// N元任选: each full group of `count` units costs `price`.
    Bundle,
    /// 加价购: lines marked `addOnOf` pay the add-on price once `threshold` is reached.
    AddOn,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ScopeLevel {
    Item,
    Shop,
    #[default]
    Platform,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scope {
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub level: ScopeLevel,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub sku_ids: Vec<String>,
    /// A category id covers its sub-categories (`food.snacks` covers `food.snacks.nuts`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub category_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shop_id: Option<String>,
}

/// A coupon in the buyer's wallet or a promotion the shop runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Offer {
    pub id: String,
    pub kind: OfferKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The title in English, for pages shown in English (the zh title otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<MoneyInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<MoneyInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Rate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<MoneyInput>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub scope: Scope,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub exclusive: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack_group: Option<String>,
    /// May combine with other offers of its layer and shop.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub stackable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<TimestampInput>,
    /// Exclusive end; a bare date means through the end of that day (+08:00).
    #[serde(
        default,
        deserialize_with = "deserialize_end",
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_to: Option<TimestampInput>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub member_only: bool,
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_member_level: Option<u32>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub new_customer_only: bool,
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_quantity: Option<u32>,
    /// tiered: what `tiers[].min` counts (default amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<TierBasis>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub tiers: Vec<Tier>,
    /// nthItem: the group size.
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub n: Option<u32>,
    /// bundle: units per group.
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<u32>,
    /// bundle: what a full group costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<MoneyInput>,
    /// addOn: the SKUs on offer and their add-on prices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub items: Vec<AddOnItem>,
    /// addOn: most add-on units per order.
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub limit: Option<u32>,
    /// Uses left of this offer (0 → USAGE_LIMIT_REACHED).
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub uses_left: Option<u32>,
    /// Budget left: the discount is capped at it (0 → BUDGET_EXHAUSTED).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_left: Option<MoneyInput>,
    /// The integrator's own data: any JSON, not priced, not fingerprinted, not written back.
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "unknown"))]
    pub meta: Option<crate::foundation::meta::Meta>,
}

/// `"auto"` (default) or the ids of the coupons the buyer picked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Selection {
    #[default]
    Auto,
    Manual(Vec<String>),
}

impl Serialize for Selection {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Selection::Auto => s.serialize_str("auto"),
            Selection::Manual(ids) => ids.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Selection {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Selection;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("\"auto\" or an array of coupon ids")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Selection, E> {
                if v == "auto" {
                    Ok(Selection::Auto)
                } else {
                    Err(serde_error(ErrorKind::InvalidInput {
                        detail: format!(
                            "couponSelection must be \"auto\" or an array of ids, not \"{v}\""
                        ),
                    }))
                }
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Selection, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(Selection::Manual(ids))
            }
        }
        d.deserialize_any(V)
    }
}

fn deserialize_end<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Timestamp>, D::Error> {
    // A visitor, not decode-then-check: an error raised while serde_json is reading the value
    // carries the value's position, which is how the error path is found.
    struct End;
    impl<'de> Visitor<'de> for End {
        type Value = Option<Timestamp>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a date, an ISO-8601 time or epoch milliseconds")
        }
        // An explicit null is refused, not read as "no end": JSON writes NaN as null, and a
        // coupon with `validTo: NaN` must not be valid forever (absent means no end).
        fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Self::Value, E> {
            Err(serde_error(ErrorKind::InvalidTime {
                input: "null".into(),
            }))
        }
        fn visit_none<E: serde::de::Error>(self) -> std::result::Result<Self::Value, E> {
            self.visit_unit()
        }
        fn visit_some<D: Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<Self::Value, D::Error> {
            d.deserialize_any(End)
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> std::result::Result<Self::Value, E> {
            if let Some(date) = parse_date(s.trim()) {
                // Through the end of that day: the next midnight in +08:00, exclusive.
                let ms = date.add_days(1).days() * 86_400_000 - DEFAULT_OFFSET_MINUTES * 60_000;
                return Timestamp::from_millis(ms).map(Some).ok_or_else(|| {
                    serde_error(ErrorKind::InvalidTime {
                        input: s.to_string(),
                    })
                });
            }
            TimestampVisitor.visit_str(s).map(Some)
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Self::Value, E> {
            TimestampVisitor.visit_f64(v).map(Some)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Self::Value, E> {
            TimestampVisitor.visit_i64(v).map(Some)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
            TimestampVisitor.visit_u64(v).map(Some)
        }
    }
    d.deserialize_any(End)
}

impl Offer {
    /// A short name for messages: the title, or one built from the terms ("满199减20").
    pub fn label(&self) -> String {
        if let Some(t) = self.title.as_ref().filter(|t| !t.trim().is_empty()) {
            return t.clone();
        }
        let amt = self.amount.unwrap_or(Money::ZERO);
        let thr = self.threshold.unwrap_or(Money::ZERO);
        match self.kind {
            OfferKind::Threshold => format!("满{}减{}", short(thr), short(amt)),
            OfferKind::EveryThreshold => format!("每满{}减{}", short(thr), short(amt)),
            OfferKind::Percent => {
                let tenths = self
                    .rate
                    .map(|r| r.as_decimal() * rust_decimal::Decimal::TEN)
                    .unwrap_or_default();
                let z = format!("{}折", tenths.normalize());
                if thr.is_zero() {
                    z
                } else {
                    format!("满{}打{z}", short(thr))
                }
            }
            OfferKind::Fixed if thr.is_zero() => format!("无门槛减{}", short(amt)),
            OfferKind::Fixed => format!("满{}减{}", short(thr), short(amt)),
            OfferKind::FreeShipping if thr.is_zero() => "免邮券".to_string(),
            OfferKind::FreeShipping => format!("满{}免邮", short(thr)),
            _ => super::terms::label(self),
        }
    }
}

/// "199" for 199.00, "9.9" for 9.90: how amounts read in coupon names.
pub(crate) fn short(m: Money) -> String {
    let mut buf = [0; 48];
    let s = m.text(&mut buf);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Layer {
    Item,
    Shop,
    Platform,
    Shipping,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Source {
    Promotion,
    Coupon,
}

/// Why an offer was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RejectCode {
    Expired,
    NotYetValid,
    MemberOnly,
    NewCustomerOnly,
    ScopeNoMatch,
    MinQuantityNotMet,
    ThresholdNotMet,
    ExclusiveConflict,
    StackGroupConflict,
    LayerConflict,
    NotSelected,
    NotChosen,
    UsageLimitReached,
    BudgetExhausted,
}

impl RejectCode {
    pub fn as_str(self) -> &'static str {
        match self {
            RejectCode::Expired => "EXPIRED",
            RejectCode::NotYetValid => "NOT_YET_VALID",
            RejectCode::MemberOnly => "MEMBER_ONLY",
            RejectCode::NewCustomerOnly => "NEW_CUSTOMER_ONLY",
            RejectCode::ScopeNoMatch => "SCOPE_NO_MATCH",
            RejectCode::MinQuantityNotMet => "MIN_QUANTITY_NOT_MET",
            RejectCode::ThresholdNotMet => "THRESHOLD_NOT_MET",
            RejectCode::ExclusiveConflict => "EXCLUSIVE_CONFLICT",
            RejectCode::StackGroupConflict => "STACK_GROUP_CONFLICT",
            RejectCode::LayerConflict => "LAYER_CONFLICT",
            RejectCode::NotSelected => "NOT_SELECTED",
            RejectCode::NotChosen => "NOT_CHOSEN",
            RejectCode::UsageLimitReached => "USAGE_LIMIT_REACHED",
            RejectCode::BudgetExhausted => "BUDGET_EXHAUSTED",
        }
    }
}
