//! 运费模板: freight by region (按件 / 按重量 / 按体积, 指定地区, 指定条件包邮, 不配送区域).
//! The input types live here beside the maths; [`plan`] reads a cart once into per-shop
//! [`ShopFreight`]s (rates chosen for the destination, units summed in fixed point), and
//! [`shop_fee`] is the pure fee of one shop parcel for the line amounts of the moment, which the
//! offer engine and the search call wherever they need shipping. All integers: fees in fen,
//! measures in ten-thousandths of a unit (kg, m³ or pieces). Texts are in `freight_text`.

use crate::checkout::address::{covers, with_table};
use crate::checkout::cart::{Cart, ShippingRule};
use crate::foundation::error::{Error, ErrorKind, Result};
use crate::foundation::money::Money;
use std::collections::BTreeMap;

mod model;

pub use model::{ChargeBy, Delivery, FreeRule, Measure, Merge, RegionRates, Template, SCALE};

/// A shop's freight never exceeds this (fen): the goods bound of a cart, ¥1,000,000,000,000.
pub const MAX_FEE_FEN: i128 = 100_000_000_000_000;

/// Rates in integers: units in ten-thousandths, fees in fen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rates {
    pub first: u64,
    pub first_fee: i64,
    pub extra: u64,
    pub extra_fee: i64,
}

impl Rates {
    /// `firstFee` when u ≤ first, else `firstFee + ⌈(u − first) / extra⌉ × extraFee`.
    pub fn fee(&self, u: u128) -> i64 {
        let first = u128::from(self.first);
        if u <= first {
            return self.first_fee;
        }
        clamp(
            i128::from(self.first_fee) + steps(u - first, self.extra) * i128::from(self.extra_fee),
        )
    }

    /// Every unit at the extra rate (the non-leading templates under `maxFirst`).
    pub fn extra_only(&self, u: u128) -> i64 {
        clamp(steps(u, self.extra) * i128::from(self.extra_fee))
    }
}

fn steps(u: u128, extra: u64) -> i128 {
    let e = u128::from(extra.max(1));
    i128::try_from(u.div_ceil(e))
        .unwrap_or(i128::MAX / 2)
        .min(MAX_FEE_FEN)
}

fn clamp(v: i128) -> i64 {
    i64::try_from(v.clamp(0, MAX_FEE_FEN)).unwrap_or(0)
}

/// One template's lines in one shop parcel, with the rates for the destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub template: String,
    /// The template's display `name` / `nameEn`.
    pub name: Option<String>,
    pub name_en: Option<String>,
    pub charge: ChargeBy,
    pub rates: Rates,
    /// A 指定地区 rule set the rates (not the base ones).
    pub regional: bool,
    pub units: u128,
    /// Pieces (for `minCount`).
    pub count: u64,
    pub lines: Vec<usize>,
    /// The free rules that apply at the destination.
    pub free: Vec<FreeWhen>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FreeWhen {
    pub min_amount: Option<i64>,
    pub min_count: Option<u64>,
}

/// A shop parcel's freight inputs. `legacy`: no template, no virtual line, delivered — the
/// shop's `ShippingRule` alone on all its lines, exactly as before templates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShopFreight {
    pub legacy: bool,
    pub pickup: bool,
    /// Lines the shop's `ShippingRule` charges (physical, deliverable, no template) and pieces.
    pub rule_lines: Vec<usize>,
    pub rule_items: u64,
    pub groups: Vec<Group>,
    pub merge: Merge,
}

/// One template group's share of a shop's freight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Charged {
    pub free: bool,
    pub fee: i64,
    /// Charged at its extra rate only (`maxFirst`, not the leading template).
    pub extra_only: bool,
}

fn sum(lines: &[usize], amounts: &[i64]) -> i64 {
    lines
        .iter()
        .map(|&j| amounts.get(j).copied().unwrap_or(0))
        .sum()
}

impl Group {
    fn is_free(&self, amounts: &[i64]) -> bool {
        let amount = sum(&self.lines, amounts);
        self.free.iter().any(|f| {
            f.min_amount.is_none_or(|m| amount >= m) && f.min_count.is_none_or(|m| self.count >= m)
        })
    }
}

/// The shop's `ShippingRule` on the lines it charges (0 when it charges none).
pub fn rule_fee(sf: &ShopFreight, rule: Option<&ShippingRule>, amounts: &[i64]) -> i64 {
    if sf.pickup || sf.rule_lines.is_empty() {
        return 0;
    }
    crate::checkout::offer::shipping_fee_fen(rule, sum(&sf.rule_lines, amounts), sf.rule_items)
}

