//! Step 2b: the rewards of reached tiers — 满赠 gifts, and points and coupons promised after
//! payment. A tier that only gives rewards saves no money, so the search (which prefers fewer
//! offers on a tie) leaves it out; it joins here when it fits the chosen set and costs nothing.

use crate::checkout::explain::Offers;
use crate::checkout::offer::{Engine, OfferKind, Run, Source};
use crate::checkout::quote::{QuoteGift, Rewards};
use crate::checkout::steps::offers::conflict;

/// `run` with every reward-giving tiered offer that fits beside the chosen ones and does not
/// lower the saving. Manual selection adds only promotions and picked coupons.
pub(crate) fn with_reward_offers(engine: &Engine, run: Run, selected: &Option<Vec<usize>>) -> Run {
    let mut run = run;
    let mut order: Vec<usize> = (0..engine.cands.len())
        .filter(|&c| {
            let cand = &engine.cands[c];
            cand.kind == OfferKind::Tiered
                && cand.static_reject.is_none()
                && cand.terms.tiers.iter().any(|t| t.rewards)
                && (cand.source == Source::Promotion
                    || selected.as_ref().is_none_or(|s| s.contains(&c)))
        })
        .collect();
    crate::foundation::sort::sort_by(&mut order, |&a, &b| {
        let (x, y) = (&engine.cands[a], &engine.cands[b]);
        (x.expiry, &x.id).cmp(&(y.expiry, &y.id))
    });
    for c in order {
        let used: Vec<usize> = run.used.iter().map(|u| u.cand).collect();
        if used.contains(&c) || conflict(engine, c, &used).is_some() {
            continue;
        }
        let mut with: Vec<usize> = used.clone();
        with.extend(run.unmet.iter().map(|u| u.0).filter(|u| *u != c));
        with.push(c);
        let trial = engine.evaluate(&with);
        let rewarded = trial.used.iter().any(|u| {
            u.cand == c
                && u.tier
                    .is_some_and(|t| engine.cands[c].terms.tiers[t].rewards)
        });
        if rewarded && engine.saving(&trial) >= engine.saving(&run) {
            run = trial;
        }
    }
    run
}

/// Points a reached tier promises, with the lines they are earned on (the offer's lines).
pub(crate) type PointAward = (Vec<usize>, u64);

/// The gifts and promised rewards of the tiers the run reached, and each tier's points with
/// the lines it covers (they join `pointsEarned` in step 6).
pub(crate) fn rewards(
    engine: &Engine,
    run: &Run,
    offers: &Offers,
    shop_ids: &[&str],
) -> (Vec<QuoteGift>, Rewards, Vec<PointAward>) {
    let mut gifts = Vec::new();
    let mut rewards = Rewards::default();
    let mut awards = Vec::new();
    for u in &run.used {
        let c = &engine.cands[u.cand];
        let o = offers.of(c);
        let Some(tier) = u.tier.and_then(|t| o.tiers.get(t)) else {
            continue;
        };
        let shop_id = o
            .scope
            .shop_id
            .clone()
            .or_else(|| match c.shops.as_slice() {
                [s] => Some(shop_ids[*s].to_string()),
                _ => None,
            });
        for g in &tier.gifts {
            gifts.push(QuoteGift {
                sku_id: g.sku_id.clone(),
                quantity: g.quantity.get(),
                offer_id: c.id.to_string(),
                shop_id: shop_id.clone(),
                title: g.title.clone(),
                title_en: g.title_en.clone(),
            });
        }
        let points = u64::from(tier.points.unwrap_or(0));
        if points > 0 {
            rewards.points += points;
            awards.push((c.lines.clone(), points));
        }
        rewards.coupons.extend(tier.issue_coupons.iter().cloned());
    }
    (gifts, rewards, awards)
}
