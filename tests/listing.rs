//! validateListing / CSV / identity: each check with a passing and a failing case.

use serde_json::{json, Value};
use xiaodian::csv::validate_csv;
use xiaodian::identity::{check_identity, IdentityKind};
use xiaodian::listing::{
    valid_isbn, validate_json_listings, Listing, ListingOptions, ListingReport, Validator,
};
use xiaodian::{default_rulebook, Timestamp};

fn now() -> Timestamp {
    Timestamp::parse("2026-11-23T10:00:00+08:00").unwrap()
}

/// A listing that passes in a plain category, with `patch` applied.
fn listing(patch: Value) -> Value {
    let mut l = json!({
        "title": "手工青瓷品茗杯 单只装",
        "categoryId": "home.kitchen.cups",
        "price": "25.00",
        "marketPrice": "35.00",
        "skus": [{ "skuId": "cup-1", "price": "25.00", "stock": 100 }],
        "images": ["https://i/1.jpg", "https://i/2.jpg", "https://i/3.jpg"],
        "attributes": {},
        "description": "景德镇手工拉坯，釉色温润。"
    });
    for (k, v) in patch.as_object().unwrap() {
        l[k] = v.clone();
    }
    l
}

fn check(v: Value) -> ListingReport {
    check_with(v, ListingOptions::default())
}

fn check_with(v: Value, options: ListingOptions) -> ListingReport {
    let l: Listing = serde_json::from_value(v).unwrap();
    Validator::new(default_rulebook(), options, now())
        .unwrap()
        .validate(&l)
}

fn codes(r: &ListingReport) -> Vec<String> {
    r.findings.iter().map(|f| f.code.clone()).collect()
}

fn has(r: &ListingReport, code: &str) -> bool {
    r.findings.iter().any(|f| f.code == code)
}

fn finding<'a>(r: &'a ListingReport, code: &str) -> &'a xiaodian::finding::Finding {
    r.findings
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", codes(r)))
}

#[test]
fn a_clean_listing_passes() {
    let r = check(listing(json!({})));
    assert!(r.ok, "{:?}", r.findings);
    assert!(r.findings.is_empty(), "{:?}", codes(&r));
}

#[test]
fn category_exists_is_a_leaf_and_fits_the_subject() {
    assert!(has(
        &check(listing(json!({ "categoryId": "home.kitchen.mugs" }))),
        "UNKNOWN_CATEGORY"
    ));
    assert!(has(
        &check(listing(json!({ "categoryId": "home.kitchen" }))),
        "CATEGORY_NOT_LEAF"
    ));
    assert!(has(
        &check(listing(json!({ "categoryId": "" }))),
        "MISSING_CATEGORY"
    ));
    let opts = |subject: &str| ListingOptions {
        subject: Some(serde_json::from_value(json!(subject)).unwrap()),
        ..Default::default()
    };
    let device =
        listing(json!({ "title": "家用电子血压计 上臂式", "categoryId": "health.device.bp" }));
    assert!(has(
        &check_with(device.clone(), opts("individual")),
        "BANNED_FOR_INDIVIDUALS"
    ));
    assert!(!has(
        &check_with(device, opts("enterprise")),
        "BANNED_FOR_INDIVIDUALS"
    ));
}

#[test]
fn qualifications_are_errors_when_stated_and_reminders_otherwise() {
    let food = listing(json!({ "title": "新疆纸皮核桃 500克", "categoryId": "food.snacks.nuts" }));
    let r = check(food.clone());
    assert_eq!(
        finding(&r, "QUALIFICATION_REQUIRED").severity,
        xiaodian::finding::Severity::Warning
    );
    let stated = ListingOptions {
        qualifications: Some(vec!["foodBusinessLicence".into()]),
        ..Default::default()
    };
    let r = check_with(food.clone(), stated);
    assert_eq!(
        r.findings
            .iter()
            .filter(|f| f.code == "MISSING_QUALIFICATION")
            .count(),
        2
    );
    let all = ListingOptions {
        qualifications: Some(vec![
            "foodBusinessLicence".into(),
            "foodProductionLicence".into(),
            "qualityReport".into(),
        ]),
        ..Default::default()
    };
    assert!(!has(&check_with(food, all), "MISSING_QUALIFICATION"));
}

#[test]
fn title_rules() {
    let t = |title: &str| check(listing(json!({ "title": title })));
    assert!(has(&t("青瓷杯"), "TITLE_TOO_SHORT"));
    assert!(!has(&t("青瓷杯ab"), "TITLE_TOO_SHORT"), "letters count too");
    assert!(
        has(&t("!!青瓷杯!!"), "TITLE_TOO_SHORT"),
        "punctuation does not count"
    );
    assert!(has(&t("CUP 2024 NEW"), "TITLE_ONLY_LATIN_OR_DIGITS"));
    assert!(has(&t(&"青".repeat(61)), "TITLE_TOO_LONG"));
    assert!(!has(&t(&"青瓷".repeat(30)), "TITLE_TOO_LONG"));
    let illegal = t("青瓷品茗杯√精选 Ⅲ号");
    let f = finding(&illegal, "TITLE_ILLEGAL_CHARACTER");
    assert!(
        f.message.contains("√Ⅲ") && f.message.contains("第 6 个字"),
        "{}",
        f.message
    );
    assert!(!has(
        &t("青瓷品茗杯【包邮】（2只装）·礼盒"),
        "TITLE_ILLEGAL_CHARACTER"
    ));
    assert!(!has(
        &t("青瓷品茗杯\u{3000}两只装"),
        "TITLE_ILLEGAL_CHARACTER"
    ));
    assert!(has(&t(""), "MISSING_TITLE"));
}