/// Each template group's fee; `freed` counts that group as free (for "再买 ¥X 包邮" hints).
pub fn breakdown(sf: &ShopFreight, amounts: &[i64], freed: Option<usize>) -> Vec<Charged> {
    let free: Vec<bool> = sf
        .groups
        .iter()
        .enumerate()
        .map(|(g, grp)| sf.pickup || freed == Some(g) || grp.is_free(amounts))
        .collect();
    let lead = match sf.merge {
        Merge::Sum => None,
        // Ties go to the first template (by id).
        Merge::MaxFirst => {
            (0..sf.groups.len())
                .filter(|&g| !free[g])
                .fold(None, |best: Option<usize>, g| match best {
                    Some(b) if sf.groups[b].rates.first_fee >= sf.groups[g].rates.first_fee => {
                        Some(b)
                    }
                    _ => Some(g),
                })
        }
    };
    sf.groups
        .iter()
        .enumerate()
        .map(|(g, grp)| {
            let extra_only = lead.is_some_and(|l| l != g);
            let fee = match (free[g], extra_only) {
                (true, _) => 0,
                (false, true) => grp.rates.extra_only(grp.units),
                (false, false) => grp.rates.fee(grp.units),
            };
            Charged {
                free: free[g],
                fee,
                extra_only: extra_only && !free[g],
            }
        })
        .collect()
}

/// A shop parcel's freight (fen) for the current line amounts: its rule's part plus its
/// templates' merged. Never lower for lower amounts (free conditions only get lost), which the
/// search's bound relies on.
pub fn shop_fee(sf: &ShopFreight, rule: Option<&ShippingRule>, amounts: &[i64]) -> i64 {
    if sf.legacy {
        // Bit-for-bit the fee before templates.
        let goods = sum(&sf.rule_lines, amounts);
        return crate::checkout::offer::shipping_fee_fen(rule, goods, sf.rule_items);
    }
    let t: i128 = breakdown(sf, amounts, None)
        .iter()
        .map(|c| i128::from(c.fee))
        .sum();
    clamp(i128::from(rule_fee(sf, rule, amounts)) + t)
}

/// The cheapest way to free one template group: (group, goods still to add in fen, freight
/// saved in fen), for groups whose free rule has a `minAmount` not reached (and its `minCount`
/// met, or none).
pub fn nearest_free(
    sf: &ShopFreight,
    rule: Option<&ShippingRule>,
    amounts: &[i64],
) -> Option<(usize, i64, i64)> {
    let now = shop_fee(sf, rule, amounts);
    let mut best: Option<(usize, i64, i64)> = None;
    for (g, grp) in sf.groups.iter().enumerate() {
        if sf.pickup || grp.is_free(amounts) {
            continue;
        }
        let amount = sum(&grp.lines, amounts);
        let missing = grp
            .free
            .iter()
            .filter(|f| f.min_count.is_none_or(|m| grp.count >= m))
            .filter_map(|f| f.min_amount.map(|m| m - amount))
            .min();
        let Some(missing) = missing else { continue };
        let freed: i64 = breakdown(sf, amounts, Some(g)).iter().map(|c| c.fee).sum();
        let saving = now - rule_fee(sf, rule, amounts) - freed;
        if saving > 0 && best.is_none_or(|(_, m, _)| missing < m) {
            best = Some((g, missing, saving));
        }
    }
    best
}

/// Why a parcel cannot be quoted as final.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockerAt {
    /// A line's template does not deliver to the address: `region` is the template's
    /// `noDelivery` code that covers it.
    NotDeliverable { line: usize, region: String },
    /// A template has region rules and the cart has no address: base rates shown.
    AddressRequired,
}

/// A cart's freight read once: per-shop inputs, which lines can be delivered, and blockers.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub shops: Vec<ShopFreight>,
    pub deliverable: Vec<bool>,
    pub blockers: Vec<BlockerAt>,
    pub region: Option<String>,
}

/// The cart's destination region code: its address resolved against the regions table
/// (natively the embedded one; in WASM the one given to `loadRegions`, else REGIONS_NOT_LOADED:
/// the same cart never quotes differently in the browser and on the server).
pub fn destination(cart: &Cart) -> Result<Option<String>> {
    let Some(address) = &cart.address else {
        return Ok(None);
    };
    with_table(|table| match table {
        Some(t) => address
            .resolve(t)
            .map(|r| Some(r.region_code))
            .map_err(|e| e.under("address")),
        None => Err(Error::new(ErrorKind::RegionsNotLoaded, "address")),
    })
}

fn is_code(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) && !code.starts_with('0')
}

