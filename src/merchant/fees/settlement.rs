//! When money settles: T+N calendar days in +08:00, the enterprise fast track, and the day
//! commission is deducted.

use super::*;

pub(super) fn settlement(p: &Platform, input: &FeeInput) -> Settlement {
    let s = &p.settlement;
    let (days, rule, why, why_en) = if input.subject == SubjectKind::Enterprise
        && input.fast_settlement
        && s.enterprise_days.is_some()
    {
        let d = s.enterprise_days.unwrap_or(s.days);
        (
            d,
            format!("D+{d}"),
            "企业已申请快速结算".to_string(),
            "enterprise fast settlement".to_string(),
        )
    } else if input.new_shop && s.new_shop_days.is_some() {
        let d = s.new_shop_days.unwrap_or(s.days);
        (
            d,
            format!("T+{d}"),
            "新店".to_string(),
            "new shop".to_string(),
        )
    } else {
        (s.days, s.rule.clone(), String::new(), String::new())
    };
    let (after_zh, after_en) = match s.after.as_str() {
        "afterSalesClose" => ("售后关闭后", "after after-sales close"),
        _ => ("买家确认收货后", "after the buyer confirms receipt"),
    };
    let date = input
        .confirmed_at
        .map(|t| t.date().add_days(i64::from(days)));
    let commission = match (p.commission_deduction.as_deref(), input.confirmed_at) {
        (Some("firstOfNextMonth"), Some(t)) => Some(first_of_next_month(t.date())),
        _ => None,
    };
    let extra = |s: &str| {
        if s.is_empty() {
            String::new()
        } else {
            format!("（{s}）")
        }
    };
    Settlement {
        note: format!("{after_zh} {days} 个自然日到账{}", extra(&why)),
        note_en: format!(
            "paid {days} calendar day(s) {after_en}{}",
            if why_en.is_empty() {
                String::new()
            } else {
                format!(" ({why_en})")
            }
        ),
        rule,
        days,
        after: s.after.clone(),
        date: date.map(|d| d.to_string()),
        commission_deducted_on: commission.map(|d| d.to_string()),
    }
}

fn first_of_next_month(d: Date) -> Date {
    let (y, m, _) = d.ymd();
    let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    Date::from_ymd(y, m, 1).unwrap_or(d)
}
