//! Region names for English text. The regions table is Chinese only; a blocker's English message
//! names the province in English (GB/T 2260's province codes are stable, so a fixed list), and
//! a region below it by its Chinese name with the province after it.

use super::regions::parse_code;
use super::with_table;

/// The 34 province-level divisions by the two digits their codes start with.
const PROVINCES: [(u32, &str); 34] = [
    (11, "Beijing"),
    (12, "Tianjin"),
    (13, "Hebei"),
    (14, "Shanxi"),
    (15, "Inner Mongolia"),
    (21, "Liaoning"),
    (22, "Jilin"),
    (23, "Heilongjiang"),
    (31, "Shanghai"),
    (32, "Jiangsu"),
    (33, "Zhejiang"),
    (34, "Anhui"),
    (35, "Fujian"),
    (36, "Jiangxi"),
    (37, "Shandong"),
    (41, "Henan"),
    (42, "Hubei"),
    (43, "Hunan"),
    (44, "Guangdong"),
    (45, "Guangxi"),
    (46, "Hainan"),
    (50, "Chongqing"),
    (51, "Sichuan"),
    (52, "Guizhou"),
    (53, "Yunnan"),
    (54, "Tibet"),
    (61, "Shaanxi"),
    (62, "Gansu"),
    (63, "Qinghai"),
    (64, "Ningxia"),
    (65, "Xinjiang"),
    (71, "Taiwan"),
    (81, "Hong Kong"),
    (82, "Macao"),
];

/// The English name of the province a code is in.
pub(crate) fn province_en(code: u32) -> Option<&'static str> {
    PROVINCES
        .iter()
        .find(|(p, _)| *p == code / 10000)
        .map(|(_, n)| *n)
}

/// A region's name for a message, (zh, en): 新疆维吾尔自治区 / Xinjiang; 拉萨市 / 拉萨市, Tibet; a
/// municipality's city level as the municipality. `None` when the code is not in the regions
/// table in use (a shipping rule may name one the table lacks).
pub(crate) fn region_names(code: &str) -> Option<(String, String)> {
    let n = parse_code(code)?;
    let zh = with_table(|t| t.and_then(|t| t.get(code)).map(|r| r.name))?;
    let province = province_en(n)?;
    let whole = n % 10000 == 0 || (matches!(n / 10000, 11 | 12 | 31 | 50) && n % 10000 == 100);
    let en = if whole {
        province.to_string()
    } else {
        format!("{zh}, {province}")
    };
    Some((zh, en))
}
