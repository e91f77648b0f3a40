//! quote(cart): price every line, group by shop, add shipping, and total it so that every sum
//! adds up to the fen. The fingerprint hashes the canonical input and result so a server running
//! this crate natively can confirm a client's quote.

use crate::cart::{Cart, ShippingRule};
use crate::error::Result;
use crate::money::Money;
use crate::pricing::{price_line, PriceNote, PriceRule, PriceSegment};
use crate::time::Timestamp;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// Σ line subtotals: goods at their item prices (member, 秒杀, … already applied).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub subtotal: Money,
    /// Coupon and promotion discounts.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub discount: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub shipping: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub points_deduction: Money,
    /// subtotal − discount − pointsDeduction + shipping.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub payable: Money,
    /// Goods at list price, and what item prices saved against it.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub list_subtotal: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub price_savings: Money,
    pub item_count: u64,
    pub lines: Vec<QuoteLine>,
    pub shops: Vec<ShopQuote>,
    pub applied: Vec<Applied>,
    pub rejected: Vec<Rejected>,
    pub hints: Vec<Hint>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub evaluated_at: Timestamp,
    pub engine: String,
    pub rulebook: String,
    pub fingerprint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct QuoteLine {
    pub sku_id: String,
    pub shop_id: String,
    pub quantity: u32,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub list_price: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub list_subtotal: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub subtotal: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub discount: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub points_deduction: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub payable: Money,
    /// The rule that priced most units.
    pub price_rule: PriceRule,
    pub pricing: Vec<PriceSegment>,
    pub price_notes: Vec<PriceNote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ShopQuote {
    pub shop_id: String,
    /// Indexes into `lines`.
    pub lines: Vec<usize>,
    pub item_count: u64,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub subtotal: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub discount: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub shipping: Money,
    pub shipping_basis: ShippingBasis,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub payable: Money,
}

/// How a shop's shipping was set, for display: "满 ¥99 包邮，还差 ¥12.00".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ShippingBasis {
    pub reason: String,
    pub reason_en: String,
    /// Goods still to add for free shipping, when a threshold exists and is not met.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Money"))]
    pub missing_for_free: Option<Money>,
}

/// A coupon or promotion that was used (filled by the stacking engine).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    pub id: String,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub amount: Money,
}

/// A coupon or promotion that could not be used, with its reason code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Rejected {
    pub id: String,
    pub code: String,
    pub message: String,
    pub message_en: String,
}

/// A way to unlock more saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Hint {
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub shop_id: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub add_amount: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub saving: Money,
    pub message: String,
    pub message_en: String,
}

/// Quote a cart. `now` is used when the cart has no `now` of its own.
pub fn quote(cart: &Cart, now: Timestamp) -> Result<Quote> {
    cart.validate()?;
    let now = cart.now.unwrap_or(now);

    let mut lines = Vec::with_capacity(cart.lines.len());
    // Shops in the order the cart first mentions them, as the shopper sees them.
    let mut by_shop: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut shop_pos: HashMap<&str, usize> = HashMap::new();
    for (i, line) in cart.lines.iter().enumerate() {
        let price = price_line(line, &cart.buyer, now);
        let pos = *shop_pos.entry(line.shop()).or_insert_with(|| {
            by_shop.push((line.shop(), Vec::new()));
            by_shop.len() - 1
        });
        by_shop[pos].1.push(i);
        lines.push(QuoteLine {
            sku_id: line.sku_id.clone(),
            shop_id: line.shop().to_string(),
            quantity: line.quantity.get(),
            list_price: line.unit_price,
            list_subtotal: price.list_subtotal,
            subtotal: price.subtotal,
            discount: Money::ZERO,
            points_deduction: Money::ZERO,
            payable: price.subtotal,
            price_rule: price.main_rule(),
            pricing: price.segments,
            price_notes: price.notes,
        });
    }

    let mut hints = Vec::new();
    let shops: Vec<ShopQuote> = by_shop
        .into_iter()
        .map(|(shop_id, idx)| {
            let goods: Money = idx.iter().map(|&i| lines[i].payable).sum();
            let items: u64 = idx.iter().map(|&i| u64::from(lines[i].quantity)).sum();
            let rule = cart.shipping.as_ref().and_then(|s| s.rule_for(shop_id));
            let (shipping, basis) = shipping_fee(rule, goods, items);
            if let (Some(missing), Some(_)) = (basis.missing_for_free, rule) {
                hints.push(Hint {
                    kind: "freeShipping".into(),
                    shop_id: Some(shop_id.to_string()),
                    add_amount: missing,
                    saving: shipping,
                    message: format!("再买 ¥{missing} 可包邮，省运费 ¥{shipping}"),
                    message_en: format!("Add ¥{missing} for free shipping and save ¥{shipping}"),
                });
            }
            ShopQuote {
                shop_id: shop_id.to_string(),
                item_count: items,
                subtotal: idx.iter().map(|&i| lines[i].subtotal).sum(),
                discount: idx.iter().map(|&i| lines[i].discount).sum(),
                payable: goods + shipping,
                lines: idx,
                shipping,
                shipping_basis: basis,
            }
        })
        .collect();

    let subtotal: Money = lines.iter().map(|l| l.subtotal).sum();
    let list_subtotal: Money = lines.iter().map(|l| l.list_subtotal).sum();
    let discount: Money = lines.iter().map(|l| l.discount).sum();
    let points_deduction: Money = lines.iter().map(|l| l.points_deduction).sum();
    let shipping: Money = shops.iter().map(|s| s.shipping).sum();
    let goods_payable: Money = lines.iter().map(|l| l.payable).sum();
    let mut q = Quote {
        subtotal,
        discount,
        shipping,
        points_deduction,
        payable: goods_payable + shipping,
        price_savings: list_subtotal - subtotal,
        list_subtotal,
        item_count: lines.iter().map(|l| u64::from(l.quantity)).sum(),
        lines,
        shops,
        applied: Vec::new(),
        rejected: Vec::new(),
        hints,
        evaluated_at: now,
        engine: crate::ENGINE_VERSION.to_string(),
        rulebook: crate::rulebook::default_rulebook().version.clone(),
        fingerprint: String::new(),
    };
    q.fingerprint = fingerprint(cart, &q);
    Ok(q)
}

