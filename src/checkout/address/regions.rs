//! The regions table: China's administrative divisions read once from `data/regions.txt`
//! (see `scripts/build-regions.mjs` for its source and shape), with lookups by code, children
//! for pickers, and names with and without their suffixes (广东省 / 广东, 南山区 / 南山).

use super::Region;
use crate::foundation::error::{Error, ErrorKind, Result};
use std::collections::HashMap;

/// Province, prefecture-level city (incl. 自治州/地区/盟 and the 直辖县 groups), or county-level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Province,
    City,
    District,
}

#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) code: u32,
    pub(crate) name: Box<str>,
    pub(crate) parent: Option<u32>,
    pub(crate) level: Level,
    pub(crate) children: Vec<u32>,
}

/// One name a region answers to; `full` when it is the official name, not a shortened one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Alias {
    pub(crate) node: u32,
    pub(crate) full: bool,
}

/// The parsed table. Build with [`Regions::parse`] (or, natively, [`super::builtin`]).
#[derive(Debug)]
pub struct Regions {
    pub(crate) nodes: Vec<Node>,
    index: HashMap<u32, u32>,
    provinces: Vec<u32>,
    pub(crate) aliases: HashMap<Box<str>, Vec<Alias>>,
    pub(crate) max_alias_chars: usize,
    source: String,
    /// The header's `# removed:` lines: a code no longer in the table, its former name and the
    /// codes that took it over (a handful: searched in order).
    removed: Vec<(u32, Box<str>, Vec<u32>)>,
}

// Order matters: longer suffixes first, so 自治州 is not read as 州.
const SUFFIXES: [&str; 12] = [
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "新区",
    "省",
    "市",
    "区",
    "县",
];
const SHORT_SUFFIXES: [&str; 2] = ["旗", "盟"];

// The ethnic names inside 自治区/州/县/旗 names (黔东南苗族侗族自治州 → 黔东南), longest first
// where one is a prefix of another's tail.
const ETHNIC: [&str; 55] = [
    "柯尔克孜",
    "乌孜别克",
    "维吾尔",
    "哈萨克",
    "塔吉克",
    "达斡尔",
    "鄂温克",
    "鄂伦春",
    "俄罗斯",
    "塔塔尔",
    "蒙古",
    "布依",
    "朝鲜",
    "土家",
    "哈尼",
    "傈僳",
    "高山",
    "拉祜",
    "东乡",
    "纳西",
    "景颇",
    "仫佬",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "德昂",
    "保安",
    "裕固",
    "独龙",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "回",
    "藏",
    "苗",
    "彝",
    "壮",
    "满",
    "侗",
    "瑶",
    "白",
    "傣",
    "黎",
    "佤",
    "畲",
    "水",
    "土",
    "羌",
    "怒",
    "京",
];

fn bad(line: usize, what: &str) -> Error {
    Error::input(format!("regions line {line}: {what}"), "regions")
}

/// `330104 江干区 (now 330102 330114; source: assumed)` (after `# removed:`), as written by
/// `scripts/build-regions.mjs`; the `(now …)` part may be left out.
fn removed_line(line: &str) -> Option<(u32, Box<str>, Vec<u32>)> {
    let mut words = line.split(' ').filter(|w| !w.is_empty());
    let code = parse_code(words.next()?)?;
    let name = words.next()?;
    let mut into = Vec::new();
    if words.next() == Some("(now") {
        // `330102` `330114;`: six digits, the last one followed by `;` or `)`.
        for w in words {
            into.push(parse_code(w.get(..6)?)?);
            if w.len() > 6 {
                break;
            }
        }
    }
    Some((code, name.into(), into))
}

pub(crate) fn fmt_code(code: u32) -> String {
    format!("{code:06}")
}

/// A six-digit code as a number (codes start at 11, so every one is six digits).
pub(crate) fn parse_code(code: &str) -> Option<u32> {
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) && !code.starts_with('0') {
        code.parse().ok()
    } else {
        None
    }
}

