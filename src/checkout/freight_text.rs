//! The zh/en text of 运费模板 freight: a shop's shipping basis when templates, virtual lines or
//! 到店自提 are involved, and the quote's blockers. The numbers come from
//! [`crate::checkout::freight`]; nothing here computes a fee of its own.

use crate::checkout::address::english::region_names;
use crate::checkout::cart::Cart;
use crate::checkout::explain::shipping_basis;
use crate::checkout::freight::{self, BlockerAt, ChargeBy, Group, Measure, Plan};
use crate::checkout::offer::ShopIn;
use crate::checkout::quote::{Blocker, ShippingBasis};
use crate::foundation::money::Money;

fn yuan(f: i64) -> Money {
    Money::from_fen(i128::from(f))
}

/// The quote's blockers, in the plan's order (ADDRESS_REQUIRED first, then lines).
pub(crate) fn blockers(cart: &Cart, plan: &Plan) -> Vec<Blocker> {
    plan.blockers
        .iter()
        .map(|b| match b {
            BlockerAt::AddressRequired => Blocker {
                code: "ADDRESS_REQUIRED".into(),
                path: "address".into(),
                message: "请填写收货地址：运费按地区计算，当前按默认运费显示".into(),
                message_en:
                    "Add a delivery address: freight depends on the region; default rates shown"
                        .into(),
                region_code: None,
            },
            BlockerAt::NotDeliverable { line, region } => {
                let l = &cart.lines[*line];
                let title = l.title.as_deref().unwrap_or(&l.sku_id);
                let title_en = l.title_en.as_deref().unwrap_or(title);
                // The region by name; a code the table lacks stays unnamed (never a bare code).
                let (zh, en) =
                    region_names(region).unwrap_or_else(|| ("该地区".into(), "this region".into()));
                Blocker {
                    code: "NOT_DELIVERABLE".into(),
                    path: format!("lines[{line}]"),
                    message: format!("『{title}』不支持配送至{zh}"),
                    message_en: format!("\"{title_en}\" does not ship to {en}"),
                    region_code: Some(region.clone()),
                }
            }
        })
        .collect()
}

fn amount(m: Measure, charge: ChargeBy) -> (String, String) {
    match charge {
        ChargeBy::Count => (format!("{m} 件"), format!("{m} pc")),
        ChargeBy::Weight => (format!("{m} kg"), format!("{m} kg")),
        ChargeBy::Volume => (format!("{m} m³"), format!("{m} m³")),
    }
}

fn units(g: &Group) -> Measure {
    Measure::from_scaled(u64::try_from(g.units).unwrap_or(u64::MAX))
}

/// 「label」 for a part of the parcel: the template's name, else its lines' titles, else nothing
/// (a template id is never shown to shoppers).
/// Returned as the zh prefix 「…」 and the English prefix "…" (with its space).
fn label(
    name: Option<&str>,
    name_en: Option<&str>,
    cart: &Cart,
    lines: &[usize],
) -> (String, String) {
    let titles = |en: bool| {
        let t: Vec<&str> = lines
            .iter()
            .filter_map(|&j| {
                let l = cart.lines.get(j)?;
                en.then_some(l.title_en.as_deref())
                    .flatten()
                    .or(l.title.as_deref())
            })
            .collect();
        t.join(if en { ", " } else { "、" })
    };
    let zh = name.map_or_else(|| titles(false), str::to_string);
    let en = name_en
        .or(name)
        .map_or_else(|| titles(true), str::to_string);
    let wrap = |t: String, open: &str, close: &str| {
        if t.is_empty() {
            t
        } else {
            format!("{open}{t}{close}")
        }
    };
    (wrap(zh, "「", "」"), wrap(en, "\"", "\" "))
}

