//! validateListing: what the platform audit would reject, before upload. Every problem is a
//! finding (code, severity, path, zh/en message, fix); a malformed value in a listing is a finding
//! on that field, so a spreadsheet row never stops a batch. All limits and word lists come from
//! the rulebook's `listing` section and the category rules.

use crate::category::{check_category, Application, CategoryRules, SubjectKind};
use crate::error::{Error, Result};
use crate::finding::{Finding, Severity};
use crate::money::Money;
use crate::rulebook::{Platform, Rulebook};
use crate::time::{parse_date, Date, Timestamp};
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// A spreadsheet-style value: text, or a number or boolean read as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Text, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<Text, E> {
                Ok(Text::default())
            }
        }
        d.deserialize_any(V)
    }
}

impl Text {
    fn trimmed(&self) -> &str {
        self.0.trim()
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ListingSku {
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
    pub sku_id: Text,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "MoneyInput"))]
    pub price: Option<Text>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "MoneyInput"))]
    pub market_price: Option<Text>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "number | string"))]
    pub stock: Option<Text>,
}

/// An image: its URL, or the URL with what is known of it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum ListingImage {
    Url(String),
    Described(ImageInfo),
}

// By hand rather than `untagged`: serde's untagged decoding buffers the value and fails after
// serde_json has moved on, so the error would name the image list instead of the image.
impl<'de> Deserialize<'de> for ListingImage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ListingImage;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an image URL or { url, width, height, bytes }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<ListingImage, E> {
                Ok(ListingImage::Url(v.to_string()))
            }
            fn visit_map<A: de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<ListingImage, A::Error> {
                ImageInfo::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(ListingImage::Described)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ImageInfo {
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub width: Option<u32>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub height: Option<u32>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub bytes: Option<u64>,
}

impl ListingImage {
    fn info(&self) -> ImageInfo {
        match self {
            ListingImage::Url(u) => ImageInfo {
                url: u.clone(),
                width: None,
                height: None,
                bytes: None,
            },
            ListingImage::Described(i) => i.clone(),
        }
    }
}

/// One product to list. Fields may also come from the batch options (merchant context).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Listing {
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
    pub title: Text,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
    pub short_title: Option<Text>,
    /// The merchant's own product id (商品编码).
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
    pub product_id: Option<Text>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
    pub category_id: Text,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "MoneyInput"))]
    pub price: Option<Text>,
    /// 划线价.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "MoneyInput"))]
    pub market_price: Option<Text>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub skus: Vec<ListingSku>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub images: Vec<ListingImage>,
    /// Attribute id → value (`productionDate`, `shelfLife`, `isbn`, `guidePrice`, …).
    #[serde(default)]
    #[cfg_attr(
        feature = "ts",
        tsify(optional, type = "Record<string, string | number>")
    )]
    pub attributes: BTreeMap<String, Text>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
    pub description: Option<Text>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub subject: Option<SubjectKind>,
    /// Qualification ids the merchant holds; when neither the listing nor the options say,
    /// category qualifications are reminders (warnings) rather than errors.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub qualifications: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::money::deserialize_opt_count")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub existing_product_count: Option<u32>,
}

/// The merchant context a batch shares.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ListingOptions {
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub platform: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub subject: Option<SubjectKind>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub qualifications: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::money::deserialize_opt_count")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub existing_product_count: Option<u32>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string | number"))]
    pub now: Option<Timestamp>,
    /// CSV: the field separator (default ",").
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub delimiter: Option<char>,
    /// CSV: extra header → field mappings (`{ "货号": "productId" }`).
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "Record<string, string>"))]
    pub columns: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ListingReport {
    pub ok: bool,
    pub errors: u32,
    pub warnings: u32,
    pub findings: Vec<Finding>,
}

