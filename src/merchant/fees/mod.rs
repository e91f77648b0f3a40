//! The merchant's costs on a platform: deposit, transaction fee, withdrawal fee, tools and
//! certification, monthly and yearly, each with the rule that set it; when money settles; the
//! four platforms side by side; and a shop-health check against the operations thresholds.
//!
//! Monthly totals are the recurring monthly costs (fees on the month's GMV, withdrawal, monthly
//! tools); yearly = 12 × monthly + yearly tools + certification. The deposit is refundable, so it
//! is shown apart and not counted as a cost. T+N settles N calendar days after the start date in
//! +08:00 (D+0: the same day); weekends and holidays are not skipped.

use crate::category::{covers, SubjectKind};
use crate::error::{Error, ErrorKind, Result};
use crate::finding::Finding;
use crate::money::{Money, Rate};
use crate::rulebook::{Period, Platform, Rulebook};
use crate::time::{Date, Timestamp};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FeeInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub platform: Option<String>,
    pub subject: SubjectKind,
    pub category_id: String,
    #[cfg_attr(feature = "ts", tsify(type = "MoneyInput"))]
    pub monthly_gmv: Money,
    /// Orders a month (快手 deposits step by it).
    #[serde(
        default,
        deserialize_with = "crate::money::deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub order_count: Option<u32>,
    /// Paid tools, by id (`livePlugin`, `membership`).
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub tools: Vec<String>,
    /// Money withdrawn a month; defaults to GMV less the month's fees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "MoneyInput"))]
    pub monthly_withdrawal: Option<Money>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub new_shop: bool,
    /// Cover the deposit with deposit insurance where the subject may.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub deposit_insurance: bool,
    /// An enterprise that applied for faster settlement (D+0 on WeChat).
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub fast_settlement: bool,
    /// Include the platform's annual certification (mini-program ¥300/year). Default true.
    #[serde(default = "yes")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub certification: bool,
    /// When an order's settlement clock starts (receipt confirmed / after-sales closed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string | number"))]
    pub confirmed_at: Option<Timestamp>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Per {
    Once,
    Month,
    Year,
}