/// A shop's shipping basis when it is not the plain rule, and the freight the nearest 包邮
/// would save (for the "再买 ¥X 可包邮" hint; none when `freed`, a 免邮 coupon covering the
/// shop's freight). `None`: the plain rule, explained as before.
pub(crate) fn template_basis(
    cart: &Cart,
    shop: &ShopIn,
    amounts: &[i64],
    freed: bool,
) -> Option<(ShippingBasis, Option<Money>)> {
    let sf = &shop.freight;
    if sf.legacy {
        return None;
    }
    if sf.pickup {
        // Nothing is shipped, so 运费险 (return-shipping cover) has no parcel: not charged
        // (steps/shipping.rs), and the text says so when the cart asked for it.
        let (reason, reason_en) = if cart.shipping_insurance.is_some() {
            (
                "到店自提，无需运费，不收运费险",
                "store pickup: no shipping, no shipping insurance",
            )
        } else {
            ("到店自提，无需运费", "store pickup: no shipping")
        };
        return Some((
            ShippingBasis {
                reason: reason.into(),
                reason_en: reason_en.into(),
                missing_for_free: None,
            },
            None,
        ));
    }
    let mut zh: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    let mut nearest: Option<(Money, Money)> = None;
    if !sf.rule_lines.is_empty() && (shop.rule.is_some() || sf.groups.is_empty()) {
        let goods: i64 = sf.rule_lines.iter().map(|&j| amounts[j]).sum();
        let b = shipping_basis(shop.rule, yuan(goods), sf.rule_items, freed);
        if let Some(m) = b.missing_for_free {
            nearest = Some((m, yuan(freight::rule_fee(sf, shop.rule, amounts))));
        }
        // Beside templates, say which lines the shop rule (and its 包邮) covers.
        let part = if sf.groups.is_empty() {
            (String::new(), String::new())
        } else {
            label(None, None, cart, &sf.rule_lines)
        };
        zh.push(format!("{}{}", part.0, b.reason));
        en.push(format!("{}{}", part.1, b.reason_en));
    }
    for (g, c) in sf.groups.iter().zip(freight::breakdown(sf, amounts, None)) {
        let (id, id_en) = label(g.name.as_deref(), g.name_en.as_deref(), cart, &g.lines);
        if c.free {
            zh.push(format!("{id}包邮"));
            en.push(format!("{id_en}free shipping"));
            continue;
        }
        let (u, u_en) = amount(units(g), g.charge);
        let (first, first_en) = amount(Measure::from_scaled(g.rates.first), g.charge);
        let (extra, extra_en) = amount(Measure::from_scaled(g.rates.extra), g.charge);
        let (ff, ef, fee) = (
            yuan(g.rates.first_fee),
            yuan(g.rates.extra_fee),
            yuan(c.fee),
        );
        let (area, area_en) = if g.regional {
            ("（指定地区）", " (regional rates)")
        } else {
            ("", "")
        };
        let (how, how_en) = if c.extra_only {
            (
                format!("合并计费，全部按续费 {extra} ¥{ef}"),
                format!("combined parcel, all at ¥{ef} per {extra_en}"),
            )
        } else {
            (
                format!("首 {first} ¥{ff}，续 {extra} ¥{ef}"),
                format!("first {first_en} ¥{ff}, then ¥{ef} per {extra_en}"),
            )
        };
        zh.push(format!("{id}{u}{area}：{how}，运费 ¥{fee}"));
        en.push(format!("{id_en}{u_en}{area_en}: {how_en}, shipping ¥{fee}"));
    }
    if let Some((g, missing, saving)) =
        freight::nearest_free(sf, shop.rule, amounts).filter(|_| !freed)
    {
        let (m, s) = (yuan(missing), yuan(saving));
        if nearest.is_none_or(|(nm, _)| m < nm) {
            let grp = &sf.groups[g];
            let (id, id_en) = label(
                grp.name.as_deref(),
                grp.name_en.as_deref(),
                cart,
                &grp.lines,
            );
            zh.push(format!("再买 ¥{m}{id}包邮"));
            en.push(
                format!("add ¥{m} for free shipping {id_en}")
                    .replace("shipping \"", "shipping on \"")
                    .trim_end()
                    .to_string(),
            );
            nearest = Some((m, s));
        }
    }
    if zh.is_empty() {
        zh.push("无需配送".into());
        en.push("nothing to ship".into());
    }
    Some((
        ShippingBasis {
            reason: zh.join("；"),
            reason_en: en.join("; "),
            missing_for_free: nearest.map(|(m, _)| m),
        },
        nearest.map(|(_, s)| s),
    ))
}
