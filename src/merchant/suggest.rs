//! suggestCategory: which leaf a product title belongs in (类目错放 is the second most common
//! audit rejection). Scores come from the rulebook's `categoryKeywords` (term → weight per leaf)
//! and `keywordSynonyms`, plus each leaf's own name; matching folds the title like the banned-word
//! check (full-width, case, separators). A longer term claims its characters, so 笔记本电脑 counts
//! for laptops and not again as 笔记本 for notebooks; each term counts once per leaf.

use crate::foundation::finding::Finding;
use crate::merchant::listing::fold;
use crate::merchant::rulebook::Rulebook;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CategorySuggestion {
    pub category_id: String,
    /// Names root first.
    pub path: Vec<String>,
    pub path_en: Vec<String>,
    /// Sum of the weights of the leaf's terms found in the title.
    pub score: u32,
}

/// Weight of a leaf's own name when its keywords do not list it.
const NAME_WEIGHT: u32 = 2;

struct Term {
    chars: Vec<char>,
    /// (leaf index, weight)
    leaves: Vec<(usize, u32)>,
}

/// The rulebook's keyword table, folded once (a batch scores every row with it).
pub struct Suggester<'b> {
    book: &'b Rulebook,
    leaves: Vec<&'b str>,
    terms: Vec<Term>,
    /// Term indices (longest first, as `terms`) by their first character: a title is matched
    /// against the terms that can start in it, not the whole table (which was ~80 % of a
    /// listing's check, every term slid over every title).
    /// Sorted by the character (a binary search; a HashMap here cost 2.3 KB gzip of module).
    by_first: Vec<(char, Vec<usize>)>,
}

fn folded(s: &str) -> Vec<char> {
    s.chars().filter_map(fold).collect()
}

