//! quote(cart): price every line, group by shop, add shipping, and total it so that every sum
//! adds up to the fen. The fingerprint hashes the canonical input and result so a server running
//! this crate natively can confirm a client's quote.

use crate::cart::{Cart, Payer, PointsInput, PointsUse, ShippingRule};
use crate::error::{Error, ErrorKind, Result};
use crate::money::{Money, Rate};
use crate::pricing::{price_line, PriceNote, PriceRule, PriceSegment};
use crate::promo::{
    Cand, Engine, Layer, LineIn, Offer, OfferKind, RejectCode, Run, Selection, ShopIn, Source, Use,
};
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
    /// Shipping split: freight after 免邮, and 运费险 paid by the buyer (both inside `shipping`).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub freight: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub insurance: Money,
    /// 运费险 the merchant pays (not in `payable`).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub merchant_insurance: Money,
    /// Shipping that 免邮 offers saved.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub shipping_saved: Money,
    /// What the chosen offers save in all: discounts plus shipping saved against using none.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub saving: Money,
    pub item_count: u64,
    /// "auto" or "manual".
    pub selection: String,
    pub lines: Vec<QuoteLine>,
    pub shops: Vec<ShopQuote>,
    pub applied: Vec<Applied>,
    pub rejected: Vec<Rejected>,
    pub hints: Vec<Hint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub points: Option<PointsResult>,
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
    /// The line's share of each discount, by offer id.
    pub discounts: Vec<LineDiscount>,
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
    pub points_deduction: Money,
    /// freight + buyer-paid 运费险.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub shipping: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub freight: Money,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub insurance: Option<ShopInsurance>,
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

/// A line's share of one discount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LineDiscount {
    pub id: String,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub amount: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ShopInsurance {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub fee: Money,
    pub paid_by: Payer,
}

/// 积分 used: how many, for how much, and the most that was allowed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PointsResult {
    pub balance: u32,
    pub requested: u32,
    pub used: u32,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub deduction: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub max_deduction: Money,
    pub points_per_yuan: u32,
    /// The most points this cart can take (balance or the cap, whichever is lower): a slider's
    /// upper end.
    pub max_usable: u32,
}

/// A coupon or promotion that was used, with the basis of its amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    pub id: String,
    pub source: Source,
    pub kind: OfferKind,
    pub layer: Layer,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub shop_id: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub amount: Money,
    /// The eligible lines' amount the threshold and discount were computed on.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Money"))]
    pub eligible_amount: Money,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Money"))]
    pub threshold: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub rate: Option<Rate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Money"))]
    pub cap: Option<Money>,
    pub cap_hit: bool,
    /// 每满减: how many full thresholds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub times: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub shops_freed: Vec<String>,
    pub message: String,
    pub message_en: String,
}

/// A coupon or promotion that was not used, with its reason code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Rejected {
    pub id: String,
    pub source: Source,
    pub code: String,
    /// THRESHOLD_NOT_MET: how much more eligible goods are needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Money"))]
    pub missing: Option<Money>,
    /// MIN_QUANTITY_NOT_MET: how many more items.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub missing_quantity: Option<u32>,
    pub message: String,
    pub message_en: String,
}

