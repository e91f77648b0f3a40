//! Where the parcel goes: China's administrative regions (GB/T 2260 codes), 地址智能识别 of a
//! pasted address, and the address a cart carries (`{ regionCode, … }` or what
//! `wx.chooseAddress` returns) resolved to a region code. See docs/address.md.
//!
//! The table is data, not code: natively it is embedded ([`builtin`]); the WASM modules are
//! handed `data/regions.txt` once (`loadRegions`), so the shopper's module does not carry it.

pub(crate) mod english;
mod parse;
pub mod phone;
mod regions;

pub use parse::{parse_address_with, ParsedAddress};
pub use phone::find_phone;
pub use regions::{Level, Regions};

use crate::foundation::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};

/// A region as a picker shows it: six-digit code and official name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Region {
    pub code: String,
    pub name: String,
}

/// The text of `data/regions.txt`, embedded in host builds only.
#[cfg(not(target_arch = "wasm32"))]
pub const REGIONS_TXT: &str = include_str!("../../../data/regions.txt");

/// The embedded table, parsed on first use (host builds).
#[cfg(not(target_arch = "wasm32"))]
pub fn builtin() -> &'static Regions {
    static TABLE: std::sync::OnceLock<Regions> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        // The committed file is checked by the tests; a broken one is a build defect.
        Regions::parse(REGIONS_TXT).unwrap_or_else(|e| panic!("data/regions.txt: {e}"))
    })
}

/// For pickers, from the embedded table: the provinces, or the children of `parent_code`.
#[cfg(not(target_arch = "wasm32"))]
pub fn regions(parent_code: Option<&str>) -> Result<Vec<Region>> {
    builtin().children(parent_code)
}

/// 地址智能识别 against the embedded table; see [`parse_address_with`].
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_address(text: &str) -> ParsedAddress {
    parse_address_with(builtin(), text)
}

/// The table quotes resolve a cart's address with: natively the embedded one.
#[cfg(not(target_arch = "wasm32"))]
pub fn with_table<T>(f: impl FnOnce(Option<&Regions>) -> T) -> T {
    f(Some(builtin()))
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static LOADED: std::cell::RefCell<Option<Regions>> = const { std::cell::RefCell::new(None) };
}

/// The table quotes resolve a cart's address with: in WASM the one given to `loadRegions`
/// (`None` before it).
#[cfg(target_arch = "wasm32")]
pub fn with_table<T>(f: impl FnOnce(Option<&Regions>) -> T) -> T {
    LOADED.with(|t| f(t.borrow().as_ref()))
}

/// Keep the table `loadRegions` read (replacing any earlier one).
#[cfg(target_arch = "wasm32")]
pub fn install(table: Regions) {
    LOADED.with(|t| *t.borrow_mut() = Some(table));
}

/// Whether the region `ancestor` covers `code`: the same code, or one under it. By the codes
/// alone, so a shipping rule naming a region not in the table still works: a province
/// (`650000`) covers every code starting with its two digits, a city (`650100`) every code with
/// its four; a municipality's city level (`110100`, `500100`) covers the whole municipality,
/// since the table puts 重庆's counties (5002xx) under 500100 as wx.chooseAddress does; a
/// 直辖县 group (`429000`) covers 仙桃 (429004) and the rest. Malformed codes cover nothing.
pub fn covers(ancestor: &str, code: &str) -> bool {
    let (Some(a), Some(c)) = (regions::parse_code(ancestor), regions::parse_code(code)) else {
        return false;
    };
    if a == c {
        return true;
    }
    if a % 10000 == 0 {
        return a / 10000 == c / 10000;
    }
    if a % 100 == 0 {
        let municipality = matches!(a / 10000, 11 | 12 | 31 | 50) && a % 10000 == 100;
        return if municipality {
            a / 10000 == c / 10000 && c % 10000 != 0
        } else {
            a / 100 == c / 100
        };
    }
    false
}

/// An address as a cart gives it: `{ regionCode, detail?, name?, phone? }`, or the object
/// `wx.chooseAddress` returns (`provinceName`, `cityName`, `countyName`, `detailInfo`,
/// `nationalCode`, `userName`, `telNumber`, `postalCode`, `errMsg`; also `streetName` and
/// `detailInfoNew`, which newer base libraries add). The two shapes are not mixed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Address {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub region_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub province_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub city_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub county_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub street_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub detail_info: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub detail_info_new: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub national_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub user_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub tel_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub err_msg: Option<String>,
}

