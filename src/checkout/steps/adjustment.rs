//! Step 2½: 改价, the merchant's price change before payment. Applied after every offer and
//! before points, split over the lines by largest remainder on what each line costs then, so
//! no line goes below ¥0.00. It does not change which offers apply or whether shipping is free:
//! those were decided on the goods before it.

use crate::checkout::quote::QuoteLine;
use crate::foundation::error::{Error, ErrorKind, Result};
use crate::foundation::money::Money;
use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// An amount of yuan that may be negative ("-10.00" = ¥10 cheaper), on the fen grid.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SignedMoney {
    pub negative: bool,
    pub abs: Money,
}

impl SignedMoney {
    pub fn fen(self) -> i128 {
        if self.negative {
            -self.abs.fen()
        } else {
            self.abs.fen()
        }
    }

    pub fn from_fen(fen: i128) -> SignedMoney {
        SignedMoney {
            negative: fen < 0,
            abs: Money::from_fen(fen.abs()),
        }
    }
}

impl fmt::Display for SignedMoney {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative && !self.abs.is_zero() {
            write!(f, "-{}", self.abs)
        } else {
            write!(f, "{}", self.abs)
        }
    }
}

impl fmt::Debug for SignedMoney {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SignedMoney({self})")
    }
}

impl Serialize for SignedMoney {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SignedMoney {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<SignedMoney, D::Error> {
        struct V;
        fn read<E: serde::de::Error>(
            negative: bool,
            abs: &str,
        ) -> std::result::Result<SignedMoney, E> {
            Money::parse(abs)
                .map(|abs| SignedMoney { negative, abs })
                .map_err(crate::foundation::error::serde_error)
        }
        impl<'de> Visitor<'de> for V {
            type Value = SignedMoney;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount of yuan such as \"-10.00\"")
            }
            fn visit_str<E: serde::de::Error>(
                self,
                v: &str,
            ) -> std::result::Result<SignedMoney, E> {
                let t = v.trim();
                match t.strip_prefix('-') {
                    // "--1" or "-+1" stay refused by Money's own parse of the rest.
                    Some(rest) => read(true, rest),
                    None => read(false, t),
                }
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<SignedMoney, E> {
                Money::from_f64(v.abs())
                    .map(|abs| SignedMoney {
                        negative: v < 0.0,
                        abs,
                    })
                    .map_err(crate::foundation::error::serde_error)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<SignedMoney, E> {
                read(v < 0, &v.unsigned_abs().to_string())
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<SignedMoney, E> {
                read(false, &v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// 改价: `amount` added to the goods (negative = cheaper), with the merchant's reason.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct AdjustmentInput {
    #[cfg_attr(feature = "ts", tsify(type = "string | number"))]
    pub amount: SignedMoney,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The price change as applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdjustmentResult {
    /// Signed: "-10.00" made the goods ¥10 cheaper.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub amount: SignedMoney,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Goods after offers, before the change.
    pub goods_before: Money,
    pub message: String,
    pub message_en: String,
}

/// Apply the change to the lines (each keeps its signed share); returns what was applied.
pub(crate) fn apply_adjustment(
    a: &AdjustmentInput,
    lines: &mut [QuoteLine],
) -> Result<AdjustmentResult> {
    let goods: Money = lines.iter().map(|l| l.payable).sum();
    let total = a.amount.fen();
    if total < 0 && -total > goods.fen() {
        return Err(Error::new(
            ErrorKind::AdjustmentTooLarge {
                max: goods.to_string(),
            },
            "adjustment.amount",
        ));
    }
    let weights: Vec<i128> = lines.iter().map(|l| l.payable.fen()).collect();
    // A cut no larger than Σ weights gives no line more than its own amount (allocate_fen), so
    // no line goes below zero; a raise is split the same way.
    let parts = crate::foundation::allocate::allocate_fen(total.abs(), &weights);
    for (line, part) in lines.iter_mut().zip(parts) {
        let signed = if total < 0 { -part } else { part };
        line.payable = Money::from_fen(line.payable.fen() + signed);
        line.adjustment = Some(SignedMoney::from_fen(signed));
    }
    let (message, message_en) = crate::checkout::explain_after::adjustment(a, goods);
    Ok(AdjustmentResult {
        amount: a.amount,
        reason: a.reason.clone(),
        goods_before: goods,
        message,
        message_en,
    })
}
