//! The offer engine: offers prepared against the priced lines ([`Cand`]), grouped into slots,
//! and applied layer by layer to a [`Run`].

use super::check::check_offer;
use super::model::{Layer, Offer, OfferKind, RejectCode, ScopeLevel, Source};
use super::terms::{check_add_on_lines, prepare, Terms};
use crate::checkout::cart::{Buyer, ShippingRule};
use crate::foundation::error::{Error, ErrorKind, Result};
use crate::foundation::money::{Money, Rate};
use crate::foundation::time::Timestamp;
use std::collections::HashMap;

/// A line as the engine sees it: its shop, its priced amount (fen), quantity, sku and category.
pub struct LineIn<'a> {
    pub shop: usize,
    pub amount: i64,
    pub quantity: u32,
    pub sku_id: &'a str,
    pub category_id: Option<&'a str>,
    /// The priced units as (fen, count) runs: what 第N件 and N元任选 group.
    pub units: Vec<(i64, u32)>,
    /// 加价购: the addOn offer this line is the add-on of.
    pub add_on_of: Option<&'a str>,
}

pub struct ShopIn<'a> {
    pub id: &'a str,
    pub rule: Option<&'a ShippingRule>,
    pub items: u64,
    /// 运费模板 and what the rule charges (`crate::checkout::freight`).
    pub freight: crate::checkout::freight::ShopFreight,
}

/// The lines' indices by (shop id, SKU id), as sorting by the two texts gives them, for less:
/// the lines are put in their shops' runs (shops ranked by id once), and a shop's lines ordered
/// by 8 bytes of their SKU ids read as a number, past the prefix every SKU id of the cart shares
/// (where two such numbers differ, they order as the texts do), the texts compared only where
/// the numbers are equal. A cart that repeats a SKU in a shop (not a valid cart; `price_cart`
/// is public) is heap-sorted whole, in its own order: each comparison gives what the texts' did,
/// so its ties fall as before.
fn canonical_order(lines: &[LineIn], shops: &[ShopIn]) -> Vec<usize> {
    let n = lines.len();
    if n < 2 {
        return (0..n).collect();
    }
    let mut by_id: Vec<usize> = (0..shops.len()).collect();
    crate::foundation::sort::sort_by(&mut by_id, |&a, &b| shops[a].id.cmp(shops[b].id));
    // Per shop: its rank, its lines' count, then where its next line goes in the order.
    let m = shops.len();
    let mut run = vec![0usize; 3 * m];
    let (rank, run) = run.split_at_mut(m);
    for (r, &s) in by_id.iter().enumerate() {
        rank[s] = r;
    }
    for l in lines {
        run[l.shop] += 1;
    }
    let mut at = 0;
    for &s in &by_id {
        run[m + s] = at;
        at += run[s];
    }
    let first = lines[0].sku_id.as_bytes();
    let shared = lines[1..].iter().fold(first.len(), |p, l| {
        let b = l.sku_id.as_bytes();
        (0..p.min(b.len()))
            .find(|&i| first[i] != b[i])
            .unwrap_or(p.min(b.len()))
    });
    // (shop rank, SKU id's 8 bytes, line) in cart order, compared as the texts compare.
    let key = |j: usize, l: &LineIn| {
        let rest = &l.sku_id.as_bytes()[shared..];
        let mut b = [0u8; 8];
        let k = rest.len().min(8);
        b[..k].copy_from_slice(&rest[..k]);
        (rank[l.shop], u64::from_be_bytes(b), j)
    };
    let cmp = |x: &(usize, u64, usize), y: &(usize, u64, usize)| {
        (x.0, x.1)
            .cmp(&(y.0, y.1))
            .then_with(|| lines[x.2].sku_id.cmp(lines[y.2].sku_id))
    };
    let mut keyed = vec![(0, 0, 0); n];
    for (j, l) in lines.iter().enumerate() {
        let next = &mut run[m + l.shop];
        keyed[*next] = key(j, l);
        *next += 1;
    }
    let mut start = 0;
    for &s in &by_id {
        let part = &mut keyed[start..start + run[s]];
        start += part.len();
        super::trail::heap_sort(part, cmp);
        if part.windows(2).any(|w| cmp(&w[0], &w[1]).is_eq()) {
            // The whole cart in its own order through the same sort and comparisons as before.
            keyed = lines.iter().enumerate().map(|(j, l)| key(j, l)).collect();
            super::trail::heap_sort(&mut keyed, cmp);
            break;
        }
    }
    keyed.into_iter().map(|k| k.2).collect()
}

