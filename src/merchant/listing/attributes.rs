//! Attribute checks: required attributes, production date and shelf life, ISBN.

use super::*;
use crate::foundation::time::{parse_date, Date};

impl Validator<'_> {
    pub(super) fn attributes(
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

    pub(super) fn dates(
        &self,
        production: Option<&str>,
        shelf: Option<&str>,
        f: &mut Vec<Finding>,
    ) {
        let today = self.now.date();
        let made = match production {
            None => None,
            Some(raw) => match parse_date(&raw.replace(['/', '.'], "-")) {
                None => {
                    // "2026-02-30" has the shape: say what is really wrong with it.
                    let shaped = raw.len() == 10
                        && raw.bytes().enumerate().all(|(i, b)| {
                            if i == 4 || i == 7 {
                                matches!(b, b'-' | b'/' | b'.')
                            } else {
                                b.is_ascii_digit()
                            }
                        });
                    let (zh, en) = if shaped {
                        (
                            format!("生产日期“{raw}”不是真实存在的日期（请检查月份和日）"),
                            format!("production date \"{raw}\" is not a real date (check the month and day)"),
                        )
                    } else {
                        (
                            format!("生产日期“{raw}”应为 YYYY-MM-DD"),
                            format!("production date \"{raw}\" must be YYYY-MM-DD"),
                        )
                    };
                    f.push(Finding::error(
                        "INVALID_DATE",
                        "attributes.productionDate",
                        zh,
                        en,
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
                let day = day.min(crate::foundation::time::days_in_month(y2, m2));
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