/// A way to unlock more saving, cheapest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Hint {
    /// "freeShipping", "threshold" or "everyThreshold".
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<String>,
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
    let (rulebook_version, points_rule) = crate::rulebook::checkout_rules();

    let Priced {
        mut lines,
        line_shop,
        shop_ids,
        engine,
    } = price_cart(cart, now)?;
    let (run, selected) = select(&engine, cart)?;
    for u in &run.used {
        for &(j, amount) in &u.alloc {
            let m = Money::from_fen(i128::from(amount));
            lines[j].discount += m;
            lines[j].payable = lines[j].payable - m;
            lines[j].discounts.push(LineDiscount {
                id: engine.cands[u.cand].id.clone(),
                amount: m,
            });
        }
    }

    // 3. Points against goods after coupons.
    let points = match &cart.points {
        Some(p) => Some(apply_points(p, &mut lines, points_rule)?),
        None => None,
    };

    // 4. Shipping per shop: freight after 免邮, plus 运费险.
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
            let mut basis = shipping_basis(
                rule,
                Money::from_fen(i128::from(goods_for_rule)),
                engine.shops[s].items,
            );
            let freight_paid = if freed.contains(&s) {
                basis.reason = format!("{}；免邮券已抵扣", basis.reason);
                basis.reason_en = format!("{}; free-shipping coupon applied", basis.reason_en);
                basis.missing_for_free = None;
                Money::ZERO
            } else {
                Money::from_fen(i128::from(freight.get(s).copied().unwrap_or(0)))
            };
            if let (Some(missing), Some(_)) = (basis.missing_for_free, rule) {
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
            let insurance = cart.shipping_insurance.as_ref().map(|i| ShopInsurance {
                fee: i.fee,
                paid_by: i.paid_by,
            });
            let buyer_insurance = insurance
                .filter(|i| i.paid_by == Payer::Buyer)
                .map_or(Money::ZERO, |i| i.fee);
            let goods: Money = idx.iter().map(|&j| lines[j].payable).sum();
            ShopQuote {
                shop_id: shop_id.to_string(),
                item_count: engine.shops[s].items,
                subtotal: idx.iter().map(|&j| lines[j].subtotal).sum(),
                discount: idx.iter().map(|&j| lines[j].discount).sum(),
                points_deduction: idx.iter().map(|&j| lines[j].points_deduction).sum(),
                freight: freight_paid,
                insurance,
                shipping: freight_paid + buyer_insurance,
                payable: goods + freight_paid + buyer_insurance,
                lines: idx,
                shipping_basis: basis,
            }
        })
        .collect();

    // 5. Reasons and hints.
    let offers = Offers {
        promotions: &cart.promotions,
        coupons: &cart.coupons,
    };
    let (applied, rejected, offer_hints) = explain(&engine, &run, &selected, &offers, &shop_ids);
    hints.extend(offer_hints);
    crate::sort::sort_by(&mut hints, |a, b| {
        a.add_amount
            .cmp(&b.add_amount)
            .then(b.saving.cmp(&a.saving))
    });

    let subtotal: Money = lines.iter().map(|l| l.subtotal).sum();
    let list_subtotal: Money = lines.iter().map(|l| l.list_subtotal).sum();
    let shipping: Money = shops.iter().map(|s| s.shipping).sum();
    let goods_payable: Money = lines.iter().map(|l| l.payable).sum();
    let mut q = Quote {
        subtotal,
        discount: lines.iter().map(|l| l.discount).sum(),
        shipping,
        points_deduction: lines.iter().map(|l| l.points_deduction).sum(),
        payable: goods_payable + shipping,
        price_savings: list_subtotal - subtotal,
        list_subtotal,
        freight: shops.iter().map(|s| s.freight).sum(),
        insurance: shops.iter().map(|s| s.shipping - s.freight).sum(),
        merchant_insurance: shops
            .iter()
            .filter_map(|s| {
                s.insurance
                    .filter(|i| i.paid_by == Payer::Merchant)
                    .map(|i| i.fee)
            })
            .sum(),
        shipping_saved: Money::from_fen(i128::from(run.shipping_saved_by_offers)),
        saving: Money::from_fen(i128::from(engine.saving(&run))),
        item_count: lines.iter().map(|l| u64::from(l.quantity)).sum(),
        selection: if selected.is_some() {
            "manual".into()
        } else {
            "auto".into()
        },
        lines,
        shops,
        applied,
        rejected,
        hints,
        points,
        evaluated_at: now,
        engine: crate::ENGINE_VERSION.to_string(),
        rulebook: rulebook_version.to_string(),
        fingerprint: String::new(),
    };
    q.fingerprint = fingerprint(cart, &q);
    Ok(q)
}

/// A cart with its item prices and the promotion engine set up over them.
pub struct Priced<'c> {
    pub lines: Vec<QuoteLine>,
    pub line_shop: Vec<usize>,
    pub shop_ids: Vec<&'c str>,
    pub engine: Engine<'c>,
}

