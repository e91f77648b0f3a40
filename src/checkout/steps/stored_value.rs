//! Step 6b: 储值 / 购物金 as a payment, not a discount: it pays part of `payable` and leaves
//! every price, discount, points and invoice amount as they are. What it pays is split over the
//! lines and each shop's shipping by largest remainder, so a refund can give back the same
//! stored value it took (refund_after.rs).

use crate::checkout::cart::Cart;
use crate::checkout::quote::Quote;
use crate::foundation::error::{Error, ErrorKind, Result};
use crate::foundation::money::Money;
use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// How much stored value to use: "max" (as much as the balance and payable allow) or an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoredValueUse {
    Max,
    Amount(Money),
}

impl Serialize for StoredValueUse {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            StoredValueUse::Max => s.serialize_str("max"),
            StoredValueUse::Amount(m) => m.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for StoredValueUse {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        fn money<E: serde::de::Error>(
            r: std::result::Result<Money, ErrorKind>,
        ) -> std::result::Result<StoredValueUse, E> {
            r.map(StoredValueUse::Amount)
                .map_err(crate::foundation::error::serde_error)
        }
        impl<'de> Visitor<'de> for V {
            type Value = StoredValueUse;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount of yuan or \"max\"")
            }
            fn visit_str<E: serde::de::Error>(
                self,
                v: &str,
            ) -> std::result::Result<Self::Value, E> {
                if v == "max" {
                    Ok(StoredValueUse::Max)
                } else {
                    money(Money::parse(v))
                }
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Self::Value, E> {
                money(Money::from_f64(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Self::Value, E> {
                money(Money::parse(&v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
                money(Money::parse(&v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// The buyer's stored value and how much of it to pay with.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct StoredValueInput {
    pub balance: crate::foundation::money::MoneyInput,
    #[cfg_attr(feature = "ts", tsify(type = "\"max\" | string | number"))]
    pub r#use: StoredValueUse,
}

/// One shop's shipping paid by stored value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ShopStoredValue {
    pub shop_id: String,
    pub stored_value: Money,
}

/// How `payable` is paid: storedValue + cash = payable, storedValue ≤ payable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub stored_value: Money,
    pub cash: Money,
    pub balance: Money,
    pub balance_after: Money,
    /// Stored value on goods (Σ lines' storedValue) and on shipping, per shop.
    pub goods: Money,
    pub shipping: Vec<ShopStoredValue>,
    pub message: String,
    pub message_en: String,
}

/// Fill `payment` and the lines' `storedValue` when the cart pays with stored value.
pub(crate) fn pay(cart: &Cart, q: &mut Quote) -> Result<()> {
    let Some(sv) = &cart.stored_value else {
        return Ok(());
    };
    let requested = match sv.r#use {
        StoredValueUse::Max => sv.balance,
        StoredValueUse::Amount(a) if a > sv.balance => {
            return Err(Error::new(
                ErrorKind::InsufficientBalance {
                    requested: a.to_string(),
                    balance: sv.balance.to_string(),
                },
                "storedValue.use",
            ));
        }
        StoredValueUse::Amount(a) => a,
    };
    let used = requested.min(q.payable);
    // Lines first, then each shop's shipping: one allocation so the parts add up exactly.
    let mut weights: Vec<i128> = q.lines.iter().map(|l| l.payable.fen()).collect();
    weights.extend(q.shops.iter().map(|s| s.shipping.fen()));
    let parts = crate::foundation::allocate::allocate_fen(used.fen(), &weights);
    let (line_parts, ship_parts) = parts.split_at(q.lines.len());
    for (line, &p) in q.lines.iter_mut().zip(line_parts) {
        line.stored_value = Some(Money::from_fen(p));
    }
    let shipping: Vec<ShopStoredValue> = q
        .shops
        .iter()
        .zip(ship_parts)
        .filter(|(_, &p)| p > 0)
        .map(|(s, &p)| ShopStoredValue {
            shop_id: s.shop_id.clone(),
            stored_value: Money::from_fen(p),
        })
        .collect();
    let cash = q.payable - used;
    let (message, message_en) = crate::checkout::explain_after::paid(used, cash, sv.balance);
    q.payment = Some(Payment {
        stored_value: used,
        cash,
        balance: sv.balance,
        balance_after: sv.balance - used,
        goods: Money::from_fen(line_parts.iter().sum()),
        shipping,
        message,
        message_en,
    });
    Ok(())
}