fn shipping_fee(rule: Option<&ShippingRule>, goods: Money, items: u64) -> (Money, ShippingBasis) {
    let Some(rule) = rule else {
        return (
            Money::ZERO,
            ShippingBasis {
                reason: "包邮".into(),
                reason_en: "free shipping".into(),
                missing_for_free: None,
            },
        );
    };
    if let Some(threshold) = rule.free_threshold {
        if goods >= threshold {
            return (
                Money::ZERO,
                ShippingBasis {
                    reason: format!("满 ¥{threshold} 包邮"),
                    reason_en: format!("free shipping from ¥{threshold}"),
                    missing_for_free: None,
                },
            );
        }
    }
    let included = u64::from(rule.included_items.unwrap_or(1));
    let extra_items = items.saturating_sub(included);
    let extra_each = rule.extra_per_item.unwrap_or(Money::ZERO);
    // Items are bounded by 10,000 lines × 99,999 units, far inside u32 × Money's range.
    let extra = extra_each.times(u32::try_from(extra_items).unwrap_or(u32::MAX));
    let fee = rule.fee + extra;
    let (mut reason, mut reason_en) = if extra_items > 0 && !extra_each.is_zero() {
        (
            format!(
                "运费 ¥{}（首 {included} 件），续件 {extra_items} × ¥{extra_each}",
                rule.fee
            ),
            format!(
                "shipping ¥{} for the first {included}, plus {extra_items} × ¥{extra_each}",
                rule.fee
            ),
        )
    } else {
        (
            format!("运费 ¥{}", rule.fee),
            format!("shipping ¥{}", rule.fee),
        )
    };
    let missing = rule.free_threshold.map(|t| t - goods);
    if let Some(m) = missing {
        reason.push_str(&format!("；再买 ¥{m} 包邮"));
        reason_en.push_str(&format!("; add ¥{m} for free shipping"));
    }
    (
        fee,
        ShippingBasis {
            reason,
            reason_en,
            missing_for_free: missing.filter(|_| !fee.is_zero()),
        },
    )
}

/// FNV-1a 64 over the canonical JSON of the cart and the quote (fingerprint blank). Canonical:
/// normalised values (money as two-decimal strings, times in +08:00), fields in declaration
/// order, maps sorted. It identifies a quote; it is not a signature.
pub fn fingerprint(cart: &Cart, quote: &Quote) -> String {
    struct Fnv(u64);
    impl std::io::Write for Fnv {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            for b in buf {
                self.0 ^= u64::from(*b);
                self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    let blank;
    let quote = if quote.fingerprint.is_empty() {
        quote
    } else {
        blank = Quote {
            fingerprint: String::new(),
            ..quote.clone()
        };
        &blank
    };
    // Serialising plain data into a hasher cannot fail.
    let _ = serde_json::to_writer(&mut h, &(cart, quote));
    format!("xd1-{:016x}", h.0)
}
