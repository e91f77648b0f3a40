//! Server-side verification of a client's quote: recompute the cart with the same engine and
//! compare field by field, so a tampered payable, discount or fingerprint is caught and named.

use crate::checkout::cart::Cart;
use crate::checkout::quote::Quote;
use crate::foundation::error::{Error, Result};
use crate::foundation::time::Timestamp;
use serde::Serialize;
use serde_json::Value;

/// The outcome: the server's own quote, and the first place the client's differs, if any.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    pub matches: bool,
    /// The time the cart was quoted at: the cart's `now`, else the client quote's `evaluatedAt`.
    pub evaluated_at: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<Difference>,
    pub server: Quote,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    /// Where, as in error paths: `payable`, `lines[2].discount`, `applied[0].id`.
    pub path: String,
    /// What the server computed (absent when the client has an extra field or element).
    pub expected: Option<Value>,
    /// What the client sent (absent when the client left it out).
    pub got: Option<Value>,
}

/// Recompute `cart_json` and compare with the client's `quote_json`. The quote's time comes
/// from the cart's `now` or else the client's `evaluatedAt` (a server should also check that
/// this time is recent and that the cart's prices are its own).
pub fn verify_quote(cart_json: &str, quote_json: &str) -> Result<Verification> {
    let cart: Cart = crate::foundation::json::from_json(cart_json).map_err(|e| e.under("cart"))?;
    // The crate's reader, not serde_json: it refuses a duplicate key (serde_json keeps the last,
    // so `{"payable":"0.01", …}` followed by the real quote would "match").
    let client: Value = crate::foundation::json::from_json(quote_json).map_err(|e| {
        let e = e.under("quote");
        match e.kind {
            crate::foundation::error::ErrorKind::InvalidInput { detail } => {
                Error::input(format!("the client quote is not JSON: {detail}"), e.path)
            }
            _ => e,
        }
    })?;
    let evaluated_at = match cart.now {
        Some(t) => t,
        None => {
            let at = client
                .get("evaluatedAt")
                .and_then(Value::as_str)
                .ok_or_else(|| Error::input("missing evaluatedAt", "quote.evaluatedAt"))?;
            Timestamp::parse(at).map_err(|kind| Error::new(kind, "quote.evaluatedAt"))?
        }
    };
    let server = crate::checkout::quote(&cart, evaluated_at)?;
    let expected = serde_json::to_value(&server)
        .map_err(|e| Error::input(format!("cannot serialise the quote: {e}"), ""))?;
    let difference = first_difference(&expected, &client, String::new());
    Ok(Verification {
        matches: difference.is_none(),
        evaluated_at,
        difference,
        server,
    })
}

/// The first differing leaf, objects walked in key order and arrays by index.
pub fn first_difference(expected: &Value, got: &Value, path: String) -> Option<Difference> {
    let at = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match (expected, got) {
        (Value::Object(e), Value::Object(g)) => {
            for (k, ev) in e {
                match g.get(k) {
                    Some(gv) => {
                        if let Some(d) = first_difference(ev, gv, at(k)) {
                            return Some(d);
                        }
                    }
                    None => {
                        return Some(Difference {
                            path: at(k),
                            expected: Some(ev.clone()),
                            got: None,
                        })
                    }
                }
            }
            g.iter()
                .find(|(k, _)| !e.contains_key(*k))
                .map(|(k, gv)| Difference {
                    path: at(k),
                    expected: None,
                    got: Some(gv.clone()),
                })
        }
        (Value::Array(e), Value::Array(g)) => {
            for i in 0..e.len().max(g.len()) {
                let p = format!("{path}[{i}]");
                match (e.get(i), g.get(i)) {
                    (Some(ev), Some(gv)) => {
                        if let Some(d) = first_difference(ev, gv, p) {
                            return Some(d);
                        }
                    }
                    (ev, gv) => {
                        return Some(Difference {
                            path: p,
                            expected: ev.cloned(),
                            got: gv.cloned(),
                        })
                    }
                }
            }
            None
        }
        (e, g) if e == g => None,
        (e, g) => Some(Difference {
            path,
            expected: Some(e.clone()),
            got: Some(g.clone()),
        }),
    }
}
