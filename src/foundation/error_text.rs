//! The zh-CN and English message of every [`ErrorKind`], written once, for people: the zh text
//! names no field and holds no English; the path goes in `path`.

use super::error::{Error, ErrorKind, MoneyIssue};

impl Error {
    pub(crate) fn body_zh(&self) -> String {
        match &self.kind {
            ErrorKind::InvalidMoney { issue, input } => match issue {
                MoneyIssue::Empty => "金额不能为空".to_string(),
                MoneyIssue::NotANumber => format!("金额格式不正确：“{input}”"),
                MoneyIssue::Exponent => format!("金额不能使用科学计数法：“{input}”"),
                MoneyIssue::TooManyDecimals => {
                    format!("金额最多两位小数（精确到分）：“{input}”")
                }
                MoneyIssue::Negative => format!("金额不能为负数：“{input}”"),
                MoneyIssue::NotFinite => "金额缺失或不是有限数字".to_string(),
            },
            ErrorKind::AmountOutOfRange { max } => format!("金额超出上限 ¥{max}"),
            ErrorKind::InvalidRate { input } => {
                format!("比例应为 0 到 1 之间的小数（如 \"0.85\"）：“{input}”")
            }
            ErrorKind::InvalidQuantity { min, max } => {
                format!("数量必须是 {min} 到 {max} 之间的整数")
            }
            ErrorKind::TooManyLines { max } => format!("购物车最多 {max} 行"),
            ErrorKind::InvalidTime { input } => {
                format!("时间格式不正确，应为 ISO-8601（如 2026-11-11T20:00:00+08:00）：“{input}”")
            }
            ErrorKind::InvalidTimeWindow => "开始时间必须早于结束时间".to_string(),
            ErrorKind::OutOfStock { stock } => format!("库存不足，仅剩 {stock} 件"),
            ErrorKind::PurchaseLimitExceeded { limit } => {
                format!("超出限购数量，每单最多 {limit} 件")
            }
            ErrorKind::DuplicateId { id } => format!("编号重复：“{id}”"),
            ErrorKind::InvalidInput { detail } => format!("输入格式不正确：{detail}"),
            ErrorKind::InvalidRulebook { detail } => format!("规则库无效：{detail}"),
            ErrorKind::UnknownId { id } => format!("找不到编号：“{id}”"),
            ErrorKind::UnknownPlatform { id, known } => {
                format!("未知平台“{id}”，可选：{}", known.join("、"))
            }
            ErrorKind::UnknownRegion { code } => format!("找不到该地区：“{code}”"),
            ErrorKind::RegionsNotLoaded => "地区数据尚未加载".to_string(),
            ErrorKind::InsufficientBalance { requested, balance } => {
                format!("储值余额不足：要用 ¥{requested}，余额仅 ¥{balance}")
            }
            ErrorKind::AdjustmentTooLarge { max } => {
                format!("改价减少的金额不能超过商品金额 ¥{max}")
            }
            ErrorKind::UnknownField { field, suggestion } => match suggestion {
                Some(s) => format!("无法识别的字段“{field}”，是否想写 {s}？"),
                None => format!("无法识别的字段“{field}”"),
            },
            ErrorKind::InvalidCount => "应为不小于 0 的整数".to_string(),
            ErrorKind::InputTooLarge { what, max } => {
                format!("输入超出上限：最多 {max}（{}）", too_large_zh(what))
            }
        }
    }

    /// English message without the path.
    pub fn body_en(&self) -> String {
        match &self.kind {
            ErrorKind::InvalidMoney { issue, input } => match issue {
                MoneyIssue::Empty => "amount is empty".to_string(),
                MoneyIssue::NotANumber => format!("amount is not a decimal number: \"{input}\""),
                MoneyIssue::Exponent => format!("amount must not use an exponent: \"{input}\""),
                MoneyIssue::TooManyDecimals => {
                    format!("amount has more than two decimals (fen): \"{input}\"")
                }
                MoneyIssue::Negative => format!("amount must not be negative: \"{input}\""),
                MoneyIssue::NotFinite => "amount is missing or not a finite number".to_string(),
            },
            ErrorKind::AmountOutOfRange { max } => format!("amount exceeds the maximum ¥{max}"),
            ErrorKind::InvalidRate { input } => {
                format!("rate must be a decimal from 0 to 1 (e.g. \"0.85\"): \"{input}\"")
            }
            ErrorKind::InvalidQuantity { min, max } => {
                format!("quantity must be a whole number from {min} to {max}")
            }
            ErrorKind::TooManyLines { max } => format!("a cart holds at most {max} lines"),
            ErrorKind::InvalidTime { input } => {
                format!("time is not ISO-8601 (e.g. 2026-11-11T20:00:00+08:00): \"{input}\"")
            }
            ErrorKind::InvalidTimeWindow => "start must be before end".to_string(),
            ErrorKind::OutOfStock { stock } => format!("not enough stock: only {stock} left"),
            ErrorKind::PurchaseLimitExceeded { limit } => {
                format!("purchase limit exceeded: at most {limit} per order")
            }
            ErrorKind::DuplicateId { id } => format!("duplicate id \"{id}\""),
            ErrorKind::InvalidInput { detail } => format!("invalid input: {detail}"),
            ErrorKind::InvalidRulebook { detail } => format!("invalid rulebook: {detail}"),
            ErrorKind::UnknownId { id } => format!("unknown id \"{id}\""),
            ErrorKind::UnknownPlatform { id, known } => {
                format!("unknown platform \"{id}\"; one of {}", known.join(", "))
            }
            ErrorKind::UnknownRegion { code } => format!("unknown region \"{code}\""),
            ErrorKind::RegionsNotLoaded => {
                "regions data not loaded: call loadRegions(text) first".to_string()
            }
            ErrorKind::InsufficientBalance { requested, balance } => {
                format!("stored value ¥{requested} asked for, but the balance is only ¥{balance}")
            }
            ErrorKind::AdjustmentTooLarge { max } => {
                format!("a price cut may not exceed the goods amount ¥{max}")
            }
            ErrorKind::UnknownField { field, suggestion } => match suggestion {
                Some(s) => format!("unknown field \"{field}\": did you mean {s}?"),
                None => format!("unknown field \"{field}\""),
            },
            ErrorKind::InvalidCount => "expected a whole number ≥ 0".to_string(),
            ErrorKind::InputTooLarge { what, max } => format!("too large: at most {max} {what}"),
        }
    }
}

/// The zh name of a limit's counted thing (`ErrorKind::InputTooLarge::what`).
fn too_large_zh(what: &str) -> &'static str {
    match what {
        "offers" => "优惠（活动与优惠券）数",
        "CSV rows" => "表格行数",
        "listings" => "商品条数",
        "bytes of JSON" => "数据字节数",
        "bytes of CSV" => "表格字节数",
        "characters of result" => "结果字符数",
        _ => "数量",
    }
}
