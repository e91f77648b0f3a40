//! Shop health: a shop's operating metrics against the platform's thresholds, as findings.

use super::*;
use crate::foundation::money::MoneyInput;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HealthMetrics {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_rate: Option<Rate>,
    /// Store rating, 0 to 5 ("4.8").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dsr: Option<MoneyInput>,
    /// The slowest time to ship in the period, in hours.
    #[serde(
        default,
        deserialize_with = "crate::foundation::money::deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub ship_hours: Option<u32>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub presale: bool,
    /// During a platform event (抖音 ships within 12 h then).
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub event: bool,
    /// Value of orders marked shipped without shipping (虚假发货).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub false_shipment_value: Option<MoneyInput>,
    /// Value of orders picked up late (抖音).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_pickup_value: Option<MoneyInput>,
    /// Date of the last 交易保障 badge review, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_badge_review: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct HealthReport {
    pub platform: String,
    pub findings: Vec<Finding>,
    pub penalties: Vec<FeeLine>,
    /// DSR high enough to earn search weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_weight: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_badge_review: Option<String>,
}

pub fn shop_health(book: &Rulebook, m: &HealthMetrics) -> Result<HealthReport> {
    let p = book.platform_or_default(m.platform.as_deref())?;
    let ops = &p.operations;
    let source = ops.source.clone().unwrap_or_else(|| p.source.clone());
    let mut findings = Vec::new();
    let mut penalties = Vec::new();
    if let Some(rate) = m.return_rate {
        if let Some(limit) = ops.block_listings_return_rate.filter(|l| rate > *l) {
            findings.push(
                Finding::error(
                    "NEW_LISTINGS_BLOCKED",
                    "returnRate",
                    format!("退货率 {} 超过 {}，限制发布新商品", pct(rate), pct(limit)),
                    format!(
                        "return rate {} is above {}: new listings are restricted",
                        pct(rate),
                        pct(limit)
                    ),
                )
                .fix(
                    "排查高退货商品的描述与质量",
                    "review the descriptions and quality of the most-returned products",
                ),
            );
        } else if let Some(limit) = ops.manual_review_return_rate.filter(|l| rate > *l) {
            findings.push(
                Finding::warning(
                    "RETURN_RATE_REVIEW",
                    "returnRate",
                    format!("退货率 {} 超过 {}，将触发人工审核", pct(rate), pct(limit)),
                    format!(
                        "return rate {} is above {}: the shop goes to manual review",
                        pct(rate),
                        pct(limit)
                    ),
                )
                .fix(
                    "排查高退货商品的描述与质量",
                    "review the descriptions and quality of the most-returned products",
                ),
            );
        }
    }
    let search_weight = match (m.dsr, ops.dsr_search_weight) {
        (Some(dsr), Some(min)) => {
            if dsr.as_decimal() > Decimal::from(5) {
                return Err(Error::input("dsr is a score from 0 to 5", "dsr"));
            }
            let ok = dsr.as_decimal() >= min;
            if !ok {
                findings.push(Finding::warning(
                    "DSR_BELOW_SEARCH_WEIGHT",
                    "dsr",
                    format!(
                        "店铺评分 {} 低于 {min}，不获得搜索加权",
                        dsr.as_decimal().normalize()
                    ),
                    format!(
                        "DSR {} is below {min}: no search weight",
                        dsr.as_decimal().normalize()
                    ),
                ));
            }
            Some(ok)
        }
        _ => None,
    };
    if let Some(hours) = m.ship_hours {
        let limit = if m.presale {
            ops.presale_ship_within_hours.or(ops.ship_within_hours)
        } else if m.event {
            ops.event_ship_within_hours.or(ops.ship_within_hours)
        } else {
            ops.ship_within_hours
        };
        if let Some(limit) = limit.filter(|l| hours > *l) {
            findings.push(Finding::error(
                "LATE_SHIPPING",
                "shipHours",
                format!("发货用时 {hours} 小时，超过 {limit} 小时时限"),
                format!("shipped in {hours} h, beyond the {limit} h limit"),
            ));
        }
    }
    for (value, rate, code, zh, en, field) in [
        (
            m.false_shipment_value,
            ops.false_shipping_penalty_rate,
            "FALSE_SHIPPING_PENALTY",
            "虚假发货赔付",
            "false-shipping compensation",
            "falseShipmentValue",
        ),
        (
            m.late_pickup_value,
            ops.late_pickup_penalty_rate,
            "LATE_PICKUP_PENALTY",
            "延迟揽收赔付",
            "late-pickup compensation",
            "latePickupValue",
        ),
    ] {
        if let (Some(v), Some(r)) = (value.filter(|v| !v.is_zero()), rate) {
            let amount = v.mul_rate(r);
            findings.push(Finding::error(
                code,
                field,
                format!("{zh} ¥{amount}（订单金额 ¥{v} × {}）", pct(r)),
                format!("{en} ¥{amount} ({} of ¥{v} of orders)", pct(r)),
            ));
            penalties.push(FeeLine {
                item: code.to_string(),
                name: zh.to_string(),
                name_en: en.to_string(),
                amount,
                per: Per::Once,
                basis: format!("¥{v} × {}", pct(r)),
                basis_en: format!("¥{v} × {}", pct(r)),
                source: source.clone(),
            });
        }
    }
    let next_badge_review = match (&m.last_badge_review, ops.badge_review_days) {
        (Some(d), Some(days)) => {
            let date = crate::foundation::time::parse_date(d.trim()).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidTime { input: d.clone() },
                    "lastBadgeReview",
                )
            })?;
            Some(date.add_days(i64::from(days)).to_string())
        }
        _ => None,
    };
    Ok(HealthReport {
        platform: p.id.clone(),
        findings,
        penalties,
        search_weight,
        next_badge_review,
    })
}