#[test]
fn banned_words_in_title_and_description_with_positions() {
    let r = check(listing(
        json!({ "title": "最佳 青瓷杯 全网最低价", "description": "国家级非遗，品质第一" }),
    ));
    let title: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.code == "BANNED_WORD" && f.path == "title")
        .map(|f| f.message.clone())
        .collect();
    assert_eq!(title.len(), 2, "{title:?}");
    assert!(title.iter().any(|m| m.contains("“最佳”（第 1 个字）")));
    assert!(
        title
            .iter()
            .any(|m| m.contains("“全网最低价”（第 8 个字）")),
        "the 最 inside is not reported again: {title:?}"
    );
    let desc: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.code == "BANNED_WORD" && f.path == "description")
        .collect();
    assert_eq!(desc.len(), 2);
    // 最近 is an ordinary word.
    assert!(!has(
        &check(listing(json!({ "description": "最近上新的青瓷杯" }))),
        "BANNED_WORD"
    ));
    assert!(has(
        &check(listing(json!({ "description": "100%手工" }))),
        "BANNED_WORD"
    ));
}

#[test]
fn keyword_stuffing() {
    let r = check(listing(json!({ "title": "青瓷杯 青瓷杯 青瓷杯 茶杯" })));
    let f = finding(&r, "KEYWORD_STUFFING");
    assert!(f.message.contains("青瓷杯"), "{}", f.message);
    assert_eq!(
        r.findings
            .iter()
            .filter(|f| f.code == "KEYWORD_STUFFING")
            .count(),
        1,
        "no extra report for 青瓷 inside it"
    );
    assert!(has(
        &check(listing(json!({ "title": "茶杯 cup Cup CUP" }))),
        "KEYWORD_STUFFING"
    ));
    assert!(!has(
        &check(listing(json!({ "title": "青瓷杯 青瓷杯 茶杯" }))),
        "KEYWORD_STUFFING"
    ));
}

#[test]
fn required_attributes_per_category_and_platform() {
    let dress =
        listing(json!({ "title": "纯棉印花连衣裙 夏季", "categoryId": "apparel.women.dress" }));
    assert_eq!(
        finding(&check(dress.clone()), "MISSING_ATTRIBUTE").path,
        "attributes.material"
    );
    let mut with = dress.clone();
    with["attributes"] = json!({ "material": "棉100%" });
    assert!(!has(&check(with.clone()), "MISSING_ATTRIBUTE"));
    // 快手 also asks usage scene and model for clothing.
    let ks = check_with(
        with,
        ListingOptions {
            platform: Some("kuaishou".into()),
            ..Default::default()
        },
    );
    let missing: Vec<_> = ks
        .findings
        .iter()
        .filter(|f| f.code == "MISSING_ATTRIBUTE")
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(missing, ["attributes.usageScene", "attributes.model"]);
    // 抖音 electronics need the 3C certificate id.
    let phone = listing(
        json!({ "title": "智能手机 8G 256G", "categoryId": "digital.phone.smartphone", "attributes": { "brand": "小米", "model": "X1" } }),
    );
    assert!(!has(&check(phone.clone()), "MISSING_ATTRIBUTE"));
    let dy = check_with(
        phone,
        ListingOptions {
            platform: Some("douyin".into()),
            ..Default::default()
        },
    );
    assert!(dy
        .findings
        .iter()
        .any(|f| f.path == "attributes.cccCertificate"));
}

#[test]
fn books_isbn_and_guide_price_floor() {
    assert!(valid_isbn("978-7-02-000220-7"));
    assert!(!valid_isbn("9787020002208"));
    assert!(valid_isbn("7020002207") == valid_isbn("7-02-000220-7"));
    assert!(valid_isbn("080442957X"));
    assert!(!valid_isbn("0804429579"));
    let book = |isbn: &str, price: &str, guide: &str| {
        check(listing(json!({
            "title": "唐诗三百首 精装典藏版", "categoryId": "books.literature.poetry",
            "skus": [{ "skuId": "b", "price": price, "stock": 10 }], "price": price, "marketPrice": guide,
            "attributes": { "isbn": isbn, "guidePrice": guide }
        })))
    };
    assert!(
        !book("9787020002207", "34.00", "68.00")
            .findings
            .iter()
            .any(|f| f.is_error()),
        "exactly 50 % passes"
    );
    let low = book("9787020002207", "33.99", "68.00");
    assert_eq!(
        finding(&low, "PRICE_BELOW_GUIDE_FLOOR").path,
        "skus[0].price"
    );
    assert!(has(&book("9787020002208", "40", "68"), "INVALID_ISBN"));
    let none = check(listing(
        json!({ "title": "唐诗三百首 精装典藏版", "categoryId": "books.literature.poetry" }),
    ));
    let missing: Vec<_> = none
        .findings
        .iter()
        .filter(|f| f.code == "MISSING_ATTRIBUTE")
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(missing, ["attributes.isbn", "attributes.guidePrice"]);
}

#[test]
fn cosmetics_need_a_full_ingredient_list() {
    let cream = |ingredients: &str| {
        check(listing(
            json!({ "title": "保湿面霜 50ml 敏感肌", "categoryId": "beauty.skincare.cream", "attributes": { "ingredients": ingredients } }),
        ))
    };
    assert!(has(&cream("水"), "INGREDIENTS_INCOMPLETE"));
    assert!(!has(
        &cream("水、甘油、丁二醇、透明质酸钠、神经酰胺"),
        "INGREDIENTS_INCOMPLETE"
    ));
    let missing = check(listing(
        json!({ "title": "保湿面霜 50ml 敏感肌", "categoryId": "beauty.skincare.cream" }),
    ));
    assert_eq!(
        finding(&missing, "MISSING_ATTRIBUTE").path,
        "attributes.ingredients"
    );
}