impl<'b> Suggester<'b> {
    pub fn new(book: &'b Rulebook) -> Suggester<'b> {
        let leaves: Vec<&str> = book
            .categories
            .iter()
            .filter(|c| book.is_leaf(&c.id))
            .map(|c| c.id.as_str())
            .collect();
        let mut table: BTreeMap<Vec<char>, Vec<(usize, u32)>> = BTreeMap::new();
        let mut add = |term: &str, leaf: usize, weight: u32| {
            let chars = folded(term);
            if chars.is_empty() || weight == 0 {
                return;
            }
            let list = table.entry(chars).or_default();
            match list.iter_mut().find(|(l, _)| *l == leaf) {
                Some(e) => e.1 = e.1.max(weight),
                None => list.push((leaf, weight)),
            }
        };
        for (i, id) in leaves.iter().enumerate() {
            let terms = book.category_keywords.get(*id);
            for (term, w) in terms.into_iter().flatten() {
                add(term, i, *w);
            }
            if let Some(c) = book.category(id) {
                add(&c.name, i, NAME_WEIGHT);
            }
            for (variant, term) in &book.keyword_synonyms {
                if let Some(w) = terms.and_then(|t| t.get(term)) {
                    add(variant, i, *w);
                }
            }
        }
        let mut terms: Vec<Term> = table
            .into_iter()
            .map(|(chars, leaves)| Term { chars, leaves })
            .collect();
        crate::foundation::sort::sort_by_key(&mut terms, |t| std::cmp::Reverse(t.chars.len()));
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        for (k, t) in terms.iter().enumerate() {
            match by_first.binary_search_by_key(&t.chars[0], |e| e.0) {
                Ok(i) => by_first[i].1.push(k),
                Err(i) => by_first.insert(i, (t.chars[0], vec![k])),
            }
        }
        Suggester {
            book,
            leaves,
            terms,
            by_first,
        }
    }

    /// Every leaf's score for a title (index as `leaves`).
    fn scores(&self, title: &str) -> Vec<u32> {
        self.scores_with(title, false)
    }

    /// `every_term`: try the whole table (the tests' oracle for the first-character index).
    fn scores_with(&self, title: &str, every_term: bool) -> Vec<u32> {
        let original: Vec<char> = title.chars().collect();
        let stream: Vec<(char, usize)> = original
            .iter()
            .enumerate()
            .filter_map(|(i, c)| fold(*c).map(|f| (f, i)))
            .collect();
        let chars: Vec<char> = stream.iter().map(|s| s.0).collect();
        let alnum_at = |i: Option<usize>| {
            i.and_then(|i| original.get(i))
                .and_then(|c| fold(*c))
                .is_some_and(|c| c.is_ascii_alphanumeric())
        };
        let mut taken = vec![false; chars.len()];
        let mut scores = vec![0u32; self.leaves.len()];
        let mut counted: HashSet<(usize, usize)> = HashSet::new();
        // Only terms whose first character is in the title can match; taken in the table's
        // order (longest first), so the claims are as if every term were tried.
        let mut firsts: Vec<char> = chars.clone();
        crate::foundation::sort::sort_by(&mut firsts, |a, b| a.cmp(b));
        firsts.dedup();
        let mut candidates: Vec<usize> = if every_term {
            (0..self.terms.len()).collect()
        } else {
            firsts
                .iter()
                .filter_map(|c| {
                    let i = self.by_first.binary_search_by_key(c, |e| e.0).ok()?;
                    Some(&self.by_first[i].1)
                })
                .flatten()
                .copied()
                .collect()
        };
        crate::foundation::sort::sort_by(&mut candidates, |a, b| a.cmp(b));
        // Terms longest first; a term's occurrences claim their characters together.
        for k in candidates {
            let t = &self.terms[k];
            let n = t.chars.len();
            if n > chars.len() {
                continue;
            }
            let mut claim = Vec::new();
            for start in 0..=chars.len() - n {
                if chars[start..start + n] != t.chars[..] || taken[start..start + n].contains(&true)
                {
                    continue;
                }
                let (first, last) = (stream[start].1, stream[start + n - 1].1);
                if (t.chars[0].is_ascii_alphanumeric() && alnum_at(first.checked_sub(1)))
                    || (t.chars[n - 1].is_ascii_alphanumeric() && alnum_at(Some(last + 1)))
                {
                    continue;
                }
                claim.push(start);
            }
            for &start in &claim {
                taken[start..start + n].iter_mut().for_each(|x| *x = true);
            }
            if !claim.is_empty() {
                for &(leaf, w) in &t.leaves {
                    if counted.insert((leaf, k)) {
                        scores[leaf] += w;
                    }
                }
            }
        }
        scores
    }

    /// The best `limit` leaves with a score above zero, best first (ties: rulebook order).
    pub fn suggest(&self, title: &str, limit: usize) -> Vec<CategorySuggestion> {
        self.ranked(&self.scores(title), limit)
    }

    fn ranked(&self, scores: &[u32], limit: usize) -> Vec<CategorySuggestion> {
        let mut ranked: Vec<(u32, usize)> = scores
            .iter()
            .enumerate()
            .filter(|(_, s)| **s > 0)
            .map(|(i, s)| (*s, i))
            .collect();
        crate::foundation::sort::sort_by(&mut ranked, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked
            .into_iter()
            .take(limit)
            .map(|(score, i)| {
                let lineage = self.book.lineage(self.leaves[i]);
                CategorySuggestion {
                    category_id: self.leaves[i].to_string(),
                    path: lineage.iter().map(|c| c.name.clone()).collect(),
                    path_en: lineage.iter().map(|c| c.name_en.clone()).collect(),
                    score,
                }
            })
            .collect()
    }

    /// CATEGORY_MISMATCH: the title scores well for another leaf and not at all for the chosen
    /// one (a warning: the merchant may know better).
    pub fn mismatch(&self, category: &str, title: &str) -> Option<Finding> {
        let min = self.book.listing.category_mismatch_min_score?;
        let mine = self.leaves.iter().position(|l| *l == category)?;
        let scores = self.scores(title);
        if scores[mine] > 0 {
            return None;
        }
        let best = self.ranked(&scores, 1).into_iter().next()?;
        if best.score < min {
            return None;
        }
        let chosen = self.book.lineage(category);
        let zh = |p: &[String]| p.join(" > ");
        let mut f = Finding::warning(
            "CATEGORY_MISMATCH",
            "categoryId",
            format!(
                "标题看起来属于“{}”，而不是所选的“{}”，类目错放会被驳回",
                zh(&best.path),
                chosen
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" > ")
            ),
            format!(
                "the title looks like \"{}\", not the chosen \"{}\": a wrong category is rejected",
                best.path_en.join(" > "),
                chosen
                    .iter()
                    .map(|c| c.name_en.as_str())
                    .collect::<Vec<_>>()
                    .join(" > ")
            ),
        )
        .fix(
            format!("改放到“{}”，或修改标题", zh(&best.path)),
            format!(
                "move it to \"{}\" or reword the title",
                best.path_en.join(" > ")
            ),
        );
        if let Some(src) = &self.book.listing.category_mismatch_source {
            f = f.source(src);
        }
        Some(f)
    }
}

/// The best leaves for a title, best first (at most `limit`).
pub fn suggest_category(book: &Rulebook, title: &str, limit: usize) -> Vec<CategorySuggestion> {
    crate::merchant::listing::TablesRef::of(book)
        .suggester
        .suggest(title, limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merchant::rulebook::default_rulebook;

    /// The first-character index scores every title as trying the whole table does: titles made
    /// of the rulebook's own terms (so longer terms claim over shorter ones), with fillers,
    /// full-width and ASCII neighbours, from a fixed-seed generator.
    #[test]
    fn indexed_scores_equal_the_whole_table() {
        let book = default_rulebook();
        let s = Suggester::new(book);
        let words: Vec<String> = s.terms.iter().map(|t| t.chars.iter().collect()).collect();
        let fillers = ["", " ", "新款", "Ａ", "x", "2024", "·", "礼盒装"];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |m: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m as u64) as usize
        };
        let mut matched = 0;
        for _ in 0..3000 {
            let mut title = String::new();
            for _ in 0..1 + next(4) {
                title.push_str(fillers[next(fillers.len())]);
                title.push_str(&words[next(words.len())]);
            }
            let fast = s.scores_with(&title, false);
            assert_eq!(fast, s.scores_with(&title, true), "{title}");
            matched += usize::from(fast.iter().any(|x| *x > 0));
        }
        assert!(matched > 2500, "titles of terms should score: {matched}");
    }
}
