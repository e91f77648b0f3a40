//! Rulebook data, checkCategory, previewFees, compareFees and shopHealth: one test per rule.

use serde_json::{json, Value};
use xiaodian::category::{check_category, Application, CategoryCheck};
use xiaodian::fees::{
    compare_fees, preview_fees, shop_health, FeeInput, FeePreview, HealthMetrics,
};
use xiaodian::json::from_json;
use xiaodian::{default_rulebook, Rulebook};

fn check(v: Value) -> CategoryCheck {
    let app: Application = serde_json::from_value(v).unwrap();
    check_category(default_rulebook(), &app).unwrap()
}

fn codes(c: &CategoryCheck) -> Vec<&str> {
    c.findings.iter().map(|f| f.code.as_str()).collect()
}

const PERSON: [&str; 3] = ["idCard", "realNameWechat", "bankCard"];
const BUSINESS: [&str; 3] = ["businessLicence", "idCard", "bankCard"];
const COMPANY: [&str; 3] = ["businessLicence", "legalPersonId", "corporateAccount"];

fn quals(base: &[&str], extra: &[&str]) -> Vec<String> {
    base.iter().chain(extra).map(|s| s.to_string()).collect()
}

fn fees(v: Value) -> FeePreview {
    let input: FeeInput = serde_json::from_value(v).unwrap();
    preview_fees(default_rulebook(), &input).unwrap()
}

fn line<'a>(p: &'a FeePreview, item: &str) -> &'a xiaodian::fees::FeeLine {
    p.lines
        .iter()
        .find(|l| l.item == item)
        .unwrap_or_else(|| panic!("no {item} line"))
}

#[test]
fn the_tree_has_three_levels_and_sixty_leaves_and_every_entry_cites_a_source() {
    let book = default_rulebook();
    let leaves: Vec<_> = book
        .categories
        .iter()
        .filter(|c| book.is_leaf(&c.id))
        .collect();
    assert!(leaves.len() >= 60, "{} leaves", leaves.len());
    assert!(leaves.iter().all(|c| c.id.split('.').count() == 3));
    assert_eq!(book.individual_banned_classes.len(), 12);
    for name in ["医疗器械", "虚拟货币", "成人用品"] {
        let class = book
            .individual_banned_classes
            .iter()
            .find(|c| c.name == name)
            .unwrap();
        assert_ne!(class.source, "assumed", "{name} comes from the sources");
    }
    let raw: Value = serde_json::from_str(xiaodian::rulebook::DEFAULT_RULEBOOK_JSON).unwrap();
    for p in raw["platforms"].as_array().unwrap() {
        for key in ["deposit", "transactionFee", "settlement"] {
            assert!(p[key]["source"].is_string(), "{} {key}", p["id"]);
        }
    }
}

/// Checkout reads only the version and points defaults; they are the full rulebook's.
#[test]
fn checkout_rules_are_the_rulebooks() {
    let book = xiaodian::default_rulebook();
    // What the shopper's module reads (build.rs's copy of two fields), and what the full one uses.
    let copy: Value = serde_json::from_str(include_str!(concat!(
        env!("OUT_DIR"),
        "/checkout-rules.json"
    )))
    .unwrap();
    let full: Value = serde_json::from_str(xiaodian::rulebook::DEFAULT_RULEBOOK_JSON).unwrap();
    assert_eq!(
        copy,
        json!({ "version": full["version"], "points": full["points"],
                "membership": full["membership"], "invoice": full["invoice"], "refund": full["refund"] })
    );
    let (version, points) = xiaodian::rulebook::checkout_rules();
    assert_eq!(version, book.version);
    assert_eq!(
        serde_json::to_value(points).unwrap(),
        serde_json::to_value(&book.points).unwrap()
    );
    assert_eq!(xiaodian::version().rulebook, book.version);
}

/// The module embeds data/ minified by build.rs: the same JSON values, fewer bytes.
#[test]
fn embedded_data_is_the_data_files_minified() {
    let pairs = [
        (
            xiaodian::rulebook::DEFAULT_RULEBOOK_JSON,
            include_str!("../data/rulebook.json"),
        ),
        (
            xiaodian::catalog::DEMO_CATALOG_JSON,
            include_str!("../data/demo-catalog.json"),
        ),
    ];
    for (embedded, file) in pairs {
        assert!(embedded.len() < file.len(), "whitespace was removed");
        assert!(!embedded.contains('\n'));
        let a: Value = serde_json::from_str(embedded).unwrap();
        let b: Value = serde_json::from_str(file).unwrap();
        assert_eq!(a, b);
    }
}

