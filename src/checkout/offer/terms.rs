//! The newer offer kinds — 满减阶梯 / 满折 / 满N件 (`tiered`), 第N件M折 / 买N送M (`nthItem`),
//! N元任选 (`bundle`), 加价购 (`addOn`) — and the limits any offer may carry (`usesLeft`,
//! `budgetLeft`): their JSON shapes and checks, their terms in fen against the priced lines, and
//! how they apply in their layer.
//!
//! `nthItem`, `bundle` and `addOn` always sit in the item layer, the first one, so the unit
//! prices they group are the lines' priced units: their discount is fixed when the engine is
//! set up (`Terms::fixed`, with each line's share in `Terms::targets`), and applying it only
//! clamps it to what those lines still cost.

use super::engine::{shipping_fee_fen, Cand, Engine, LineIn, Run, ShopIn, Use};
use super::model::{short, Offer, OfferKind, RejectCode};
use crate::foundation::allocate::allocate_fen;
use crate::foundation::error::{Error, Result};
use crate::foundation::money::MoneyInput;
use crate::foundation::money::{deserialize_opt_count, Money, Quantity, Rate, MAX_QUANTITY};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum TierBasis {
    /// `min` is yuan of eligible goods.
    #[default]
    Amount,
    /// `min` is units of eligible goods.
    Count,
}

/// One step of a `tiered` offer: reached when the eligible lines come to `min`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Yuan (basis amount) or units (basis count).
    pub min: MoneyInput,
    /// 减: off the eligible lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<MoneyInput>,
    /// 折: the fraction paid (满3件8折 = 0.8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Rate>,
    /// The offer's shops ship free.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub free_shipping: bool,
    /// 满赠: goods given at ¥0 (listed in `quote.gifts`, not as lines).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub gifts: Vec<Gift>,
    /// Points promised after payment.
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub points: Option<u32>,
    /// Coupon template ids issued after payment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub issue_coupons: Vec<String>,
}

impl Tier {
    fn has_rewards(&self) -> bool {
        !self.gifts.is_empty()
            || self.points.is_some_and(|p| p > 0)
            || !self.issue_coupons.is_empty()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct Gift {
    pub sku_id: String,
    pub quantity: Quantity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The title in English, for pages shown in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
}

/// An add-on SKU and what it costs once the offer's threshold is reached.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct AddOnItem {
    pub sku_id: String,
    pub unit_price: MoneyInput,
}

/// A tier in fen (or units) and millionths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierFen {
    pub min: i64,
    pub amount: i64,
    pub off_ppm: Option<i64>,
    pub free_shipping: bool,
    pub rewards: bool,
}

/// What the newer kinds and the limits need beyond the five first kinds' fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    pub tiers: Vec<TierFen>,
    pub by_count: bool,
    /// Units on the eligible lines (fixed: quantities do not change).
    pub units: u64,
    /// nthItem / bundle / addOn: the discount at the item layer's start …
    pub fixed: i64,
    /// … how many groups (or add-on units) earned it …
    pub groups: i64,
    /// … and which lines it falls on, with their share.
    pub targets: Vec<(usize, i64)>,
    pub budget: Option<i64>,
    /// The most shipping the offer's shops can charge: what a free-shipping tier can save.
    pub ship_cap: i64,
}

fn fen(m: Money) -> i64 {
    i64::try_from(m.fen()).unwrap_or(i64::MAX)
}

/// `p` fen × `ppm` millionths, rounded half-up to the fen (as 折扣 does).
pub(crate) fn part_of(p: i64, ppm: i64) -> i64 {
    let x = i128::from(p.max(0)) * i128::from(ppm) + 500_000;
    i64::try_from(x / 1_000_000).unwrap_or(i64::MAX)
}

