//! The merchant's costs on a platform: deposit, transaction fee, withdrawal fee, tools and
//! certification, monthly and yearly, each with the rule that set it; when money settles; the
//! four platforms side by side; and a shop-health check against the operations thresholds.
//!
//! Monthly totals are the recurring monthly costs (fees on the month's GMV, withdrawal, monthly
//! tools); yearly = 12 × monthly + yearly tools + certification. The deposit is refundable, so it
//! is shown apart and not counted as a cost. T+N settles N calendar days after the start date in
//! +08:00 (D+0: the same day); weekends and holidays are not skipped.

use crate::foundation::error::{Error, ErrorKind, Result};
use crate::foundation::finding::Finding;
use crate::foundation::money::MoneyInput;
use crate::foundation::money::{Money, Rate};
use crate::foundation::time::Date;
use crate::foundation::time::TimestampInput;
use crate::merchant::category::{covers, SubjectKind};
use crate::merchant::rulebook::{Period, Platform, Rulebook};

mod health;
mod settlement;

pub use health::{shop_health, HealthMetrics, HealthReport};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use settlement::settlement;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FeeInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    pub subject: SubjectKind,
    pub category_id: String,
    pub monthly_gmv: MoneyInput,
    /// Orders a month (快手 deposits step by it).
    #[serde(
        default,
        deserialize_with = "crate::foundation::money::deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub order_count: Option<u32>,
    /// Paid tools, by id (`livePlugin`, `membership`).
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub tools: Vec<String>,
    /// Money withdrawn a month; defaults to GMV less the month's fees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_withdrawal: Option<MoneyInput>,
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
    pub confirmed_at: Option<TimestampInput>,
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
    pub amount: Money,
    /// Cash actually held (zero when covered by deposit insurance).
    pub cash: Money,
    pub insured: bool,
    pub rule: String,
    pub rule_en: String,
    /// Days after closing, with no dispute, until it comes back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_days: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Monthly {
    pub transaction_fee: Money,
    pub withdrawal_fee: Money,
    pub tools: Money,
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Yearly {
    pub transaction_fee: Money,
    pub withdrawal_fee: Money,
    pub tools: Money,
    pub certification: Money,
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
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub date: Option<String>,
    /// The date that month's commission is deducted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
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

/// The same preview on every platform, cheapest year first.
pub fn compare_fees(book: &Rulebook, input: &FeeInput) -> Result<Vec<FeePreview>> {
    let mut all = book
        .platforms
        .iter()
        .map(|p| preview_on(book, p, input))
        .collect::<Result<Vec<_>>>()?;
    // A stable sort keeps the rulebook's platform order among equals.
    crate::foundation::sort::sort_by_key(&mut all, |a| a.yearly.total);
    Ok(all)
}
