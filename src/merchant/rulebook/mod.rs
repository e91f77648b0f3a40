//! The platform rulebook: versioned data (data/rulebook.json) embedded at build time and
//! replaceable by a caller's own JSON of the same schema. Rules live here, never in code.

use crate::foundation::error::{Error, ErrorKind, Result};
use crate::foundation::money::{Money, Rate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

pub use crate::checkout::rules::{checkout_rules, PointsRule};

mod check;

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
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
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
        /// After the price (checkout/loyalty.rs): member levels, invoice tax rates, refunds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub membership: Option<crate::checkout::loyalty::MembershipRule>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub invoice: Option<crate::checkout::loyalty::InvoiceRule>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub refund: Option<crate::checkout::loyalty::RefundRule>,
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
        /// Classes no subject may sell (禁售): PROHIBITED_CATEGORY for everyone.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub prohibited_classes: Vec<BannedClass>,
        /// Leaf id → term → weight: what suggestCategory reads in a title.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub category_keywords: BTreeMap<String, BTreeMap<String, u32>>,
        /// A variant a merchant writes → the keyword it stands for (笔电 → 笔记本电脑).
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub keyword_synonyms: BTreeMap<String, String>,
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
        pub withdrawal: Option<WithdrawalRule>,
        pub settlement: SettlementRule,
        /// When the month's commission is deducted ("firstOfNextMonth").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub commission_deduction: Option<String>,
        /// Days after closing, with no dispute, until the deposit is returned.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub deposit_refund_days: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
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
        /// Extra shop-level qualifications this platform asks of some subjects (WeChat: a
        /// real-name WeChat account for individuals).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub subject_requirements: Vec<SubjectRequirement>,
    }
}

schema! {
    pub struct SubjectRequirement {
        pub subjects: Vec<String>,
        pub qualifications: Vec<String>,
        pub source: String,
    }
}

schema! {
    pub struct DepositRule {
        pub base: Money,
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
        pub above: Money,
        pub amount: Money,
    }
}

schema! {
    pub struct OrderTier {
        pub at_least: u32,
        pub amount: Money,
    }
}

schema! {
    pub struct FeeRule {
        pub default: Rate,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub by_category: Vec<CategoryRate>,
        /// A payment-channel fee charged on top (小红书).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub channel_fee: Option<SourcedRate>,
        pub source: String,
    }
}

schema! {
    pub struct CategoryRate {
        pub category_ids: Vec<String>,
        pub rate: Rate,
        pub source: String,
    }
}

schema! {
    pub struct SourcedRate {
        pub rate: Rate,
        pub source: String,
    }
}

schema! {
    pub struct WithdrawalRule {
        /// Monthly flow withdrawn free; the rate applies beyond it.
        pub free_monthly_flow: Money,
        pub rate: Rate,
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
        pub new_shop_days: Option<u32>,
        /// Days for an enterprise that applied for faster settlement (D+0).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enterprise_days: Option<u32>,
        /// What starts the clock: "buyerConfirmsReceipt" or "afterSalesClose".
        pub after: String,
        pub source: String,
    }
}

schema! {
    pub struct Charge {
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
        pub manual_review_return_rate: Option<Rate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub block_listings_return_rate: Option<Rate>,
        #[serde(
            default,
            with = "rust_decimal::serde::str_option",
            skip_serializing_if = "Option::is_none"
        )]
        pub dsr_search_weight: Option<Decimal>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub ship_within_hours: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub presale_ship_within_hours: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub event_ship_within_hours: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub false_shipping_penalty_rate: Option<Rate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub late_pickup_penalty_rate: Option<Rate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub badge_review_days: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub return_days: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub after_sales_days: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
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
        pub max_products: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub max_team_members: Option<u32>,
        /// May sell virtual-goods categories.
        pub virtual_goods: bool,
        #[serde(default)]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub deposit_insurance: bool,
        /// Above this annual trade a business licence is advised (电子商务法).
        #[serde(default, skip_serializing_if = "Option::is_none")]
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
        pub min_images: Option<u32>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub required_attributes: Vec<String>,
        /// Food-like: production date and shelf life apply.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub dated: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub isbn: Option<bool>,
        /// Price at least this share of the publisher's guide price (图书 50 %).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub guide_price_floor: Option<Rate>,
        /// A full ingredient list (全成分表) is required.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub ingredients: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub r#virtual: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
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
        pub near_expiry_share: Rate,
        pub near_expiry_source: String,
        /// Absolute words banned by the advertising law (广告法极限词).
        pub banned_words: Vec<String>,
        /// Common words that contain a banned one but are not claims (最近).
        pub banned_word_exceptions: Vec<String>,
        pub banned_words_source: String,
        /// Disease and efficacy claims (广告法 art. 17) barred outside the categories below.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub medical_claims: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub medical_claims_source: Option<String>,
        /// Categories (and their descendants) where such claims are the product's purpose.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub medical_claims_allowed_in: Vec<String>,
        /// CATEGORY_MISMATCH when another leaf scores this much and the chosen one nothing.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub category_mismatch_min_score: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub category_mismatch_source: Option<String>,
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
        /// Accepted formats as inspectImage names them (`jpeg`, `png`, `gif`, `webp`); empty:
        /// every format is accepted.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", tsify(optional))]
        pub formats: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub formats_source: Option<String>,
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
        let book: Rulebook = crate::foundation::json::from_json(json).map_err(as_rulebook_error)?;
        book.check()?;
        Ok(book)
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

    /// Shop-level qualifications of a subject on a platform: the subject's own, then what the
    /// platform adds for it.
    pub fn subject_requires(&self, subject: &Subject, platform: &Platform) -> Vec<String> {
        let mut out = subject.requires.clone();
        for r in &platform.subject_requirements {
            if r.subjects.contains(&subject.id) {
                for q in &r.qualifications {
                    if !out.contains(q) {
                        out.push(q.clone());
                    }
                }
            }
        }
        out
    }
}

/// Errors found while decoding a rulebook are rulebook errors, at the same path.
pub fn as_rulebook_error(e: Error) -> Error {
    match e.kind {
        // A limit keeps its own code: callers handle INPUT_TOO_LARGE the same on every input.
        ErrorKind::InvalidRulebook { .. } | ErrorKind::InputTooLarge { .. } => e,
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