/// "8" for 0.8, "8.5" for 0.85: how a rate reads as 折.
fn zhe(rate: Option<Rate>) -> String {
    let tenths = rate
        .map(|r| r.as_decimal() * rust_decimal::Decimal::TEN)
        .unwrap_or_default();
    format!("{}折", tenths.normalize())
}

/// A name built from the terms, for offers without a title.
pub(crate) fn label(o: &Offer) -> String {
    match o.kind {
        OfferKind::Tiered => (0..o.tiers.len())
            .map(|t| tier_label(o, t))
            .collect::<Vec<_>>()
            .join("/"),
        OfferKind::NthItem => {
            let n = o.n.unwrap_or(2);
            let ppm = o.rate.map_or(1_000_000, Rate::ppm);
            match (n, ppm) {
                (2, 500_000) => "第二件半价".into(),
                (_, 0) => format!("买{}送1", n.saturating_sub(1)),
                _ => format!("第{n}件{}", zhe(o.rate)),
            }
        }
        OfferKind::Bundle => format!(
            "{}件{}元",
            o.count.unwrap_or(0),
            short(o.price.unwrap_or(Money::ZERO))
        ),
        _ => format!("满{}加价购", short(o.threshold.unwrap_or(Money::ZERO))),
    }
}

/// One tier's name: "满299减40", "满3件8折", "满199赠品".
pub(crate) fn tier_label(o: &Offer, t: usize) -> String {
    let Some(tier) = o.tiers.get(t) else {
        return String::new();
    };
    let min = if o.basis == Some(TierBasis::Count) {
        format!("满{}件", tier.min.fen() / 100)
    } else {
        format!("满{}", short(tier.min))
    };
    let what = match (tier.rate, tier.amount) {
        (Some(_), _) => zhe(tier.rate),
        (None, Some(a)) if !a.is_zero() => format!("减{}", short(a)),
        _ if tier.free_shipping => "包邮".into(),
        _ => "有礼".into(),
    };
    format!("{min}{what}")
}

/// [`tier_label`] in English, for English sentences: "¥25 off from ¥159", "10 % off from 3 items".
pub(crate) fn tier_label_en(o: &Offer, t: usize) -> String {
    let Some(tier) = o.tiers.get(t) else {
        return String::new();
    };
    let min = if o.basis == Some(TierBasis::Count) {
        format!("{} items", tier.min.fen() / 100)
    } else {
        format!("¥{}", short(tier.min))
    };
    let what = match (tier.rate, tier.amount) {
        (Some(r), _) => {
            let off =
                (rust_decimal::Decimal::ONE - r.as_decimal()) * rust_decimal::Decimal::ONE_HUNDRED;
            format!("{} % off", off.normalize())
        }
        (None, Some(a)) if !a.is_zero() => format!("¥{} off", short(a)),
        _ if tier.free_shipping => "free shipping".into(),
        _ => "a gift".into(),
    };
    format!("{what} from {min}")
}

