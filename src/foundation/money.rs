//! Fen-exact money. A [`Money`] is a non-negative rust_decimal with exactly two decimals; it is
//! parsed strictly (contract: decimal strings or a JS number's shortest form, never more than two
//! decimals) and printed with exactly two decimals. Arithmetic that can leave the fen grid (a rate)
//! rounds half-up (四舍五入). [`allocate`] splits an amount by largest remainder so parts always sum
//! exactly.

use crate::foundation::error::{serde_error, ErrorKind, MoneyIssue};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// Largest amount accepted as input: ¥100,000,000.
pub const MAX_YUAN: i64 = 100_000_000;
/// Quantities are whole units 1..=99,999.
pub const MAX_QUANTITY: u32 = 99_999;
/// Decimals allowed in a rate ("0.006", "0.855").
const MAX_RATE_DECIMALS: u32 = 6;

/// An amount of yuan, always on the fen grid and never negative.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// From a whole number of fen (negative values clamp to zero: Money is never negative).
    pub fn from_fen(fen: i128) -> Money {
        let fen = fen.max(0);
        // Totals are bounded far below 2^96 fen, so this cannot fail in practice; saturate anyway.
        let d = Decimal::try_from_i128_with_scale(fen, 2).unwrap_or(Decimal::MAX);
        Money(d)
    }

    pub fn from_yuan(yuan: i64) -> Money {
        Money::from_fen(i128::from(yuan) * 100)
    }

    /// The amount in fen.
    pub fn fen(self) -> i128 {
        // Money is kept at scale 2, so the mantissa is the fen count.
        if self.0.scale() == 2 {
            return self.0.mantissa();
        }
        let mut d = self.0;
        d.rescale(2);
        d.mantissa()
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// Round any non-negative decimal to the fen, half-up.
    pub fn round(d: Decimal) -> Money {
        let r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        if r.is_sign_negative() {
            Money::ZERO
        } else {
            Money(normalize(r))
        }
    }

    /// `self × quantity`, exact.
    pub fn times(self, quantity: u32) -> Money {
        Money(self.0 * Decimal::from(quantity))
    }

    /// `self × rate`, rounded half-up to the fen.
    pub fn mul_rate(self, rate: Rate) -> Money {
        Money::round(self.0 * rate.0)
    }

    /// `self − other`, floored at zero.
    pub fn saturating_sub(self, other: Money) -> Money {
        if other >= self {
            Money::ZERO
        } else {
            Money(self.0 - other.0)
        }
    }

    /// Strict parse of a decimal string per the contract.
    pub fn parse(input: &str) -> Result<Money, ErrorKind> {
        let d = parse_decimal(input, 2).map_err(|issue| ErrorKind::InvalidMoney {
            issue,
            input: clip(input),
        })?;
        if d > Decimal::from(MAX_YUAN) {
            return Err(ErrorKind::AmountOutOfRange {
                max: Money::from_yuan(MAX_YUAN).to_string(),
            });
        }
        Ok(Money(normalize(d)))
    }

    /// A JS number, read through its shortest decimal form (0.1 → "0.1").
    pub fn from_f64(value: f64) -> Result<Money, ErrorKind> {
        let (input, exact) = number_text(value);
        // A whole number past 1e38 is not exact text but still far out of range: parse says so.
        if exact || value.fract() == 0.0 {
            return Money::parse(&input);
        }
        let issue = if value.is_finite() {
            MoneyIssue::TooManyDecimals
        } else {
            MoneyIssue::NotFinite
        };
        Err(ErrorKind::InvalidMoney { issue, input })
    }
}

/// Money as an input: the same value, read from a decimal string or a JS number. Input fields
/// use this name so the TypeScript declarations say `MoneyInput` (string | number), outputs
/// `Money` (string); both are declared once, in the binding's `typescript.rs`.
pub type MoneyInput = Money;