/// How specific a code is: province 1, city 2, district 3.
fn specificity(code: &str) -> u8 {
    if code.ends_with("0000") {
        1
    } else if code.ends_with("00") {
        2
    } else {
        3
    }
}

fn fen(m: Money) -> i64 {
    i64::try_from(m.fen()).unwrap_or(i64::MAX)
}

fn check_codes(codes: &[String], path: &str) -> Result<()> {
    for (k, c) in codes.iter().enumerate() {
        if !is_code(c) {
            return Err(Error::new(
                ErrorKind::UnknownRegion { code: c.clone() },
                format!("{path}[{k}]"),
            ));
        }
    }
    Ok(())
}

fn check_rates(charge: ChargeBy, first: Measure, extra: Measure, path: &str) -> Result<()> {
    let max = charge.max_decimals();
    for (m, f) in [(first, "first"), (extra, "extra")] {
        if m.decimals() > max {
            return Err(Error::input(
                format!("at most {max} decimals for this charge"),
                format!("{path}.{f}"),
            ));
        }
    }
    if extra.scaled() == 0 {
        return Err(Error::input(
            "extra must be more than 0",
            format!("{path}.extra"),
        ));
    }
    Ok(())
}

/// Check the templates once (codes well formed, decimals by charge, `extra` > 0).
fn check_template(t: &Template, path: &str) -> Result<()> {
    check_rates(t.charge, t.first, t.extra, path)?;
    for (k, r) in t.regions.iter().enumerate() {
        let at = format!("{path}.regions[{k}]");
        if r.codes.is_empty() {
            return Err(Error::input(
                "a region rule needs codes",
                format!("{at}.codes"),
            ));
        }
        check_codes(&r.codes, &format!("{at}.codes"))?;
        check_rates(t.charge, r.first, r.extra, &at)?;
    }
    for (k, f) in t.free.iter().enumerate() {
        check_codes(&f.codes, &format!("{path}.free[{k}].codes"))?;
    }
    check_codes(&t.no_delivery, &format!("{path}.noDelivery"))
}

/// The rates of a template at `region`: the most specific covering region rule (the first
/// listed on a tie), else the base rates.
pub fn rates_at(t: &Template, region: Option<&str>) -> (Rates, bool) {
    let best = region.and_then(|code| {
        t.regions
            .iter()
            .filter_map(|r| {
                r.codes
                    .iter()
                    .filter(|c| covers(c, code))
                    .map(|c| specificity(c))
                    .max()
                    .map(|s| (s, r))
            })
            .fold(
                None,
                |best: Option<(u8, &RegionRates)>, (s, r)| match best {
                    Some((bs, _)) if bs >= s => best,
                    _ => Some((s, r)),
                },
            )
    });
    match best {
        Some((_, r)) => (
            Rates {
                first: r.first.scaled(),
                first_fee: fen(r.first_fee),
                extra: r.extra.scaled(),
                extra_fee: fen(r.extra_fee),
            },
            true,
        ),
        None => (
            Rates {
                first: t.first.scaled(),
                first_fee: fen(t.first_fee),
                extra: t.extra.scaled(),
                extra_fee: fen(t.extra_fee),
            },
            false,
        ),
    }
}

fn region_dependent(t: &Template) -> bool {
    !t.regions.is_empty() || !t.no_delivery.is_empty() || t.free.iter().any(|f| !f.codes.is_empty())
}