/// Shipping fee in fen for a shop's goods (fen) and item count, by its rule.
pub fn shipping_fee_fen(rule: Option<&ShippingRule>, goods: i64, items: u64) -> i64 {
    let Some(rule) = rule else { return 0 };
    if rule.free_threshold.is_some_and(|t| goods >= fen(t)) {
        return 0;
    }
    let extra = items.saturating_sub(u64::from(rule.included_items.unwrap_or(1)));
    fen(rule.fee)
        + fen(rule.extra_per_item.unwrap_or(Money::ZERO))
            * i64::try_from(extra).unwrap_or(i64::MAX / 1_000_000)
}

fn fen(m: Money) -> i64 {
    i64::try_from(m.fen()).unwrap_or(i64::MAX)
}

/// An offer prepared for evaluation: where it applies and its terms in fen.
#[derive(Debug, Clone)]
pub struct Cand {
    pub index: usize,
    pub source: Source,
    /// Shared with the quote's `LineDiscount`s (one allocation per offer, not per line).
    pub id: std::sync::Arc<str>,
    pub label: String,
    pub kind: OfferKind,
    pub layer: Layer,
    pub lines: Vec<usize>,
    pub shops: Vec<usize>,
    pub threshold: i64,
    pub amount: i64,
    pub cap: Option<i64>,
    pub rate: Option<Rate>,
    /// For 折扣: the fraction taken off, in millionths, so the search never touches Decimal.
    pub off_ppm: i64,
    pub exclusive: bool,
    pub group: Option<usize>,
    pub stackable: bool,
    pub expiry: i64,
    pub min_quantity: Option<u32>,
    pub static_reject: Option<(RejectCode, Option<u32>)>,
    pub slot: usize,
    /// Tiers, fixed item-layer discounts and limits (see [`super::terms`]).
    pub terms: Terms,
}

impl Cand {
    /// The discount on an eligible amount `e` (fen), before clamping to what remains.
    pub fn discount_at(&self, e: i64) -> i64 {
        self.limited(self.uncapped_at(e), e)
    }

    /// The discount before its cap.
    pub(crate) fn uncapped_at(&self, e: i64) -> i64 {
        match self.kind {
            OfferKind::Threshold | OfferKind::Fixed => {
                if e >= self.threshold {
                    self.amount
                } else {
                    0
                }
            }
            OfferKind::EveryThreshold => {
                if self.threshold <= 0 {
                    0
                } else {
                    (e / self.threshold) * self.amount
                }
            }
            OfferKind::Percent => {
                if e < self.threshold {
                    0
                } else {
                    // e fen × off, rounded half-up to the fen: the same as Money::round of the
                    // exact decimal product, in integers.
                    let p = i128::from(e.max(0)) * i128::from(self.off_ppm) + 500_000;
                    i64::try_from(p / 1_000_000).unwrap_or(i64::MAX)
                }
            }
            OfferKind::FreeShipping => 0,
            _ => self.terms_uncapped(e),
        }
    }
}

/// The result of applying one offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    pub cand: usize,
    pub amount: i64,
    pub eligible: i64,
    pub cap_hit: bool,
    pub budget_hit: bool,
    /// For 每满减: how many times the threshold was met; 第N件 / N元任选: how many groups;
    /// 加价购: how many add-on units.
    pub times: Option<i64>,
    /// tiered: the tier reached.
    pub tier: Option<usize>,
    /// (line, fen) allocations.
    pub alloc: Vec<(usize, i64)>,
    pub shops_freed: Vec<usize>,
}

