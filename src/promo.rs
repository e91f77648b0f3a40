//! The stacking engine: promotions (shop campaigns, automatic) and wallet coupons over a priced
//! cart. Layers apply in order item → shop → platform → shipping (points come after, in quote).
//! Within a layer every offer's threshold and discount base is the eligible amount at the start of
//! that layer; a discount never exceeds what its lines still cost, and goes to those lines in
//! proportion to their current amounts by largest remainder.
//!
//! Auto-selection is exact: a branch-and-bound search over (layer, shop, coupon|promotion) slots
//! maximises discounts plus shipping saved; ties go to fewer offers, then those expiring soonest,
//! then ids. [`brute_force`] enumerates every subset with the same evaluation, for tests.

use crate::cart::{Buyer, ShippingRule};
use crate::error::{serde_error, Error, ErrorKind, Result};
use crate::money::{allocate_fen, deserialize_opt_count, Money, Rate};
use crate::time::{parse_date, Timestamp, TimestampVisitor, DEFAULT_OFFSET_MINUTES};
use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ScopeLevel {
    Item,
    Shop,
    #[default]
    Platform,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Scope {
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub level: ScopeLevel,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub sku_ids: Vec<String>,
    /// A category id covers its sub-categories (`food.snacks` covers `food.snacks.nuts`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub category_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub shop_id: Option<String>,
}

/// A coupon in the buyer's wallet or a promotion the shop runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Offer {
    pub id: String,
    pub kind: OfferKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "MoneyInput"))]
    pub threshold: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "MoneyInput"))]
    pub amount: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub rate: Option<Rate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "MoneyInput"))]
    pub cap: Option<Money>,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub scope: Scope,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub exclusive: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub stack_group: Option<String>,
    /// May combine with other offers of its layer and shop.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub stackable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number"))]
    pub valid_from: Option<Timestamp>,
    /// Exclusive end; a bare date means through the end of that day (+08:00).
    #[serde(
        default,
        deserialize_with = "deserialize_end",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number"))]
    pub valid_to: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub member_only: bool,
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub min_member_level: Option<u32>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub new_customer_only: bool,
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub min_quantity: Option<u32>,
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
        fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: serde::de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok(None)
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
        }
    }
}

/// "199" for 199.00, "9.9" for 9.90: how amounts read in coupon names.
fn short(m: Money) -> String {
    let s = m.to_string();
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Layer {
    Item,
    Shop,
    Platform,
    Shipping,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Source {
    Promotion,
    Coupon,
}

/// A line as the engine sees it: its shop, its priced amount (fen), quantity, sku and category.
pub struct LineIn<'a> {
    pub shop: usize,
    pub amount: i64,
    pub quantity: u32,
    pub sku_id: &'a str,
    pub category_id: Option<&'a str>,
}

pub struct ShopIn<'a> {
    pub id: &'a str,
    pub rule: Option<&'a ShippingRule>,
    pub items: u64,
}

/// Shipping fee in fen for a shop's goods (fen) and item count, by its rule.
pub fn shipping_fee_fen(rule: Option<&ShippingRule>, goods: i64, items: u64) -> i64 {
    let Some(rule) = rule else { return 0 };
    if rule.free_threshold.is_some_and(|t| goods >= fen(t)) {
        return 0;
    }
    let extra = items.saturating_sub(u64::from(rule.included_items.unwrap_or(1)));
    fen(rule.fee)
        + fen(rule.extra_per_item.unwrap_or(Money::ZERO))
            * i64::try_from(extra).unwrap_or(i64::MAX / 1_000_000)
}

fn fen(m: Money) -> i64 {
    i64::try_from(m.fen()).unwrap_or(i64::MAX)
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
        }
    }
}

