//! 会员等级 from growth (成长值): the level a growth reaches, and how far the next one is, in
//! growth and in yuan to spend ("再消费 ¥X 升级 VIP2"), by the rulebook's `membership`.

use crate::checkout::loyalty::MembershipRule;
use crate::foundation::error::Result;
use crate::foundation::money::Money;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct NextLevel {
    pub level: u32,
    pub name: String,
    pub name_en: String,
    pub min_growth: u64,
    /// Growth still needed.
    pub missing: u64,
    /// Goods to pay for to earn it (at the rulebook's growth per yuan), when growth is earned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_amount: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MemberLevel {
    pub growth: u64,
    pub level: u32,
    pub name: String,
    pub name_en: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<NextLevel>,
    pub message: String,
    pub message_en: String,
}

/// The level `growth` reaches under `rule` (checked first).
pub fn member_level(growth: u64, rule: &MembershipRule) -> Result<MemberLevel> {
    rule.check()?;
    let at = rule
        .levels
        .iter()
        .rposition(|l| l.min_growth <= growth)
        .unwrap_or(0);
    let cur = &rule.levels[at];
    let next = rule.levels.get(at + 1).map(|n| {
        let missing = n.min_growth - growth;
        // Growth is ⌊fen × g / 100⌋: the least fen reaching `missing` is ⌈missing × 100 / g⌉.
        let g = rule.growth_per_yuan.as_decimal();
        let missing_amount = (!g.is_zero())
            .then(|| Decimal::from(missing).checked_mul(Decimal::ONE_HUNDRED))
            .flatten()
            .and_then(|d| d.checked_div(g))
            .map(|fen| Money::from_fen(fen.ceil().to_string().parse().unwrap_or(0)));
        NextLevel {
            level: n.level,
            name: n.name.clone(),
            name_en: n.name_en.clone(),
            min_growth: n.min_growth,
            missing,
            missing_amount,
        }
    });
    let (message, message_en) = crate::checkout::explain_after::level(cur, next.as_ref());
    Ok(MemberLevel {
        growth,
        level: cur.level,
        name: cur.name.clone(),
        name_en: cur.name_en.clone(),
        next,
        message,
        message_en,
    })
}
