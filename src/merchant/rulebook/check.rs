//! The rulebook's checks that span entries: schema version, unique ids, every reference and
//! source tag known. Errors are INVALID_RULEBOOK at the path of the bad entry.

use super::*;

impl Rulebook {
    /// Checks that span entries: schema, unique platform ids, every source tag known.
    pub fn check(&self) -> Result<()> {
        let bad = |detail: String, path: &str| {
            Error::new(ErrorKind::InvalidRulebook { detail }, path.to_string())
        };
        if self.schema != SCHEMA {
            return Err(bad(
                format!(
                    "schema {} is not supported (expected {SCHEMA})",
                    self.schema
                ),
                "schema",
            ));
        }
        if self.version.trim().is_empty() {
            return Err(bad("version must not be empty".into(), "version"));
        }
        if self.platforms.is_empty() {
            return Err(bad("at least one platform is required".into(), "platforms"));
        }
        let mut ids = HashSet::new();
        for (i, p) in self.platforms.iter().enumerate() {
            if !ids.insert(p.id.as_str()) {
                return Err(bad(
                    format!("duplicate platform id \"{}\"", p.id),
                    &format!("platforms[{i}].id"),
                ));
            }
            self.check_source(&p.source, &format!("platforms[{i}].source"))?;
        }
        if self.points.points_per_yuan == 0 {
            return Err(bad(
                "pointsPerYuan must be at least 1".into(),
                "points.pointsPerYuan",
            ));
        }
        self.check_source(&self.points.source, "points.source")?;
        if let Some(e) = &self.points.earn {
            self.check_source(&e.source, "points.earn.source")?;
        }
        if let Some(m) = &self.membership {
            m.check()?;
            self.check_source(&m.source, "membership.source")?;
        }
        if let Some(inv) = &self.invoice {
            self.check_source(&inv.default_rate.source, "invoice.defaultRate.source")?;
            self.check_source(&inv.shipping_rate.source, "invoice.shippingRate.source")?;
            for (i, c) in inv.by_category.iter().enumerate() {
                self.check_source(&c.source, &format!("invoice.byCategory[{i}].source"))?;
            }
        }
        if let Some(r) = &self.refund {
            self.check_source(&r.source, "refund.source")?;
        }
        self.check_references()
    }