/// An offer prepared for evaluation: where it applies and its terms in fen.
#[derive(Debug, Clone)]
pub struct Cand {
    pub index: usize,
    pub source: Source,
    pub id: String,
    pub label: String,
    pub kind: OfferKind,
    pub layer: Layer,
    pub shop_key: String,
    pub lines: Vec<usize>,
    pub shops: Vec<usize>,
    pub threshold: i64,
    pub amount: i64,
    pub cap: Option<i64>,
    pub rate: Option<Rate>,
    /// For 折扣: the fraction taken off, in millionths, so the search never touches Decimal.
    pub off_ppm: i64,
    pub exclusive: bool,
    pub group: Option<usize>,
    pub stackable: bool,
    pub expiry: i64,
    pub min_quantity: Option<u32>,
    pub static_reject: Option<(RejectCode, Option<u32>)>,
    pub slot: usize,
}

impl Cand {
    /// The discount on an eligible amount `e` (fen), before clamping to what remains.
    pub fn discount_at(&self, e: i64) -> i64 {
        let d = self.uncapped_at(e);
        let d = self.cap.map_or(d, |c| d.min(c));
        d.min(e).max(0)
    }

    /// The discount before its cap.
    fn uncapped_at(&self, e: i64) -> i64 {
        match self.kind {
            OfferKind::Threshold | OfferKind::Fixed => {
                if e >= self.threshold {
                    self.amount
                } else {
                    0
                }
            }
            OfferKind::EveryThreshold => {
                if self.threshold <= 0 {
                    0
                } else {
                    (e / self.threshold) * self.amount
                }
            }
            OfferKind::Percent => {
                if e < self.threshold {
                    0
                } else {
                    // e fen × off, rounded half-up to the fen: the same as Money::round of the
                    // exact decimal product, in integers.
                    let p = i128::from(e.max(0)) * i128::from(self.off_ppm) + 500_000;
                    i64::try_from(p / 1_000_000).unwrap_or(i64::MAX)
                }
            }
            OfferKind::FreeShipping => 0,
        }
    }
}

/// The result of applying one offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    pub cand: usize,
    pub amount: i64,
    pub eligible: i64,
    pub cap_hit: bool,
    /// For 每满减: how many times the threshold was met.
    pub times: Option<i64>,
    /// (line, fen) allocations.
    pub alloc: Vec<(usize, i64)>,
    pub shops_freed: Vec<usize>,
}

/// The state of a cart part-way through the layers.
#[derive(Debug, Clone)]
pub struct Run {
    pub amounts: Vec<i64>,
    pub layer: Option<Layer>,
    /// Line amounts at the start of each layer (index by Layer as usize).
    pub starts: Vec<Vec<i64>>,
    pub shipping: Option<Vec<i64>>,
    pub discount: i64,
    pub shipping_saved_by_offers: i64,
    pub used: Vec<Use>,
    /// Offers placed but not applied (threshold not met), with the eligible amount seen.
    pub unmet: Vec<(usize, i64)>,
    pub groups: Vec<bool>,
    pub exclusive: bool,
    /// Record each offer's per-line allocation. Off during the search, which clones the run at
    /// every node and only needs the amounts; the winner is evaluated again with it on.
    pub detail: bool,
}

pub struct Engine<'a> {
    pub lines: Vec<LineIn<'a>>,
    pub shops: Vec<ShopIn<'a>>,
    pub cands: Vec<Cand>,
    pub slots: Vec<Slot>,
    pub baseline_shipping: i64,
    group_count: usize,
    /// Search nodes visited by the last `optimise` (for benchmarks).
    pub nodes: std::cell::Cell<u64>,
}

#[derive(Debug, Clone)]
pub struct Slot {
    pub layer: Layer,
    pub source: Source,
    pub cands: Vec<usize>,
}

