//! 电子发票 lines (价税分离) from a quote: per line, the amount the buyer really pays for it after
//! discounts, 改价 and points (储值 is a payment and does not reduce it), its VAT rate by category
//! (rulebook `invoice`, overridable), `tax = round_half_up(amount × r / (1 + r))` and
//! `amountExTax = amount − tax`; shipping as its own line; totals are the exact sums.

use crate::checkout::loyalty::{loyalty_rules, InvoiceRule};
use crate::foundation::error::Result;
use crate::foundation::money::{Money, Quantity, Rate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The parts of a quote an invoice needs (a full `Quote` decodes as this).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceQuote {
    pub lines: Vec<InvoiceQuoteLine>,
    #[serde(default)]
    pub shops: Vec<InvoiceQuoteShop>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceQuoteLine {
    pub sku_id: String,
    #[serde(default)]
    pub shop_id: String,
    pub quantity: Quantity,
    pub payable: Money,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceQuoteShop {
    pub shipping: Money,
}

/// Titles and categories come from the cart the quote was made from (a quote has neither).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct InvoiceOptions {
    /// The quoted cart (only its lines' skuId, shopId, title, categoryId are read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "ts",
        tsify(
            type = "{ lines: { skuId: string; shopId?: string; title?: string; categoryId?: string }[] }"
        )
    )]
    pub cart: Option<InvoiceCart>,
    /// Category id → rate, over the rulebook's (a category's rate holds for its descendants).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "Record<string, string>"))]
    pub rates: BTreeMap<String, Rate>,
    /// SKU id → rate, over everything else.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "Record<string, string>"))]
    pub sku_rates: BTreeMap<String, Rate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_rate: Option<Rate>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct InvoiceCart {
    pub lines: Vec<InvoiceCartLine>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceCartLine {
    pub sku_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shop_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct InvoiceLine {
    pub sku_id: String,
    pub title: String,
    pub quantity: u32,
    pub amount: Money,
    pub tax_rate: Rate,
    pub amount_ex_tax: Money,
    pub tax: Money,
    /// Where the rate comes from: a rulebook source tag, "assumed", or "override".
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct InvoiceAmounts {
    pub amount: Money,
    pub amount_ex_tax: Money,
    pub tax: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct InvoiceShipping {
    pub amount: Money,
    pub tax_rate: Rate,
    pub amount_ex_tax: Money,
    pub tax: Money,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    pub lines: Vec<InvoiceLine>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping: Option<InvoiceShipping>,
    pub totals: InvoiceAmounts,
}

/// `(tax, amountExTax)` of a tax-inclusive amount: tax = round_half_up(amount × r / (1 + r)).
pub fn split_tax(amount: Money, rate: Rate) -> (Money, Money) {
    let r = rate.as_decimal();
    let tax = (amount.as_decimal() * r)
        .checked_div(Decimal::ONE + r)
        .map_or(Money::ZERO, Money::round);
    (tax, amount - tax)
}

/// Longest category id in `ids` that is `category` or one of its ancestors.
fn by_prefix<'a, T>(category: &str, ids: impl Iterator<Item = (&'a str, T)>) -> Option<T> {
    ids.filter(|(id, _)| {
        category == *id
            || category
                .strip_prefix(*id)
                .is_some_and(|rest| rest.starts_with('.'))
    })
    .max_by_key(|(id, _)| id.len())
    .map(|(_, t)| t)
}

/// The invoice of a quote under the embedded rulebook.
pub fn invoice(q: &InvoiceQuote, options: &InvoiceOptions) -> Result<Invoice> {
    invoice_with(q, options, &loyalty_rules().invoice)
}

pub fn invoice_with(
    q: &InvoiceQuote,
    options: &InvoiceOptions,
    rule: &InvoiceRule,
) -> Result<Invoice> {
    let cart_lines = options.cart.as_ref().map_or(&[][..], |c| &c.lines[..]);
    let mut lines = Vec::with_capacity(q.lines.len());
    for l in &q.lines {
        let from_cart = cart_lines
            .iter()
            .find(|c| c.sku_id == l.sku_id && c.shop_id.as_deref().unwrap_or("") == l.shop_id);
        let category = from_cart
            .and_then(|c| c.category_id.as_deref())
            .unwrap_or("");
        let (rate, source) = if let Some(r) = options.sku_rates.get(&l.sku_id) {
            (*r, "override".to_string())
        } else if let Some(r) =
            by_prefix(category, options.rates.iter().map(|(k, v)| (k.as_str(), v)))
        {
            (*r, "override".to_string())
        } else if let Some(c) = by_prefix(
            category,
            rule.by_category
                .iter()
                .flat_map(|c| c.category_ids.iter().map(move |id| (id.as_str(), c))),
        ) {
            (c.rate, c.source.clone())
        } else {
            (rule.default_rate.rate, rule.default_rate.source.clone())
        };
        let (tax, amount_ex_tax) = split_tax(l.payable, rate);
        lines.push(InvoiceLine {
            sku_id: l.sku_id.clone(),
            title: from_cart
                .and_then(|c| c.title.clone())
                .unwrap_or_else(|| l.sku_id.clone()),
            quantity: l.quantity.get(),
            amount: l.payable,
            tax_rate: rate,
            amount_ex_tax,
            tax,
            source,
        });
    }
    let ship: Money = q.shops.iter().map(|s| s.shipping).sum();
    let shipping = (!ship.is_zero()).then(|| {
        let (rate, source) = match options.shipping_rate {
            Some(r) => (r, "override".to_string()),
            None => (rule.shipping_rate.rate, rule.shipping_rate.source.clone()),
        };
        let (tax, amount_ex_tax) = split_tax(ship, rate);
        InvoiceShipping {
            amount: ship,
            tax_rate: rate,
            amount_ex_tax,
            tax,
            source,
        }
    });
    let sum = |f: fn(&InvoiceLine) -> Money| lines.iter().map(f).sum::<Money>();
    let (s_amount, s_ex, s_tax) = shipping
        .as_ref()
        .map_or((Money::ZERO, Money::ZERO, Money::ZERO), |s| {
            (s.amount, s.amount_ex_tax, s.tax)
        });
    let totals = InvoiceAmounts {
        amount: sum(|l| l.amount) + s_amount,
        amount_ex_tax: sum(|l| l.amount_ex_tax) + s_ex,
        tax: sum(|l| l.tax) + s_tax,
    };
    Ok(Invoice {
        lines,
        shipping,
        totals,
    })
}
