//! A shop catalog (shops, products, SKUs with their price options) and turning a shopper's picks
//! into a [`Cart`]. SKU price fields carry the same names as cart lines, so a line is a SKU plus
//! a quantity.

use crate::checkout::address::Address;
use crate::checkout::adjust;
use crate::checkout::cart::{
    Bargain, Buyer, Cart, FlashSale, GroupBuy, LadderTier, Line, MemberPrice, PointsInput,
    Shipping, ShippingInsurance, ShippingRule,
};
use crate::checkout::freight::{Delivery, Measure, Template};
use crate::checkout::offer::{Offer, Selection};
use crate::checkout::quote::Quote;
use crate::foundation::error::{Error, ErrorKind, Result};
use crate::foundation::money::{deserialize_opt_count, Money, Quantity};
use crate::foundation::time::{Timestamp, TimestampInput};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Catalog {
    pub shops: Vec<Shop>,
    pub products: Vec<Product>,
    /// The shops' running campaigns (满减活动 …), applied automatically.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub promotions: Vec<Offer>,
    /// Coupons the shops hand out (领券中心); a buyer claims them into their wallet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub coupons: Vec<Offer>,
    /// 运费险 offered at checkout: its fee per parcel and who pays it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_insurance: Option<ShippingInsurance>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Shop {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping: Option<ShippingRule>,
    /// The shop's 运费模板 by id (unique across the catalog); SKUs name theirs.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "Record<string, Template>"))]
    pub templates: BTreeMap<String, Template>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Product {
    pub id: String,
    pub shop_id: String,
    pub category_id: String,
    pub title: String,
    #[serde(default)]
    pub title_en: String,
    /// A picture for the demo (an emoji); real catalogs use image URLs.
    #[serde(default)]
    pub image: String,
    pub skus: Vec<Sku>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Sku {
    pub sku_id: String,
    #[serde(default)]
    pub spec: String,
    #[serde(default)]
    pub spec_en: String,
    pub unit_price: Money,
    /// 划线价, shown struck through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market_price: Option<Money>,
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub stock: Option<u32>,
    #[serde(
        default,
        deserialize_with = "deserialize_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub limit_per_order: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub member_prices: Vec<MemberPrice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flash_sale: Option<FlashSale>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_buy: Option<GroupBuy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bargain: Option<Bargain>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub ladder: Vec<LadderTier>,
    /// As on a cart line: the template that charges it, its weight (kg) or volume (m³), virtual.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string | number"))]
    pub weight: Option<Measure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional, type = "string | number"))]
    pub volume: Option<Measure>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub r#virtual: bool,
}

/// What the shopper picked: SKUs and quantities, who they are, and when.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Order {
    pub picks: Vec<Pick>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub buyer: Buyer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<TimestampInput>,
    /// The buyer's wallet. Absent: none, or a `Storefront`'s kept wallet (`setWallet`); given
    /// (even `[]`): exactly these.
    #[serde(
        default,
        deserialize_with = "given_coupons",
        skip_serializing_if = "no_coupons"
    )]
    #[cfg_attr(feature = "ts", tsify(optional, type = "Offer[]"))]
    pub coupons: Option<Vec<Offer>>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "\"auto\" | string[]"))]
    pub coupon_selection: Selection,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<PointsInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_insurance: Option<ShippingInsurance>,
    /// After the price, passed to the cart as is (see `Cart`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjustment: Option<crate::checkout::steps::adjustment::AdjustmentInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points_earn: Option<crate::checkout::steps::earn::PointsEarnInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth: Option<crate::checkout::steps::earn::GrowthInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored_value: Option<crate::checkout::steps::stored_value::StoredValueInput>,
    /// Where the parcel goes, as on a cart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "Delivery::is_express")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub delivery: Delivery,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Pick {
    pub sku_id: String,
    pub quantity: Quantity,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub join_group: bool,
    /// 加价购: bought under this addOn promotion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_on_of: Option<String>,
}

/// The demo shop's catalog, embedded for the storefront page and tests.
#[cfg(feature = "demo")]
pub const DEMO_CATALOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/demo-catalog.json"));

impl Catalog {
    pub fn from_json(json: &str) -> Result<Catalog> {
        crate::foundation::json::from_json(json)
    }

    #[cfg(feature = "demo")]
    pub fn demo() -> Catalog {
        // Checked by tests; the demo data ships inside the crate.
        Catalog::from_json(DEMO_CATALOG_JSON).expect("embedded demo catalog is valid")
    }