#[test]
fn food_dates_shelf_life_and_expiry() {
    let food = |made: &str, life: &str| {
        check(listing(json!({
            "title": "新疆纸皮核桃 500克", "categoryId": "food.snacks.nuts",
            "images": ["https://i/a.jpg", "https://i/b.jpg", "https://i/c.jpg", "https://i/d.jpg"],
            "attributes": { "productStandard": "GB/T 20398", "origin": "新疆", "productionDate": made, "shelfLife": life }
        })))
    };
    let fresh = food("2026-11-01", "180天");
    assert!(
        !fresh.findings.iter().any(|f| f.is_error()),
        "{:?}",
        codes(&fresh)
    );
    assert!(has(
        &food("2026-12-01", "180天"),
        "PRODUCTION_DATE_IN_FUTURE"
    ));
    assert!(has(&food("2026-05-01", "180天"), "EXPIRED"));
    // 12 months from 2025-12-20 → 2026-12-20: 27 of 365 days left, under a third.
    let near = food("2025-12-20", "12个月");
    assert_eq!(
        finding(&near, "NEAR_EXPIRY").severity,
        xiaodian::finding::Severity::Warning
    );
    assert!(!has(&food("2026-09-01", "1年"), "NEAR_EXPIRY"));
    assert!(has(&food("2026/13/01", "180天"), "INVALID_DATE"));
    // In the format but not on the calendar: said so, not "应为 YYYY-MM-DD".
    let feb30 = finding(&food("2026-02-30", "180天"), "INVALID_DATE").clone();
    assert!(
        feb30.message.contains("不是真实存在的日期"),
        "{}",
        feb30.message
    );
    assert!(!feb30.message.contains("YYYY"), "{}", feb30.message);
    assert!(feb30.message_en.contains("not a real date"));
    assert!(finding(&food("2026年2月1日", "180天"), "INVALID_DATE")
        .message
        .contains("应为 YYYY-MM-DD"));
    assert!(has(&food("2026-11-01", "很久"), "INVALID_SHELF_LIFE"));
    let r = food("2026.11.01", "180");
    assert!(
        !has(&r, "INVALID_DATE"),
        "dots and slashes are read as dashes"
    );
    // Food needs four main images.
    let three = check(listing(
        json!({ "title": "新疆纸皮核桃 500克", "categoryId": "food.snacks.nuts" }),
    ));
    assert!(finding(&three, "TOO_FEW_IMAGES")
        .message
        .contains("至少 4 张"));
}

#[test]
fn typed_amounts_and_counts_follow_one_rule() {
    // Before: "¥12" passed while "12元", "１２.５" and "12,000.00" were INVALID_PRICE, and stock
    // took neither "20,000" nor "２００００". Now all are read as the fee step reads amounts.
    let sku = |price: &str, stock: &str| {
        check(listing(json!({
            "price": null, "marketPrice": null,
            "skus": [{ "skuId": "cup-1", "price": price, "stock": stock }]
        })))
    };
    for price in ["12", "¥12", "12元", "１２.５", "12,000.00"] {
        let r = sku(price, "10");
        assert!(!has(&r, "INVALID_PRICE"), "{price}: {:?}", codes(&r));
    }
    for stock in ["20,000", "２００００", "20000"] {
        let r = sku("2", stock);
        assert!(!has(&r, "INVALID_STOCK"), "{stock}: {:?}", codes(&r));
    }
    // The same ¥ value either way: 12,000.00 × 9 is over the ¥100,000 cap, 12 × 9 is not.
    assert!(has(&sku("12,000.00", "9"), "STOCK_VALUE_TOO_HIGH"));
    assert!(!has(&sku("12元", "9"), "STOCK_VALUE_TOO_HIGH"));
    // Refused with a message a person can act on.
    let bad = sku("12块", "2,00");
    assert!(finding(&bad, "INVALID_PRICE").message.contains("例如 199"));
    assert!(finding(&bad, "INVALID_STOCK").message.contains("20,000"));
}

#[test]
fn sku_rules() {
    let skus = |s: Value| check(listing(json!({ "skus": s })));
    assert!(has(&skus(json!([])), "NO_SKUS"));
    let many: Vec<Value> = (0..501)
        .map(|i| json!({ "skuId": format!("s{i}"), "price": "1", "stock": 1 }))
        .collect();
    assert!(has(&skus(json!(many)), "TOO_MANY_SKUS"));
    assert!(has(
        &skus(
            json!([{ "skuId": "a", "price": "1", "stock": 1 }, { "skuId": "a", "price": "1", "stock": 1 }])
        ),
        "DUPLICATE_SKU"
    ));
    assert!(has(
        &skus(json!([{ "skuId": "a", "price": "0", "stock": 1 }])),
        "PRICE_NOT_POSITIVE"
    ));
    assert_eq!(
        finding(
            &skus(json!([{ "skuId": "a", "price": "1.005", "stock": 1 }])),
            "INVALID_PRICE"
        )
        .path,
        "skus[0].price"
    );
    assert!(has(
        &skus(json!([{ "skuId": "a", "price": "10", "marketPrice": "9", "stock": 1 }])),
        "MARKET_PRICE_BELOW_PRICE"
    ));
    assert!(has(
        &skus(json!([{ "skuId": "a", "price": "10", "stock": -1 }])),
        "INVALID_STOCK"
    ));
    assert!(has(
        &skus(json!([{ "skuId": "a", "price": "10", "stock": 1.5 }])),
        "INVALID_STOCK"
    ));
    assert!(has(
        &skus(json!([{ "skuId": "a", "price": "10", "stock": 0 }])),
        "STOCK_ZERO"
    ));
    assert!(
        !has(
            &skus(json!([{ "skuId": "a", "price": "10", "stock": 10000 }])),
            "STOCK_VALUE_TOO_HIGH"
        ),
        "¥100,000 exactly is allowed"
    );
    let over = skus(json!([{ "skuId": "a", "price": "10", "stock": 10001 }]));
    assert!(finding(&over, "STOCK_VALUE_TOO_HIGH")
        .fix
        .as_deref()
        .unwrap()
        .contains("10000"));
    assert!(has(
        &skus(
            json!([{ "skuId": "a", "price": "1", "stock": 1 }, { "skuId": "b", "price": "10.01", "stock": 1 }])
        ),
        "PRICE_SPREAD"
    ));
    assert!(!has(
        &skus(
            json!([{ "skuId": "a", "price": "1", "stock": 1 }, { "skuId": "b", "price": "10", "stock": 1 }])
        ),
        "PRICE_SPREAD"
    ));
    assert!(has(
        &skus(json!([{ "price": "1", "stock": 1 }])),
        "MISSING_SKU_ID"
    ));
    assert!(has(
        &skus(json!([{ "skuId": "a", "stock": 1 }])),
        "MISSING_PRICE"
    ));
}

