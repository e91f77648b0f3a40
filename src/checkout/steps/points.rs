//! Step 3: points against what the goods cost after every offer, capped by the rulebook's
//! deduction rate, allocated to lines by largest remainder.

use crate::checkout::cart::{PointsInput, PointsUse};
use crate::checkout::quote::{PointsResult, QuoteLine};
use crate::checkout::rules::PointsRule;
use crate::foundation::error::{Error, Result};
use crate::foundation::money::Money;

pub(crate) fn apply_points(
    p: &PointsInput,
    lines: &mut [QuoteLine],
    book: &PointsRule,
) -> Result<PointsResult> {
    let per_yuan = i128::from(p.points_per_yuan.unwrap_or(book.points_per_yuan));
    if per_yuan == 0 {
        return Err(Error::input(
            "pointsPerYuan must be at least 1",
            "points.pointsPerYuan",
        ));
    }
    let rate = p.max_deduction_rate.unwrap_or(book.max_deduction_rate);
    let requested = match p.r#use {
        PointsUse::Max => p.balance,
        PointsUse::Points(n) if n > p.balance => {
            return Err(Error::input(
                format!("cannot use {n} points with a balance of {}", p.balance),
                "points.use",
            ));
        }
        PointsUse::Points(n) => n,
    };
    let goods: Money = lines.iter().map(|l| l.payable).sum();
    // Whole fen only: the cap rounds down, and points buy whole fen.
    let cap = (goods.as_decimal() * rate.as_decimal() * rust_decimal::Decimal::ONE_HUNDRED).floor();
    let cap_fen = cap.to_string().parse::<i128>().unwrap_or(0);
    let by_points = i128::from(requested) * 100 / per_yuan;
    let deduction = by_points.min(cap_fen).max(0);
    // Points spent for that many fen, rounded up to whole points.
    let used = (deduction * per_yuan + 99) / 100;
    let weights: Vec<i128> = lines.iter().map(|l| l.payable.fen()).collect();
    for (line, part) in lines
        .iter_mut()
        .zip(crate::foundation::allocate::allocate_fen(
            deduction, &weights,
        ))
    {
        let m = Money::from_fen(part);
        line.points_deduction = m;
        line.payable = line.payable - m;
    }
    Ok(PointsResult {
        balance: p.balance,
        requested,
        used: u32::try_from(used).unwrap_or(u32::MAX),
        deduction: Money::from_fen(deduction),
        max_deduction: Money::from_fen(cap_fen),
        max_usable: u32::try_from(
            ((cap_fen.max(0) * per_yuan + 99) / 100).min(i128::from(p.balance)),
        )
        .unwrap_or(u32::MAX),
        points_per_yuan: u32::try_from(per_yuan).unwrap_or(u32::MAX),
    })
}
