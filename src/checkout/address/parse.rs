//! 地址智能识别: name, phone, province / city / district and the rest of a pasted address.
//!
//! The text is normalised (full-width to half-width), labels (`收货人：`, `手机号码：`, …) and
//! phone numbers are taken out, and the region is the longest chain of region names in the
//! text, each under the one before: `广东省深圳市南山区`, `浙江省 杭州市 西湖区`, `上海浦东新区`
//! (suffixes may be left off, a level may be skipped). A name of several regions (鼓楼区) is
//! settled by a city named elsewhere in the text, else reported with its candidates. What
//! follows the region is the detail; a short run of Chinese characters apart from it is the name.

use super::phone;
use super::regions::{Level, Regions};
use super::Region;
use crate::foundation::finding::Finding;
use serde::Serialize;

/// What 地址智能识别 made of a text. `regionCode` is the most specific code found.
/// `confidence` (0–1, in tenths) adds up what was found: the region to district level 0.6 (to
/// a city without districts 0.6, a city 0.4, a province 0.2), a phone 0.2, a name 0.1 and some
/// detail 0.1; below 0.9 a person should look at the fields. `candidates` lists the regions an
/// ambiguous name could be (full names), with an `AMBIGUOUS_REGION` finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ParsedAddress {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub province: Option<Region>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub city: Option<Region>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub district: Option<Region>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub region_code: Option<String>,
    pub detail: String,
    pub confidence: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub candidates: Vec<Region>,
    pub findings: Vec<Finding>,
}

/// Longer pastes are cut here (a finding says so): an address with name and phone is far shorter.
const MAX_CHARS: usize = 300;

#[derive(Clone, Copy, PartialEq)]
enum Label {
    Name,
    Phone,
    Region,
    Detail,
    Postal,
}

// Longest first where one label starts another.
const LABELS: [(&str, Label); 27] = [
    ("收货人姓名", Label::Name),
    ("收件人姓名", Label::Name),
    ("收货人", Label::Name),
    ("收件人", Label::Name),
    ("联系人", Label::Name),
    ("姓名", Label::Name),
    ("名字", Label::Name),
    ("手机号码", Label::Phone),
    ("联系电话", Label::Phone),
    ("电话号码", Label::Phone),
    ("联系方式", Label::Phone),
    ("联系手机", Label::Phone),
    ("手机号", Label::Phone),
    ("手机", Label::Phone),
    ("电话", Label::Phone),
    ("所在地区", Label::Region),
    ("所在城市", Label::Region),
    ("所在地", Label::Region),
    ("省市区", Label::Region),
    ("地区", Label::Region),
    ("详细地址", Label::Detail),
    ("收货地址", Label::Detail),
    ("收件地址", Label::Detail),
    ("街道地址", Label::Detail),
    ("地址", Label::Detail),
    ("邮政编码", Label::Postal),
    ("邮编", Label::Postal),
];

/// After a shortened region name these mean a road or place, not the region: 中山路, 南京路,
/// 北京大街 (大 only as 大道 / 大街).
const ROAD: [char; 6] = ['路', '街', '道', '巷', '弄', '桥'];

fn road_after(chars: &[char], at: usize) -> bool {
    match chars.get(at) {
        Some('大') => matches!(chars.get(at + 1), Some('道') | Some('街')),
        Some(c) => ROAD.contains(c),
        None => false,
    }
}

/// A token ending so is part of an address, not a person's name.
const PLACE_ENDS: [char; 33] = [
    '路', '街', '道', '巷', '弄', '号', '楼', '栋', '幢', '室', '村', '镇', '乡', '园', '区', '苑',
    '庄', '座', '层', '门', '店', '厂', '院', '组', '屯', '城', '县', '市', '省', '里', '湾', '场',
    '厦',
];
const PLACE_WORDS: [&str; 10] = [
    "小区", "大厦", "广场", "公寓", "花园", "社区", "中心", "单元", "大道", "大街",
];

fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

fn separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | ';'
                | ':'
                | '、'
                | '。'
                | '|'
                | '/'
                | '\\'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '<'
                | '>'
                | '【'
                | '】'
                | '「'
                | '」'
                | '《'
                | '》'
                | '!'
                | '?'
                | '"'
                | '\''
                | '‘'
                | '’'
                | '“'
                | '”'
                | '~'
                | '\u{200b}'
        )
}

fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(i, w)| chars.get(i) == Some(&w))
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn name_like(t: &str) -> bool {
    let n = t.chars().count();
    if t.chars().all(|c| is_cjk(c) || c == '·') {
        // Uyghur and other names transcribed with a middle dot run longer (阿不都·热合曼).
        let max = if t.contains('·') { 12 } else { 6 };
        (2..=max).contains(&n)
            && !t.ends_with(PLACE_ENDS)
            && !PLACE_WORDS.iter().any(|w| t.contains(w))
    } else {
        (2..=20).contains(&n) && t.chars().all(|c| c.is_ascii_alphabetic())
    }
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    node: u32,
    start: usize,
    end: usize,
    full: bool,
}

struct Search<'a> {
    regions: &'a Regions,
    chars: &'a [char],
    text: &'a str,
    /// Byte offset of each char, and the text's length at the end.
    offs: Vec<usize>,
    best: (usize, usize, usize),
    found: Vec<Vec<Hit>>,
}

impl Search<'_> {
    fn hits_at(&self, p: usize, first: bool) -> Vec<Hit> {
        let mut out = Vec::new();
        let n = self.chars.len();
        let max = self.regions.max_alias_chars.min(n.saturating_sub(p));
        for len in (2..=max).rev() {
            let end = p + len;
            if self.chars[p..end].contains(&' ') {
                continue;
            }
            let Some(list) = self
                .regions
                .aliases
                .get(&self.text[self.offs[p]..self.offs[end]])
            else {
                continue;
            };
            for a in list {
                let level = self.regions.node(a.node).level;
                // A shortened district name alone would turn up in too many street names.
                if first && level == Level::District && !a.full {
                    continue;
                }
                if !a.full && road_after(self.chars, end) {
                    continue;
                }
                out.push(Hit {
                    node: a.node,
                    start: p,
                    end,
                    full: a.full,
                });
            }
        }
        out
    }

    fn extend(&mut self, chain: &mut Vec<Hit>) {
        let last = chain[chain.len() - 1];
        let score = (
            chain.iter().map(|h| h.end - h.start).sum::<usize>(),
            chain.len(),
            chain.iter().filter(|h| h.full).count(),
        );
        if score > self.best {
            self.best = score;
            self.found.clear();
        }
        if score == self.best {
            self.found.push(chain.clone());
        }
        if chain.len() == 3 || self.regions.node(last.node).children.is_empty() {
            return;
        }
        let p = self.skip_spaces(last.end);
        let next: Vec<Hit> = self
            .hits_at(p, false)
            .into_iter()
            .filter(|h| self.regions.is_under(last.node, h.node))
            .collect();
        // Nothing under it right after: a short run of Chinese characters that is no region of
        // the table may stand between the levels, as people write them (香港九龙油尖旺区: 九龙
        // is an area, not a division; 广东省珠三角深圳市). Its words stay in the detail.
        let next = if next.is_empty() {
            self.after_gap(last.node, p)
        } else {
            next
        };
        for h in next {
            chain.push(h);
            self.extend(chain);
            chain.pop();
        }
    }

    fn skip_spaces(&self, mut p: usize) -> usize {
        while self.chars.get(p) == Some(&' ') {
            p += 1;
        }
        p
    }

    /// Regions under `node` starting after a gap of 1 to [`MAX_GAP`] Chinese characters at `p`.
    fn after_gap(&self, node: u32, p: usize) -> Vec<Hit> {
        for g in 1..=MAX_GAP {
            if !self.chars.get(p + g - 1).copied().is_some_and(is_cjk) {
                break;
            }
            // A road, a building or a number is the detail, not an area (文三路, 大厦).
            let run: String = self.chars[p..p + g].iter().collect();
            if run.ends_with(PLACE_ENDS) || PLACE_WORDS.iter().any(|w| run.contains(w)) {
                break;
            }
            let q = self.skip_spaces(p + g);
            let hits: Vec<Hit> = self
                .hits_at(q, false)
                .into_iter()
                .filter(|h| self.regions.is_under(node, h.node))
                .collect();
            if !hits.is_empty() {
                return hits;
            }
        }
        Vec::new()
    }
}

/// The most characters between two levels of a region that are not a region themselves.
const MAX_GAP: usize = 4;

/// The gaps [`Search::after_gap`] stepped over in a chain: (start, end) in chars.
fn gaps(chain: &[Hit], chars: &[char]) -> Vec<(usize, usize)> {
    chain
        .windows(2)
        .filter_map(|w| {
            let start = (w[0].end..w[1].start).find(|&i| chars[i] != ' ')?;
            let end = (start..w[1].start).rev().find(|&i| chars[i] != ' ')? + 1;
            Some((start, end))
        })
        .collect()
}

