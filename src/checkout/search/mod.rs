//! Choosing the combination of offers: an exact branch-and-bound search over (layer, shop,
//! coupon|promotion) slots that maximises discounts plus shipping saved; ties go to fewer
//! offers, then those expiring soonest, then ids. [`oracle`] enumerates every subset with the
//! same evaluation, for tests.

mod bound;
pub mod oracle;

pub use oracle::{brute_force, valid_combination};

use crate::checkout::offer::{Cand, Engine, Run};
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
        // Candidates open from each slot on: what a bound there scans.
        let mut rest = vec![0u64; options.len() + 1];
        for i in (0..options.len()).rev() {
            rest[i] = rest[i + 1] + options[i].len() as u64;
        }
        let mut search = Search {
            engine: self,
            options,
            forced: forced_set,
            any_forced: !forced.is_empty(),
            best: None,
            nodes: 0,
            budget: self.node_budget.get(),
            work: 0,
            rest,
            cut: false,
        };
        search.dfs(0, run, 0);
        self.nodes.set(search.nodes);
        // Never silently: a search cut short says so on the quote (`selectionOptimal: false`).
        self.optimal.set(!search.cut);
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
    /// Work after which no new branch is opened (the best found so far stands).
    budget: u64,
    /// Work so far: per node, one plus the candidates its bound scans.
    work: u64,
    rest: Vec<u64>,
    /// The budget ran out: the result may not be the optimum.
    cut: bool,
}

impl Search<'_, '_> {
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
            // Past the budget only the branch under way is finished (the first dive is the
            // greedy choice, so a complete combination always exists).
            if self.work > self.budget {
                self.cut = true;
                return;
            }
            self.work += 1 + self.rest[slot];
            let ub = self.bound(&run, slot, self.any_forced || placed > 0);
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
                .map(|&c| (e.cands[c].bound_at(&run.amounts), c))
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