impl<'a> Engine<'a> {
    /// Prepare offers (promotions first, then coupons) against the priced lines. Offer inputs are
    /// checked here; errors name `promotions[i]…` or `coupons[i]…`.
    pub fn new(
        lines: Vec<LineIn<'a>>,
        shops: Vec<ShopIn<'a>>,
        promotions: &[Offer],
        coupons: &[Offer],
        buyer: &Buyer,
        now: Timestamp,
    ) -> Result<Engine<'a>> {
        let mut cands = Vec::with_capacity(promotions.len() + coupons.len());
        let mut groups: HashMap<&str, usize> = HashMap::new();
        let mut ids: HashMap<&str, ()> = HashMap::new();
        let shop_index: HashMap<&str, usize> =
            shops.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        for (source, list, name) in [
            (Source::Promotion, promotions, "promotions"),
            (Source::Coupon, coupons, "coupons"),
        ] {
            for (i, o) in list.iter().enumerate() {
                let at = |f: &str| {
                    if f.is_empty() {
                        format!("{name}[{i}]")
                    } else {
                        format!("{name}[{i}].{f}")
                    }
                };
                check_offer(o, &at)?;
                if ids.insert(o.id.as_str(), ()).is_some() {
                    return Err(Error::new(
                        ErrorKind::DuplicateId { id: o.id.clone() },
                        at("id"),
                    ));
                }
                let layer = match (o.kind, o.scope.level) {
                    (OfferKind::FreeShipping, _) => Layer::Shipping,
                    (_, ScopeLevel::Item) => Layer::Item,
                    (_, ScopeLevel::Shop) => Layer::Shop,
                    (_, ScopeLevel::Platform) => Layer::Platform,
                };
                let shop_key = o.scope.shop_id.clone().unwrap_or_default();
                let matches = |l: &LineIn| {
                    (o.scope.shop_id.is_none()
                        || o.scope.shop_id.as_deref() == Some(shops[l.shop].id))
                        && (o.scope.sku_ids.is_empty()
                            || o.scope.sku_ids.iter().any(|s| s == l.sku_id))
                        && (o.scope.category_ids.is_empty()
                            || l.category_id.is_some_and(|c| {
                                o.scope
                                    .category_ids
                                    .iter()
                                    .any(|s| crate::category::covers(s, c))
                            }))
                };
                let elig: Vec<usize> = lines
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| matches(l))
                    .map(|(j, _)| j)
                    .collect();
                let mut shop_list: Vec<usize> = match &o.scope.shop_id {
                    Some(s) => shop_index.get(s.as_str()).copied().into_iter().collect(),
                    None => elig.iter().map(|&j| lines[j].shop).collect(),
                };
                crate::sort::sort(&mut shop_list);
                shop_list.dedup();
                let qty: u64 = elig.iter().map(|&j| u64::from(lines[j].quantity)).sum();
                let static_reject = if o.valid_to.is_some_and(|t| now >= t) {
                    Some((RejectCode::Expired, None))
                } else if o.valid_from.is_some_and(|t| now < t) {
                    Some((RejectCode::NotYetValid, None))
                } else if (o.member_only && buyer.member_level == 0)
                    || o.min_member_level.is_some_and(|l| buyer.member_level < l)
                {
                    Some((RejectCode::MemberOnly, None))
                } else if o.new_customer_only && !buyer.new_customer {
                    Some((RejectCode::NewCustomerOnly, None))
                } else if elig.is_empty() {
                    Some((RejectCode::ScopeNoMatch, None))
                } else if o.min_quantity.is_some_and(|m| qty < u64::from(m)) {
                    let m = o.min_quantity.unwrap_or(0);
                    Some((
                        RejectCode::MinQuantityNotMet,
                        Some(m - u32::try_from(qty).unwrap_or(m)),
                    ))
                } else {
                    None
                };
                let group = o.stack_group.as_deref().map(|g| {
                    let n = groups.len();
                    *groups.entry(g).or_insert(n)
                });
                cands.push(Cand {
                    index: i,
                    source,
                    id: o.id.clone(),
                    label: o.label(),
                    kind: o.kind,
                    layer,
                    shop_key,
                    lines: elig,
                    shops: shop_list,
                    threshold: o.threshold.map_or(0, fen),
                    amount: o.amount.map_or(0, fen),
                    cap: o.cap.map(fen),
                    rate: o.rate,
                    off_ppm: 1_000_000 - o.rate.map_or(1_000_000, Rate::ppm),
                    exclusive: o.exclusive,
                    group,
                    stackable: o.stackable,
                    expiry: o.valid_to.map_or(i64::MAX, Timestamp::millis),
                    min_quantity: o.min_quantity,
                    static_reject,
                    slot: usize::MAX,
                });
            }
        }
        // Slots: (layer, shop, source) for non-stackable offers, one each for stackable ones.
        let mut order: Vec<usize> = (0..cands.len()).collect();
        crate::sort::sort_by(&mut order, |&a, &b| {
            let (x, y) = (&cands[a], &cands[b]);
            (x.layer, &x.shop_key, x.source as u8, x.stackable, &x.id).cmp(&(
                y.layer,
                &y.shop_key,
                y.source as u8,
                y.stackable,
                &y.id,
            ))
        });
        let mut slots: Vec<Slot> = Vec::new();
        let mut keyed: HashMap<(Layer, String, u8), usize> = HashMap::new();
        for c in order {
            let cand = &cands[c];
            let slot = if cand.stackable {
                slots.push(Slot {
                    layer: cand.layer,
                    source: cand.source,
                    cands: Vec::new(),
                });
                slots.len() - 1
            } else {
                *keyed
                    .entry((cand.layer, cand.shop_key.clone(), cand.source as u8))
                    .or_insert_with(|| {
                        slots.push(Slot {
                            layer: cand.layer,
                            source: cand.source,
                            cands: Vec::new(),
                        });
                        slots.len() - 1
                    })
            };
            slots[slot].cands.push(c);
            cands[c].slot = slot;
        }
        crate::sort::sort_by_key(&mut slots, |s| s.layer);
        for (si, s) in slots.iter().enumerate() {
            for &c in &s.cands {
                cands[c].slot = si;
            }
        }
        let mut engine = Engine {
            lines,
            shops,
            cands,
            slots,
            baseline_shipping: 0,
            group_count: groups.len(),
            nodes: std::cell::Cell::new(0),
        };
        engine.baseline_shipping = (0..engine.shops.len())
            .map(|s| {
                shipping_fee_fen(
                    engine.shops[s].rule,
                    engine.shop_goods(&engine.start_amounts(), s),
                    engine.shops[s].items,
                )
            })
            .sum();
        Ok(engine)
    }

    fn start_amounts(&self) -> Vec<i64> {
        self.lines.iter().map(|l| l.amount).collect()
    }

    fn shop_goods(&self, amounts: &[i64], shop: usize) -> i64 {
        self.lines
            .iter()
            .zip(amounts)
            .filter(|(l, _)| l.shop == shop)
            .map(|(_, a)| *a)
            .sum()
    }

    pub fn fresh_run(&self) -> Run {
        Run {
            amounts: self.start_amounts(),
            layer: None,
            starts: vec![Vec::new(); 4],
            shipping: None,
            discount: 0,
            shipping_saved_by_offers: 0,
            used: Vec::new(),
            unmet: Vec::new(),
            groups: vec![false; self.group_count],
            exclusive: false,
            detail: true,
        }
    }

    /// Move the run to the start of `layer`, snapshotting amounts and fixing shop shipping once
    /// the shop layers are done (shipping rules look at goods after the shop's own discounts).
    pub fn enter(&self, run: &mut Run, layer: Layer) {
        let mut cur = run.layer;
        while cur.is_none_or(|c| c < layer) {
            let next = match cur {
                None => Layer::Item,
                Some(Layer::Item) => Layer::Shop,
                Some(Layer::Shop) => Layer::Platform,
                Some(_) => Layer::Shipping,
            };
            if next == Layer::Platform {
                run.shipping = Some(
                    (0..self.shops.len())
                        .map(|s| {
                            shipping_fee_fen(
                                self.shops[s].rule,
                                self.shop_goods(&run.amounts, s),
                                self.shops[s].items,
                            )
                        })
                        .collect(),
                );
            }
            run.starts[next as usize] = run.amounts.clone();
            cur = Some(next);
        }
        run.layer = cur;
    }

    /// Finish: every layer entered, shipping known.
    pub fn finish(&self, run: &mut Run) {
        self.enter(run, Layer::Shipping);
    }

    /// Eligible amount of a candidate at the start of its layer.
    fn eligible(&self, run: &Run, c: &Cand) -> i64 {
        let start = &run.starts[c.layer as usize];
        c.lines.iter().map(|&j| start[j]).sum()
    }

    /// Apply candidate `c` to the run. Returns false when its threshold is not met (it is
    /// recorded as unmet and changes nothing).
    pub fn apply(&self, run: &mut Run, ci: usize) -> bool {
        let c = &self.cands[ci];
        self.enter(run, c.layer);
        if let Some(g) = c.group {
            run.groups[g] = true;
        }
        run.exclusive |= c.exclusive;
        let e = self.eligible(run, c);
        if e < c.threshold || (c.kind == OfferKind::EveryThreshold && e < c.threshold.max(1)) {
            run.unmet.push((ci, e));
            return false;
        }
        if c.kind == OfferKind::FreeShipping {
            let ship = run
                .shipping
                .as_mut()
                .expect("shipping is fixed before the shipping layer");
            let mut saved = 0;
            let mut freed = Vec::new();
            for &s in &c.shops {
                if ship[s] > 0 {
                    saved += ship[s];
                    ship[s] = 0;
                    freed.push(s);
                }
            }
            run.shipping_saved_by_offers += saved;
            run.used.push(Use {
                cand: ci,
                amount: saved,
                eligible: e,
                cap_hit: false,
                times: None,
                alloc: Vec::new(),
                shops_freed: freed,
            });
            return true;
        }
        let raw = match c.kind {
            OfferKind::EveryThreshold => (e / c.threshold.max(1)) * c.amount,
            OfferKind::Percent => c.uncapped_at(e),
            _ => c.amount,
        };
        let d = c.discount_at(e);
        let remaining: i64 = c.lines.iter().map(|&j| run.amounts[j]).sum();
        let d = d.min(remaining);
        let weights: Vec<i128> = c
            .lines
            .iter()
            .map(|&j| i128::from(run.amounts[j]))
            .collect();
        let parts = allocate_fen(i128::from(d), &weights);
        let mut alloc = Vec::with_capacity(parts.len());
        for (&j, p) in c.lines.iter().zip(parts) {
            let p = i64::try_from(p).unwrap_or(0);
            run.amounts[j] -= p;
            if p > 0 && run.detail {
                alloc.push((j, p));
            }
        }
        run.discount += d;
        run.used.push(Use {
            cand: ci,
            amount: d,
            eligible: e,
            cap_hit: c.cap.is_some_and(|cap| raw > cap),
            times: (c.kind == OfferKind::EveryThreshold).then(|| e / c.threshold.max(1)),
            alloc,
            shops_freed: Vec::new(),
        });
        true
    }

    /// Total saving of a finished run: discounts plus shipping saved against no offers at all.
    pub fn saving(&self, run: &Run) -> i64 {
        let ship: i64 = run
            .shipping
            .as_ref()
            .map_or(self.baseline_shipping, |s| s.iter().sum());
        run.discount + self.baseline_shipping - ship
    }

    /// Apply a set of candidates in slot order and finish.
    pub fn evaluate(&self, chosen: &[usize]) -> Run {
        let mut order = chosen.to_vec();
        crate::sort::sort_by_key(&mut order, |&c| (self.cands[c].slot, c));
        let mut run = self.fresh_run();
        for c in order {
            self.apply(&mut run, c);
        }
        self.finish(&mut run);
        run
    }

    /// Can `c` join a set with these flags (exclusive, groups, slots used)?
    fn compatible(&self, c: &Cand, any: bool, exclusive: bool, groups: &[bool]) -> bool {
        !(exclusive || (c.exclusive && any) || c.group.is_some_and(|g| groups[g]))
    }

    /// The best combination under the tie-break, searched exactly by branch and bound.
    /// `forced` candidates are always placed (manual selection); `allowed` limits the others.
    pub fn optimise(&self, forced: &[usize], allowed: &dyn Fn(&Cand) -> bool) -> Run {
        let forced_set: Vec<bool> = (0..self.cands.len()).map(|c| forced.contains(&c)).collect();
        // Identical offers (same terms, lines, constraints) are interchangeable: keep the one
        // that wins the tie-break.
        let mut options: Vec<Vec<usize>> = Vec::with_capacity(self.slots.len());
        for slot in &self.slots {
            let mut opts: Vec<usize> = Vec::new();
            for &c in &slot.cands {
                let cand = &self.cands[c];
                if forced_set[c] || (cand.static_reject.is_none() && allowed(cand)) {
                    opts.push(c);
                }
            }
            crate::sort::sort_by(&mut opts, |&a, &b| {
                tie_key(&self.cands[a]).cmp(&tie_key(&self.cands[b]))
            });
            let mut kept: Vec<usize> = Vec::new();
            for c in opts {
                if forced_set[c]
                    || !kept
                        .iter()
                        .any(|&k| !forced_set[k] && same_terms(&self.cands[k], &self.cands[c]))
                {
                    kept.push(c);
                }
            }
            options.push(kept);
        }
        // Forced offers constrain the others from the start, whatever layer they sit in.
        let mut run = self.fresh_run();
        run.detail = false;
        for &c in forced {
            if let Some(g) = self.cands[c].group {
                run.groups[g] = true;
            }
            run.exclusive |= self.cands[c].exclusive;
        }
        let mut search = Search {
            engine: self,
            options,
            forced: forced_set,
            any_forced: !forced.is_empty(),
            best: None,
            nodes: 0,
        };
        search.dfs(0, run, 0);
        self.nodes.set(search.nodes);
        // Replay the winning placements (applied and unmet alike) with allocations recorded.
        let placed: Vec<usize> = match &search.best {
            Some((best, _)) => best
                .used
                .iter()
                .map(|u| u.cand)
                .chain(best.unmet.iter().map(|(c, _)| *c))
                .collect(),
            None => Vec::new(),
        };
        self.evaluate(&placed)
    }
}

