//! The category tree and checkCategory: may this subject list in this category on this
//! platform, with these qualifications? A node's rules hold for its descendants; listings need a
//! leaf (third-level) category.

use crate::foundation::error::{Error, ErrorKind, Result};
use crate::foundation::finding::Finding;
use crate::foundation::money::MoneyInput;
use crate::foundation::money::Rate;
use crate::merchant::rulebook::{Category, Platform, Rulebook, Subject};
use serde::{Deserialize, Serialize};

/// 个人, 个体工商户 or 企业.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum SubjectKind {
    Individual,
    IndividualBusiness,
    Enterprise,
}

impl SubjectKind {
    pub fn id(self) -> &'static str {
        match self {
            SubjectKind::Individual => "individual",
            SubjectKind::IndividualBusiness => "individualBusiness",
            SubjectKind::Enterprise => "enterprise",
        }
    }
}

pub use crate::foundation::category_id::covers;

/// A node of the category tree as nested data, for pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CategoryNode {
    pub id: String,
    pub name: String,
    pub name_en: String,
    /// Empty for a leaf (the level listings need).
    pub children: Vec<CategoryNode>,
}

/// The rulebook's flat, dotted category list as a tree, in rulebook order.
pub fn category_tree(book: &Rulebook) -> Vec<CategoryNode> {
    fn children_of(book: &Rulebook, parent: Option<&str>) -> Vec<CategoryNode> {
        book.categories
            .iter()
            .filter(|c| match (parent, c.id.rsplit_once('.')) {
                (None, None) => true,
                (Some(p), Some((head, _))) => head == p,
                _ => false,
            })
            .map(|c| CategoryNode {
                id: c.id.clone(),
                name: c.name.clone(),
                name_en: c.name_en.clone(),
                children: children_of(book, Some(&c.id)),
            })
            .collect()
    }
    children_of(book, None)
}

/// A category's rules with its ancestors' and its platform's folded in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CategoryRules {
    pub qualifications: Vec<String>,
    pub required_attributes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_images: Option<u32>,
    pub dated: bool,
    pub isbn: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guide_price_floor: Option<Rate>,
    pub ingredients: bool,
    pub r#virtual: bool,
    /// Every attribute a listing here must fill in: `requiredAttributes` plus ISBN, 定价 and
    /// 全成分 where the flags above ask for them (what a listing form should offer).
    pub listing_attributes: Vec<String>,
}

impl Rulebook {
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn is_leaf(&self, id: &str) -> bool {
        !self
            .categories
            .iter()
            .any(|c| c.id.len() > id.len() && covers(id, &c.id))
    }

    /// The node and its ancestors, root first.
    pub fn lineage(&self, id: &str) -> Vec<&Category> {
        let mut out = Vec::new();
        for (pos, _) in id.match_indices('.').chain(std::iter::once((id.len(), ""))) {
            if let Some(c) = self.category(&id[..pos]) {
                out.push(c);
            }
        }
        out
    }

    /// The platform by id; none means WeChat. Unknown ids are UNKNOWN_PLATFORM at `platform`.
    pub fn platform_or_default(&self, id: Option<&str>) -> Result<&Platform> {
        let id = id.unwrap_or("wechat");
        self.platform(id).ok_or_else(|| {
            Error::new(
                ErrorKind::UnknownPlatform {
                    id: id.to_string(),
                    known: self.platforms.iter().map(|p| p.id.clone()).collect(),
                },
                "platform",
            )
        })
    }

    pub fn subject(&self, kind: SubjectKind) -> Option<&Subject> {
        self.subjects.iter().find(|s| s.id == kind.id())
    }

    pub fn qualification_name(&self, id: &str) -> (String, String) {
        self.qualifications
            .iter()
            .find(|q| q.id == id)
            .map_or((id.to_string(), id.to_string()), |q| {
                (q.name.clone(), q.name_en.clone())
            })
    }

