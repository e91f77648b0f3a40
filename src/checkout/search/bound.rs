//! The search's upper bound on what the open slots can still add, aware of stack groups (one
//! offer per group however many slots hold one) and exclusivity (an exclusive offer only
//! alone). A candidate's own part is asked through `Cand::bound_at` (offer/terms.rs) alone, so
//! a new offer kind only has to answer that.

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
        for &slot in &self.order[from..] {
            let opts = &self.options[slot];
            let (mut best, mut best_free) = (0, 0);
            let mut has_forced = false;
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
                let d = cand.bound_at(base);
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
            }
        }
        let grouped: i64 = group_best.iter().sum();
        let extra = forced + per_slot.min(ungrouped + grouped).max(exclusive_best);
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
        run.discount + extra + e.baseline_shipping - min_ship
    }
}