#[test]
fn subjects_need_their_own_qualifications() {
    let app = |subject: &str, q: &[&str]| {
        check(json!({ "subject": subject, "categoryId": "home.kitchen.cups", "qualifications": q }))
    };
    assert!(app("individual", &PERSON).allowed);
    assert_eq!(
        app("individual", &["idCard"]).missing,
        vec!["realNameWechat", "bankCard"]
    );
    assert!(app("individualBusiness", &BUSINESS).allowed);
    assert_eq!(
        app("individualBusiness", &PERSON).missing,
        vec!["businessLicence"]
    );
    assert!(app("enterprise", &COMPANY).allowed);
    assert_eq!(
        app("enterprise", &["businessLicence"]).missing,
        vec!["legalPersonId", "corporateAccount"]
    );
    let c = app("enterprise", &[]);
    assert!(c
        .findings
        .iter()
        .all(|f| f.code == "MISSING_QUALIFICATION" && f.fix.is_some()));
}

#[test]
fn food_needs_the_food_licence_and_on_wechat_both_production_licence_and_report() {
    let on = |platform: &str, extra: &[&str]| {
        check(
            json!({ "platform": platform, "subject": "enterprise", "categoryId": "food.snacks.nuts", "qualifications": quals(&COMPANY, extra) }),
        )
    };
    assert_eq!(
        on("wechat", &[]).missing,
        vec![
            "foodBusinessLicence",
            "foodProductionLicence",
            "qualityReport"
        ]
    );
    assert!(
        on(
            "wechat",
            &[
                "foodBusinessLicence",
                "foodProductionLicence",
                "qualityReport"
            ]
        )
        .allowed
    );
    assert_eq!(on("douyin", &[]).missing, vec!["foodBusinessLicence"]);
    let rules = on("wechat", &[]).rules.unwrap();
    assert_eq!(rules.min_images, Some(4));
    assert!(rules
        .required_attributes
        .contains(&"productStandard".to_string()));
}

#[test]
fn books_virtual_goods_and_electronics_qualifications() {
    let missing = |platform: &str, cat: &str| {
        check(json!({ "platform": platform, "subject": "enterprise", "categoryId": cat, "qualifications": COMPANY })).missing
    };
    assert_eq!(
        missing("wechat", "books.history.china"),
        vec!["publicationLicence"]
    );
    assert_eq!(
        missing("wechat", "virtual.course.online"),
        vec!["telecomLicence"]
    );
    assert!(missing("wechat", "digital.phone.smartphone").is_empty());
    assert_eq!(missing("douyin", "digital.phone.smartphone"), vec!["ccc"]);
    let book_rules = check(json!({ "subject": "enterprise", "categoryId": "books.literature.poetry", "qualifications": COMPANY })).rules.unwrap();
    assert!(book_rules.isbn);
    assert_eq!(book_rules.guide_price_floor.unwrap().to_string(), "0.5");
}

#[test]
fn twelve_classes_are_banned_for_individuals() {
    let book = default_rulebook();
    for class in &book.individual_banned_classes {
        let leaf = book
            .categories
            .iter()
            .find(|c| {
                book.is_leaf(&c.id)
                    && class
                        .category_ids
                        .iter()
                        .any(|s| xiaodian::category::covers(s, &c.id))
            })
            .unwrap();
        let c = check(
            json!({ "subject": "individual", "categoryId": leaf.id, "qualifications": PERSON }),
        );
        assert!(!c.allowed, "{}", class.name);
        assert!(
            codes(&c).contains(&"BANNED_FOR_INDIVIDUALS"),
            "{}",
            class.name
        );
        let biz = check(
            json!({ "subject": "enterprise", "categoryId": leaf.id, "qualifications": COMPANY }),
        );
        assert!(!codes(&biz).contains(&"BANNED_FOR_INDIVIDUALS"));
    }
}