    /// Build the cart for an order: each pick becomes its SKU's line in its product's shop, and
    /// each shop's shipping rule comes along. A pick above its SKU's stock or 限购 is capped, one
    /// whose SKU is gone or sold out is dropped; each change is in `Cart.adjustments` (and so in
    /// the quote). Malformed orders are still errors (they fail to decode).
    pub fn cart(&self, order: &Order) -> Result<Cart> {
        self.cart_of(order.clone())
    }

    /// [`Catalog::cart`] taking the order: its wallet and the rest move into the cart instead of
    /// being copied (a storefront quoting on every tap decodes a fresh order each time anyway).
    pub fn cart_of(&self, order: Order) -> Result<Cart> {
        self.cart_prepared(&self.prepare(), order)
    }

    /// What every order's cart needs from this catalog and nothing of the order: built once by
    /// a catalog kept for many orders (the binding's `Storefront`), not once per order.
    pub fn prepare(&self) -> Prepared {
        let mut skus = HashMap::new();
        for (i, p) in self.products.iter().enumerate() {
            for (j, s) in p.skus.iter().enumerate() {
                skus.insert(s.sku_id.clone(), (i, j));
            }
        }
        let shops: BTreeMap<String, ShippingRule> = self
            .shops
            .iter()
            .filter_map(|s| s.shipping.clone().map(|r| (s.id.clone(), r)))
            .collect();
        let mut templates = BTreeMap::new();
        let mut duplicate = None;
        'shops: for (i, shop) in self.shops.iter().enumerate() {
            for (id, t) in &shop.templates {
                if templates.insert(id.clone(), t.clone()).is_some() {
                    duplicate = Some(Error::new(
                        ErrorKind::DuplicateId { id: id.clone() },
                        format!("shops[{i}].templates.{id}"),
                    ));
                    break 'shops;
                }
            }
        }
        Prepared {
            skus,
            shipping: match duplicate {
                Some(e) => Err(e),
                None => Ok(Shipping {
                    default: None,
                    shops,
                    templates,
                    merge: Default::default(),
                }),
            },
        }
    }

    /// [`Catalog::cart_of`] with this catalog's [`Catalog::prepare`] (which must be of this
    /// catalog as it is now).
    pub fn cart_prepared(&self, prepared: &Prepared, order: Order) -> Result<Cart> {
        let shipping = prepared.shipping.clone()?;
        Ok(self.cart_shipped(prepared, order, shipping))
    }

    /// [`Catalog::cart_prepared`] of an order that, if it has no `coupons` of its own, takes
    /// `wallet`'s: moved into the cart, not copied (a `Storefront` quoting on every tap takes
    /// them back from `Cart::coupons` afterwards). On an error the wallet is left as it was.
    pub fn cart_with_wallet(
        &self,
        prepared: &Prepared,
        mut order: Order,
        wallet: &mut Vec<Offer>,
    ) -> Result<Cart> {
        let shipping = prepared.shipping.clone()?;
        if order.coupons.is_none() {
            order.coupons = Some(std::mem::take(wallet));
        }
        Ok(self.cart_shipped(prepared, order, shipping))
    }

    fn cart_shipped(&self, prepared: &Prepared, order: Order, shipping: Shipping) -> Cart {
        let find = |sku_id: &str| {
            let &(i, j) = prepared.skus.get(sku_id)?;
            let p = self.products.get(i)?;
            Some((p, p.skus.get(j)?))
        };
        let mut lines = Vec::with_capacity(order.picks.len());
        let mut adjustments = Vec::new();
        for pick in &order.picks {
            let requested = pick.quantity.get();
            let Some((product, sku)) = find(pick.sku_id.as_str()) else {
                adjustments.push(adjust::unavailable(&pick.sku_id, requested));
                continue;
            };
            let (allowed, adjustment) = adjust::fit(product, sku, requested);
            adjustments.extend(adjustment);
            // Zero allowed: the pick is dropped (reported above).
            let Ok(quantity) = Quantity::new(allowed) else {
                continue;
            };
            lines.push(Line {
                sku_id: sku.sku_id.clone(),
                unit_price: sku.unit_price,
                quantity,
                shop_id: Some(product.shop_id.clone()),
                category_id: Some(product.category_id.clone()),
                title: Some(product.title.clone()),
                title_en: Some(product.title_en.clone()).filter(|t| !t.is_empty()),
                stock: sku.stock,
                limit_per_order: sku.limit_per_order,
                member_prices: sku.member_prices.clone(),
                flash_sale: sku.flash_sale.clone(),
                group_buy: sku.group_buy.clone(),
                join_group: pick.join_group,
                bargain: sku.bargain.clone(),
                ladder: sku.ladder.clone(),
                template_id: sku.template_id.clone(),
                weight: sku.weight,
                volume: sku.volume,
                r#virtual: sku.r#virtual,
                add_on_of: pick.add_on_of.clone(),
                points_per_unit: None,
                meta: None,
            });
        }
        Cart {
            lines,
            buyer: order.buyer,
            shipping: Some(shipping),
            now: order.now,
            promotions: gifts_within_stock(&self.promotions, find, &order.picks),
            coupons: order.coupons.unwrap_or_default(),
            coupon_selection: order.coupon_selection,
            points: order.points,
            shipping_insurance: order.shipping_insurance,
            address: order.address,
            delivery: order.delivery,
            adjustment: order.adjustment,
            points_earn: order.points_earn,
            growth: order.growth,
            stored_value: order.stored_value,
            adjustments,
            meta: None,
        }
    }

    /// Check a wallet a `Storefront` keeps for its orders, once: each coupon's terms, unique ids
    /// (among themselves and against this catalog's promotions, as every quote checks them),
    /// at most `limits::MAX_OFFERS`. Errors at `coupons[i]…`.
    pub fn check_wallet(&self, coupons: &[Offer]) -> Result<()> {
        use crate::foundation::limits::{check, MAX_OFFERS};
        check(coupons.len(), MAX_OFFERS, "offers", "coupons")?;
        for (i, o) in coupons.iter().enumerate() {
            let at = |f: &str| match f {
                "" => format!("coupons[{i}]"),
                f => format!("coupons[{i}].{f}"),
            };
            crate::checkout::offer::check::check_offer(o, &at)?;
            let taken = |p: &Offer| p.id == o.id;
            if coupons[..i].iter().any(taken) || self.promotions.iter().any(taken) {
                return Err(Error::new(
                    ErrorKind::DuplicateId { id: o.id.clone() },
                    at("id"),
                ));
            }
        }
        Ok(())
    }

    /// Quote an order against this catalog: [`Catalog::cart`] then [`crate::checkout::quote`],
    /// the adjustments in `Quote.adjustments`. What a storefront and a server call.
    pub fn quote(&self, order: &Order, now: Timestamp) -> Result<Quote> {
        crate::checkout::quote(&self.cart(order)?, now)
    }

    /// [`Catalog::quote`] building only what `detail` asks for (`crate::checkout::quote_with`).
    pub fn quote_with(
        &self,
        order: &Order,
        now: Timestamp,
        detail: crate::checkout::detail::Detail,
    ) -> Result<Quote> {
        crate::checkout::quote_with(&self.cart(order)?, now, detail)
    }
}