/// The state of a cart part-way through the layers.
#[derive(Debug, Clone)]
pub struct Run {
    pub amounts: Vec<i64>,
    pub layer: Option<Layer>,
    /// Line amounts at the start of each layer (index by Layer as usize).
    pub starts: Vec<Vec<i64>>,
    pub shipping: Option<Vec<i64>>,
    pub discount: i64,
    pub shipping_saved_by_offers: i64,
    pub used: Vec<Use>,
    /// Offers placed but not applied (threshold not met), with the eligible amount seen.
    pub unmet: Vec<(usize, i64)>,
    pub groups: Vec<bool>,
    pub exclusive: bool,
    /// Uses whose free-shipping tier waits for shipping to be fixed, and the credit the
    /// discount carries for them meanwhile (see `Engine::apply_terms`).
    pub pending_free: Vec<usize>,
    pub ship_credit: i64,
    /// Record each offer's per-line allocation. Off during the search, which only needs the
    /// amounts and undoes each try (`Run::mark` / `Run::undo`, offer/trail.rs); the winner is
    /// evaluated again with it on.
    pub detail: bool,
    /// The search's undo log and reused buffers (empty unless `detail` is off).
    pub(crate) trail: super::trail::Trail,
}

pub struct Engine<'a> {
    pub lines: Vec<LineIn<'a>>,
    /// The lines in the canonical order (shop id, SKU id) each offer lists its lines in.
    pub(crate) canon: Vec<usize>,
    pub shops: Vec<ShopIn<'a>>,
    pub cands: Vec<Cand>,
    pub slots: Vec<Slot>,
    pub baseline_shipping: i64,
    pub(crate) group_count: usize,
    /// Search nodes visited by the last `optimise` (for benchmarks).
    pub nodes: std::cell::Cell<u64>,
    /// Did the last `optimise` finish within its node budget (else its best so far was used)?
    pub optimal: std::cell::Cell<bool>,
    /// The search's work budget (`limits::search_work()`; tests may lower it).
    pub node_budget: std::cell::Cell<u64>,
}

#[derive(Debug, Clone)]
pub struct Slot {
    pub layer: Layer,
    pub source: Source,
    pub cands: Vec<usize>,
}