#[test]
fn individual_businesses_cannot_sell_virtual_goods() {
    let c = check(
        json!({ "subject": "individualBusiness", "categoryId": "virtual.topup.mobile", "qualifications": quals(&BUSINESS, &["telecomLicence"]) }),
    );
    assert_eq!(codes(&c), vec!["SUBJECT_NOT_ALLOWED"]);
    let e = check(
        json!({ "subject": "enterprise", "categoryId": "virtual.topup.mobile", "qualifications": quals(&COMPANY, &["telecomLicence"]) }),
    );
    assert!(e.allowed);
}

#[test]
fn product_cap_shop_count_and_licence_advice() {
    let c = |subject: &str, extra: Value| {
        let all = [PERSON, BUSINESS, COMPANY].concat();
        let mut v =
            json!({ "subject": subject, "categoryId": "home.kitchen.cups", "qualifications": all });
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        check(v)
    };
    assert!(c("individual", json!({ "productCount": 499 })).allowed);
    assert_eq!(
        codes(&c("individual", json!({ "productCount": 500 }))),
        vec!["PRODUCT_CAP_REACHED"]
    );
    assert_eq!(
        codes(&c("individualBusiness", json!({ "productCount": 500 }))),
        vec!["PRODUCT_CAP_REACHED"]
    );
    assert!(c("enterprise", json!({ "productCount": 5000 })).allowed);
    assert_eq!(
        codes(&c("individual", json!({ "shopsOwned": 1 }))),
        vec!["SHOP_LIMIT_REACHED"]
    );
    assert!(c("enterprise", json!({ "shopsOwned": 2 })).allowed);
    assert_eq!(
        codes(&c("enterprise", json!({ "shopsOwned": 3 }))),
        vec!["SHOP_LIMIT_REACHED"]
    );
    let advice = c("individual", json!({ "annualTrade": "100000.01" }));
    assert!(advice.allowed, "a warning does not block");
    assert_eq!(advice.findings[0].code, "BUSINESS_LICENCE_ADVISED");
    assert!(c("individual", json!({ "annualTrade": "100000" }))
        .findings
        .is_empty());
}

#[test]
fn unknown_and_non_leaf_categories_suggest_valid_ids() {
    let c = check(
        json!({ "subject": "enterprise", "categoryId": "food.snacks.walnuts", "qualifications": COMPANY }),
    );
    assert_eq!(codes(&c), vec!["UNKNOWN_CATEGORY"]);
    assert!(
        c.suggestions.contains(&"food.snacks.nuts".to_string()),
        "{:?}",
        c.suggestions
    );
    let by_name = check(
        json!({ "subject": "enterprise", "categoryId": "坚果炒货", "qualifications": COMPANY }),
    );
    assert_eq!(by_name.suggestions[0], "food.snacks.nuts");
    let typo = check(
        json!({ "subject": "enterprise", "categoryId": "beuty.makeup.lipstik", "qualifications": COMPANY }),
    );
    assert_eq!(typo.suggestions[0], "beauty.makeup.lipstick");
    let node = check(
        json!({ "subject": "enterprise", "categoryId": "apparel.women", "qualifications": COMPANY }),
    );
    assert!(codes(&node).contains(&"CATEGORY_NOT_LEAF"));
    assert!(node
        .suggestions
        .contains(&"apparel.women.dress".to_string()));
    assert_eq!(node.path, vec!["服装", "女装"]);
}

#[test]
fn wechat_deposits_by_category_and_gmv_tier() {
    let dep = |cat: &str, gmv: &str| {
        fees(json!({ "subject": "enterprise", "categoryId": cat, "monthlyGmv": gmv }))
            .deposit
            .amount
            .to_string()
    };
    assert_eq!(dep("home.kitchen.cups", "10000"), "2000.00");
    assert_eq!(dep("beauty.makeup.lipstick", "10000"), "5000.00");
    assert_eq!(dep("food.snacks.nuts", "10000"), "8000.00");
    assert_eq!(dep("pets.food.cat", "500000"), "3000.00");
    assert_eq!(dep("pets.food.cat", "500000.01"), "5000.00");
    assert_eq!(dep("jewelry.gold.ornament", "1"), "50000.00");
    let insured = fees(
        json!({ "subject": "enterprise", "categoryId": "food.tea.green", "monthlyGmv": "1", "depositInsurance": true }),
    );
    assert!(insured.deposit.insured);
    assert_eq!(insured.deposit.cash.to_string(), "0.00");
    let person = fees(
        json!({ "subject": "individual", "categoryId": "food.tea.green", "monthlyGmv": "1", "depositInsurance": true }),
    );
    assert!(!person.deposit.insured, "only enterprises may insure");
    assert_eq!(person.deposit.refund_days, Some(30));
}