/// `coupons` when given: `null` stays an error, as for the other lists.
fn given_coupons<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Vec<Offer>>, D::Error> {
    Vec::deserialize(d).map(Some)
}

/// Written as before the wallet: absent when empty.
fn no_coupons(c: &Option<Vec<Offer>>) -> bool {
    c.as_ref().is_none_or(Vec::is_empty)
}

/// Promotions with each 满赠 gift cut to what its SKU has in stock after the order's own picks
/// (none left: the gift is dropped). Gifts of SKUs the catalog does not sell stay as they are.
fn gifts_within_stock<'c>(
    promotions: &[Offer],
    find: impl Fn(&str) -> Option<(&'c Product, &'c Sku)>,
    picks: &[Pick],
) -> Vec<Offer> {
    let mut out = promotions.to_vec();
    for tier in out.iter_mut().flat_map(|o| o.tiers.iter_mut()) {
        tier.gifts.retain_mut(|g| {
            let Some(stock) = find(g.sku_id.as_str()).and_then(|(_, s)| s.stock) else {
                return true;
            };
            let picked: u64 = picks
                .iter()
                .filter(|p| p.sku_id == g.sku_id)
                .map(|p| u64::from(p.quantity.get()))
                .sum();
            let left = u64::from(stock).saturating_sub(picked);
            let q = u64::from(g.quantity.get()).min(left);
            match Quantity::new(u32::try_from(q).unwrap_or(0)) {
                Ok(q) => {
                    g.quantity = q;
                    true
                }
                Err(_) => false,
            }
        });
    }
    out
}

/// A catalog's SKU index and shipping (see [`Catalog::prepare`]).
#[derive(Debug, Clone)]
pub struct Prepared {
    /// SKU id → (product, SKU) positions; the last of two equal ids, as the cart always took.
    skus: HashMap<String, (usize, usize)>,
    /// The cart's shipping: every shop's rule and template (two shops' equal template ids are
    /// an error for every order, as before).
    shipping: Result<Shipping>,
}