/// Input checks of the newer kinds' terms.
pub(crate) fn check_terms(o: &Offer, at: &dyn Fn(&str) -> String) -> Result<()> {
    let count_ok = |v: Option<u32>, lo: u32| v.is_some_and(|v| (lo..=MAX_QUANTITY).contains(&v));
    match o.kind {
        OfferKind::Tiered => {
            if o.tiers.is_empty() {
                return Err(Error::input("a tiered offer needs `tiers`", at("tiers")));
            }
            let by_count = o.basis == Some(TierBasis::Count);
            let mut last: Option<Money> = None;
            for (i, t) in o.tiers.iter().enumerate() {
                let path = |f: &str| at(&format!("tiers[{i}].{f}"));
                if by_count && (t.min.fen() % 100 != 0 || t.min.fen() < 100) {
                    return Err(Error::input(
                        "a count tier's min is a whole number of units, at least 1",
                        path("min"),
                    ));
                }
                if last.is_some_and(|l| t.min <= l) {
                    return Err(Error::input(
                        "tiers must be in ascending order of min",
                        path("min"),
                    ));
                }
                if t.rate.is_some() && t.amount.is_some() {
                    return Err(Error::input(
                        "a tier takes either amount or rate, not both",
                        path("rate"),
                    ));
                }
                last = Some(t.min);
            }
        }
        OfferKind::NthItem => {
            if !count_ok(o.n, 2) {
                return Err(Error::input(
                    "an nthItem (第N件) offer needs `n` of at least 2",
                    at("n"),
                ));
            }
            if o.rate.is_none() {
                return Err(Error::input(
                    "an nthItem (第N件) offer needs `rate`",
                    at("rate"),
                ));
            }
        }
        OfferKind::Bundle => {
            if !count_ok(o.count, 1) {
                return Err(Error::input(
                    "a bundle (N元任选) offer needs `count` of at least 1",
                    at("count"),
                ));
            }
            if o.price.is_none() {
                return Err(Error::input(
                    "a bundle (N元任选) offer needs `price`",
                    at("price"),
                ));
            }
        }
        OfferKind::AddOn => {
            if o.threshold.is_none() {
                return Err(Error::input(
                    "an addOn (加价购) offer needs `threshold`",
                    at("threshold"),
                ));
            }
            if o.items.is_empty() {
                return Err(Error::input(
                    "an addOn (加价购) offer needs `items`",
                    at("items"),
                ));
            }
        }
        _ => {}
    }
    Ok(())
}

/// The lines marked `addOnOf` must name an addOn offer that lists their SKU.
pub(crate) fn check_add_on_lines(
    lines: &[LineIn],
    promotions: &[Offer],
    coupons: &[Offer],
) -> Result<()> {
    for (j, l) in lines.iter().enumerate() {
        let Some(id) = l.add_on_of else { continue };
        let path = format!("lines[{j}].addOnOf");
        let offer = promotions
            .iter()
            .chain(coupons)
            .find(|o| o.id == id && o.kind == OfferKind::AddOn)
            .ok_or_else(|| {
                Error::new(
                    crate::foundation::error::ErrorKind::UnknownId { id: id.to_string() },
                    path.clone(),
                )
            })?;
        if !offer.items.iter().any(|i| i.sku_id == l.sku_id) {
            return Err(Error::input(
                "the add-on offer does not list this SKU",
                path,
            ));
        }
    }
    Ok(())
}

/// A run of units at one price on one line: (fen, units, line).
type Units = (i64, u64, usize);

/// The units of `idx`, dearest first; ties by SKU then line, so input order does not matter.
fn units_of(lines: &[LineIn], idx: &[usize]) -> Vec<Units> {
    let mut runs: Vec<Units> = idx
        .iter()
        .flat_map(|&j| {
            lines[j]
                .units
                .iter()
                .map(move |&(p, q)| (p, u64::from(q), j))
        })
        .filter(|r| r.1 > 0)
        .collect();
    crate::foundation::sort::sort_by(&mut runs, |a, b| {
        b.0.cmp(&a.0)
            .then_with(|| lines[a.2].sku_id.cmp(lines[b.2].sku_id))
            .then(a.2.cmp(&b.2))
    });
    runs
}

fn add_share(shares: &mut Vec<(usize, i64)>, line: usize, d: i64) {
    if d <= 0 {
        return;
    }
    match shares.iter_mut().find(|s| s.0 == line) {
        Some(s) => s.1 += d,
        None => shares.push((line, d)),
    }
}

fn clamp_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// 第N件M折: in each full group of `n` units, dearest first, the last unit takes `off_ppm` off.
fn nth_item(runs: &[Units], n: u64, off_ppm: i64) -> (i64, i64, Vec<(usize, i64)>) {
    let (mut pos, mut total, mut groups, mut shares) = (0u64, 0i64, 0i64, Vec::new());
    for &(p, q, j) in runs {
        // Positions pos+1 … pos+q that are multiples of n end a group and are discounted.
        let k = clamp_i64((pos + q) / n - pos / n);
        let d = part_of(p, off_ppm).saturating_mul(k);
        add_share(&mut shares, j, d);
        total += d;
        groups += k;
        pos += q;
    }
    (total, groups, shares)
}