#[test]
fn other_platforms_deposits() {
    let dep = |platform: &str, cat: &str, orders: u32| {
        fees(json!({ "platform": platform, "subject": "enterprise", "categoryId": cat, "monthlyGmv": "1000", "orderCount": orders })).deposit.amount.to_string()
    };
    assert_eq!(dep("douyin", "home.kitchen.cups", 0), "2000.00");
    assert_eq!(dep("douyin", "jewelry.jade.jadeite", 0), "20000.00");
    assert_eq!(dep("kuaishou", "home.kitchen.cups", 10), "500.00");
    assert_eq!(dep("kuaishou", "home.kitchen.cups", 1000), "2000.00");
    assert_eq!(dep("kuaishou", "home.kitchen.cups", 60000), "10000.00");
    assert_eq!(dep("xiaohongshu", "beauty.skincare.serum", 0), "10000.00");
}

#[test]
fn transaction_fees_by_platform_and_category() {
    let fee = |platform: &str, cat: &str| {
        let p = fees(
            json!({ "platform": platform, "subject": "enterprise", "categoryId": cat, "monthlyGmv": "100000" }),
        );
        (
            line(&p, "transactionFee").amount.to_string(),
            p.monthly.transaction_fee.to_string(),
        )
    };
    assert_eq!(fee("wechat", "home.kitchen.cups").0, "600.00");
    assert_eq!(fee("wechat", "digital.computer.laptop").0, "1200.00");
    assert_eq!(fee("wechat", "fresh.fruit.apple").0, "1500.00");
    let douyin = fee("douyin", "home.kitchen.cups").0.parse::<f64>().unwrap();
    assert!((800.0..=1500.0).contains(&douyin));
    let kuaishou = fee("kuaishou", "digital.computer.laptop")
        .0
        .parse::<f64>()
        .unwrap();
    assert!((600.0..=1200.0).contains(&kuaishou));
    // 小红书: 5 % commission plus a channel fee.
    assert_eq!(
        fee("xiaohongshu", "home.kitchen.cups"),
        ("5000.00".into(), "5600.00".into())
    );
    // Half-up to the fen: ¥12,345.67 × 0.6 % = 74.07402 → 74.07.
    let p = fees(
        json!({ "subject": "enterprise", "categoryId": "home.kitchen.cups", "monthlyGmv": "12345.67" }),
    );
    assert_eq!(line(&p, "transactionFee").amount.to_string(), "74.07");
}

#[test]
fn withdrawal_fee_beyond_the_free_flow() {
    let w = |gmv: &str, withdraw: Option<&str>| {
        let mut v = json!({ "subject": "enterprise", "categoryId": "home.kitchen.cups", "monthlyGmv": gmv });
        if let Some(x) = withdraw {
            v["monthlyWithdrawal"] = json!(x);
        }
        fees(v)
    };
    assert_eq!(
        w("100000", Some("100000"))
            .monthly
            .withdrawal_fee
            .to_string(),
        "0.00"
    );
    assert_eq!(
        w("300000", Some("300000"))
            .monthly
            .withdrawal_fee
            .to_string(),
        "200.00"
    );
    // Default withdrawal: GMV less the month's fees (¥300,000 − ¥1,800).
    assert_eq!(
        w("300000", None).monthly.withdrawal_fee.to_string(),
        "198.20"
    );
    let big = w("60000000", Some("12000000"));
    assert!(line(&big, "withdrawalFee").basis.contains("需分 3 笔"));
}

