//! refundPreview: what comes back when some units of a line are returned (7 天无理由退货).
//! A line's payable, each discount share and its points share are split over its units by
//! largest remainder (equal weights); returned units take the last shares first, so successive
//! partial returns of a whole line add up to exactly what was paid. Freight is not refunded for
//! a partial return.

use crate::foundation::allocate::allocate_fen;
use crate::foundation::error::{Error, ErrorKind, Result};
use crate::foundation::money::{Money, Quantity};
use serde::{Deserialize, Serialize};

/// The parts of a quote a refund needs (a full `Quote` from `quote()` decodes as this).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteView {
    pub lines: Vec<LineView>,
    #[serde(default)]
    pub points: Option<PointsView>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LineView {
    pub sku_id: String,
    #[serde(default)]
    pub shop_id: String,
    pub quantity: Quantity,
    pub payable: Money,
    #[serde(default)]
    pub points_deduction: Money,
    #[serde(default)]
    pub discounts: Vec<DiscountView>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DiscountView {
    pub id: String,
    pub amount: Money,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PointsView {
    pub points_per_yuan: u32,
    /// Points the quote used: split over the lines by their deductions, then over units, so the
    /// points given back over every unit add up to exactly this (at any points per yuan).
    #[serde(default)]
    pub used: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RefundPreview {
    pub sku_id: String,
    pub quantity: u32,
    /// Money back to the buyer.
    pub refund: Money,
    /// The returned units' goods value before discounts and points.
    pub goods: Money,
    /// Each discount's share that is not refunded.
    pub discounts: Vec<crate::checkout::quote::LineDiscount>,
    pub points_deduction: Money,
    /// Points given back for the points deduction share.
    pub points_refunded: u64,
    /// Units still kept after this return.
    pub remaining_quantity: u32,
    pub message: String,
    pub message_en: String,
}

/// Preview returning `quantity` units of `sku_id`, after `returned` units already came back.
pub fn refund_preview(
    quote: &QuoteView,
    sku_id: &str,
    quantity: u32,
    returned: u32,
) -> Result<RefundPreview> {
    let at = quote.lines.iter().position(|l| l.sku_id == sku_id);
    let line = at.map(|i| &quote.lines[i]).ok_or_else(|| {
        Error::new(
            ErrorKind::UnknownId {
                id: sku_id.to_string(),
            },
            "skuId",
        )
    })?;
    let n = line.quantity.get();
    let left = n.saturating_sub(returned);
    if returned > n {
        return Err(Error::new(
            ErrorKind::InvalidQuantity { min: 0, max: n },
            "returned",
        ));
    }
    if quantity == 0 || quantity > left {
        return Err(Error::new(
            ErrorKind::InvalidQuantity { min: 1, max: left },
            "quantity",
        ));
    }
    // Units [left − quantity, left) go back: the last ones, holding the smaller shares.
    let units = (left - quantity) as usize..left as usize;
    let share = |total: Money| -> Money {
        let parts = allocate_fen(total.fen(), &vec![1; n as usize]);
        Money::from_fen(parts[units.clone()].iter().sum())
    };
    let refund = share(line.payable);
    let points = share(line.points_deduction);
    let discounts: Vec<crate::checkout::quote::LineDiscount> = line
        .discounts
        .iter()
        .map(|d| crate::checkout::quote::LineDiscount {
            id: std::sync::Arc::from(d.id.as_str()),
            amount: share(d.amount),
        })
        .collect();
    // Derived so that goods − discounts − points = refund exactly.
    let goods = refund + points + discounts.iter().map(|d| d.amount).sum();
    let per_yuan = quote.points.as_ref().map_or(100, |p| p.points_per_yuan);
    let points_refunded = match (quote.points.as_ref().and_then(|p| p.used), at) {
        (Some(used), Some(i)) => {
            // Whole points, not fen × rate rounded down per unit (3 points over two lines at
            // 10 points/¥ came back as 1 + 1).
            let weights: Vec<i128> = quote
                .lines
                .iter()
                .map(|l| l.points_deduction.fen())
                .collect();
            let line_points = allocate_fen(i128::from(used), &weights)[i];
            let parts = allocate_fen(line_points, &vec![1; n as usize]);
            u64::try_from(parts[units.clone()].iter().sum::<i128>()).unwrap_or(0)
        }
        _ => u64::try_from(points.fen() * i128::from(per_yuan) / 100).unwrap_or(0),
    };
    let kept: Money = goods - refund;
    Ok(RefundPreview {
        sku_id: line.sku_id.clone(),
        quantity,
        refund,
        goods,
        discounts,
        points_deduction: points,
        points_refunded,
        remaining_quantity: left - quantity,
        message: format!(
            "退回 {quantity} 件，退款 ¥{refund}（商品 ¥{goods}，已享优惠与积分抵扣 ¥{kept} 不退）{}",
            if points_refunded > 0 {
                format!("，退还 {points_refunded} 积分")
            } else {
                String::new()
            }
        ),
        message_en: format!(
            "Returning {quantity}: refund ¥{refund} (goods ¥{goods}, less ¥{kept} of discounts and points){}",
            if points_refunded > 0 {
                format!("; {points_refunded} points back")
            } else {
                String::new()
            }
        ),
    })
}