/// Price every line and prepare the offers. Shops keep the order the cart first mentions them.
/// Goods in one cart at most ¥1,000,000,000,000: far beyond any real order, and it keeps every
/// fen sum the optimiser does inside i64.
pub const MAX_CART_YUAN: i64 = 1_000_000_000_000;

pub fn price_cart(cart: &Cart, now: Timestamp) -> Result<Priced<'_>> {
    let mut lines = Vec::with_capacity(cart.lines.len());
    let mut shop_ids: Vec<&str> = Vec::new();
    let mut shop_pos: HashMap<&str, usize> = HashMap::new();
    let mut line_shop = Vec::with_capacity(cart.lines.len());
    for line in &cart.lines {
        let price = price_line(line, &cart.buyer, now);
        let pos = *shop_pos.entry(line.shop()).or_insert_with(|| {
            shop_ids.push(line.shop());
            shop_ids.len() - 1
        });
        line_shop.push(pos);
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
            discounts: Vec::new(),
            price_rule: price.main_rule(),
            pricing: price.segments,
            price_notes: price.notes,
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
        })
        .collect();
    let engine_shops = shop_ids
        .iter()
        .enumerate()
        .map(|(s, id)| ShopIn {
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
    })
}

fn fen(m: Money) -> i64 {
    i64::try_from(m.fen()).unwrap_or(i64::MAX)
}