/// A number's shortest decimal text, as JS's `Number#toString` prints it without an exponent,
/// and whether it is exact. Exact for every value with at most 17 decimals whose digits fit in
/// 2^53: all that money, rates and counts can be. Anything else (`0.1 + 0.2`) gets an
/// approximation ending in "…", only ever echoed in a refusal. Rust's own `f64` formatting
/// would do it exactly but is 14 KB of WASM.
pub fn number_text(v: f64) -> (String, bool) {
    if v.is_nan() {
        return ("NaN".into(), false);
    }
    if v.is_infinite() {
        return (if v > 0.0 { "Infinity" } else { "-Infinity" }.into(), false);
    }
    // The fewest decimals d for which round(v·10^d) / 10^d gives v back: that division is
    // correctly rounded, so it is what parsing the d-decimal text gives.
    let mut scale = 1.0f64;
    for d in 0..=17 {
        let scaled = (v * scale).round();
        if scaled.abs() >= 9_007_199_254_740_992.0 {
            break;
        }
        if scaled / scale == v {
            return (fixed(scaled as i64, d), true);
        }
        scale *= 10.0;
    }
    if v.fract() == 0.0 {
        // Beyond 2^53 every f64 is a whole number; i128 holds all that money could mean.
        if v.abs() < 1e38 {
            return ((v as i128).to_string(), true);
        }
        // Past i128, which would print its own maximum: JS's exponent form, digits cut.
        return (exponent_text(v), false);
    }
    let mut text = fixed((v * 1e9).trunc() as i64, 9);
    text.push('…');
    (text, false)
}

/// A huge finite `v` as JS would start to print it: "1e+308", "-1.7…e+308" (no float
/// formatting: Rust's costs 14 KB of WASM).
fn exponent_text(v: f64) -> String {
    let (mut m, mut e) = (v.abs(), 0);
    while m >= 10.0 {
        m /= 10.0;
        e += 1;
    }
    let d = m.trunc();
    let sign = if v < 0.0 { "-" } else { "" };
    let rest = if (m - d).abs() < 1e-9 { "" } else { ".…" };
    format!("{sign}{}{rest}e+{e}", d as u8)
}

/// `n / 10^d` written out: `fixed(-5, 2)` is "-0.05".
fn fixed(n: i64, d: u32) -> String {
    let digits = n.unsigned_abs().to_string();
    let d = d as usize;
    let mut out = String::with_capacity(digits.len() + d + 3);
    if n < 0 {
        out.push('-');
    }
    if d == 0 {
        out.push_str(&digits);
    } else if digits.len() > d {
        out.push_str(&digits[..digits.len() - d]);
        out.push('.');
        out.push_str(&digits[digits.len() - d..]);
    } else {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', d - digits.len()));
        out.push_str(&digits);
    }
    out
}

fn normalize(mut d: Decimal) -> Decimal {
    d.rescale(2);
    d
}

/// Keep echoed input short in messages.
fn clip(s: &str) -> String {
    if s.chars().count() > 40 {
        let mut t: String = s.chars().take(40).collect();
        t.push('…');
        t
    } else {
        s.to_string()
    }
}

/// Parse `digits[.digits]` with at most `max_decimals` decimals. Rejects signs other than a
/// leading '-' (reported as Negative), exponents, NaN/Infinity and anything else.
pub(crate) fn parse_decimal(input: &str, max_decimals: u32) -> Result<Decimal, MoneyIssue> {
    let s = input.trim();
    if s.is_empty() {
        return Err(MoneyIssue::Empty);
    }
    let word = s.trim_start_matches(['-', '+']);
    if ["nan", "inf", "infinity"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
    {
        return Err(MoneyIssue::NotFinite);
    }
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int_part) || !frac_part.is_none_or(all_digits) {
        if body.contains(['e', 'E']) {
            return Err(MoneyIssue::Exponent);
        }
        return Err(MoneyIssue::NotANumber);
    }
    if negative {
        return Err(MoneyIssue::Negative);
    }
    let frac = frac_part.unwrap_or("");
    if frac.len() as u32 > max_decimals {
        return Err(MoneyIssue::TooManyDecimals);
    }
    // Anything past 12 integer digits is out of every range we accept; stop before Decimal's limit.
    let int_trimmed = int_part.trim_start_matches('0');
    if int_trimmed.len() > 12 {
        return Ok(Decimal::MAX);
    }
    // At most 12 + 6 digits: the mantissa fits in i64 (every amount in a cart is parsed here).
    let mantissa = int_trimmed
        .bytes()
        .chain(frac.bytes())
        .fold(0i64, |m, b| m * 10 + i64::from(b - b'0'));
    Decimal::try_from_i128_with_scale(i128::from(mantissa), frac.len() as u32)
        .map_err(|_| MoneyIssue::NotANumber)
}