    /// Rules for a category on a platform: qualifications and attributes add up down the tree
    /// and from the platform's own lists; single values come from the nearest node that sets
    /// them.
    pub fn rules_for(&self, id: &str, platform: &Platform) -> CategoryRules {
        let mut r = CategoryRules::default();
        let add = |list: &mut Vec<String>, items: &[String]| {
            for i in items {
                if !list.contains(i) {
                    list.push(i.clone());
                }
            }
        };
        for c in self.lineage(id) {
            add(&mut r.qualifications, &c.qualifications);
            add(&mut r.required_attributes, &c.required_attributes);
            r.min_images = c.min_images.or(r.min_images);
            r.dated = c.dated.unwrap_or(r.dated);
            r.isbn = c.isbn.unwrap_or(r.isbn);
            r.guide_price_floor = c.guide_price_floor.or(r.guide_price_floor);
            r.ingredients = c.ingredients.unwrap_or(r.ingredients);
            r.r#virtual = c.r#virtual.unwrap_or(r.r#virtual);
        }
        for l in &platform.category_qualifications {
            if l.category_ids.iter().any(|s| covers(s, id)) {
                add(&mut r.qualifications, &l.qualifications);
            }
        }
        for l in &platform.required_attributes {
            if l.category_ids.iter().any(|s| covers(s, id)) {
                add(&mut r.required_attributes, &l.attributes);
            }
        }
        r.listing_attributes = r.required_attributes.clone();
        for (flag, attr) in [
            (r.isbn, "isbn"),
            (r.isbn && r.guide_price_floor.is_some(), "guidePrice"),
            (r.ingredients, "ingredients"),
        ] {
            if flag {
                add(&mut r.listing_attributes, &[attr.to_string()]);
            }
        }
        r
    }

    /// Up to five valid leaf ids near an unknown or non-leaf id: the leaves under its longest
    /// known prefix, else those whose id or name is closest.
    pub fn suggest(&self, id: &str) -> Vec<String> {
        let leaves = || self.categories.iter().filter(|c| self.is_leaf(&c.id));
        let mut prefix = id;
        loop {
            if self.category(prefix).is_some() {
                return leaves()
                    .filter(|c| covers(prefix, &c.id))
                    .take(5)
                    .map(|c| c.id.clone())
                    .collect();
            }
            match prefix.rsplit_once('.') {
                Some((p, _)) => prefix = p,
                None => break,
            }
        }
        let needle = id.to_lowercase();
        let mut scored: Vec<(usize, &Category)> = leaves()
            .map(|c| {
                let by_name = c.name.contains(id) || c.name_en.to_lowercase().contains(&needle);
                let d = if by_name {
                    0
                } else {
                    1 + edit_distance(&needle, &c.id)
                };
                (d, c)
            })
            .collect();
        crate::foundation::sort::sort_by(&mut scored, |a, b| {
            a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id))
        });
        scored
            .into_iter()
            .take(5)
            .map(|(_, c)| c.id.clone())
            .collect()
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// What a merchant asks: may I sell in this category?
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Application {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    pub subject: SubjectKind,
    pub category_id: String,
    /// Qualification ids the merchant holds.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub qualifications: Vec<String>,
    /// Products already listed in the shop.
    #[serde(
        default,
        deserialize_with = "crate::foundation::money::deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub product_count: Option<u32>,
    /// Shops this WeChat ID already has.
    #[serde(
        default,
        deserialize_with = "crate::foundation::money::deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub shops_owned: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_trade: Option<MoneyInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CategoryCheck {
    pub allowed: bool,
    /// Every qualification id this subject needs for this category (the checklist), in order.
    pub required: Vec<String>,
    /// Qualification ids still needed.
    pub missing: Vec<String>,
    pub findings: Vec<Finding>,
    /// The category's names root first, when it exists.
    pub path: Vec<String>,
    pub path_en: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<CategoryRules>,
    /// Valid leaf ids near an unknown or non-leaf category.
    pub suggestions: Vec<String>,
}