/// Choose the offers: the exact optimum ("auto"), or the buyer's coupons with the best
/// promotions around them. Returns the run and, for manual selection, the coupons placed.
fn select(engine: &Engine, cart: &Cart) -> Result<(Run, Option<Vec<usize>>)> {
    match &cart.coupon_selection {
        Selection::Auto => Ok((engine.optimise(&[], &|_| true), None)),
        Selection::Manual(ids) => {
            let mut placed: Vec<usize> = Vec::new();
            let mut seen: Vec<usize> = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                let c = engine
                    .cands
                    .iter()
                    .position(|c| c.source == Source::Coupon && &c.id == id)
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
fn conflict(engine: &Engine, c: usize, with: &[usize]) -> Option<RejectCode> {
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

fn apply_points(
    p: &PointsInput,
    lines: &mut [QuoteLine],
    book: &crate::rulebook::PointsRule,
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
        .zip(crate::money::allocate_fen(deduction, &weights))
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

struct Offers<'a> {
    promotions: &'a [Offer],
    coupons: &'a [Offer],
}

impl Offers<'_> {
    fn of(&self, c: &Cand) -> &Offer {
        match c.source {
            Source::Promotion => &self.promotions[c.index],
            Source::Coupon => &self.coupons[c.index],
        }
    }
}

fn yuan(f: i64) -> Money {
    Money::from_fen(i128::from(f))
}

/// Applied offers with their basis, rejected ones with a reason, and hints to unlock more.
fn explain(
    engine: &Engine,
    run: &Run,
    selected: &Option<Vec<usize>>,
    offers: &Offers,
    shop_ids: &[&str],
) -> (Vec<Applied>, Vec<Rejected>, Vec<Hint>) {
    let applied: Vec<Applied> = run
        .used
        .iter()
        .map(|u| applied_entry(engine, u, offers.of(&engine.cands[u.cand]), shop_ids))
        .collect();
    let used: Vec<usize> = run.used.iter().map(|u| u.cand).collect();
    let mut rejected = Vec::new();
    let mut hints = Vec::new();
    for (ci, c) in engine.cands.iter().enumerate() {
        if used.contains(&ci) {
            continue;
        }
        let start = &run.starts[c.layer as usize];
        let eligible: i64 = c
            .lines
            .iter()
            .map(|&j| start.get(j).copied().unwrap_or(0))
            .sum();
        let (code, missing, missing_qty) = if let Some((code, q)) = c.static_reject {
            (code, None, q)
        } else if selected
            .as_ref()
            .is_some_and(|s| c.source == Source::Coupon && !s.contains(&ci))
        {
            (RejectCode::NotSelected, None, None)
        } else if let Some(code) =
            conflict(engine, ci, &used).filter(|c| *c != RejectCode::LayerConflict)
        {
            (code, None, None)
        } else if eligible < c.threshold {
            // A threshold miss says more than "one per layer": it is how far the buyer is.
            (
                RejectCode::ThresholdNotMet,
                Some(yuan(c.threshold - eligible)),
                None,
            )
        } else if let Some(code) = conflict(engine, ci, &used) {
            (code, None, None)
        } else {
            (RejectCode::NotChosen, None, None)
        };
        if let (RejectCode::ThresholdNotMet, Some(m)) = (code, missing) {
            let gross = match c.kind {
                OfferKind::FreeShipping => c
                    .shops
                    .iter()
                    .map(|&s| run.shipping.as_ref().map_or(0, |v| v[s]))
                    .sum(),
                _ => c.discount_at(c.threshold),
            };
            // It would take the place of the offer now in its slot: count only the extra.
            let replaced: i64 = run
                .used
                .iter()
                .filter(|u| {
                    let o = &engine.cands[u.cand];
                    !c.stackable && !o.stackable && o.slot == c.slot
                })
                .map(|u| u.amount)
                .sum();
            let saving = yuan((gross - replaced).max(0));
            if !saving.is_zero() {
                hints.push(Hint {
                    kind: "threshold".into(),
                    id: Some(c.id.clone()),
                    shop_id: offers.of(c).scope.shop_id.clone(),
                    add_amount: m,
                    saving,
                    message: format!("再买 ¥{m} 可用『{}』再省 ¥{saving}", c.label),
                    message_en: format!("Add ¥{m} to use \"{}\" and save ¥{saving} more", c.label),
                });
            }
        }
        let (message, message_en) = reject_message(code, c, missing, missing_qty);
        rejected.push(Rejected {
            id: c.id.clone(),
            source: c.source,
            code: code.as_str().to_string(),
            missing,
            missing_quantity: missing_qty,
            message,
            message_en,
        });
    }
    // 每满减 applied below its cap: the next step.
    for u in &run.used {
        let c = &engine.cands[u.cand];
        if c.kind == OfferKind::EveryThreshold && !u.cap_hit && c.threshold > 0 {
            let next = (u.eligible / c.threshold + 1) * c.threshold;
            let gain = c.discount_at(next) - c.discount_at(u.eligible);
            if gain > 0 {
                let (m, g) = (yuan(next - u.eligible), yuan(gain));
                hints.push(Hint {
                    kind: "everyThreshold".into(),
                    id: Some(c.id.clone()),
                    shop_id: offers.of(c).scope.shop_id.clone(),
                    add_amount: m,
                    saving: g,
                    message: format!("再买 ¥{m}，『{}』再减 ¥{g}", c.label),
                    message_en: format!("Add ¥{m} and \"{}\" takes ¥{g} more off", c.label),
                });
            }
        }
    }
    (applied, rejected, hints)
}

fn applied_entry(engine: &Engine, u: &Use, o: &Offer, shop_ids: &[&str]) -> Applied {
    let c = &engine.cands[u.cand];
    let amount = yuan(u.amount);
    let eligible = yuan(u.eligible);
    let (message, message_en) = if c.kind == OfferKind::FreeShipping {
        (
            format!("『{}』免运费 ¥{amount}", c.label),
            format!("\"{}\" saves ¥{amount} shipping", c.label),
        )
    } else {
        let (cap, cap_en) = if u.cap_hit {
            ("（已达上限）", " (cap reached)")
        } else {
            ("", "")
        };
        (
            format!("『{}』减 ¥{amount}，适用金额 ¥{eligible}{cap}", c.label),
            format!(
                "\"{}\" takes ¥{amount} off ¥{eligible} eligible{cap_en}",
                c.label
            ),
        )
    };
    Applied {
        id: c.id.clone(),
        source: c.source,
        kind: c.kind,
        layer: c.layer,
        title: c.label.clone(),
        shop_id: o.scope.shop_id.clone(),
        amount,
        eligible_amount: eligible,
        threshold: o.threshold,
        rate: o.rate,
        cap: o.cap,
        cap_hit: u.cap_hit,
        times: u.times.map(|t| u64::try_from(t).unwrap_or(0)),
        shops_freed: u
            .shops_freed
            .iter()
            .map(|&s| shop_ids[s].to_string())
            .collect(),
        message,
        message_en,
    }
}

fn reject_message(
    code: RejectCode,
    cand: &Cand,
    missing: Option<Money>,
    qty: Option<u32>,
) -> (String, String) {
    let label = cand.label.as_str();
    let (zh, en): (String, String) = match code {
        RejectCode::Expired => ("已过期".into(), "has expired".into()),
        RejectCode::NotYetValid => ("尚未生效".into(), "is not valid yet".into()),
        RejectCode::MemberOnly => (
            "仅限会员（或更高会员等级）使用".into(),
            "is for members (of a higher level) only".into(),
        ),
        RejectCode::NewCustomerOnly => (
            "仅限新客首单使用".into(),
            "is for a new customer's first order only".into(),
        ),
        RejectCode::ScopeNoMatch => (
            "购物车中没有适用商品".into(),
            "matches nothing in the cart".into(),
        ),
        RejectCode::MinQuantityNotMet => {
            let q = qty.unwrap_or(0);
            (
                format!("还差 {q} 件才能使用"),
                format!("needs {q} more item(s)"),
            )
        }
        RejectCode::ThresholdNotMet => {
            let m = missing.unwrap_or(Money::ZERO);
            (
                format!("未达使用门槛，还差 ¥{m}"),
                format!("threshold not met: ¥{m} short"),
            )
        }
        RejectCode::ExclusiveConflict => (
            "不可与其他优惠同时使用".into(),
            "cannot be combined with other offers".into(),
        ),
        RejectCode::StackGroupConflict => (
            "与已选优惠属同一互斥组".into(),
            "is in the same no-stack group as a chosen offer".into(),
        ),
        RejectCode::LayerConflict => match cand.layer {
            Layer::Platform => (
                "每单只能使用一张平台券".into(),
                "only one platform offer of this kind per order".into(),
            ),
            Layer::Shipping => (
                "同一店铺只能使用一张免邮券".into(),
                "only one free-shipping offer per shop".into(),
            ),
            _ => (
                "同一店铺同一层级的优惠只能用一张".into(),
                "only one offer of this kind per shop and layer".into(),
            ),
        },
        RejectCode::NotSelected => ("未选择".into(), "was not selected".into()),
        RejectCode::NotChosen => (
            "与其他优惠组合更省，未使用".into(),
            "is left out: a better combination exists".into(),
        ),
    };
    (format!("『{label}』{zh}"), format!("\"{label}\" {en}"))
}

/// How a shop's shipping reads: "运费 ¥8.00；再买 ¥12.00 包邮". The fee itself comes from
/// `promo::shipping_fee_fen`, which the optimiser uses too.
fn shipping_basis(rule: Option<&ShippingRule>, goods: Money, items: u64) -> ShippingBasis {
    let Some(rule) = rule else {
        return ShippingBasis {
            reason: "包邮".into(),
            reason_en: "free shipping".into(),
            missing_for_free: None,
        };
    };
    if let Some(threshold) = rule.free_threshold.filter(|t| goods >= *t) {
        return ShippingBasis {
            reason: format!("满 ¥{threshold} 包邮"),
            reason_en: format!("free shipping from ¥{threshold}"),
            missing_for_free: None,
        };
    }
    let included = u64::from(rule.included_items.unwrap_or(1));
    let extra_items = items.saturating_sub(included);
    let extra_each = rule.extra_per_item.unwrap_or(Money::ZERO);
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
    let charged = !rule.fee.is_zero() || (extra_items > 0 && !extra_each.is_zero());
    ShippingBasis {
        reason,
        reason_en,
        missing_for_free: missing.filter(|_| charged),
    }
}

/// A 64-bit hash (`xd2`, see [`Canon::hash`]) of the canonical input and the result's amounts.
/// Canonical input: the cart as serialised ([`crate::tape::canonical`]) with values normalised
/// (money as two-decimal strings, times in +08:00, fields in declaration order, maps sorted), so
/// `19.9` and `"19.90"` agree. Result: evaluation time, engine and rulebook versions, totals,
/// every line's amounts and discount shares, applied offers, shop shipping and points, written
/// as binary (amounts in fen, texts length-prefixed), not formatted: formatting them cost more
/// than the coupon search on a 20-line cart. Messages are left out: they follow from those. It
/// identifies a quote; it is not a signature.
pub fn fingerprint(cart: &Cart, quote: &Quote) -> String {
    // The cart as its tape's canonical bytes: the module has the tape writer for results anyway.
    // Serialising plain data cannot fail.
    let mut r = Canon(Vec::with_capacity(4096));
    if let Ok(t) = crate::tape::write(cart) {
        crate::tape::canonical(&t, &mut r.0);
    }
    let q = quote;
    r.int(q.evaluated_at.millis().into())
        .text(&q.engine)
        .text(&q.rulebook);
    for m in [
        q.subtotal,
        q.discount,
        q.shipping,
        q.points_deduction,
        q.payable,
        q.freight,
        q.insurance,
    ] {
        r.money(m);
    }
    r.int(q.lines.len() as i128);
    for l in &q.lines {
        r.text(&l.sku_id).text(&l.shop_id);
        for m in [l.subtotal, l.discount, l.points_deduction, l.payable] {
            r.money(m);
        }
        r.int(l.pricing.len() as i128);
        for s in &l.pricing {
            // The rule by its declaration index: reordering `PriceRule` changes fingerprints.
            r.int(s.rule as i128)
                .int(s.quantity.into())
                .money(s.unit_price);
        }
        r.int(l.discounts.len() as i128);
        for d in &l.discounts {
            r.text(&d.id).money(d.amount);
        }
    }
    r.int(q.applied.len() as i128);
    for a in &q.applied {
        r.text(&a.id).money(a.amount);
    }
    r.int(q.shops.len() as i128);
    for s in &q.shops {
        r.text(&s.shop_id).money(s.freight).money(s.shipping);
    }
    if let Some(p) = &q.points {
        r.int(p.used.into()).money(p.deduction);
    }
    format!("xd2-{:016x}", r.hash())
}

/// The fingerprint's bytes, gathered whole and hashed once.
struct Canon(Vec<u8>);

impl Canon {
    fn int(&mut self, v: i128) -> &mut Canon {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }

    /// Length first, so no two lists of texts give the same bytes.
    fn text(&mut self, s: &str) -> &mut Canon {
        self.int(s.len() as i128);
        self.0.extend_from_slice(s.as_bytes());
        self
    }

    fn money(&mut self, m: Money) -> &mut Canon {
        self.int(m.fen())
    }

    /// 8 bytes per step (two multiplies) instead of FNV-1a's one byte: on a 20-line cart the
    /// byte-serial FNV (`xd1`) was a tenth of the whole quote. Each little-endian word is
    /// premixed, folded into the state, and the end goes through murmur3's 64-bit finaliser with
    /// the length, so trailing zero bytes still count.
    fn hash(&self) -> u64 {
        const K1: u64 = 0x87c3_7b91_1142_53d5;
        const K2: u64 = 0x4cf5_ad43_2745_937f;
        let step = |h: u64, w: u64| (h ^ w.wrapping_mul(K1)).rotate_left(31).wrapping_mul(K2);
        let mut chunks = self.0.chunks_exact(8);
        let mut h = 0x9e37_79b9_7f4a_7c15_u64;
        for c in &mut chunks {
            let mut w = [0; 8];
            w.copy_from_slice(c);
            h = step(h, u64::from_le_bytes(w));
        }
        let mut tail = [0; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        h = step(h, u64::from_le_bytes(tail)) ^ self.0.len() as u64;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ h >> 33
    }
}
