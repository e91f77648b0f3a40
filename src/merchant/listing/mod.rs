//! validateListing: what the platform audit would reject, before upload. Every problem is a
//! finding (code, severity, path, zh/en message, fix); a malformed value in a listing is a finding
//! on that field, so a spreadsheet row never stops a batch. All limits and word lists come from
//! the rulebook's `listing` section and the category rules.
//!
//! [`Validator::validate`] runs the checks in a fixed order: category, title (banned words,
//! keyword stuffing), SKUs (prices, stock), images, attributes (dates, shelf life, ISBN). Each
//! check is its own file; [`batch`] runs many listings.

mod attributes;
pub mod batch;
mod claims;
pub(crate) use claims::fold;
mod media;
pub mod model;
mod skus;
mod title;

pub use attributes::valid_isbn;
pub use batch::{validate_json_listings, BatchReport, RowResult};
pub use model::{
    ImageInfo, Listing, ListingImage, ListingOptions, ListingReport, ListingSku, Text,
};

use crate::foundation::error::Result;
use crate::foundation::finding::{Finding, Severity};
use rust_decimal::Decimal;

use crate::foundation::money::Money;
use crate::foundation::time::Timestamp;
use crate::merchant::category::{check_category, Application, CategoryRules, SubjectKind};
use crate::merchant::rulebook::{Platform, Rulebook};
use std::collections::HashMap;

/// Shared, per-batch state: the platform and the category rules already worked out.
pub struct Validator<'b> {
    book: &'b Rulebook,
    platform: &'b Platform,
    options: ListingOptions,
    now: Timestamp,
    rules: HashMap<String, CategoryRules>,
    /// Category findings for listings that take their merchant context from the options (the
    /// usual spreadsheet case), by category id.
    category_findings: HashMap<String, Vec<Finding>>,
    /// The rulebook's word lists and keyword scores, folded.
    tables: TablesRef<'b>,
}

/// What the listing checks fold of a rulebook before the first listing: 广告法极限词 and disease
/// claims for matching, and the leaves' keyword scores for CATEGORY_MISMATCH.
pub(crate) struct Tables<'b> {
    pub(crate) banned: claims::WordMatcher,
    pub(crate) claims: claims::WordMatcher,
    pub(crate) suggester: crate::merchant::suggest::Suggester<'b>,
}

impl<'b> Tables<'b> {
    fn new(book: &'b Rulebook) -> Tables<'b> {
        let l = &book.listing;
        Tables {
            banned: claims::WordMatcher::new(&l.banned_words, &l.banned_word_exceptions),
            claims: claims::WordMatcher::new(&l.medical_claims, &[]),
            suggester: crate::merchant::suggest::Suggester::new(book),
        }
    }
}

/// Folded once per module for the embedded default rulebook (folding was ~80 % of checking one
/// listing, and the wizard checks and suggests a category on every edit), per batch (or per
/// suggestion) for a caller's own rulebook.
pub(crate) enum TablesRef<'b> {
    Default(&'static Tables<'static>),
    Own(Box<Tables<'b>>),
}

impl<'b> TablesRef<'b> {
    pub(crate) fn of(book: &'b Rulebook) -> TablesRef<'b> {
        let default = crate::merchant::rulebook::default_rulebook();
        if std::ptr::eq(book, default) {
            static TABLES: std::sync::OnceLock<Tables<'static>> = std::sync::OnceLock::new();
            TablesRef::Default(TABLES.get_or_init(|| Tables::new(default)))
        } else {
            TablesRef::Own(Box::new(Tables::new(book)))
        }
    }
}

impl<'b> std::ops::Deref for TablesRef<'b> {
    type Target = Tables<'b>;
    fn deref(&self) -> &Tables<'b> {
        match self {
            TablesRef::Default(t) => t,
            TablesRef::Own(t) => t,
        }
    }
}

impl<'b> Validator<'b> {
    pub fn new(
        book: &'b Rulebook,
        options: ListingOptions,
        now: Timestamp,
    ) -> Result<Validator<'b>> {
        let platform = book.platform_or_default(options.platform.as_deref())?;
        let now = options.now.unwrap_or(now);
        Ok(Validator {
            book,
            platform,
            options,
            now,
            rules: HashMap::new(),
            category_findings: HashMap::new(),
            tables: TablesRef::of(book),
        })
    }

    fn rules(&mut self, category: &str) -> CategoryRules {
        if let Some(r) = self.rules.get(category) {
            return r.clone();
        }
        let r = self.book.rules_for(category, self.platform);
        self.rules.insert(category.to_string(), r.clone());
        r
    }