/// The full name of a region down from its province: 江苏省南京市鼓楼区.
fn full_name(regions: &Regions, node: u32) -> String {
    let mut parts = Vec::new();
    let mut at = Some(node);
    while let Some(i) = at {
        let n = regions.node(i);
        // A municipality's city level repeats the province's name.
        if parts.last() != Some(&n.name.as_ref()) {
            parts.push(n.name.as_ref());
        }
        at = n.parent;
    }
    parts.reverse();
    parts.concat()
}

/// The nearest node both are under (or either itself).
fn common(regions: &Regions, a: u32, b: u32) -> Option<u32> {
    let mut at = Some(a);
    while let Some(i) = at {
        if i == b || regions.is_under(i, b) {
            return Some(i);
        }
        at = regions.node(i).parent;
    }
    None
}

/// 台湾's cities and counties as addresses write them. The table has 台湾 as one region (GB/T
/// 2260 lists 710000 only), so these are not in it; a text naming one is in 台湾.
const TAIWAN_CITIES: [&str; 20] = [
    "台北市",
    "新北市",
    "桃园市",
    "台中市",
    "台南市",
    "高雄市",
    "基隆市",
    "新竹市",
    "嘉义市",
    "新竹县",
    "苗栗县",
    "彰化县",
    "南投县",
    "云林县",
    "嘉义县",
    "屏东县",
    "宜兰县",
    "花莲县",
    "台东县",
    "澎湖县",
];

/// A text naming a city of 台湾 is an address in 台湾: its district (台北市大安区) is not the
/// mainland's namesake (四川 自贡 大安区), and the city and district stay in the detail.
fn taiwan(regions: &Regions, text: &str, found: &mut Vec<Vec<Hit>>, terminals: &mut Vec<u32>) {
    let Some(tw) = regions.at("710000") else {
        return;
    };
    if !TAIWAN_CITIES.iter().any(|c| text.contains(c)) {
        return;
    }
    terminals.retain(|&t| t == tw);
    found.retain(|c| c[c.len() - 1].node == tw);
    if terminals.is_empty() {
        terminals.push(tw);
    }
    // 台湾 said but outscored by the namesake (台湾台北市大安区): its words are the region.
    if found.is_empty() {
        let said = ["台湾省", "台湾"]
            .iter()
            .find_map(|w| text.find(w).map(|b| (b, w.chars().count())));
        if let Some((b, len)) = said {
            let start = text[..b].chars().count();
            found.push(vec![Hit {
                node: tw,
                start,
                end: start + len,
                full: len == 3,
            }]);
        }
    }
}