/// An address resolved against the table: the most specific region code, its province / city /
/// district, and the free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ResolvedAddress {
    pub region_code: String,
    pub province: Region,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub city: Option<Region>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub district: Option<Region>,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub postal_code: Option<String>,
}

/// Free text longer than this is refused: no real address is, and the quote is no log.
const MAX_TEXT_CHARS: usize = 200;

fn unknown(code: &str, path: &str) -> Error {
    Error::new(
        ErrorKind::UnknownRegion {
            code: code.to_string(),
        },
        path,
    )
}

fn named(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn text(value: &Option<String>, path: &str) -> Result<Option<String>> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) if s.chars().count() > MAX_TEXT_CHARS => Err(Error::input(
            format!("longer than {MAX_TEXT_CHARS} characters"),
            path,
        )),
        Some(s) => Ok(Some(s.to_string())),
    }
}

impl Address {
    /// Resolve to a known region. `{ regionCode }`: the code must be in the table
    /// (UNKNOWN_REGION at `regionCode`). The wx.chooseAddress shape: its `nationalCode` when the
    /// table has it, else the names (province, then city, then county under them; a city
    /// without districts such as 东莞市 takes any `countyName`), else UNKNOWN_REGION at the
    /// field that did not resolve. Mixing the shapes is INVALID_INPUT.
    pub fn resolve(&self, regions: &Regions) -> Result<ResolvedAddress> {
        let wx_fields = [
            (&self.province_name, "provinceName"),
            (&self.city_name, "cityName"),
            (&self.county_name, "countyName"),
            (&self.street_name, "streetName"),
            (&self.detail_info, "detailInfo"),
            (&self.detail_info_new, "detailInfoNew"),
            (&self.national_code, "nationalCode"),
            (&self.user_name, "userName"),
            (&self.tel_number, "telNumber"),
            (&self.postal_code, "postalCode"),
            (&self.err_msg, "errMsg"),
        ];
        let wx = wx_fields.iter().find(|(v, _)| v.is_some()).map(|(_, k)| *k);
        let plain = self.region_code.is_some()
            || self.detail.is_some()
            || self.name.is_some()
            || self.phone.is_some();
        let (node, detail, name, phone) = match (plain, wx) {
            (true, Some(field)) => return Err(Error::input(
                "give either regionCode/detail/name/phone or the wx.chooseAddress fields, not both",
                field,
            )),
            (_, None) => {
                let code = self.region_code.as_deref().unwrap_or("");
                if code.is_empty() {
                    return Err(Error::input("missing field `regionCode`", "regionCode"));
                }
                let node = regions
                    .at(code)
                    .ok_or_else(|| unknown(code, "regionCode"))?;
                (
                    node,
                    text(&self.detail, "detail")?,
                    text(&self.name, "name")?,
                    text(&self.phone, "phone")?,
                )
            }
            (false, Some(_)) => {
                let node = self.wx_region(regions)?;
                let mut detail = text(&self.detail_info, "detailInfo")?;
                if detail.is_none() {
                    detail = text(&self.detail_info_new, "detailInfoNew")?;
                }
                (
                    node,
                    detail,
                    text(&self.user_name, "userName")?,
                    text(&self.tel_number, "telNumber")?,
                )
            }
        };
        let mut resolved = resolved_at(regions, node);
        resolved.detail = detail.unwrap_or_default();
        resolved.name = name;
        resolved.phone = phone;
        resolved.postal_code = text(&self.postal_code, "postalCode")?;
        Ok(resolved)
    }