impl ListingReport {
    pub fn from_findings(findings: Vec<Finding>) -> ListingReport {
        let errors = findings.iter().filter(|f| f.is_error()).count() as u32;
        ListingReport {
            ok: errors == 0,
            errors,
            warnings: findings.len() as u32 - errors,
            findings,
        }
    }
}

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
    /// Banned words, longest first, and their indexes by first character.
    banned: Vec<Vec<char>>,
    /// (first character, word index), sorted: looked up by binary search.
    by_first_char: Vec<(char, usize)>,
    exceptions: Vec<Vec<char>>,
}

impl<'b> Validator<'b> {
    pub fn new(
        book: &'b Rulebook,
        options: ListingOptions,
        now: Timestamp,
    ) -> Result<Validator<'b>> {
        let platform = book.platform_or_default(options.platform.as_deref())?;
        let now = options.now.unwrap_or(now);
        // Longest words first, so 全网最低价 is reported rather than the 最 inside it.
        let mut banned: Vec<Vec<char>> = book
            .listing
            .banned_words
            .iter()
            .map(|w| w.chars().collect())
            .collect();
        crate::sort::sort_by_key(&mut banned, |w| std::cmp::Reverse(w.len()));
        let exceptions = book
            .listing
            .banned_word_exceptions
            .iter()
            .map(|w| w.chars().collect())
            .collect();
        let mut by_first_char: Vec<(char, usize)> = banned
            .iter()
            .enumerate()
            .filter_map(|(i, w)| w.first().map(|c| (*c, i)))
            .collect();
        crate::sort::sort(&mut by_first_char);
        Ok(Validator {
            book,
            platform,
            options,
            now,
            rules: HashMap::new(),
            category_findings: HashMap::new(),
            banned,
            by_first_char,
            exceptions,
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
        let prices = self.skus(l, &mut f);
        self.images(l, &rules, &mut f);
        self.attributes(l, &rules, &prices, &mut f);
        ListingReport::from_findings(f)
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
                    "填写三级类目编号，如 food.snacks.nuts",
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
            quals.extend(s.requires.iter().cloned());
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

    fn title(&self, l: &Listing, f: &mut Vec<Finding>) {
        let rule = &self.book.listing.title;
        let title = l.title.trimmed();
        let chars: Vec<char> = title.chars().collect();
        if chars.is_empty() {
            f.push(Finding::error(
                "MISSING_TITLE",
                "title",
                "请填写商品标题".into(),
                "the title is missing".into(),
            ));
        } else {
            let valid = chars
                .iter()
                .filter(|c| is_cjk(**c) || c.is_ascii_alphanumeric())
                .count() as u32;
            if valid < rule.min_valid_chars {
                f.push(Finding::error("TITLE_TOO_SHORT", "title",
                    format!("标题有效字符 {valid} 个，至少 {} 个（汉字、字母、数字各计 1）", rule.min_valid_chars),
                    format!("the title has {valid} valid characters; at least {} (each Chinese character, letter or digit counts 1)", rule.min_valid_chars))
                    .fix("补充商品名称、规格或卖点", "add the product name, size or selling point"));
            }
            if !chars.iter().any(|c| is_cjk(*c))
                && chars.iter().any(|c| c.is_ascii_alphanumeric())
                && chars.iter().all(|c| !is_cjk(*c))
            {
                f.push(
                    Finding::error(
                        "TITLE_ONLY_LATIN_OR_DIGITS",
                        "title",
                        "标题不能只有字母或数字".into(),
                        "the title may not be only Latin letters and/or digits".into(),
                    )
                    .fix("加入中文商品名称", "add the product name in Chinese"),
                );
            }
            if chars.len() as u32 > rule.max_chars {
                f.push(
                    Finding::error(
                        "TITLE_TOO_LONG",
                        "title",
                        format!("标题 {} 个字，最多 {} 个", chars.len(), rule.max_chars),
                        format!(
                            "the title has {} characters; at most {}",
                            chars.len(),
                            rule.max_chars
                        ),
                    )
                    .fix("删去重复或次要的词", "cut repeated or minor words"),
                );
            }
            let illegal: Vec<(usize, char)> = chars
                .iter()
                .copied()
                .enumerate()
                .filter(|(_, c)| {
                    !(is_cjk(*c) || c.is_ascii_alphanumeric() || rule.allowed_special.contains(*c))
                })
                .collect();
            if let Some(&(pos, ch)) = illegal.first() {
                let list: String = illegal.iter().map(|(_, c)| *c).collect();
                f.push(Finding::error("TITLE_ILLEGAL_CHARACTER", "title",
                    format!("标题含不允许的字符“{list}”（第 {} 个字起）", pos + 1),
                    format!("the title contains characters that are not allowed: \"{list}\" (from character {})", pos + 1))
                    .fix(format!("删除或替换“{ch}”"), format!("remove or replace \"{ch}\"")));
            }
            self.stuffing(&chars, f);
        }
        self.banned_words("title", title, f);
        if let Some(d) = &l.description {
            self.banned_words("description", d.trimmed(), f);
        }
        if let Some(s) = &l.short_title {
            let n = s.trimmed().chars().count() as u32;
            if n > self.book.listing.short_title_max_chars {
                f.push(Finding::error(
                    "SHORT_TITLE_TOO_LONG",
                    "shortTitle",
                    format!(
                        "短标题 {n} 个字，最多 {} 个",
                        self.book.listing.short_title_max_chars
                    ),
                    format!(
                        "the short title has {n} characters; at most {}",
                        self.book.listing.short_title_max_chars
                    ),
                ));
            }
            self.banned_words("shortTitle", s.trimmed(), f);
        }
        if let Some(id) = &l.product_id {
            let n = id.trimmed().chars().count() as u32;
            if n > self.book.listing.product_id_max_chars {
                f.push(Finding::error(
                    "PRODUCT_ID_TOO_LONG",
                    "productId",
                    format!(
                        "商品编码 {n} 个字符，最多 {} 个",
                        self.book.listing.product_id_max_chars
                    ),
                    format!(
                        "the product id has {n} characters; at most {}",
                        self.book.listing.product_id_max_chars
                    ),
                ));
            }
        }
    }

    /// 广告法极限词, each reported once per field with every position (1-based characters).
    /// Longer words win over the shorter ones inside them (全网最低价, not 最); exception words
    /// (最近) are never reported.
    fn banned_words(&self, field: &str, text: &str, f: &mut Vec<Finding>) {
        // Most texts contain none of the words' first characters: stop there.
        let starts_word = |c: &char| {
            let from = self.by_first_char.partition_point(|(k, _)| k < c);
            let to = self.by_first_char.partition_point(|(k, _)| k <= c);
            &self.by_first_char[from..to]
        };
        if !text.chars().any(|c| !starts_word(&c).is_empty()) {
            return;
        }
        let chars: Vec<char> = text.chars().collect();
        let mut taken = vec![false; chars.len()];
        for ex in &self.exceptions {
            for start in find_all(&chars, ex) {
                taken[start..start + ex.len()]
                    .iter_mut()
                    .for_each(|t| *t = true);
            }
        }
        // Every match, then the longest first (ties: earlier word in the list, then position).
        let mut matches: Vec<(usize, usize)> = Vec::new();
        for (start, c) in chars.iter().enumerate() {
            for &(_, w) in starts_word(c) {
                if chars[start..].starts_with(&self.banned[w]) {
                    matches.push((w, start));
                }
            }
        }
        crate::sort::sort(&mut matches);
        let mut positions: Vec<(usize, Vec<usize>)> = Vec::new();
        for (w, start) in matches {
            let len = self.banned[w].len();
            if taken[start..start + len].iter().any(|t| *t) {
                continue;
            }
            taken[start..start + len].iter_mut().for_each(|t| *t = true);
            match positions.last_mut() {
                Some((last, list)) if *last == w => list.push(start + 1),
                _ => positions.push((w, vec![start + 1])),
            }
        }
        for (w, at) in positions {
            let w: String = self.banned[w].iter().collect();
            let zh = at
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("、");
            let en = at
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            f.push(
                Finding::error(
                    "BANNED_WORD",
                    field,
                    format!("含广告法禁用词“{w}”（第 {zh} 个字）"),
                    format!("contains the banned absolute word \"{w}\" (at character {en})"),
                )
                .fix(
                    format!("删除“{w}”，改用客观描述"),
                    format!("remove \"{w}\" and describe the product factually"),
                ),
            );
        }
    }

    /// The same word three or more times in a title (堆砌关键词).
    fn stuffing(&self, chars: &[char], f: &mut Vec<Finding>) {
        let repeat = self.book.listing.stuffing_repeat as usize;
        let mut flagged: Vec<String> = Vec::new();
        // Latin words.
        let text: String = chars.iter().collect();
        let mut counts: HashMap<String, usize> = HashMap::new();
        for w in text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() >= 2)
        {
            *counts.entry(w.to_lowercase()).or_default() += 1;
        }
        let mut latin: Vec<_> = counts.into_iter().filter(|(_, n)| *n >= repeat).collect();
        crate::sort::sort(&mut latin);
        flagged.extend(latin.into_iter().map(|(w, _)| w));
        // Chinese words of 2 to 4 characters, longest first; a shorter word inside a flagged
        // one is not reported again.
        if chars.iter().filter(|c| is_cjk(**c)).count() >= 2 * repeat {
            for n in (2..=4).rev() {
                // Count each n-gram by sorting the windows: titles are short.
                let mut grams: Vec<(&[char], usize)> = chars
                    .windows(n)
                    .enumerate()
                    .filter(|(_, w)| w.iter().all(|c| is_cjk(*c)))
                    .map(|(i, w)| (w, i))
                    .collect();
                crate::sort::sort(&mut grams);
                let mut found: Vec<(usize, String)> = Vec::new();
                for run in grams.chunk_by(|a, b| a.0 == b.0) {
                    if run.len() >= repeat {
                        let w: String = run[0].0.iter().collect();
                        if !flagged.iter().any(|x| x.contains(&w)) {
                            found.push((run[0].1, w));
                        }
                    }
                }
                // Report in title order.
                crate::sort::sort(&mut found);
                flagged.extend(found.into_iter().map(|(_, w)| w));
            }
        }
        for w in flagged {
            f.push(
                Finding::warning(
                    "KEYWORD_STUFFING",
                    "title",
                    format!("“{w}”在标题中重复 {repeat} 次以上，疑似堆砌关键词"),
                    format!("\"{w}\" appears {repeat} or more times: looks like keyword stuffing"),
                )
                .fix(format!("“{w}”保留一次"), format!("keep \"{w}\" once")),
            );
        }
    }

    /// SKU checks; returns the parsed SKU prices for the price rules that need them.
    fn skus(&self, l: &Listing, f: &mut Vec<Finding>) -> Vec<(usize, Money)> {
        let rule = &self.book.listing.skus;
        let cap = self.book.listing.stock_value_cap;
        let n = l.skus.len() as u32;
        if n < rule.min {
            f.push(
                Finding::error(
                    "NO_SKUS",
                    "skus",
                    format!("至少需要 {} 个 SKU", rule.min),
                    format!("at least {} SKU is required", rule.min),
                )
                .fix("添加规格、价格和库存", "add a SKU with its price and stock"),
            );
        }
        if n > rule.max {
            f.push(Finding::error(
                "TOO_MANY_SKUS",
                "skus",
                format!("SKU 共 {n} 个，最多 {} 个", rule.max),
                format!("{n} SKUs; at most {}", rule.max),
            ));
        }
        let listing_price = money_field(l.price.as_ref(), "price", f);
        if let Some(p) = listing_price.filter(|p| p.is_zero()) {
            f.push(not_positive("price", p));
        }
        if let (Some(p), Some(m)) = (
            listing_price,
            money_field(l.market_price.as_ref(), "marketPrice", f),
        ) {
            if m < p {
                f.push(market_below("marketPrice", m, p));
            }
        }
        let mut ids = HashSet::new();
        let mut prices = Vec::new();
        for (i, sku) in l.skus.iter().enumerate() {
            let at = |k: &str| format!("skus[{i}].{k}");
            let id = sku.sku_id.trimmed();
            if id.is_empty() {
                f.push(Finding::error(
                    "MISSING_SKU_ID",
                    at("skuId"),
                    "请填写 SKU 编码".into(),
                    "the SKU id is missing".into(),
                ));
            } else if !ids.insert(id.to_string()) {
                f.push(Finding::error(
                    "DUPLICATE_SKU",
                    at("skuId"),
                    format!("SKU 编码“{id}”重复"),
                    format!("duplicate SKU id \"{id}\""),
                ));
            }
            let price = match &sku.price {
                None => {
                    f.push(Finding::error(
                        "MISSING_PRICE",
                        at("price"),
                        "请填写售价".into(),
                        "the price is missing".into(),
                    ));
                    None
                }
                some => money_field(some.as_ref(), &at("price"), f),
            };
            if let Some(p) = price {
                if p.is_zero() {
                    f.push(not_positive(&at("price"), p));
                } else {
                    prices.push((i, p));
                }
                if let Some(m) = money_field(sku.market_price.as_ref(), &at("marketPrice"), f) {
                    if m < p {
                        f.push(market_below(&at("marketPrice"), m, p));
                    }
                }
            }
            let stock = match &sku.stock {
                None => {
                    f.push(Finding::error(
                        "MISSING_STOCK",
                        at("stock"),
                        "请填写库存".into(),
                        "the stock is missing".into(),
                    ));
                    None
                }
                Some(s) => match parse_count(s.trimmed()) {
                    Some(n) => Some(n),
                    None => {
                        f.push(Finding::error(
                            "INVALID_STOCK",
                            at("stock"),
                            format!("库存“{}”应为不小于 0 的整数", s.trimmed()),
                            format!("stock \"{}\" must be a whole number ≥ 0", s.trimmed()),
                        ));
                        None
                    }
                },
            };
            if stock == Some(0) {
                f.push(Finding::warning(
                    "STOCK_ZERO",
                    at("stock"),
                    "库存为 0 的商品无法在视频号直播间上架".into(),
                    "a product with stock 0 cannot be listed in a Channels live room".into(),
                ));
            }
            if let (Some(p), Some(s)) = (price, stock) {
                let value = Money::round(p.as_decimal() * Decimal::from(s));
                if value > cap {
                    f.push(
                        Finding::error(
                            "STOCK_VALUE_TOO_HIGH",
                            at("stock"),
                            format!("单个 SKU 库存货值 ¥{value}（¥{p} × {s}）超过 ¥{cap}"),
                            format!("one SKU's stock value ¥{value} (¥{p} × {s}) exceeds ¥{cap}"),
                        )
                        .fix(
                            format!("库存降到 {} 件以内", cap.fen() / p.fen().max(1)),
                            format!("keep stock at {} or fewer", cap.fen() / p.fen().max(1)),
                        ),
                    );
                }
            }
        }
        let spread = self.book.listing.price_spread_warning;
        if let (Some(lo), Some(hi)) = (
            prices.iter().map(|p| p.1).min(),
            prices.iter().map(|p| p.1).max(),
        ) {
            if hi.fen() > lo.fen() * i128::from(spread) {
                f.push(Finding::warning(
                    "PRICE_SPREAD",
                    "skus",
                    format!("SKU 价格相差超过 {spread} 倍（¥{lo} – ¥{hi}），请确认是否填错"),
                    format!(
                        "SKU prices differ more than {spread}× (¥{lo} – ¥{hi}): check for a typo"
                    ),
                ));
            }
        }
        prices
    }

    fn images(&self, l: &Listing, rules: &CategoryRules, f: &mut Vec<Finding>) {
        let rule = &self.book.listing.images;
        let min = rules.min_images.unwrap_or(rule.min);
        let n = l.images.len() as u32;
        if n < min {
            f.push(
                Finding::error(
                    "TOO_FEW_IMAGES",
                    "images",
                    format!("主图 {n} 张，此类目至少 {min} 张"),
                    format!("{n} main images; this category needs at least {min}"),
                )
                .fix(
                    format!("再上传 {} 张主图", min - n),
                    format!("upload {} more", min - n),
                ),
            );
        }
        if n > rule.max {
            f.push(Finding::error(
                "TOO_MANY_IMAGES",
                "images",
                format!("主图 {n} 张，最多 {} 张", rule.max),
                format!("{n} main images; at most {}", rule.max),
            ));
        }
        let mut seen = HashSet::new();
        for (i, img) in l.images.iter().enumerate() {
            let at = format!("images[{i}]");
            let info = img.info();
            let url = info.url.trim();
            if url.is_empty() {
                f.push(Finding::error(
                    "INVALID_IMAGE",
                    at.clone(),
                    "图片地址为空".into(),
                    "the image URL is empty".into(),
                ));
                continue;
            }
            if !seen.insert(url.to_string()) {
                f.push(
                    Finding::error(
                        "DUPLICATE_IMAGE",
                        at.clone(),
                        "主图重复".into(),
                        "duplicate main image".into(),
                    )
                    .fix("换一张不同的图片", "use a different picture"),
                );
            }
            if let (Some(w), Some(h)) = (info.width, info.height) {
                if w < rule.min_width || h < rule.min_height {
                    f.push(Finding::error(
                        "IMAGE_TOO_SMALL",
                        at.clone(),
                        format!("图片 {w}×{h}，至少 {}×{}", rule.min_width, rule.min_height),
                        format!(
                            "image is {w}×{h}; at least {}×{}",
                            rule.min_width, rule.min_height
                        ),
                    ));
                }
            }
            if let Some(b) = info.bytes.filter(|b| *b > rule.max_bytes) {
                f.push(Finding::error(
                    "IMAGE_TOO_LARGE",
                    at,
                    format!("图片 {} KB，最大 {} KB", b / 1024, rule.max_bytes / 1024),
                    format!(
                        "image is {} KB; at most {} KB",
                        b / 1024,
                        rule.max_bytes / 1024
                    ),
                ));
            }
        }
    }

    fn attributes(
        &self,
        l: &Listing,
        rules: &CategoryRules,
        prices: &[(usize, Money)],
        f: &mut Vec<Finding>,
    ) {
        let get = |id: &str| {
            l.attributes
                .get(id)
                .map(|v| v.trimmed())
                .filter(|v| !v.is_empty())
        };
        for id in &rules.listing_attributes {
            if get(id).is_none() {
                let (zh, en) = self.book.attribute_name(id);
                f.push(
                    Finding::error(
                        "MISSING_ATTRIBUTE",
                        format!("attributes.{id}"),
                        format!("缺少必填属性：{zh}"),
                        format!("missing required attribute: {en}"),
                    )
                    .fix(format!("填写{zh}"), format!("fill in the {en}")),
                );
            }
        }
        if rules.isbn {
            if let Some(isbn) = get("isbn") {
                if !valid_isbn(isbn) {
                    f.push(
                        Finding::error(
                            "INVALID_ISBN",
                            "attributes.isbn",
                            format!("ISBN“{isbn}”校验不通过"),
                            format!("ISBN \"{isbn}\" fails its checksum"),
                        )
                        .fix(
                            "按书后条码核对 ISBN",
                            "copy the ISBN from the barcode on the book",
                        ),
                    );
                }
            }
            if let (Some(floor), Some(raw)) = (rules.guide_price_floor, get("guidePrice")) {
                match Money::parse(raw) {
                    Err(_) => f.push(Finding::error(
                        "INVALID_PRICE",
                        "attributes.guidePrice",
                        format!("定价“{raw}”不是有效金额"),
                        format!("guide price \"{raw}\" is not a valid amount"),
                    )),
                    Ok(guide) => {
                        let min = guide.as_decimal() * floor.as_decimal();
                        for &(i, p) in prices {
                            if p.as_decimal() < min {
                                let min = Money::round(min);
                                f.push(Finding::error("PRICE_BELOW_GUIDE_FLOOR", format!("skus[{i}].price"),
                                    format!("图书售价 ¥{p} 低于定价 ¥{guide} 的 {}（¥{min}）", pct(floor)),
                                    format!("a book's price ¥{p} is below {} of its guide price ¥{guide} (¥{min})", pct(floor)))
                                    .fix(format!("售价不低于 ¥{min}"), format!("price it at ¥{min} or more")));
                            }
                        }
                    }
                }
            }
        }
        if rules.ingredients {
            if let Some(list) = get("ingredients") {
                let items = list
                    .split([',', '，', '、', ';', '；', '/', '\n'])
                    .filter(|s| !s.trim().is_empty())
                    .count() as u32;
                let min = self.book.listing.ingredients_min_items;
                if items < min {
                    f.push(Finding::error("INGREDIENTS_INCOMPLETE", "attributes.ingredients",
                        format!("全成分表只有 {items} 项，应列出全部成分（至少 {min} 项）"),
                        format!("the ingredient list has {items} item(s); list every ingredient (at least {min})"))
                        .fix("按包装上的全成分表逐项填写，用顿号分隔", "copy the full list from the pack, separated by commas"));
                }
            }
        }
        if rules.dated {
            self.dates(get("productionDate"), get("shelfLife"), f);
        }
    }

    fn dates(&self, production: Option<&str>, shelf: Option<&str>, f: &mut Vec<Finding>) {
        let today = self.now.date();
        let made = match production {
            None => None,
            Some(raw) => match parse_date(&raw.replace(['/', '.'], "-")) {
                None => {
                    f.push(Finding::error(
                        "INVALID_DATE",
                        "attributes.productionDate",
                        format!("生产日期“{raw}”应为 YYYY-MM-DD"),
                        format!("production date \"{raw}\" must be YYYY-MM-DD"),
                    ));
                    None
                }
                Some(d) if d > today => {
                    f.push(Finding::error(
                        "PRODUCTION_DATE_IN_FUTURE",
                        "attributes.productionDate",
                        format!("生产日期 {d} 晚于今天 {today}"),
                        format!("production date {d} is after today {today}"),
                    ));
                    None
                }
                Some(d) => Some(d),
            },
        };
        let life = match shelf {
            None => None,
            Some(raw) => {
                let parsed = parse_shelf_life(raw);
                if parsed.is_none() {
                    f.push(Finding::error("INVALID_SHELF_LIFE", "attributes.shelfLife", format!("保质期“{raw}”应写成天数、月数或年数，如 180天、12个月"), format!("shelf life \"{raw}\" must be days, months or years, e.g. 180天 or 12个月")));
                }
                parsed
            }
        };
        if let (Some(made), Some(life)) = (made, life) {
            let expiry = life.after(made);
            let total = expiry.days() - made.days();
            let left = expiry.days() - today.days();
            if left <= 0 {
                f.push(
                    Finding::error(
                        "EXPIRED",
                        "attributes.productionDate",
                        format!("已过保质期（{expiry} 到期）"),
                        format!("past its shelf life (expired {expiry})"),
                    )
                    .fix("下架并更换批次", "delist it and restock a fresh batch"),
                );
            } else if Decimal::from(left)
                < Decimal::from(total) * self.book.listing.near_expiry_share.as_decimal()
            {
                f.push(Finding::warning(
                    "NEAR_EXPIRY",
                    "attributes.productionDate",
                    format!("剩余保质期 {left} 天，不足三分之一（{expiry} 到期）"),
                    format!("{left} days of shelf life left, under a third (expires {expiry})"),
                ));
            }
        }
    }
}

fn pct(r: crate::money::Rate) -> String {
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

/// Parse a money field; a bad value becomes an INVALID_PRICE finding.
fn money_field(v: Option<&Text>, path: &str, f: &mut Vec<Finding>) -> Option<Money> {
    let raw = v?.trimmed();
    if raw.is_empty() {
        return None;
    }
    let cleaned = raw.trim_start_matches(['¥', '￥']);
    match Money::parse(cleaned) {
        Ok(m) => Some(m),
        Err(kind) => {
            let e = Error::new(kind, "");
            f.push(Finding::error(
                "INVALID_PRICE",
                path,
                e.message(),
                e.message_en(),
            ));
            None
        }
    }
}

fn parse_count(s: &str) -> Option<u32> {
    let s = s.strip_suffix(".0").unwrap_or(s);
    (!s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
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

/// ISBN-13 (978/979, EAN check) or ISBN-10 (mod 11, X = 10).
pub fn valid_isbn(raw: &str) -> bool {
    let s: Vec<u8> = raw.bytes().filter(|b| !matches!(b, b'-' | b' ')).collect();
    match s.len() {
        13 if s.iter().all(u8::is_ascii_digit)
            && (s.starts_with(b"978") || s.starts_with(b"979")) =>
        {
            let sum: u32 = s
                .iter()
                .enumerate()
                .map(|(i, d)| u32::from(d - b'0') * if i % 2 == 0 { 1 } else { 3 })
                .sum();
            sum.is_multiple_of(10)
        }
        10 if s[..9].iter().all(u8::is_ascii_digit)
            && (s[9].is_ascii_digit() || matches!(s[9], b'X' | b'x')) =>
        {
            let sum: u32 = s
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let v = if matches!(d, b'X' | b'x') {
                        10
                    } else {
                        u32::from(d - b'0')
                    };
                    v * (10 - i as u32)
                })
                .sum();
            sum.is_multiple_of(11)
        }
        _ => false,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ShelfLife {
    Days(u32),
    Months(u32),
}

impl ShelfLife {
    fn after(self, d: Date) -> Date {
        match self {
            ShelfLife::Days(n) => d.add_days(i64::from(n)),
            ShelfLife::Months(n) => {
                let (y, m, day) = d.ymd();
                let total = y * 12 + i64::from(m) - 1 + i64::from(n);
                let (y2, m2) = (total / 12, (total % 12) as u32 + 1);
                let day = day.min(crate::time::days_in_month(y2, m2));
                Date::from_ymd(y2, m2, day).unwrap_or(d)
            }
        }
    }
}

/// "180", "180天", "6个月", "6月", "1年", "2 years"…
fn parse_shelf_life(raw: &str) -> Option<ShelfLife> {
    let s = raw.trim().to_lowercase();
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let n: u32 = digits.parse().ok().filter(|n| *n > 0 && *n <= 36_500)?;
    let unit = s[digits.len()..].trim();
    match unit {
        "" | "天" | "日" | "d" | "day" | "days" => Some(ShelfLife::Days(n)),
        "个月" | "月" | "m" | "month" | "months" => Some(ShelfLife::Months(n)),
        "年" | "y" | "year" | "years" => Some(ShelfLife::Months(n.checked_mul(12)?)),
        _ => None,
    }
}

/// One listing's result in a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RowResult {
    /// Position in the input, from 0.
    pub index: usize,
    /// CSV: the data row (from 1) and the file line it starts on.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub line: Option<usize>,
    pub ok: bool,
    pub findings: Vec<Finding>,
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
        let findings = match crate::error::from_json::<Listing>(raw) {
            Ok(l) => v.validate(&l).findings,
            Err(e) => vec![unreadable(&e)],
        };
        let ok = !findings.iter().any(Finding::is_error);
        results.push(RowResult {
            index,
            row: None,
            line: None,
            ok,
            findings,
        });
        if (index + 1) % every.max(1) == 0 || index + 1 == total {
            progress(index + 1, total);
        }
    }
    Ok(BatchReport::new(Vec::new(), results))
}

fn unreadable(e: &Error) -> Finding {
    Finding::error(
        "UNREADABLE_LISTING",
        e.path.clone(),
        format!("无法读取此商品：{}", e.message()),
        format!("cannot read this listing: {}", e.message_en()),
    )
}
