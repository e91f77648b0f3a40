//! zh/en sentences for what comes after the price: 改价, points and growth earned, 储值,
//! member levels, refund consequences and invoices. Text only; the numbers come from the steps.

use crate::checkout::loyalty::{Factor, LevelRule};
use crate::checkout::membership::NextLevel;
use crate::checkout::steps::adjustment::AdjustmentInput;
use crate::foundation::money::Money;

pub(crate) fn adjustment(a: &AdjustmentInput, goods: Money) -> (String, String) {
    let (zh_reason, en_reason) = match &a.reason {
        Some(r) if !r.trim().is_empty() => (format!("（{r}）"), format!(" ({r})")),
        _ => (String::new(), String::new()),
    };
    let after = Money::from_fen(goods.fen() + a.amount.fen());
    if a.amount.negative {
        (
            format!(
                "商家改价优惠 ¥{}{zh_reason}：商品 ¥{goods} → ¥{after}",
                a.amount.abs
            ),
            format!(
                "Price changed by the merchant, ¥{} less{en_reason}: goods ¥{goods} → ¥{after}",
                a.amount.abs
            ),
        )
    } else {
        (
            format!(
                "商家改价加价 ¥{}{zh_reason}：商品 ¥{goods} → ¥{after}",
                a.amount.abs
            ),
            format!(
                "Price changed by the merchant, ¥{} more{en_reason}: goods ¥{goods} → ¥{after}",
                a.amount.abs
            ),
        )
    }
}

pub(crate) fn earned(
    paid: Money,
    per_yuan: Factor,
    multiplier: Factor,
    by_rate: u64,
    by_lines: u64,
) -> (String, String) {
    let total = by_rate.saturating_add(by_lines);
    let times = if multiplier == Factor::ONE {
        (String::new(), String::new())
    } else {
        (
            format!("，会员 {multiplier} 倍"),
            format!(", member ×{multiplier}"),
        )
    };
    let lines = if by_lines > 0 {
        (
            format!("，另有商品赠送 {by_lines} 积分"),
            format!(", plus {by_lines} from the items themselves"),
        )
    } else {
        (String::new(), String::new())
    };
    (
        format!(
            "本单可得 {total} 积分：实付商品 ¥{paid} 每元 {per_yuan} 积分{}，取整得 {by_rate}{}（运费不计）",
            times.0, lines.0
        ),
        format!(
            "This order earns {total} points: ¥{paid} paid for goods at {per_yuan} per yuan{}, rounded down to {by_rate}{} (shipping excluded)",
            times.1, lines.1
        ),
    )
}

pub(crate) fn paid(used: Money, cash: Money, balance: Money) -> (String, String) {
    let left = balance - used;
    (
        format!("储值支付 ¥{used}，还需支付 ¥{cash}，储值余额剩 ¥{left}"),
        format!("¥{used} paid from stored value, ¥{cash} to pay; ¥{left} stored value left"),
    )
}

pub(crate) fn level(cur: &LevelRule, next: Option<&NextLevel>) -> (String, String) {
    match next {
        Some(n) => match n.missing_amount {
            Some(m) => (
                format!("当前 {}，再消费 ¥{m} 升级 {}", cur.name, n.name),
                format!(
                    "{} now; spend ¥{m} more to reach {}",
                    cur.name_en, n.name_en
                ),
            ),
            None => (
                format!(
                    "当前 {}，还差 {} 成长值升级 {}",
                    cur.name, n.missing, n.name
                ),
                format!(
                    "{} now; {} more growth to reach {}",
                    cur.name_en, n.missing, n.name_en
                ),
            ),
        },
        None => (
            format!("当前 {}，已是最高等级", cur.name),
            format!("{} now: the highest level", cur.name_en),
        ),
    }
}

pub(crate) fn coupon_back(id: &str, validity: &str) -> (String, String) {
    match validity {
        "valid" => (
            format!("优惠券“{id}”已退回，仍在有效期内，可再次使用"),
            format!("Coupon \"{id}\" comes back and is still valid"),
        ),
        "expired" => (
            format!("优惠券“{id}”已退回，但已过期，不能再用"),
            format!("Coupon \"{id}\" comes back but has expired"),
        ),
        _ => (
            format!("优惠券“{id}”已退回，是否仍有效以券的有效期为准"),
            format!(
                "Coupon \"{id}\" comes back; whether it is still valid depends on its validity"
            ),
        ),
    }
}

pub(crate) fn refund_after(
    points_returned: Option<u64>,
    points_clawback: Option<u64>,
    shipping_refund: Money,
    refunds_shipping: bool,
    has_shipping: bool,
    stored_value: Option<Money>,
    cash: Option<Money>,
) -> (String, String) {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if let Some(p) = points_returned.filter(|p| *p > 0) {
        zh.push(format!("退还抵扣积分 {p}"));
        en.push(format!("{p} deducted points back"));
    }
    if let Some(p) = points_clawback.filter(|p| *p > 0) {
        zh.push(format!("扣回赠送积分 {p}"));
        en.push(format!("{p} earned points taken back"));
    }
    if refunds_shipping && !shipping_refund.is_zero() {
        zh.push(format!("全部退回，退运费 ¥{shipping_refund}"));
        en.push(format!(
            "all returned: shipping ¥{shipping_refund} refunded"
        ));
    } else if has_shipping {
        zh.push("运费不退".to_string());
        en.push("shipping not refunded".to_string());
    }
    if let (Some(sv), Some(c)) = (stored_value, cash) {
        zh.push(format!("退回储值 ¥{sv}，原路退回 ¥{c}"));
        en.push(format!(
            "¥{sv} back to stored value, ¥{c} to the original payment"
        ));
    }
    (zh.join("；"), en.join("; "))
}