/// N元任选: each full group of `count` units, dearest first, costs `price`; a group's saving
/// goes to its units by largest remainder.
fn bundle(runs: &[Units], count: u64, price: i64) -> (i64, i64, Vec<(usize, i64)>) {
    let (mut total, mut groups, mut shares) = (0i64, 0i64, Vec::new());
    let mut i = 0;
    let mut rem = runs.first().map_or(0, |r| r.1);
    while i < runs.len() {
        let (p, _, j) = runs[i];
        if rem >= count {
            // Whole groups inside one run, all at once.
            let k = rem / count;
            let d = (clamp_i64(count) * p - price).max(0);
            if d > 0 {
                add_share(&mut shares, j, d * clamp_i64(k));
                total += d * clamp_i64(k);
                groups += clamp_i64(k);
            }
            rem -= k * count;
        }
        if rem == 0 {
            i += 1;
            rem = runs.get(i).map_or(0, |r| r.1);
            continue;
        }
        // A group across runs.
        let mut need = count;
        let mut members: Vec<(usize, i64)> = Vec::new();
        while need > 0 && i < runs.len() {
            let take = rem.min(need);
            members.push((runs[i].2, clamp_i64(take) * runs[i].0));
            need -= take;
            rem -= take;
            if rem == 0 {
                i += 1;
                rem = runs.get(i).map_or(0, |r| r.1);
            }
        }
        if need > 0 {
            break; // leftover units pay normally
        }
        let sum: i64 = members.iter().map(|m| m.1).sum();
        let d = (sum - price).max(0);
        if d > 0 {
            let weights: Vec<i128> = members.iter().map(|m| i128::from(m.1)).collect();
            for (m, part) in members.iter().zip(allocate_fen(i128::from(d), &weights)) {
                add_share(&mut shares, m.0, i64::try_from(part).unwrap_or(0));
            }
            total += d;
            groups += 1;
        }
    }
    (total, groups, shares)
}

/// 加价购: the add-on lines' units pay the add-on price, biggest saving first, up to `limit`.
fn add_on(o: &Offer, lines: &[LineIn], targets: &[usize]) -> (i64, i64, Vec<(usize, i64)>) {
    let mut runs: Vec<Units> = Vec::new();
    for &j in targets {
        let Some(item) = o.items.iter().find(|i| i.sku_id == lines[j].sku_id) else {
            continue;
        };
        let ap = fen(item.unit_price);
        for &(p, q) in &lines[j].units {
            runs.push(((p - ap).max(0), u64::from(q), j));
        }
    }
    crate::foundation::sort::sort_by(&mut runs, |a, b| {
        b.0.cmp(&a.0)
            .then_with(|| lines[a.2].sku_id.cmp(lines[b.2].sku_id))
            .then(a.2.cmp(&b.2))
    });
    let mut left = o.limit.map_or(u64::MAX, u64::from);
    let (mut total, mut units, mut shares) = (0i64, 0i64, Vec::new());
    for (d, q, j) in runs {
        let take = q.min(left);
        left -= take;
        add_share(&mut shares, j, d * clamp_i64(take));
        total += d * clamp_i64(take);
        units += clamp_i64(take);
    }
    (total, units, shares)
}