/// The shortened names a region is also written as: 广西壮族自治区 → 广西, 南山区 → 南山,
/// 延边朝鲜族自治州 → 延边 and 延边州. Never shorter than two characters (忠县 stays 忠县).
pub(crate) fn short_names(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars = |s: &str| s.chars().count();
    let Some((stem, suffix)) = SUFFIXES
        .iter()
        .chain(SHORT_SUFFIXES.iter())
        .find_map(|s| name.strip_suffix(s).map(|stem| (stem, *s)))
    else {
        return out;
    };
    let mut stem = stem.to_string();
    if suffix.starts_with("自治") {
        // Drop the peoples' names from the tail, keeping at least two characters.
        loop {
            let trimmed = stem.strip_suffix('族').unwrap_or(&stem);
            let Some(rest) = ETHNIC.iter().find_map(|e| trimmed.strip_suffix(e)) else {
                break;
            };
            if chars(rest) < 2 {
                break;
            }
            stem = rest.to_string();
        }
    }
    if chars(&stem) >= 2 && stem != name {
        if suffix == "自治州" {
            out.push(format!("{stem}州"));
        }
        out.push(stem);
    }
    out
}

impl Regions {
    /// Read the table from the text of `data/regions.txt` (codes ascending). Errors
    /// (INVALID_INPUT at `regions`) name the line: a bad code, one out of order or repeated, a
    /// missing parent.
    pub fn parse(text: &str) -> Result<Regions> {
        let mut rows: Vec<(u32, &str, Option<u32>, usize)> = Vec::new();
        let mut source = String::new();
        let mut removed = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            let line = line.trim_end_matches('\r');
            if let Some(comment) = line.strip_prefix('#') {
                let comment = comment.trim();
                if let Some(s) = comment.strip_prefix("source:") {
                    source = s.trim().to_string();
                } else if let Some(r) = comment.strip_prefix("removed:") {
                    removed.push(removed_line(r).ok_or_else(|| bad(n, "bad removed line"))?);
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            let mut f = line.split(' ');
            let code = f
                .next()
                .and_then(parse_code)
                .ok_or_else(|| bad(n, "bad code"))?;
            let name = f
                .next()
                .filter(|s| !s.is_empty())
                .ok_or_else(|| bad(n, "no name"))?;
            let parent = match f.next() {
                Some(p) => Some(parse_code(p).ok_or_else(|| bad(n, "bad parent code"))?),
                None => None,
            };
            if f.next().is_some() {
                return Err(bad(n, "more than three fields"));
            }
            rows.push((code, name, parent, n));
        }
        // Sorted by the build script; checking it here spares the module a sort.
        let mut index = HashMap::with_capacity(rows.len());
        for (i, r) in rows.iter().enumerate() {
            if i > 0 && rows[i - 1].0 >= r.0 {
                return Err(bad(r.3, "codes not in ascending order (or a duplicate)"));
            }
            index.insert(r.0, i as u32);
        }
        let mut nodes: Vec<Node> = Vec::with_capacity(rows.len());
        for &(code, name, parent, n) in &rows {
            let parent = if code % 10000 == 0 {
                if parent.is_some() {
                    return Err(bad(n, "a province has no parent"));
                }
                None
            } else {
                let city = code / 100 * 100;
                let implied = if city != code && index.contains_key(&city) {
                    city
                } else {
                    code / 10000 * 10000
                };
                let p = parent.unwrap_or(implied);
                let &at = index
                    .get(&p)
                    .ok_or_else(|| bad(n, "parent not in the table"))?;
                Some(at)
            };
            let level = match parent {
                None => Level::Province,
                Some(p) if rows[p as usize].0.is_multiple_of(10000) && code.is_multiple_of(100) => {
                    Level::City
                }
                Some(_) => Level::District,
            };
            nodes.push(Node {
                code,
                name: name.into(),
                parent,
                level,
                children: Vec::new(),
            });
        }
        for i in 0..nodes.len() {
            if let Some(p) = nodes[i].parent {
                if nodes[p as usize].level == Level::District {
                    return Err(bad(rows[i].3, "parent is a district"));
                }
                nodes[p as usize].children.push(i as u32);
            }
        }
        let provinces = (0..nodes.len() as u32)
            .filter(|&i| nodes[i as usize].parent.is_none())
            .collect();
        let mut aliases: HashMap<Box<str>, Vec<Alias>> = HashMap::new();
        let mut max_alias_chars = 0;
        for (i, node) in nodes.iter().enumerate() {
            let mut add = |name: &str, full: bool| {
                max_alias_chars = max_alias_chars.max(name.chars().count());
                let list = aliases.entry(name.into()).or_default();
                if !list.iter().any(|a| a.node == i as u32) {
                    list.push(Alias {
                        node: i as u32,
                        full,
                    });
                }
            };
            add(&node.name, true);
            for s in short_names(&node.name) {
                add(&s, false);
            }
            // 苏州工业园区 under 苏州市 is also written 苏州市工业园区: the part after the city.
            if let Some(p) = node.parent.filter(|_| node.level == Level::District) {
                let city = &nodes[p as usize].name;
                for c in short_names(city) {
                    if let Some(rest) = node.name.strip_prefix(c.as_str()) {
                        if rest.chars().count() >= 3 {
                            add(rest, false);
                        }
                    }
                }
            }
        }
        Ok(Regions {
            nodes,
            index,
            provinces,
            aliases,
            max_alias_chars,
            source,
            removed,
        })
    }

    /// The node of a code as a number, if the table has it.
    pub(crate) fn at_code(&self, code: u32) -> Option<u32> {
        self.index.get(&code).copied()
    }

    /// A removed code's former name and the codes the header says took it over.
    pub(crate) fn removed(&self, code: u32) -> Option<(&str, &[u32])> {
        self.removed
            .iter()
            .find(|r| r.0 == code)
            .map(|(_, n, into)| (&**n, into.as_slice()))
    }

    /// Where the data came from (`# source:` in its header).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// How many regions the table holds.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub(crate) fn at(&self, code: &str) -> Option<u32> {
        parse_code(code).and_then(|c| self.index.get(&c).copied())
    }

