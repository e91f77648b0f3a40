//! The platform rulebook: versioned data (data/rulebook.json) embedded at build time and
//! replaceable by a caller's own JSON of the same schema. Rules live here, never in code.

use crate::error::{Error, ErrorKind, Result};
use crate::money::{Money, Rate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

pub use crate::checkout::rules::{checkout_rules, PointsRule};

/// The embedded default rulebook, as shipped.
pub const DEFAULT_RULEBOOK_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rulebook.json"));

/// Schema versions this engine reads.
pub const SCHEMA: u32 = 1;

/// Every schema type derives the same traits and is camelCase in JSON.
macro_rules! schema {
    ($(#[$m:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(tsify::Tsify))]
        #[serde(rename_all = "camelCase")]
        pub struct $name { $($body)* }
    };
}

schema! {
    pub struct Rulebook {
        pub schema: u32,
        pub version: String,
        pub updated: String,
        pub currency: String,
        pub timezone: String,
        /// Source tag → what it is. Every rule cites one of these tags.
        pub sources: BTreeMap<String, String>,
        pub platforms: Vec<Platform>,
        pub points: PointsRule,
        pub subjects: Vec<Subject>,
        pub qualifications: Vec<Qualification>,
        /// The category tree as dotted ids (`food.snacks.nuts`); a node's rules hold for its
        /// descendants too.
        pub categories: Vec<Category>,
        /// Listings must use a category this deep (3: a third-level category).
        pub category_levels: u32,
        pub individual_banned_classes: Vec<BannedClass>,
        pub attributes: Vec<Attribute>,
        pub listing: ListingRules,
    }
}

schema! {
    pub struct Platform {
        pub id: String,
        pub name: String,
        pub name_en: String,
        pub source: String,
        pub deposit: DepositRule,
        pub transaction_fee: FeeRule,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub withdrawal: Option<WithdrawalRule>,
        pub settlement: SettlementRule,
        /// When the month's commission is deducted ("firstOfNextMonth").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub commission_deduction: Option<String>,
        /// Days after closing, with no dispute, until the deposit is returned.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub deposit_refund_days: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub certification: Option<Charge>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub tools: Vec<Tool>,
        /// Extra qualifications this platform asks for in some categories.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub category_qualifications: Vec<CategoryList>,
        /// Extra listing attributes this platform asks for in some categories.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub required_attributes: Vec<CategoryList>,
        #[serde(default)]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub operations: Operations,
    }
}

schema! {
    pub struct DepositRule {
        #[cfg_attr(feature = "ts", tsify(type = "Money"))]
        pub base: Money,
        #[cfg_attr(feature = "ts", tsify(type = "Money"))]
        pub max: Money,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub by_category: Vec<CategoryDeposit>,
        /// Steps by monthly order count (快手).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub order_tiers: Vec<OrderTier>,
        /// Subjects that may cover the deposit with deposit insurance.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub insurance_subjects: Vec<String>,
        pub basis: String,
        pub source: String,
    }
}

schema! {
    pub struct CategoryDeposit {
        pub category_ids: Vec<String>,
        #[cfg_attr(feature = "ts", tsify(type = "Money"))]
        pub amount: Money,
        /// Higher deposits once monthly GMV is above a level.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub gmv_tiers: Vec<GmvTier>,
        pub source: String,
    }
}

schema! {
    pub struct GmvTier {
        #[cfg_attr(feature = "ts", tsify(type = "Money"))]
        pub above: Money,
        #[cfg_attr(feature = "ts", tsify(type = "Money"))]
        pub amount: Money,
    }
}

schema! {
    pub struct OrderTier {
        pub at_least: u32,
        #[cfg_attr(feature = "ts", tsify(type = "Money"))]
        pub amount: Money,
    }
}

schema! {
    pub struct FeeRule {
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        pub default: Rate,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub by_category: Vec<CategoryRate>,
        /// A payment-channel fee charged on top (小红书).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub channel_fee: Option<SourcedRate>,
        pub source: String,
    }
}

schema! {
    pub struct CategoryRate {
        pub category_ids: Vec<String>,
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        pub rate: Rate,
        pub source: String,
    }
}

schema! {
    pub struct SourcedRate {
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        pub rate: Rate,
        pub source: String,
    }
}

schema! {
    pub struct WithdrawalRule {
        /// Monthly flow withdrawn free; the rate applies beyond it.
        #[cfg_attr(feature = "ts", tsify(type = "Money"))]
        pub free_monthly_flow: Money,
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        pub rate: Rate,
        #[cfg_attr(feature = "ts", tsify(type = "Money"))]
        pub max_single: Money,
        pub source: String,
    }
}

schema! {
    pub struct SettlementRule {
        /// "T+1" and the like.
        pub rule: String,
        pub days: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub new_shop_days: Option<u32>,
        /// Days for an enterprise that applied for faster settlement (D+0).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub enterprise_days: Option<u32>,
        /// What starts the clock: "buyerConfirmsReceipt" or "afterSalesClose".
        pub after: String,
        pub source: String,
    }
}

schema! {
    pub struct Charge {
        #[cfg_attr(feature = "ts", tsify(type = "Money"))]
        pub amount: Money,
        pub per: Period,
        pub source: String,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Period {
    Month,
    Year,
}

schema! {
    pub struct Tool {
        pub id: String,
        pub name: String,
        pub name_en: String,
        #[cfg_attr(feature = "ts", tsify(type = "Money"))]
        pub amount: Money,
        pub per: Period,
        pub source: String,
    }
}

schema! {
    pub struct CategoryList {
        pub category_ids: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub qualifications: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub attributes: Vec<String>,
        pub source: String,
    }
}

schema! {
    /// Shop-health thresholds; an absent entry is not checked on that platform.
    #[derive(Default)]
    pub struct Operations {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
        pub manual_review_return_rate: Option<Rate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
        pub block_listings_return_rate: Option<Rate>,
        #[serde(
            default,
            with = "rust_decimal::serde::str_option",
            skip_serializing_if = "Option::is_none"
        )]
        #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
        pub dsr_search_weight: Option<Decimal>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub ship_within_hours: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub presale_ship_within_hours: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub event_ship_within_hours: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
        pub false_shipping_penalty_rate: Option<Rate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
        pub late_pickup_penalty_rate: Option<Rate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub badge_review_days: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub return_days: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub after_sales_days: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub source: Option<String>,
    }
}

schema! {
    pub struct Subject {
        pub id: String,
        pub name: String,
        pub name_en: String,
        /// Qualifications every shop of this subject needs.
        pub requires: Vec<String>,
        pub max_shops_per_wechat_id: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub max_products: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub max_team_members: Option<u32>,
        /// May sell virtual-goods categories.
        pub virtual_goods: bool,
        #[serde(default)]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub deposit_insurance: bool,
        /// Above this annual trade a business licence is advised (电子商务法).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional, type = "Money"))]
        pub licence_advised_above_annual_trade: Option<Money>,
        pub source: String,
    }
}

schema! {
    pub struct Qualification {
        pub id: String,
        pub name: String,
        pub name_en: String,
        pub source: String,
    }
}

schema! {
    /// A node of the category tree. Rules set here hold for every descendant.
    pub struct Category {
        pub id: String,
        pub name: String,
        pub name_en: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub qualifications: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub min_images: Option<u32>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub required_attributes: Vec<String>,
        /// Food-like: production date and shelf life apply.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub dated: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub isbn: Option<bool>,
        /// Price at least this share of the publisher's guide price (图书 50 %).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
        pub guide_price_floor: Option<Rate>,
        /// A full ingredient list (全成分表) is required.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub ingredients: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub r#virtual: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub source: Option<String>,
    }
}

schema! {
    pub struct BannedClass {
        pub id: String,
        pub name: String,
        pub name_en: String,
        pub category_ids: Vec<String>,
        pub source: String,
    }
}

schema! {
    /// A listing attribute's display names.
    pub struct Attribute {
        pub id: String,
        pub name: String,
        pub name_en: String,
    }
}

schema! {
    /// Listing rules (WeChat Shop product API and the advertising law).
    pub struct ListingRules {
        pub title: TitleRule,
        pub short_title_max_chars: u32,
        pub product_id_max_chars: u32,
        pub images: ImageRule,
        pub skus: SkuRule,
        /// One SKU's price × stock at most this.
        #[cfg_attr(feature = "ts", tsify(type = "Money"))]
        pub stock_value_cap: Money,
        pub stock_value_source: String,
        /// Warn when one product's SKU prices differ more than this many times.
        pub price_spread_warning: u32,
        pub price_spread_source: String,
        /// A word this many times in a title is keyword stuffing.
        pub stuffing_repeat: u32,
        pub stuffing_source: String,
        pub ingredients_min_items: u32,
        pub ingredients_source: String,
        /// Warn when less than this share of the shelf life remains.
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        pub near_expiry_share: Rate,
        pub near_expiry_source: String,
        /// Absolute words banned by the advertising law (广告法极限词).
        pub banned_words: Vec<String>,
        /// Common words that contain a banned one but are not claims (最近).
        pub banned_word_exceptions: Vec<String>,
        pub banned_words_source: String,
    }
}

schema! {
    pub struct TitleRule {
        pub min_valid_chars: u32,
        pub max_chars: u32,
        /// Besides Chinese characters, digits and Latin letters, only these.
        pub allowed_special: String,
        pub source: String,
    }
}

schema! {
    pub struct ImageRule {
        pub min: u32,
        pub max: u32,
        pub min_width: u32,
        pub min_height: u32,
        pub max_bytes: u64,
        pub source: String,
        pub limits_source: String,
    }
}

schema! {
    pub struct SkuRule {
        pub min: u32,
        pub max: u32,
        pub source: String,
    }
}

impl Rulebook {
    /// Parse and check a rulebook; errors are INVALID_RULEBOOK with the path of the bad entry.
    pub fn from_json(json: &str) -> Result<Rulebook> {
        let book: Rulebook = crate::error::from_json(json).map_err(as_rulebook_error)?;
        book.check()?;
        Ok(book)
    }

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
        self.check_references()
    }

    /// Every id a rule names must exist: categories, qualifications, subjects, source tags.
    fn check_references(&self) -> Result<()> {
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

    fn check_quals(&self, ids: &[String], path: &str) -> Result<()> {
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

    fn check_source(&self, tag: &str, path: &str) -> Result<()> {
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

    /// An attribute's display names (the id itself when unknown).
    pub fn attribute_name(&self, id: &str) -> (String, String) {
        self.attributes
            .iter()
            .find(|a| a.id == id)
            .map_or((id.to_string(), id.to_string()), |a| {
                (a.name.clone(), a.name_en.clone())
            })
    }

    pub fn platform(&self, id: &str) -> Option<&Platform> {
        self.platforms.iter().find(|p| p.id == id)
    }
}

/// Errors found while decoding a rulebook are rulebook errors, at the same path.
pub fn as_rulebook_error(e: Error) -> Error {
    match e.kind {
        ErrorKind::InvalidRulebook { .. } => e,
        _ => Error::new(
            ErrorKind::InvalidRulebook {
                detail: e.body_en(),
            },
            e.path,
        ),
    }
}

/// The embedded rulebook, parsed once.
pub fn default_rulebook() -> &'static Rulebook {
    static BOOK: OnceLock<Rulebook> = OnceLock::new();
    BOOK.get_or_init(|| {
        // The embedded file is checked by tests; a broken build must not ship.
        Rulebook::from_json(DEFAULT_RULEBOOK_JSON).expect("embedded rulebook is valid")
    })
}