/// The terms of offer `o` over its eligible lines `elig`, and a reason it cannot apply whatever
/// the cart's amounts (limits used up, too few units).
pub(crate) fn prepare(
    o: &Offer,
    lines: &[LineIn],
    shops: &[ShopIn],
    elig: &[usize],
    offer_shops: &[usize],
) -> (Terms, Option<(RejectCode, Option<u32>)>) {
    let units: u64 = elig.iter().map(|&j| u64::from(lines[j].quantity)).sum();
    let by_count = o.basis == Some(TierBasis::Count);
    let mut t = Terms {
        by_count,
        units,
        budget: o.budget_left.map(fen),
        ..Terms::default()
    };
    let short_by = |need: u64| Some(u32::try_from(need.saturating_sub(units)).unwrap_or(u32::MAX));
    let mut reject = None;
    match o.kind {
        OfferKind::Tiered => {
            t.tiers = o
                .tiers
                .iter()
                .map(|x| TierFen {
                    min: if by_count {
                        fen(x.min) / 100
                    } else {
                        fen(x.min)
                    },
                    amount: x.amount.map_or(0, fen),
                    off_ppm: x.rate.map(|r| 1_000_000 - r.ppm()),
                    free_shipping: x.free_shipping,
                    rewards: x.has_rewards(),
                })
                .collect();
            if t.tiers.iter().any(|x| x.free_shipping) {
                t.ship_cap = offer_shops
                    .iter()
                    .map(|&s| shipping_fee_fen(shops[s].rule, 0, shops[s].items))
                    .sum();
            }
            let lowest = t.tiers.first().map_or(0, |x| x.min);
            if by_count && clamp_i64(units) < lowest {
                reject = Some((
                    RejectCode::MinQuantityNotMet,
                    short_by(lowest.max(0) as u64),
                ));
            }
        }
        OfferKind::NthItem => {
            let n = u64::from(o.n.unwrap_or(2).max(1));
            let off = 1_000_000 - o.rate.map_or(1_000_000, Rate::ppm);
            (t.fixed, t.groups, t.targets) = nth_item(&units_of(lines, elig), n, off);
            if units < n {
                reject = Some((RejectCode::MinQuantityNotMet, short_by(n)));
            }
        }
        OfferKind::Bundle => {
            let count = u64::from(o.count.unwrap_or(1).max(1));
            let price = o.price.map_or(0, fen);
            (t.fixed, t.groups, t.targets) = bundle(&units_of(lines, elig), count, price);
            if units < count {
                reject = Some((RejectCode::MinQuantityNotMet, short_by(count)));
            }
        }
        OfferKind::AddOn => {
            let targets: Vec<usize> = (0..lines.len())
                .filter(|&j| lines[j].add_on_of == Some(o.id.as_str()))
                .collect();
            (t.fixed, t.groups, t.targets) = add_on(o, lines, &targets);
        }
        _ => {}
    }
    // A target with no share still caps what the offer can take from it: keep none such.
    t.targets.retain(|s| s.1 > 0);
    if o.uses_left == Some(0) {
        reject = Some((RejectCode::UsageLimitReached, None));
    } else if o.budget_left.is_some_and(|b| b.is_zero()) {
        reject = Some((RejectCode::BudgetExhausted, None));
    }
    (t, reject)
}

impl Cand {
    /// The highest tier the eligible amount `e` (or the unit count) reaches.
    pub fn tier_at(&self, e: i64) -> Option<usize> {
        let have = if self.terms.by_count {
            clamp_i64(self.terms.units)
        } else {
            e
        };
        self.terms.tiers.iter().rposition(|t| have >= t.min)
    }

    pub(crate) fn tier_discount(&self, t: usize, e: i64) -> i64 {
        let tier = &self.terms.tiers[t];
        match tier.off_ppm {
            Some(ppm) => part_of(e, ppm),
            None => tier.amount,
        }
    }

    /// The newer kinds' discount before cap and budget.
    pub(super) fn terms_uncapped(&self, e: i64) -> i64 {
        match self.kind {
            OfferKind::Tiered => self.tier_at(e).map_or(0, |t| self.tier_discount(t, e)),
            OfferKind::AddOn if e < self.threshold => 0,
            _ => self.terms.fixed,
        }
    }

