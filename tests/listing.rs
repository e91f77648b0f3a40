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
            "images": ["a", "b", "c", "d"],
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
    assert!(has(&imgs(json!(["a", "b"])), "TOO_FEW_IMAGES"));
    let ten: Vec<String> = (0..10).map(|i| format!("https://i/{i}.jpg")).collect();
    assert!(has(&imgs(json!(ten)), "TOO_MANY_IMAGES"));
    assert_eq!(
        finding(&imgs(json!(["a", "b", "a"])), "DUPLICATE_IMAGE").path,
        "images[2]"
    );
    assert!(has(
        &imgs(json!(["a", "b", { "url": "c", "width": 300, "height": 800 }])),
        "IMAGE_TOO_SMALL"
    ));
    assert!(has(
        &imgs(json!(["a", "b", { "url": "c", "bytes": 6_000_000 }])),
        "IMAGE_TOO_LARGE"
    ));
    assert!(!imgs(
        json!(["a", "b", { "url": "c", "width": 800, "height": 800, "bytes": 200_000 }])
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
        .map(|f| (f.code.as_str(), f.path.as_str()))
        .collect();
    assert!(codes2.contains(&("BANNED_WORD", "商品标题")));
    assert!(codes2.contains(&("MARKET_PRICE_BELOW_PRICE", "划线价")));
    assert!(row(4)
        .findings
        .iter()
        .any(|f| f.code == "PRICE_BELOW_GUIDE_FLOOR" && f.path == "售价"));
    assert!(row(6)
        .findings
        .iter()
        .any(|f| f.code == "INVALID_STOCK" && f.path == "库存"));
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
    let cols: Vec<_> = r.columns.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(cols, ["UNKNOWN_COLUMN", "MISSING_COLUMN"]);
    assert!(r.results[0]
        .findings
        .iter()
        .any(|f| f.code == "MISSING_STOCK"));
    // An unterminated quote is that row's finding; the rows before it still count.
    let r = run("商品标题,类目,售价,库存\n青瓷品茗杯 单只,home.kitchen.cups,25,10\n\"坏行,home.kitchen.cups,25,10\n");
    assert_eq!(r.total, 2);
    assert_eq!(r.results[1].findings[0].code, "MALFORMED_ROW");
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
            "青瓷品茗杯 第{i}号,home.kitchen.cups,{}.{:02},{stock},a|b|c\n",
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