#[test]
fn tools_certification_and_totals() {
    let p = fees(
        json!({ "subject": "enterprise", "categoryId": "home.kitchen.cups", "monthlyGmv": "10000", "tools": ["livePlugin", "membership"] }),
    );
    assert_eq!(p.monthly.tools.to_string(), "300.00");
    assert_eq!(p.monthly.total.to_string(), "360.00");
    assert_eq!(p.yearly.tools.to_string(), "4100.00");
    assert_eq!(p.yearly.certification.to_string(), "300.00");
    assert_eq!(
        p.yearly.total.to_string(),
        (360 * 12 + 500 + 300).to_string() + ".00"
    );
    let no_cert = fees(
        json!({ "subject": "enterprise", "categoryId": "home.kitchen.cups", "monthlyGmv": "10000", "certification": false }),
    );
    assert_eq!(no_cert.yearly.certification.to_string(), "0.00");
    // A WeChat tool on a platform without it costs nothing there, and says so.
    let d = fees(
        json!({ "platform": "douyin", "subject": "enterprise", "categoryId": "home.kitchen.cups", "monthlyGmv": "10000", "tools": ["livePlugin"] }),
    );
    assert_eq!(line(&d, "tool:livePlugin").amount.to_string(), "0.00");
    let input: FeeInput = serde_json::from_value(json!({ "subject": "enterprise", "categoryId": "home.kitchen.cups", "monthlyGmv": "1", "tools": ["rocket"] })).unwrap();
    let e = preview_fees(default_rulebook(), &input).unwrap_err();
    assert_eq!((e.code(), e.path.as_str()), ("UNKNOWN_ID", "tools[0]"));
}

#[test]
fn settlement_dates_commission_and_deposit_refund() {
    let s = |platform: &str, extra: Value| {
        let mut v = json!({ "platform": platform, "subject": "enterprise", "categoryId": "home.kitchen.cups", "monthlyGmv": "1", "confirmedAt": "2026-11-30T22:00:00+08:00" });
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        fees(v).settlement
    };
    let w = s("wechat", json!({}));
    assert_eq!(
        (w.rule.as_str(), w.days, w.date.as_deref()),
        ("T+1", 1, Some("2026-12-01"))
    );
    assert_eq!(w.commission_deducted_on.as_deref(), Some("2026-12-01"));
    let d0 = s("wechat", json!({ "fastSettlement": true }));
    assert_eq!(
        (d0.rule.as_str(), d0.date.as_deref()),
        ("D+0", Some("2026-11-30"))
    );
    assert_eq!(s("douyin", json!({})).date.as_deref(), Some("2026-12-03"));
    assert_eq!(s("douyin", json!({ "newShop": true })).days, 7);
    let k = s("kuaishou", json!({}));
    assert_eq!((k.days, k.after.as_str()), (2, "afterSalesClose"));
    assert_eq!(
        s("xiaohongshu", json!({})).date.as_deref(),
        Some("2026-12-07")
    );
    // Late evening UTC is already the next day in +08:00.
    let utc = s("wechat", json!({ "confirmedAt": "2026-12-31T17:00:00Z" }));
    assert_eq!(utc.date.as_deref(), Some("2027-01-02"));
    assert_eq!(utc.commission_deducted_on.as_deref(), Some("2027-02-01"));
}

#[test]
fn compare_fees_sorts_four_platforms_by_yearly_cost() {
    let input: FeeInput = serde_json::from_value(json!({ "subject": "enterprise", "categoryId": "beauty.skincare.serum", "monthlyGmv": "50000" })).unwrap();
    let all = compare_fees(default_rulebook(), &input).unwrap();
    assert_eq!(all.len(), 4);
    assert!(all
        .windows(2)
        .all(|w| w[0].yearly.total <= w[1].yearly.total));
    assert_eq!(all.last().unwrap().platform, "xiaohongshu");
    let mut ids: Vec<_> = all.iter().map(|p| p.platform.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["douyin", "kuaishou", "wechat", "xiaohongshu"]);
}