#[test]
fn image_rules() {
    let imgs = |i: Value| check(listing(json!({ "images": i })));
    assert!(has(
        &imgs(json!(["https://i/a.jpg", "https://i/b.jpg"])),
        "TOO_FEW_IMAGES"
    ));
    let ten: Vec<String> = (0..10).map(|i| format!("https://i/{i}.jpg")).collect();
    assert!(has(&imgs(json!(ten)), "TOO_MANY_IMAGES"));
    assert_eq!(
        finding(
            &imgs(json!([
                "https://i/a.jpg",
                "https://i/b.jpg",
                "https://i/a.jpg"
            ])),
            "DUPLICATE_IMAGE"
        )
        .path,
        "images[2]"
    );
    assert!(has(
        &imgs(
            json!(["https://i/a.jpg", "https://i/b.jpg", { "url": "https://i/c.jpg", "width": 300, "height": 800 }])
        ),
        "IMAGE_TOO_SMALL"
    ));
    assert!(has(
        &imgs(
            json!(["https://i/a.jpg", "https://i/b.jpg", { "url": "https://i/c.jpg", "bytes": 6_000_000 }])
        ),
        "IMAGE_TOO_LARGE"
    ));
    assert!(!imgs(
        json!(["https://i/a.jpg", "https://i/b.jpg", { "url": "https://i/c.jpg", "width": 800, "height": 800, "bytes": 200_000 }])
    )
    .findings
    .iter()
    .any(|f| f.is_error()));
}

#[test]
fn the_500_product_cap_for_individuals() {
    let opts = |n: u32| ListingOptions {
        subject: Some(serde_json::from_value(json!("individual")).unwrap()),
        existing_product_count: Some(n),
        ..Default::default()
    };
    assert!(!has(
        &check_with(listing(json!({})), opts(499)),
        "PRODUCT_CAP_REACHED"
    ));
    assert_eq!(
        finding(
            &check_with(listing(json!({})), opts(500)),
            "PRODUCT_CAP_REACHED"
        )
        .path,
        "existingProductCount"
    );
}

#[test]
fn batches_report_malformed_listings_and_keep_going() {
    let good = listing(json!({})).to_string();
    let bad = listing(json!({ "price": "abc" })).to_string();
    let texts = [
        good.as_str(),
        "42",
        bad.as_str(),
        "{\"skus\": 7}",
        good.as_str(),
    ];
    let mut calls = Vec::new();
    let r = validate_json_listings(
        default_rulebook(),
        &texts,
        ListingOptions::default(),
        now(),
        2,
        &mut |d, t| calls.push((d, t)),
    )
    .unwrap();
    assert_eq!((r.total, r.ok, r.failed), (5, 2, 3));
    assert_eq!(r.results[1].findings[0].code, "UNREADABLE_LISTING");
    assert_eq!(r.results[3].findings[0].path, "skus");
    assert_eq!(r.results[2].findings[0].code, "INVALID_PRICE");
    assert_eq!(calls, vec![(2, 5), (4, 5), (5, 5)]);
}

