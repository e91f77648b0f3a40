//! Explanations, built after the maths: applied offers with their basis, rejected ones with a
//! reason, hints to unlock more, and each shop's shipping basis, in zh-CN and English.

use crate::checkout::cart::ShippingRule;
use crate::checkout::detail::pair;
use crate::checkout::offer::{Cand, Engine, Layer, Offer, OfferKind, RejectCode, Run, Source, Use};
use crate::checkout::quote::{Applied, Hint, Rejected, ShippingBasis};
use crate::checkout::steps::offers::conflict;
use crate::foundation::money::Money;

#[path = "explain_kinds.rs"]
mod kinds;

pub(crate) struct Offers<'a> {
    pub promotions: &'a [Offer],
    pub coupons: &'a [Offer],
}

impl Offers<'_> {
    pub(crate) fn of(&self, c: &Cand) -> &Offer {
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
pub(crate) fn explain(
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
                let (message, message_en) = pair(
                    || format!("再买 ¥{m} 可用『{}』再省 ¥{saving}", c.label),
                    || {
                        format!(
                            "Add ¥{m} to use \"{}\" and save ¥{saving} more",
                            label_en(offers.of(c), c)
                        )
                    },
                );
                hints.push(Hint {
                    kind: "threshold".into(),
                    id: Some(c.id.to_string()),
                    shop_id: offers.of(c).scope.shop_id.clone(),
                    add_amount: m,
                    saving,
                    message,
                    message_en,
                });
            }
        }
        let [message, message_en, reason, reason_en] =
            reject_message(code, c, label_en(offers.of(c), c), missing, missing_qty);
        rejected.push(Rejected {
            id: c.id.to_string(),
            source: c.source,
            code: code.as_str().to_string(),
            title_en: offers.of(c).title_en.clone(),
            missing,
            missing_quantity: missing_qty,
            message,
            message_en,
            reason,
            reason_en,
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
                let (message, message_en) = pair(
                    || format!("再买 ¥{m}，『{}』再减 ¥{g}", c.label),
                    || {
                        format!(
                            "Add ¥{m} and \"{}\" takes ¥{g} more off",
                            label_en(offers.of(c), c)
                        )
                    },
                );
                hints.push(Hint {
                    kind: "everyThreshold".into(),
                    id: Some(c.id.to_string()),
                    shop_id: offers.of(c).scope.shop_id.clone(),
                    add_amount: m,
                    saving: g,
                    message,
                    message_en,
                });
            }
        }
    }
    hints.extend(kinds::hints(engine, run, offers, &rejected));
    (applied, rejected, hints)
}

/// The applied offers alone, without their messages: the lean levels' (`crate::checkout::detail`).
pub(crate) fn applied_only(
    engine: &Engine,
    run: &Run,
    offers: &Offers,
    shop_ids: &[&str],
) -> Vec<Applied> {
    run.used
        .iter()
        .map(|u| applied_entry_with(engine, u, offers.of(&engine.cands[u.cand]), shop_ids, false))
        .collect()
}

fn applied_entry(engine: &Engine, u: &Use, o: &Offer, shop_ids: &[&str]) -> Applied {
    applied_entry_with(engine, u, o, shop_ids, true)
}

fn applied_entry_with(
    engine: &Engine,
    u: &Use,
    o: &Offer,
    shop_ids: &[&str],
    messages: bool,
) -> Applied {
    let c = &engine.cands[u.cand];
    let amount = yuan(u.amount);
    let eligible = yuan(u.eligible);
    let [message, message_en, reason, reason_en] = if !messages {
        Default::default()
    } else if let Some((reason, en_sep)) = kinds::applied_reason(engine, u, o) {
        named(&c.label, label_en(o, c), en_sep, reason)
    } else if c.kind == OfferKind::FreeShipping {
        let reason = pair(
            || format!("免运费 ¥{amount}"),
            || format!("saves ¥{amount} shipping"),
        );
        named(&c.label, label_en(o, c), " ", reason)
    } else {
        let (cap, cap_en) = if u.cap_hit {
            ("（已达上限）", " (cap reached)")
        } else if u.budget_hit {
            ("（活动预算已用尽）", " (budget used up)")
        } else {
            ("", "")
        };
        let reason = pair(
            || format!("减 ¥{amount}，适用金额 ¥{eligible}{cap}"),
            || format!("takes ¥{amount} off ¥{eligible} eligible{cap_en}"),
        );
        named(&c.label, label_en(o, c), " ", reason)
    };
    Applied {
        id: c.id.to_string(),
        source: c.source,
        kind: c.kind,
        layer: c.layer,
        title: c.label.clone(),
        title_en: o.title_en.clone(),
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
        reason,
        reason_en,
    }
}

