//! The search's oracle: every subset evaluated in full. Tests and fuzzing compare the
//! branch-and-bound result against it.

use super::Rank;
use crate::checkout::offer::{Engine, Run};

/// Every subset of the candidates evaluated in full; the best by the same ranking. For tests:
/// exponential, so keep it to a dozen offers.
pub fn brute_force(engine: &Engine) -> Run {
    let usable: Vec<usize> = (0..engine.cands.len())
        .filter(|&c| engine.cands[c].static_reject.is_none())
        .collect();
    let mut best: Option<(Run, Rank)> = None;
    for mask in 0u64..(1u64 << usable.len()) {
        let chosen: Vec<usize> = usable
            .iter()
            .enumerate()
            .filter(|(b, _)| mask >> b & 1 == 1)
            .map(|(_, &c)| c)
            .collect();
        if !valid_combination(engine, &chosen) {
            continue;
        }
        let run = engine.evaluate(&chosen);
        // A placed offer that did not apply makes the set equivalent to a smaller one.
        if !run.unmet.is_empty() {
            continue;
        }
        let rank = Rank::of(engine, &run);
        if best.as_ref().is_none_or(|(_, b)| rank.better(b, engine)) {
            best = Some((run, rank));
        }
    }
    best.map(|b| b.0).unwrap_or_else(|| engine.evaluate(&[]))
}

/// The stacking rules on a set: exclusive alone, distinct stack groups, one per slot.
pub fn valid_combination(engine: &Engine, chosen: &[usize]) -> bool {
    if chosen.len() > 1 && chosen.iter().any(|&c| engine.cands[c].exclusive) {
        return false;
    }
    let mut groups = vec![false; engine.group_count];
    let mut slots = vec![false; engine.slots.len()];
    for &c in chosen {
        let cand = &engine.cands[c];
        if let Some(g) = cand.group {
            if std::mem::replace(&mut groups[g], true) {
                return false;
            }
        }
        if !cand.stackable && std::mem::replace(&mut slots[cand.slot], true) {
            return false;
        }
    }
    true
}
