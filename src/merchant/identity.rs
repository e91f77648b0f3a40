//! Identity numbers a merchant types in the setup wizard: 统一社会信用代码 (GB 32100-2015),
//! 居民身份证 (GB 11643-1999, ISO 7064 MOD 11-2), bank cards (Luhn, 16–19 digits), 对公账户
//! numbers (digits only, no check digit).

use crate::foundation::time::{Date, Timestamp};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum IdentityKind {
    Uscc,
    IdCard,
    BankCard,
    CorporateAccount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IdentityCheck {
    pub valid: bool,
    /// What is wrong: LENGTH, FORMAT, CHARSET, PROVINCE, BIRTH_DATE, CHECKSUM.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_en: Option<String>,
    /// The value as checked (spaces removed, upper case).
    pub normalized: String,
    /// ID card: the birth date it encodes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// The value to show on screen, print or export: a personal number (ID card, bank card,
    /// corporate account) keeps only its last 4 characters (`**************4258`); the
    /// 统一社会信用代码 is public and stays whole.
    pub masked: String,
}

fn ok(normalized: String) -> IdentityCheck {
    IdentityCheck {
        valid: true,
        code: None,
        message: None,
        message_en: None,
        normalized,
        birth_date: None,
        masked: String::new(),
    }
}

fn bad(normalized: String, code: &str, zh: &str, en: &str) -> IdentityCheck {
    IdentityCheck {
        valid: false,
        code: Some(code.to_string()),
        message: Some(zh.to_string()),
        message_en: Some(en.to_string()),
        normalized,
        birth_date: None,
        masked: String::new(),
    }
}

/// For a value that is not text: numbers lose digits beyond 2^53.
pub fn not_text() -> IdentityCheck {
    bad(
        String::new(),
        "FORMAT",
        "请以文本形式传入号码（数字类型会丢失位数）",
        "pass the number as text: a JS number loses digits",
    )
}

/// Check an identity number. `now` bounds ID-card birth dates.
pub fn check_identity(kind: IdentityKind, value: &str, now: Timestamp) -> IdentityCheck {
    let v: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_uppercase();
    let mut check = match kind {
        IdentityKind::Uscc => uscc(v),
        IdentityKind::IdCard => id_card(v, now),
        IdentityKind::BankCard => bank_card(v),
        IdentityKind::CorporateAccount => corporate_account(v),
    };
    check.masked = mask(kind, &check.normalized);
    check
}

/// All but the last 4 characters of a personal number as `*` (see [`IdentityCheck::masked`]).
pub fn mask(kind: IdentityKind, normalized: &str) -> String {
    let n = normalized.chars().count();
    if kind == IdentityKind::Uscc || n <= 4 {
        return normalized.to_string();
    }
    let tail: String = normalized.chars().skip(n - 4).collect();
    format!("{}{tail}", "*".repeat(n - 4))
}

/// GB 32100-2015 character set: digits and capitals without I, O, S, V, Z.
const USCC_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

fn uscc(v: String) -> IdentityCheck {
    if v.chars().count() != 18 {
        return bad(
            v,
            "LENGTH",
            "统一社会信用代码应为 18 位",
            "a USCC has 18 characters",
        );
    }
    let codes: Option<Vec<u32>> = v
        .chars()
        .map(|c| USCC_CHARS.find(c).map(|i| i as u32))
        .collect();
    let Some(codes) = codes else {
        return bad(
            v,
            "CHARSET",
            "含有无效字符（不使用 I、O、S、V、Z）",
            "contains characters outside the code set (no I, O, S, V, Z)",
        );
    };
    if !codes[2..8].iter().all(|&c| c < 10) {
        return bad(
            v,
            "FORMAT",
            "第 3–8 位应为行政区划码数字",
            "characters 3–8 must be the digits of an administrative area code",
        );
    }
    let sum: u32 = codes[..17]
        .iter()
        .zip(USCC_WEIGHTS)
        .map(|(c, w)| c * w)
        .sum();
    let check = (31 - sum % 31) % 31;
    if codes[17] != check {
        return bad(
            v,
            "CHECKSUM",
            "校验码不正确，请核对是否输错",
            "the check character is wrong: look for a typo",
        );
    }
    ok(v)
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";
/// Province-level codes in use (GB/T 2260), first two digits.
const PROVINCES: [u32; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

fn id_card(v: String, now: Timestamp) -> IdentityCheck {
    if v.len() != 18 || !v.is_ascii() {
        return bad(
            v,
            "LENGTH",
            "居民身份证号应为 18 位",
            "a resident ID number has 18 characters",
        );
    }
    let b = v.as_bytes();
    if !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X') {
        return bad(
            v,
            "FORMAT",
            "前 17 位应为数字，末位为数字或 X",
            "17 digits then a digit or X",
        );
    }
    let num = |r: std::ops::Range<usize>| v[r].parse::<u32>().unwrap_or(0);
    if !PROVINCES.contains(&num(0..2)) {
        return bad(
            v,
            "PROVINCE",
            "前两位不是有效的省级行政区代码",
            "the first two digits are not a province code",
        );
    }
    let birth = Date::from_ymd(i64::from(num(6..10)), num(10..12), num(12..14));
    let Some(birth) = birth.filter(|d| *d <= now.date() && d.ymd().0 >= 1900) else {
        return bad(
            v,
            "BIRTH_DATE",
            "出生日期无效",
            "the birth date is not a valid past date",
        );
    };
    let sum: u32 = b[..17]
        .iter()
        .zip(ID_WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    if ID_CHECK[(sum % 11) as usize] != b[17] {
        return bad(
            v,
            "CHECKSUM",
            "校验位不正确，请核对是否输错",
            "the check digit is wrong: look for a typo",
        );
    }
    IdentityCheck {
        birth_date: Some(birth.to_string()),
        ..ok(v)
    }
}

fn bank_card(v: String) -> IdentityCheck {
    if !v.bytes().all(|b| b.is_ascii_digit()) {
        return bad(
            v,
            "FORMAT",
            "银行卡号只能包含数字",
            "a bank card number has digits only",
        );
    }
    if !(16..=19).contains(&v.len()) {
        return bad(
            v,
            "LENGTH",
            "银行卡号应为 16–19 位",
            "a bank card number has 16 to 19 digits",
        );
    }
    let sum: u32 = v
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    if !sum.is_multiple_of(10) {
        return bad(
            v,
            "CHECKSUM",
            "卡号校验不通过（Luhn），请核对",
            "the Luhn check fails: look for a typo",
        );
    }
    ok(v)
}

/// 对公账户 lengths (assumed): no national standard fixes them; Chinese banks issue corporate
/// account numbers of 9 to 30 digits (ICBC 19, CCB 20, BOC 12, ABC 17, CMB 15) and, unlike
/// cards, with no Luhn digit.
pub const CORPORATE_ACCOUNT_DIGITS: std::ops::RangeInclusive<usize> = 9..=30;

fn corporate_account(v: String) -> IdentityCheck {
    if !v.bytes().all(|b| b.is_ascii_digit()) {
        return bad(
            v,
            "FORMAT",
            "对公账户账号只能包含数字",
            "a corporate account number has digits only",
        );
    }
    if !CORPORATE_ACCOUNT_DIGITS.contains(&v.len()) {
        return bad(
            v,
            "LENGTH",
            "对公账户账号应为 9–30 位数字",
            "a corporate account number has 9 to 30 digits",
        );
    }
    ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-23").unwrap()
    }

    fn code(kind: IdentityKind, v: &str) -> Option<String> {
        check_identity(kind, v, now()).code
    }

    #[test]
    fn uscc_check_character() {
        // A well-known published example code.
        assert!(check_identity(IdentityKind::Uscc, "91350100M000100Y43", now()).valid);
        assert_eq!(
            code(IdentityKind::Uscc, "91350100M000100Y44").as_deref(),
            Some("CHECKSUM")
        );
        assert_eq!(
            code(IdentityKind::Uscc, "91350100M000100Y4").as_deref(),
            Some("LENGTH")
        );
        assert_eq!(
            code(IdentityKind::Uscc, "91350100M000100I43").as_deref(),
            Some("CHARSET")
        );
        assert!(check_identity(IdentityKind::Uscc, "9135 0100 M000 100Y43", now()).valid);
    }

    #[test]
    fn id_card_checksum_province_and_birth_date() {
        let r = check_identity(IdentityKind::IdCard, "11010519491231002X", now());
        assert!(r.valid, "{r:?}");
        assert_eq!(r.birth_date.as_deref(), Some("1949-12-31"));
        assert!(check_identity(IdentityKind::IdCard, "11010519491231002x", now()).valid);
        assert_eq!(
            code(IdentityKind::IdCard, "110105194912310021").as_deref(),
            Some("CHECKSUM")
        );
        assert_eq!(
            code(IdentityKind::IdCard, "99010519491231002X").as_deref(),
            Some("PROVINCE")
        );
        assert_eq!(
            code(IdentityKind::IdCard, "110105194902301234").as_deref(),
            Some("BIRTH_DATE")
        );
        assert_eq!(
            code(IdentityKind::IdCard, "110105209901011234").as_deref(),
            Some("BIRTH_DATE")
        );
        assert_eq!(
            code(IdentityKind::IdCard, "1101051949123100").as_deref(),
            Some("LENGTH")
        );
        assert_eq!(
            code(IdentityKind::IdCard, "11010519491231A02X").as_deref(),
            Some("FORMAT")
        );
    }

    #[test]
    fn bank_card_luhn() {
        assert!(check_identity(IdentityKind::BankCard, "6222 0202 0000 0000 006", now()).valid);
        assert!(check_identity(IdentityKind::BankCard, "4111111111111111", now()).valid);
        assert_eq!(
            code(IdentityKind::BankCard, "4111111111111112").as_deref(),
            Some("CHECKSUM")
        );
        assert_eq!(
            code(IdentityKind::BankCard, "411111111111").as_deref(),
            Some("LENGTH")
        );
        assert_eq!(
            code(IdentityKind::BankCard, "4111a11111111111").as_deref(),
            Some("FORMAT")
        );
    }
}