impl Money {
    /// The two-decimal text into a stack buffer: every amount in every quote goes through
    /// here, so digits by hand, no i128 division and no formatter.
    pub(crate) fn text(self, buf: &mut [u8; 48]) -> &str {
        let fen = self.fen();
        let negative = fen < 0;
        let mut i = buf.len();
        // Digits from the right, a dot after the first two. Every real amount fits in u64 fen;
        // u128 division is a slow library call in wasm, so it is only the fallback.
        let mut digits = 0;
        let mut put = |i: &mut usize, digit: u8| {
            if digits == 2 {
                *i -= 1;
                buf[*i] = b'.';
            }
            *i -= 1;
            buf[*i] = b'0' + digit;
            digits += 1;
            digits
        };
        match u64::try_from(fen.unsigned_abs()) {
            Ok(mut rest) => loop {
                let n = put(&mut i, (rest % 10) as u8);
                rest /= 10;
                if rest == 0 && n >= 3 {
                    break;
                }
            },
            Err(_) => {
                let mut rest = fen.unsigned_abs();
                loop {
                    let n = put(&mut i, (rest % 10) as u8);
                    rest /= 10;
                    if rest == 0 && n >= 3 {
                        break;
                    }
                }
            }
        }
        if negative {
            i -= 1;
            buf[i] = b'-';
        }
        // Only ASCII digits, a dot and a sign were written.
        std::str::from_utf8(&buf[i..]).unwrap_or("0.00")
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text(&mut [0; 48]))
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "¥{self}")
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

/// Subtraction floors at zero; use it only where that is the rule (payable never below zero).
impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        self.saturating_sub(rhs)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text(&mut [0; 48]))
    }
}

struct MoneyVisitor;

impl<'de> Visitor<'de> for MoneyVisitor {
    type Value = Money;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an amount in yuan as a decimal string, e.g. \"12.30\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
        Money::parse(v).map_err(serde_error)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
        Money::from_f64(v).map_err(serde_error)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
        Money::parse(&v.to_string()).map_err(serde_error)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
        Money::parse(&v.to_string()).map_err(serde_error)
    }

    // JSON has no NaN or Infinity: JSON.stringify turns them into null.
    fn visit_unit<E: de::Error>(self) -> Result<Money, E> {
        Err(serde_error(ErrorKind::InvalidMoney {
            issue: MoneyIssue::NotFinite,
            input: "null".into(),
        }))
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        d.deserialize_any(MoneyVisitor)
    }
}

/// A fraction from 0 to 1 inclusive: a fee rate ("0.006") or a fraction paid ("0.85" = 八五折).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Rate(Decimal);

impl Rate {
    pub const ONE: Rate = Rate(Decimal::ONE);