    /// Every id a rule names must exist: categories, qualifications, subjects, source tags.
    pub(super) fn check_references(&self) -> Result<()> {
        let bad =
            |detail: String, path: String| Error::new(ErrorKind::InvalidRulebook { detail }, path);
        let mut cats = HashSet::new();
        for (i, c) in self.categories.iter().enumerate() {
            let at = format!("categories[{i}]");
            let depth = c.id.split('.').count() as u32;
            if c.id.split('.').any(str::is_empty) || depth > self.category_levels {
                return Err(bad(
                    format!(
                        "category id \"{}\" must have 1 to {} dotted parts",
                        c.id, self.category_levels
                    ),
                    format!("{at}.id"),
                ));
            }
            if let Some((parent, _)) = c.id.rsplit_once('.') {
                if !cats.contains(parent) {
                    return Err(bad(
                        format!("parent \"{parent}\" must come before \"{}\"", c.id),
                        format!("{at}.id"),
                    ));
                }
            }
            if !cats.insert(c.id.as_str()) {
                return Err(bad(
                    format!("duplicate category id \"{}\"", c.id),
                    format!("{at}.id"),
                ));
            }
            self.check_quals(&c.qualifications, &format!("{at}.qualifications"))?;
            if let Some(src) = &c.source {
                self.check_source(src, &format!("{at}.source"))?;
            }
        }
        let check_cats = |ids: &[String], path: String| -> Result<()> {
            match ids.iter().position(|id| !cats.contains(id.as_str())) {
                Some(k) => Err(bad(
                    format!("unknown category \"{}\"", ids[k]),
                    format!("{path}[{k}]"),
                )),
                None => Ok(()),
            }
        };
        let qual_ids: HashSet<&str> = self.qualifications.iter().map(|q| q.id.as_str()).collect();
        if qual_ids.len() != self.qualifications.len() {
            return Err(bad(
                "duplicate qualification id".into(),
                "qualifications".into(),
            ));
        }
        for (i, q) in self.qualifications.iter().enumerate() {
            self.check_source(&q.source, &format!("qualifications[{i}].source"))?;
        }
        for kind in ["individual", "individualBusiness", "enterprise"] {
            if !self.subjects.iter().any(|s| s.id == kind) {
                return Err(bad(
                    format!("subject \"{kind}\" is missing"),
                    "subjects".into(),
                ));
            }
        }
        for (i, s) in self.subjects.iter().enumerate() {
            self.check_quals(&s.requires, &format!("subjects[{i}].requires"))?;
            self.check_source(&s.source, &format!("subjects[{i}].source"))?;
        }
        for (i, b) in self.individual_banned_classes.iter().enumerate() {
            let at = format!("individualBannedClasses[{i}]");
            check_cats(&b.category_ids, format!("{at}.categoryIds"))?;
            self.check_source(&b.source, &format!("{at}.source"))?;
        }
        let l = &self.listing;
        for (src, path) in [
            (&l.title.source, "listing.title.source"),
            (&l.images.source, "listing.images.source"),
            (&l.images.limits_source, "listing.images.limitsSource"),
            (&l.skus.source, "listing.skus.source"),
            (&l.stock_value_source, "listing.stockValueSource"),
            (&l.price_spread_source, "listing.priceSpreadSource"),
            (&l.stuffing_source, "listing.stuffingSource"),
            (&l.ingredients_source, "listing.ingredientsSource"),
            (&l.near_expiry_source, "listing.nearExpirySource"),
            (&l.banned_words_source, "listing.bannedWordsSource"),
        ] {
            self.check_source(src, path)?;
        }
        if let Some(k) = l.banned_words.iter().position(|w| w.trim().is_empty()) {
            return Err(bad(
                "banned words must not be empty".into(),
                format!("listing.bannedWords[{k}]"),
            ));
        }
        for (i, c) in self.categories.iter().enumerate() {
            for (k, a) in c.required_attributes.iter().enumerate() {
                if !self.attributes.iter().any(|x| &x.id == a) {
                    return Err(bad(
                        format!("unknown attribute \"{a}\""),
                        format!("categories[{i}].requiredAttributes[{k}]"),
                    ));
                }
            }
        }
        for (i, p) in self.platforms.iter().enumerate() {
            let at = format!("platforms[{i}]");
            let d = &p.deposit;
            if d.base > d.max {
                return Err(bad(
                    "deposit base exceeds max".into(),
                    format!("{at}.deposit.base"),
                ));
            }
            self.check_source(&d.source, &format!("{at}.deposit.source"))?;
            for (k, c) in d.by_category.iter().enumerate() {
                let here = format!("{at}.deposit.byCategory[{k}]");
                check_cats(&c.category_ids, format!("{here}.categoryIds"))?;
                self.check_source(&c.source, &format!("{here}.source"))?;
            }
            let fee = &p.transaction_fee;
            self.check_source(&fee.source, &format!("{at}.transactionFee.source"))?;
            for (k, c) in fee.by_category.iter().enumerate() {
                let here = format!("{at}.transactionFee.byCategory[{k}]");
                check_cats(&c.category_ids, format!("{here}.categoryIds"))?;
                self.check_source(&c.source, &format!("{here}.source"))?;
            }
            if let Some(c) = &fee.channel_fee {
                self.check_source(&c.source, &format!("{at}.transactionFee.channelFee.source"))?;
            }
            if let Some(w) = &p.withdrawal {
                self.check_source(&w.source, &format!("{at}.withdrawal.source"))?;
            }
            self.check_source(&p.settlement.source, &format!("{at}.settlement.source"))?;
            if let Some(c) = &p.certification {
                self.check_source(&c.source, &format!("{at}.certification.source"))?;
            }
            for (k, t) in p.tools.iter().enumerate() {
                self.check_source(&t.source, &format!("{at}.tools[{k}].source"))?;
            }
            for (field, lists) in [
                ("categoryQualifications", &p.category_qualifications),
                ("requiredAttributes", &p.required_attributes),
            ] {
                for (k, l) in lists.iter().enumerate() {
                    let here = format!("{at}.{field}[{k}]");
                    check_cats(&l.category_ids, format!("{here}.categoryIds"))?;
                    self.check_quals(&l.qualifications, &format!("{here}.qualifications"))?;
                    self.check_source(&l.source, &format!("{here}.source"))?;
                }
            }
            if let Some(src) = &p.operations.source {
                self.check_source(src, &format!("{at}.operations.source"))?;
            }
        }
        Ok(())
    }

    pub(super) fn check_quals(&self, ids: &[String], path: &str) -> Result<()> {
        match ids
            .iter()
            .position(|q| !self.qualifications.iter().any(|x| &x.id == q))
        {
            Some(k) => Err(Error::new(
                ErrorKind::InvalidRulebook {
                    detail: format!("unknown qualification \"{}\"", ids[k]),
                },
                format!("{path}[{k}]"),
            )),
            None => Ok(()),
        }
    }

    pub(super) fn check_source(&self, tag: &str, path: &str) -> Result<()> {
        if self.sources.contains_key(tag) {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::InvalidRulebook {
                    detail: format!("unknown source tag \"{tag}\""),
                },
                path,
            ))
        }
    }
}