    /// Cap, budget and what the eligible lines cost.
    pub(crate) fn limited(&self, d: i64, e: i64) -> i64 {
        let d = self.cap.map_or(d, |c| d.min(c));
        let d = self.terms.budget.map_or(d, |b| d.min(b));
        // Kinds with targets computed their discount on those lines' own units.
        let d = if self.terms.targets.is_empty() {
            d.min(e)
        } else {
            d
        };
        d.max(0)
    }

    /// Did the budget, rather than the terms or the cap, limit the discount at `e`?
    pub fn budget_hit(&self, e: i64) -> bool {
        let d = self.uncapped_at(e);
        let d = self.cap.map_or(d, |c| d.min(c));
        self.terms.budget.is_some_and(|b| d > b)
    }

    /// An upper bound on what this offer can add (discount and shipping) when line amounts are
    /// at most `amounts`: the search's bound for every kind. Amounts only fall, so a tier
    /// reachable later is reachable now, and each tier's discount is monotone in its amount.
    pub fn bound_at(&self, amounts: &[i64]) -> i64 {
        let e: i64 = self.lines.iter().map(|&j| amounts[j]).sum();
        match self.kind {
            OfferKind::Tiered => {
                let have = if self.terms.by_count {
                    clamp_i64(self.terms.units)
                } else {
                    e
                };
                let mut best = 0;
                let mut ship = false;
                for (t, tier) in self.terms.tiers.iter().enumerate() {
                    if have >= tier.min {
                        best = best.max(self.limited(self.tier_discount(t, e), e));
                        ship |= tier.free_shipping;
                    }
                }
                best + if ship { self.terms.ship_cap } else { 0 }
            }
            OfferKind::NthItem | OfferKind::Bundle | OfferKind::AddOn => {
                if e < self.threshold {
                    return 0;
                }
                let left: i64 = self.terms.targets.iter().map(|&(j, _)| amounts[j]).sum();
                self.limited(self.terms.fixed, e).min(left)
            }
            _ => self.discount_at(e),
        }
    }
}

/// Split `d` over the targets by their shares, never past what a line still costs: first the
/// shares (clamped to the amounts), and what does not fit over what the lines have left.
fn allocate_capped(d: i64, targets: &[(usize, i64)], amounts: &[i64]) -> Vec<i64> {
    let first: Vec<i128> = targets
        .iter()
        .map(|&(j, w)| i128::from(w.min(amounts[j]).max(0)))
        .collect();
    let total: i128 = first.iter().sum();
    let d = i128::from(d);
    let parts = if d <= total {
        allocate_fen(d, &first)
    } else {
        let rest: Vec<i128> = targets
            .iter()
            .zip(&first)
            .map(|(&(j, _), f)| i128::from(amounts[j]) - f)
            .collect();
        let more = allocate_fen(d - total, &rest);
        first.iter().zip(more).map(|(a, b)| a + b).collect()
    };
    parts
        .into_iter()
        .map(|p| i64::try_from(p).unwrap_or(0))
        .collect()
}

