//! How few offers could still reach a saving: the search's count bound. When the best so far
//! already saves all it can (every line paid off, say), only selections with no more offers can
//! still tie with it, and most branches need more offers than that to get there.
//!
//! Offers that discount the same lines form a class; a class can take no more than its lines
//! still cost, and all discounts together no more than the goods. The most `k` offers (one per
//! slot, stack groups ignored) can add is then the top `k` of the classes' capped gains merged:
//! within a class the gains, biggest first, only shrink, so taking the biggest gains across
//! classes is the best any `k` can do.

use super::split::writes;
use super::Search;
use crate::checkout::offer::{Engine, OfferKind, Run};
use std::borrow::Cow;

/// No class: the offer's bound is not capped by lines (free-shipping tiers hold freight too).
pub(super) const NONE: usize = usize::MAX;

/// Classes of lines, and the bound's figures kept for [`Search::fewest`].
pub(super) struct Cover {
    /// Per candidate: its class, or [`NONE`].
    pub(super) class: Vec<usize>,
    /// Per class: the lines its offers discount.
    pub(super) lines: Vec<Vec<usize>>,
    /// Per class, at the last bound: what its lines still cost.
    pub(super) left: Vec<i64>,
    /// Per open slot at the last bound: its best offer's gain and class.
    pub(super) vals: Vec<(i64, usize)>,
    marg: Vec<i64>,
    /// Per candidate: its place in the tie-break order (expiry, then id); per place, its expiry.
    key: Vec<usize>,
    expiry: Vec<i64>,
    lb: Vec<usize>,
    open: Vec<usize>,
    /// At the last bound: the goods left (or i64::MAX), and the saving with nothing more.
    pub(super) goods: i64,
    pub(super) base: i64,
}

impl Cover {
    pub(super) fn new(e: &Engine) -> Cover {
        let mut lines: Vec<Vec<usize>> = Vec::new();
        // Each line's place in `Engine::canon`, made for the first offer with targets.
        let mut rank: Vec<usize> = Vec::new();
        let class = e
            .cands
            .iter()
            .map(|c| {
                if c.kind == OfferKind::FreeShipping
                    || c.terms.tiers.iter().any(|t| t.free_shipping)
                {
                    return NONE;
                }
                let mut w = writes(c);
                // Compared as sets, in the canonical order an offer's own lines are in already
                // (`Engine::canon`): only targets are sorted (copied).
                if let Cow::Owned(t) = &mut w {
                    if rank.is_empty() {
                        rank = vec![0; e.lines.len()];
                        for (r, &j) in e.canon.iter().enumerate() {
                            rank[j] = r;
                        }
                    }
                    crate::foundation::sort::sort_by_key(t, |&j| rank[j]);
                }
                match lines.iter().position(|l| **l == *w) {
                    Some(k) => k,
                    None => {
                        lines.push(w.into_owned());
                        lines.len() - 1
                    }
                }
            })
            .collect();
        let mut order: Vec<usize> = (0..e.cands.len()).collect();
        crate::foundation::sort::sort_by(&mut order, |&a, &b| {
            super::tie_key(&e.cands[a]).cmp(&super::tie_key(&e.cands[b]))
        });
        let mut key = vec![0; e.cands.len()];
        for (r, &c) in order.iter().enumerate() {
            key[c] = r;
        }
        Cover {
            class,
            key,
            expiry: order.iter().map(|&c| e.cands[c].expiry).collect(),
            lb: Vec::new(),
            open: Vec::new(),
            left: Vec::with_capacity(lines.len()),
            lines,
            vals: Vec::new(),
            marg: Vec::new(),
            goods: 0,
            base: 0,
        }
    }
}

impl Search<'_, '_> {
    /// After a bound: the most the open slots can add, all of them, `k` of them and `k - 1` of
    /// them (one per slot). Sorts the bound's gains: that is counted as work.
    pub(super) fn reach(&mut self, k: usize) -> (i64, i64, i64) {
        let Cover {
            vals,
            marg,
            left,
            goods,
            ..
        } = &mut self.cover;
        self.work += vals.len() as u64;
        super::bound::sort(vals, |a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        marg.clear();
        let mut class = NONE;
        let mut room = 0;
        for &(v, c) in vals.iter() {
            if c == NONE {
                marg.push(v);
                continue;
            }
            if c != class {
                class = c;
                room = left[c];
            }
            let g = v.min(room);
            room -= g;
            if g > 0 {
                marg.push(g);
            }
        }
        super::bound::sort(marg, |a, b| b.cmp(a));
        let (mut all, mut within, mut fewer) = (0i64, 0i64, 0i64);
        for (i, &g) in marg.iter().enumerate() {
            all = all.saturating_add(g).min(*goods);
            if i < k {
                within = all;
            }
            if i + 1 < k {
                fewer = all;
            }
        }
        (all, within, fewer)
    }

    /// With exactly `m` more offers from the open slots, can the selection still come before
    /// the best in the tie-break (same saving, same count)? Its sorted keys can be no earlier
    /// than those of the offers in plus the `m` earliest open ones.
    pub(super) fn keys_may_win(&mut self, run: &Run, from: usize, m: usize, any: bool) -> bool {
        let e = self.engine;
        let Some(best) = &self.best else { return true };
        let Cover {
            key,
            expiry,
            lb,
            open,
            ..
        } = &mut self.cover;
        lb.clear();
        lb.extend(run.used.iter().map(|u| key[u.cand]));
        open.clear();
        for &slot in &self.order[from..] {
            for &c in &self.options[slot] {
                if e.compatible(&e.cands[c], any, run.exclusive, &run.groups) {
                    open.push(key[c]);
                }
            }
        }
        self.work += open.len() as u64;
        super::bound::sort(open, |a, b| a.cmp(b));
        lb.extend(open.iter().take(m));
        super::bound::sort(lb, |a, b| a.cmp(b));
        let theirs = &best.rank.cands;
        lb.iter()
            .map(|&r| expiry[r])
            .cmp(theirs.iter().map(|&c| e.cands[c].expiry))
            .then_with(|| lb.iter().copied().cmp(theirs.iter().map(|&c| key[c])))
            == std::cmp::Ordering::Less
    }
}
