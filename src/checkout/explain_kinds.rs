//! Explanations of the newer kinds (tiered, nthItem, bundle, addOn): their applied basis and
//! their hints, zh-CN and English.

use super::{yuan, Offers};
use crate::checkout::detail::pair;
use crate::checkout::offer::terms::{part_of, tier_label, tier_label_en};
use crate::checkout::offer::{Cand, Engine, Offer, OfferKind, RejectCode, Run, Use};
use crate::checkout::quote::{Hint, Rejected};

/// What a newer kind did, without the offer's name (its `reason`), and what separates the name
/// from it in English; None for the first five kinds.
pub(super) fn applied_reason(
    engine: &Engine,
    u: &Use,
    o: &Offer,
) -> Option<((String, String), &'static str)> {
    let c = &engine.cands[u.cand];
    let (amount, eligible) = (yuan(u.amount), yuan(u.eligible));
    let (limit, limit_en) = if u.cap_hit {
        ("（已达上限）", " (cap reached)")
    } else if u.budget_hit {
        ("（活动预算已用尽）", " (budget used up)")
    } else {
        ("", "")
    };
    let times = u.times.unwrap_or(0);
    let reason = match c.kind {
        OfferKind::Tiered => {
            let t = u.tier.unwrap_or(0);
            let tier = tier_label(o, t);
            let free = c.terms.tiers.get(t).is_some_and(|x| x.free_shipping);
            let (ship, ship_en) = if free {
                ("，包邮", ", free shipping")
            } else {
                ("", "")
            };
            let (basis, basis_en) = if c.terms.by_count {
                (
                    format!("适用 {} 件", c.terms.units),
                    format!("{} eligible item(s)", c.terms.units),
                )
            } else {
                (
                    format!("适用金额 ¥{eligible}"),
                    format!("¥{eligible} eligible"),
                )
            };
            let reason = pair(
                || format!("达到『{tier}』，减 ¥{amount}{ship}，{basis}{limit}"),
                || {
                    format!(
                        "reaches \"{}\": ¥{amount} off{ship_en}, {basis_en}{limit_en}",
                        tier_label_en(o, t)
                    )
                },
            );
            return Some((reason, " "));
        }
        OfferKind::NthItem | OfferKind::Bundle => pair(
            || format!("凑成 {times} 组，减 ¥{amount}{limit}"),
            || format!("{times} full group(s), ¥{amount} off{limit_en}"),
        ),
        OfferKind::AddOn => pair(
            || format!("换购 {times} 件，减 ¥{amount}，换购商品原价 ¥{eligible}{limit}"),
            || {
                format!(
                "{times} add-on item(s) at the add-on price, ¥{amount} off their ¥{eligible}{limit_en}"
            )
            },
        ),
        _ => return None,
    };
    Some((reason, ": "))
}

/// The unit prices on a candidate's lines, cheapest first: (fen, units).
fn units_cheapest_first(engine: &Engine, c: &Cand) -> Vec<(i64, u64)> {
    let mut runs: Vec<(i64, u64)> = c
        .lines
        .iter()
        .flat_map(|&j| {
            engine.lines[j]
                .units
                .iter()
                .map(|&(p, q)| (p, u64::from(q)))
        })
        .collect();
    crate::foundation::sort::sort(&mut runs);
    runs
}

/// The cheapest `k` units' amount.
fn cheapest(runs: &[(i64, u64)], mut k: u64) -> i64 {
    let mut sum = 0;
    for &(p, q) in runs {
        let take = q.min(k);
        sum += p * i64::try_from(take).unwrap_or(0);
        k -= take;
    }
    sum
}