/// 地址智能识别 of `text` against `regions`. Never fails: what it could not find is a finding.
pub fn parse_address_with(regions: &Regions, text: &str) -> ParsedAddress {
    let mut findings = Vec::new();
    let mut chars: Vec<char> = text.chars().map(half_width).collect();
    if chars.len() > MAX_CHARS {
        chars.truncate(MAX_CHARS);
        findings.push(Finding::warning(
            "TEXT_TRUNCATED",
            "text",
            format!("文字过长，只识别前 {MAX_CHARS} 个字"),
            format!("text too long: only the first {MAX_CHARS} characters were read"),
        ));
    }
    for c in chars.iter_mut() {
        if c.is_whitespace() {
            *c = ' ';
        }
    }

    // Labels followed by a colon: blank them out, keeping where a name or postcode follows.
    let mut name_at = None;
    let mut i = 0;
    while i < chars.len() {
        let hit = LABELS.iter().find_map(|&(word, kind)| {
            if !starts_with(&chars, i, word) {
                return None;
            }
            let mut j = i + word.chars().count();
            while chars.get(j) == Some(&' ') {
                j += 1;
            }
            matches!(chars.get(j), Some(':') | Some('：')).then_some((j + 1, kind))
        });
        let Some((end, kind)) = hit else {
            i += 1;
            continue;
        };
        chars[i..end].fill(' ');
        i = end;
        match kind {
            Label::Name => name_at = Some(end),
            Label::Postal => {
                while chars.get(i) == Some(&' ') {
                    i += 1;
                }
                while chars.get(i).is_some_and(char::is_ascii_digit) {
                    chars[i] = ' ';
                    i += 1;
                }
            }
            Label::Phone | Label::Region | Label::Detail => {}
        }
    }

    // Phones: the first mobile (else landline) is the phone; every number found is taken out.
    let phones = phone::find_all(&chars);
    let mut phone = phones
        .iter()
        .find(|m| !m.landline)
        .or(phones.first())
        .map(|m| m.phone.clone());
    for m in &phones {
        chars[m.start..m.end].fill(' ');
    }
    for c in chars.iter_mut() {
        if separator(*c) {
            *c = ' ';
        }
    }

    // The region: the best chain over every start.
    let text: String = chars.iter().collect();
    let mut offs: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    offs.push(text.len());
    let mut search = Search {
        regions,
        chars: &chars,
        text: &text,
        offs,
        best: (0, 0, 0),
        found: Vec::new(),
    };
    for (p, &c) in chars.iter().enumerate() {
        if c == ' ' {
            continue;
        }
        for h in search.hits_at(p, true) {
            search.extend(&mut vec![h]);
        }
    }
    let mut found = std::mem::take(&mut search.found);
    let mut terminals: Vec<u32> = found.iter().map(|c| c[c.len() - 1].node).collect();
    terminals.sort_unstable();
    terminals.dedup();
    taiwan(regions, &text, &mut found, &mut terminals);
    // The same text read as a region and as one under it (大理 = 大理州 or 大理市): the wider.
    let wider = terminals.clone();
    terminals.retain(|&t| !wider.iter().any(|&o| o != t && regions.is_under(o, t)));

    let mut region = None;
    let mut span = None;
    // The chain the span is of: the gaps in it go to the detail.
    let mut chain: Option<&Vec<Hit>> = None;
    let mut candidates = Vec::new();
    if terminals.len() == 1 {
        region = Some(terminals[0]);
        chain = found.first();
        span = chain.map(|c| (c[0].start, c[c.len() - 1].end));
    } else if terminals.len() > 1 {
        // A city named elsewhere in the text settles it (鼓楼区 … 福州).
        let named_city = |node: u32| {
            let mut at = regions.node(node).parent;
            while let Some(i) = at {
                let n = regions.node(i);
                let mut names = super::regions::short_names(&n.name);
                names.push(n.name.to_string());
                if names.iter().any(|s| text.contains(s.as_str())) {
                    return true;
                }
                at = n.parent;
            }
            false
        };
        let settled: Vec<u32> = terminals
            .iter()
            .copied()
            .filter(|&t| named_city(t))
            .collect();
        let chain_of = |t: u32| found.iter().find(|c| c[c.len() - 1].node == t);
        if settled.len() == 1 {
            region = Some(settled[0]);
            chain = chain_of(settled[0]);
            span = chain.map(|c| (c[0].start, c[c.len() - 1].end));
        } else {
            let first = &found[0];
            let said: String = chars[first[first.len() - 1].start..first[first.len() - 1].end]
                .iter()
                .collect();
            candidates = terminals
                .iter()
                .map(|&t| Region {
                    code: regions.region(t).code,
                    name: full_name(regions, t),
                })
                .collect();
            let list: Vec<&str> = candidates.iter().map(|c| c.name.as_str()).collect();
            findings.push(
                Finding::warning(
                    "AMBIGUOUS_REGION",
                    "region",
                    format!("“{said}”对应多个地区：{}", list.join("、")),
                    format!(
                        "\"{said}\" matches several regions: {}",
                        candidates
                            .iter()
                            .map(|c| c.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .fix(
                    "请补充所在城市，或手动选择地区",
                    "add the city, or pick the region",
                ),
            );
            region = terminals[1..]
                .iter()
                .try_fold(terminals[0], |acc, &t| common(regions, acc, t));
            span = Some((first[0].start, first[first.len() - 1].end));
            chain = Some(first);
        }
    }

    // Province / city / district along the chain; a municipality's one city is implied.
    let mut province = None;
    let mut city = None;
    let mut district = None;
    let mut code_node = region;
    if let Some(r) = region {
        let n = regions.node(r);
        if n.level == Level::Province && n.children.len() == 1 {
            let only = n.children[0];
            if regions.node(only).level == Level::City {
                code_node = Some(only);
            }
        }
        let mut at = code_node;
        while let Some(i) = at {
            let slot = match regions.node(i).level {
                Level::Province => &mut province,
                Level::City => &mut city,
                Level::District => &mut district,
            };
            *slot = Some(regions.region(i));
            at = regions.node(i).parent;
        }
    }
    let level_tenths = match code_node.map(|i| regions.node(i)) {
        None => 0,
        Some(n) => match n.level {
            Level::District => 6,
            Level::City if n.children.is_empty() => 6,
            Level::City => 4,
            Level::Province if n.children.is_empty() => 6,
            Level::Province => 2,
        },
    };
    if candidates.is_empty() {
        match code_node.map(|i| regions.node(i)) {
            None => findings.push(
                Finding::warning(
                    "REGION_NOT_FOUND",
                    "region",
                    "未识别出省市区".to_string(),
                    "no province, city or district recognised".to_string(),
                )
                .fix("请手动选择所在地区", "pick the region"),
            ),
            Some(n) if level_tenths < 6 => findings.push(
                Finding::warning(
                    "DISTRICT_NOT_FOUND",
                    "region",
                    format!("只识别到“{}”，未识别出区县", n.name),
                    format!(
                        "only {} recognised, no district",
                        super::regions::fmt_code(n.code)
                    ),
                )
                .fix("请补充或手动选择区县", "add or pick the district"),
            ),
            Some(_) => {}
        }
    }

    // 香港 / 澳门 / 台湾 numbers written without their country code, once the region says so.
    if let (None, Some(p)) = (&phone, province.as_ref().and_then(|p| p.code.parse().ok())) {
        let local = phone::find_local(&chars, p);
        phone = local.first().map(|m| m.phone.clone());
        for m in &local {
            chars[m.start..m.end].fill(' ');
        }
    }

    // Tokens outside the region, with where they start.
    let (rs, re) = span.unwrap_or((chars.len(), chars.len()));
    let mut tokens: Vec<(usize, String)> = Vec::new();
    for (from, to) in [(0, rs), (re, chars.len())] {
        let mut start = from;
        for j in from..=to {
            if j == to || chars[j] == ' ' {
                if j > start {
                    let t: String = chars[start..j].iter().collect();
                    let t = t.trim_matches(|c: char| c == '-' || c == '#');
                    let is_label = LABELS.iter().any(|(w, _)| *w == t);
                    if !t.is_empty() && !is_label && t.chars().any(char::is_alphanumeric) {
                        tokens.push((start, t.to_string()));
                    }
                }
                start = j + 1;
            }
        }
    }
    // A six-digit number closing the text is a postcode (淘宝's copied addresses end so).
    if let Some((_, last)) = tokens.last() {
        if last.len() == 6 && last.bytes().all(|b| b.is_ascii_digit()) && tokens.len() > 1 {
            tokens.pop();
        }
    }
    let labelled = name_at.and_then(|at| tokens.iter().position(|(s, _)| *s >= at));
    let name_index = labelled.or_else(|| {
        let before = tokens.iter().position(|(s, t)| *s < rs && name_like(t));
        // After the region, the last name-like token; not the detail glued to the region.
        before.or_else(|| {
            tokens
                .iter()
                .rposition(|(s, t)| *s >= re && (*s > re || span.is_none()) && name_like(t))
        })
    });
    let name = name_index.map(|i| tokens[i].1.clone());
    let pick = |after: bool| {
        tokens
            .iter()
            .enumerate()
            .filter(|(i, (s, _))| Some(*i) != name_index && ((*s >= re) == after || span.is_none()))
            .map(|(_, (_, t))| t.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut detail = pick(true);
    if detail.is_empty() && span.is_some() {
        detail = pick(false);
    }
    // Words between the region's levels (九龙) lead the detail.
    let between: Vec<String> = chain
        .map(|c| gaps(c, &chars))
        .unwrap_or_default()
        .into_iter()
        // One character is what is left of a longer name (香港岛 read as 香港), not a word.
        .filter(|(a, b)| b - a >= 2)
        .map(|(a, b)| chars[a..b].iter().collect())
        .collect();
    if !between.is_empty() {
        detail = [between.join(" "), detail].join(" ").trim().to_string();
    }
    if phone.is_none() {
        findings.push(Finding::warning(
            "PHONE_NOT_FOUND",
            "phone",
            "未识别出手机号或电话".to_string(),
            "no mobile or landline number recognised".to_string(),
        ));
    }
    if name.is_none() {
        findings.push(Finding::warning(
            "NAME_NOT_FOUND",
            "name",
            "未识别出收货人姓名".to_string(),
            "no recipient name recognised".to_string(),
        ));
    }
    let tenths = level_tenths
        + if phone.is_some() { 2 } else { 0 }
        + u32::from(name.is_some())
        + u32::from(!detail.is_empty());
    ParsedAddress {
        name,
        phone,
        province,
        city,
        district,
        region_code: code_node.map(|i| regions.region(i).code),
        detail,
        confidence: f64::from(tenths) / 10.0,
        candidates,
        findings,
    }
}
