//! What a shopper's cart is: lines with their price options, the buyer, per-shop shipping rules.
//! Decoding checks shapes and units; [`Cart::validate`] checks what spans fields (stock, limits,
//! duplicates, time windows).

use crate::error::{Error, ErrorKind, Result};
use crate::money::{deserialize_count, deserialize_opt_count, Money, Quantity, Rate};
use crate::time::Timestamp;
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fmt;

/// At most this many lines in one cart.
pub const MAX_LINES: usize = 10_000;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Cart {
    #[serde(deserialize_with = "bounded_lines")]
    pub lines: Vec<Line>,
    #[serde(default)]
    pub buyer: Buyer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub shipping: Option<Shipping>,
    /// Evaluation time; defaults to the caller's clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number"))]
    pub now: Option<Timestamp>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Buyer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<String>,
    /// Member level (0 = not a member). A member price for level L applies to levels ≥ L.
    #[serde(default, deserialize_with = "deserialize_count")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub member_level: u32,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub new_customer: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub sku_id: String,
    /// List price of one unit.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "MoneyInput"))]
    pub unit_price: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | string"))]
    pub quantity: Quantity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub shop_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub category_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub title: Option<String>,
    /// Units in stock; the quantity may not exceed it.
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub stock: Option<u32>,
    /// 限购: most units one order may take.
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub limit_per_order: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub member_prices: Vec<MemberPrice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub flash_sale: Option<FlashSale>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub group_buy: Option<GroupBuy>,
    /// The buyer starts or joins a 拼团 group for this line.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub join_group: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub bargain: Option<Bargain>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub ladder: Vec<LadderTier>,
}

/// 会员价: for members at `level` or above, a fixed price or a rate of the list price.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MemberPrice {
    #[serde(deserialize_with = "deserialize_count")]
    pub level: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "MoneyInput"))]
    pub unit_price: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub rate: Option<Rate>,
}

/// 秒杀: a price valid in [start, end), for at most `limitPerBuyer` units per buyer in total.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FlashSale {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "MoneyInput"))]
    pub unit_price: Money,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number"))]
    pub start: Timestamp,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number"))]
    pub end: Timestamp,
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub limit_per_buyer: Option<u32>,
    /// Units this buyer already bought in this sale (counts against the limit).
    #[serde(default, deserialize_with = "deserialize_count")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub purchased: u32,
}

/// 拼团: a price when the buyer starts or joins a group (`Line.joinGroup`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct GroupBuy {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "MoneyInput"))]
    pub unit_price: Money,
    /// People needed to complete the group (shown to the buyer).
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub group_size: Option<u32>,
}

/// 砍价: the bargained-down price, for `quantity` units (default 1).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Bargain {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "MoneyInput"))]
    pub unit_price: Money,
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub quantity: Option<u32>,
}

/// 阶梯价: from `minQuantity` units on, every unit costs `unitPrice`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LadderTier {
    #[serde(deserialize_with = "deserialize_count")]
    pub min_quantity: u32,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "MoneyInput"))]
    pub unit_price: Money,
}

/// Shipping rules: one per shop, with a default for shops not listed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Shipping {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub default: Option<ShippingRule>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, ShippingRule>")
    )]
    pub shops: BTreeMap<String, ShippingRule>,
}

/// 运费模板: `fee` covers the first `includedItems` pieces (default 1), each further piece adds
/// `extraPerItem`; free when the shop's goods amount reaches `freeThreshold` (包邮门槛).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ShippingRule {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "MoneyInput"))]
    pub fee: Money,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "MoneyInput"))]
    pub free_threshold: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "MoneyInput"))]
    pub extra_per_item: Option<Money>,
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub included_items: Option<u32>,
}

impl Shipping {
    pub fn rule_for(&self, shop_id: &str) -> Option<&ShippingRule> {
        self.shops.get(shop_id).or(self.default.as_ref())
    }
}

impl Line {
    /// The shop a line belongs to; lines without one form the "" shop.
    pub fn shop(&self) -> &str {
        self.shop_id.as_deref().unwrap_or("")
    }
}

impl Cart {
    /// Checks that span fields. Paths name the offending field.
    pub fn validate(&self) -> Result<()> {
        let mut seen = HashSet::with_capacity(self.lines.len());
        for (i, line) in self.lines.iter().enumerate() {
            let at = |field: &str| format!("lines[{i}].{field}");
            if line.sku_id.trim().is_empty() {
                return Err(Error::input("skuId must not be empty", at("skuId")));
            }
            if !seen.insert((line.shop(), line.sku_id.as_str())) {
                return Err(Error::new(
                    ErrorKind::DuplicateId {
                        id: line.sku_id.clone(),
                    },
                    at("skuId"),
                ));
            }
            let qty = line.quantity.get();
            if let Some(stock) = line.stock {
                if qty > stock {
                    return Err(Error::new(ErrorKind::OutOfStock { stock }, at("quantity")));
                }
            }
            if let Some(limit) = line.limit_per_order {
                if qty > limit {
                    return Err(Error::new(
                        ErrorKind::PurchaseLimitExceeded { limit },
                        at("quantity"),
                    ));
                }
            }
            if let Some(f) = &line.flash_sale {
                if f.start >= f.end {
                    return Err(Error::new(ErrorKind::InvalidTimeWindow, at("flashSale")));
                }
            }
            for (j, tier) in line.member_prices.iter().enumerate() {
                if tier.unit_price.is_some() == tier.rate.is_some() {
                    return Err(Error::input(
                        "a member price needs exactly one of unitPrice or rate",
                        at(&format!("memberPrices[{j}]")),
                    ));
                }
            }
            for (j, tier) in line.ladder.iter().enumerate() {
                if tier.min_quantity == 0 {
                    return Err(Error::input(
                        "minQuantity must be at least 1",
                        at(&format!("ladder[{j}].minQuantity")),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Reject carts over [`MAX_LINES`] while reading, before they are held in memory.
fn bounded_lines<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Line>, D::Error> {
    struct Bounded;
    impl<'de> Visitor<'de> for Bounded {
        type Value = Vec<Line>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "an array of at most {MAX_LINES} lines")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Line>, A::Error> {
            if seq.size_hint().unwrap_or(0) > MAX_LINES {
                return Err(crate::error::serde_error(ErrorKind::TooManyLines {
                    max: MAX_LINES,
                }));
            }
            let mut lines = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_LINES));
            while let Some(line) = seq.next_element()? {
                if lines.len() == MAX_LINES {
                    return Err(crate::error::serde_error(ErrorKind::TooManyLines {
                        max: MAX_LINES,
                    }));
                }
                lines.push(line);
            }
            Ok(lines)
        }
    }
    d.deserialize_seq(Bounded)
}