    fn wx_region(&self, regions: &Regions) -> Result<u32> {
        if let Some(i) = self.national_code.as_deref().and_then(|c| regions.at(c)) {
            return Ok(i);
        }
        let Some(province_name) = named(&self.province_name) else {
            return Err(match &self.national_code {
                Some(code) => unknown(code, "nationalCode"),
                None => Error::input("missing field `provinceName`", "provinceName"),
            });
        };
        let province = regions
            .find_under(None, province_name)
            .ok_or_else(|| unknown(province_name, "provinceName"))?;
        let mut at = province;
        if let Some(city_name) = named(&self.city_name) {
            // HK/MO have no city level: their cityName may name the province or a district.
            match regions.find_under(Some(province), city_name) {
                Some(c) => at = c,
                None if regions.node(province).name.as_ref() == city_name => {}
                None if regions
                    .node(province)
                    .children
                    .iter()
                    .all(|&c| regions.node(c).level == Level::District) => {}
                None => return Err(unknown(city_name, "cityName")),
            }
        }
        if let Some(county_name) = named(&self.county_name) {
            match regions.find_under(Some(at), county_name) {
                Some(d) => at = d,
                // 东莞市, 中山市, 儋州市, 嘉峪关市: no districts, the county is a town.
                None if regions.node(at).level == Level::City
                    && regions.node(at).children.is_empty() => {}
                None => return Err(unknown(county_name, "countyName")),
            }
        }
        Ok(at)
    }
}

/// The region chain of a node as a resolved address with empty text.
fn resolved_at(regions: &Regions, node: u32) -> ResolvedAddress {
    let mut province = None;
    let mut city = None;
    let mut district = None;
    let mut at = Some(node);
    while let Some(i) = at {
        let slot = match regions.node(i).level {
            Level::Province => &mut province,
            Level::City => &mut city,
            Level::District => &mut district,
        };
        *slot = Some(regions.region(i));
        at = regions.node(i).parent;
    }
    ResolvedAddress {
        region_code: regions.region(node).code,
        province: province.unwrap_or_else(|| regions.region(node)),
        city,
        district,
        detail: String::new(),
        name: None,
        phone: None,
        postal_code: None,
    }
}

/// What the table says about a region code, known or not: for a page restoring a saved address
/// whose region may have been abolished since (杭州 下城区 330103, 2021), so it can keep the
/// levels that survive and ask only for the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RegionLookup {
    /// The code itself is in the table.
    pub known: bool,
    /// Province first (as [`Regions::path`]). Known: down to the code. Unknown: down to the
    /// nearest level above it still in the table, by GB/T 2260 (its city `xxyy00`, a
    /// municipality's `xx0100`, its province `xx0000`); empty for text that is not a six-digit
    /// code or whose province is gone too.
    pub path: Vec<Region>,
    /// An unknown code the table's header names as removed: what it was and what replaced it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<RemovedRegion>,
}

/// A region abolished since the table's source data (`# removed:` in `data/regions.txt`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RemovedRegion {
    /// Its former name (下城区).
    pub name: String,
    /// The regions that took it over (拱墅区), those in the table.
    pub replaced_by: Vec<Region>,
}

impl Regions {
    /// What the table says about `code`; see [`RegionLookup`]. Never fails.
    pub fn lookup(&self, code: &str) -> RegionLookup {
        let node = self.at(code);
        let number = regions::parse_code(code);
        let mut nearest = node;
        if let (None, Some(c)) = (node, number) {
            let province = c / 10000 * 10000;
            // 北京/天津/上海/重庆: every county hangs under the one city level xx0100.
            let municipal = if matches!(c / 10000, 11 | 12 | 31 | 50) {
                province + 100
            } else {
                province
            };
            for up in [c / 100 * 100, municipal, province] {
                if nearest.is_none() && up != c {
                    nearest = self.at_code(up);
                }
            }
        }
        let removed = match (node, number.and_then(|c| self.removed(c))) {
            (None, Some((name, into))) => Some(RemovedRegion {
                name: name.to_string(),
                replaced_by: into
                    .iter()
                    .filter_map(|&c| self.at_code(c))
                    .map(|i| self.region(i))
                    .collect(),
            }),
            _ => None,
        };
        RegionLookup {
            known: node.is_some(),
            path: self.path_at(nearest),
            removed,
        }
    }
}

