//! parseAmountInput: an amount as a person types it in a form — "20,000", full-width
//! "２００００", "¥199", "199元", "1.5万" — read into exact Money. The API's own money fields stay
//! strict (Money::parse); a form calls this first and sends the normalised text on.
//!
//! Listings (the wizard's form and CSV cells) read their prices with the same rule, and their
//! counts (stock) with [`parse_count_input`]: full-width digits, spaces and thousands separators
//! that group by three are normalised; anything else is refused with a message. One rule for
//! every amount a person types, so "¥12", "12元", "１２.５" and "12,000.00" all read, and
//! "1,23" or "12块" do not.

use crate::foundation::error::Error;
use crate::foundation::money::Money;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AmountInput {
    pub ok: bool,
    /// The amount, when it could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// For people, in zh-CN and English, when it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_en: Option<String>,
}

fn refuse(zh: &str, en: &str) -> AmountInput {
    AmountInput {
        ok: false,
        amount: None,
        message: Some(zh.to_string()),
        message_en: Some(en.to_string()),
    }
}

/// "1,234,567.8" → "1234567.8" when the commas group by three; None otherwise ("1,23").
fn ungroup(s: &str) -> Option<String> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let ok = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    ok.then(|| {
        let mut out = groups.concat();
        if let Some(f) = frac {
            out.push('.');
            out.push_str(f);
        }
        out
    })
}

/// Full-width forms to half-width, the ideographic comma and full stop as typed on phones, and
/// no white space.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c as u32 {
            0xff01..=0xff5e => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => match c {
                '，' => ',',
                '。' => '.',
                _ => c,
            },
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A count as a person types it ("20,000", "２００００", Excel's "12.0"): a whole number of at
/// most 9 digits, or None.
pub fn parse_count_input(text: &str) -> Option<u32> {
    let folded = fold(text);
    let plain = ungroup(&folded)?;
    let s = plain.strip_suffix(".0").unwrap_or(&plain);
    (!s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

pub fn parse_amount_input(text: &str) -> AmountInput {
    let folded = fold(text);
    let mut s = folded.as_str();
    for prefix in ["¥", "￥", "RMB", "rmb", "CNY", "cny"] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    let mut s = s.trim_end_matches(['元', '圆']).to_string();
    let mut scale = 0u32;
    if let Some(head) = s.strip_suffix('万') {
        s = head.to_string();
        scale = 4;
    }
    if s.is_empty() {
        return refuse("请输入金额", "enter an amount");
    }
    if s.starts_with('-') {
        return refuse("金额不能为负数", "the amount cannot be negative");
    }
    let Some(plain) = ungroup(&s) else {
        return refuse(
            "千位分隔符位置不对，请写成 20,000 或 20000",
            "the thousands separators are misplaced: write 20,000 or 20000",
        );
    };
    if plain.is_empty()
        || !plain.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || plain.matches('.').count() > 1
        || plain.starts_with('.')
        || plain.ends_with('.')
    {
        return refuse(
            "请输入数字金额，例如 199 或 199.90",
            "enter the amount in figures, e.g. 199 or 199.90",
        );
    }
    // 万: move the decimal point four places, exactly, on the text.
    let plain = if scale > 0 {
        let (int, frac) = plain.split_once('.').unwrap_or((plain.as_str(), ""));
        let mut frac = frac.to_string();
        while frac.len() < 4 {
            frac.push('0');
        }
        let (moved, rest) = frac.split_at(4);
        let int = format!("{int}{moved}");
        if rest.is_empty() {
            int
        } else {
            format!("{int}.{rest}")
        }
    } else {
        plain
    };
    match Money::parse(&plain) {
        Ok(m) => AmountInput {
            ok: true,
            amount: Some(m),
            message: None,
            message_en: None,
        },
        Err(kind) => {
            // The engine's own wording, without a field path: a person typed this.
            let e = Error::new(kind, "");
            AmountInput {
                ok: false,
                amount: None,
                message: Some(e.message()),
                message_en: Some(e.message_en()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fen(s: &str) -> Option<i128> {
        parse_amount_input(s).amount.map(|m| m.fen())
    }

    #[test]
    fn amounts_and_counts_follow_one_rule() {
        for (typed, want) in [
            ("12", 1200),
            ("¥12", 1200),
            ("12元", 1200),
            ("１２.５", 1250),
            ("12,000.00", 1_200_000),
            (" 12 ", 1200),
        ] {
            assert_eq!(fen(typed), Some(want), "{typed}");
        }
        for typed in ["1,23", "12块", "-3", "abc", "12.345", ""] {
            assert_eq!(fen(typed), None, "{typed}");
        }
        for (typed, want) in [
            ("20000", 20000),
            ("20,000", 20000),
            ("２００００", 20000),
            ("12.0", 12),
        ] {
            assert_eq!(parse_count_input(typed), Some(want), "{typed}");
        }
        for typed in ["2,00", "-1", "1.5", "abc", "", "1234567890"] {
            assert_eq!(parse_count_input(typed), None, "{typed}");
        }
    }
}
