//! The price of each unit of a line. Candidates: list price, member price, ladder price, 拼团
//! group price (all units) and 秒杀 flash / 砍价 bargain prices (a limited number of units). The
//! lowest price wins per unit and prices never stack: limited prices fill their units cheapest
//! first, the rest pay the best unlimited price. Every candidate that did not win says why.

use crate::checkout::cart::{Buyer, Line};
use crate::foundation::money::Money;
use crate::foundation::time::Timestamp;
use serde::Serialize;
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum PriceRule {
    List,
    Member,
    Ladder,
    Group,
    Flash,
    Bargain,
}

impl PriceRule {
    fn name_zh(self) -> &'static str {
        match self {
            PriceRule::List => "原价",
            PriceRule::Member => "会员价",
            PriceRule::Ladder => "阶梯价",
            PriceRule::Group => "拼团价",
            PriceRule::Flash => "秒杀价",
            PriceRule::Bargain => "砍价",
        }
    }

    fn name_en(self) -> &'static str {
        match self {
            PriceRule::List => "list price",
            PriceRule::Member => "member price",
            PriceRule::Ladder => "ladder price",
            PriceRule::Group => "group-buy price",
            PriceRule::Flash => "flash-sale price",
            PriceRule::Bargain => "bargain price",
        }
    }
}

/// Some units of a line at one price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PriceSegment {
    pub rule: PriceRule,
    pub unit_price: Money,
    pub quantity: u32,
    pub amount: Money,
    pub reason: String,
    pub reason_en: String,
}

/// A price option that did not win, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PriceNote {
    pub rule: PriceRule,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Money>,
    pub reason: String,
    pub reason_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinePrice {
    pub segments: Vec<PriceSegment>,
    pub notes: Vec<PriceNote>,
    pub subtotal: Money,
    pub list_subtotal: Money,
}

impl LinePrice {
    /// The rule that priced the most units (the first segment's on a tie).
    pub fn main_rule(&self) -> PriceRule {
        self.segments
            .iter()
            .max_by(|a, b| a.quantity.cmp(&b.quantity).then(b.rule.cmp(&a.rule)))
            .map_or(PriceRule::List, |s| s.rule)
    }
}

struct Candidate {
    rule: PriceRule,
    price: Money,
    /// Units it may cover; None = all.
    units: Option<u32>,
    /// Borrowed when fixed (the list price's, on every line): one copy, into the segment.
    why: (Cow<'static, str>, Cow<'static, str>),
}

fn why(
    zh: impl Into<Cow<'static, str>>,
    en: impl Into<Cow<'static, str>>,
) -> (Cow<'static, str>, Cow<'static, str>) {
    (zh.into(), en.into())
}