    pub fn validate(&mut self, l: &Listing) -> ListingReport {
        let mut f = Vec::new();
        let category = l.category_id.trimmed().to_string();
        let shared_context =
            l.subject.is_none() && l.qualifications.is_none() && l.existing_product_count.is_none();
        match self
            .category_findings
            .get(&category)
            .filter(|_| shared_context)
        {
            Some(cached) => f.extend(cached.iter().cloned()),
            None => {
                self.category(l, &category, &mut f);
                if shared_context {
                    self.category_findings.insert(category.clone(), f.clone());
                }
            }
        }
        let rules = if self.book.category(&category).is_some() {
            self.rules(&category)
        } else {
            CategoryRules::default()
        };
        self.title(l, &mut f);
        for (field, text) in [
            ("title", Some(&l.title)),
            ("shortTitle", l.short_title.as_ref()),
            ("description", l.description.as_ref()),
        ] {
            if let Some(t) = text {
                self.medical_claims(&category, field, t.trimmed(), &mut f);
            }
        }
        if self.book.category(&category).is_some() {
            self.category_mismatch(&category, l.title.trimmed(), &mut f);
        }
        let prices = self.skus(l, &mut f);
        self.images(l, &rules, &mut f);
        self.attributes(l, &rules, &prices, &mut f);
        ListingReport::from_findings(f)
    }

    fn category_mismatch(&self, category: &str, title: &str, f: &mut Vec<Finding>) {
        f.extend(self.tables.suggester.mismatch(category, title));
    }

    fn category(&self, l: &Listing, category: &str, f: &mut Vec<Finding>) {
        if category.is_empty() {
            f.push(
                Finding::error(
                    "MISSING_CATEGORY",
                    "categoryId",
                    "请填写类目".into(),
                    "the category is missing".into(),
                )
                .fix(
                    "填写三级类目编号（见类目编号表）",
                    "give a level-3 category id such as food.snacks.nuts",
                ),
            );
            return;
        }
        let subject = l.subject.or(self.options.subject);
        let held = l
            .qualifications
            .as_ref()
            .or(self.options.qualifications.as_ref());
        let kind = subject.unwrap_or(SubjectKind::Enterprise);
        // Shop-level requirements (ID card, licence) were met when the shop opened.
        let mut quals: Vec<String> = held.cloned().unwrap_or_default();
        if let Some(s) = self.book.subject(kind) {
            quals.extend(self.book.subject_requires(s, self.platform));
        }
        let app = Application {
            platform: Some(self.platform.id.clone()),
            subject: kind,
            category_id: category.to_string(),
            qualifications: quals,
            product_count: l
                .existing_product_count
                .or(self.options.existing_product_count)
                .filter(|_| subject.is_some()),
            shops_owned: None,
            annual_trade: None,
        };
        let Ok(check) = check_category(self.book, &app) else {
            return;
        };
        for mut finding in check.findings {
            if finding.code == "PRODUCT_CAP_REACHED" {
                finding.path = "existingProductCount".into();
            }
            if finding.code == "MISSING_QUALIFICATION" && held.is_none() {
                // Nobody said which qualifications the shop holds: remind, don't fail.
                finding.severity = Severity::Warning;
                finding.code = "QUALIFICATION_REQUIRED".into();
                finding.message = finding.message.replace("缺少资质", "此类目需要资质");
                finding.message_en = finding
                    .message_en
                    .replace("missing qualification", "this category needs");
            }
            if subject.is_none()
                && matches!(
                    finding.code.as_str(),
                    "BANNED_FOR_INDIVIDUALS" | "SUBJECT_NOT_ALLOWED"
                )
            {
                continue;
            }
            f.push(finding);
        }
    }
}

fn pct(r: crate::foundation::money::Rate) -> String {
    format!("{}%", (r.as_decimal() * Decimal::ONE_HUNDRED).normalize())
}

fn not_positive(path: &str, p: Money) -> Finding {
    Finding::error(
        "PRICE_NOT_POSITIVE",
        path,
        format!("售价 ¥{p} 必须大于 0"),
        format!("price ¥{p} must be above zero"),
    )
}

fn market_below(path: &str, m: Money, p: Money) -> Finding {
    Finding::error(
        "MARKET_PRICE_BELOW_PRICE",
        path,
        format!("划线价 ¥{m} 低于售价 ¥{p}"),
        format!("the struck-through price ¥{m} is below the price ¥{p}"),
    )
    .fix(
        "划线价应不低于售价，或留空",
        "make it at least the price, or leave it empty",
    )
}

/// Parse a money field as a person types it (amount_input's rule: "¥12", "12元", "１２.５",
/// "12,000.00"); a bad value becomes an INVALID_PRICE finding with that rule's message.
fn money_field(v: Option<&Text>, path: &str, f: &mut Vec<Finding>) -> Option<Money> {
    let raw = v?.trimmed();
    if raw.is_empty() {
        return None;
    }
    let read = crate::merchant::amount_input::parse_amount_input(raw);
    if read.amount.is_none() {
        f.push(Finding::error(
            "INVALID_PRICE",
            path,
            read.message.unwrap_or_default(),
            read.message_en.unwrap_or_default(),
        ));
    }
    read.amount
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0xF900..=0xFAFF)
}

fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i..i + needle.len()] == *needle)
        .collect()
}
