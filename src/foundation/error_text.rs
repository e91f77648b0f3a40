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
            ErrorKind::InvalidInput { detail } => match input_detail_zh(detail) {
                Some(zh) => format!("输入格式不正确：{zh}"),
                None => "输入格式不正确".to_string(),
            },
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
            ErrorKind::InvalidInput { detail } => format!("invalid input: {}", tidy_en(detail)),
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

/// serde's sentences for a bad value or shape (the derives' `unknown variant`, `invalid type`, …
/// and the crate's own `Error::input` texts) in Chinese, naming no field and no Rust type; `None`
/// for a sentence not known here (the zh message then says only that the input is malformed, the
/// English one keeps the sentence, and the path says where).
fn input_detail_zh(detail: &str) -> Option<String> {
    if let Some(rest) = detail.strip_prefix("unknown variant `") {
        let (value, rest) = rest.split_once('`')?;
        let allowed: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        return Some(if allowed.is_empty() {
            format!("“{value}”不是可选的取值")
        } else {
            format!("“{value}”不是可选的取值，可选：{}", allowed.join("、"))
        });
    }
    for (prefix, what) in [
        ("invalid type: ", "类型不正确"),
        ("invalid value: ", "取值不正确"),
    ] {
        if let Some(rest) = detail.strip_prefix(prefix) {
            return Some(match rest.split_once(", expected ") {
                Some((got, want)) => {
                    format!("{what}：应为{}，收到{}", expected_zh(want), got_zh(got))
                }
                None => format!(
                    "{what}：应为{}",
                    expected_zh(rest.trim_start_matches("expected "))
                ),
            });
        }
    }
    if detail.starts_with("missing field `")
        || detail.ends_with(" is required")
        || detail.starts_with("missing ")
    {
        return Some("缺少必填项".into());
    }
    if detail.starts_with("duplicate field `") {
        return Some("同一项填写了两次".into());
    }
    if let Some(rest) = detail.strip_prefix("invalid length ") {
        let want = rest.split_once(", expected ").map_or("", |(_, w)| w);
        return Some(format!("个数不正确：应为{}", expected_zh(want)));
    }
    if detail.ends_with("must not be empty") {
        return Some("不能为空".into());
    }
    if detail == "expected a string" || detail.ends_with("must be text") {
        return Some("应为文本".into());
    }
    if detail == "not a JSON value" {
        return Some("不是有效的数据".into());
    }
    None
}

/// What serde expected, in Chinese ("struct QuoteOptions" → 对象).
fn expected_zh(want: &str) -> &'static str {
    let w = want.trim();
    let has = |words: &[&str]| words.iter().any(|k| w.contains(k));
    if has(&["struct", "map"]) {
        "对象"
    } else if has(&["sequence", "array", "list", "tuple"]) {
        "列表"
    } else if has(&["bool"]) {
        "true 或 false"
    } else if has(&[
        "integer", "number", "u8", "u16", "u32", "u64", "usize", "i32", "i64", "f64",
    ]) {
        "数字"
    } else if has(&["string", "enum", "variant", "str"]) {
        "文本"
    } else {
        "正确的类型"
    }
}

/// What was found instead, as `json::describe` and serde word it.
fn got_zh(got: &str) -> String {
    let quoted = |s: &str| {
        s.split_once('`')
            .and_then(|(_, r)| r.rsplit_once('`'))
            .map(|(v, _)| v.to_string())
    };
    if let Some(s) = got.strip_prefix("string ") {
        let v = s
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .unwrap_or(s);
        format!("文本“{v}”")
    } else if got.starts_with("integer") || got.starts_with("floating point") {
        format!("数字 {}", quoted(got).unwrap_or_default())
    } else if got.starts_with("boolean") {
        quoted(got).unwrap_or_default()
    } else if got == "null" || got == "unit value" {
        "空值（null）".into()
    } else if got == "sequence" {
        "列表".into()
    } else if got == "map" {
        "对象".into()
    } else {
        "其他值".into()
    }
}

/// serde's English without Rust's type names: "expected struct QuoteOptions" → "an object".
fn tidy_en(detail: &str) -> String {
    let mut out = String::with_capacity(detail.len());
    let mut rest = detail;
    while let Some(at) = rest
        .find("expected struct ")
        .or_else(|| rest.find("expected enum "))
    {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        let is_struct = tail.starts_with("expected struct ");
        let tail = tail.split_once(' ').map_or("", |(_, t)| t);
        let tail = tail.split_once(' ').map_or("", |(_, t)| t);
        let name_end = tail
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .unwrap_or(tail.len());
        out.push_str(if is_struct {
            "expected an object"
        } else {
            "expected one of its values"
        });
        rest = &tail[name_end..];
    }
    out.push_str(rest);
    out
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

#[cfg(test)]
mod input_text_tests {
    use super::*;

    fn zh(detail: &str) -> String {
        Error::input(detail, "x").body_zh()
    }

    #[test]
    fn serde_sentences_in_chinese_without_english() {
        let cases = [
            (
                "unknown variant `nope`, expected one of `totals`, `lines`, `full`",
                "输入格式不正确：“nope”不是可选的取值，可选：totals、lines、full",
            ),
            (
                "unknown variant `x`, expected `a` or `b`",
                "输入格式不正确：“x”不是可选的取值，可选：a、b",
            ),
            (
                "invalid type: string \"totals\", expected struct QuoteOptions",
                "输入格式不正确：类型不正确：应为对象，收到文本“totals”",
            ),
            (
                "invalid type: integer `5`, expected a string",
                "输入格式不正确：类型不正确：应为文本，收到数字 5",
            ),
            (
                "invalid type: null, expected a sequence",
                "输入格式不正确：类型不正确：应为列表，收到空值（null）",
            ),
            ("missing field `regionCode`", "输入格式不正确：缺少必填项"),
            ("a tiered offer needs `tiers`", "输入格式不正确"),
        ];
        for (detail, want) in cases {
            assert_eq!(zh(detail), want, "{detail}");
        }
    }

    #[test]
    fn english_names_no_rust_type() {
        let e = Error::input(
            "invalid type: string \"t\", expected struct QuoteOptions",
            "options",
        );
        assert_eq!(
            e.body_en(),
            "invalid input: invalid type: string \"t\", expected an object"
        );
        let e = Error::input("invalid type: map, expected enum Detail", "options.detail");
        assert_eq!(
            e.body_en(),
            "invalid input: invalid type: map, expected one of its values"
        );
    }
}
