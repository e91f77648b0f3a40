//! Undo for the search (issue 23): a [`Run`] with `detail` off logs every value it overwrites,
//! so the search applies an offer, explores, and rolls back to a [`Mark`] instead of cloning the
//! run at each node. The buffers live in the run and are reused: in steady state the search
//! allocates nothing.

use super::engine::Run;
use super::model::Layer;

/// A value the search overwrote, to put back.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Change {
    Amount(usize, i64),
    Ship(usize, i64),
    Group(usize),
}

/// The undo log and scratch space of a searching run.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trail {
    changes: Vec<Change>,
    /// The shipping vector of a rolled-back platform entry, kept for the next one.
    pub(crate) spare_ship: Vec<i64>,
    weights: Vec<i64>,
    extra: Vec<i64>,
    lines: Vec<usize>,
    parts: Vec<i64>,
    remainders: Vec<(i64, usize)>,
}

/// Where a searching run stood: [`Run::undo`] returns to it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark {
    changes: usize,
    used: usize,
    unmet: usize,
    pending: usize,
    layer: Option<Layer>,
    shipping: bool,
    discount: i64,
    saved: i64,
    credit: i64,
    exclusive: bool,
}

impl Trail {
    /// Room for a search over `lines` lines and `slots` slots up front: grown one push at a
    /// time, the undo log and scratch vectors were ~100 reallocations a 20-line quote.
    pub(crate) fn reserve(&mut self, lines: usize, slots: usize) {
        self.changes.reserve(lines * (slots.min(8) + 1) + 8);
        for v in [&mut self.weights, &mut self.extra, &mut self.parts] {
            v.reserve(lines);
        }
        self.lines.reserve(lines);
        self.remainders.reserve(lines);
    }
}

impl Run {
    pub(crate) fn mark(&self) -> Mark {
        Mark {
            changes: self.trail.changes.len(),
            used: self.used.len(),
            unmet: self.unmet.len(),
            pending: self.pending_free.len(),
            layer: self.layer,
            shipping: self.shipping.is_some(),
            discount: self.discount,
            saved: self.shipping_saved_by_offers,
            credit: self.ship_credit,
            exclusive: self.exclusive,
        }
    }

    /// Back to `m`. Layer start snapshots need no undo: `starts[l]` is only read once layer `l`
    /// is entered, and entering it writes it again.
    pub(crate) fn undo(&mut self, m: Mark) {
        while self.trail.changes.len() > m.changes {
            match self.trail.changes.pop() {
                Some(Change::Amount(j, v)) => self.amounts[j] = v,
                Some(Change::Ship(s, v)) => {
                    if let Some(ship) = self.shipping.as_mut() {
                        ship[s] = v;
                    }
                }
                Some(Change::Group(g)) => self.groups[g] = false,
                None => break,
            }
        }
        if !m.shipping {
            if let Some(ship) = self.shipping.take() {
                self.trail.spare_ship = ship;
            }
        }
        self.used.truncate(m.used);
        self.unmet.truncate(m.unmet);
        self.pending_free.truncate(m.pending);
        self.layer = m.layer;
        self.discount = m.discount;
        self.shipping_saved_by_offers = m.saved;
        self.ship_credit = m.credit;
        self.exclusive = m.exclusive;
    }

    pub(crate) fn set_group(&mut self, g: usize) {
        if !self.groups[g] {
            self.groups[g] = true;
            if !self.detail {
                self.trail.changes.push(Change::Group(g));
            }
        }
    }

    /// Shop `s` ships free from now on (shipping is fixed): the fee it had.
    pub(crate) fn free_shop(&mut self, s: usize) -> i64 {
        let Some(ship) = self.shipping.as_mut() else {
            return 0;
        };
        let fee = std::mem::take(&mut ship[s]);
        if !self.detail && fee != 0 {
            self.trail.changes.push(Change::Ship(s, fee));
        }
        fee
    }

    fn set_amount(&mut self, j: usize, v: i64) {
        if !self.detail {
            self.trail.changes.push(Change::Amount(j, self.amounts[j]));
        }
        self.amounts[j] = v;
    }

    /// [`allocate_fen`](crate::foundation::allocate::allocate_fen) of `total` over the current
    /// amounts of `lines`, each part subtracted in place: the same parts, in reused buffers.
    pub(crate) fn subtract_split(&mut self, total: i64, lines: &[usize]) {
        let mut w = std::mem::take(&mut self.trail.weights);
        w.clear();
        w.extend(lines.iter().map(|&j| self.amounts[j]));
        self.subtract_parts(total, lines, &w);
        self.trail.weights = w;
    }

    /// As [`Run::subtract_split`], for a run that records: each part subtracted and, when
    /// positive, added to `alloc` (the same parts as `allocate_fen`, in the reused buffers).
    pub(crate) fn subtract_recorded(
        &mut self,
        total: i64,
        lines: &[usize],
        alloc: &mut Vec<(usize, i64)>,
    ) {
        let mut w = std::mem::take(&mut self.trail.weights);
        let mut parts = std::mem::take(&mut self.trail.parts);
        let mut rem = std::mem::take(&mut self.trail.remainders);
        w.clear();
        w.extend(lines.iter().map(|&j| self.amounts[j]));
        split(total, &w, &mut parts, &mut rem);
        alloc.reserve(parts.len());
        for (&j, &p) in lines.iter().zip(&parts) {
            self.amounts[j] -= p;
            if p > 0 {
                alloc.push((j, p));
            }
        }
        self.trail.weights = w;
        self.trail.parts = parts;
        self.trail.remainders = rem;
    }