    pub fn parse(input: &str) -> Result<Rate, ErrorKind> {
        let invalid = || ErrorKind::InvalidRate { input: clip(input) };
        let d = parse_decimal(input, MAX_RATE_DECIMALS).map_err(|_| invalid())?;
        if d > Decimal::ONE {
            return Err(invalid());
        }
        Ok(Rate(d.normalize()))
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    /// The rate in millionths (rates have at most six decimals, so this is exact).
    pub fn ppm(self) -> i64 {
        let mut d = self.0;
        d.rescale(MAX_RATE_DECIMALS);
        i64::try_from(d.mantissa()).unwrap_or(0)
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Debug for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rate({})", self.0)
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

struct RateVisitor;

impl<'de> Visitor<'de> for RateVisitor {
    type Value = Rate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a rate as a decimal string from 0 to 1, e.g. \"0.85\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Rate, E> {
        Rate::parse(v).map_err(serde_error)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Rate, E> {
        match number_text(v) {
            (text, true) => Rate::parse(&text).map_err(serde_error),
            (input, false) => Err(serde_error(ErrorKind::InvalidRate { input })),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Rate, E> {
        Rate::parse(&v.to_string()).map_err(serde_error)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Rate, E> {
        Rate::parse(&v.to_string()).map_err(serde_error)
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Rate, D::Error> {
        d.deserialize_any(RateVisitor)
    }
}

/// A whole number of units, 1..=99,999. Accepts a JS integer or a digit string (form inputs).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize)]
#[serde(transparent)]
pub struct Quantity(u32);

impl Quantity {
    pub fn new(n: u32) -> Result<Quantity, ErrorKind> {
        if (1..=MAX_QUANTITY).contains(&n) {
            Ok(Quantity(n))
        } else {
            Err(Quantity::invalid())
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }

    fn invalid() -> ErrorKind {
        ErrorKind::InvalidQuantity {
            min: 1,
            max: MAX_QUANTITY,
        }
    }
}

/// Visitor for whole counts with an inclusive range; shared by quantities, stock and limits.
#[derive(Clone, Copy)]
pub(crate) struct CountVisitor {
    pub min: u64,
    pub max: u64,
    pub error: fn() -> ErrorKind,
}

impl<'de> Visitor<'de> for CountVisitor {
    type Value = u32;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a whole number from {} to {}", self.min, self.max)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
        if v >= self.min && v <= self.max {
            u32::try_from(v).map_err(|_| serde_error((self.error)()))
        } else {
            Err(serde_error((self.error)()))
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(serde_error((self.error)())),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u32, E> {
        if v.is_finite() && v.fract() == 0.0 && v >= 0.0 && v <= self.max as f64 {
            self.visit_u64(v as u64)
        } else {
            Err(serde_error((self.error)()))
        }
    }

    /// JSON null is what a JS NaN or Infinity becomes: the same error as any bad count.
    fn visit_unit<E: de::Error>(self) -> Result<u32, E> {
        Err(serde_error((self.error)()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u32, E> {
        let t = v.trim();
        if !t.is_empty() && t.len() <= 10 && t.bytes().all(|b| b.is_ascii_digit()) {
            self.visit_u64(t.parse().unwrap_or(u64::MAX))
        } else {
            Err(serde_error((self.error)()))
        }
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Quantity, D::Error> {
        d.deserialize_any(CountVisitor {
            min: 1,
            max: u64::from(MAX_QUANTITY),
            error: Quantity::invalid,
        })
        .map(Quantity)
    }
}

/// A whole count ≥ 0 given on its own (e.g. units already returned).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Deserialize)]
#[serde(transparent)]
pub struct Count(#[serde(deserialize_with = "deserialize_count")] pub u32);

/// A count of 0..=u32::MAX units (stock, limits, already purchased).
pub(crate) fn deserialize_count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    d.deserialize_any(CountVisitor {
        min: 0,
        max: u64::from(u32::MAX),
        error: || ErrorKind::InvalidCount,
    })
}

pub(crate) fn deserialize_opt_count<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<u32>, D::Error> {
    #[derive(Deserialize)]
    struct Wrap(#[serde(deserialize_with = "deserialize_count")] u32);
    Option::<Wrap>::deserialize(d).map(|o| o.map(|w| w.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_text_is_what_js_prints() {
        // Number#toString in JS, for each.
        let cases = [
            (0.1, "0.1"),
            (19.9, "19.9"),
            (-0.0, "0"),
            (1.005, "1.005"),
            (100000000.01, "100000000.01"),
            (1e-7, "0.0000001"),
            (123456789012.5, "123456789012.5"),
            (9007199254740991.0, "9007199254740991"),
            (0.000001, "0.000001"),
            (-12.5, "-12.5"),
            (5.0, "5"),
        ];
        for (v, js) in cases {
            assert_eq!(number_text(v), (js.to_string(), true), "{v:e}");
        }
        // Beyond 2^53 every f64 is whole; printed exactly as Rust (and JS, below 1e21) would.
        assert_eq!(
            number_text(1e20),
            ("100000000000000000000".to_string(), true)
        );
        assert!(!number_text(0.1 + 0.2).1);
        assert!(!number_text(f64::NAN).1 && !number_text(f64::INFINITY).1);
        assert_eq!(number_text(f64::NEG_INFINITY).0, "-Infinity");
    }

    #[test]
    fn number_text_round_trips_every_short_decimal() {
        // Every amount with up to two decimals up to ¥10,000, and rates with four: the text is
        // the shortest and parses back to the same f64, as Rust's own formatting says.
        for n in 0..1_000_000i64 {
            let v = n as f64 / 100.0;
            assert_eq!(number_text(v).0, v.to_string(), "{n}");
        }
        for n in 0..=10_000i64 {
            let v = n as f64 / 10_000.0;
            assert_eq!(number_text(v).0, v.to_string(), "{n}");
        }
    }

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn parses_and_formats_two_decimals() {
        assert_eq!(m("12.3").to_string(), "12.30");
        assert_eq!(m("12").to_string(), "12.00");
        assert_eq!(m("0.01").to_string(), "0.01");
        assert_eq!(m("0").to_string(), "0.00");
        assert_eq!(m("0.05").to_string(), "0.05");
        assert_eq!(m("0.5").to_string(), "0.50");
        assert_eq!(m("007.5").to_string(), "7.50");
        assert_eq!(m("100000000").to_string(), "100000000.00");
        assert_eq!(Money::from_f64(0.1).unwrap().to_string(), "0.10");
        assert_eq!(Money::from_f64(19.9).unwrap().to_string(), "19.90");
    }

    #[test]
    fn rejects_bad_money() {
        let issue = |s: &str| match Money::parse(s) {
            Err(ErrorKind::InvalidMoney { issue, .. }) => Some(issue),
            _ => None,
        };
        assert_eq!(issue("1.005"), Some(MoneyIssue::TooManyDecimals));
        assert_eq!(issue("1.000"), Some(MoneyIssue::TooManyDecimals));
        assert_eq!(issue(""), Some(MoneyIssue::Empty));
        assert_eq!(issue("  "), Some(MoneyIssue::Empty));
        assert_eq!(issue("1e3"), Some(MoneyIssue::Exponent));
        assert_eq!(issue("NaN"), Some(MoneyIssue::NotFinite));
        assert_eq!(issue("-Infinity"), Some(MoneyIssue::NotFinite));
        assert_eq!(issue("-1"), Some(MoneyIssue::Negative));
        assert_eq!(issue("abc"), Some(MoneyIssue::NotANumber));
        assert_eq!(issue("1."), Some(MoneyIssue::NotANumber));
        assert_eq!(issue(".5"), Some(MoneyIssue::NotANumber));
        assert_eq!(issue("+1"), Some(MoneyIssue::NotANumber));
        assert_eq!(issue("１２"), Some(MoneyIssue::NotANumber));
        assert!(Money::from_f64(f64::NAN).is_err());
        assert!(Money::from_f64(0.001).is_err());
        assert!(matches!(
            Money::parse("100000000.01"),
            Err(ErrorKind::AmountOutOfRange { .. })
        ));
        assert!(matches!(
            Money::parse("99999999999999999999999999999999"),
            Err(ErrorKind::AmountOutOfRange { .. })
        ));
    }

    #[test]
    fn rounds_half_up() {
        let r = Rate::parse("0.85").unwrap();
        // 0.10 × 0.85 = 0.085 → 0.09
        assert_eq!(m("0.10").mul_rate(r).to_string(), "0.09");
        // 0.30 × 0.85 = 0.255 → 0.26
        assert_eq!(m("0.30").mul_rate(r).to_string(), "0.26");
        assert_eq!(m("0.20").mul_rate(r).to_string(), "0.17");
    }

    #[test]
    fn rates_are_fractions() {
        assert!(Rate::parse("1.01").is_err());
        assert!(Rate::parse("-0.1").is_err());
        assert!(Rate::parse("0.0000001").is_err());
        assert_eq!(Rate::parse("0.006").unwrap().to_string(), "0.006");
    }
}
