//! SKU checks: prices against the listing's and the market price, stock and its value.

use super::*;
use std::collections::HashSet;

impl Validator<'_> {
    /// SKU checks; returns the parsed SKU prices for the price rules that need them.
    pub(super) fn skus(&self, l: &Listing, f: &mut Vec<Finding>) -> Vec<(usize, Money)> {
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
        let listing_market = money_field(l.market_price.as_ref(), "marketPrice", f);
        if let (Some(p), Some(m)) = (listing_price, listing_market) {
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
            // A blank field (the wizard's empty input, an empty CSV cell) is a missing one.
            let given = |t: &Option<Text>| t.clone().filter(|t| !t.trimmed().is_empty());
            let price = match given(&sku.price) {
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
            let stock = match given(&sku.stock) {
                None => {
                    f.push(Finding::error(
                        "MISSING_STOCK",
                        at("stock"),
                        "请填写库存".into(),
                        "Enter the stock".into(),
                    ));
                    None
                }
                Some(s) => match crate::merchant::amount_input::parse_count_input(s.trimmed()) {
                    Some(n) => Some(n),
                    None => {
                        f.push(Finding::error(
                            "INVALID_STOCK",
                            at("stock"),
                            format!(
                                "库存“{}”应为不小于 0 的整数，例如 200 或 20,000",
                                s.trimmed()
                            ),
                            format!(
                                "stock \"{}\" must be a whole number ≥ 0, e.g. 200 or 20,000",
                                s.trimmed()
                            ),
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
                            format!("单个 SKU 库存货值 ¥{value}（¥{p} × {s}）超过平台规则的单 SKU 上限 ¥{cap}"),
                            format!("one SKU's stock value ¥{value} (¥{p} × {s}) exceeds the platform rule's cap of ¥{cap} per SKU"),
                        )
                        .source(&self.book.listing.stock_value_source)
                        .fix(
                            format!("库存降到 {} 件以内", cap.fen() / p.fen().max(1)),
                            format!("keep stock at {} or fewer", cap.fen() / p.fen().max(1)),
                        ),
                    );
                }
            }
        }
        // A listing-level 划线价 with the prices on the SKUs: it must not be below any of them.
        if let (None, Some(m)) = (listing_price, listing_market) {
            if let Some(p) = prices.iter().map(|x| x.1).filter(|p| *p > m).max() {
                f.push(market_below("marketPrice", m, p));
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
}
