//! The shopper's maths. [`quote`] runs the steps in their fixed order, one call each:
//! 1. unit prices per line (`steps::unit_price`, the lowest candidate wins per unit),
//! 2. offers: the best combination (`steps::offers`, searched by [`search`] over [`offer`]s),
//! 3. points against goods after coupons (`steps::points`),
//! 4. shipping per shop after 免邮, plus 运费险 (`steps::shipping`),
//! 5. reasons and hints (`explain`), totals,
//! 6. after the price: points and growth earned (`steps::earn`), 储值 as payment
//!    (`steps::stored_value`); 改价 (`steps::adjustment`) runs between 2 and 3; then the fingerprint.

pub mod address;
pub mod adjust;
pub mod cart;
pub mod catalog;
pub mod detail;
pub(crate) mod explain;
pub(crate) mod explain_after;
pub mod fingerprint;
pub mod freight;
pub(crate) mod freight_text;
pub mod invoice;
pub mod loyalty;
pub mod membership;
pub mod offer;
pub mod pricing;
pub mod quote;
pub mod refund;
pub mod refund_after;
pub mod rules;
pub mod search;
pub mod steps;
pub mod verify;
pub mod verify_order;

use crate::checkout::cart::{Cart, Payer};
use crate::checkout::explain::{explain, Offers};
use crate::checkout::quote::{LineDiscount, Quote, QuoteLine};
use crate::foundation::error::Result;
use crate::foundation::money::Money;
use crate::foundation::time::Timestamp;
use steps::unit_price::Priced;

/// Quote a cart. `now` is used when the cart has no `now` of its own.
pub fn quote(cart: &Cart, now: Timestamp) -> Result<Quote> {
    quote_with(cart, now, detail::Detail::Full)
}

/// Quote a cart, building its explanations only at `Detail::Full`: at the lean levels the
/// rejected offers, hints and messages stay empty (see `detail::LeanQuote`); every amount and
/// the fingerprint are the same.
pub fn quote_with(cart: &Cart, now: Timestamp, detail: detail::Detail) -> Result<Quote> {
    if detail == detail::Detail::Full {
        return quote_at(cart, now, true);
    }
    // No explanation is sent at a lean level: none is formatted either (`detail::pair`), as
    // the binding already arranges; a native caller gets the same quote.
    let options = detail::QuoteOptions {
        detail,
        locale: detail::Locale::Both,
    };
    detail::with_text(options, || quote_at(cart, now, false))
}

fn quote_at(cart: &Cart, now: Timestamp, full: bool) -> Result<Quote> {
    cart.validate()?;
    let now = cart.now.unwrap_or(now);
    let (rulebook_version, points_rule) = rules::checkout_rules();

    // 1. Unit prices.
    let Priced {
        mut lines,
        line_shop,
        shop_ids,
        mut engine,
        mut blockers,
    } = steps::unit_price::price_cart(cart, now)?;
    blockers.extend(address::phone::blocker(cart.address.as_ref()));

    // 2. Offers: the best combination, each discount booked onto its lines.
    let (run, selected) = steps::offers::select(&engine, cart)?;
    let run = steps::rewards::with_reward_offers(&engine, run, &selected);
    // Booked in fen (each step floored at zero, as `Money` subtracts), converted once per line.
    let mut booked: Vec<(i128, i128)> = lines
        .iter()
        .map(|l| (l.discount.fen(), l.payable.fen()))
        .collect();
    // Each line's discounts sized once (a grow per line before).
    let mut shares = vec![0usize; lines.len()];
    for u in &run.used {
        for &(j, _) in &u.alloc {
            shares[j] += 1;
        }
    }
    for (l, &n) in lines.iter_mut().zip(&shares) {
        l.discounts.reserve_exact(n);
    }
    for u in &run.used {
        for &(j, amount) in &u.alloc {
            let fen = i128::from(amount.max(0));
            booked[j].0 += fen;
            booked[j].1 = (booked[j].1 - fen).max(0);
            lines[j].discounts.push(LineDiscount {
                id: engine.cands[u.cand].id.clone(),
                amount: Money::from_fen(fen),
            });
        }
    }
    for (l, &(discount, payable)) in lines.iter_mut().zip(&booked) {
        l.discount = Money::from_fen(discount);
        l.payable = Money::from_fen(payable);
    }

    // 2½. 改价, after every offer and before points.
    let adjustment = match &cart.adjustment {
        Some(a) => Some(steps::adjustment::apply_adjustment(a, &mut lines)?),
        None => None,
    };

    // 3. Points against goods after coupons.
    let points = match &cart.points {
        Some(p) => Some(steps::points::apply_points(p, &mut lines, points_rule)?),
        None => None,
    };

    // 4. Shipping per shop: freight after 免邮, plus 运费险.
    let (shops, mut hints) =
        steps::shipping::shop_quotes(cart, &engine, &run, &lines, &line_shop, &shop_ids, full);

    // 5. Reasons and hints.
    let offers = Offers {
        promotions: &cart.promotions,
        coupons: &cart.coupons,
    };
    // Offers are named (`Offer::label`) only for the text that mentions them: every offer at
    // `full` (rejected ones too), the applied ones' titles otherwise.
    for ci in 0..engine.cands.len() {
        if full || run.used.iter().any(|u| u.cand == ci) {
            engine.cands[ci].label = offers.of(&engine.cands[ci]).label();
        }
    }
    let (applied, rejected, offer_hints) = if full {
        explain(&engine, &run, &selected, &offers, &shop_ids)
    } else {
        let applied = explain::applied_only(&engine, &run, &offers, &shop_ids);
        (applied, Vec::new(), Vec::new())
    };
    hints.extend(offer_hints);
    let (gifts, rewards, point_awards) = steps::rewards::rewards(&engine, &run, &offers, &shop_ids);
    crate::foundation::sort::sort_by(&mut hints, |a, b| {
        a.add_amount
            .cmp(&b.add_amount)
            .then(b.saving.cmp(&a.saving))
    });

    // Totals in fen: the same sums as adding the decimals, without their arithmetic.
    let sum = |f: fn(&QuoteLine) -> Money| Money::from_fen(lines.iter().map(|l| f(l).fen()).sum());
    let subtotal = sum(|l| l.subtotal);
    let list_subtotal = sum(|l| l.list_subtotal);
    let shipping: Money = shops.iter().map(|s| s.shipping).sum();
    let goods_payable = sum(|l| l.payable);
    let mut q = Quote {
        subtotal,
        discount: sum(|l| l.discount),
        shipping,
        points_deduction: sum(|l| l.points_deduction),
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
        gifts,
        rewards,
        adjustment,
        points_earned: None,
        earning: None,
        growth_earned: None,
        member_level: None,
        payment: None,
        evaluated_at: now,
        blockers,
        engine: rules::ENGINE_VERSION.to_string(),
        rulebook: rulebook_version.to_string(),
        fingerprint: String::new(),
        selection_optimal: engine.optimal.get(),
        adjustments: cart.adjustments.clone(),
    };
    // 6. After the price: points and growth earned, then 储值 as payment.
    steps::earn::earn(cart, &mut q)?;
    steps::earn::add_tier_points(&mut q, &point_awards);
    steps::stored_value::pay(cart, &mut q)?;
    q.fingerprint = fingerprint::fingerprint(cart, &q);
    Ok(q)
}