/// Price one line for this buyer at `now`. Inputs are validated (see `Cart::validate`).
pub fn price_line(line: &Line, buyer: &Buyer, now: Timestamp) -> LinePrice {
    let qty = line.quantity.get();
    let list = line.unit_price;
    let mut notes = Vec::new();
    let mut unlimited = Unlimited::of(Candidate {
        rule: PriceRule::List,
        price: list,
        units: None,
        why: why("原价", "list price"),
    });
    let mut limited = Vec::new();

    // Member price: the best tier this buyer's level reaches.
    let mut best_member: Option<(Money, u32)> = None;
    let mut lowest_unreached: Option<u32> = None;
    for tier in &line.member_prices {
        let price = match (tier.unit_price, tier.rate) {
            (Some(p), _) => p,
            (None, Some(r)) => list.mul_rate(r),
            (None, None) => continue,
        };
        if buyer.member_level >= tier.level && tier.level > 0 {
            if best_member.is_none_or(|(p, _)| price < p) {
                best_member = Some((price, tier.level));
            }
        } else {
            lowest_unreached = Some(lowest_unreached.map_or(tier.level, |l| l.min(tier.level)));
        }
    }
    match best_member {
        Some((price, level)) => unlimited.push(Candidate {
            rule: PriceRule::Member,
            price,
            units: None,
            why: why(
                format!("会员等级 {} ≥ {level}，享会员价", buyer.member_level),
                format!("member level {} ≥ {level}", buyer.member_level),
            ),
        }),
        None => {
            if let Some(level) = lowest_unreached {
                notes.push(note(
                    PriceRule::Member,
                    None,
                    format!("需会员等级 {level} 及以上"),
                    format!("needs member level {level} or above"),
                ));
            }
        }
    }

    // Ladder: the highest tier the quantity reaches.
    if !line.ladder.is_empty() {
        let reached = line
            .ladder
            .iter()
            .filter(|t| qty >= t.min_quantity)
            .max_by(|a, b| {
                a.min_quantity
                    .cmp(&b.min_quantity)
                    .then(b.unit_price.cmp(&a.unit_price))
            });
        match reached {
            Some(t) => unlimited.push(Candidate {
                rule: PriceRule::Ladder,
                price: t.unit_price,
                units: None,
                why: why(
                    format!("满 {} 件享阶梯价", t.min_quantity),
                    format!("{} or more units", t.min_quantity),
                ),
            }),
            None => {
                if let Some(t) = line.ladder.iter().min_by_key(|t| t.min_quantity) {
                    notes.push(note(
                        PriceRule::Ladder,
                        Some(t.unit_price),
                        format!("再买 {} 件可享阶梯价", t.min_quantity - qty),
                        format!("buy {} more for the ladder price", t.min_quantity - qty),
                    ));
                }
            }
        }
    }

    if let Some(g) = &line.group_buy {
        if line.join_group {
            let size = g
                .group_size
                .map(|n| format!(" {n} 人团"))
                .unwrap_or_default();
            unlimited.push(Candidate {
                rule: PriceRule::Group,
                price: g.unit_price,
                units: None,
                why: why(
                    format!("参与{size}拼团"),
                    match g.group_size {
                        Some(n) => format!("joined a {n}-person group"),
                        None => "joined a group".into(),
                    },
                ),
            });
        } else {
            notes.push(note(
                PriceRule::Group,
                Some(g.unit_price),
                "未参与拼团".into(),
                "not joining a group".into(),
            ));
        }
    }

    if let Some(f) = &line.flash_sale {
        if now < f.start {
            notes.push(note(
                PriceRule::Flash,
                Some(f.unit_price),
                format!("秒杀未开始（{} 开始）", f.start),
                format!("flash sale starts {}", f.start),
            ));
        } else if now >= f.end {
            notes.push(note(
                PriceRule::Flash,
                Some(f.unit_price),
                format!("秒杀已结束（{} 结束）", f.end),
                format!("flash sale ended {}", f.end),
            ));
        } else {
            let left = f.limit_per_buyer.map(|l| l.saturating_sub(f.purchased));
            if left == Some(0) {
                notes.push(note(
                    PriceRule::Flash,
                    Some(f.unit_price),
                    format!("已达秒杀限购 {} 件", f.limit_per_buyer.unwrap_or_default()),
                    format!(
                        "flash-sale limit of {} reached",
                        f.limit_per_buyer.unwrap_or_default()
                    ),
                ));
            } else {
                limited.push(Candidate {
                    rule: PriceRule::Flash,
                    price: f.unit_price,
                    units: left,
                    why: match f.limit_per_buyer {
                        Some(l) => why(
                            format!("秒杀进行中，每人限购 {l} 件"),
                            format!("flash sale on, limit {l} per buyer"),
                        ),
                        None => why("秒杀进行中", "flash sale on"),
                    },
                });
            }
        }
    }

    if let Some(b) = &line.bargain {
        let units = b.quantity.unwrap_or(1);
        if units > 0 {
            limited.push(Candidate {
                rule: PriceRule::Bargain,
                price: b.unit_price,
                units: Some(units),
                why: why(
                    format!("砍价成功，限 {units} 件"),
                    format!("bargained price for {units} unit(s)"),
                ),
            });
        }
    }

    // Ties keep the earlier rule: list beats a member price that is no cheaper.
    let mut best_unlimited = 0;
    let mut best_price = list;
    for (i, c) in unlimited.iter().enumerate() {
        if c.price < best_price {
            (best_unlimited, best_price) = (i, c.price);
        }
    }
    let base = unlimited.get(best_unlimited);
    for (i, c) in unlimited.iter().enumerate() {
        if i != best_unlimited && c.rule != PriceRule::List {
            notes.push(not_lowest(c, base));
        }
    }

    crate::foundation::sort::sort_by(&mut limited, |a, b| {
        a.price.cmp(&b.price).then(a.rule.cmp(&b.rule))
    });
    // At most one segment per limited price and the base: sized once, not grown.
    let mut segments = Vec::with_capacity(limited.len() + 1);
    let mut left = qty;
    for c in &limited {
        if c.price >= base.price {
            notes.push(not_lowest(c, base));
            continue;
        }
        if left == 0 {
            notes.push(note(
                c.rule,
                Some(c.price),
                "其他优惠价已覆盖全部件数".into(),
                "all units already at a lower price".into(),
            ));
            continue;
        }
        let units = c.units.map_or(left, |u| u.min(left));
        segments.push(segment(c, units));
        left -= units;
    }
    if left > 0 {
        segments.push(segment(base, left));
    }
    let subtotal = segments.iter().map(|s| s.amount).sum();
    LinePrice {
        segments,
        notes,
        subtotal,
        list_subtotal: list.times(qty),
    }
}

fn segment(c: &Candidate, units: u32) -> PriceSegment {
    // Copied only when sent (`detail::pair`): at a lean level these were two allocations of
    // every line.
    let (reason, reason_en) =
        crate::checkout::detail::pair(|| c.why.0.to_string(), || c.why.1.to_string());
    PriceSegment {
        rule: c.rule,
        unit_price: c.price,
        quantity: units,
        amount: c.price.times(units),
        reason,
        reason_en,
    }
}

/// A line's unlimited candidates (list, member, ladder, group: at most one each) on the stack:
/// a Vec of them was an allocation per line of every quote.
struct Unlimited {
    list: Candidate,
    more: [Option<Candidate>; 3],
}

impl Unlimited {
    fn of(list: Candidate) -> Unlimited {
        Unlimited {
            list,
            more: [None, None, None],
        }
    }

    fn push(&mut self, c: Candidate) {
        if let Some(free) = self.more.iter_mut().find(|i| i.is_none()) {
            *free = Some(c);
        }
    }

    fn iter(&self) -> impl Iterator<Item = &Candidate> {
        std::iter::once(&self.list).chain(self.more.iter().flatten())
    }

    /// The `i`-th candidate (the list price past the end).
    fn get(&self, i: usize) -> &Candidate {
        self.iter().nth(i).unwrap_or(&self.list)
    }
}

fn note(rule: PriceRule, unit_price: Option<Money>, zh: String, en: String) -> PriceNote {
    PriceNote {
        rule,
        unit_price,
        reason: zh,
        reason_en: en,
    }
}

fn not_lowest(c: &Candidate, winner: &Candidate) -> PriceNote {
    note(
        c.rule,
        Some(c.price),
        format!(
            "{} ¥{} 不低于{} ¥{}，不叠加",
            c.rule.name_zh(),
            c.price,
            winner.rule.name_zh(),
            winner.price
        ),
        format!(
            "{} ¥{} is not below the {} ¥{}; prices never stack",
            c.rule.name_en(),
            c.price,
            winner.rule.name_en(),
            winner.price
        ),
    )
}