/// An offer's sentence (`message`, `messageEn`) and its `reason`s: the sentence is the reason
/// after the offer's name (『name』reason; "nameEn" reason, or "nameEn": reason with `en_sep`).
/// A language [`pair`] skips stays empty in all four.
fn named(label: &str, label_en: &str, en_sep: &str, (zh, en): (String, String)) -> [String; 4] {
    let (message, message_en) = pair(
        || format!("『{label}』{zh}"),
        || format!("\"{label_en}\"{en_sep}{en}"),
    );
    [message, message_en, zh, en]
}

fn reject_message(
    code: RejectCode,
    cand: &Cand,
    label_en: &str,
    missing: Option<Money>,
    qty: Option<u32>,
) -> [String; 4] {
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
        RejectCode::UsageLimitReached => ("可用次数已用完".into(), "has no uses left".into()),
        RejectCode::BudgetExhausted => ("活动预算已用完".into(), "has used up its budget".into()),
    };
    named(&cand.label, label_en, " ", pair(|| zh, || en))
}

/// The name English sentences use: the offer's `titleEn`, else its label.
fn label_en<'a>(o: &'a Offer, c: &'a Cand) -> &'a str {
    o.title_en.as_deref().unwrap_or(&c.label)
}

/// How a shop's shipping reads: "运费 ¥8.00；再买 ¥12.00 包邮" (`freed`, a 免邮 coupon already
/// covers the freight: no "再买" part, nothing missing). The fee itself comes from
/// `promo::shipping_fee_fen`, which the optimiser uses too.
pub(crate) fn shipping_basis(
    rule: Option<&ShippingRule>,
    goods: Money,
    items: u64,
    freed: bool,
) -> ShippingBasis {
    let Some(rule) = rule else {
        return ShippingBasis {
            reason: "包邮".into(),
            reason_en: "free shipping".into(),
            missing_for_free: None,
        };
    };
    if let Some(threshold) = rule.free_threshold.filter(|t| goods >= *t) {
        let (reason, reason_en) = pair(
            || format!("满 ¥{threshold} 包邮"),
            || format!("free shipping from ¥{threshold}"),
        );
        return ShippingBasis {
            reason,
            reason_en,
            missing_for_free: None,
        };
    }
    let included = u64::from(rule.included_items.unwrap_or(1));
    let extra_items = items.saturating_sub(included);
    let extra_each = rule.extra_per_item.unwrap_or(Money::ZERO);
    let missing = rule.free_threshold.filter(|_| !freed).map(|t| t - goods);
    let (reason, reason_en) = pair(
        || {
            let mut s = if extra_items > 0 && !extra_each.is_zero() {
                format!(
                    "运费 ¥{}（首 {included} 件），续件 {extra_items} × ¥{extra_each}",
                    rule.fee
                )
            } else {
                format!("运费 ¥{}", rule.fee)
            };
            if let Some(m) = missing {
                s.push_str(&format!("；再买 ¥{m} 包邮"));
            }
            s
        },
        || {
            let mut s = if extra_items > 0 && !extra_each.is_zero() {
                format!(
                    "shipping ¥{} for the first {included}, plus {extra_items} × ¥{extra_each}",
                    rule.fee
                )
            } else {
                format!("shipping ¥{}", rule.fee)
            };
            if let Some(m) = missing {
                s.push_str(&format!("; add ¥{m} for free shipping"));
            }
            s
        },
    );
    let charged = !rule.fee.is_zero() || (extra_items > 0 && !extra_each.is_zero());
    ShippingBasis {
        reason,
        reason_en,
        missing_for_free: missing.filter(|_| charged),
    }
}
