//! Catalog orders adjust rather than fail: a pick above its SKU's stock or 限购 is capped to what
//! may be bought, a pick whose SKU is gone or sold out is dropped, and each change is reported
//! (`Quote.adjustments`) with its zh/en sentence, so a storefront keeps a usable cart and can say
//! what changed. Raw carts are not adjusted: `quote(cart)` keeps its OUT_OF_STOCK and
//! PURCHASE_LIMIT_EXCEEDED errors. Units beyond a 秒杀 per-buyer limit are not an adjustment:
//! they are priced at the normal price, as in any cart.

use crate::checkout::catalog::{Product, Sku};
use serde::{Deserialize, Serialize};

/// Why a pick was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AdjustmentCode {
    /// Capped to the stock left, or dropped at stock 0.
    OutOfStock,
    /// Capped to the SKU's per-order limit (限购).
    PurchaseLimitExceeded,
    /// The SKU is no longer in the catalog: dropped.
    Unavailable,
}

/// One pick changed while building the cart: `quantity` is what the cart holds now (0: dropped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Adjustment {
    pub sku_id: String,
    pub requested: u32,
    pub quantity: u32,
    pub code: AdjustmentCode,
    pub message: String,
    pub message_en: String,
}

impl AdjustmentCode {
    pub fn as_str(self) -> &'static str {
        match self {
            AdjustmentCode::OutOfStock => "OUT_OF_STOCK",
            AdjustmentCode::PurchaseLimitExceeded => "PURCHASE_LIMIT_EXCEEDED",
            AdjustmentCode::Unavailable => "UNAVAILABLE",
        }
    }
}

/// A pick's SKU is not in the catalog.
pub(crate) fn unavailable(sku_id: &str, requested: u32) -> Adjustment {
    Adjustment {
        sku_id: sku_id.to_string(),
        requested,
        quantity: 0,
        code: AdjustmentCode::Unavailable,
        message: format!("商品“{sku_id}”已下架，已从购物车移除"),
        message_en: format!("\"{sku_id}\" is no longer available and was removed from the cart"),
    }
}

/// The product's title and, where the SKU has one, its spec ("勐海普洱熟茶饼 357g · 礼盒装 2 饼"):
/// two SKUs of one product (the gift box, the single cake) are told apart, as the cart shows them.
/// English falls back to the Chinese where a name has no English.
fn names(product: &Product, sku: &Sku) -> (String, String) {
    let or = |en: &str, zh: &str| if en.is_empty() { zh } else { en }.to_string();
    let title_en = or(&product.title_en, &product.title);
    let spec_en = or(&sku.spec_en, &sku.spec);
    if sku.spec.trim().is_empty() {
        (product.title.clone(), title_en)
    } else {
        (
            format!("{} · {}", product.title, sku.spec),
            format!("{title_en} · {spec_en}"),
        )
    }
}

/// The quantity a pick of `requested` units may have, and the adjustment when that is less.
/// Stock is the harder bound: when stock and 限购 both cut, and stock cuts at least as deep, the
/// reason is OUT_OF_STOCK.
pub(crate) fn fit(product: &Product, sku: &Sku, requested: u32) -> (u32, Option<Adjustment>) {
    let stock = sku.stock.unwrap_or(u32::MAX);
    let limit = sku.limit_per_order.unwrap_or(u32::MAX);
    let allowed = stock.min(limit);
    if requested <= allowed {
        return (requested, None);
    }
    let (title, title_en) = names(product, sku);
    let (code, message, message_en) = if stock <= limit {
        if allowed == 0 {
            (
                AdjustmentCode::OutOfStock,
                format!("“{title}”已售罄，已从购物车移除"),
                format!("\"{title_en}\" is sold out and was removed from the cart"),
            )
        } else {
            (
                AdjustmentCode::OutOfStock,
                format!("“{title}”库存仅剩 {allowed} 件，数量已从 {requested} 件改为 {allowed} 件"),
                format!(
                    "\"{title_en}\" has only {allowed} left: quantity changed from {requested} to {allowed}"
                ),
            )
        }
    } else {
        (
            AdjustmentCode::PurchaseLimitExceeded,
            if allowed == 0 {
                format!("“{title}”暂不可购买，已从购物车移除")
            } else {
                format!("“{title}”每单限购 {allowed} 件，数量已从 {requested} 件改为 {allowed} 件")
            },
            if allowed == 0 {
                format!("\"{title_en}\" cannot be bought now and was removed from the cart")
            } else {
                format!(
                    "\"{title_en}\" is limited to {allowed} per order: quantity changed from {requested} to {allowed}"
                )
            },
        )
    };
    let adjustment = Adjustment {
        sku_id: sku.sku_id.clone(),
        requested,
        quantity: allowed,
        code,
        message,
        message_en,
    };
    (allowed, Some(adjustment))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::checkout::catalog::Catalog;

    fn fit_demo(sku_id: &str, requested: u32) -> Adjustment {
        let cat = Catalog::demo();
        let (product, sku) = cat
            .products
            .iter()
            .find_map(|p| p.skus.iter().find(|s| s.sku_id == sku_id).map(|s| (p, s)))
            .unwrap();
        fit(product, sku, requested).1.unwrap()
    }

    #[test]
    fn two_skus_of_one_product_are_told_apart() {
        // The gift box (stock 20) and the single cake (stock 50) of the same 普洱.
        let gift = fit_demo("puer-gift", 25);
        assert_eq!(
            gift.message,
            "“勐海普洱熟茶饼 357g · 礼盒装 2 饼”库存仅剩 20 件，数量已从 25 件改为 20 件"
        );
        assert_eq!(
            gift.message_en,
            "\"Menghai ripe Pu'er cake 357 g · gift box, 2 cakes\" has only 20 left: quantity changed from 25 to 20"
        );
        let cake = fit_demo("puer-357", 60);
        assert!(cake
            .message
            .starts_with("“勐海普洱熟茶饼 357g · 357g 单饼”"));
        assert!(cake
            .message_en
            .starts_with("\"Menghai ripe Pu'er cake 357 g · 357 g cake\""));
    }

    #[test]
    fn a_sku_without_a_spec_is_named_by_its_product() {
        let cat = Catalog::demo();
        let mut product = cat.products[0].clone();
        product.skus[0].spec.clear();
        product.skus[0].spec_en.clear();
        let sku = product.skus[0].clone();
        let a = fit(&product, &sku, 1000).1.unwrap();
        assert!(
            a.message.starts_with("“勐海普洱熟茶饼 357g”库存仅剩"),
            "{}",
            a.message
        );
    }
}
