//! Step 6a: 积分赠送 and 成长值. Points are earned on what the buyer pays for goods after every
//! discount, 改价 and the points deduction (never on shipping): ⌊paid × perYuan × the level's
//! multiplier⌋ whole points, split over the lines by largest remainder, plus each line's own
//! `pointsPerUnit × quantity`. Growth is ⌊paid × growthPerYuan⌋ (rulebook `membership`).
//! Other point sources (a promotion tier's `points` reward) add through [`add_points`].

use crate::checkout::cart::Cart;
use crate::checkout::loyalty::{loyalty_rules, Factor};
use crate::checkout::quote::Quote;
use crate::foundation::error::{Error, Result};
use crate::foundation::money::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What points are earned on. Only "goods" for now: goods after discounts and points.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum EarnBase {
    #[default]
    Goods,
}

/// 积分赠送 for this order; every field defaults to the rulebook's `points.earn`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct PointsEarnInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string | number"))]
    pub per_yuan: Option<Factor>,
    /// Member level → multiplier; the highest level listed at or below the buyer's applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, string | number>"))]
    pub level_multipliers: Option<BTreeMap<String, Factor>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<EarnBase>,
}

/// The buyer's growth before this order, to show the level after it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct GrowthInput {
    #[serde(
        default,
        deserialize_with = "crate::foundation::money::deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub current: Option<u32>,
}

/// How `pointsEarned` came about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EarnResult {
    /// What points were earned on: goods paid after discounts and points, no shipping.
    pub base: Money,
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub per_yuan: Factor,
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub multiplier: Factor,
    /// ⌊base × perYuan × multiplier⌋.
    pub by_rate: u64,
    /// Σ lines' pointsPerUnit × quantity.
    pub by_lines: u64,
    /// Added by other sources (promotion rewards) through `add_points`.
    pub other: u64,
    pub source: String,
    pub message: String,
    pub message_en: String,
}

fn whole(d: Decimal) -> u64 {
    d.floor().to_string().parse().unwrap_or(u64::MAX)
}

/// `fen × factors / 100`, rounded down to a whole number (saturating, never panicking).
fn per_yuan_of(fen: i128, factors: &[Factor]) -> u64 {
    let mut d = Decimal::from_i128_with_scale(fen.max(0), 2);
    for f in factors {
        match d.checked_mul(f.as_decimal()) {
            Some(v) => d = v,
            None => return u64::MAX,
        }
    }
    whole(d)
}

/// Fill `pointsEarned`, `growthEarned` and `memberLevel` when the cart asks for them.
pub(crate) fn earn(cart: &Cart, q: &mut Quote) -> Result<()> {
    let own: Vec<u64> = cart
        .lines
        .iter()
        .map(|l| u64::from(l.points_per_unit.unwrap_or(0)) * u64::from(l.quantity.get()))
        .collect();
    let has_own = cart.lines.iter().any(|l| l.points_per_unit.is_some());
    let paid: Money = q.lines.iter().map(|l| l.payable).sum();
    let rules = loyalty_rules();
    if cart.points_earn.is_some() || has_own {
        let rule = rules.earn();
        let (per_yuan, multiplier) = match &cart.points_earn {
            Some(p) => {
                let table = p
                    .level_multipliers
                    .as_ref()
                    .unwrap_or(&rule.level_multipliers);
                (
                    p.per_yuan.unwrap_or(rule.per_yuan),
                    multiplier_for(table, cart.buyer.member_level)?,
                )
            }
            // Only the lines' own points: the cart did not ask for a rate.
            None => (Factor::default(), Factor::ONE),
        };
        let by_rate = per_yuan_of(paid.fen(), &[per_yuan, multiplier]);
        let weights: Vec<i128> = q.lines.iter().map(|l| l.payable.fen()).collect();
        let parts = crate::foundation::allocate::allocate_fen(i128::from(by_rate), &weights);
        for ((line, part), own) in q.lines.iter_mut().zip(parts).zip(&own) {
            line.points_earned = Some(u64::try_from(part).unwrap_or(0).saturating_add(*own));
        }
        let by_lines = own.iter().fold(0u64, |a, b| a.saturating_add(*b));
        let (message, message_en) =
            crate::checkout::explain_after::earned(paid, per_yuan, multiplier, by_rate, by_lines);
        q.points_earned = Some(by_rate.saturating_add(by_lines));
        q.earning = Some(EarnResult {
            base: paid,
            per_yuan,
            multiplier,
            by_rate,
            by_lines,
            other: 0,
            source: rule.source.clone(),
            message,
            message_en,
        });
    }
    if let Some(g) = &cart.growth {
        let m = &rules.membership;
        let earned = per_yuan_of(paid.fen(), &[m.growth_per_yuan]);
        q.growth_earned = Some(earned);
        if let Some(current) = g.current {
            let after = u64::from(current).saturating_add(earned);
            q.member_level = Some(crate::checkout::membership::member_level(after, m)?);
        }
    }
    Ok(())
}

/// The multiplier for `level`: the highest listed level at or below it, else ×1.
fn multiplier_for(table: &BTreeMap<String, Factor>, level: u32) -> Result<Factor> {
    let mut best: Option<(u32, Factor)> = None;
    for (k, f) in table {
        let l: u32 = k.trim().parse().map_err(|_| {
            Error::input(
                format!("member level must be a whole number: \"{k}\""),
                format!("pointsEarn.levelMultipliers.{k}"),
            )
        })?;
        if l <= level && best.is_none_or(|(b, _)| l > b) {
            best = Some((l, *f));
        }
    }
    Ok(best.map_or(Factor::ONE, |(_, f)| f))
}

/// Add points from another source (e.g. a promotion tier's `points` reward) to the quote:
/// `(line index, points)` pairs; out-of-range indexes are ignored. Keeps `pointsEarned` equal
/// to the sum of the lines' `pointsEarned`.
pub fn add_points(q: &mut Quote, points: &[(usize, u64)]) {
    for &(i, n) in points {
        let Some(line) = q.lines.get_mut(i) else {
            continue;
        };
        line.points_earned = Some(line.points_earned.unwrap_or(0).saturating_add(n));
        q.points_earned = Some(q.points_earned.unwrap_or(0).saturating_add(n));
        if let Some(e) = &mut q.earning {
            e.other = e.other.saturating_add(n);
        }
    }
}