fn tie_key(c: &Cand) -> (i64, &str) {
    (c.expiry, c.id.as_str())
}

fn same_terms(a: &Cand, b: &Cand) -> bool {
    a.kind == b.kind
        && a.threshold == b.threshold
        && a.amount == b.amount
        && a.cap == b.cap
        && a.rate == b.rate
        && a.lines == b.lines
        && a.shops == b.shops
        && a.exclusive == b.exclusive
        && a.group == b.group
        && a.min_quantity == b.min_quantity
        && a.layer == b.layer
}

/// Ranking of complete selections: higher saving, then fewer offers, then the expiry dates
/// (soonest first), then ids. It keeps the applied offers' indexes, not copies of their ids: the
/// search ranks every leaf it reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rank {
    pub saving: i64,
    /// The applied offers in tie-break order.
    pub cands: Vec<usize>,
}

impl Rank {
    pub fn of(engine: &Engine, run: &Run) -> Rank {
        let mut cands: Vec<usize> = run.used.iter().map(|u| u.cand).collect();
        crate::sort::sort_by(&mut cands, |&a, &b| {
            tie_key(&engine.cands[a]).cmp(&tie_key(&engine.cands[b]))
        });
        Rank {
            saving: engine.saving(run),
            cands,
        }
    }

    /// How many offers the selection uses.
    pub fn count(&self) -> usize {
        self.cands.len()
    }

