//! Independent parts of the search (issue 21): offers that can only meet through the stacking
//! rules are searched apart and their best parts combined, so 20 stack groups of 2 coupons
//! cost 20 small searches instead of 3²⁰ leaves.
//!
//! Two slots are in one part when they hold offers that share a stack group, or that can change
//! what the other is worth: one reads or clamps against lines the other discounts in another
//! layer; both discount lines of a shop whose freight moves with its goods (or free the same
//! charged shop); or both discount a common line in one layer when either could then run into
//! what the lines have left. Offers of one layer whose discounts together fit within the lines
//! they share keep their full discount whatever the others do, so they stay apart.
//!
//! The parts' savings add up, and so does the ranking: the offer counts add, and the expiry and
//! id lists are sorted merges, for which replacing one part's choice by a better one never makes
//! the whole worse (the first difference of two merges with a common part is the first
//! difference of the parts). The best of each part together are the best whole. Exclusive
//! offers stand alone: each is compared with the combined best of the rest.

use super::{Rank, Search};
use crate::checkout::offer::{Cand, Engine, Layer, OfferKind, Run};
use std::borrow::Cow;

impl Search<'_, '_> {
    /// Auto-selection: the parts searched one by one, then each exclusive offer alone.
    pub(super) fn decomposed(&mut self, run: &mut Run) -> Vec<usize> {
        let e = self.engine;
        let mut exclusives = Vec::new();
        for opts in &mut self.options {
            opts.retain(|&c| {
                let x = e.cands[c].exclusive;
                if x {
                    exclusives.push(c);
                }
                !x
            });
        }
        let mut placed = Vec::new();
        for order in parts(e, &self.options) {
            placed.extend(self.over(order, run));
        }
        if !exclusives.is_empty() {
            let mut best = Rank::of(e, &e.evaluate(&placed));
            for x in exclusives {
                let alone = e.evaluate(&[x]);
                if !alone.unmet.is_empty() {
                    continue;
                }
                let rank = Rank::of(e, &alone);
                if rank.better(&best, e) {
                    best = rank;
                    placed = vec![x];
                }
            }
        }
        placed
    }
}

/// Union-find over slots and shops.
struct Parts(Vec<usize>);

