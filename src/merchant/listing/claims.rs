//! Word lists matched the way reviewers read: full-width forms folded to half-width (NFKC for
//! the ASCII block), Latin letters in lower case, and separators between the characters ignored,
//! so "Ｎｏ．１", "NO.1", "No 1", "第 一" and "全-网-最-低" are all found. Positions are reported in
//! the merchant's own text. Used for 广告法极限词 and for disease and efficacy claims.

use super::*;

/// Fold one character: full-width ASCII to half-width, ideographic space to a space, Latin to
/// lower case. None for a separator (spaces and punctuation that may be slipped between
/// characters); `%` is kept, it is part of "100%".
pub(crate) fn fold(c: char) -> Option<char> {
    let c = match c as u32 {
        0xff01..=0xff5e => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        0x3000 | 0x00a0 => ' ',
        _ => c,
    };
    let sep = c.is_whitespace()
        || ".·•・-_—–~*×|/\\,，。、:;!?'\"“”‘’()（）[]【】{}<>《》+=#@&^$…「」『』".contains(c);
    (!sep).then(|| c.to_ascii_lowercase())
}

/// A word list, folded, longest first, indexed by first character.
pub(crate) struct WordMatcher {
    /// (folded word, index in the rulebook list)
    words: Vec<(Vec<char>, usize)>,
    /// (first character, position in `words`), sorted for binary search.
    by_first: Vec<(char, usize)>,
    exceptions: Vec<Vec<char>>,
}

fn folded(w: &str) -> Vec<char> {
    w.chars().filter_map(fold).collect()
}

impl WordMatcher {
    pub(crate) fn new(words: &[String], exceptions: &[String]) -> WordMatcher {
        let mut list: Vec<(Vec<char>, usize)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (folded(w), i))
            .filter(|(w, _)| !w.is_empty())
            .collect();
        // Longest first, so 全网最低价 is reported rather than the 最 inside it.
        crate::foundation::sort::sort_by_key(&mut list, |(w, i)| (std::cmp::Reverse(w.len()), *i));
        let mut by_first: Vec<(char, usize)> = list
            .iter()
            .enumerate()
            .map(|(k, (w, _))| (w[0], k))
            .collect();
        crate::foundation::sort::sort(&mut by_first);
        WordMatcher {
            words: list,
            by_first,
            exceptions: exceptions
                .iter()
                .map(|w| folded(w))
                .filter(|w| !w.is_empty())
                .collect(),
        }
    }

    fn starting_with(&self, c: char) -> &[(char, usize)] {
        let from = self.by_first.partition_point(|(k, _)| *k < c);
        let to = self.by_first.partition_point(|(k, _)| *k <= c);
        &self.by_first[from..to]
    }

    /// Each word found, once, with every 1-based character position in `text`; in the order
    /// longest word first. Exception words (最近) are never reported; a word whose first or last
    /// character is a Latin letter or digit must not run on into another (laptop10 is not TOP1).
    pub(crate) fn find(&self, text: &str) -> Vec<(usize, Vec<usize>)> {
        let original: Vec<char> = text.chars().collect();
        let stream: Vec<(char, usize)> = original
            .iter()
            .enumerate()
            .filter_map(|(i, c)| fold(*c).map(|f| (f, i)))
            .collect();
        if !stream
            .iter()
            .any(|(c, _)| !self.starting_with(*c).is_empty())
        {
            return Vec::new();
        }
        let chars: Vec<char> = stream.iter().map(|s| s.0).collect();
        let mut taken = vec![false; chars.len()];
        for ex in &self.exceptions {
            for start in find_all(&chars, ex) {
                taken[start..start + ex.len()]
                    .iter_mut()
                    .for_each(|t| *t = true);
            }
        }
        let alnum_at = |i: Option<usize>| {
            i.and_then(|i| original.get(i))
                .and_then(|c| fold(*c))
                .is_some_and(|c| c.is_ascii_alphanumeric())
        };
        let mut matches: Vec<(usize, usize)> = Vec::new();
        for (start, c) in chars.iter().enumerate() {
            for &(_, k) in self.starting_with(*c) {
                let w = &self.words[k].0;
                if !chars[start..].starts_with(w) {
                    continue;
                }
                let (first, last) = (stream[start].1, stream[start + w.len() - 1].1);
                if (w[0].is_ascii_alphanumeric() && alnum_at(first.checked_sub(1)))
                    || (w[w.len() - 1].is_ascii_alphanumeric() && alnum_at(Some(last + 1)))
                {
                    continue;
                }
                matches.push((k, start));
            }
        }
        crate::foundation::sort::sort(&mut matches);
        let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
        for (k, start) in matches {
            let len = self.words[k].0.len();
            if taken[start..start + len].iter().any(|t| *t) {
                continue;
            }
            taken[start..start + len].iter_mut().for_each(|t| *t = true);
            let word = self.words[k].1;
            match out.last_mut() {
                Some((last, list)) if *last == word => list.push(stream[start].1 + 1),
                _ => out.push((word, vec![stream[start].1 + 1])),
            }
        }
        out
    }
}

fn positions(at: &[usize], sep: &str) -> String {
    at.iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(sep)
}

impl Validator<'_> {
    /// 广告法极限词, each reported once per field with every position (1-based characters).
    pub(super) fn banned_words(&self, field: &str, text: &str, f: &mut Vec<Finding>) {
        let list = &self.book.listing.banned_words;
        for (w, at) in self.tables.banned.find(text) {
            let w = &list[w];
            let (zh, en) = (positions(&at, "、"), positions(&at, ", "));
            f.push(
                Finding::error(
                    "BANNED_WORD",
                    field,
                    format!("含广告法禁用词“{w}”（第 {zh} 个字）"),
                    format!("contains the banned absolute word \"{w}\" (at character {en})"),
                )
                .fix(
                    format!("删除“{w}”，改用客观描述"),
                    format!("remove \"{w}\" and describe the product factually"),
                )
                .source(&self.book.listing.banned_words_source),
            );
        }
    }

    /// Disease and efficacy claims outside the categories whose purpose they are.
    pub(super) fn medical_claims(
        &self,
        category: &str,
        field: &str,
        text: &str,
        f: &mut Vec<Finding>,
    ) {
        let rules = &self.book.listing;
        if rules
            .medical_claims_allowed_in
            .iter()
            .any(|c| crate::merchant::category::covers(c, category))
        {
            return;
        }
        for (w, at) in self.tables.claims.find(text) {
            let w = &rules.medical_claims[w];
            let (zh, en) = (positions(&at, "、"), positions(&at, ", "));
            let mut finding = Finding::error(
                "MEDICAL_CLAIM",
                field,
                format!("含疾病治疗或功效宣称“{w}”（第 {zh} 个字），普通食品、化妆品和商品不得宣称"),
                format!("claims \"{w}\" (at character {en}): food, cosmetics and ordinary goods may not claim to prevent or treat disease"),
            )
            .fix(
                format!("删除“{w}”，只写成分、规格和用法"),
                format!("remove \"{w}\"; state ingredients, size and use"),
            );
            if let Some(src) = &rules.medical_claims_source {
                finding = finding.source(src);
            }
            f.push(finding);
        }
    }
}
