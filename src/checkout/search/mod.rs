//! Choosing the combination of offers: an exact branch-and-bound search over (layer, shop,
//! coupon|promotion) slots that maximises discounts plus shipping saved; ties go to fewer
//! offers, then those expiring soonest, then ids. [`oracle`] enumerates every subset with the
//! same evaluation, for tests.

mod bound;
mod cover;
pub mod oracle;
mod split;

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
        self.optimise_in_parts(forced, allowed, true)
    }

    /// Auto-selection searched as one whole, without splitting it into independent parts: for
    /// tests that the parts combine to the same choice.
    pub fn optimise_whole(&self) -> Run {
        self.optimise_in_parts(&[], &|_| true, false)
    }

    fn optimise_in_parts(
        &self,
        forced: &[usize],
        allowed: &dyn Fn(&Cand) -> bool,
        split: bool,
    ) -> Run {
        let forced_set: Vec<bool> = (0..self.cands.len()).map(|c| forced.contains(&c)).collect();
        // Identical offers (same terms, lines, constraints) are interchangeable: keep the one
        // that wins the tie-break.
        let mut options: Vec<Vec<usize>> = Vec::with_capacity(self.slots.len());
        for slot in &self.slots {
            let mut opts: Vec<usize> = slot
                .cands
                .iter()
                .copied()
                .filter(|&c| {
                    let cand = &self.cands[c];
                    forced_set[c] || (cand.static_reject.is_none() && allowed(cand))
                })
                .collect();
            crate::foundation::sort::sort_by(&mut opts, |&a, &b| {
                tie_key(&self.cands[a]).cmp(&tie_key(&self.cands[b]))
            });
            // Kept in place: `opts[..kept]` are the ones kept so far.
            let mut kept = 0;
            for i in 0..opts.len() {
                let c = opts[i];
                if forced_set[c]
                    || !opts[..kept]
                        .iter()
                        .any(|&k| !forced_set[k] && same_terms(&self.cands[k], &self.cands[c]))
                {
                    opts[kept] = c;
                    kept += 1;
                }
            }
            opts.truncate(kept);
            options.push(opts);
        }
        // Forced offers constrain the others from the start, whatever layer they sit in.
        let mut run = self.fresh_run();
        run.detail = false;
        if !self.cands.is_empty() {
            run.trail.reserve(self.lines.len(), options.len());
            run.used.reserve(options.len());
            run.unmet.reserve(options.len());
        }
        for &c in forced {
            if let Some(g) = self.cands[c].group {
                run.groups[g] = true;
            }
            run.exclusive |= self.cands[c].exclusive;
        }
        let slots = options.len();
        let mut search = Search {
            engine: self,
            tries: Vec::with_capacity(self.cands.len()),
            options,
            forced: forced_set,
            any_forced: !forced.is_empty(),
            best: None,
            nodes: 0,
            budget: self.node_budget.get(),
            work: 0,
            order: Vec::new(),
            rest: Vec::new(),
            cut: false,
            leaf: Rank {
                saving: 0,
                cands: Vec::new(),
            },
            free_possible: vec![false; self.shops.len()],
            group_best: vec![0; self.group_count],
            cover: cover::Cover::new(self),
        };
        let placed = if forced.is_empty() && split {
            search.decomposed(&mut run)
        } else {
            search.over((0..slots).collect(), &mut run)
        };
        self.nodes.set(search.nodes);
        // Never silently: a search cut short says so on the quote (`selectionOptimal: false`).
        self.optimal.set(!search.cut);
        // Replay the winning placements (applied and unmet alike) with allocations recorded.
        self.evaluate_in(&placed, std::mem::take(&mut run.trail))
    }
}

/// How many independent parts auto-selection splits the search into (exclusive offers aside):
/// for tests and benchmarks.
pub fn part_count(engine: &Engine) -> usize {
    let options: Vec<Vec<usize>> = engine
        .slots
        .iter()
        .map(|s| {
            s.cands
                .iter()
                .copied()
                .filter(|&c| engine.cands[c].static_reject.is_none() && !engine.cands[c].exclusive)
                .collect()
        })
        .collect();
    split::parts(engine, &options)
        .iter()
        .filter(|p| !p.is_empty())
        .count()
}

