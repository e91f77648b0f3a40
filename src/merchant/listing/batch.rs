//! Many listings at once: one result per row, a malformed row a finding of its own.

use super::*;
use crate::foundation::error::{Error, Result};
use serde::Serialize;

/// One listing's result in a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RowResult {
    /// Position in the input, from 0.
    pub index: usize,
    /// CSV: the data row (from 1) and the file line it starts on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub ok: bool,
    pub findings: Vec<Finding>,
    /// The row's title and SKU id as given, so a result table can name the product.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BatchReport {
    pub total: usize,
    pub ok: usize,
    pub failed: usize,
    pub errors: usize,
    pub warnings: usize,
    /// CSV: findings about the header (unknown or missing columns); empty otherwise.
    pub columns: Vec<Finding>,
    pub results: Vec<RowResult>,
}

impl BatchReport {
    pub fn new(columns: Vec<Finding>, results: Vec<RowResult>) -> BatchReport {
        let ok = results.iter().filter(|r| r.ok).count();
        let errors = results
            .iter()
            .flat_map(|r| &r.findings)
            .filter(|f| f.is_error())
            .count();
        let warnings = results.iter().map(|r| r.findings.len()).sum::<usize>() - errors;
        BatchReport {
            total: results.len(),
            ok,
            failed: results.len() - ok,
            errors,
            warnings,
            columns,
            results,
        }
    }
}

/// Validate listings given as JSON texts (one per listing, so a malformed one is only its own
/// row's finding). `progress(done, total)` is called every `every` listings and at the end.
pub fn validate_json_listings(
    book: &Rulebook,
    listings: &[&str],
    options: ListingOptions,
    now: Timestamp,
    every: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<BatchReport> {
    let mut v = Validator::new(book, options, now)?;
    let total = listings.len();
    let mut results = Vec::with_capacity(total);
    for (index, raw) in listings.iter().enumerate() {
        let (findings, title, sku_id) = match crate::foundation::json::from_json::<Listing>(raw) {
            Ok(l) => (v.validate(&l).findings, l.title_given(), l.sku_given()),
            Err(e) => (vec![unreadable(&e)], None, None),
        };
        let ok = !findings.iter().any(Finding::is_error);
        results.push(RowResult {
            index,
            row: None,
            line: None,
            ok,
            findings,
            title,
            sku_id,
        });
        if (index + 1) % every.max(1) == 0 || index + 1 == total {
            progress(index + 1, total);
        }
    }
    Ok(BatchReport::new(Vec::new(), results))
}

/// A listing that could not be read, as its own finding (`validateListing` reports it too).
pub fn unreadable(e: &Error) -> Finding {
    Finding::error(
        "UNREADABLE_LISTING",
        e.path.clone(),
        format!("无法读取此商品：{}", e.message()),
        format!("cannot read this listing: {}", e.message_en()),
    )
}
