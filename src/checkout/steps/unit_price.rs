//! Step 1: every line's unit price (the lowest candidate wins per unit, see
//! [`crate::checkout::pricing`]), shops in the order the cart first mentions them, and the offer
//! engine set up over the priced lines.

use crate::checkout::cart::Cart;
use crate::checkout::offer::{Engine, LineIn, ShopIn};
use crate::checkout::pricing::price_line;
use crate::checkout::quote::{Blocker, QuoteLine};
use crate::foundation::error::{Error, ErrorKind, Result};
use crate::foundation::money::Money;
use crate::foundation::time::Timestamp;
use std::collections::HashMap;

/// A cart with its item prices and the promotion engine set up over them.
pub struct Priced<'c> {
    pub lines: Vec<QuoteLine>,
    pub line_shop: Vec<usize>,
    pub shop_ids: Vec<&'c str>,
    pub engine: Engine<'c>,
    /// What stops the order as it stands (NOT_DELIVERABLE, ADDRESS_REQUIRED).
    pub blockers: Vec<Blocker>,
}

/// Price every line and prepare the offers. Shops keep the order the cart first mentions them.
/// Goods in one cart at most ¥1,000,000,000,000: far beyond any real order, and it keeps every
/// fen sum the optimiser does inside i64.
pub const MAX_CART_YUAN: i64 = 1_000_000_000_000;

pub fn price_cart(cart: &Cart, now: Timestamp) -> Result<Priced<'_>> {
    let mut lines = Vec::with_capacity(cart.lines.len());
    let mut shop_ids: Vec<&str> = Vec::new();
    // Each shop's id allocated once, shared by its lines' `shop_id`.
    let mut shop_arcs: Vec<std::sync::Arc<str>> = Vec::new();
    let mut shop_pos: HashMap<&str, usize> = HashMap::new();
    let mut line_shop = Vec::with_capacity(cart.lines.len());
    for line in &cart.lines {
        let price = price_line(line, &cart.buyer, now);
        // Few shops per cart: the list is scanned until it grows past 16.
        let known = if shop_pos.is_empty() {
            shop_ids.iter().position(|&s| s == line.shop())
        } else {
            shop_pos.get(line.shop()).copied()
        };
        let pos = known.unwrap_or_else(|| {
            shop_ids.push(line.shop());
            shop_arcs.push(std::sync::Arc::from(line.shop()));
            if shop_ids.len() > 16 {
                if shop_pos.is_empty() {
                    shop_pos.extend(shop_ids.iter().enumerate().map(|(i, &s)| (s, i)));
                } else {
                    shop_pos.insert(line.shop(), shop_ids.len() - 1);
                }
            }
            shop_ids.len() - 1
        });
        line_shop.push(pos);
        lines.push(QuoteLine {
            sku_id: line.sku_id.clone(),
            shop_id: shop_arcs[pos].clone(),
            quantity: line.quantity.get(),
            list_price: line.unit_price,
            list_subtotal: price.list_subtotal,
            subtotal: price.subtotal,
            discount: Money::ZERO,
            points_deduction: Money::ZERO,
            payable: price.subtotal,
            discounts: Vec::new(),
            price_rule: price.main_rule(),
            pricing: price.segments,
            price_notes: price.notes,
            deliverable: true,
            adjustment: None,
            points_earned: None,
            stored_value: None,
        });
    }
    let goods: Money = lines.iter().map(|l| l.subtotal).sum();
    if goods > Money::from_yuan(MAX_CART_YUAN) {
        return Err(Error::new(
            ErrorKind::AmountOutOfRange {
                max: Money::from_yuan(MAX_CART_YUAN).to_string(),
            },
            "lines",
        ));
    }
    let engine_lines = cart
        .lines
        .iter()
        .zip(&lines)
        .zip(&line_shop)
        .map(|((l, q), &shop)| LineIn {
            shop,
            amount: fen(q.subtotal),
            quantity: q.quantity,
            sku_id: &l.sku_id,
            category_id: l.category_id.as_deref(),
            units: unit_runs(&q.pricing),
            add_on_of: l.add_on_of.as_deref(),
        })
        .collect();
    let mut plan = crate::checkout::freight::plan(cart, &line_shop, shop_ids.len())?;
    for (l, &ok) in lines.iter_mut().zip(&plan.deliverable) {
        l.deliverable = ok;
    }
    let blockers = crate::checkout::freight_text::blockers(cart, &plan);
    let engine_shops = shop_ids
        .iter()
        .enumerate()
        .map(|(s, id)| ShopIn {
            freight: std::mem::take(&mut plan.shops[s]),
            id,
            rule: cart.shipping.as_ref().and_then(|sh| sh.rule_for(id)),
            items: lines
                .iter()
                .zip(&line_shop)
                .filter(|(_, &ls)| ls == s)
                .map(|(l, _)| u64::from(l.quantity))
                .sum(),
        })
        .collect();
    let engine = Engine::new(
        engine_lines,
        engine_shops,
        &cart.promotions,
        &cart.coupons,
        &cart.buyer,
        now,
    )?;
    Ok(Priced {
        lines,
        line_shop,
        shop_ids,
        engine,
        blockers,
    })
}

/// Each price segment as runs of unit prices in fen that add up to the segment's amount (a
/// segment whose amount does not split evenly puts the odd fen on its first units).
fn unit_runs(segments: &[crate::checkout::pricing::PriceSegment]) -> Vec<(i64, u32)> {
    // At most two runs per segment: sized once, not grown.
    let mut runs = Vec::with_capacity(2 * segments.len());
    for s in segments.iter().filter(|s| s.quantity > 0) {
        let (a, q) = (fen(s.amount), i64::from(s.quantity));
        let (base, odd) = (a / q, a % q);
        if odd > 0 {
            runs.push((base + 1, u32::try_from(odd).unwrap_or(0)));
        }
        runs.push((base, s.quantity - u32::try_from(odd).unwrap_or(0)));
    }
    runs.retain(|r| r.1 > 0);
    runs
}

fn fen(m: Money) -> i64 {
    i64::try_from(m.fen()).unwrap_or(i64::MAX)
}