#[test]
fn shop_health_thresholds() {
    let h = |v: Value| {
        shop_health(
            default_rulebook(),
            &serde_json::from_value::<HealthMetrics>(v).unwrap(),
        )
        .unwrap()
    };
    let codes = |r: &xiaodian::fees::HealthReport| {
        r.findings
            .iter()
            .map(|f| f.code.clone())
            .collect::<Vec<_>>()
    };
    assert!(h(json!({ "returnRate": "0.15" })).findings.is_empty());
    assert_eq!(
        codes(&h(json!({ "returnRate": "0.16" }))),
        ["RETURN_RATE_REVIEW"]
    );
    assert!(h(json!({ "platform": "kuaishou", "returnRate": "0.3" }))
        .findings
        .is_empty());
    assert_eq!(
        codes(&h(json!({ "platform": "kuaishou", "returnRate": "0.31" }))),
        ["NEW_LISTINGS_BLOCKED"]
    );
    assert_eq!(h(json!({ "dsr": "4.7" })).search_weight, Some(true));
    let low = h(json!({ "dsr": "4.69" }));
    assert_eq!(
        (low.search_weight, codes(&low)),
        (Some(false), vec!["DSR_BELOW_SEARCH_WEIGHT".to_string()])
    );
    assert!(h(json!({ "shipHours": 48 })).findings.is_empty());
    assert_eq!(codes(&h(json!({ "shipHours": 49 }))), ["LATE_SHIPPING"]);
    assert!(h(json!({ "shipHours": 72, "presale": true }))
        .findings
        .is_empty());
    assert_eq!(
        codes(&h(json!({ "platform": "douyin", "shipHours": 25 }))),
        ["LATE_SHIPPING"]
    );
    assert_eq!(
        codes(&h(
            json!({ "platform": "douyin", "shipHours": 13, "event": true })
        )),
        ["LATE_SHIPPING"]
    );
    let fake = h(json!({ "falseShipmentValue": "199.90" }));
    assert_eq!(fake.penalties[0].amount.to_string(), "59.97");
    let late = h(json!({ "platform": "douyin", "latePickupValue": "1000" }));
    assert_eq!(late.penalties[0].amount.to_string(), "20.00");
    assert_eq!(
        h(json!({ "lastBadgeReview": "2026-11-18" }))
            .next_badge_review
            .as_deref(),
        Some("2026-12-02")
    );
}