/// Read a cart's freight: resolve the address, check the templates and the lines naming them,
/// and set up each shop parcel. `line_shop[j]` is line j's shop index.
pub fn plan(cart: &Cart, line_shop: &[usize], shop_count: usize) -> Result<Plan> {
    let region = destination(cart)?;
    let empty = BTreeMap::new();
    let (templates, merge) = match &cart.shipping {
        Some(s) => (&s.templates, s.merge),
        None => (&empty, Merge::Sum),
    };
    for (id, t) in templates {
        check_template(t, &format!("shipping.templates.{id}"))?;
    }
    let pickup = cart.delivery == Delivery::Pickup;
    let mut shops: Vec<ShopFreight> = (0..shop_count)
        .map(|_| ShopFreight {
            legacy: !pickup,
            pickup,
            merge,
            ..ShopFreight::default()
        })
        .collect();
    let mut deliverable = vec![true; cart.lines.len()];
    let mut blockers = Vec::new();
    let mut need_address = false;
    // Groups keyed by (shop, template id), in template-id order within a shop.
    let mut keyed: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for (j, line) in cart.lines.iter().enumerate() {
        let s = line_shop[j];
        let qty = u64::from(line.quantity.get());
        let Some(id) = line.template_id.as_deref() else {
            if line.r#virtual {
                shops[s].legacy = false;
            } else {
                shops[s].rule_lines.push(j);
                shops[s].rule_items += qty;
            }
            continue;
        };
        shops[s].legacy = false;
        let at = |f: &str| format!("lines[{j}].{f}");
        let t = templates.get(id).ok_or_else(|| {
            Error::new(
                ErrorKind::UnknownId { id: id.to_string() },
                at("templateId"),
            )
        })?;
        let per_unit = match t.charge {
            ChargeBy::Count => SCALE,
            ChargeBy::Weight | ChargeBy::Volume => {
                let (value, field) = match t.charge {
                    ChargeBy::Weight => (line.weight, "weight"),
                    _ => (line.volume, "volume"),
                };
                let v = value
                    .ok_or_else(|| Error::input(format!("missing field `{field}`"), at(field)))?;
                if v.decimals() > t.charge.max_decimals() {
                    return Err(Error::input(
                        format!("at most {} decimals", t.charge.max_decimals()),
                        at(field),
                    ));
                }
                v.scaled()
            }
        };
        if line.r#virtual || pickup {
            continue;
        }
        if region.is_none() && region_dependent(t) {
            need_address = true;
        }
        if let Some(code) = region.as_deref() {
            if let Some(rule) = t.no_delivery.iter().find(|c| covers(c, code)) {
                deliverable[j] = false;
                blockers.push(BlockerAt::NotDeliverable {
                    line: j,
                    region: rule.clone(),
                });
                continue;
            }
        }
        let g = *keyed.entry((s, id)).or_insert_with(|| {
            let (rates, regional) = rates_at(t, region.as_deref());
            let free = t
                .free
                .iter()
                .filter(|f| {
                    f.codes.is_empty()
                        || region
                            .as_deref()
                            .is_some_and(|code| f.codes.iter().any(|c| covers(c, code)))
                })
                .map(|f| FreeWhen {
                    min_amount: f.min_amount.map(fen),
                    min_count: f.min_count.map(u64::from),
                })
                .collect();
            groups.push(Group {
                template: id.to_string(),
                name: t.name.clone(),
                name_en: t.name_en.clone(),
                charge: t.charge,
                rates,
                regional,
                units: 0,
                count: 0,
                lines: Vec::new(),
                free,
            });
            groups.len() - 1
        });
        let grp = &mut groups[g];
        grp.units += u128::from(per_unit) * u128::from(qty);
        grp.count += qty;
        grp.lines.push(j);
    }
    for ((s, _), g) in keyed {
        shops[s].groups.push(groups[g].clone());
    }
    if need_address {
        blockers.insert(0, BlockerAt::AddressRequired);
    }
    // Freight beyond the goods bound is refused rather than clamped.
    for sf in &shops {
        let most: i128 = sf
            .groups
            .iter()
            .map(|g| i128::from(g.rates.fee(g.units)))
            .sum();
        if most >= MAX_FEE_FEN {
            return Err(Error::new(
                ErrorKind::AmountOutOfRange {
                    max: Money::from_fen(MAX_FEE_FEN).to_string(),
                },
                "shipping.templates",
            ));
        }
    }
    Ok(Plan {
        shops,
        deliverable,
        blockers,
        region,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_are_fixed_point() {
        assert_eq!(Measure::parse("2.3"), Some(Measure::from_scaled(23_000)));
        assert_eq!(Measure::parse("0.0005"), Some(Measure::from_scaled(5)));
        assert_eq!(Measure::parse("007"), Some(Measure::from_scaled(70_000)));
        assert_eq!(Measure::parse("2.30").map(Measure::decimals), Some(1));
        assert_eq!(Measure::from_scaled(23_000).to_string(), "2.3");
        assert_eq!(Measure::from_scaled(5).to_string(), "0.0005");
        for bad in [
            "", ".5", "5.", "-1", "1e3", "0.00001", "1000001", "abc", "1.2.3",
        ] {
            assert_eq!(Measure::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn fee_steps_up_by_extra() {
        let r = Rates {
            first: SCALE,
            first_fee: 1000,
            extra: SCALE,
            extra_fee: 500,
        };
        assert_eq!(r.fee(0), 1000);
        assert_eq!(r.fee(10_000), 1000);
        assert_eq!(r.fee(10_001), 1500);
        assert_eq!(r.fee(23_000), 2000);
        assert_eq!(r.extra_only(23_000), 1500);
    }

    #[test]
    fn specificity_by_code() {
        assert_eq!(specificity("650000"), 1);
        assert_eq!(specificity("650100"), 2);
        assert_eq!(specificity("650102"), 3);
    }
}
