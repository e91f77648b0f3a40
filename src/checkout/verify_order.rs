//! A server's check of a placed order that trusts only the buyer's choices: the cart is rebuilt
//! from the server's own catalog (prices, promotions, shipping, stock), coupons come only from
//! the wallet the server knows, the time is the server's clock, and the client's quote is
//! compared with the result amount by amount. Every difference is data with a stable code:
//!
//! | code               | path                                               | meaning |
//! | ------------------ | -------------------------------------------------- | ------- |
//! | `UNKNOWN_COUPON`   | `order.coupons[i].id`, `order.couponSelection[i]`  | a coupon sent or chosen that is not in the buyer's wallet, or not in the catalog |
//! | `CLOCK_SKEW`       | `evaluatedAt`                                      | the client quoted further than the allowed skew from the server's now |
//! | `PAYABLE_MISMATCH` | `payable`                                          | the amount to pay differs |
//! | `TOTAL_MISMATCH`   | `subtotal`, `discount`, `shipping`, `pointsDeduction` | a cart total differs |
//! | `LINE_MISMATCH`    | `lines[i]`, `lines[i].skuId`, `.quantity`, `.subtotal`, `.discount`, `.pointsDeduction`, `.payable` | a line is missing, extra, or one of its amounts differs |
//! | `APPLIED_MISMATCH` | `applied[i].id`, `applied[i].amount`, `applied`    | an offer applied on one side only (`client` or `server` null), or for another amount |
//!
//! `client` and `server` are the two values as text (money as "12.30", times as ISO-8601), null
//! where one side has nothing. The client quote is read strictly: a key given twice anywhere is
//! an error, not "the last one wins" (a quote starting `{"payable":"0.01", …` must not match).

use crate::checkout::catalog::{Catalog, Order};
use crate::checkout::offer::Selection;
use crate::checkout::quote::Quote;
use crate::foundation::error::{serde_error, Error, ErrorKind, Result};
use crate::foundation::money::Money;
use crate::foundation::time::Timestamp;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

pub const UNKNOWN_COUPON: &str = "UNKNOWN_COUPON";
pub const CLOCK_SKEW: &str = "CLOCK_SKEW";
pub const PAYABLE_MISMATCH: &str = "PAYABLE_MISMATCH";
pub const TOTAL_MISMATCH: &str = "TOTAL_MISMATCH";
pub const LINE_MISMATCH: &str = "LINE_MISMATCH";
pub const APPLIED_MISMATCH: &str = "APPLIED_MISMATCH";

/// What the server knows that the client does not decide.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// The server's clock; `None` reads the system clock (native builds only).
    pub now: Option<Timestamp>,
    /// Coupon ids this buyer holds. `None`: the server keeps no wallet, so the coupons the order
    /// sends are taken by id (their terms still come from the catalog).
    pub wallet: Option<Vec<String>>,
    /// How far the client's `evaluatedAt` may be from `now` (default 300).
    pub max_clock_skew_seconds: i64,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            now: None,
            wallet: None,
            max_clock_skew_seconds: 300,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct OrderVerification {
    /// No differences: the client's quote is the server's.
    pub ok: bool,
    /// The server's quote (the one to charge).
    pub quote: Quote,
    pub differences: Vec<OrderDifference>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct OrderDifference {
    pub path: String,
    pub client: Option<String>,
    pub server: Option<String>,
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub code: &'static str,
}

/// The parts of a client quote that are compared; the rest of the engine's quote may come along
/// and is read only for duplicate keys.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClientQuote {
    subtotal: Money,
    discount: Money,
    shipping: Money,
    points_deduction: Money,
    payable: Money,
    lines: Vec<ClientLine>,
    applied: Vec<ClientApplied>,
    evaluated_at: Timestamp,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClientLine {
    sku_id: String,
    quantity: u32,
    subtotal: Money,
    discount: Money,
    points_deduction: Money,
    payable: Money,
}

#[derive(Deserialize)]
struct ClientApplied {
    id: String,
    amount: Money,
}

/// Check that no object in a JSON document repeats a key (path of the second occurrence).
pub fn reject_duplicate_keys(json: &str) -> Result<()> {
    crate::foundation::json::from_json::<NoDuplicates>(json).map(|_| ())
}

struct NoDuplicates;

impl<'de> Deserialize<'de> for NoDuplicates {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(NoDuplicates)
    }
}