impl Engine<'_> {
    /// Apply one of the newer kinds (its threshold already met at `e`).
    pub(super) fn apply_terms(&self, run: &mut Run, ci: usize, e: i64) -> bool {
        let c = &self.cands[ci];
        let tier = if c.kind == OfferKind::Tiered {
            match c.tier_at(e) {
                Some(t) => Some(t),
                None => {
                    run.unmet.push((ci, e));
                    return false;
                }
            }
        } else {
            None
        };
        let raw = c.uncapped_at(e);
        let d = c.discount_at(e);
        let mut alloc = Vec::new();
        let d = if !run.detail {
            // The search: the same parts in reused buffers, logged for undo.
            if c.terms.targets.is_empty() {
                let remaining: i64 = c.lines.iter().map(|&j| run.amounts[j]).sum();
                let d = d.min(remaining);
                run.subtract_split(d, &c.lines);
                d
            } else {
                let left: i64 = c.terms.targets.iter().map(|&(j, _)| run.amounts[j]).sum();
                let d = d.min(left);
                run.subtract_capped(d, &c.terms.targets);
                d
            }
        } else {
            self.split_recorded(run, ci, d, &mut alloc)
        };
        run.discount += d;
        let mut freed = Vec::new();
        if tier.is_some_and(|t| c.terms.tiers[t].free_shipping) {
            if run.shipping.is_some() {
                for &s in &c.shops {
                    if run.shipping.as_ref().is_some_and(|ship| ship[s] > 0) {
                        run.shipping_saved_by_offers += run.free_shop(s);
                        if run.detail {
                            freed.push(s);
                        }
                    }
                }
            } else {
                // Shipping is fixed when the platform layer starts. Until then the run's
                // discount carries the most it can free, so the search's bound stays an
                // upper bound; `settle_free_shipping` puts the real figure in its place.
                run.pending_free.push(run.used.len());
                run.ship_credit += c.terms.ship_cap;
                run.discount += c.terms.ship_cap;
            }
        }
        // 加价购's discount falls on its add-on lines: they are what it is computed on.
        let eligible = if c.kind == OfferKind::AddOn {
            let start = &run.starts[c.layer as usize];
            c.terms.targets.iter().map(|&(j, _)| start[j]).sum()
        } else {
            e
        };
        run.used.push(Use {
            cand: ci,
            amount: d,
            eligible,
            cap_hit: c.cap.is_some_and(|cap| raw > cap),
            budget_hit: c.budget_hit(e),
            times: matches!(
                c.kind,
                OfferKind::NthItem | OfferKind::Bundle | OfferKind::AddOn
            )
            .then_some(c.terms.groups),
            tier,
            alloc,
            shops_freed: freed,
        });
        true
    }

    /// The allocation of `d` as `quote` records it, subtracted from the amounts.
    fn split_recorded(
        &self,
        run: &mut Run,
        ci: usize,
        d: i64,
        alloc: &mut Vec<(usize, i64)>,
    ) -> i64 {
        let c = &self.cands[ci];
        let (lines, parts): (Vec<usize>, Vec<i64>) = if c.terms.targets.is_empty() {
            let remaining: i64 = c.lines.iter().map(|&j| run.amounts[j]).sum();
            let d = d.min(remaining);
            let weights: Vec<i128> = c
                .lines
                .iter()
                .map(|&j| i128::from(run.amounts[j]))
                .collect();
            let parts = allocate_fen(i128::from(d), &weights)
                .into_iter()
                .map(|p| i64::try_from(p).unwrap_or(0))
                .collect();
            (c.lines.clone(), parts)
        } else {
            let left: i64 = c.terms.targets.iter().map(|&(j, _)| run.amounts[j]).sum();
            let parts = allocate_capped(d.min(left), &c.terms.targets, &run.amounts);
            (c.terms.targets.iter().map(|t| t.0).collect(), parts)
        };
        let mut d = 0;
        for (j, p) in lines.into_iter().zip(parts) {
            run.amounts[j] -= p;
            d += p;
            if p > 0 && run.detail {
                alloc.push((j, p));
            }
        }
        d
    }

    /// Shipping has just been fixed: free the shops of the tiers reached before it was.
    pub(super) fn settle_free_shipping(&self, run: &mut Run) {
        let Some(ship) = run.shipping.as_mut() else {
            return;
        };
        run.discount -= std::mem::take(&mut run.ship_credit);
        // `pending_free` stays as it is: the search may undo this platform entry and come back.
        for &u in &run.pending_free {
            let c = &self.cands[run.used[u].cand];
            for &s in &c.shops {
                if ship[s] > 0 {
                    run.shipping_saved_by_offers += ship[s];
                    ship[s] = 0;
                    if run.detail {
                        run.used[u].shops_freed.push(s);
                    }
                }
            }
        }
    }
}