/// [`Regions::lookup`] in the embedded table (host builds).
#[cfg(not(target_arch = "wasm32"))]
pub fn lookup_region(code: &str) -> RegionLookup {
    builtin().lookup(code)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn covers_by_code() {
        assert!(covers("650000", "650100"));
        assert!(covers("650000", "650102"));
        assert!(covers("650100", "650102"));
        assert!(covers("650102", "650102"));
        assert!(!covers("650100", "650200"));
        assert!(!covers("650102", "650100"));
        assert!(!covers("650000", "640102"));
        // Municipalities: the city level covers the whole municipality, counties included.
        assert!(covers("500100", "500229"));
        assert!(covers("500000", "500229"));
        assert!(covers("110100", "110105"));
        assert!(!covers("110100", "110000"));
        assert!(!covers("110100", "120105"));
        // 直辖县: under their group and province, not under another city.
        assert!(covers("429000", "429004"));
        assert!(covers("420000", "429004"));
        assert!(!covers("420100", "429004"));
        // 香港's districts hang under the province.
        assert!(covers("810000", "810001"));
        for bad in ["", "65", "6500000", "abcdef", "065000", "65000x"] {
            assert!(!covers(bad, "650102"), "{bad}");
            assert!(!covers("650000", bad), "{bad}");
        }
    }

    #[test]
    fn covers_agrees_with_the_table() {
        let r = builtin();
        for n in &r.nodes {
            let code = format!("{:06}", n.code);
            for a in r.path(&code) {
                assert!(covers(&a.code, &code), "{} {}", a.code, code);
                assert!(r.covers(&a.code, &code));
            }
        }
        assert!(r.covers("500100", "500229"));
        assert!(!r.covers("500100", "999999"));
    }

    #[test]
    fn lookup_keeps_the_levels_that_survive() {
        let r = builtin();
        let names = |l: &RegionLookup| {
            let names: Vec<&str> = l.path.iter().map(|x| x.name.as_str()).collect();
            names.join(" ")
        };
        // Known: its own chain.
        let l = r.lookup("330105");
        assert!(l.known && l.removed.is_none());
        assert_eq!(names(&l), "浙江省 杭州市 拱墅区");
        assert_eq!(names(&r.lookup("810001")), "香港特别行政区 中西区");
        assert_eq!(names(&r.lookup("330100")), "浙江省 杭州市");
        // Abolished in 2021 (the header's `# removed:`): the city stays, the successors named.
        let l = r.lookup("330103");
        assert!(!l.known);
        assert_eq!(names(&l), "浙江省 杭州市");
        let gone = l.removed.unwrap();
        assert_eq!(gone.name, "下城区");
        assert_eq!(gone.replaced_by, vec![r.get("330105").unwrap()]);
        let gone = r.lookup("330104").removed.unwrap();
        assert_eq!((gone.name.as_str(), gone.replaced_by.len()), ("江干区", 2));
        // Unknown codes not in the header: the nearest levels by the code's digits.
        let l = r.lookup("330199");
        assert!(!l.known && l.removed.is_none());
        assert_eq!(names(&l), "浙江省 杭州市");
        assert_eq!(names(&r.lookup("339900")), "浙江省");
        assert_eq!(names(&r.lookup("339999")), "浙江省");
        // A municipality's counties hang under xx0100, whatever their third and fourth digits.
        assert_eq!(names(&r.lookup("500299")), "重庆市 重庆市");
        assert_eq!(names(&r.lookup("110199")), "北京市 北京市");
        // Nothing survives: no levels, still no error.
        for bad in ["990101", "", "abc", "3301030", "033010", "110100x"] {
            let l = r.lookup(bad);
            assert!(
                !l.known && l.path.is_empty() && l.removed.is_none(),
                "{bad}"
            );
        }
    }

    #[test]
    fn removed_header_lines() {
        let r = Regions::parse(
            "# removed: 110102 旧区 (now 110101; source: assumed)\n# removed: 110103 另区\n110000 北京市\n110100 北京市\n110101 东城区\n",
        )
        .unwrap();
        let l = r.lookup("110102");
        assert_eq!(
            l.removed.unwrap().replaced_by,
            vec![r.get("110101").unwrap()]
        );
        assert_eq!(l.path.last().unwrap().code, "110100");
        assert!(r.lookup("110103").removed.unwrap().replaced_by.is_empty());
        for bad in [
            "# removed: 11010 x",
            "# removed: 110102",
            "# removed: 110102 旧区 (now 1101)",
        ] {
            let e = Regions::parse(&format!("{bad}\n110000 北京市\n")).unwrap_err();
            assert_eq!(
                (e.code(), e.path.as_str()),
                ("INVALID_INPUT", "regions"),
                "{bad}"
            );
        }
    }
}
