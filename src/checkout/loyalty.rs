//! The rulebook's after-the-price part: points earned (`points.earn`), member levels from growth
//! (`membership`), e-invoice tax rates (`invoice`) and what a return refunds (`refund`). Read in
//! both modules from build.rs's copy of data/rulebook.json's checkout part, so the shopper's
//! module carries these rules without the merchant rulebook.

use crate::foundation::error::{Error, ErrorKind, Result};
use crate::foundation::money::Rate;
use rust_decimal::Decimal;
use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// A non-negative decimal multiplier (up to 10000, at most four decimals): points per yuan, a
/// level's ×1.5. Read from a decimal string or a JS number; written as a string.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Factor(Decimal);

impl Factor {
    pub const ONE: Factor = Factor(Decimal::ONE);

    pub fn parse(input: &str) -> Option<Factor> {
        let s = input.trim();
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return None;
        }
        // The crate's own decimal reader: rust_decimal's FromStr brings its whole parser along.
        let d: Decimal = crate::foundation::money::parse_decimal(s, 4).ok()?;
        (d.scale() <= 4 && d <= Decimal::from(10_000)).then(|| Factor(d.normalize()))
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }
}

impl fmt::Debug for Factor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Factor({})", self.0)
    }
}

impl fmt::Display for Factor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Factor {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Factor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Factor, D::Error> {
        struct V;
        fn bad<E: serde::de::Error>(input: &str) -> E {
            crate::foundation::error::serde_error(ErrorKind::InvalidInput {
                detail: format!(
                    "not a multiplier from 0 to 10000 with at most 4 decimals: \"{input}\""
                ),
            })
        }
        impl<'de> Visitor<'de> for V {
            type Value = Factor;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a non-negative decimal such as \"1.5\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Factor, E> {
                Factor::parse(v).ok_or_else(|| bad(v))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Factor, E> {
                let (text, _) = crate::foundation::money::number_text(v);
                self.visit_str(&text)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Factor, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Factor, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// 积分赠送 defaults: points per yuan paid for goods, and a multiplier per member level (the
/// highest level listed at or below the buyer's applies).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EarnRule {
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub per_yuan: Factor,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, string>"))]
    pub level_multipliers: BTreeMap<String, Factor>,
    pub source: String,
}

/// One member level: reached at `minGrowth` growth points.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LevelRule {
    pub level: u32,
    pub min_growth: u64,
    pub name: String,
    pub name_en: String,
}

/// 会员等级: levels by growth, and growth earned per yuan paid for goods.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MembershipRule {
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub growth_per_yuan: Factor,
    pub levels: Vec<LevelRule>,
    pub source: String,
}

/// A VAT rate with where it comes from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TaxRate {
    pub rate: Rate,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CategoryTaxRate {
    /// Dotted category ids; a rate holds for the category's descendants too.
    pub category_ids: Vec<String>,
    pub rate: Rate,
    pub source: String,
}

/// 电子发票 tax rates: a default, by category, and for shipping.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct InvoiceRule {
    pub default_rate: TaxRate,
    #[serde(default)]
    pub by_category: Vec<CategoryTaxRate>,
    pub shipping_rate: TaxRate,
}

/// When a return refunds the shop's shipping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ShippingRefund {
    /// With the return that leaves none of the shop's units kept.
    WhenShopFullyReturned,
    Never,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RefundRule {
    pub shipping: ShippingRefund,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
struct PointsPart {
    earn: EarnRule,
}

/// The after-the-price rules of one rulebook.
#[derive(Debug, Clone, Deserialize)]
pub struct LoyaltyRules {
    points: PointsPart,
    pub membership: MembershipRule,
    pub invoice: InvoiceRule,
    pub refund: RefundRule,
}

impl LoyaltyRules {
    pub fn earn(&self) -> &EarnRule {
        &self.points.earn
    }
}

/// The embedded rulebook's after-the-price rules, read once.
pub fn loyalty_rules() -> &'static LoyaltyRules {
    static RULES: std::sync::OnceLock<LoyaltyRules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        crate::foundation::json::from_json(include_str!(concat!(
            env!("OUT_DIR"),
            "/checkout-rules.json"
        )))
        .expect("embedded rulebook is valid")
    })
}

/// Just the membership part of a caller's rulebook (other fields are skipped).
#[derive(Debug, Clone, Deserialize)]
pub struct MembershipBook {
    pub membership: MembershipRule,
}

impl MembershipRule {
    /// Levels must start at growth 0 and rise strictly in level and growth.
    pub fn check(&self) -> Result<()> {
        let bad = |detail: &str, path: String| {
            Err(Error::new(
                ErrorKind::InvalidRulebook {
                    detail: detail.into(),
                },
                path,
            ))
        };
        match self.levels.first() {
            None => {
                return bad(
                    "membership needs at least one level",
                    "membership.levels".into(),
                )
            }
            Some(l) if l.min_growth != 0 => {
                return bad(
                    "the first level must start at growth 0",
                    "membership.levels[0].minGrowth".into(),
                )
            }
            _ => {}
        }
        for (i, w) in self.levels.windows(2).enumerate() {
            if w[1].level <= w[0].level || w[1].min_growth <= w[0].min_growth {
                return bad(
                    "levels must rise in level and minGrowth",
                    format!("membership.levels[{}]", i + 1),
                );
            }
        }
        Ok(())
    }
}
