//! Input checks on an offer's terms, with the path of the field at fault.

use super::model::{Offer, OfferKind, ScopeLevel};
use crate::foundation::error::{Error, ErrorKind, Result};

pub(crate) fn check_offer(o: &Offer, at: &dyn Fn(&str) -> String) -> Result<()> {
    let need = |present: bool, field: &str, what: &str| {
        if present {
            Ok(())
        } else {
            Err(Error::input(format!("{what} needs `{field}`"), at(field)))
        }
    };
    if o.id.trim().is_empty() {
        return Err(Error::input("id must not be empty", at("id")));
    }
    match o.kind {
        OfferKind::Threshold => {
            need(
                o.threshold.is_some(),
                "threshold",
                "a threshold (满减) offer",
            )?;
            need(o.amount.is_some(), "amount", "a threshold (满减) offer")?;
        }
        OfferKind::EveryThreshold => {
            need(
                o.threshold.is_some_and(|t| !t.is_zero()),
                "threshold",
                "an everyThreshold (每满减) offer (above zero)",
            )?;
            need(
                o.amount.is_some(),
                "amount",
                "an everyThreshold (每满减) offer",
            )?;
        }
        OfferKind::Percent => need(o.rate.is_some(), "rate", "a percent (折扣) offer")?,
        OfferKind::Fixed => need(o.amount.is_some(), "amount", "a fixed (立减) offer")?,
        OfferKind::FreeShipping => {}
        _ => super::terms::check_terms(o, at)?,
    }
    if o.scope.level == ScopeLevel::Shop && o.scope.shop_id.is_none() {
        return Err(Error::input(
            "a shop-level offer needs scope.shopId",
            at("scope.shopId"),
        ));
    }
    if let (Some(f), Some(t)) = (o.valid_from, o.valid_to) {
        if f >= t {
            return Err(Error::new(ErrorKind::InvalidTimeWindow, at("validTo")));
        }
    }
    Ok(())
}