#[test]
fn csv_end_to_end_with_chinese_headers() {
    let csv = include_str!("../data/samples/listings.csv");
    let r = validate_csv(
        default_rulebook(),
        csv,
        ListingOptions::default(),
        now(),
        100,
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!((r.total, r.ok, r.failed), (8, 2, 6));
    let row = |n: usize| &r.results[n - 1];
    assert!(row(1).ok && row(3).ok);
    let codes2: Vec<_> = row(2)
        .findings
        .iter()
        .map(|f| {
            (
                f.code.as_str(),
                f.path.as_str(),
                f.column.as_deref().unwrap(),
            )
        })
        .collect();
    assert!(codes2.contains(&("BANNED_WORD", "title", "商品标题")));
    assert!(codes2.contains(&("MARKET_PRICE_BELOW_PRICE", "skus[0].marketPrice", "划线价")));
    assert!(row(4)
        .findings
        .iter()
        .any(|f| f.code == "PRICE_BELOW_GUIDE_FLOOR" && f.column.as_deref() == Some("售价")));
    assert!(row(6)
        .findings
        .iter()
        .any(|f| f.code == "INVALID_STOCK" && f.column.as_deref() == Some("库存")));
    // Every finding names a column in words, also where the file has no such column
    // (产品标准号, 资质): before, the 列 of an export showed `attributes.productStandard`.
    let all: Vec<_> = r.results.iter().flat_map(|x| &x.findings).collect();
    for f in &all {
        let (zh, en) = (
            f.column.as_deref().unwrap(),
            f.column_en.as_deref().unwrap(),
        );
        assert!(!zh.is_empty() && !en.is_empty(), "{f:?}");
        assert!(
            !zh.contains('.') && !zh.chars().any(|c| c.is_ascii_lowercase()) || zh == "SKU",
            "{zh} for {}",
            f.path
        );
    }
    // A column the file does not have is named from the rulebook.
    let r = validate_csv(
        default_rulebook(),
        "商品标题,类目,售价,库存\n云南普洱熟茶饼 357克,food.tea.puer,98,10\n",
        ListingOptions::default(),
        now(),
        100,
        &mut |_, _| {},
    )
    .unwrap();
    let missing = r.results[0]
        .findings
        .iter()
        .find(|f| f.path == "attributes.productStandard")
        .expect("a tea without 产品标准号");
    assert_eq!(
        (missing.column.as_deref(), missing.column_en.as_deref()),
        (Some("产品标准号"), Some("Product standard no."))
    );
    // The quoted multi-line description keeps row 8 on one record that starts at line 9.
    assert_eq!(row(8).line, Some(9));
    assert!(r.columns.is_empty());
}

#[test]
fn csv_awkward_input() {
    let run = |text: &str| {
        validate_csv(
            default_rulebook(),
            text,
            ListingOptions::default(),
            now(),
            1000,
            &mut |_, _| {},
        )
        .unwrap()
    };
    // English headers, CRLF, BOM, an unknown column and a missing stock column.
    let r = run("\u{feff}title,categoryId,price,colour\r\n\"Cup, \"\"blue\"\"\",home.kitchen.cups,25,blue\r\n");
    assert_eq!(r.total, 1);
    let cols: Vec<_> = r
        .columns
        .iter()
        .map(|f| (f.code.as_str(), f.column.as_deref().unwrap()))
        .collect();
    assert_eq!(
        cols,
        [("UNKNOWN_COLUMN", "colour"), ("MISSING_COLUMN", "库存")]
    );
    assert!(r.results[0]
        .findings
        .iter()
        .any(|f| f.code == "MISSING_STOCK"));
    // An unterminated quote is that row's only finding (it is not checked as a listing), and
    // the rows after it are read: before, row 2 swallowed row 3 and drew 6 listing findings.
    let r = run("商品标题,类目,售价,库存\n青瓷品茗杯 单只,home.kitchen.cups,25,10\n\"坏行,home.kitchen.cups,25,10\n白瓷品茗杯 单只,home.kitchen.cups,26,10\n");
    assert_eq!(r.total, 3);
    let codes: Vec<_> = r.results[1]
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(codes, ["MALFORMED_ROW"]);
    assert_eq!(r.results[1].findings[0].column.as_deref(), Some("整行"));
    assert_eq!(r.results[2].title.as_deref(), Some("白瓷品茗杯 单只"));
    assert_eq!(r.results[2].line, Some(4));
    let codes = |i: usize| {
        r.results[i]
            .findings
            .iter()
            .map(|f| f.code.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(2), codes(0), "row 3 is checked like row 1");
    // Extra fields are a warning; an empty file is a header finding.
    let r = run("商品标题,类目,售价,库存\n青瓷品茗杯 单只,home.kitchen.cups,25,10,extra\n");
    assert!(r.results[0]
        .findings
        .iter()
        .any(|f| f.code == "EXTRA_FIELDS"));
    assert_eq!(run("").columns[0].code, "EMPTY_FILE");
    // A custom column map.
    let opts = ListingOptions {
        columns: [("货品名".to_string(), "title".to_string())].into(),
        ..Default::default()
    };
    let r = validate_csv(
        default_rulebook(),
        "货品名,类目,售价,库存\n青瓷品茗杯 单只,home.kitchen.cups,25,10\n",
        opts,
        now(),
        10,
        &mut |_, _| {},
    )
    .unwrap();
    assert!(r.columns.is_empty());
    assert!(!r.results[0]
        .findings
        .iter()
        .any(|f| f.code == "MISSING_TITLE"));
}

#[test]
fn csv_ten_thousand_rows() {
    let mut text = String::from("商品标题,类目,售价,库存,图片\n");
    for i in 0..10_000 {
        let stock = if i % 10 == 0 {
            "-1".to_string()
        } else {
            (i % 50).to_string()
        };
        text.push_str(&format!(
            "青瓷品茗杯 第{i}号,home.kitchen.cups,{}.{:02},{stock},https://i/a.jpg|https://i/b.jpg|https://i/c.jpg\n",
            10 + i % 90,
            i % 100
        ));
    }
    let mut last = (0, 0);
    let r = validate_csv(
        default_rulebook(),
        &text,
        ListingOptions::default(),
        now(),
        500,
        &mut |d, t| last = (d, t),
    )
    .unwrap();
    assert_eq!((r.total, last), (10_000, (10_000, 10_000)));
    assert_eq!(r.failed, 1_000, "every tenth row has a negative stock");
}

#[test]
fn identity_numbers() {
    let c = |k: IdentityKind, v: &str| check_identity(k, v, now());
    assert!(c(IdentityKind::Uscc, "91350100M000100Y43").valid);
    assert_eq!(
        c(IdentityKind::Uscc, "91350100M000100Y42").code.as_deref(),
        Some("CHECKSUM")
    );
    assert!(c(IdentityKind::IdCard, "11010519491231002X").valid);
    assert_eq!(
        c(IdentityKind::IdCard, "11010519491231002Y")
            .code
            .as_deref(),
        Some("FORMAT")
    );
    assert!(c(IdentityKind::BankCard, "6222020200000000006").valid);
    assert_eq!(
        c(IdentityKind::BankCard, "6222020200000000005")
            .code
            .as_deref(),
        Some("CHECKSUM")
    );
}

#[test]
fn personal_numbers_are_masked_by_the_engine_and_the_uscc_is_not() {
    use IdentityKind::*;
    for (kind, typed, shown) in [
        (IdCard, "110101199003074258", "**************4258"),
        (BankCard, "6217 0000 1000 1234 569", "***************4569"),
        (CorporateAccount, "1234-5678-9012", "********9012"),
        // Invalid numbers too: the summary may show what was typed, never all of it.
        (IdCard, "11010119900307425", "*************7425"),
        (Uscc, "91350100M000100Y43", "91350100M000100Y43"),
        (BankCard, "123", "123"),
    ] {
        assert_eq!(check_identity(kind, typed, now()).masked, shown, "{typed}");
    }
}

#[test]
fn corporate_accounts_are_digits_of_a_bank_length_without_luhn() {
    let c = |v: &str| check_identity(IdentityKind::CorporateAccount, v, now());
    // A 20-digit account (CCB style) that fails Luhn is still a valid 对公账户.
    assert!(c("11050162560000001234").valid);
    assert!(!check_identity(IdentityKind::BankCard, "11050162560000001234", now()).valid);
    assert!(c("1105 0162 5600 0000 1234").valid, "spaces are removed");
    assert!(c("123456789").valid);
    assert_eq!(c("12345678").code.as_deref(), Some("LENGTH"));
    assert_eq!(c(&"1".repeat(31)).code.as_deref(), Some("LENGTH"));
    assert_eq!(c("1105016256000000123A").code.as_deref(), Some("FORMAT"));
    let bad = c("12");
    assert!(!bad.message.unwrap().contains("corporate"));
}

#[test]
fn a_market_price_below_the_sku_price_is_caught() {
    // The wizard's shape: 划线价 on the listing, the price on its SKU.
    let r = check(listing(json!({ "price": null, "marketPrice": "99",
        "skus": [{ "skuId": "a", "price": "128", "stock": 10 }] })));
    let f = finding(&r, "MARKET_PRICE_BELOW_PRICE");
    assert_eq!(f.path, "marketPrice");
    assert!(
        f.message.contains("¥99") && f.message.contains("¥128"),
        "{}",
        f.message
    );
    let ok = check(listing(json!({ "price": null, "marketPrice": "199",
        "skus": [{ "skuId": "a", "price": "128", "stock": 10 }] })));
    assert!(!has(&ok, "MARKET_PRICE_BELOW_PRICE"));
}

#[test]
fn images_must_be_urls_or_package_paths_in_an_accepted_format() {
    let imgs = |i: Value| check(listing(json!({ "images": i })));
    let r = imgs(json!(["not-a-url", "https://i/2.jpg", "https://i/3.jpg"]));
    let f = finding(&r, "IMAGE_NOT_URL");
    assert_eq!(f.path, "images[0]");
    assert!(f.message.contains("not-a-url"));
    for good in [
        json!([
            "https://cdn.example.cn/a.jpg",
            "http://x.cn/b",
            "/images/c.png"
        ]),
        json!(["images/a.jpg", "pages/goods/b.jpeg", "wxfile://tmp_123.jpg"]),
        json!([
            "https://i/a.jpg?x=1",
            "https://i/b.JPG",
            "https://i/c.png#top"
        ]),
    ] {
        let r = imgs(good.clone());
        assert!(!has(&r, "IMAGE_NOT_URL"), "{good}: {:?}", codes(&r));
    }
    for bad in [
        "https://",
        "ftp://x.cn/a.jpg",
        "../a.jpg",
        "a b.jpg",
        "image",
        "javascript:alert(1)",
    ] {
        let r = imgs(json!([bad, "https://i/2.jpg", "https://i/3.jpg"]));
        assert!(has(&r, "IMAGE_NOT_URL"), "{bad}");
    }
    // Formats: the rulebook accepts JPEG and PNG (assumed); from `format` or the extension.
    let webp = imgs(
        json!(["https://i/1.webp", "https://i/2.jpg", { "url": "https://i/3", "format": "gif" }]),
    );
    let found: Vec<&str> = webp
        .findings
        .iter()
        .filter(|f| f.code == "IMAGE_FORMAT_NOT_ALLOWED")
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(found, ["images[0]", "images[2]"]);
    assert_eq!(
        finding(&webp, "IMAGE_FORMAT_NOT_ALLOWED").source.as_deref(),
        Some("assumed")
    );
    assert!(!has(
        &imgs(json!(["https://i/1", { "url": "https://i/2", "format": "jpg" }, "https://i/3.png"])),
        "IMAGE_FORMAT_NOT_ALLOWED"
    ));
}

#[test]
fn disease_claims_outside_medicine_and_absolute_terms_in_disguise() {
    let food = |title: &str, desc: &str| {
        check(listing(
            json!({ "title": title, "categoryId": "food.tea.scented", "description": desc,
            "images": ["https://i/1.jpg", "https://i/2.jpg", "https://i/3.jpg", "https://i/4.jpg"] }),
        ))
    };
    let r = food("桂花乌龙茶 袋泡 30包", "治疗失眠 降血压");
    let claims: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.code == "MEDICAL_CLAIM")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(claims.len(), 2, "{claims:?}");
    assert!(claims[0].contains("降血压") || claims[1].contains("降血压"));
    assert_eq!(finding(&r, "MEDICAL_CLAIM").path, "description");
    assert_eq!(
        finding(&r, "MEDICAL_CLAIM").source.as_deref(),
        Some("ad-law")
    );
    // Cosmetics and ordinary goods too; not medicines or devices.
    let cream = check(listing(
        json!({ "title": "修护面霜 抗衰老 50ml", "categoryId": "beauty.skincare.cream" }),
    ));
    assert!(has(&cream, "MEDICAL_CLAIM"));
    let cup = check(listing(json!({ "title": "青瓷杯 防 癌 健康", })));
    assert!(
        has(&cup, "MEDICAL_CLAIM"),
        "spaces between the characters: {:?}",
        codes(&cup)
    );
    let drug = check(listing(
        json!({ "title": "布洛芬缓释胶囊 治疗头痛", "categoryId": "health.drug.otc" }),
    ));
    assert!(!has(&drug, "MEDICAL_CLAIM"));
    let bp = check(listing(
        json!({ "title": "电子血压计 降血压监测", "categoryId": "health.device.bp" }),
    ));
    assert!(!has(&bp, "MEDICAL_CLAIM"));

    let banned = |title: &str| {
        check(listing(json!({ "title": title })))
            .findings
            .into_iter()
            .filter(|f| f.code == "BANNED_WORD")
            .map(|f| f.message)
            .collect::<Vec<_>>()
    };
    for t in [
        "No.1 青瓷杯 手工",
        "NO.1青瓷杯 手工",
        "ＮＯ．１ 青瓷杯 手工",
        "no 1 青瓷杯 手工",
        "TOP1 青瓷杯 手工",
        "ｔｏｐ１青瓷杯手工",
    ] {
        assert_eq!(banned(t).len(), 1, "{t}: {:?}", banned(t));
    }
    for t in [
        "青瓷杯 第 一 品牌",
        "青瓷杯 第*一",
        "全-网-最-低 青瓷杯",
        "青瓷杯 全 网 最 低价",
    ] {
        assert!(!banned(t).is_empty(), "{t}");
    }
    // Positions are the merchant's characters: 第 is the 5th.
    assert!(
        banned("青瓷杯 第 一 品牌")[0].contains("第 5 个字"),
        "{:?}",
        banned("青瓷杯 第 一 品牌")
    );
    // Not claims: a model number, a laptop, 最近 with a space.
    for t in [
        "青瓷杯 TOP10 款式",
        "laptop10 支架 青瓷杯",
        "青瓷杯 No.12 款",
        "青瓷杯 最 近 上新",
    ] {
        assert!(banned(t).is_empty(), "{t}: {:?}", banned(t));
    }
}

#[test]
fn stock_value_findings_cite_their_rule_and_source() {
    let r = check(listing(
        json!({ "skus": [{ "skuId": "a", "price": "25", "stock": 5000 }] }),
    ));
    let f = finding(&r, "STOCK_VALUE_TOO_HIGH");
    assert_eq!(f.source.as_deref(), Some("wechat-shop-guide"));
    assert!(f.message.contains("平台规则"), "{}", f.message);
}

#[test]
fn held_qualifications_silence_the_reminder_in_listings_and_csv() {
    let text = "商品标题,类目,售价,库存,图片\n".to_string()
        + &"白茶饼 福鼎 寿眉 357克,food.tea.green,99,10,https://i/1.jpg|https://i/2.jpg|https://i/3.jpg|https://i/4.jpg\n".repeat(50);
    let run = |options: ListingOptions| {
        validate_csv(
            default_rulebook(),
            &text,
            options,
            now(),
            10,
            &mut |_, _| {},
        )
        .unwrap()
    };
    let none = run(ListingOptions::default());
    let reminders = |r: &xiaodian::listing::BatchReport| {
        r.results
            .iter()
            .flat_map(|x| &x.findings)
            .filter(|f| f.code == "QUALIFICATION_REQUIRED")
            .count()
    };
    assert!(reminders(&none) >= 50);
    let held: ListingOptions = serde_json::from_value(json!({
        "subject": "enterprise", "qualifications": ["foodBusinessLicence", "foodProductionLicence", "qualityReport"] })).unwrap();
    let r = run(held);
    assert_eq!(reminders(&r), 0);
    assert!(!r
        .results
        .iter()
        .flat_map(|x| &x.findings)
        .any(|f| f.code == "MISSING_QUALIFICATION"));
}

#[test]
fn suggest_category_on_a_labelled_corpus_of_titles() {
    use xiaodian::merchant::suggest::suggest_category;
    let corpus: Vec<Value> = serde_json::from_str(include_str!("fixtures/titles.json")).unwrap();
    assert!(corpus.len() >= 300);
    let book = default_rulebook();
    let (mut top1, mut top3) = (0, 0);
    let mut misses = Vec::new();
    for case in &corpus {
        let (title, want) = (
            case["title"].as_str().unwrap(),
            case["categoryId"].as_str().unwrap(),
        );
        assert!(book.is_leaf(want), "{want} is a leaf");
        let got = suggest_category(book, title, 3);
        if got.first().is_some_and(|s| s.category_id == want) {
            top1 += 1;
        } else {
            misses.push(format!(
                "{title} → {:?} (want {want})",
                got.first().map(|s| &s.category_id)
            ));
        }
        if got.iter().any(|s| s.category_id == want) {
            top3 += 1;
        }
    }
    let n = corpus.len() as f64;
    println!(
        "suggestCategory: {} titles, top-1 {:.1} %, top-3 {:.1} %",
        corpus.len(),
        100.0 * top1 as f64 / n,
        100.0 * top3 as f64 / n
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(top1 as f64 / n >= 0.85, "top-1 {top1}/{n}");
    assert!(top3 as f64 / n >= 0.93, "top-3 {top3}/{n}");
    // The shape: names root first, a score; nothing for a title with no product words.
    let s = &suggest_category(book, "联想 ThinkPad 笔记本电脑 i7", 5)[0];
    assert_eq!(s.category_id, "digital.computer.laptop");
    assert_eq!(s.path, ["数码", "电脑", "笔记本电脑"]);
    assert!(s.score > 0);
    assert_eq!(
        suggest_category(book, "A5 笔记本 手账", 1)[0].category_id,
        "office.paper.notebooks"
    );
    assert!(suggest_category(book, "包邮 特价 新款", 5).is_empty());
    assert_eq!(
        suggest_category(book, "ＩＰＨＯＮＥ １５ 苹果手机", 1)[0].category_id,
        "digital.phone.smartphone"
    );
}

#[test]
fn a_title_that_clearly_belongs_elsewhere_is_a_category_mismatch() {
    let r = check(listing(
        json!({ "title": "华为 Mate 60 Pro 5G 智能手机 12+512G", "categoryId": "home.kitchen.cups" }),
    ));
    let f = finding(&r, "CATEGORY_MISMATCH");
    assert_eq!(f.severity, xiaodian::finding::Severity::Warning);
    assert!(
        f.message.contains("数码 > 手机 > 智能手机"),
        "{}",
        f.message
    );
    assert!(!f.message.contains("digital"), "no ids in zh");
    // A title that fits its leaf, or says too little, is left alone.
    assert!(!has(&check(listing(json!({}))), "CATEGORY_MISMATCH"));
    assert!(!has(
        &check(listing(json!({ "title": "礼盒装 精选 好物 送人" }))),
        "CATEGORY_MISMATCH"
    ));
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    b.extend(w.to_be_bytes());
    b.extend(h.to_be_bytes());
    b.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    b
}

fn jpeg(w: u16, h: u16) -> Vec<u8> {
    let mut b = vec![0xff, 0xd8, 0xff, 0xe0, 0, 16];
    b.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    // An EXIF-like APP1 segment before the frame header, as cameras write.
    b.extend([0xff, 0xe1, 0, 8, 1, 2, 3, 4, 5, 6]);
    b.extend([0xff, 0xc2, 0, 17, 8]);
    b.extend(h.to_be_bytes());
    b.extend(w.to_be_bytes());
    b.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    b.extend([0xff, 0xda]);
    b
}

fn webp(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut b = b"RIFF\0\0\0\0WEBP".to_vec();
    b.extend(kind);
    b.extend((body.len() as u32).to_le_bytes());
    b.extend(body);
    b
}

#[test]
fn inspect_image_reads_png_jpeg_webp_and_gif_headers() {
    use xiaodian::merchant::image::{inspect_image, ImageFormat};
    let size = |b: &[u8]| {
        let h = inspect_image(b);
        (h.format, h.width, h.height, h.bytes)
    };
    assert_eq!(
        size(&png(800, 600)),
        (Some(ImageFormat::Png), Some(800), Some(600), 33)
    );
    assert_eq!(size(&jpeg(1080, 1920)).0, Some(ImageFormat::Jpeg));
    assert_eq!(
        size(&jpeg(1080, 1920)).1..size(&jpeg(1080, 1920)).2,
        Some(1080)..Some(1920)
    );
    let mut gif = b"GIF89a".to_vec();
    gif.extend([0x20, 0x03, 0x58, 0x02, 0, 0, 0]);
    assert_eq!(
        size(&gif),
        (Some(ImageFormat::Gif), Some(800), Some(600), 13)
    );
    // VP8X: 24-bit width−1 / height−1.
    let mut x = vec![0u8; 4];
    x.extend([0x1f, 0x03, 0, 0x57, 0x02, 0]);
    assert_eq!(
        size(&webp(b"VP8X", &x)).1..size(&webp(b"VP8X", &x)).2,
        Some(800)..Some(600)
    );
    // VP8L: signature 0x2F, 14-bit width−1 and height−1.
    let bits: u32 = (640 - 1) | ((480 - 1) << 14);
    let mut l = vec![0x2f];
    l.extend(bits.to_le_bytes());
    assert_eq!(
        size(&webp(b"VP8L", &l)).1..size(&webp(b"VP8L", &l)).2,
        Some(640)..Some(480)
    );
    // VP8 (lossy): frame tag, start code, 14-bit sizes.
    let mut v = vec![0, 0, 0, 0x9d, 0x01, 0x2a];
    v.extend(1024u16.to_le_bytes());
    v.extend(768u16.to_le_bytes());
    assert_eq!(
        size(&webp(b"VP8 ", &v)),
        (Some(ImageFormat::Webp), Some(1024), Some(768), 30)
    );
    // Not an image, or cut short: a finding, no format.
    let text = inspect_image(b"hello, world");
    assert_eq!(text.format, None);
    assert_eq!(text.finding.as_ref().unwrap().code, "UNREADABLE_IMAGE");
    let cut = inspect_image(&png(800, 600)[..20]);
    assert_eq!((cut.format, cut.width), (None, None));
    assert!(cut.finding.unwrap().message.contains("不完整"));
    assert!(inspect_image(&[]).finding.is_some());
}

#[test]
fn inspect_image_never_panics_on_hostile_bytes() {
    use xiaodian::merchant::image::inspect_image;
    // A small deterministic generator: every prefix, every single-byte corruption of each
    // format's header, and random tails behind each signature.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut x = vec![0u8; 4];
    x.extend([0x1f, 0x03, 0, 0x57, 0x02, 0]);
    let samples = [
        png(800, 600),
        jpeg(1080, 1920),
        webp(b"VP8X", &x),
        b"GIF89a\x20\x03\x58\x02".to_vec(),
    ];
    let mut runs = 0;
    for s in &samples {
        for n in 0..=s.len() {
            let _ = inspect_image(&s[..n]);
            runs += 1;
        }
        for i in 0..s.len() {
            for v in [0u8, 0xff, 0x7f, 1, 0xc0, 0xd9, 0xda] {
                let mut c = s.clone();
                c[i] = v;
                let h = inspect_image(&c);
                assert!(h.format.is_some() == h.width.is_some());
                runs += 1;
            }
        }
        for _ in 0..2000 {
            let mut c = s[..s.len().min(12)].to_vec();
            let len = (next() % 64) as usize;
            c.extend((0..len).map(|_| next() as u8));
            let _ = inspect_image(&c);
            runs += 1;
        }
    }
    // JPEG segments whose lengths point past the end, or loop on fill bytes.
    let _ = inspect_image(&[0xff, 0xd8, 0xff, 0xe0, 0xff, 0xff]);
    let _ = inspect_image(&[0xff, 0xd8, 0xff, 0xe0, 0x00, 0x00]);
    let _ = inspect_image(&[0xff; 10_000]);
    assert!(runs > 8000);
}

#[test]
fn images_described_with_their_header_facts() {
    let r = check(listing(json!({ "images": [
        { "url": "https://i/1.jpg", "width": 800, "height": 800, "bytes": 90_000, "format": "jpeg" },
        { "url": "https://i/2", "width": 300, "height": 300, "format": "png" },
        { "url": "https://i/3", "format": "webp", "bytes": 9_000_000 } ] })));
    let at = |code: &str| {
        r.findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| f.path.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(at("IMAGE_TOO_SMALL"), ["images[1]"]);
    assert_eq!(at("IMAGE_TOO_LARGE"), ["images[2]"]);
    assert_eq!(at("IMAGE_FORMAT_NOT_ALLOWED"), ["images[2]"]);
}

#[test]
fn amounts_typed_by_people() {
    use xiaodian::merchant::amount_input::parse_amount_input;
    let amount = |s: &str| parse_amount_input(s).amount.map(|m| m.to_string());
    assert_eq!(amount("20,000").as_deref(), Some("20000.00"));
    assert_eq!(amount("２００００").as_deref(), Some("20000.00"));
    assert_eq!(amount("¥199").as_deref(), Some("199.00"));
    assert_eq!(amount("￥ 1,234.5 元").as_deref(), Some("1234.50"));
    assert_eq!(amount("1.5万").as_deref(), Some("15000.00"));
    assert_eq!(amount("２万").as_deref(), Some("20000.00"));
    assert_eq!(amount(" 99.9 ").as_deref(), Some("99.90"));
    for bad in ["", "abc", "1,23", "-5", "1.2.3", "12.345", "¥", "1e5"] {
        let r = parse_amount_input(bad);
        assert!(!r.ok, "{bad}");
        let zh = r.message.unwrap();
        assert!(
            !zh.chars().any(|c| c.is_ascii_alphabetic()),
            "no English in zh: {bad} → {zh}"
        );
    }
}

/// The wizard sends an empty input as "" (a CSV an empty cell): read as missing, never quoted
/// back as 库存“”.
#[test]
fn blank_stock_and_price_read_as_missing() {
    let skus = |s: Value| check(listing(json!({ "skus": s })));
    for blank in ["", "  "] {
        let r = skus(json!([{ "skuId": "a", "price": "10", "stock": blank }]));
        let f = finding(&r, "MISSING_STOCK");
        assert_eq!(f.path, "skus[0].stock");
        assert_eq!(f.message, "请填写库存");
        assert_eq!(f.message_en, "Enter the stock");
        assert!(!has(&r, "INVALID_STOCK"), "{blank:?}");
        let r = skus(json!([{ "skuId": "a", "price": blank, "stock": 1 }]));
        assert_eq!(finding(&r, "MISSING_PRICE").path, "skus[0].price");
    }
    // A value that is there but wrong still names itself.
    let r = skus(json!([{ "skuId": "a", "price": "10", "stock": "abc" }]));
    assert!(finding(&r, "INVALID_STOCK").message.contains("“abc”"));
}