#[test]
fn bad_input_is_a_structured_error() {
    let app: Application = serde_json::from_value(
        json!({ "platform": "taobao", "subject": "individual", "categoryId": "x" }),
    )
    .unwrap();
    let e = check_category(default_rulebook(), &app).unwrap_err();
    assert_eq!(
        (e.code(), e.path.as_str()),
        ("UNKNOWN_PLATFORM", "platform")
    );
    assert!(e.message_en().contains("wechat"));
    let e = from_json::<FeeInput>(
        r#"{"subject":"enterprise","categoryId":"home.kitchen.cups","monthlyGmv":"-1"}"#,
    )
    .unwrap_err();
    assert_eq!((e.code(), e.path.as_str()), ("INVALID_MONEY", "monthlyGmv"));
    let e = from_json::<Application>(r#"{"subject":"company","categoryId":"x"}"#).unwrap_err();
    assert_eq!((e.code(), e.path.as_str()), ("INVALID_INPUT", "subject"));
    let input: FeeInput = serde_json::from_value(
        json!({ "subject": "enterprise", "categoryId": "nope", "monthlyGmv": "1" }),
    )
    .unwrap();
    assert_eq!(
        preview_fees(default_rulebook(), &input).unwrap_err().code(),
        "UNKNOWN_ID"
    );
    let e = shop_health(
        default_rulebook(),
        &serde_json::from_value(json!({ "dsr": "7" })).unwrap(),
    )
    .unwrap_err();
    assert_eq!(e.path, "dsr");
}

#[test]
fn a_callers_rulebook_overrides_and_is_validated() {
    let mut v: Value = serde_json::from_str(xiaodian::rulebook::DEFAULT_RULEBOOK_JSON).unwrap();
    v["platforms"][0]["transactionFee"]["default"] = json!("0.01");
    let book = Rulebook::from_json(&v.to_string()).unwrap();
    let input: FeeInput = serde_json::from_value(
        json!({ "subject": "enterprise", "categoryId": "home.kitchen.cups", "monthlyGmv": "1000" }),
    )
    .unwrap();
    assert_eq!(
        preview_fees(&book, &input)
            .unwrap()
            .monthly
            .transaction_fee
            .to_string(),
        "10.00"
    );
    let bad = |patch: &dyn Fn(&mut Value), code: &str, path: &str| {
        let mut v: Value = serde_json::from_str(xiaodian::rulebook::DEFAULT_RULEBOOK_JSON).unwrap();
        patch(&mut v);
        let e = Rulebook::from_json(&v.to_string()).unwrap_err();
        assert_eq!((e.code(), e.path.as_str()), (code, path));
    };
    bad(
        &|v| v["categories"][1]["id"] = json!("nowhere.snacks"),
        "INVALID_RULEBOOK",
        "categories[1].id",
    );
    bad(
        &|v| v["categories"][0]["qualifications"] = json!(["magic"]),
        "INVALID_RULEBOOK",
        "categories[0].qualifications[0]",
    );
    bad(
        &|v| v["individualBannedClasses"][0]["categoryIds"] = json!(["mars"]),
        "INVALID_RULEBOOK",
        "individualBannedClasses[0].categoryIds[0]",
    );
    bad(
        &|v| v["platforms"][0]["deposit"]["base"] = json!("-5"),
        "INVALID_RULEBOOK",
        "platforms[0].deposit.base",
    );
    bad(
        &|v| v["platforms"][0]["deposit"]["base"] = json!("90000"),
        "INVALID_RULEBOOK",
        "platforms[0].deposit.base",
    );
    bad(
        &|v| v["platforms"][0]["transactionFee"]["byCategory"][0]["source"] = json!("rumour"),
        "INVALID_RULEBOOK",
        "platforms[0].transactionFee.byCategory[0].source",
    );
    bad(
        &|v| v["subjects"] = json!([]),
        "INVALID_RULEBOOK",
        "subjects",
    );
    bad(
        &|v| v["platforms"][1]["settlement"] = json!({ "rule": "T+3" }),
        "INVALID_RULEBOOK",
        "platforms[1].settlement.days",
    );
}

#[test]
fn category_tree_nests_the_flat_list_three_levels_deep() {
    let book = default_rulebook();
    let tree = xiaodian::category::category_tree(book);
    let mut seen = Vec::new();
    fn walk(
        nodes: &[xiaodian::category::CategoryNode],
        depth: usize,
        seen: &mut Vec<(String, usize, bool)>,
    ) {
        for n in nodes {
            seen.push((n.id.clone(), depth, n.children.is_empty()));
            for c in &n.children {
                assert!(
                    c.id.starts_with(&format!("{}.", n.id)),
                    "{} under {}",
                    c.id,
                    n.id
                );
            }
            walk(&n.children, depth + 1, seen);
        }
    }
    walk(&tree, 1, &mut seen);
    assert_eq!(seen.len(), book.categories.len(), "every node exactly once");
    let leaves: Vec<_> = seen.iter().filter(|s| s.2).collect();
    assert_eq!(leaves.len(), 74);
    assert!(leaves.iter().all(|s| s.1 == 3), "every leaf is third-level");
    assert_eq!(tree[0].id, "food");
    assert_eq!(tree[0].children[0].children[0].id, "food.snacks.nuts");
}

#[test]
fn category_check_lists_the_whole_checklist_and_what_is_missing() {
    let book = default_rulebook();
    let app: Application = from_json(
        r#"{"subject":"individual","categoryId":"food.snacks.nuts","qualifications":["idCard","foodBusinessLicence"]}"#,
    )
    .unwrap();
    let c = check_category(book, &app).unwrap();
    // Subject's own (身份证, 实名微信, 银行卡) first, then the food category's licences.
    assert_eq!(
        c.required,
        [
            "idCard",
            "realNameWechat",
            "bankCard",
            "foodBusinessLicence",
            "foodProductionLicence",
            "qualityReport"
        ]
    );
    assert_eq!(
        c.missing,
        [
            "realNameWechat",
            "bankCard",
            "foodProductionLicence",
            "qualityReport"
        ]
    );
    assert!(c.missing.iter().all(|m| c.required.contains(m)));
}

#[test]
fn listing_attributes_add_isbn_guide_price_and_ingredients_where_the_rules_ask() {
    let book = default_rulebook();
    let wechat = book.platform_or_default(None).unwrap();
    let poetry = book.rules_for("books.literature.poetry", wechat);
    assert_eq!(poetry.listing_attributes, ["isbn", "guidePrice"]);
    let nuts = book.rules_for("food.snacks.nuts", wechat);
    assert_eq!(nuts.listing_attributes, nuts.required_attributes);
    let cream = book.rules_for("beauty.skincare.cream", wechat);
    assert!(cream.listing_attributes.iter().any(|a| a == "ingredients"));
}