    /// The applied offers' tie-break keys, in order.
    fn keys<'r>(&'r self, engine: &'r Engine) -> impl Iterator<Item = (i64, &'r str)> + 'r {
        self.cands.iter().map(|&c| tie_key(&engine.cands[c]))
    }

    /// Is `self` better than `other` (both ranked on `engine`)?
    pub fn better(&self, other: &Rank, engine: &Engine) -> bool {
        other
            .saving
            .cmp(&self.saving)
            .then(self.count().cmp(&other.count()))
            .then_with(|| {
                self.keys(engine)
                    .map(|k| k.0)
                    .cmp(other.keys(engine).map(|k| k.0))
            })
            .then_with(|| {
                self.keys(engine)
                    .map(|k| k.1)
                    .cmp(other.keys(engine).map(|k| k.1))
            })
            == Ordering::Less
    }
}

struct Search<'e, 'a> {
    engine: &'e Engine<'a>,
    options: Vec<Vec<usize>>,
    forced: Vec<bool>,
    any_forced: bool,
    best: Option<(Run, Rank)>,
    nodes: u64,
}

impl Search<'_, '_> {
    /// An upper bound on the saving reachable from `run` with slots `from..` still open.
    fn bound(&self, run: &Run, from: usize) -> i64 {
        let e = self.engine;
        // Amounts only fall, and every discount is monotone in its eligible amount, so each open
        // slot's best discount at today's amounts bounds what it can add.
        let mut extra = 0;
        let mut free_possible = vec![false; e.shops.len()];
        for opts in self.options.iter().skip(from) {
            let mut best = 0;
            for &c in opts {
                let cand = &e.cands[c];
                if cand.kind == OfferKind::FreeShipping {
                    for &sh in &cand.shops {
                        free_possible[sh] = true;
                    }
                    continue;
                }
                // Offers of the layer under way are computed on its start amounts, later
                // layers on amounts no higher than today's.
                let base = if run.layer == Some(cand.layer) {
                    &run.starts[cand.layer as usize]
                } else {
                    &run.amounts
                };
                let amt: i64 = cand.lines.iter().map(|&j| base[j]).sum();
                best = best.max(cand.discount_at(amt));
            }
            extra += best;
        }
        // Shipping can end no lower than zero where a free-shipping offer remains, else no lower
        // than the fee at today's goods (fees only rise as goods fall).
        let min_ship: i64 = match &run.shipping {
            Some(ship) => ship
                .iter()
                .enumerate()
                .map(|(s, &f)| if free_possible[s] { 0 } else { f })
                .sum(),
            None => (0..e.shops.len())
                .map(|s| {
                    if free_possible[s] {
                        0
                    } else {
                        shipping_fee_fen(
                            e.shops[s].rule,
                            e.shop_goods(&run.amounts, s),
                            e.shops[s].items,
                        )
                    }
                })
                .sum(),
        };
        run.discount + extra + e.baseline_shipping - min_ship
    }