impl<'a> Engine<'a> {
    /// Prepare offers (promotions first, then coupons) against the priced lines. Offer inputs are
    /// checked here; errors name `promotions[i]…` or `coupons[i]…`.
    pub fn new(
        lines: Vec<LineIn<'a>>,
        shops: Vec<ShopIn<'a>>,
        promotions: &[Offer],
        coupons: &[Offer],
        buyer: &Buyer,
        now: Timestamp,
    ) -> Result<Engine<'a>> {
        let mut cands = Vec::with_capacity(promotions.len() + coupons.len());
        // The lines in a canonical order, shop id then SKU id (unique in a cart): an offer's
        // lines are listed in it, so a fen's remainder ties the same way (and a later offer's
        // clamp sees the same leftovers) whatever order the cart lists its lines in.
        let canon = canonical_order(&lines, &shops);
        // Few offers, groups and shops per cart: lists scanned, not hash maps, below these.
        let many = promotions.len() + coupons.len() > 16;
        let mut groups: Vec<&str> = Vec::new();
        let mut ids: HashMap<&str, ()> = HashMap::new();
        let shop_index: HashMap<&str, usize> = if shops.len() > 16 {
            shops.iter().enumerate().map(|(i, s)| (s.id, i)).collect()
        } else {
            HashMap::new()
        };
        let shop_of = |id: &str| match shop_index.is_empty() {
            true => shops.iter().position(|s| s.id == id),
            false => shop_index.get(id).copied(),
        };
        for (source, list, name) in [
            (Source::Promotion, promotions, "promotions"),
            (Source::Coupon, coupons, "coupons"),
        ] {
            for (i, o) in list.iter().enumerate() {
                let at = |f: &str| {
                    if f.is_empty() {
                        format!("{name}[{i}]")
                    } else {
                        format!("{name}[{i}].{f}")
                    }
                };
                check_offer(o, &at)?;
                let duplicate = if many {
                    ids.insert(o.id.as_str(), ()).is_some()
                } else {
                    promotions[..if source == Source::Promotion {
                        i
                    } else {
                        promotions.len()
                    }]
                        .iter()
                        .chain(&coupons[..if source == Source::Coupon { i } else { 0 }])
                        .any(|p| p.id == o.id)
                };
                if duplicate {
                    return Err(Error::new(
                        ErrorKind::DuplicateId { id: o.id.clone() },
                        at("id"),
                    ));
                }
                let layer = match (o.kind, o.scope.level) {
                    (OfferKind::FreeShipping, _) => Layer::Shipping,
                    // Unit-level kinds come before any amount-based layer.
                    (OfferKind::NthItem | OfferKind::Bundle | OfferKind::AddOn, _) => Layer::Item,
                    (_, ScopeLevel::Item) => Layer::Item,
                    (_, ScopeLevel::Shop) => Layer::Shop,
                    (_, ScopeLevel::Platform) => Layer::Platform,
                };
                // The scope's shop as an index once, not a text compare per line.
                let scope_shop = o.scope.shop_id.as_deref().map(shop_of);
                let matches = |l: &LineIn| {
                    scope_shop.is_none_or(|s| s == Some(l.shop))
                        && (o.scope.sku_ids.is_empty()
                            || o.scope.sku_ids.iter().any(|s| s == l.sku_id))
                        && (o.scope.category_ids.is_empty()
                            || l.category_id.is_some_and(|c| {
                                o.scope
                                    .category_ids
                                    .iter()
                                    .any(|s| crate::foundation::category_id::covers(s, c))
                            }))
                };
                // One allocation, not a regrowth every few lines.
                let mut elig: Vec<usize> = Vec::with_capacity(lines.len());
                elig.extend(
                    canon
                        .iter()
                        .copied()
                        .filter(|&j| matches(&lines[j]) && lines[j].add_on_of != Some(&o.id)),
                );
                // The shops of its lines, in order, each once (a scan per shop: few shops).
                let shop_list: Vec<usize> = match scope_shop {
                    Some(s) => s.into_iter().collect(),
                    None => (0..shops.len())
                        .filter(|&s| elig.iter().any(|&j| lines[j].shop == s))
                        .collect(),
                };
                let qty: u64 = elig.iter().map(|&j| u64::from(lines[j].quantity)).sum();
                let static_reject = if o.valid_to.is_some_and(|t| now >= t) {
                    Some((RejectCode::Expired, None))
                } else if o.valid_from.is_some_and(|t| now < t) {
                    Some((RejectCode::NotYetValid, None))
                } else if (o.member_only && buyer.member_level == 0)
                    || o.min_member_level.is_some_and(|l| buyer.member_level < l)
                {
                    Some((RejectCode::MemberOnly, None))
                } else if o.new_customer_only && !buyer.new_customer {
                    Some((RejectCode::NewCustomerOnly, None))
                } else if elig.is_empty() {
                    Some((RejectCode::ScopeNoMatch, None))
                } else if o.min_quantity.is_some_and(|m| qty < u64::from(m)) {
                    let m = o.min_quantity.unwrap_or(0);
                    Some((
                        RejectCode::MinQuantityNotMet,
                        Some(m - u32::try_from(qty).unwrap_or(m)),
                    ))
                } else {
                    None
                };
                let (terms, terms_reject) = prepare(o, &lines, &shops, &elig, &shop_list);
                let static_reject = static_reject.or(terms_reject);
                // A tiered offer's threshold (by amount) is its lowest tier.
                let threshold = o.threshold.map_or(0, fen).max(match o.kind {
                    OfferKind::Tiered if !terms.by_count => {
                        terms.tiers.first().map_or(0, |t| t.min)
                    }
                    _ => 0,
                });
                let group = o.stack_group.as_deref().map(|g| {
                    groups.iter().position(|&h| h == g).unwrap_or_else(|| {
                        groups.push(g);
                        groups.len() - 1
                    })
                });
                cands.push(Cand {
                    index: i,
                    source,
                    id: std::sync::Arc::from(o.id.as_str()),
                    // Named only for the quote's text, and only for the offers it mentions
                    // (`crate::checkout::quote_with`).
                    label: String::new(),
                    kind: o.kind,
                    layer,
                    lines: elig,
                    shops: shop_list,
                    threshold,
                    amount: o.amount.map_or(0, fen),
                    cap: o.cap.map(fen),
                    rate: o.rate,
                    off_ppm: 1_000_000 - o.rate.map_or(1_000_000, Rate::ppm),
                    exclusive: o.exclusive,
                    group,
                    stackable: o.stackable,
                    expiry: o.valid_to.map_or(i64::MAX, Timestamp::millis),
                    min_quantity: o.min_quantity,
                    static_reject,
                    slot: usize::MAX,
                    terms,
                });
            }
        }
        check_add_on_lines(&lines, promotions, coupons)?;
        // Slots: (layer, shop, source) for non-stackable offers, one each for stackable ones.
        let shop_key = |c: &Cand| {
            let o = match c.source {
                Source::Promotion => &promotions[c.index],
                Source::Coupon => &coupons[c.index],
            };
            o.scope.shop_id.as_deref().unwrap_or("")
        };
        let mut order: Vec<usize> = (0..cands.len()).collect();
        crate::foundation::sort::sort_by(&mut order, |&a, &b| {
            let (x, y) = (&cands[a], &cands[b]);
            (x.layer, shop_key(x), x.source as u8, x.stackable, &x.id).cmp(&(
                y.layer,
                shop_key(y),
                y.source as u8,
                y.stackable,
                &y.id,
            ))
        });
        let mut slots: Vec<Slot> = Vec::new();
        // Sorted so, the non-stackable offers of one (layer, shop, source) are neighbours.
        let mut keyed: Option<(Layer, &str, u8, usize)> = None;
        for c in order {
            let cand = &cands[c];
            let key = (cand.layer, shop_key(cand), cand.source as u8);
            let slot = match keyed {
                Some((l, s, o, slot)) if !cand.stackable && (l, s, o) == key => slot,
                _ => {
                    slots.push(Slot {
                        layer: cand.layer,
                        source: cand.source,
                        cands: Vec::new(),
                    });
                    if !cand.stackable {
                        keyed = Some((key.0, key.1, key.2, slots.len() - 1));
                    }
                    slots.len() - 1
                }
            };
            slots[slot].cands.push(c);
            cands[c].slot = slot;
        }
        crate::foundation::sort::sort_by_key(&mut slots, |s| s.layer);
        for (si, s) in slots.iter().enumerate() {
            for &c in &s.cands {
                cands[c].slot = si;
            }
        }
        let mut engine = Engine {
            lines,
            canon,
            shops,
            cands,
            slots,
            baseline_shipping: 0,
            group_count: groups.len(),
            nodes: std::cell::Cell::new(0),
            optimal: std::cell::Cell::new(true),
            node_budget: std::cell::Cell::new(crate::foundation::limits::search_work()),
        };
        let start = engine.start_amounts();
        engine.baseline_shipping = (0..engine.shops.len())
            .map(|s| engine.shop_fee(&start, s))
            .sum();
        Ok(engine)
    }

    /// A shop's freight (fen) at these line amounts: its rule and 运费模板.
    pub fn shop_fee(&self, amounts: &[i64], shop: usize) -> i64 {
        let s = &self.shops[shop];
        crate::checkout::freight::shop_fee(&s.freight, s.rule, amounts)
    }

    fn start_amounts(&self) -> Vec<i64> {
        self.lines.iter().map(|l| l.amount).collect()
    }

    #[allow(dead_code)] // freight reads line amounts itself now (`shop_fee`)
    pub(crate) fn shop_goods(&self, amounts: &[i64], shop: usize) -> i64 {
        self.lines
            .iter()
            .zip(amounts)
            .filter(|(l, _)| l.shop == shop)
            .map(|(_, a)| *a)
            .sum()
    }

    pub fn fresh_run(&self) -> Run {
        Run {
            amounts: self.start_amounts(),
            layer: None,
            starts: vec![Vec::new(); 4],
            shipping: None,
            discount: 0,
            shipping_saved_by_offers: 0,
            used: Vec::new(),
            unmet: Vec::new(),
            groups: vec![false; self.group_count],
            exclusive: false,
            pending_free: Vec::new(),
            ship_credit: 0,
            detail: true,
            trail: Default::default(),
        }
    }

    /// Move the run to the start of `layer`, snapshotting amounts and fixing shop shipping once
    /// the shop layers are done (shipping rules look at goods after the shop's own discounts).
    pub fn enter(&self, run: &mut Run, layer: Layer) {
        let mut cur = run.layer;
        while cur.is_none_or(|c| c < layer) {
            let next = match cur {
                None => Layer::Item,
                Some(Layer::Item) => Layer::Shop,
                Some(Layer::Shop) => Layer::Platform,
                Some(_) => Layer::Shipping,
            };
            if next == Layer::Platform {
                // The search keeps the vector it had (see `Run::undo`).
                let mut ship = std::mem::take(&mut run.trail.spare_ship);
                ship.clear();
                ship.extend((0..self.shops.len()).map(|s| self.shop_fee(&run.amounts, s)));
                run.shipping = Some(ship);
                self.settle_free_shipping(run);
            }
            run.starts[next as usize].clone_from(&run.amounts);
            cur = Some(next);
        }
        run.layer = cur;
    }

    /// Finish: every layer entered, shipping known.
    pub fn finish(&self, run: &mut Run) {
        self.enter(run, Layer::Shipping);
    }

    /// Eligible amount of a candidate at the start of its layer.
    fn eligible(&self, run: &Run, c: &Cand) -> i64 {
        let start = &run.starts[c.layer as usize];
        c.lines.iter().map(|&j| start[j]).sum()
    }

    /// Apply candidate `c` to the run. Returns false when its threshold is not met (it is
    /// recorded as unmet and changes nothing).
    pub fn apply(&self, run: &mut Run, ci: usize) -> bool {
        let c = &self.cands[ci];
        self.enter(run, c.layer);
        if let Some(g) = c.group {
            run.set_group(g);
        }
        run.exclusive |= c.exclusive;
        let e = self.eligible(run, c);
        if e < c.threshold || (c.kind == OfferKind::EveryThreshold && e < c.threshold.max(1)) {
            run.unmet.push((ci, e));
            return false;
        }
        if !matches!(
            c.kind,
            OfferKind::Threshold
                | OfferKind::EveryThreshold
                | OfferKind::Percent
                | OfferKind::Fixed
                | OfferKind::FreeShipping
        ) {
            return self.apply_terms(run, ci, e);
        }
        if c.kind == OfferKind::FreeShipping {
            let mut saved = 0;
            let mut freed = Vec::new();
            for &s in &c.shops {
                let fee = run.shipping.as_ref().map_or(0, |ship| ship[s]);
                if fee > 0 {
                    saved += fee;
                    run.free_shop(s);
                    if run.detail {
                        freed.push(s);
                    }
                }
            }
            run.shipping_saved_by_offers += saved;
            run.used.push(Use {
                cand: ci,
                amount: saved,
                eligible: e,
                cap_hit: false,
                budget_hit: false,
                times: None,
                tier: None,
                alloc: Vec::new(),
                shops_freed: freed,
            });
            return true;
        }
        let raw = match c.kind {
            OfferKind::EveryThreshold => (e / c.threshold.max(1)) * c.amount,
            OfferKind::Percent => c.uncapped_at(e),
            _ => c.amount,
        };
        let d = c.discount_at(e);
        let remaining: i64 = c.lines.iter().map(|&j| run.amounts[j]).sum();
        let d = d.min(remaining);
        let mut alloc = Vec::new();
        if run.detail {
            run.subtract_recorded(d, &c.lines, &mut alloc);
        } else {
            // The search keeps only the amounts: the same split, with no allocation.
            run.subtract_split(d, &c.lines);
        }
        run.discount += d;
        run.used.push(Use {
            cand: ci,
            amount: d,
            eligible: e,
            cap_hit: c.cap.is_some_and(|cap| raw > cap),
            budget_hit: c.budget_hit(e),
            tier: None,
            times: (c.kind == OfferKind::EveryThreshold).then(|| e / c.threshold.max(1)),
            alloc,
            shops_freed: Vec::new(),
        });
        true
    }

    /// Total saving of a finished run: discounts plus shipping saved against no offers at all.
    pub fn saving(&self, run: &Run) -> i64 {
        let ship: i64 = run
            .shipping
            .as_ref()
            .map_or(self.baseline_shipping, |s| s.iter().sum());
        run.discount + self.baseline_shipping - ship
    }

    /// Apply a set of candidates in slot order and finish.
    pub fn evaluate(&self, chosen: &[usize]) -> Run {
        self.evaluate_in(chosen, Default::default())
    }

    /// [`Engine::evaluate`] in the buffers of a finished search's `trail` (grown already).
    pub(crate) fn evaluate_in(&self, chosen: &[usize], trail: super::trail::Trail) -> Run {
        let mut order = chosen.to_vec();
        crate::foundation::sort::sort_by_key(&mut order, |&c| (self.cands[c].slot, c));
        let mut run = self.fresh_run();
        run.trail = trail;
        for c in order {
            self.apply(&mut run, c);
        }
        self.finish(&mut run);
        run
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The search's integer 折扣 equals Money::round of the exact decimal product.
        #[test]
        fn percent_in_integers_matches_decimal(
            // Small amounts and round rates ("0.85") hit exact half-fen midpoints often.
            e in prop_oneof![0i64..10_000, 0i64..100_000_000_000_000],
            ppm in prop_oneof![(0i64..=200).prop_map(|k| k * 5_000), 0i64..=1_000_000],
        ) {
            let rate = Rate::parse(&format!("{}", rust_decimal::Decimal::new(ppm, 6))).unwrap();
            let cand = Cand {
                index: 0, source: Source::Coupon, id: "c".into(), label: String::new(),
                kind: OfferKind::Percent, layer: Layer::Item,
                lines: vec![], shops: vec![], threshold: 0, amount: 0, cap: None, rate: Some(rate),
                off_ppm: 1_000_000 - rate.ppm(), exclusive: false, group: None, stackable: false,
                expiry: 0, min_quantity: None, static_reject: None, slot: 0,
                terms: Default::default(),
            };
            let off = rust_decimal::Decimal::ONE - rate.as_decimal();
            let exact = fen(Money::round(Money::from_fen(i128::from(e)).as_decimal() * off));
            prop_assert_eq!(cand.uncapped_at(e), exact);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod canon_tests {
    use super::*;
    use proptest::prelude::*;

    fn sku() -> impl Strategy<Value = String> {
        // Shared prefixes longer and shorter than 8 bytes, NUL and non-ASCII bytes, repeats.
        let part = prop_oneof![
            Just("s"),
            Just("SKU-2026-0000"),
            Just("\0"),
            Just("a"),
            Just("b"),
            Just("苹果")
        ];
        proptest::collection::vec(part, 0..5).prop_map(|parts| parts.concat())
    }

    proptest! {
        /// The canonical order equals the heap sort by (shop id, SKU id) texts it replaced,
        /// repeated SKUs (a cart that skipped validation) and long shops included.
        #[test]
        fn canonical_order_is_the_text_sort(
            shop_ids in proptest::collection::vec(
                prop_oneof![Just("shop1"), Just("shop10"), Just("shop2"), Just(""), Just("店")]
                    .prop_map(String::from),
                1..5,
            ),
            picks in proptest::collection::vec((0usize..5, sku()), 0..60),
        ) {
            // A shop's id once, as `price_cart` groups them.
            let mut ids: Vec<&str> = Vec::new();
            for id in &shop_ids {
                if !ids.contains(&id.as_str()) {
                    ids.push(id);
                }
            }
            let skus: Vec<(usize, String)> = picks.into_iter().map(|(s, k)| (s % ids.len(), k)).collect();
            let lines: Vec<LineIn> = skus.iter().map(|(s, k)| LineIn {
                shop: *s, amount: 0, quantity: 1, sku_id: k, category_id: None, units: Vec::new(),
                add_on_of: None,
            }).collect();
            let shops: Vec<ShopIn> = ids.iter().map(|id| ShopIn {
                id, rule: None, items: 0, freight: Default::default(),
            }).collect();
            let mut want: Vec<usize> = (0..lines.len()).collect();
            super::super::trail::heap_sort(&mut want, |&a, &b| {
                (shops[lines[a].shop].id, lines[a].sku_id)
                    .cmp(&(shops[lines[b].shop].id, lines[b].sku_id))
            });
            prop_assert_eq!(canonical_order(&lines, &shops), want);
        }
    }
}
