//! The 运费模板 input: templates, their region and free rules, measures in fixed point, how
//! templates merge and how the order is delivered.

use crate::foundation::error::{serde_error, ErrorKind};
use crate::foundation::money::{deserialize_opt_count, number_text, MoneyInput};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// Measures are kept in ten-thousandths: 2.3 kg = 23 000, 0.05 m³ = 500, 3 pieces = 30 000.
pub const SCALE: u64 = 10_000;
/// Largest measure accepted (kg, m³ or pieces): beyond any parcel, keeps every sum in u128.
pub(crate) const MAX_MEASURE: u64 = 1_000_000;

/// A non-negative decimal with at most four decimals, read from a string or a JS number and
/// kept as an integer count of ten-thousandths (never a float).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Debug)]
pub struct Measure(u64);

impl Measure {
    pub fn from_scaled(v: u64) -> Measure {
        Measure(v)
    }

    pub fn scaled(self) -> u64 {
        self.0
    }

    /// Decimals written (trailing zeros dropped): 2.30 has one.
    pub fn decimals(self) -> u32 {
        let mut frac = self.0 % SCALE;
        if frac == 0 {
            return 0;
        }
        let mut d = 4;
        while frac.is_multiple_of(10) {
            frac /= 10;
            d -= 1;
        }
        d
    }

    pub fn parse(input: &str) -> Option<Measure> {
        let s = input.trim();
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits(int) || !digits(frac) || frac.len() > 4 {
            return None;
        }
        if s.contains('.') && frac.is_empty() {
            return None;
        }
        let int = int.trim_start_matches('0');
        if int.len() > 7 {
            return None;
        }
        let whole: u64 = if int.is_empty() { 0 } else { int.parse().ok()? };
        if whole > MAX_MEASURE {
            return None;
        }
        let mut f: u64 = 0;
        for (i, b) in frac.bytes().enumerate() {
            f += u64::from(b - b'0') * 10u64.pow(3 - i as u32);
        }
        let v = whole * SCALE + f;
        (v <= MAX_MEASURE * SCALE).then_some(Measure(v))
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.0 / SCALE, self.0 % SCALE);
        if frac == 0 {
            write!(f, "{whole}")
        } else {
            let text = format!("{frac:04}");
            write!(f, "{whole}.{}", text.trim_end_matches('0'))
        }
    }
}

impl Serialize for Measure {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn measure_error() -> ErrorKind {
    ErrorKind::InvalidInput {
        detail: format!("expected a number from 0 to {MAX_MEASURE} with at most 4 decimals"),
    }
}

struct MeasureVisitor;

impl Visitor<'_> for MeasureVisitor {
    type Value = Measure;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number ≥ 0 with at most 4 decimals, e.g. \"2.3\"")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Measure, E> {
        Measure::parse(v).ok_or_else(|| serde_error(measure_error()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Measure, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Measure, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Measure, E> {
        match number_text(v) {
            (text, true) => self.visit_str(&text),
            _ => Err(serde_error(measure_error())),
        }
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<Measure, E> {
        Err(serde_error(measure_error()))
    }
}

impl<'de> Deserialize<'de> for Measure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Measure, D::Error> {
        d.deserialize_any(MeasureVisitor)
    }
}

/// What a template charges by: pieces, weight (kg, ≤ 3 decimals) or volume (m³, ≤ 4 decimals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ChargeBy {
    Count,
    Weight,
    Volume,
}

impl ChargeBy {
    pub(crate) fn max_decimals(self) -> u32 {
        match self {
            ChargeBy::Count => 0,
            ChargeBy::Weight => 3,
            ChargeBy::Volume => 4,
        }
    }
}

/// How several templates in one shop parcel combine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Merge {
    /// Each template charged on its own units.
    #[default]
    Sum,
    /// The highest applicable first fee charged normally, every other template all its units at
    /// its extra rate.
    MaxFirst,
}

impl Merge {
    pub fn is_sum(&self) -> bool {
        *self == Merge::Sum
    }
}

/// 快递 (default) or 到店自提, which ships free and needs no address.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Delivery {
    #[default]
    Express,
    Pickup,
}

impl Delivery {
    pub fn is_express(&self) -> bool {
        *self == Delivery::Express
    }
}

/// 运费模板: `firstFee` for the first `first` units, `extraFee` for each further `extra` (or part).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Template {
    /// Display name in shipping text (the id never is shown); absent: the lines' titles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub name_en: Option<String>,
    pub charge: ChargeBy,
    #[cfg_attr(feature = "ts", tsify(type = "string | number"))]
    pub first: Measure,
    pub first_fee: MoneyInput,
    #[cfg_attr(feature = "ts", tsify(type = "string | number"))]
    pub extra: Measure,
    pub extra_fee: MoneyInput,
    /// 指定地区运费: the most specific rule covering the address wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub regions: Vec<RegionRates>,
    /// 指定条件包邮.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub free: Vec<FreeRule>,
    /// 不配送区域: region codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub no_delivery: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegionRates {
    pub codes: Vec<String>,
    #[cfg_attr(feature = "ts", tsify(type = "string | number"))]
    pub first: Measure,
    pub first_fee: MoneyInput,
    #[cfg_attr(feature = "ts", tsify(type = "string | number"))]
    pub extra: Measure,
    pub extra_fee: MoneyInput,
}

/// Free when the template's lines reach `minAmount` and/or `minCount` (both when both are given)
/// for an address under `codes` (no codes: everywhere).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FreeRule {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub codes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_amount: Option<MoneyInput>,
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_count: Option<u32>,
}
