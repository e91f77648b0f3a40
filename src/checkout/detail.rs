//! Lean results on request: `quote(cart, { detail, locale })`. `full` is today's [`Quote`];
//! `lines` and `totals` are views of it that leave out the explanations — and the engine does not
//! build them for those levels (no rejected offers, hints, messages: see
//! [`crate::checkout::quote_with`]). The amounts and the fingerprint are those of the full quote.
//! `locale` drops the other language's text as the result is written (the tape's key filter), and
//! the explanations ([`pair`]) are not even formatted for a language or level that is dropped.

use crate::checkout::offer::{Layer, OfferKind, Source};
use crate::checkout::pricing::PriceRule;
use crate::checkout::quote::{LineDiscount, Quote, QuoteGift, Rewards};
use crate::foundation::money::{Money, Rate};
use crate::foundation::time::Timestamp;
use serde::{Deserialize, Serialize};

/// `quote`'s second argument.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuoteOptions {
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub detail: Detail,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub locale: Locale,
}

/// How much of the quote to build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Detail {
    /// Amounts, applied offers (ids, amounts, parameters), shops' amounts, adjustments,
    /// fingerprint.
    Totals,
    /// Totals plus each line's amounts and its share of each offer.
    Lines,
    /// Everything: pricing segments, notes, rejected offers, hints, messages.
    #[default]
    Full,
}

/// Which language's text to send.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Locale {
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
    #[default]
    #[serde(rename = "both")]
    Both,
}

impl Locale {
    /// Field names the result leaves out for this locale (and, at a lean level, every message).
    pub fn skipped_keys(self, detail: Detail) -> &'static [&'static str] {
        match (detail, self) {
            (Detail::Full, Locale::Both) => &[],
            (Detail::Full, Locale::Zh) => &["messageEn", "reasonEn", "titleEn", "nameEn"],
            (Detail::Full, Locale::En) => &["message", "reason"],
            (_, Locale::Both) => &["message", "messageEn", "reasonEn"],
            (_, Locale::Zh) => &["message", "messageEn", "reasonEn", "nameEn"],
            (_, Locale::En) => &["message", "messageEn", "reasonEn"],
        }
    }
}

thread_local! {
    /// Which languages' explanations to format: (zh, en). Both unless a binding call asked for
    /// less (`with_text`); read by [`pair`].
    static TEXT: std::cell::Cell<(bool, bool)> = const { std::cell::Cell::new((true, true)) };
}

/// Run `f` (a quote) formatting only the explanations `options` sends: none at a lean level,
/// one language for `zh-CN` / `en`. What is not formatted is an empty string in a field the
/// result leaves out ([`Locale::skipped_keys`]), so the result is the same.
pub fn with_text<T>(options: QuoteOptions, f: impl FnOnce() -> T) -> T {
    let want = if options.detail == Detail::Full {
        (options.locale != Locale::En, options.locale != Locale::Zh)
    } else {
        (false, false)
    };
    let before = TEXT.with(|t| t.replace(want));
    let out = f();
    TEXT.with(|t| t.set(before));
    out
}

/// An explanation's (zh, en) texts, each formatted only if it will be sent (see [`with_text`]).
pub(crate) fn pair(zh: impl FnOnce() -> String, en: impl FnOnce() -> String) -> (String, String) {
    let (z, e) = TEXT.with(std::cell::Cell::get);
    (
        if z { zh() } else { String::new() },
        if e { en() } else { String::new() },
    )
}

/// The `totals` and `lines` result: the full quote's amounts, no explanations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LeanQuote {
    pub detail: Detail,
    pub subtotal: Money,
    pub discount: Money,
    pub shipping: Money,
    pub points_deduction: Money,
    pub payable: Money,
    pub list_subtotal: Money,
    pub price_savings: Money,
    pub freight: Money,
    pub insurance: Money,
    pub merchant_insurance: Money,
    pub shipping_saved: Money,
    pub saving: Money,
    pub item_count: u64,
    pub selection: String,
    /// Only at `detail: "lines"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<LeanLine>>,
    pub shops: Vec<LeanShop>,
    pub applied: Vec<LeanApplied>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<super::quote::PointsResult>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub gifts: Vec<QuoteGift>,
    #[serde(skip_serializing_if = "Rewards::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub rewards: Rewards,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjustment: Option<super::steps::adjustment::AdjustmentResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_earned: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub growth_earned: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_level: Option<super::membership::MemberLevel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment: Option<super::steps::stored_value::Payment>,
    pub evaluated_at: Timestamp,
    pub engine: String,
    pub rulebook: String,
    pub fingerprint: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub adjustments: Vec<crate::checkout::adjust::Adjustment>,
    /// As in the full quote: what stops the order (不配送, address needed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub blockers: Vec<crate::checkout::quote::Blocker>,
    /// As in the full quote: written (false) only when the search stopped at its budget.
    #[serde(skip_serializing_if = "is_true")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub selection_optimal: bool,
}