impl Parts {
    fn root(&mut self, mut a: usize) -> usize {
        while self.0[a] != a {
            self.0[a] = self.0[self.0[a]];
            a = self.0[a];
        }
        a
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// The lines an offer takes its discount from (none for 免邮): its own lines, borrowed, unless
/// its terms name targets.
pub(super) fn writes(c: &Cand) -> Cow<'_, [usize]> {
    if c.kind == OfferKind::FreeShipping {
        Cow::Borrowed(&[])
    } else if c.terms.targets.is_empty() {
        Cow::Borrowed(&c.lines)
    } else {
        Cow::Owned(c.terms.targets.iter().map(|t| t.0).collect())
    }
}

fn frees_shipping(c: &Cand) -> bool {
    c.kind == OfferKind::FreeShipping || c.terms.tiers.iter().any(|t| t.free_shipping)
}

/// The slots of each independent part, in layer order; slots with nothing open are left out.
pub(super) fn parts(e: &Engine, options: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let slots = options.len();
    let open: Vec<usize> = (0..slots).filter(|&s| !options[s].is_empty()).collect();
    if open.len() <= 1 {
        return vec![open];
    }
    let mut uf = Parts((0..slots + e.shops.len()).collect());
    let n_lines = e.lines.len();
    let start: Vec<i64> = e.lines.iter().map(|l| l.amount).collect();
    let cands: Vec<(usize, usize)> = open
        .iter()
        .flat_map(|&s| options[s].iter().map(move |&c| (s, c)))
        .collect();
    let wrote: Vec<Cow<[usize]>> = cands.iter().map(|&(_, c)| writes(&e.cands[c])).collect();
    // Stack groups.
    let mut group_slot = vec![usize::MAX; e.group_count];
    for &(s, c) in &cands {
        if let Some(g) = e.cands[c].group {
            if group_slot[g] == usize::MAX {
                group_slot[g] = s;
            } else {
                uf.join(group_slot[g], s);
            }
        }
    }
    // Stack groups alone can already tie every slot: nothing else can split them then.
    if one_part(&mut uf, &open) {
        return vec![open];
    }
    // The layers that read or write each line.
    let mut layers = vec![0u8; n_lines];
    // The first slot whose offer reads or writes each line.
    let mut first = vec![usize::MAX; n_lines];
    for (k, &(s, c)) in cands.iter().enumerate() {
        let bit = 1u8 << (e.cands[c].layer as u8);
        for &j in e.cands[c].lines.iter().chain(wrote[k].iter()) {
            layers[j] |= bit;
            if first[j] == usize::MAX {
                first[j] = s;
            }
        }
    }
    // A line seen from two layers ties everything on it.
    for (k, &(s, c)) in cands.iter().enumerate() {
        for &j in e.cands[c].lines.iter().chain(wrote[k].iter()) {
            if layers[j].count_ones() > 1 {
                uf.join(first[j], s);
            }
        }
    }
    if one_part(&mut uf, &open) {
        return vec![open];
    }
    // Freight: a shop whose fee moves with its goods ties the offers discounting its lines
    // before shipping is fixed; a shop that charges anything ties the offers freeing it.
    let zero = vec![0i64; n_lines];
    // Each shop's fee with no goods and with all of them, computed once (a freight plan each).
    let fees: Vec<(i64, i64)> = (0..e.shops.len())
        .map(|s| (e.shop_fee(&zero, s), e.shop_fee(&start, s)))
        .collect();
    let moves: Vec<bool> = fees.iter().map(|&(z, a)| z != a).collect();
    let charges: Vec<bool> = fees.iter().map(|&(z, a)| z > 0 || a > 0).collect();
    let mut flat = vec![true; cands.len()];
    for (k, &(s, c)) in cands.iter().enumerate() {
        let cand = &e.cands[c];
        for &j in wrote[k].iter() {
            if layers[j].count_ones() > 1 {
                flat[k] = false;
            }
            if cand.layer < Layer::Platform && moves[e.lines[j].shop] {
                flat[k] = false;
                uf.join(s, slots + e.lines[j].shop);
            }
        }
        if frees_shipping(cand) {
            for &sh in &cand.shops {
                if charges[sh] {
                    uf.join(s, slots + sh);
                }
            }
        }
    }
    if one_part(&mut uf, &open) {
        return vec![open];
    }
    // One layer, shared lines: apart only while every discount fits beside the others'.
    let writers = Writers::new(n_lines, &wrote);
    let most: Vec<i64> = cands
        .iter()
        .map(|&(_, c)| e.cands[c].bound_at(&start).max(0))
        .collect();
    let mut seen = vec![usize::MAX; cands.len()];
    for k in 0..cands.len() {
        if !flat[k] {
            continue;
        }
        let mut need = most[k];
        seen[k] = k;
        for &j in wrote[k].iter() {
            for &o in writers.of(j) {
                if seen[o] != k {
                    seen[o] = k;
                    need = need.saturating_add(most[o]);
                }
            }
        }
        let have: i64 = wrote[k].iter().map(|&j| start[j]).sum();
        if need > have {
            flat[k] = false;
        }
    }
    for ws in (0..n_lines).map(|j| writers.of(j)) {
        if ws.iter().any(|&k| !flat[k]) {
            for w in ws.windows(2) {
                uf.join(cands[w[0]].0, cands[w[1]].0);
            }
        }
    }
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    for &s in &open {
        let r = uf.root(s);
        match out.iter_mut().find(|p| p.0 == r) {
            Some(p) => p.1.push(s),
            None => out.push((r, vec![s])),
        }
    }
    out.into_iter().map(|p| p.1).collect()
}

/// Each line's writers (indexes into the candidates), in candidate order, in one buffer: a Vec
/// per line was most of the split's allocations.
struct Writers {
    /// Line j's writers are `all[at[j]..at[j + 1]]`.
    at: Vec<usize>,
    all: Vec<usize>,
}

impl Writers {
    fn new(n_lines: usize, wrote: &[Cow<[usize]>]) -> Writers {
        let mut at = vec![0; n_lines + 1];
        for &j in wrote.iter().flat_map(|w| w.iter()) {
            at[j + 1] += 1;
        }
        for j in 0..n_lines {
            at[j + 1] += at[j];
        }
        let mut next = at.clone();
        let mut all = vec![0; at[n_lines]];
        for (k, w) in wrote.iter().enumerate() {
            for &j in w.iter() {
                all[next[j]] = k;
                next[j] += 1;
            }
        }
        Writers { at, all }
    }

    fn of(&self, j: usize) -> &[usize] {
        &self.all[self.at[j]..self.at[j + 1]]
    }
}

fn one_part(uf: &mut Parts, open: &[usize]) -> bool {
    let r = uf.root(open[0]);
    open.iter().all(|&s| uf.root(s) == r)
}