/// One amount with the rule behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FeeLine {
    /// deposit, transactionFee, channelFee, withdrawalFee, tool:<id>, certification.
    pub item: String,
    pub name: String,
    pub name_en: String,
    #[cfg_attr(feature = "ts", tsify(type = "Money"))]
    pub amount: Money,
    pub per: Per,
    pub basis: String,
    pub basis_en: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Deposit {
    /// The deposit the rules set.
    #[cfg_attr(feature = "ts", tsify(type = "Money"))]
    pub amount: Money,
    /// Cash actually held (zero when covered by deposit insurance).
    #[cfg_attr(feature = "ts", tsify(type = "Money"))]
    pub cash: Money,
    pub insured: bool,
    pub rule: String,
    pub rule_en: String,
    /// Days after closing, with no dispute, until it comes back.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub refund_days: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Monthly {
    #[cfg_attr(feature = "ts", tsify(type = "Money"))]
    pub transaction_fee: Money,
    #[cfg_attr(feature = "ts", tsify(type = "Money"))]
    pub withdrawal_fee: Money,
    #[cfg_attr(feature = "ts", tsify(type = "Money"))]
    pub tools: Money,
    #[cfg_attr(feature = "ts", tsify(type = "Money"))]
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Yearly {
    #[cfg_attr(feature = "ts", tsify(type = "Money"))]
    pub transaction_fee: Money,
    #[cfg_attr(feature = "ts", tsify(type = "Money"))]
    pub withdrawal_fee: Money,
    #[cfg_attr(feature = "ts", tsify(type = "Money"))]
    pub tools: Money,
    #[cfg_attr(feature = "ts", tsify(type = "Money"))]
    pub certification: Money,
    #[cfg_attr(feature = "ts", tsify(type = "Money"))]
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Settlement {
    pub rule: String,
    pub days: u32,
    /// buyerConfirmsReceipt or afterSalesClose.
    pub after: String,
    /// The date an order confirmed at `confirmedAt` settles.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
    pub date: Option<String>,
    /// The date that month's commission is deducted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
    pub commission_deducted_on: Option<String>,
    pub note: String,
    pub note_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FeePreview {
    pub platform: String,
    pub platform_name: String,
    pub platform_name_en: String,
    pub deposit: Deposit,
    pub monthly: Monthly,
    pub yearly: Yearly,
    pub settlement: Settlement,
    pub lines: Vec<FeeLine>,
}

fn pct(r: Rate) -> String {
    format!("{}%", (r.as_decimal() * Decimal::ONE_HUNDRED).normalize())
}

/// The most specific entry covering `category` (deepest category id wins).
fn most_specific<'a, T>(
    entries: &'a [T],
    ids: impl Fn(&T) -> &[String],
    category: &str,
) -> Option<&'a T> {
    entries
        .iter()
        .filter_map(|e| {
            ids(e)
                .iter()
                .filter(|s| covers(s, category))
                .map(|s| s.len())
                .max()
                .map(|depth| (depth, e))
        })
        .max_by_key(|(depth, _)| *depth)
        .map(|(_, e)| e)
}

pub fn preview_fees(book: &Rulebook, input: &FeeInput) -> Result<FeePreview> {
    let platform = book.platform_or_default(input.platform.as_deref())?;
    preview_on(book, platform, input)
}

fn preview_on(book: &Rulebook, p: &Platform, input: &FeeInput) -> Result<FeePreview> {
    let category = input.category_id.trim();
    if book.category(category).is_none() {
        return Err(Error::new(
            ErrorKind::UnknownId {
                id: category.to_string(),
            },
            "categoryId",
        ));
    }
    let gmv = input.monthly_gmv;
    let mut lines = Vec::new();

    // Deposit.
    let d = &p.deposit;
    let mut deposit = d.base;
    let mut rule = format!("基础保证金 ¥{}", d.base);
    let mut rule_en = format!("base deposit ¥{}", d.base);
    let mut source = d.source.clone();
    if let Some(c) = most_specific(&d.by_category, |c| &c.category_ids, category) {
        deposit = c.amount;
        rule = format!("类目保证金 ¥{}", c.amount);
        rule_en = format!("category deposit ¥{}", c.amount);
        source = c.source.clone();
        if let Some(t) = c
            .gmv_tiers
            .iter()
            .filter(|t| gmv > t.above)
            .max_by_key(|t| t.above)
        {
            deposit = t.amount;
            rule = format!("月销售额超过 ¥{}，保证金 ¥{}", t.above, t.amount);
            rule_en = format!("monthly GMV above ¥{}: deposit ¥{}", t.above, t.amount);
        }
    }
    let orders = input.order_count.unwrap_or(0);
    if let Some(t) = d
        .order_tiers
        .iter()
        .filter(|t| orders >= t.at_least)
        .max_by_key(|t| t.at_least)
    {
        deposit = t.amount;
        rule = format!("月订单 ≥ {} 单，保证金 ¥{}", t.at_least, t.amount);
        rule_en = format!("{}+ orders a month: deposit ¥{}", t.at_least, t.amount);
    }
    if deposit > d.max {
        deposit = d.max;
        rule.push_str(&format!("（上限 ¥{}）", d.max));
        rule_en.push_str(&format!(" (capped at ¥{})", d.max));
    }
    let insured =
        input.deposit_insurance && d.insurance_subjects.iter().any(|s| s == input.subject.id());
    if insured {
        rule.push_str("；以保证金保险替代现金");
        rule_en.push_str("; covered by deposit insurance");
    }
    lines.push(FeeLine {
        item: "deposit".into(),
        name: "保证金".into(),
        name_en: "Deposit".into(),
        amount: deposit,
        per: Per::Once,
        basis: rule.clone(),
        basis_en: rule_en.clone(),
        source,
    });

    // Transaction fee, and a channel fee where the platform adds one.
    let fee = &p.transaction_fee;
    let (rate, rate_source) = most_specific(&fee.by_category, |c| &c.category_ids, category)
        .map_or((fee.default, fee.source.clone()), |c| {
            (c.rate, c.source.clone())
        });
    let transaction = gmv.mul_rate(rate);
    lines.push(FeeLine {
        item: "transactionFee".into(),
        name: "交易手续费".into(),
        name_en: "Transaction fee".into(),
        amount: transaction,
        per: Per::Month,
        basis: format!("月销售额 ¥{gmv} × {}", pct(rate)),
        basis_en: format!("monthly GMV ¥{gmv} × {}", pct(rate)),
        source: rate_source,
    });
    let mut month_fees = transaction;
    if let Some(ch) = &fee.channel_fee {
        let amount = gmv.mul_rate(ch.rate);
        month_fees += amount;
        lines.push(FeeLine {
            item: "channelFee".into(),
            name: "支付通道费".into(),
            name_en: "Payment channel fee".into(),
            amount,
            per: Per::Month,
            basis: format!("月销售额 ¥{gmv} × {}", pct(ch.rate)),
            basis_en: format!("monthly GMV ¥{gmv} × {}", pct(ch.rate)),
            source: ch.source.clone(),
        });
    }

    // Withdrawal.
    let mut withdrawal_fee = Money::ZERO;
    if let Some(w) = &p.withdrawal {
        let flow = input.monthly_withdrawal.unwrap_or(gmv - month_fees);
        let mut basis;
        let mut basis_en;
        if flow > w.free_monthly_flow {
            withdrawal_fee = (flow - w.free_monthly_flow).mul_rate(w.rate);
            basis = format!(
                "提现 ¥{flow}，超出免费额度 ¥{} 部分 × {}",
                w.free_monthly_flow,
                pct(w.rate)
            );
            basis_en = format!(
                "withdrawing ¥{flow}: {} of the part above the free ¥{}",
                pct(w.rate),
                w.free_monthly_flow
            );
        } else {
            basis = format!("提现 ¥{flow}，未超过免费额度 ¥{}", w.free_monthly_flow);
            basis_en = format!(
                "withdrawing ¥{flow}, within the free ¥{}",
                w.free_monthly_flow
            );
        }
        if flow > w.max_single {
            let times = (flow.fen() + w.max_single.fen() - 1) / w.max_single.fen().max(1);
            basis.push_str(&format!("；单笔上限 ¥{}，需分 {times} 笔", w.max_single));
            basis_en.push_str(&format!(
                "; at most ¥{} a withdrawal: {times} withdrawals",
                w.max_single
            ));
        }
        lines.push(FeeLine {
            item: "withdrawalFee".into(),
            name: "提现手续费".into(),
            name_en: "Withdrawal fee".into(),
            amount: withdrawal_fee,
            per: Per::Month,
            basis,
            basis_en,
            source: w.source.clone(),
        });
    }

    // Tools.
    let (mut tools_month, mut tools_year) = (Money::ZERO, Money::ZERO);
    for (i, id) in input.tools.iter().enumerate() {
        match p.tools.iter().find(|t| &t.id == id) {
            Some(t) => {
                let per = match t.per {
                    Period::Month => {
                        tools_month += t.amount;
                        Per::Month
                    }
                    Period::Year => {
                        tools_year += t.amount;
                        Per::Year
                    }
                };
                lines.push(FeeLine {
                    item: format!("tool:{id}"),
                    name: t.name.clone(),
                    name_en: t.name_en.clone(),
                    amount: t.amount,
                    per,
                    basis: format!(
                        "{} ¥{}/{}",
                        t.name,
                        t.amount,
                        if per == Per::Month { "月" } else { "年" }
                    ),
                    basis_en: format!(
                        "{} ¥{} a {}",
                        t.name_en,
                        t.amount,
                        if per == Per::Month { "month" } else { "year" }
                    ),
                    source: t.source.clone(),
                });
            }
            None if book
                .platforms
                .iter()
                .any(|q| q.tools.iter().any(|t| &t.id == id)) =>
            {
                lines.push(FeeLine {
                    item: format!("tool:{id}"),
                    name: id.clone(),
                    name_en: id.clone(),
                    amount: Money::ZERO,
                    per: Per::Year,
                    basis: format!("{}不提供此付费工具", p.name),
                    basis_en: format!("not a paid tool on {}", p.name_en),
                    source: "assumed".into(),
                });
            }
            None => {
                return Err(Error::new(
                    ErrorKind::UnknownId { id: id.clone() },
                    format!("tools[{i}]"),
                ));
            }
        }
    }

    let certification = match (&p.certification, input.certification) {
        (Some(c), true) => {
            lines.push(FeeLine {
                item: "certification".into(),
                name: "小程序认证".into(),
                name_en: "Mini-program certification".into(),
                amount: c.amount,
                per: Per::Year,
                basis: format!("认证费 ¥{}/年", c.amount),
                basis_en: format!("certification ¥{} a year", c.amount),
                source: c.source.clone(),
            });
            c.amount
        }
        _ => Money::ZERO,
    };

    let monthly = Monthly {
        transaction_fee: month_fees,
        withdrawal_fee,
        tools: tools_month,
        total: month_fees + withdrawal_fee + tools_month,
    };
    let yearly = Yearly {
        transaction_fee: month_fees.times(12),
        withdrawal_fee: withdrawal_fee.times(12),
        tools: tools_month.times(12) + tools_year,
        certification,
        total: monthly.total.times(12) + tools_year + certification,
    };
    Ok(FeePreview {
        platform: p.id.clone(),
        platform_name: p.name.clone(),
        platform_name_en: p.name_en.clone(),
        deposit: Deposit {
            amount: deposit,
            cash: if insured { Money::ZERO } else { deposit },
            insured,
            rule,
            rule_en,
            refund_days: p.deposit_refund_days,
        },
        monthly,
        yearly,
        settlement: settlement(p, input),
        lines,
    })
}

fn settlement(p: &Platform, input: &FeeInput) -> Settlement {
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

/// The same preview on every platform, cheapest year first.
pub fn compare_fees(book: &Rulebook, input: &FeeInput) -> Result<Vec<FeePreview>> {
    let mut all = book
        .platforms
        .iter()
        .map(|p| preview_on(book, p, input))
        .collect::<Result<Vec<_>>>()?;
    // A stable sort keeps the rulebook's platform order among equals.
    crate::sort::sort_by_key(&mut all, |a| a.yearly.total);
    Ok(all)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct HealthMetrics {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
    pub return_rate: Option<Rate>,
    /// Store rating, 0 to 5 ("4.8").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "MoneyInput"))]
    pub dsr: Option<Money>,
    /// The slowest time to ship in the period, in hours.
    #[serde(
        default,
        deserialize_with = "crate::money::deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", tsify(optional))]
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
    #[cfg_attr(feature = "ts", tsify(optional, type = "MoneyInput"))]
    pub false_shipment_value: Option<Money>,
    /// Value of orders picked up late (抖音).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "MoneyInput"))]
    pub late_pickup_value: Option<Money>,
    /// Date of the last 交易保障 badge review, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
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
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub search_weight: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
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
            let date = crate::time::parse_date(d.trim()).ok_or_else(|| {
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