fn tie_key(c: &Cand) -> (i64, &str) {
    (c.expiry, &*c.id)
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

/// The best leaf so far: what was placed (applied and unmet) and its rank.
struct Best {
    placed: Vec<usize>,
    rank: Rank,
}

struct Search<'e, 'a> {
    engine: &'e Engine<'a>,
    options: Vec<Vec<usize>>,
    forced: Vec<bool>,
    any_forced: bool,
    best: Option<Best>,
    nodes: u64,
    /// Work after which no new branch is opened (the best found so far stands).
    budget: u64,
    /// Work so far: per node, one plus the candidates its bound scans.
    work: u64,
    /// The slots this search goes through, in layer order (all, or one independent part).
    order: Vec<usize>,
    /// Candidates open from each position of `order` on: what a bound there scans.
    rest: Vec<u64>,
    /// The budget ran out: the result may not be the optimum.
    cut: bool,
    /// Reused buffers: the tries of the slots on the path (a stack: each level's above its
    /// parent's), the leaf's rank, the bound's per-shop and per-group figures. In steady state
    /// the search allocates nothing.
    tries: Vec<(i64, usize)>,
    leaf: Rank,
    free_possible: Vec<bool>,
    group_best: Vec<i64>,
    cover: cover::Cover,
}

impl Search<'_, '_> {
    /// The best placements over the slots `order` (searched exactly unless the budget runs
    /// out), from `run`, which comes back as it was.
    fn over(&mut self, order: Vec<usize>, run: &mut Run) -> Vec<usize> {
        self.rest = vec![0; order.len() + 1];
        for i in (0..order.len()).rev() {
            self.rest[i] = self.rest[i + 1] + self.options[order[i]].len() as u64;
        }
        self.order = order;
        self.best = None;
        self.dfs(0, run, 0);
        self.best.take().map(|b| b.placed).unwrap_or_default()
    }

    /// A complete selection: finish it, rank it, keep it if it is the best so far.
    fn leaf(&mut self, run: &mut Run) {
        let e = self.engine;
        let mark = run.mark();
        e.finish(run);
        let saving = e.saving(run);
        let worse = self.best.as_ref().is_some_and(|b| {
            saving < b.rank.saving || (saving == b.rank.saving && run.used.len() > b.rank.count())
        });
        if !worse {
            self.leaf.saving = saving;
            self.leaf.cands.clear();
            self.leaf.cands.extend(run.used.iter().map(|u| u.cand));
            bound::sort(&mut self.leaf.cands, |&a, &b| {
                tie_key(&e.cands[a]).cmp(&tie_key(&e.cands[b]))
            });
            if self
                .best
                .as_ref()
                .is_none_or(|b| self.leaf.better(&b.rank, e))
            {
                let best = self.best.get_or_insert_with(|| Best {
                    placed: Vec::new(),
                    rank: Rank {
                        saving: 0,
                        cands: Vec::new(),
                    },
                });
                best.placed.clear();
                best.placed.extend(run.used.iter().map(|u| u.cand));
                best.placed.extend(run.unmet.iter().map(|u| u.0));
                best.rank.saving = saving;
                best.rank.cands.clone_from(&self.leaf.cands);
            }
        }
        run.undo(mark);
    }

    /// `placed` counts the offers placed on the way here; `run` comes back as it was.
    fn dfs(&mut self, k: usize, run: &mut Run, placed: usize) {
        self.nodes += 1;
        if k == self.order.len() {
            self.leaf(run);
            return;
        }
        let any = self.any_forced || placed > 0;
        if self.best.is_some() {
            // Past the budget only the branch under way is finished (the first dive is the
            // greedy choice, so a complete combination always exists).
            if self.work > self.budget {
                self.cut = true;
                return;
            }
            self.work += 1 + self.rest[k];
            let ub = self.bound(run, k, any);
            if let Some(best) = &self.best {
                let (saving, count) = (best.rank.saving, best.rank.count());
                if ub < saving || (ub == saving && run.used.len() > count) {
                    return;
                }
                // The same by classes of lines; and where no more than the best's saving is
                // left to reach, only a selection with no more offers can still win.
                if !self.any_forced {
                    let used = run.used.len();
                    let (all, within, fewer) = self.reach(count.saturating_sub(used));
                    let base = self.cover.base;
                    if base + all < saving
                        || (base + all == saving && (used > count || base + within < saving))
                    {
                        return;
                    }
                    // Nothing better to reach and no fewer offers to do it with: the tie-break
                    // keys decide.
                    if base + all == saving
                        && (used == count || base + fewer < saving)
                        && !self.keys_may_win(run, k, count - used, any)
                    {
                        return;
                    }
                }
            }
        }
        let e = self.engine;
        let slot = self.order[k];
        let opts = std::mem::take(&mut self.options[slot]);
        if opts.iter().any(|&c| self.forced[c]) {
            let mark = run.mark();
            let mut n = placed;
            for &c in opts.iter().filter(|&&c| self.forced[c]) {
                e.apply(run, c);
                n += 1;
            }
            self.dfs(k + 1, run, n);
            run.undo(mark);
        } else {
            // Try the biggest discount first so a strong incumbent prunes early.
            let base = self.tries.len();
            self.tries.extend(
                opts.iter()
                    .filter(|&&c| e.compatible(&e.cands[c], any, run.exclusive, &run.groups))
                    .map(|&c| (e.cands[c].bound_at(&run.amounts), c)),
            );
            bound::sort(&mut self.tries[base..], |a, b| {
                b.0.cmp(&a.0).then(a.1.cmp(&b.1))
            });
            let end = self.tries.len();
            // Deeper levels push above `end` and truncate back to it.
            for t in base..end {
                let c = self.tries[t].1;
                let mark = run.mark();
                let before = (
                    run.discount,
                    run.shipping_saved_by_offers,
                    run.ship_credit,
                    run.pending_free.len(),
                );
                // An offer whose threshold fails changes nothing but costs a coupon: never
                // better. Nor is one that applies and changes no amount: leaving it out reaches
                // the same leaves with one offer fewer.
                if e.apply(run, c)
                    && before
                        != (
                            run.discount,
                            run.shipping_saved_by_offers,
                            run.ship_credit,
                            run.pending_free.len(),
                        )
                {
                    self.dfs(k + 1, run, placed + 1);
                }
                run.undo(mark);
            }
            self.tries.truncate(base);
            self.dfs(k + 1, run, placed);
        }
        self.options[slot] = opts;
    }
}
