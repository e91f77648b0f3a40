//! The search's upper bound on what the open slots can still add, aware of stack groups (one
//! offer per group however many slots hold one) and exclusivity (an exclusive offer only
//! alone). A candidate's own part is asked through `Cand::bound_at` (offer/terms.rs) alone, so
//! a new offer kind only has to answer that.

use super::cover::NONE;
use super::Search;
/// The search's in-place sort (its keys are total orders: no stability needed).
pub(super) use crate::checkout::offer::trail::heap_sort as sort;
use crate::checkout::offer::{OfferKind, Run};

impl Search<'_, '_> {
    /// An upper bound on the saving reachable from `run` with slots `from..` still open, when
    /// `placed` offers (forced ones included) are in already.
    pub(super) fn bound(&mut self, run: &Run, from: usize, placed: bool) -> i64 {
        let e = self.engine;
        let mut free_possible = std::mem::take(&mut self.free_possible);
        free_possible.fill(false);
        // Forced offers go in whatever the rest does.
        let mut forced = 0;
        // Per slot: its best non-exclusive offer, and its best ungrouped one.
        let mut per_slot = 0;
        let mut ungrouped = 0;
        // Per stack group not yet used: its best offer in any open slot.
        let mut group_best = std::mem::take(&mut self.group_best);
        group_best.fill(0);
        // The best exclusive offer, usable only while nothing is placed.
        let mut exclusive_best = 0;
        // What each class of lines still costs: no offer can take more from them.
        let mut left = std::mem::take(&mut self.cover.left);
        left.clear();
        left.extend(
            self.cover
                .lines
                .iter()
                .map(|ls| ls.iter().map(|&j| run.amounts[j]).sum::<i64>()),
        );
        let mut vals = std::mem::take(&mut self.cover.vals);
        vals.clear();
        // A free-shipping tier's bound holds freight as well as goods.
        let mut ships = false;
        for &slot in &self.order[from..] {
            let opts = &self.options[slot];
            let (mut best, mut best_free) = (0, 0);
            let mut has_forced = false;
            // The slot's best offer of any kind, and its class of lines if they all share one.
            let (mut top, mut top_class) = (0, None::<usize>);
            for &c in opts {
                let cand = &e.cands[c];
                let is_forced = self.forced[c];
                if !is_forced
                    && (run.exclusive
                        || (cand.exclusive && placed)
                        || cand.group.is_some_and(|g| run.groups[g]))
                {
                    continue;
                }
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
                let class = self.cover.class[c];
                let d = match class {
                    NONE => {
                        ships = true;
                        cand.bound_at(base)
                    }
                    k => cand.bound_at(base).min(left[k]),
                };
                if !is_forced {
                    top = top.max(d);
                    top_class = match top_class {
                        None => Some(class),
                        Some(k) if k == class => Some(k),
                        Some(_) => Some(NONE),
                    };
                }
                if is_forced {
                    has_forced = true;
                    forced += d;
                } else if cand.exclusive {
                    exclusive_best = exclusive_best.max(d);
                } else {
                    best = best.max(d);
                    match cand.group {
                        Some(g) => group_best[g] = group_best[g].max(d),
                        None => best_free = best_free.max(d),
                    }
                }
            }
            // A slot with forced offers takes just those.
            if !has_forced {
                per_slot += best;
                ungrouped += best_free;
                if top > 0 {
                    vals.push((top, top_class.unwrap_or(NONE)));
                }
            }
        }
        let grouped: i64 = group_best.iter().sum();
        let extra = forced + per_slot.min(ungrouped + grouped).max(exclusive_best);
        // Discounts only take what the lines still cost.
        let goods = if ships {
            i64::MAX
        } else {
            run.amounts.iter().sum()
        };
        let extra = extra.min(goods);
        self.cover.left = left;
        self.cover.vals = vals;
        self.cover.goods = goods;
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
                        e.shop_fee(&run.amounts, s)
                    }
                })
                .sum(),
        };
        self.free_possible = free_possible;
        self.group_best = group_best;
        self.cover.base = run.discount + e.baseline_shipping - min_ship;
        self.cover.base + extra
    }
}
