//! Step 4: shipping per shop — the freight fixed after the shop layers (免邮 coupons free it),
//! plus 运费险 — and the "再买 ¥X 可包邮" hints.

use crate::checkout::cart::{Cart, Payer};
use crate::checkout::explain::shipping_basis;
use crate::checkout::freight::Delivery;
use crate::checkout::offer::{Engine, Layer, Run};
use crate::checkout::quote::{Hint, QuoteLine, ShopInsurance, ShopQuote};
use crate::foundation::money::Money;

/// Each shop's shipping and totals, and (with `hinted`, as at `detail: "full"`) the
/// free-shipping hints.
pub fn shop_quotes(
    cart: &Cart,
    engine: &Engine,
    run: &Run,
    lines: &[QuoteLine],
    line_shop: &[usize],
    shop_ids: &[&str],
    hinted: bool,
) -> (Vec<ShopQuote>, Vec<Hint>) {
    let freight = run.shipping.clone().unwrap_or_default();
    let freed: Vec<usize> = run
        .used
        .iter()
        .flat_map(|u| u.shops_freed.iter().copied())
        .collect();
    let rule_goods = &run.starts[Layer::Platform as usize];
    let mut hints = Vec::new();
    let shops: Vec<ShopQuote> = shop_ids
        .iter()
        .enumerate()
        .map(|(s, shop_id)| {
            let idx: Vec<usize> = (0..lines.len()).filter(|&j| line_shop[j] == s).collect();
            let rule = engine.shops[s].rule;
            // The shipping rule's threshold sees goods after the shop's own discounts.
            let goods_for_rule: i64 = idx
                .iter()
                .map(|&j| rule_goods.get(j).copied().unwrap_or(0))
                .sum();
            let is_freed = freed.contains(&s);
            // 运费模板, virtual lines and 自提 have their own basis; the plain rule reads as before.
            // A shop a 免邮 coupon frees gets no "再买 ¥X 包邮" in its text or hints.
            let (mut basis, template_saving) = crate::checkout::freight_text::template_basis(
                cart,
                &engine.shops[s],
                rule_goods,
                is_freed,
            )
            .unwrap_or_else(|| {
                let goods = Money::from_fen(i128::from(goods_for_rule));
                (
                    shipping_basis(rule, goods, engine.shops[s].items, is_freed),
                    None,
                )
            });
            let freight_paid = if is_freed {
                // Texts only where they were formatted (`detail::pair`).
                if !basis.reason.is_empty() {
                    basis.reason = format!("{}；免邮券已抵扣", basis.reason);
                }
                if !basis.reason_en.is_empty() {
                    basis.reason_en = format!("{}; free-shipping coupon applied", basis.reason_en);
                }
                basis.missing_for_free = None;
                Money::ZERO
            } else {
                Money::from_fen(i128::from(freight.get(s).copied().unwrap_or(0)))
            };
            if let (Some(missing), true) = (
                basis.missing_for_free.filter(|_| hinted),
                rule.is_some() || template_saving.is_some(),
            ) {
                let freight_paid = template_saving.unwrap_or(freight_paid);
                hints.push(Hint {
                    kind: "freeShipping".into(),
                    id: None,
                    shop_id: Some(shop_id.to_string()),
                    add_amount: missing,
                    saving: freight_paid,
                    message: format!("再买 ¥{missing} 可包邮，省运费 ¥{freight_paid}"),
                    message_en: format!(
                        "Add ¥{missing} for free shipping and save ¥{freight_paid}"
                    ),
                });
            }
            // 到店自提 ships no parcel: no 运费险 to charge (the basis text says so).
            let insurance = cart
                .shipping_insurance
                .as_ref()
                .filter(|_| cart.delivery != Delivery::Pickup)
                .map(|i| ShopInsurance {
                    fee: i.fee,
                    paid_by: i.paid_by,
                });
            let buyer_insurance = insurance
                .filter(|i| i.paid_by == Payer::Buyer)
                .map_or(Money::ZERO, |i| i.fee);
            // Sums in fen: the decimals' sums without their arithmetic.
            let sum = |f: fn(&QuoteLine) -> Money| {
                Money::from_fen(idx.iter().map(|&j| f(&lines[j]).fen()).sum())
            };
            let goods = sum(|l| l.payable);
            ShopQuote {
                shop_id: shop_id.to_string(),
                item_count: engine.shops[s].items,
                subtotal: sum(|l| l.subtotal),
                discount: sum(|l| l.discount),
                points_deduction: sum(|l| l.points_deduction),
                freight: freight_paid,
                insurance,
                shipping: freight_paid + buyer_insurance,
                payable: goods + freight_paid + buyer_insurance,
                lines: idx,
                shipping_basis: basis,
            }
        })
        .collect();

    (shops, hints)
}
