//! Choosing the combination of offers: an exact branch-and-bound search over (layer, shop,
//! coupon|promotion) slots that maximises discounts plus shipping saved; ties go to fewer
//! offers, then those expiring soonest, then ids. [`oracle`] enumerates every subset with the
//! same evaluation, for tests.

pub mod oracle;

pub use oracle::{brute_force, valid_combination};

use crate::checkout::offer::{shipping_fee_fen, Cand, Engine, OfferKind, Run};
use std::cmp::Ordering;

impl Engine<'_> {
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
            crate::foundation::sort::sort_by(&mut opts, |&a, &b| {
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
        && a.terms == b.terms
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
        crate::foundation::sort::sort_by(&mut cands, |&a, &b| {
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
                best = best.max(cand.bound_at(base));
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
            crate::foundation::sort::sort_by(&mut tries, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
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
