//! What a return gives back besides the goods refund: points deducted (`pointsReturned`),
//! points earned taken back (`pointsClawback`), 储值 returned and the cash part, coupons that
//! come back, and the shop's shipping when the rulebook refunds it. Every amount is split the
//! way refund.rs splits money: over lines by the quote's own allocation, over a line's units by
//! largest remainder with the last units returned first, so returning everything, in any order
//! and any split, gives back exactly what was paid.

use crate::checkout::loyalty::{loyalty_rules, ShippingRefund};
use crate::checkout::refund::RefundPreview;
use crate::foundation::allocate::allocate_fen;
use crate::foundation::error::{Error, ErrorKind, Result};
use crate::foundation::money::{Money, Quantity};
use crate::foundation::time::{Timestamp, TimestampInput};
use serde::de::Deserializer;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The parts of a quote the consequences need (a full `Quote` decodes as this).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AfterView {
    pub lines: Vec<AfterLine>,
    #[serde(default)]
    pub shops: Vec<AfterShop>,
    #[serde(default)]
    pub points: Option<UsedView>,
    #[serde(default)]
    pub payment: Option<PaymentView>,
    #[serde(default)]
    pub applied: Vec<AppliedView>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AfterLine {
    pub sku_id: String,
    #[serde(default)]
    pub shop_id: String,
    pub quantity: Quantity,
    #[serde(default)]
    pub points_deduction: Money,
    #[serde(default)]
    pub discounts: Vec<crate::checkout::refund::DiscountView>,
    #[serde(default)]
    pub points_earned: Option<u64>,
    #[serde(default)]
    pub stored_value: Option<Money>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AfterShop {
    pub shop_id: String,
    pub shipping: Money,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UsedView {
    pub used: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentView {
    #[serde(default)]
    pub shipping: Vec<ShopSv>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShopSv {
    pub shop_id: String,
    pub stored_value: Money,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AppliedView {
    pub id: String,
    #[serde(default)]
    pub source: String,
}

/// Units already returned: of this line (a number) or per SKU (`{ [skuId]: count }`), which
/// also tells whether a shop's shipping or a coupon comes back with this return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Returned {
    Line(u32),
    BySku(BTreeMap<String, u32>),
}

impl<'de> Deserialize<'de> for Returned {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum R {
            Line(crate::foundation::money::Count),
            BySku(BTreeMap<String, crate::foundation::money::Count>),
        }
        Ok(match R::deserialize(d)? {
            R::Line(c) => Returned::Line(c.0),
            R::BySku(m) => Returned::BySku(m.into_iter().map(|(k, v)| (k, v.0)).collect()),
        })
    }
}

/// The buyer's wallet and the time, to say whether a coupon that comes back is still valid.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct RefundContext {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<TimestampInput>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        feature = "ts",
        tsify(optional, type = "{ id: string; validTo?: TimestampInput }[]")
    )]
    pub coupons: Vec<CouponTerm>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CouponTerm {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<TimestampInput>,
}

/// A coupon this return gives back: every unit it covered has now been returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CouponBack {
    pub id: String,
    /// "valid", "expired", or "unknown" (the coupon's validTo was not given).
    pub validity: String,
    pub message: String,
    pub message_en: String,
}

/// A refund preview with its consequences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RefundOutcome {
    #[serde(flatten)]
    pub preview: RefundPreview,
    /// Deducted points given back (of `quote.points.used`), exact over successive returns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_returned: Option<u64>,
    /// Earned points taken back (of the lines' `pointsEarned`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_clawback: Option<u64>,
    /// The shop's shipping refunded with this return (rulebook `refund.shipping`).
    pub shipping_refund: Money,
    /// Goods refund + shipping refund.
    pub total_refund: Money,
    /// Of `totalRefund`: back to stored value, and to the original cash payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stored_value_returned: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cash_returned: Option<Money>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub coupons_returned: Vec<CouponBack>,
    pub consequences: String,
    pub consequences_en: String,
}

/// This return's share of `total`, split over `n` units, units [left − quantity, left).
fn unit_share(total: i128, n: u32, left: u32, quantity: u32) -> i128 {
    let parts = allocate_fen(total, &vec![1; n as usize]);
    parts[(left - quantity) as usize..left as usize]
        .iter()
        .sum()
}