fn is_true(b: &bool) -> bool {
    *b
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LeanLine {
    pub sku_id: String,
    #[serde(serialize_with = "crate::checkout::quote::shared_str")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub shop_id: std::sync::Arc<str>,
    pub quantity: u32,
    pub list_price: Money,
    pub subtotal: Money,
    pub discount: Money,
    pub points_deduction: Money,
    pub payable: Money,
    pub discounts: Vec<LineDiscount>,
    pub price_rule: PriceRule,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub adjustment: Option<super::steps::adjustment::SignedMoney>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_earned: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stored_value: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LeanShop {
    pub shop_id: String,
    pub subtotal: Money,
    pub discount: Money,
    pub shipping: Money,
    pub freight: Money,
    pub payable: Money,
    /// Goods still to add for free shipping.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_for_free: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LeanApplied {
    pub id: String,
    pub source: Source,
    pub kind: OfferKind,
    pub layer: Layer,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shop_id: Option<String>,
    pub amount: Money,
    pub eligible_amount: Money,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<Rate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<Money>,
    pub cap_hit: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub times: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub shops_freed: Vec<String>,
}

impl LeanQuote {
    /// The `totals` (or, with `detail: Lines`, `lines`) view of a quote, moving its parts.
    pub fn of(q: Quote, detail: Detail) -> LeanQuote {
        let lines = (detail != Detail::Totals).then(|| {
            q.lines
                .into_iter()
                .map(|l| LeanLine {
                    sku_id: l.sku_id,
                    shop_id: l.shop_id,
                    quantity: l.quantity,
                    list_price: l.list_price,
                    subtotal: l.subtotal,
                    discount: l.discount,
                    points_deduction: l.points_deduction,
                    payable: l.payable,
                    discounts: l.discounts,
                    price_rule: l.price_rule,
                    adjustment: l.adjustment,
                    points_earned: l.points_earned,
                    stored_value: l.stored_value,
                })
                .collect()
        });
        LeanQuote {
            detail: if detail == Detail::Totals {
                Detail::Totals
            } else {
                Detail::Lines
            },
            subtotal: q.subtotal,
            discount: q.discount,
            shipping: q.shipping,
            points_deduction: q.points_deduction,
            payable: q.payable,
            list_subtotal: q.list_subtotal,
            price_savings: q.price_savings,
            freight: q.freight,
            insurance: q.insurance,
            merchant_insurance: q.merchant_insurance,
            shipping_saved: q.shipping_saved,
            saving: q.saving,
            item_count: q.item_count,
            selection: q.selection,
            lines,
            shops: q
                .shops
                .into_iter()
                .map(|s| LeanShop {
                    shop_id: s.shop_id,
                    subtotal: s.subtotal,
                    discount: s.discount,
                    shipping: s.shipping,
                    freight: s.freight,
                    payable: s.payable,
                    missing_for_free: s.shipping_basis.missing_for_free,
                })
                .collect(),
            applied: q
                .applied
                .into_iter()
                .map(|a| LeanApplied {
                    id: a.id,
                    source: a.source,
                    kind: a.kind,
                    layer: a.layer,
                    shop_id: a.shop_id,
                    amount: a.amount,
                    eligible_amount: a.eligible_amount,
                    threshold: a.threshold,
                    rate: a.rate,
                    cap: a.cap,
                    cap_hit: a.cap_hit,
                    times: a.times,
                    shops_freed: a.shops_freed,
                })
                .collect(),
            points: q.points,
            gifts: q.gifts,
            rewards: q.rewards,
            adjustment: q.adjustment,
            points_earned: q.points_earned,
            growth_earned: q.growth_earned,
            member_level: q.member_level,
            payment: q.payment,
            evaluated_at: q.evaluated_at,
            engine: q.engine,
            rulebook: q.rulebook,
            fingerprint: q.fingerprint,
            adjustments: q.adjustments,
            blockers: q.blockers,
            selection_optimal: q.selection_optimal,
        }
    }
}