pub fn check_category(book: &Rulebook, app: &Application) -> Result<CategoryCheck> {
    let platform = book.platform_or_default(app.platform.as_deref())?;
    let subject = book.subject(app.subject).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidRulebook {
                detail: format!("no subject \"{}\"", app.subject.id()),
            },
            "subjects",
        )
    })?;
    let mut findings = Vec::new();
    let mut out = CategoryCheck {
        allowed: false,
        required: Vec::new(),
        missing: Vec::new(),
        findings: Vec::new(),
        path: Vec::new(),
        path_en: Vec::new(),
        rules: None,
        suggestions: Vec::new(),
    };
    let id = app.category_id.trim();
    if book.category(id).is_none() {
        out.suggestions = book.suggest(id);
        out.findings.push(
            Finding::error(
                "UNKNOWN_CATEGORY",
                "categoryId",
                format!("类目“{id}”不存在"),
                format!("category \"{id}\" does not exist"),
            )
            .fix(
                format!("改用：{}", out.suggestions.join("、")),
                format!("use one of: {}", out.suggestions.join(", ")),
            ),
        );
        return Ok(out);
    }
    let lineage = book.lineage(id);
    out.path = lineage.iter().map(|c| c.name.clone()).collect();
    out.path_en = lineage.iter().map(|c| c.name_en.clone()).collect();
    if !book.is_leaf(id) {
        out.suggestions = book.suggest(id);
        findings.push(
            Finding::error(
                "CATEGORY_NOT_LEAF",
                "categoryId",
                format!(
                    "请选择{}级类目，“{}”下还有子类目",
                    book.category_levels,
                    out.path.join(" > ")
                ),
                format!(
                    "pick a level-{} category: \"{}\" has sub-categories",
                    book.category_levels,
                    out.path_en.join(" > ")
                ),
            )
            .fix(
                format!("例如：{}", out.suggestions.join("、")),
                format!("e.g. {}", out.suggestions.join(", ")),
            ),
        );
    }
    let rules = book.rules_for(id, platform);
    if app.subject == SubjectKind::Individual {
        for class in &book.individual_banned_classes {
            if class.category_ids.iter().any(|s| covers(s, id)) {
                findings.push(
                    Finding::error(
                        "BANNED_FOR_INDIVIDUALS",
                        "categoryId",
                        format!("个人店铺不可经营“{}”类商品", class.name),
                        format!("individual shops may not sell {}", class.name_en),
                    )
                    .fix(
                        "以个体工商户或企业主体开店",
                        "open the shop as an individual business or enterprise",
                    ),
                );
            }
        }
    }
    if rules.r#virtual && !subject.virtual_goods && app.subject != SubjectKind::Individual {
        findings.push(
            Finding::error(
                "SUBJECT_NOT_ALLOWED",
                "subject",
                format!("{}不可经营虚拟商品类目", subject.name),
                format!("{} shops may not sell virtual goods", subject.name_en),
            )
            .fix("以企业主体开店", "open the shop as an enterprise"),
        );
    }
    let mut required = subject.requires.clone();
    for q in &rules.qualifications {
        if !required.contains(q) {
            required.push(q.clone());
        }
    }
    out.required = required.clone();
    for q in required {
        if !app.qualifications.contains(&q) {
            let (zh, en) = book.qualification_name(&q);
            findings.push(
                Finding::error(
                    "MISSING_QUALIFICATION",
                    "qualifications",
                    format!("缺少资质：{zh}"),
                    format!("missing qualification: {en}"),
                )
                .fix(format!("上传{zh}"), format!("upload the {en}")),
            );
            out.missing.push(q);
        }
    }
    if let (Some(cap), Some(n)) = (subject.max_products, app.product_count) {
        if n >= cap {
            findings.push(
                Finding::error(
                    "PRODUCT_CAP_REACHED",
                    "productCount",
                    format!("{}店铺最多上架 {cap} 件商品，已有 {n} 件", subject.name),
                    format!(
                        "{} shops may list at most {cap} products; {n} listed",
                        subject.name_en
                    ),
                )
                .fix(
                    "下架部分商品，或升级为企业主体",
                    "delist some products or upgrade to an enterprise shop",
                ),
            );
        }
    }
    if let Some(n) = app.shops_owned {
        let cap = subject.max_shops_per_wechat_id;
        if n >= cap {
            findings.push(Finding::error(
                "SHOP_LIMIT_REACHED",
                "shopsOwned",
                format!("每个微信号最多开 {cap} 家{}店铺，已有 {n} 家", subject.name),
                format!(
                    "one WeChat ID may open at most {cap} {} shop(s); {n} open",
                    subject.name_en
                ),
            ));
        }
    }
    if let (Some(limit), Some(trade)) =
        (subject.licence_advised_above_annual_trade, app.annual_trade)
    {
        if trade > limit {
            findings.push(
                Finding::warning(
                    "BUSINESS_LICENCE_ADVISED",
                    "annualTrade",
                    format!("年交易额超过 ¥{limit}，依电子商务法需办理营业执照"),
                    format!(
                        "annual trade above ¥{limit} requires a business licence (E-commerce Law)"
                    ),
                )
                .fix(
                    "办理个体工商户营业执照",
                    "register as an individual business",
                ),
            );
        }
    }
    out.allowed = !findings.iter().any(Finding::is_error);
    out.findings = findings;
    out.rules = Some(rules);
    Ok(out)
}