    pub(crate) fn node(&self, i: u32) -> &Node {
        &self.nodes[i as usize]
    }

    pub(crate) fn region(&self, i: u32) -> Region {
        let n = self.node(i);
        Region {
            code: fmt_code(n.code),
            name: n.name.to_string(),
        }
    }

    /// The region with this code, if the table has it.
    pub fn get(&self, code: &str) -> Option<Region> {
        self.at(code).map(|i| self.region(i))
    }

    /// The level of a known code.
    pub fn level(&self, code: &str) -> Option<Level> {
        self.at(code).map(|i| self.node(i).level)
    }

    /// The parent of a known code (none for a province).
    pub fn parent(&self, code: &str) -> Option<Region> {
        self.at(code)
            .and_then(|i| self.node(i).parent)
            .map(|p| self.region(p))
    }

    /// Province first, then city, then district: the chain down to `code` (empty if unknown).
    pub fn path(&self, code: &str) -> Vec<Region> {
        self.path_at(self.at(code))
    }

    pub(crate) fn path_at(&self, node: Option<u32>) -> Vec<Region> {
        let mut out = Vec::new();
        let mut at = node;
        while let Some(i) = at {
            out.push(self.region(i));
            at = self.node(i).parent;
        }
        out.reverse();
        out
    }

    /// For pickers: the provinces (no parent), or the children of `parent` in code order (empty
    /// for a district, or a city without districts such as 东莞市). Unknown parent:
    /// UNKNOWN_REGION at `parentCode`.
    pub fn children(&self, parent: Option<&str>) -> Result<Vec<Region>> {
        let list = match parent {
            None => &self.provinces,
            Some(code) => {
                let i = self.at(code).ok_or_else(|| {
                    Error::new(
                        ErrorKind::UnknownRegion {
                            code: code.to_string(),
                        },
                        "parentCode",
                    )
                })?;
                &self.node(i).children
            }
        };
        Ok(list.iter().map(|&i| self.region(i)).collect())
    }

    /// Regions answering to a name, with or without its suffix: `find("鼓楼")` and
    /// `find("鼓楼区")` both give the four 鼓楼区; `find("广东")` gives 广东省. In code order.
    pub fn find(&self, name: &str) -> Vec<Region> {
        let mut hits: Vec<u32> = self
            .aliases
            .get(name.trim())
            .map(|l| l.iter().map(|a| a.node).collect())
            .unwrap_or_default();
        hits.sort_unstable();
        hits.into_iter().map(|i| self.region(i)).collect()
    }

    /// Nodes answering to a name among the children of `parent` (all provinces when none).
    pub(crate) fn find_under(&self, parent: Option<u32>, name: &str) -> Option<u32> {
        let name = name.trim();
        let hits = self.aliases.get(name)?;
        hits.iter()
            .map(|a| a.node)
            .find(|&i| self.node(i).parent == parent)
    }

    pub(crate) fn is_under(&self, ancestor: u32, mut i: u32) -> bool {
        while let Some(p) = self.node(i).parent {
            if p == ancestor {
                return true;
            }
            i = p;
        }
        false
    }

    /// Whether `ancestor` is `code` or one of its ancestors in this table (both must be known).
    pub fn covers(&self, ancestor: &str, code: &str) -> bool {
        match (self.at(ancestor), self.at(code)) {
            (Some(a), Some(c)) => a == c || self.is_under(a, c),
            _ => false,
        }
    }
}