/// Hints of the newer kinds: the next tier, the unit that completes a 第N件 group, the units
/// that make up an N元任选 group.
pub(super) fn hints(
    engine: &Engine,
    run: &Run,
    offers: &Offers,
    rejected: &[Rejected],
) -> Vec<Hint> {
    let mut hints = add_on_offers(engine, run, offers);
    for (ci, c) in engine.cands.iter().enumerate() {
        let used = run.used.iter().find(|u| u.cand == ci);
        let short_of_units = rejected
            .iter()
            .any(|r| *r.id == *c.id && r.code == RejectCode::MinQuantityNotMet.as_str());
        if used.is_none() && !short_of_units {
            continue;
        }
        let o = offers.of(c);
        let shop_id = o.scope.shop_id.clone();
        let units = c.terms.units;
        let runs = units_cheapest_first(engine, c);
        let p = runs.first().map_or(0, |r| r.0);
        let mut hint = |kind: &str, add: i64, saving: i64, zh: String, en: String| {
            if saving > 0 {
                hints.push(Hint {
                    kind: kind.into(),
                    id: Some(c.id.to_string()),
                    shop_id: shop_id.clone(),
                    add_amount: yuan(add),
                    saving: yuan(saving),
                    message: zh,
                    message_en: en,
                });
            }
        };
        let have = used.map_or(0, |u| u.amount);
        match c.kind {
            OfferKind::Tiered => {
                let start = &run.starts[c.layer as usize];
                let e = used.map_or_else(
                    || {
                        c.lines
                            .iter()
                            .map(|&j| start.get(j).copied().unwrap_or(0))
                            .sum()
                    },
                    |u| u.eligible,
                );
                let next = used.map_or(0, |u| u.tier.map_or(0, |t| t + 1));
                let Some(tier) = c.terms.tiers.get(next) else {
                    continue;
                };
                let label = tier_label(o, next);
                if c.terms.by_count {
                    let k = u64::try_from(tier.min).unwrap_or(0).saturating_sub(units);
                    let add = p * i64::try_from(k).unwrap_or(0);
                    let g = c.limited(c.tier_discount(next, e + add), e + add) - have;
                    let gy = yuan(g);
                    hint(
                        "tierUp",
                        add,
                        g,
                        format!("再买 {k} 件升级到『{label}』再省 ¥{gy}"),
                        format!(
                            "Add {k} more item(s) to reach \"{}\" and save ¥{gy} more",
                            tier_label_en(o, next)
                        ),
                    );
                } else if used.is_some() {
                    // Below the lowest tier the threshold hint already speaks.
                    let m = tier.min - e;
                    let g = c.limited(c.tier_discount(next, tier.min), tier.min) - have;
                    let (my, gy) = (yuan(m), yuan(g));
                    hint(
                        "tierUp",
                        m,
                        g,
                        format!("再买 ¥{my} 升级到『{label}』再省 ¥{gy}"),
                        format!(
                            "Add ¥{my} to reach \"{}\" and save ¥{gy} more",
                            tier_label_en(o, next)
                        ),
                    );
                }
            }
            OfferKind::NthItem => {
                let n = u64::from(o.n.unwrap_or(2).max(1));
                if units % n == 0 {
                    continue;
                }
                let k = n - units % n;
                // One more unit at the cheapest price in scope ends the open group.
                let s = c.limited(part_of(p, c.off_ppm), i64::MAX);
                let add = p * i64::try_from(k).unwrap_or(0);
                let sy = yuan(s);
                hint(
                    "nthItem",
                    add,
                    s,
                    format!("再买 {k} 件享『{}』（省 ¥{sy}）", c.label),
                    format!(
                        "Add {k} more item(s) for \"{}\" (save ¥{sy})",
                        o.title_en.as_deref().unwrap_or(&c.label)
                    ),
                );
            }
            OfferKind::Bundle => {
                let count = u64::from(o.count.unwrap_or(1).max(1));
                let left = units % count;
                if left == 0 && used.is_some() {
                    continue;
                }
                let k = count - left;
                let add = p * i64::try_from(k).unwrap_or(0);
                let price = o.price.map_or(0, |m| i64::try_from(m.fen()).unwrap_or(0));
                let s = (cheapest(&runs, left) + add - price).max(0);
                let s = c.limited(have + s, i64::MAX) - have;
                hint(
                    "bundle",
                    add,
                    s,
                    format!("再买 {k} 件凑成『{}』", c.label),
                    format!(
                        "Add {k} more item(s) to make up \"{}\"",
                        o.title_en.as_deref().unwrap_or(&c.label)
                    ),
                );
            }
            _ => {}
        }
    }
    hints
}

/// 加价购 within reach: the threshold is met and the cart has room for add-on units. The
/// saving depends on the add-on SKU's own price, which the cart does not know: it is left at
/// zero and the storefront lists the offer's items.
fn add_on_offers(engine: &Engine, run: &Run, offers: &Offers) -> Vec<Hint> {
    let mut hints = Vec::new();
    for c in engine.cands.iter().filter(|c| c.kind == OfferKind::AddOn) {
        let start = &run.starts[c.layer as usize];
        let e: i64 = c
            .lines
            .iter()
            .map(|&j| start.get(j).copied().unwrap_or(0))
            .sum();
        let o = offers.of(c);
        let have: u64 = (0..engine.lines.len())
            .filter(|&j| engine.lines[j].add_on_of == Some(&*c.id))
            .map(|j| u64::from(engine.lines[j].quantity))
            .sum();
        let room = have < u64::from(o.limit.unwrap_or(1));
        let Some(p) = o.items.iter().map(|i| i.unit_price).min() else {
            continue;
        };
        if c.static_reject.is_some() || e < c.threshold || !room {
            continue;
        }
        hints.push(Hint {
            kind: "addOn".into(),
            id: Some(c.id.to_string()),
            shop_id: o.scope.shop_id.clone(),
            add_amount: p,
            saving: crate::foundation::money::Money::ZERO,
            message: format!("已达『{}』门槛，可加 ¥{p} 换购", c.label),
            message_en: format!(
                "\"{}\" is reached: add an add-on item for ¥{p}",
                o.title_en.as_deref().unwrap_or(&c.label)
            ),
        });
    }
    hints
}