/// Add the consequences to `preview` (from refund.rs's `refund_preview` of the same return).
pub fn consequences(
    preview: RefundPreview,
    q: &AfterView,
    returned: &Returned,
    context: &RefundContext,
    clock: Timestamp,
) -> Result<RefundOutcome> {
    let i = q
        .lines
        .iter()
        .position(|l| l.sku_id == preview.sku_id)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::UnknownId {
                    id: preview.sku_id.clone(),
                },
                "skuId",
            )
        })?;
    let line = &q.lines[i];
    let n = line.quantity.get();
    let quantity = preview.quantity;
    let before = |j: usize| -> u32 {
        match returned {
            Returned::Line(r) if j == i => *r,
            Returned::Line(_) => 0,
            Returned::BySku(m) => m.get(&q.lines[j].sku_id).copied().unwrap_or(0),
        }
    };
    for (j, l) in q.lines.iter().enumerate() {
        if before(j) > l.quantity.get() {
            return Err(Error::new(
                ErrorKind::InvalidQuantity {
                    min: 0,
                    max: l.quantity.get(),
                },
                format!("returned.{}", l.sku_id),
            ));
        }
    }
    let left = n - before(i);
    // Kept units of every line after this return.
    let kept = |j: usize| -> u32 {
        let k = q.lines[j].quantity.get() - before(j);
        if j == i {
            k - quantity
        } else {
            k
        }
    };

    let points_returned = q.points.as_ref().map(|p| {
        let weights: Vec<i128> = q.lines.iter().map(|l| l.points_deduction.fen()).collect();
        let per_line = allocate_fen(i128::from(p.used), &weights);
        unit_share(per_line[i], n, left, quantity) as u64
    });
    let points_clawback = line
        .points_earned
        .map(|e| unit_share(i128::from(e), n, left, quantity) as u64);
    let sv_goods = line
        .stored_value
        .map(|sv| Money::from_fen(unit_share(sv.fen(), n, left, quantity)));

    // Shipping comes back with the return that leaves none of the shop's units kept.
    let shop_done = q
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.shop_id == line.shop_id)
        .all(|(j, _)| kept(j) == 0);
    let rule = &loyalty_rules().refund;
    let refunds_shipping = shop_done && rule.shipping == ShippingRefund::WhenShopFullyReturned;
    let shop = q.shops.iter().find(|s| s.shop_id == line.shop_id);
    let shipping_refund = match shop {
        Some(s) if refunds_shipping => s.shipping,
        _ => Money::ZERO,
    };
    let sv_shipping = match &q.payment {
        Some(p) if refunds_shipping => p
            .shipping
            .iter()
            .filter(|s| s.shop_id == line.shop_id)
            .map(|s| s.stored_value)
            .sum(),
        _ => Money::ZERO,
    };
    let total_refund = preview.refund + shipping_refund;
    let stored_value_returned = q
        .payment
        .as_ref()
        .map(|_| sv_goods.unwrap_or(Money::ZERO) + sv_shipping);
    let cash_returned = stored_value_returned.map(|sv| total_refund - sv);

    // Coupons covering this line come back when all their lines are fully returned.
    let now = context.now.unwrap_or(clock);
    let coupons_returned: Vec<CouponBack> = q
        .applied
        .iter()
        .filter(|a| a.source == "coupon")
        .filter(|a| line.discounts.iter().any(|d| d.id == a.id))
        .filter(|a| {
            q.lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.discounts.iter().any(|d| d.id == a.id))
                .all(|(j, _)| kept(j) == 0)
        })
        .map(|a| {
            let validity = match context.coupons.iter().find(|c| c.id == a.id) {
                Some(CouponTerm {
                    valid_to: Some(t), ..
                }) if now >= *t => "expired",
                Some(_) => "valid",
                None => "unknown",
            };
            let (message, message_en) =
                crate::checkout::explain_after::coupon_back(&a.id, validity);
            CouponBack {
                id: a.id.clone(),
                validity: validity.to_string(),
                message,
                message_en,
            }
        })
        .collect();
    let (consequences, consequences_en) = crate::checkout::explain_after::refund_after(
        points_returned,
        points_clawback,
        shipping_refund,
        refunds_shipping,
        shop.is_some_and(|s| !s.shipping.is_zero()),
        stored_value_returned,
        cash_returned,
    );
    Ok(RefundOutcome {
        preview,
        points_returned,
        points_clawback,
        shipping_refund,
        total_refund,
        stored_value_returned,
        cash_returned,
        coupons_returned,
        consequences,
        consequences_en,
    })
}