impl<'de> Visitor<'de> for NoDuplicates {
    type Value = NoDuplicates;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, _: bool) -> std::result::Result<Self, E> {
        Ok(NoDuplicates)
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<Self, E> {
        Ok(NoDuplicates)
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<Self, E> {
        Ok(NoDuplicates)
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<Self, E> {
        Ok(NoDuplicates)
    }
    fn visit_str<E>(self, _: &str) -> std::result::Result<Self, E> {
        Ok(NoDuplicates)
    }
    fn visit_unit<E>(self) -> std::result::Result<Self, E> {
        Ok(NoDuplicates)
    }
    fn visit_none<E>(self) -> std::result::Result<Self, E> {
        Ok(NoDuplicates)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Self, A::Error> {
        while seq.next_element::<NoDuplicates>()?.is_some() {}
        Ok(NoDuplicates)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Self, A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(serde_error(ErrorKind::InvalidInput {
                    detail: format!("duplicate key \"{key}\""),
                }));
            }
            map.next_value::<NoDuplicates>()?;
        }
        Ok(NoDuplicates)
    }
}

fn diff(
    d: &mut Vec<OrderDifference>,
    path: String,
    client: Option<String>,
    server: Option<String>,
    code: &'static str,
) {
    d.push(OrderDifference {
        path,
        client,
        server,
        code,
    });
}

fn money(m: Money) -> Option<String> {
    Some(m.to_string())
}

fn amount(
    d: &mut Vec<OrderDifference>,
    path: String,
    client: Money,
    server: Money,
    code: &'static str,
) {
    if client != server {
        diff(d, path, money(client), money(server), code);
    }
}

/// The cart built from an order has one line per pick, so a line's error (stock, 限购 at
/// `lines[2].quantity`) is the pick's: `order.picks[2].quantity`.
pub fn pick_path(mut e: Error) -> Error {
    if let Some(rest) = e.path.strip_prefix("lines[") {
        e.path = format!("order.picks[{rest}");
    }
    e
}

#[cfg(not(target_arch = "wasm32"))]
fn system_now() -> Result<Timestamp> {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    Timestamp::from_millis(ms)
        .ok_or_else(|| Error::input("the system clock is out of range", "now"))
}

// wasm32 has no system clock through std; the JS binding passes Date.now().
#[cfg(target_arch = "wasm32")]
fn system_now() -> Result<Timestamp> {
    Err(Error::input("now is required", "now"))
}

/// Re-verify `order` and the client's quote of it against the server's `catalog`, wallet and
/// clock. Malformed input (and an order the catalog cannot fill: unknown SKU, over stock or
/// 限购) is an `Err`; a quote that differs is `Ok` with `ok: false` and its differences.
pub fn verify_order(
    catalog: &Catalog,
    order: &Order,
    client_quote_json: &str,
    options: &VerifyOptions,
) -> Result<OrderVerification> {
    reject_duplicate_keys(client_quote_json).map_err(|e| e.under("quote"))?;
    let client: ClientQuote =
        crate::foundation::json::from_json(client_quote_json).map_err(|e| e.under("quote"))?;
    let now = match options.now {
        Some(t) => t,
        None => system_now()?,
    };
    let mut differences = Vec::new();
    let d = &mut differences;

    // Coupons: only those the order sends that the wallet holds, on the catalog's terms.
    let held = |id: &str| {
        options
            .wallet
            .as_ref()
            .is_none_or(|w| w.iter().any(|h| h == id))
    };
    let terms = |id: &str| catalog.coupons.iter().find(|c| c.id == id);
    let mut trusted = order.clone();
    // The server's clock, passed to quote() below; the order's own `now` is dropped (left in,
    // it would also change the fingerprint against an honest client's cart, which has none).
    trusted.now = None;
    let mut coupons = Vec::with_capacity(order.coupons.as_ref().map_or(0, Vec::len));
    for (i, sent) in order.coupons.iter().flatten().enumerate() {
        match terms(&sent.id).filter(|_| held(&sent.id)) {
            Some(offer) => coupons.push(offer.clone()),
            None => diff(
                d,
                format!("order.coupons[{i}].id"),
                Some(sent.id.clone()),
                None,
                UNKNOWN_COUPON,
            ),
        }
    }
    trusted.coupons = Some(coupons);
    if let Selection::Manual(ids) = &order.coupon_selection {
        let mut kept = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            if held(id) && terms(id).is_some() {
                kept.push(id.clone());
            } else {
                diff(
                    d,
                    format!("order.couponSelection[{i}]"),
                    Some(id.clone()),
                    None,
                    UNKNOWN_COUPON,
                );
            }
        }
        trusted.coupon_selection = Selection::Manual(kept);
    }
    // 运费险 is a choice; its fee and payer are the shop's.
    trusted.shipping_insurance = order
        .shipping_insurance
        .as_ref()
        .and_then(|_| catalog.shipping_insurance.clone());

    let cart = catalog.cart(&trusted).map_err(|e| e.under("order"))?;
    // A server sells what the order asks for or refuses it: a pick the catalog would cap or drop
    // (a page shows those as adjustments) is an error of the order, at that pick.
    if let Some(adj) = cart.adjustments.first() {
        use crate::checkout::adjust::AdjustmentCode;
        let i = trusted
            .picks
            .iter()
            .position(|p| p.sku_id == adj.sku_id)
            .unwrap_or(0);
        let (kind, field) = match adj.code {
            AdjustmentCode::OutOfStock => (
                ErrorKind::OutOfStock {
                    stock: adj.quantity,
                },
                "quantity",
            ),
            AdjustmentCode::PurchaseLimitExceeded => (
                ErrorKind::PurchaseLimitExceeded {
                    limit: adj.quantity,
                },
                "quantity",
            ),
            AdjustmentCode::Unavailable => (
                ErrorKind::UnknownId {
                    id: adj.sku_id.clone(),
                },
                "skuId",
            ),
        };
        return Err(Error::new(kind, format!("order.picks[{i}].{field}")));
    }
    let quote = crate::checkout::quote(&cart, now).map_err(pick_path)?;

    let skew = client.evaluated_at.millis().abs_diff(now.millis());
    if skew > options.max_clock_skew_seconds.max(0).unsigned_abs() * 1000 {
        diff(
            d,
            "evaluatedAt".into(),
            Some(client.evaluated_at.to_string()),
            Some(now.to_string()),
            CLOCK_SKEW,
        );
    }

    amount(
        d,
        "payable".into(),
        client.payable,
        quote.payable,
        PAYABLE_MISMATCH,
    );
    for (name, c, s) in [
        ("subtotal", client.subtotal, quote.subtotal),
        ("discount", client.discount, quote.discount),
        ("shipping", client.shipping, quote.shipping),
        (
            "pointsDeduction",
            client.points_deduction,
            quote.points_deduction,
        ),
    ] {
        amount(d, name.into(), c, s, TOTAL_MISMATCH);
    }

    for i in 0..client.lines.len().max(quote.lines.len()) {
        let (c, s) = match (client.lines.get(i), quote.lines.get(i)) {
            (Some(c), Some(s)) => (c, s),
            (c, s) => {
                diff(
                    d,
                    format!("lines[{i}]"),
                    c.map(|l| l.sku_id.clone()),
                    s.map(|l| l.sku_id.clone()),
                    LINE_MISMATCH,
                );
                continue;
            }
        };
        if c.sku_id != s.sku_id {
            diff(
                d,
                format!("lines[{i}].skuId"),
                Some(c.sku_id.clone()),
                Some(s.sku_id.clone()),
                LINE_MISMATCH,
            );
            continue;
        }
        if c.quantity != s.quantity {
            diff(
                d,
                format!("lines[{i}].quantity"),
                Some(c.quantity.to_string()),
                Some(s.quantity.to_string()),
                LINE_MISMATCH,
            );
        }
        for (name, cm, sm) in [
            ("subtotal", c.subtotal, s.subtotal),
            ("discount", c.discount, s.discount),
            ("pointsDeduction", c.points_deduction, s.points_deduction),
            ("payable", c.payable, s.payable),
        ] {
            amount(d, format!("lines[{i}].{name}"), cm, sm, LINE_MISMATCH);
        }
    }

    // Applied offers are matched by id; the order among them is the engine's and not compared.
    for (i, c) in client.applied.iter().enumerate() {
        match quote.applied.iter().find(|s| s.id == c.id) {
            Some(s) if s.amount != c.amount => diff(
                d,
                format!("applied[{i}].amount"),
                money(c.amount),
                money(s.amount),
                APPLIED_MISMATCH,
            ),
            Some(_) => {}
            None => diff(
                d,
                format!("applied[{i}].id"),
                Some(c.id.clone()),
                None,
                APPLIED_MISMATCH,
            ),
        }
    }
    for s in &quote.applied {
        if !client.applied.iter().any(|c| c.id == s.id) {
            diff(
                d,
                "applied".into(),
                None,
                Some(s.id.clone()),
                APPLIED_MISMATCH,
            );
        }
    }

    Ok(OrderVerification {
        ok: differences.is_empty(),
        quote,
        differences,
    })
}
