//! Step 2: choose the offers — the exact optimum ("auto"), or the buyer's coupons with the best
//! promotions around them.

use crate::checkout::cart::Cart;
use crate::checkout::offer::{Cand, Engine, RejectCode, Run, Selection, Source};
use crate::foundation::error::{Error, ErrorKind, Result};

pub(crate) fn select(engine: &Engine, cart: &Cart) -> Result<(Run, Option<Vec<usize>>)> {
    match &cart.coupon_selection {
        Selection::Auto => Ok((engine.optimise(&[], &|_| true), None)),
        Selection::Manual(ids) => {
            let mut placed: Vec<usize> = Vec::new();
            let mut seen: Vec<usize> = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                let c = engine
                    .cands
                    .iter()
                    .position(|c| c.source == Source::Coupon && *c.id == **id)
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::UnknownId { id: id.clone() },
                            format!("couponSelection[{i}]"),
                        )
                    })?;
                if seen.contains(&c) {
                    return Err(Error::new(
                        ErrorKind::DuplicateId { id: id.clone() },
                        format!("couponSelection[{i}]"),
                    ));
                }
                seen.push(c);
                // Invalid or conflicting picks are rejected with their reason, not placed.
                if engine.cands[c].static_reject.is_none() && conflict(engine, c, &placed).is_none()
                {
                    placed.push(c);
                }
            }
            let run = engine.optimise(&placed, &|c| c.source == Source::Promotion);
            Ok((run, Some(seen)))
        }
    }
}

/// Why candidate `c` cannot join the set `with`, if it cannot.
pub(crate) fn conflict(engine: &Engine, c: usize, with: &[usize]) -> Option<RejectCode> {
    let cand = &engine.cands[c];
    let others: Vec<&Cand> = with
        .iter()
        .filter(|&&o| o != c)
        .map(|&o| &engine.cands[o])
        .collect();
    if !others.is_empty() && (cand.exclusive || others.iter().any(|o| o.exclusive)) {
        return Some(RejectCode::ExclusiveConflict);
    }
    if cand.group.is_some() && others.iter().any(|o| o.group == cand.group) {
        return Some(RejectCode::StackGroupConflict);
    }
    if !cand.stackable && others.iter().any(|o| !o.stackable && o.slot == cand.slot) {
        return Some(RejectCode::LayerConflict);
    }
    None
}