    /// `placed` counts the offers placed on the way here.
    fn dfs(&mut self, slot: usize, run: Run, placed: usize) {
        self.nodes += 1;
        if slot == self.options.len() {
            let mut run = run;
            self.engine.finish(&mut run);
            let rank = Rank::of(self.engine, &run);
            if self
                .best
                .as_ref()
                .is_none_or(|(_, b)| rank.better(b, self.engine))
            {
                self.best = Some((run, rank));
            }
            return;
        }
        if let Some((_, best)) = &self.best {
            let ub = self.bound(&run, slot);
            if ub < best.saving || (ub == best.saving && run.used.len() > best.count()) {
                return;
            }
        }
        let e = self.engine;
        let opts = std::mem::take(&mut self.options[slot]);
        if opts.iter().any(|&c| self.forced[c]) {
            let mut next = run;
            let mut n = placed;
            for &c in opts.iter().filter(|&&c| self.forced[c]) {
                e.apply(&mut next, c);
                n += 1;
            }
            self.dfs(slot + 1, next, n);
        } else {
            // Try the biggest discount first so a strong incumbent prunes early.
            let mut tries: Vec<(i64, usize)> = opts
                .iter()
                .filter(|&&c| {
                    e.compatible(
                        &e.cands[c],
                        self.any_forced || placed > 0,
                        run.exclusive,
                        &run.groups,
                    )
                })
                .map(|&c| {
                    let cand = &e.cands[c];
                    let amt: i64 = cand.lines.iter().map(|&j| run.amounts[j]).sum();
                    (cand.discount_at(amt), c)
                })
                .collect();
            crate::sort::sort_by(&mut tries, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            for (_, c) in tries {
                let mut next = run.clone();
                // An offer whose threshold fails changes nothing but costs a coupon: never better.
                if !e.apply(&mut next, c) {
                    continue;
                }
                self.dfs(slot + 1, next, placed + 1);
            }
            self.dfs(slot + 1, run, placed);
        }
        self.options[slot] = opts;
    }
}

/// Every subset of the candidates evaluated in full; the best by the same ranking. For tests:
/// exponential, so keep it to a dozen offers.
pub fn brute_force(engine: &Engine) -> Run {
    let usable: Vec<usize> = (0..engine.cands.len())
        .filter(|&c| engine.cands[c].static_reject.is_none())
        .collect();
    let mut best: Option<(Run, Rank)> = None;
    for mask in 0u64..(1u64 << usable.len()) {
        let chosen: Vec<usize> = usable
            .iter()
            .enumerate()
            .filter(|(b, _)| mask >> b & 1 == 1)
            .map(|(_, &c)| c)
            .collect();
        if !valid_combination(engine, &chosen) {
            continue;
        }
        let run = engine.evaluate(&chosen);
        // A placed offer that did not apply makes the set equivalent to a smaller one.
        if !run.unmet.is_empty() {
            continue;
        }
        let rank = Rank::of(engine, &run);
        if best.as_ref().is_none_or(|(_, b)| rank.better(b, engine)) {
            best = Some((run, rank));
        }
    }
    best.map(|b| b.0).unwrap_or_else(|| engine.evaluate(&[]))
}

/// The stacking rules on a set: exclusive alone, distinct stack groups, one per slot.
pub fn valid_combination(engine: &Engine, chosen: &[usize]) -> bool {
    if chosen.len() > 1 && chosen.iter().any(|&c| engine.cands[c].exclusive) {
        return false;
    }
    let mut groups = vec![false; engine.group_count];
    let mut slots = vec![false; engine.slots.len()];
    for &c in chosen {
        let cand = &engine.cands[c];
        if let Some(g) = cand.group {
            if std::mem::replace(&mut groups[g], true) {
                return false;
            }
        }
        if !cand.stackable && std::mem::replace(&mut slots[cand.slot], true) {
            return false;
        }
    }
    true
}

fn check_offer(o: &Offer, at: &dyn Fn(&str) -> String) -> Result<()> {
    let need = |present: bool, field: &str, what: &str| {
        if present {
            Ok(())
        } else {
            Err(Error::input(format!("{what} needs `{field}`"), at(field)))
        }
    };
    if o.id.trim().is_empty() {
        return Err(Error::input("id must not be empty", at("id")));
    }
    match o.kind {
        OfferKind::Threshold => {
            need(
                o.threshold.is_some(),
                "threshold",
                "a threshold (满减) offer",
            )?;
            need(o.amount.is_some(), "amount", "a threshold (满减) offer")?;
        }
        OfferKind::EveryThreshold => {
            need(
                o.threshold.is_some_and(|t| !t.is_zero()),
                "threshold",
                "an everyThreshold (每满减) offer (above zero)",
            )?;
            need(
                o.amount.is_some(),
                "amount",
                "an everyThreshold (每满减) offer",
            )?;
        }
        OfferKind::Percent => need(o.rate.is_some(), "rate", "a percent (折扣) offer")?,
        OfferKind::Fixed => need(o.amount.is_some(), "amount", "a fixed (立减) offer")?,
        OfferKind::FreeShipping => {}
    }
    if o.scope.level == ScopeLevel::Shop && o.scope.shop_id.is_none() {
        return Err(Error::input(
            "a shop-level offer needs scope.shopId",
            at("scope.shopId"),
        ));
    }
    if let (Some(f), Some(t)) = (o.valid_from, o.valid_to) {
        if f >= t {
            return Err(Error::new(ErrorKind::InvalidTimeWindow, at("validTo")));
        }
    }
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The search's integer 折扣 equals Money::round of the exact decimal product.
        #[test]
        fn percent_in_integers_matches_decimal(
            // Small amounts and round rates ("0.85") hit exact half-fen midpoints often.
            e in prop_oneof![0i64..10_000, 0i64..100_000_000_000_000],
            ppm in prop_oneof![(0i64..=200).prop_map(|k| k * 5_000), 0i64..=1_000_000],
        ) {
            let rate = Rate::parse(&format!("{}", rust_decimal::Decimal::new(ppm, 6))).unwrap();
            let cand = Cand {
                index: 0, source: Source::Coupon, id: "c".into(), label: String::new(),
                kind: OfferKind::Percent, layer: Layer::Item, shop_key: String::new(),
                lines: vec![], shops: vec![], threshold: 0, amount: 0, cap: None, rate: Some(rate),
                off_ppm: 1_000_000 - rate.ppm(), exclusive: false, group: None, stackable: false,
                expiry: 0, min_quantity: None, static_reject: None, slot: 0,
            };
            let off = rust_decimal::Decimal::ONE - rate.as_decimal();
            let exact = fen(Money::round(Money::from_fen(i128::from(e)).as_decimal() * off));
            prop_assert_eq!(cand.uncapped_at(e), exact);
        }
    }
}