    /// `allocate_capped` (offer/terms.rs) of `total` over `targets`: first each line's share
    /// (no more than it still costs), what does not fit over what the lines have left.
    pub(crate) fn subtract_capped(&mut self, total: i64, targets: &[(usize, i64)]) {
        let mut first = std::mem::take(&mut self.trail.weights);
        let mut lines = std::mem::take(&mut self.trail.lines);
        first.clear();
        lines.clear();
        first.extend(targets.iter().map(|&(j, w)| w.min(self.amounts[j]).max(0)));
        lines.extend(targets.iter().map(|t| t.0));
        let fits: i64 = first.iter().sum();
        if total <= fits {
            self.subtract_parts(total, &lines, &first);
        } else {
            let mut rest = std::mem::take(&mut self.trail.extra);
            rest.clear();
            rest.extend(lines.iter().zip(&first).map(|(&j, f)| self.amounts[j] - f));
            for (&j, &f) in lines.iter().zip(&first) {
                if f != 0 {
                    self.set_amount(j, self.amounts[j] - f);
                }
            }
            self.subtract_parts(total - fits, &lines, &rest);
            self.trail.extra = rest;
        }
        self.trail.weights = first;
        self.trail.lines = lines;
    }

    /// `total` split over `weights` by largest remainder, subtracted from `lines`.
    pub(crate) fn subtract_parts(&mut self, total: i64, lines: &[usize], weights: &[i64]) {
        let mut parts = std::mem::take(&mut self.trail.parts);
        let mut rem = std::mem::take(&mut self.trail.remainders);
        split(total, weights, &mut parts, &mut rem);
        for (&j, &p) in lines.iter().zip(&parts) {
            if p != 0 {
                self.set_amount(j, self.amounts[j] - p);
            }
        }
        self.trail.parts = parts;
        self.trail.remainders = rem;
    }
}

/// `allocate_fen(total, weights)` into `parts`, without allocating once the buffers have grown
/// (past i64 it calls `allocate_fen` itself).
pub(crate) fn split(
    total: i64,
    weights: &[i64],
    parts: &mut Vec<i64>,
    rem: &mut Vec<(i64, usize)>,
) {
    parts.clear();
    rem.clear();
    let n = weights.len();
    if n == 0 {
        return;
    }
    let sum = weights
        .iter()
        .try_fold(0i64, |s, &w| s.checked_add(w.max(0)));
    let narrow = sum.and_then(|s| total.checked_mul(s.max(n as i64)));
    let (Some(sum), Some(_)) = (sum, narrow) else {
        let w: Vec<i128> = weights.iter().map(|&w| i128::from(w)).collect();
        let all = crate::foundation::allocate::allocate_fen(i128::from(total), &w);
        parts.extend(all.into_iter().map(|p| i64::try_from(p).unwrap_or(0)));
        return;
    };
    let even = sum == 0;
    let sum = if even { n as i64 } else { sum };
    let mut given = 0i64;
    for (i, &w) in weights.iter().enumerate() {
        let product = total * if even { 1 } else { w.max(0) };
        parts.push(product.div_euclid(sum));
        // The fen left over number Σ remainders / sum, fewer than the non-zero remainders
        // (each is below `sum`): a zero remainder is never reached, so it is not sorted.
        let r = product.rem_euclid(sum);
        if r != 0 {
            rem.push((r, i));
        }
        given += product.div_euclid(sum);
    }
    let left = total - given;
    if left <= 0 {
        return;
    }
    // Largest remainder first, equal remainders to the earlier line: a total order, so the
    // first `left` under it are allocate_fen's, in whatever order: selected, not sorted (std's
    // selection works in place).
    let left = usize::try_from(left).unwrap_or(usize::MAX);
    if left < rem.len() {
        rem.select_nth_unstable_by(left - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    }
    for &(_, i) in rem.iter().take(left) {
        parts[i] += 1;
    }
}

/// An in-place sort that allocates nothing (for keys that are a total order, where stability
/// does not matter).
pub(crate) fn heap_sort<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> std::cmp::Ordering) {
    use std::cmp::Ordering::Less;
    let n = v.len();
    if n <= 12 {
        for i in 1..n {
            let mut j = i;
            while j > 0 && cmp(&v[j], &v[j - 1]) == Less {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let mut sift = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && cmp(&v[child], &v[child + 1]) == Less {
            child += 1;
        }
        if cmp(&v[root], &v[child]) != Less {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for i in (0..n / 2).rev() {
        sift(v, i, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The reused-buffer split equals allocate_fen, zero and huge weights included.
        #[test]
        fn split_equals_allocate_fen(
            total in prop_oneof![0i64..1_000, 0i64..i64::MAX / 4],
            weights in proptest::collection::vec(prop_oneof![0i64..100, 0i64..i64::MAX / 64], 0..80),
        ) {
            let (mut parts, mut rem) = (Vec::new(), Vec::new());
            split(total, &weights, &mut parts, &mut rem);
            let w: Vec<i128> = weights.iter().map(|&w| i128::from(w)).collect();
            let want: Vec<i64> = crate::foundation::allocate::allocate_fen(i128::from(total), &w)
                .into_iter().map(|p| p as i64).collect();
            prop_assert_eq!(parts, want);
        }

        #[test]
        fn heap_sort_sorts(mut v in proptest::collection::vec(0i64..50, 0..100)) {
            let mut want = v.clone();
            want.sort();
            heap_sort(&mut v, |a, b| a.cmp(b));
            prop_assert_eq!(v, want);
        }
    }
}
